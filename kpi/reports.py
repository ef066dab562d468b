"""The reports in the database: which there are, which is the newest, and each one's facts."""
from __future__ import annotations

import pandas as pd

from kpi.db import query


class UnknownReport(LookupError):
    """No report with that id in the database."""


def all_reports() -> pd.DataFrame:
    """Every report (report_facts), newest first."""
    return query("reports")


def ids() -> list[str]:
    return list(all_reports()["report_id"])


def newest() -> str:
    """The id of the newest report: the one a page shows when the URL names none."""
    return ids()[0]


def resolve(report_id: str | None) -> str:
    """report_id when it names a report, the newest when it is empty; else UnknownReport."""
    if not report_id:
        return newest()
    if report_id not in ids():
        raise UnknownReport(report_id)
    return report_id


def get(report_id: str) -> dict:
    """One report's row of report_facts: names, document, dates (published, document_as_of,
    data_as_of: the newest as-of of any of its sources), number of update files."""
    rows = all_reports()
    found = rows[rows["report_id"] == report_id]
    if found.empty:
        raise UnknownReport(report_id)
    return found.iloc[0].to_dict()
