"""Neutral ground: what the write side (etl), the read side (kpi) and the app all need.

Nothing here imports etl, kpi or streamlit."""
