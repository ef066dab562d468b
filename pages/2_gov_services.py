"""政务服务 Government services: delegated items, windows and staff, approval times."""
import streamlit as st

from app import widgets as ui
from kpi import charts, facts
from kpi.text import t


def gov_services(lang: str) -> None:
    latest = facts.latest()
    st.subheader(t("services.items", lang))
    items = facts.pick(facts.SERVICE_ITEMS, latest)
    ui.tiles(items, lang)
    ui.chart(charts.get("service_items", lang), lang)
    st.subheader(t("services.capacity", lang))
    ui.tiles(facts.pick(facts.SERVICE_WINDOWS, latest), lang, per_row=3)
    st.subheader(t("services.approval", lang))
    approvals = facts.pick(facts.APPROVAL_IDS, latest)
    ui.tiles(approvals, lang, per_row=3)
    ui.chart(charts.get("approval_times", lang), lang)
    st.caption(t("chart.approval.months_note", lang))


ui.run_page("nav.services", gov_services)
