"""Verdicts beside the figures they judge: whether a figure changed since it was checked, and
the verdict log as CSV and XLSX. (The verdicts themselves are in the store: store/verdicts.py.)"""
from __future__ import annotations

import io

import pandas as pd

from store.verdicts import STATUSES, sha  # noqa: F401  (re-exported for the pages)


def recheck(latest: pd.DataFrame, facts: pd.DataFrame) -> pd.DataFrame:
    """Latest verdicts beside the current figures: recheck where value, value_text or quote changed or is gone."""
    current = facts[["obs_id", "value", "value_text", "quote"]].rename(
        columns=lambda c: c if c == "obs_id" else f"current_{c}")
    out = latest.merge(current, on="obs_id", how="left", validate="one_to_one", indicator=True)
    out["missing"] = out.pop("_merge").eq("left_only").astype(bool)
    out["changed"] = ["missing" if gone else ",".join(_changes(r))
                      for gone, r in zip(out["missing"], out.itertuples(index=False))]
    out["recheck"] = (out["changed"] != "").astype(bool)
    return out


def log_csv(df: pd.DataFrame) -> bytes:
    """The verdicts as CSV: UTF-8 with BOM, formula-looking cells neutralised."""
    from kpi.exports import (
        csv_bytes,  # imported here: kpi.exports pulls in plotly, writers do not need it
    )

    return csv_bytes(df)


def log_xlsx(df: pd.DataFrame, title: str = "verdicts") -> bytes:
    """The log as an XLSX workbook: one sheet, bold header, cells neutralised."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from kpi.exports import neutralise

    wb = Workbook()
    sheet, out = wb.active, io.BytesIO()
    sheet.title = title
    for row in [list(df.columns)] + df.astype(object).where(df.notna(), None).values.tolist():
        sheet.append([neutralise(v) for v in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    wb.save(out)
    return out.getvalue()


def _changes(r) -> list[str]:
    """Which of value, value_text, quote differ between a verdict and the current observation."""
    value, now = (None if pd.isna(x) else float(x) for x in (r.value, r.current_value))
    differs = {"value": value != now, "value_text": r.value_text != (r.current_value_text if isinstance(
        r.current_value_text, str) else ""), "quote": r.quote_sha256 != sha(r.current_quote)}
    return [name for name, changed in differs.items() if changed]
