"""Entry point and the 总览 Overview page: what the report's dashboard.yml puts on it.

`streamlit run dashboard.py`; the other pages are in pages/ (classic discovery, our own
translated sidebar: see app/frame.py)."""
from app import blocks, frame
from kpi import layout


def overview(view: frame.View) -> None:
    blocks.sections(layout.overview(view.report_id), view)


frame.run_page("overview", overview)
