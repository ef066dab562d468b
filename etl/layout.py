"""What dashboard.yml must say: known block and chart kinds, ids that exist, every text in
both languages, and placeholders that name an indicator and a field."""
from __future__ import annotations

import re

from common.layout import (
    CHART_KINDS,
    CHART_TITLE_NAMES,
    FIELDS,
    FIXED_PAGES,
    PLAIN_BLOCKS,
    block_kind,
    placeholders,
    tile_ids,
)
from etl.extract import Report
from etl.problems import Problem
from etl.report_rules import bilingual

SLUG = re.compile(r"^[a-z][a-z0-9_]*$")
CHARTABLE = ("count", "amount", "duration", "change")


class _Check:
    def __init__(self, report: Report):
        self.file = report.shown("dashboard.yml")
        self.indicators = {r.data.get("id"): r.data for r in report["indicators.yml"]}
        self.observations = [r.data for r in report["observations.yml"]]
        self.found: list[Problem] = []

    def problem(self, at: str, field: str, value, rule: str, fix: str) -> None:
        self.found.append(Problem(self.file, at, field, value, rule, fix))

    def text(self, at: str, name: str, value, extra: tuple[str, ...] = ()) -> None:
        """Both languages, and placeholders that name an indicator (or one of extra) and a known field."""
        problems = bilingual(self.file, at, name, value)
        self.found += problems
        if problems:
            return
        for lang in ("zh", "en"):
            try:
                names = placeholders(value[lang])
            except ValueError as exc:
                self.problem(at, f"{name}.{lang}", value[lang], str(exc), "write {id} or {id.field}")
                continue
            for head, field in names:
                if head in extra and field is None:
                    continue
                if head not in self.indicators:
                    self.problem(at, f"{name}.{lang}", f"{{{head}}}", "the placeholder names no indicator",
                                 "use an id of indicators.yml" + (f" or {', '.join(extra)}" if extra else ""))
                elif field is not None and field not in FIELDS:
                    self.problem(at, f"{name}.{lang}", f"{{{head}.{field}}}", "the placeholder names no field",
                                 f"use one of: {', '.join(FIELDS)}")

    def ids(self, at: str, ids) -> None:
        if not isinstance(ids, list) or not ids:
            return self.problem(at, "tiles", ids, "must list indicator ids", "write tiles: [id, id, …]")
        for i in ids:
            if i not in self.indicators:
                self.problem(at, "tiles", i, "unknown indicator id", "use an id of indicators.yml")


def check(report: Report) -> list[Problem]:
    if "dashboard.yml" not in report.documents:
        return []  # reported as a file error
    c, layout = _Check(report), report.layout
    for k in layout:
        if k not in ("overview", "pages", "charts"):
            c.problem("dashboard", k, None, "unknown field", "remove it; known fields: overview, pages, charts")
    charts = _charts(c, layout.get("charts"))
    page_ids = ["overview"]
    _sections(c, "overview", layout.get("overview"), charts)
    for i, page in enumerate(layout.get("pages") or []):
        at = f"pages, entry {i + 1}"
        if not isinstance(page, dict):
            c.problem(at, "-", page, "must be a mapping", "give id, title, icon and sections")
            continue
        pid = page.get("id")
        if not isinstance(pid, str) or not SLUG.match(pid) or pid in FIXED_PAGES or pid in page_ids:
            c.problem(at, "id", pid, "must be a new ASCII slug", f"use a-z, 0-9 and _, not {', '.join(FIXED_PAGES)}"
                      " and not the id of another page")
        page_ids.append(pid)
        c.text(at, "title", page.get("title"))
        if not isinstance(page.get("icon"), str):
            c.problem(at, "icon", page.get("icon"), "required", "name a Material icon, e.g. eco")
        _sections(c, f"pages.{pid}", page.get("sections"), charts)
    for cid, chart in charts.items():
        if chart.get("page") not in page_ids:
            c.problem(f"charts.{cid}", "page", chart.get("page"), "must name a page",
                      f"use one of: {', '.join(map(str, page_ids))}")
    return c.found


