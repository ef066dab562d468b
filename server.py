"""The server: Streamlit's app (dashboard.py and pages/) and, beside it, the sign-in pages of
built-in accounts (app/web.py). `streamlit run server.py` (make run does)."""
import streamlit as st

from app.web import routes

app = st.App("dashboard.py", routes=routes())
