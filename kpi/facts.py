"""What the pages show of one report, as DataFrames and dicts: every figure with its source.

Every function takes the report's id: nothing of one report reaches another's pages.
"""
from __future__ import annotations

import re

import pandas as pd

from kpi.db import cached_per_build, query

# A sentence ends at 。；！？ or a line break (the report uses ASCII commas inside sentences).
_SENTENCE_END = re.compile(r"[。；！？\n]")
CHARTABLE_KINDS = ("count", "amount", "duration", "change")


def latest(report_id: str) -> pd.DataFrame:
    """The newest observation of every indicator (indicator_facts, is_latest)."""
    return query("latest_facts", report_id=report_id)


def rows_for(report_id: str, ids, facts: pd.DataFrame | None = None) -> pd.DataFrame:
    """Rows of the latest facts for these indicator ids, in the order given (of the database's
    latest facts, made once per build and shared: do not change them, or of facts when given)."""
    if facts is None:
        return _rows_for(report_id, tuple(ids))
    rows = facts.set_index("indicator_id").reindex(list(ids)).dropna(subset=["quote"])
    return rows.reset_index()


@cached_per_build
def _rows_for(report_id: str, ids: tuple) -> pd.DataFrame:
    return rows_for(report_id, ids, latest(report_id))


@cached_per_build
def _completion(report_id: str) -> pd.DataFrame:
    return completion(report_id, latest(report_id))


def claims(report_id: str) -> pd.DataFrame:
    """What the report states about itself: subject, role (count, done, total), indicator_id."""
    return query("report_claims", report_id=report_id)


def completion(report_id: str, facts: pd.DataFrame | None = None) -> pd.DataFrame:
    """Done and total per subject (problems 19/20, measures 58/60), newest values, as the
    report's completion pairs name them: subject, done, total, done_id, total_id, as_of
    (shared per build when facts is not given: do not change it)."""
    if facts is None:
        return _completion(report_id)
    facts = facts.set_index("indicator_id")
    pairs = claims(report_id).pivot(index="subject", columns="role", values="indicator_id")
    out = []
    for subject in ("problems", "measures"):
        if subject in pairs.index and pd.notna(pairs.loc[subject].get("done")):
            done, total = pairs.loc[subject, "done"], pairs.loc[subject, "total"]
            out.append({"subject": subject, "done": float(facts.loc[done, "value"]),
                        "total": float(facts.loc[total, "value"]), "done_id": done, "total_id": total,
                        "as_of": max(facts.loc[done, "as_of"], facts.loc[total, "as_of"])})
    return pd.DataFrame(out, columns=["subject", "done", "total", "done_id", "total_id", "as_of"])


def sources(report_id: str) -> pd.DataFrame:
    """The report's source documents with their text: its own document and update files."""
    return query("sources", report_id=report_id)


def live_states(report_id: str, states, sha256s) -> list[str]:
    """A submission's state as the dashboard stands: an accepted file whose content the current
    build holds is 'live', one the build worker has yet to build is 'accepted' (waiting)."""
    loaded = set(sources(report_id)["sha256"])
    return ["live" if s == "accepted" and h in loaded else s for s, h in zip(states, sha256s)]


def source(report_id: str, source_id: str) -> dict:
    """One source document with its text (a fresh dict)."""
    return dict(_sources_by_id(report_id)[source_id])


@cached_per_build
def _sources_by_id(report_id: str) -> dict:
    return {r["source_id"]: r for r in sources(report_id).to_dict("records")}


def area_progress(report_id: str) -> pd.DataFrame:
    """Per area: problems, enumerated measures, indicators, observations."""
    return query("area_progress", report_id=report_id)


def problems(report_id: str, area_no: int | None = None) -> pd.DataFrame:
    """The report's problems in report order (of one area when area_no is given)."""
    rows = query("problems", report_id=report_id)
    return rows if area_no is None else rows[rows["area_no"] == int(area_no)].reset_index(drop=True)


def measures(report_id: str, problem_code: str | None = None) -> pd.DataFrame:
    """The report's enumerated measures in report order (of one problem when problem_code is given)."""
    rows = query("measures", report_id=report_id)
    return rows if problem_code is None else rows[rows["problem_code"] == problem_code].reset_index(drop=True)


@cached_per_build
def problem_facts(report_id: str, problem_code: str) -> pd.DataFrame:
    """Latest values of the indicators quoted under one problem, in the order they appear in the
    report (shared per build: do not change it)."""
    rows = query("problem_facts", report_id=report_id)
    return rows[rows["under"] == problem_code].drop(columns="under").reset_index(drop=True)


def checks(report_id: str) -> pd.DataFrame:
    """The consistency checks: result and zh/en explanation."""
    return query("consistency_checks", report_id=report_id)


def history(report_id: str, indicator_id: str) -> pd.DataFrame:
    """Every value of one indicator, oldest first, each with its source (is_latest marks the newest)."""
    rows = query("history", report_id=report_id)
    return rows[rows["indicator_id"] == indicator_id].reset_index(drop=True)


def sentence(text: str, quote_offset: int, value_offset: int, value_text: str,
             whole_line: bool = False) -> tuple[str, int, int]:
    """The whole sentence around a quote (whole_line: the whole line, as for a row of an update
    file), and where its value stands in it."""
    end_of = re.compile("\n") if whole_line else _SENTENCE_END
    start = max((m.end() for m in end_of.finditer(text, 0, quote_offset)), default=0)
    end_match = end_of.search(text, value_offset + len(value_text))
    end = end_match.end() if end_match else len(text)
    raw = text[start:end]
    lead = len(raw) - len(raw.lstrip())
    return raw.strip(), value_offset - start - lead, len(value_text)


def unit_groups(rows: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    """Chartable observations grouped by unit (a chart never mixes units), largest group first."""
    rows = rows[rows["kind"].isin(CHARTABLE_KINDS)]
    groups = [(unit, g) for unit, g in rows.groupby("unit", sort=False)]
    return sorted(groups, key=lambda ug: -len(ug[1]))
