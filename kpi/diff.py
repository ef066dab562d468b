"""A submission beside the dashboard's current figures: for each row, what is shown now and
what it would become (old -> new), so that a checker reviews a change, not a file."""
from __future__ import annotations

import pandas as pd

from kpi import facts, ledger, vocabulary
from kpi.text import fmt_date, fmt_period, fmt_row, fmt_value, localized


def indicator_changes(report_id: str, rows: list[dict], lang: str) -> pd.DataFrame:
    """rows: the submission's checked indicator rows (indicator_id, value, qualifier, as_of, period, source)."""
    latest = facts.latest(report_id).set_index("indicator_id")
    out = []
    for r in rows:
        now = latest.loc[r["indicator_id"]]
        new = fmt_value(r["value"], r["qualifier"], now["unit"], now["unit_en"], lang, now["kind"])
        out.append({"where": r["where"], "id": r["indicator_id"], "name": localized(now, "name", lang),
                    "old": f"{fmt_row(now, lang)}（{fmt_date(now['as_of'], lang)}）" if lang == "zh"
                    else f"{fmt_row(now, lang)} ({fmt_date(now['as_of'], lang)})",
                    "new": f"{new}（{fmt_date(r['as_of'], lang)}）" if lang == "zh" else f"{new} ({fmt_date(r['as_of'], lang)})",
                    "period": fmt_period(r.get("period"), lang), "source": r.get("source") or ""})
    return pd.DataFrame(out, columns=["where", "id", "name", "old", "new", "period", "source"])


def ledger_changes(report_id: str, rows: list[dict], lang: str) -> pd.DataFrame:
    """rows: the submission's checked ledger rows (code, status, deadline, completed_on, …)."""
    items = ledger.status(report_id).set_index("code")
    out = []
    for r in rows:
        now = items.loc[r["code"]]
        out.append({"where": r["where"], "id": r["code"], "name": localized(now, "title", lang),
                    "old": vocabulary.word("statuses", now["status"], lang),
                    "new": vocabulary.word("statuses", r["status"], lang),
                    "deadline": fmt_date(r.get("deadline"), lang) if r.get("deadline") else "",
                    "completed": fmt_date(r.get("completed_on"), lang) if r.get("completed_on") else "",
                    "unit": r.get("responsible_unit") or ""})
    return pd.DataFrame(out, columns=["where", "id", "name", "old", "new", "deadline", "completed", "unit"])
