"""Streamlit pieces of progress by problem area: the status chart, lights at a glance, an area's
items (the drill-down) and its completions over time."""
from __future__ import annotations

import streamlit as st

from app import widgets
from app.frame import View
from common import settings
from kpi import charts, progress
from kpi.text import fmt_date, md_escape, t


def area_status(view: View) -> None:
    widgets.chart(charts.area_status(view.report_id, view.lang), view)


def area_lights(view: View) -> None:
    """Per area: red, amber, green, no deadline, at today (KPI_TODAY fixes it) - words and shapes, not colour alone."""
    lang, today = view.lang, settings.today()
    st.markdown(f"**{t('progress.lights', lang, today=fmt_date(today, lang))}**")
    st.dataframe(progress.lights_table(view.report_id, lang, today), hide_index=True, width="stretch")


def area_items(view: View, area_no: int) -> None:
    """The drill-down: the area's problems and measures as a table, with PNG, CSV and XLSX downloads."""
    chart = charts.area_items(view.report_id, area_no, view.lang)
    st.markdown(f"**{md_escape(chart.title)}**")
    st.dataframe(chart.table, hide_index=True, width="stretch")
    widgets.downloads(chart, view.lang)


def area_over_time(view: View, area_no: int) -> None:
    chart = charts.area_over_time(view.report_id, area_no, view.lang)
    if chart is None:
        st.caption(t("progress.no_dates", view.lang))
    else:
        widgets.chart(chart, view)
