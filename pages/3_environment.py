"""生态环境 Environment and smart supervision: TVOC as an index, patrols, water class."""
import streamlit as st

from app import widgets as ui
from kpi import charts, facts
from kpi.text import t


def environment(lang: str) -> None:
    latest = facts.latest()
    st.subheader(t("env.tvoc", lang))
    tvoc = facts.pick(["tvoc_change"], latest)
    left, right = st.columns([1, 2])
    with left:
        ui.tiles(tvoc, lang, per_row=1)
        st.caption(t("chart.tvoc.note", lang))
    with right:
        ui.chart(charts.get("tvoc_index", lang), lang)
    st.subheader(t("env.supervision", lang))
    ui.tiles(facts.pick(facts.ENV_SUPERVISION, latest), lang, per_row=3)
    st.caption(t("env.water_note", lang))


ui.run_page("nav.environment", environment)
