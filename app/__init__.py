"""The Streamlit side: page frame, widgets and page parts. Only this package (and the pages)
imports streamlit; it sits above the read side (kpi) and the write side (etl)."""
