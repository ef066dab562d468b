"""Streamlit pieces of the rectification ledger: a problem's status line, the overview's counts."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from app.frame import View
from common import settings
from kpi import facts, ledger, vocabulary
from kpi.text import fmt_date, md_escape, t


def status_words(item: pd.Series, lang: str) -> str:
    """Markdown '已完成 · :green[■] 绿灯' for a ledger row (status, then its light when there is one)."""
    words = md_escape(vocabulary.word("statuses", item["status"], lang))
    return words if item["light"] == "none" else f"{words} · {t('light.' + item['light'], lang)}"


def ledger_line(item: pd.Series, view: View) -> None:
    """Status, light, deadline and responsible unit of a problem, or why it says 未说明."""
    lang = view.lang
    parts = [f"**{t('areas.status', lang)}** {status_words(item, lang)}"]
    if pd.notna(item["deadline"]):
        parts.append(t("ledger.deadline", lang, d=fmt_date(item["deadline"], lang)))
    if pd.notna(item["responsible_unit"]):
        parts.append(md_escape(t("ledger.unit", lang, unit=item["responsible_unit"])))
    st.markdown(" · ".join(parts))
    if item["status"] == "not_stated":
        done = facts.completion(view.report_id)
        problems = done[done["subject"] == "problems"]
        if not problems.empty:
            p = problems.iloc[0]
            st.caption(t("status.note", lang, as_of=fmt_date(p["as_of"], lang), done=f"{p['done']:g}",
                         total=f"{p['total']:g}"))


def ledger_summary(view: View) -> None:
    """Status counts and warning lights for problems and measures."""
    lang = view.lang
    today = settings.today()
    tables = ledger.summary(view.report_id, lang, today)
    st.caption(t("ledger.note", lang, today=fmt_date(today, lang), days=settings.AMBER_DAYS))
    for level, col in zip(("problem", "measure"), st.columns(2)):
        table, lights = tables[level]
        with col:
            st.markdown(f"**{t('ledger.' + level + 's', lang)}**")
            st.dataframe(table, hide_index=True, width="stretch")
            st.markdown(lights)
    if tables["urgent"] is not None:
        st.markdown(f"**{t('ledger.attention', lang)}**")
        st.dataframe(tables["urgent"], hide_index=True, width="stretch")
