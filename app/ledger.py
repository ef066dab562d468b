"""Streamlit pieces of the rectification ledger: a problem's status line, the overview's counts."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from common import settings
from kpi import ledger
from kpi.text import fmt_date, md_escape, t


def status_words(item: pd.Series, lang: str) -> str:
    """'已完成 · :green[■] 绿灯' for a ledger row (status, then its light when there is one)."""
    words = t(f"status.{item['status']}", lang)
    return words if item["light"] == "none" else f"{words} · {t('light.' + item['light'], lang)}"


def ledger_line(item: pd.Series, lang: str) -> None:
    """Status, light, deadline and responsible unit of a problem, or why it says 未说明."""
    parts = [f"**{t('areas.status', lang)}** {status_words(item, lang)}"]
    if pd.notna(item["deadline"]):
        parts.append(t("ledger.deadline", lang, d=fmt_date(item["deadline"], lang)))
    if pd.notna(item["responsible_unit"]):
        parts.append(md_escape(t("ledger.unit", lang, unit=item["responsible_unit"])))
    st.markdown(" · ".join(parts))
    if item["status"] == "not_stated":
        st.caption(t("status.note", lang))


def ledger_summary(lang: str) -> None:
    """Status counts and warning lights for problems and measures."""
    rows = ledger.status()
    st.caption(t("ledger.note", lang, today=fmt_date(settings.today(), lang), days=settings.AMBER_DAYS))
    for level, col in zip(("problem", "measure"), st.columns(2)):
        by_status, by_light = ledger.counts(rows, level)
        with col:
            st.markdown(f"**{t('ledger.' + level + 's', lang)}**")
            st.dataframe(pd.DataFrame({
                t("areas.status", lang).rstrip("：:"): [t(f"status.{s}", lang) for s in by_status.index],
                "n": by_status["status"].values}), hide_index=True, width="stretch")
            st.markdown(" · ".join(f"{t('light.' + k, lang)} {v}" for k, v in by_light["light"].items() if v))
    urgent = rows[rows["light"].isin(["red", "amber"])].sort_values("days_left")
    if not urgent.empty:
        st.markdown(f"**{t('ledger.attention', lang)}**")
        st.dataframe(pd.DataFrame({
            t("ledger.col.code", lang): urgent["code"],
            t("ledger.col.title", lang): urgent["title_zh" if lang == "zh" else "title_en"],
            t("areas.status", lang).rstrip("：:"): [t(f"status.{s}", lang) for s in urgent["status"]],
            t("ledger.col.deadline", lang): urgent["deadline"],
            t("ledger.col.days", lang): urgent["days_left"],
            t("ledger.col.unit", lang): urgent["responsible_unit"]}), hide_index=True, width="stretch")
