"""What the pages show, as DataFrames and dicts: every figure with its source."""
from __future__ import annotations

import re

import pandas as pd

from kpi.db import query

HEADLINE_IDS = ("problems_rectified", "measures_completed", "delegated_service_items", "new_powers",
                "work_injury_review_days", "water_approval_days", "project_signing_to_start_days",
                "tvoc_change", "gas_price_change", "land_recovered")
APPROVAL_IDS = ("work_injury_review_days", "water_approval_days", "project_signing_to_start_days")
# A sentence ends at 。；！？ or a line break (the report uses ASCII commas inside sentences).
_SENTENCE_END = re.compile(r"[。；！？\n]")


def latest() -> pd.DataFrame:
    """The newest observation of every indicator (indicator_facts, is_latest)."""
    return query("latest_facts")


def pick(ids: tuple[str, ...] | list[str], facts: pd.DataFrame | None = None) -> pd.DataFrame:
    """Rows of the latest facts for these indicator ids, in the order given."""
    facts = latest() if facts is None else facts
    rows = facts.set_index("indicator_id").reindex(list(ids)).dropna(subset=["quote"])
    return rows.reset_index()


def value_of(indicator_id: str, facts: pd.DataFrame | None = None) -> float:
    """The latest value of one indicator."""
    return float(pick([indicator_id], facts)["value"].iloc[0])


def completion(facts: pd.DataFrame | None = None) -> pd.DataFrame:
    """Done and total for problems (19/20) and measures (58/60), as the report states them."""
    facts = latest() if facts is None else facts
    pairs = (("problems", "problems_rectified", "problems_total"),
             ("measures", "measures_completed", "measures_stated"))
    return pd.DataFrame([{"subject": s, "done": value_of(d, facts), "total": value_of(n, facts),
                          "indicator_id": d} for s, d, n in pairs])


def report() -> dict:
    """The newest source document of kind 'report': title, publisher, dates, checksum, text."""
    sources = query("sources")
    return sources[sources["kind"] == "report"].iloc[0].to_dict()


def update_count() -> int:
    """How many department update files are loaded."""
    sources = query("sources")
    return int((sources["kind"] == "update").sum())


def source(source_id: str) -> dict:
    sources = query("sources")
    return sources[sources["source_id"] == source_id].iloc[0].to_dict()


def area_progress() -> pd.DataFrame:
    """Per area: problems, enumerated measures, indicators, observations."""
    return query("area_progress")


def problems(area_no: int) -> pd.DataFrame:
    return query("problems", area_no=int(area_no))


def measures(problem_code: str) -> pd.DataFrame:
    return query("measures", problem_code=problem_code)


def problem_facts(problem_code: str) -> pd.DataFrame:
    """Observations quoted under one problem, in the order they appear in the report."""
    return query("problem_facts", problem_code=problem_code)


def checks() -> pd.DataFrame:
    """The consistency checks: result and zh/en explanation."""
    return query("consistency_checks")


def sentence(text: str, quote_offset: int, value_offset: int, value_text: str) -> tuple[str, int, int]:
    """The whole sentence around a quote, and where its value stands in it."""
    start = max((m.end() for m in _SENTENCE_END.finditer(text, 0, quote_offset)), default=0)
    end_match = _SENTENCE_END.search(text, value_offset + len(value_text))
    end = end_match.end() if end_match else len(text)
    raw = text[start:end]
    lead = len(raw) - len(raw.lstrip())
    return raw.strip(), value_offset - start - lead, len(value_text)


# Which indicators each theme page shows, grouped as the page draws them.
SERVICE_ITEMS = ("delegated_service_items", "new_powers", "process_reviewed_items", "comprehensive_window_items")
SERVICE_WINDOWS = ("windows_total", "window_staff", "departments_stationed", "service_centre_staff_added",
                   "window_staff_added", "municipal_departments_window_ready")
ENV_SUPERVISION = ("environment_patrols", "odour_problems_handled", "duxiapu_river_water_class")
FACTOR_LAND = ("land_recovered", "low_efficiency_land_started")
FACTOR_TRANSPORT = ("island_railway_investment",)
FACTOR_GAS = ("gas_price_change", "gas_pipe_laid", "gas_pipe_projects")
FACTOR_PUBLIC = ("kindergartens_built", "standard_land_completion_extension")
CHARTABLE_KINDS = ("count", "amount", "duration", "change")


def unit_groups(rows: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    """Chartable observations grouped by unit (a chart never mixes units), largest group first."""
    rows = rows[rows["kind"].isin(CHARTABLE_KINDS)]
    groups = [(unit, g) for unit, g in rows.groupby("unit", sort=False)]
    return sorted(groups, key=lambda ug: -len(ug[1]))


def areas() -> pd.DataFrame:
    """The seven areas with their counts (area_progress)."""
    return area_progress()