def _sections(c: _Check, at: str, sections, charts: dict) -> None:
    if not isinstance(sections, list) or not sections:
        return c.problem(at, "sections", sections, "must list sections", "give at least one {title, blocks}")
    for i, section in enumerate(sections):
        here = f"{at}, section {i + 1}"
        if not isinstance(section, dict):
            c.problem(here, "-", section, "must be a mapping", "give title and blocks")
            continue
        c.text(here, "title", section.get("title"))
        _blocks(c, here, section.get("blocks"), charts)


def _blocks(c: _Check, at: str, blocks, charts: dict) -> None:
    if not isinstance(blocks, list) or not blocks:
        return c.problem(at, "blocks", blocks, "must list blocks", "give at least one block")
    for j, block in enumerate(blocks):
        here = f"{at}, block {j + 1}"
        kind, arg = block_kind(block)
        if kind is None:
            c.problem(here, "block", block, "unknown block",
                      f"use one of: {', '.join(PLAIN_BLOCKS)}, or tiles:, chart:, note:, caption:, columns:")
        elif kind == "tiles":
            ids, per_row = tile_ids(arg)
            c.ids(here, ids)
        elif kind == "chart" and arg not in charts:
            c.problem(here, "chart", arg, "unknown chart id", "use an id of the charts list")
        elif kind in ("note", "caption"):
            c.text(here, kind, arg)
        elif kind == "columns":
            if not isinstance(arg, list) or not arg:
                c.problem(here, "columns", arg, "must list columns", "write columns: [{width: 1, blocks: […]}, …]")
                continue
            for k, col in enumerate(arg):
                if not isinstance(col, dict) or not isinstance(col.get("width", 1), int):
                    c.problem(here, f"columns.{k + 1}", col, "must be {width: n, blocks: […]}", "give each column blocks")
                    continue
                _blocks(c, f"{here}, column {k + 1}", col.get("blocks"), charts)


def _charts(c: _Check, charts) -> dict:
    if not isinstance(charts, list):
        c.problem("charts", "-", charts, "must list charts", "write charts: with one entry per chart")
        return {}
    found = {}
    for i, chart in enumerate(charts):
        at = f"charts, entry {i + 1}"
        if not isinstance(chart, dict) or not isinstance(chart.get("id"), str) or not SLUG.match(chart["id"]):
            c.problem(at, "id", chart, "every chart needs an ASCII id", "add id: a-z, 0-9 and _")
            continue
        cid = chart["id"]
        if cid in found:
            c.problem(at, "id", cid, "must be unique", "give each chart its own id")
        found[cid] = chart
        kind = chart.get("kind")
        if kind not in CHART_KINDS:
            c.problem(at, "kind", kind, f"must be one of: {', '.join(CHART_KINDS)}", "use a known chart kind")
            continue
        c.text(at, "title", chart.get("title"), CHART_TITLE_NAMES)
        if chart.get("file") is not None:
            c.text(at, "file", chart["file"])
        _chart_indicators(c, at, chart, kind)
    return found


def _chart_indicators(c: _Check, at: str, chart: dict, kind: str) -> None:
    ids = chart.get("indicators")
    if not CHART_KINDS[kind]:
        if ids is not None:
            c.problem(at, "indicators", ids, f"a {kind} chart takes no indicators", "remove the list")
        return
    if not isinstance(ids, list) or not ids or any(i not in c.indicators for i in ids):
        return c.problem(at, "indicators", ids, "must list indicator ids of this report", "use ids of indicators.yml")
    rows = [c.indicators[i] for i in ids]
    if kind == "bars" and len({r.get("unit") for r in rows}) > 1:
        c.problem(at, "indicators", ids, "a bars chart never mixes units",
                  "split it into one chart per unit: " + ", ".join(sorted({str(r.get("unit")) for r in rows})))
    if kind in ("bars", "before_after") and any(r.get("kind") not in CHARTABLE for r in rows):
        c.problem(at, "indicators", ids, f"only {', '.join(CHARTABLE)} indicators are drawn as bars",
                  "show the others as tiles")
    if kind == "before_after":
        with_base = {o.get("indicator_id") for o in c.observations if o.get("baseline_value") is not None}
        missing = [i for i in ids if i not in with_base]
        if missing:
            c.problem(at, "indicators", missing, "their sentences give no baseline (before → after)",
                      "draw them as bars instead")
    if kind == "index" and (len(rows) != 1 or rows[0].get("kind") != "change"):
        c.problem(at, "indicators", ids, "an index chart draws exactly one change indicator",
                  "name one indicator of kind change")
