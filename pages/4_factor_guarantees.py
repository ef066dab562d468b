"""要素保障 Factor guarantees: land, transport, gas, public services."""
import streamlit as st

from app import widgets as ui
from kpi import charts, facts
from kpi.text import t


def factor_guarantees(lang: str) -> None:
    latest = facts.latest()
    st.subheader(t("factors.land", lang))
    land = facts.pick(facts.FACTOR_LAND, latest)
    ui.tiles(land, lang, per_row=2)
    ui.chart(charts.get("land", lang), lang)
    st.caption(t("chart.more_than_note", lang))
    st.subheader(t("factors.transport", lang))
    ui.tiles(facts.pick(facts.FACTOR_TRANSPORT, latest), lang, per_row=2)
    st.subheader(t("factors.gas", lang))
    ui.tiles(facts.pick(facts.FACTOR_GAS, latest), lang, per_row=3)
    st.subheader(t("factors.public", lang))
    ui.tiles(facts.pick(facts.FACTOR_PUBLIC, latest), lang, per_row=2)


ui.run_page("nav.factors", factor_guarantees)
