"""A report's own page (?page=<id>): the sections its dashboard.yml gives that page."""
import streamlit as st

from app import blocks, frame
from kpi import layout


def theme(view: frame.View) -> None:
    page_id = st.query_params.get("page")
    page = layout.page(view.report_id, page_id) if page_id else (layout.pages(view.report_id) or [None])[0]
    if page is None:
        st.error(view.t("error.unknown_page", page=page_id or ""))
        return
    blocks.sections(page["sections"], view)


frame.run_page("theme", theme)
