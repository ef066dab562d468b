"""Entry point and the 总览 Overview page: headline tiles, completion, the seven areas.

`streamlit run dashboard.py`; the other pages are in pages/ (classic discovery, our own
translated sidebar: see kpi/ui.py)."""
import streamlit as st

from app import ledger as ui_ledger
from app import widgets as ui
from kpi import charts, facts
from kpi.text import t


def overview(lang: str) -> None:
    latest = facts.latest()
    st.subheader(t("overview.headline", lang))
    done = facts.completion(latest)
    cols = st.columns(2)
    for col, (_, c) in zip(cols, done.iterrows()):
        with col:
            ui.tile(facts.pick([c["indicator_id"]], latest).iloc[0], lang, label=t(f"tile.{c['subject']}", lang),
                    value=t("tile.of", lang, done=f"{c['done']:g}", total=f"{c['total']:g}"))
    ui.tiles(facts.pick(facts.HEADLINE_IDS[2:], latest), lang)
    st.subheader(t("overview.completion", lang))
    ui.chart(charts.get("completion", lang), lang)
    st.subheader(t("ledger.title", lang))
    ui_ledger.ledger_summary(lang)
    st.subheader(t("overview.by_area", lang))
    st.info(t("overview.by_area_note", lang), icon=":material/info:")
    ui.chart(charts.get("by_area", lang), lang)


ui.run_page("nav.overview", overview)
