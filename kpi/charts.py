"""The dashboard's charts by name: each one's title, figure and the rows behind it.

Pages, per-chart downloads and the briefing pack all ask this module for a chart by id,
so a chart looks the same everywhere. Built figures are cached per database build:
building a Plotly figure costs ~10 ms, a page may show ten.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from kpi import db, facts, history, plots
from kpi.text import TEXT, fmt_date, t


@dataclass(frozen=True)
class Chart:
    id: str               # stable slug: file names, cache keys
    page_key: str         # the nav text key of the page it belongs to
    title: str
    figure: go.Figure
    rows: pd.DataFrame    # indicator_facts rows behind the chart (for CSV/XLSX)
    short: str = ""       # a short name for files (审批时限); the title when empty

    def file_stem(self, lang: str) -> str:
        return t(f"file.{self.id}", lang) if f"file.{self.id}" in TEXT else (self.short or self.title)


def caption(lang: str, rows: pd.DataFrame | None = None) -> str:
    """The source / as-of line every chart carries: the report, and any department updates
    among the rows drawn."""
    r = facts.report()
    text = t("caption.chart", lang, publisher=r["publisher"] if lang == "zh" else r["publisher_en"],
             published=r["published"].strftime("%Y-%m-%d"), as_of=r["as_of"].strftime("%Y-%m-%d"))
    note = updates_note(rows, lang)
    return text + "<br>" + note if note else text


def updates_note(rows: pd.DataFrame | None, lang: str) -> str | None:
    """'部门报送：a.xlsx（截至 …）' when any of the rows comes from a department update."""
    if rows is None or "source_id" not in rows.columns:
        return None
    updates = rows[rows["source_id"].str.startswith("update:")]
    if updates.empty:
        return None
    return t("caption.updates", lang, files=", ".join(sorted(updates["source_title"].unique())),
             as_of=updates["as_of"].max().strftime("%Y-%m-%d"))


def _completion(lang: str) -> Chart:
    done = facts.completion()
    rows = facts.pick(["problems_rectified", "problems_total", "measures_completed", "measures_stated"])
    title = t("chart.completion", lang, as_of=fmt_date(rows["as_of"].max(), lang))
    return Chart("completion", "nav.overview", title,
                 plots.completion_bars(done, lang, title, caption(lang, rows)), rows)


def _by_area(lang: str) -> Chart:
    title = t("chart.by_area", lang)
    progress = facts.area_progress()
    return Chart("by_area", "nav.overview", title, plots.area_bars(progress, lang, title, caption(lang)),
                 progress)


def _group(ids: tuple[str, ...], chart_id: str, page_key: str, title_key: str, unit_zh: str, unit_en: str):
    def build(lang: str) -> Chart:
        rows = facts.pick(ids)
        title = t("chart.unit_group", lang, title=t(title_key, lang), unit=unit_zh if lang == "zh" else unit_en)
        return Chart(chart_id, page_key, title, plots.unit_bars(rows, lang, title, caption(lang, rows)), rows)
    return build


def _approval(lang: str) -> Chart:
    rows = facts.pick(facts.APPROVAL_IDS)
    title = t("chart.approval", lang)
    return Chart("approval_times", "nav.services", title,
                 plots.approval_dumbbell(rows, lang, title, caption(lang, rows)), rows)


def _tvoc(lang: str) -> Chart:
    rows = facts.pick(["tvoc_change"])
    title = t("chart.tvoc", lang)
    return Chart("tvoc_index", "nav.environment", title,
                 plots.tvoc_index(rows.iloc[0], lang, title, caption(lang, rows)), rows)


# Fixed charts, in page order. Per-problem charts are made by problem_charts().
BUILDERS: dict[str, Callable[[str], Chart]] = {
    "completion": _completion,
    "by_area": _by_area,
    "service_items": _group(facts.SERVICE_ITEMS, "service_items", "nav.services", "services.items", "项", "items"),
    "approval_times": _approval,
    "tvoc_index": _tvoc,
    "land": _group(facts.FACTOR_LAND, "land", "nav.factors", "factors.land", "亩", "mu"),
}


def problem_charts(problem_code: str, lang: str) -> list[Chart]:
    """One chart per unit among the figures quoted under a problem."""
    return _cached(("problem", problem_code, lang), lambda: _problem_charts(problem_code, lang))


def _problem_charts(problem_code: str, lang: str) -> list[Chart]:
    out = []
    for unit, rows in facts.unit_groups(facts.problem_facts(problem_code)):
        shown = unit if lang == "zh" else rows["unit_en"].iloc[0] or unit
        title = t("chart.unit_group", lang, title=f"{problem_code} {t('areas.indicators', lang)}", unit=shown)
        short = t("file.problem", lang, code=problem_code, unit=shown)
        out.append(Chart(f"problem_{problem_code}_{rows['indicator_id'].iloc[0]}", "nav.areas", title,
                         plots.group_chart(rows, lang, title, caption(lang, rows)), rows, short))
    return out


def history_charts(indicator_ids, lang: str) -> list[Chart]:
    """A line chart for each of these indicators that has been reported more than once."""
    return _cached(("history", tuple(indicator_ids), lang), lambda: _history_charts(indicator_ids, lang))


def _history_charts(indicator_ids, lang: str) -> list[Chart]:
    out = []
    for indicator_id in dict.fromkeys(indicator_ids):
        rows = history.history(indicator_id)
        if len(rows) < 2:
            continue
        name = rows.iloc[-1][f"name_{lang}"]
        title = t("chart.history", lang, name=name)
        out.append(Chart(f"history_{indicator_id}", "nav.areas", title,
                         plots.history_line(rows, lang, title, caption(lang, rows)), rows,
                         t("file.history", lang, name=name, id=indicator_id)))
    return out


def get(chart_id: str, lang: str) -> Chart:
    """A fixed chart by id, built once per database build and language."""
    return _cached((chart_id, lang), lambda: BUILDERS[chart_id](lang))


def all_charts(lang: str) -> list[Chart]:
    """Every chart the dashboard shows: fixed ones, then per problem in report order."""
    found = [get(c, lang) for c in BUILDERS]
    for area_no in facts.area_progress()["area_no"]:
        for code in facts.problems(area_no)["problem_code"]:
            found += problem_charts(code, lang)
            found += history_charts(list(facts.problem_facts(code)["indicator_id"]), lang)
    return found


_lock = threading.Lock()
_cache: dict = {}


def _cached(key: tuple, build: Callable):
    full = key + (db.version(),)
    with _lock:
        if full in _cache:
            return _cache[full]
    value = build()
    with _lock:
        if len(_cache) > 512:  # a rebuild leaves old entries behind; start afresh
            _cache.clear()
        _cache[full] = value
    return value
