"""The benchmark's floor: a bare Streamlit page with one Plotly chart of two bars.

Synthetic (made-up values, not a report figure); only `make bench` serves it, with the
project's own Streamlit config, to measure what Streamlit itself costs."""
import plotly.graph_objects as go
import streamlit as st

st.plotly_chart(go.Figure(go.Bar(x=["A", "B"], y=[1, 2])))
