"""Progress by problem area, from the ledger (整改台账): each area's problems and measures by
status, its completion rate, its warning lights, the items behind them, and completions over
time. A report that states no per-item status shows, honestly, as all not_stated."""
from __future__ import annotations

from datetime import date

import pandas as pd

from common import settings
from kpi import facts, ledger, reports, vocabulary
from kpi.db import cached_per_build
from kpi.text import t

LEVELS = ("problem", "measure")


def statuses() -> list[str]:
    """The status keys in the vocabulary's order (completed first, not_stated last)."""
    return list(vocabulary.words("statuses"))


def status_by_area(report_id: str, today: date | None = None) -> pd.DataFrame:
    """One row per area and level: how many items have each status (a column per status key),
    done, total and rate (completed / total, in %)."""
    items = ledger.status(report_id, today)
    areas = facts.area_progress(report_id)[["area_no", "title_zh", "title_en"]]
    keys = statuses()
    counts = (items.groupby(["area_no", "level", "status"]).size().unstack("status")
              .reindex(columns=keys, fill_value=0).fillna(0).astype(int))
    grid = pd.MultiIndex.from_product([areas["area_no"], LEVELS], names=["area_no", "level"])
    counts = counts.reindex(grid, fill_value=0).reset_index()
    counts["total"] = counts[keys].sum(axis=1)
    counts["done"] = counts["completed"]
    counts["rate"] = [round(100 * d / n, 1) if n else None for d, n in zip(counts["done"], counts["total"])]
    return areas.merge(counts, on="area_no")


def lights_by_area(report_id: str, today: date | None = None) -> pd.DataFrame:
    """One row per area: how many of its items are red, amber, green, and without a deadline
    (shared per build and day: do not change it)."""
    return _lights_by_area(report_id, today or settings.today())


@cached_per_build
def _lights_by_area(report_id: str, today: date) -> pd.DataFrame:
    items = ledger.status(report_id, today)
    areas = facts.area_progress(report_id)[["area_no", "title_zh", "title_en"]]
    lights = (items.groupby(["area_no", "light"]).size().unstack("light")
              .reindex(columns=list(ledger.LIGHTS), fill_value=0).fillna(0).astype(int))
    return areas.merge(lights.reindex(areas["area_no"], fill_value=0).reset_index(), on="area_no")


def items(report_id: str, area_no: int, today: date | None = None) -> pd.DataFrame:
    """The problems and measures of one area with status, responsible unit, dates, light,
    evidence, and the ledger row each came from (file, row, submitter)."""
    rows = ledger.status(report_id, today)
    rows = rows[rows["area_no"] == int(area_no)].reset_index(drop=True)
    titles = facts.sources(report_id).set_index("source_id")["title"]
    rows["source_title"] = [titles.get(s) if isinstance(s, str) else None for s in rows["source_id"]]
    return rows


def as_of(report_id: str) -> date:
    """How far the ledger reaches: the newest date an entry is as of, else the report's own date."""
    reported = ledger.status(report_id)["reported_on"].dropna()
    own = pd.Timestamp(reports.get(report_id)["document_as_of"]).date()
    return max([own] + [pd.Timestamp(d).date() for d in reported])


def completed_over_time(report_id: str, area_no: int) -> pd.DataFrame:
    """Per level, how many of an area's items were completed (and signed off) by each date a
    ledger entry gives: date, level, event (completed / signed_off), cumulative n."""
    rows = ledger.status(report_id)
    rows = rows[(rows["area_no"] == int(area_no)) & (rows["status"] == "completed")]
    found = []
    for level in LEVELS:
        part = rows[rows["level"] == level]
        for event, column in (("completed", "completed_on"), ("signed_off", "signed_off_on")):
            dates = sorted(pd.Timestamp(d).date() for d in part[column].dropna())
            found += [{"date": d, "level": level, "event": event, "n": i} for i, d in enumerate(dates, start=1)]
    return pd.DataFrame(found, columns=["date", "level", "event", "n"])


@cached_per_build
def lights_table(report_id: str, lang: str, today: date) -> pd.DataFrame:
    """Lights by area as the pages show it: area, then a column per light, headed in lang."""
    rows = lights_by_area(report_id, today)
    return pd.DataFrame({
        t("export.col.area", lang): [f"{n}. {title}" for n, title in zip(rows["area_no"], rows[f"title_{lang}"])],
        **{t(f"light.word.{light}", lang): rows[light] for light in ledger.LIGHTS}})
