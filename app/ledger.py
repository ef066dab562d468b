"""Streamlit pieces of the rectification ledger: a problem's status line, the overview's counts."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from app.frame import View
from common import settings
from kpi import facts, ledger, vocabulary
from kpi.text import fmt_date, localized, md_escape, t


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
    rows = ledger.status(view.report_id)
    st.caption(t("ledger.note", lang, today=fmt_date(settings.today(), lang), days=settings.AMBER_DAYS))
    for level, col in zip(("problem", "measure"), st.columns(2)):
        by_status, by_light = ledger.counts(rows, level)
        with col:
            st.markdown(f"**{t('ledger.' + level + 's', lang)}**")
            st.dataframe(pd.DataFrame({
                t("ledger.col.status", lang): [vocabulary.word("statuses", s, lang) for s in by_status.index],
                t("table.count", lang): by_status["status"].values}), hide_index=True, width="stretch")
            st.markdown(" · ".join(f"{t('light.' + k, lang)} {v}" for k, v in by_light["light"].items() if v))
    urgent = rows[rows["light"].isin(["red", "amber"])].sort_values("days_left")
    if not urgent.empty:
        st.markdown(f"**{t('ledger.attention', lang)}**")
        st.dataframe(pd.DataFrame({
            t("ledger.col.code", lang): urgent["code"],
            t("ledger.col.title", lang): [localized(r, "title", lang) for _, r in urgent.iterrows()],
            t("ledger.col.status", lang): [vocabulary.word("statuses", s, lang) for s in urgent["status"]],
            t("ledger.col.deadline", lang): [fmt_date(d, lang) for d in urgent["deadline"]],
            t("ledger.col.days", lang): urgent["days_left"],
            t("ledger.col.unit", lang): urgent["responsible_unit"]}), hide_index=True, width="stretch")
