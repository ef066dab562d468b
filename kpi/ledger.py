"""The rectification ledger (整改台账): statuses as reported, and deadline warning lights."""
from __future__ import annotations

from datetime import date

import pandas as pd

from common import settings
from kpi import vocabulary
from kpi.db import cached_per_build, query
from kpi.text import fmt_date, localized, t

STATUS_ORDER = ("completed", "in_progress", "ongoing", "extension_requested", "not_stated")
LIGHTS = ("red", "amber", "green", "none")


def light(status: str, deadline, today: date, amber_days: int | None = None) -> str:
    """red: overdue and not completed; amber: due within amber_days; green: otherwise;
    none: no deadline reported and not completed (nothing to warn about yet)."""
    amber_days = settings.AMBER_DAYS if amber_days is None else amber_days
    if status == "completed":
        return "green"
    if deadline is None or pd.isna(deadline):
        return "none"
    days = (pd.Timestamp(deadline).date() - today).days
    if days < 0:
        return "red"
    return "amber" if days <= amber_days else "green"


def status(report_id: str, today: date | None = None) -> pd.DataFrame:
    """Every problem and measure of a report: newest status, dates, responsible unit and its light
    (made once per build and day, and shared: do not change it)."""
    return _status(report_id, today or settings.today())


@cached_per_build
def _status(report_id: str, today: date) -> pd.DataFrame:
    rows = query("ledger_status", report_id=report_id)
    rows["light"] = [light(s, d, today) for s, d in zip(rows["status"], rows["deadline"])]
    rows["days_left"] = [None if pd.isna(d) else (pd.Timestamp(d).date() - today).days for d in rows["deadline"]]
    return rows


def counts(rows: pd.DataFrame, level: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """How many problems (or measures) have each status and each light."""
    part = rows[rows["level"] == level]
    by_status = part["status"].value_counts().reindex(STATUS_ORDER, fill_value=0)
    by_light = part["light"].value_counts().reindex(LIGHTS, fill_value=0)
    return pd.DataFrame({"status": by_status}), pd.DataFrame({"light": by_light})


@cached_per_build
def summary(report_id: str, lang: str, today: date) -> dict:
    """What the overview's ledger block shows, as tables in lang (made once per build and day):
    per level, (status counts table, lights line in markdown); and "urgent": the red and amber
    items, most urgent first (None when there are none)."""
    rows = status(report_id, today)
    out = {}
    for level in ("problem", "measure"):
        by_status, by_light = counts(rows, level)
        table = pd.DataFrame({t("ledger.col.status", lang): [vocabulary.word("statuses", s, lang)
                                                             for s in by_status.index],
                              t("table.count", lang): by_status["status"].values})
        out[level] = table, " · ".join(f"{t('light.' + k, lang)} {v}" for k, v in by_light["light"].items() if v)
    urgent = rows[rows["light"].isin(["red", "amber"])].sort_values("days_left")
    out["urgent"] = None if urgent.empty else pd.DataFrame({
        t("ledger.col.code", lang): urgent["code"],
        t("ledger.col.title", lang): [localized(r, "title", lang) for _, r in urgent.iterrows()],
        t("ledger.col.status", lang): [vocabulary.word("statuses", s, lang) for s in urgent["status"]],
        t("ledger.col.deadline", lang): [fmt_date(d, lang) for d in urgent["deadline"]],
        t("ledger.col.days", lang): urgent["days_left"],
        t("ledger.col.unit", lang): urgent["responsible_unit"]})
    return out
