"""The dashboard's charts of a report, by id: each one's title, figure, the rows behind it and
its notes. Which charts a report has is its dashboard.yml; how each kind is drawn is kpi/plots.py.

Pages, per-chart downloads and the briefing pack all ask this module, so a chart looks the
same everywhere. Built charts are cached per database build: a Plotly figure costs ~10 ms.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from common import periods
from kpi import facts, history, layout, notes, plots, progress, reports, vocabulary
from kpi.db import cached_per_build
from kpi.text import bilingual, fmt_date, fmt_period, plotly_escape, t


@dataclass(frozen=True)
class Chart:
    id: str               # stable slug: file names, widget keys
    report_id: str
    page: str             # the page it is drawn on: overview, problem_areas or one of the report's pages
    title: str            # plain text (escaped where it reaches a figure)
    figure: go.Figure
    rows: pd.DataFrame    # the rows behind the chart (indicator_facts, or per-area counts), for CSV/XLSX
    stem: str             # a short name for files (审批时限)
    as_of: date | None    # the newest as-of date among the figures drawn
    notes: tuple[str, ...] = field(default=())  # plain-text remarks drawn under the chart
    table: pd.DataFrame | None = None  # its spreadsheet (CSV/XLSX), when it is not made from indicator rows


def caption(report_id: str, rows: pd.DataFrame | None, lang: str) -> str:
    """The source / as-of line every chart carries (Plotly-safe): the report's document, and
    any department update files among the rows drawn."""
    r = reports.get(report_id)
    text = t("caption.chart", lang, publisher=plotly_escape(r["publisher"] if lang == "zh" else r["publisher_en"]),
             title=plotly_escape(r[f"short_title_{lang}"]), published=r["published"].strftime("%Y-%m-%d"),
             as_of=r["document_as_of"].strftime("%Y-%m-%d"))
    files, as_of = updates_in(rows)
    if files:
        text += "<br>" + t("caption.updates", lang, files=plotly_escape("、".join(files) if lang == "zh"
                                                                        else ", ".join(files)), as_of=as_of)
    return text


def updates_in(rows: pd.DataFrame | None) -> tuple[list[str], str | None]:
    """The department update files among rows, and the newest as-of date they give."""
    if rows is None or "source_kind" not in rows.columns:
        return [], None
    updates = rows[rows["source_kind"] == "update"]
    if updates.empty:
        return [], None
    return sorted(updates["source_title"].unique()), updates["as_of"].max().strftime("%Y-%m-%d")


def _as_of(rows: pd.DataFrame, report_id: str) -> date:
    if "as_of" in rows.columns and len(rows):
        return pd.Timestamp(rows["as_of"].max()).date()
    return pd.Timestamp(reports.get(report_id)["document_as_of"]).date()


def _title(spec: dict, report_id: str, lang: str, as_of: date) -> str:
    return notes.fill(spec["title"], report_id, lang, extra={"as_of": fmt_date(as_of, lang)})


def _stem(spec: dict, title: str, lang: str) -> str:
    if spec.get("file"):
        return bilingual(spec["file"], lang)
    return spec["id"] if lang == "en" else title


def _completion(report_id: str, spec: dict, lang: str) -> Chart:
    done = facts.completion(report_id)
    rows = facts.rows_for(report_id, list(done["done_id"]) + list(done["total_id"]))
    as_of = _as_of(rows, report_id)
    title = _title(spec, report_id, lang, as_of)
    fig = plots.completion_bars(done, lang, plotly_escape(title), caption(report_id, rows, lang))
    return Chart(spec["id"], report_id, spec["page"], title, fig, rows, _stem(spec, title, lang), as_of)


def _unit_title(title: str, rows: pd.DataFrame, lang: str) -> str:
    unit = rows["unit"].iloc[0] if lang == "zh" else (rows["unit_en"].iloc[0] or rows["unit"].iloc[0])
    return t("chart.unit_group", lang, title=title, unit=unit)


def _bars(report_id: str, spec: dict, lang: str) -> Chart:
    rows = facts.rows_for(report_id, spec["indicators"])
    as_of = _as_of(rows, report_id)
    base = _title(spec, report_id, lang, as_of)
    title = _unit_title(base, rows, lang)
    fig = plots.unit_bars(rows, lang, plotly_escape(title), caption(report_id, rows, lang))
    return Chart(spec["id"], report_id, spec["page"], title, fig, rows, _stem(spec, base, lang), as_of,
                 remarks(rows, lang))


def _before_after(report_id: str, spec: dict, lang: str) -> Chart:
    rows = facts.rows_for(report_id, spec["indicators"])
    as_of = _as_of(rows, report_id)
    title = _title(spec, report_id, lang, as_of)
    fig = plots.before_after(rows, lang, plotly_escape(title), caption(report_id, rows, lang))
    return Chart(spec["id"], report_id, spec["page"], title, fig, rows, _stem(spec, title, lang), as_of,
                 remarks(rows, lang))


def remarks(rows: pd.DataFrame, lang: str) -> tuple[str, ...]:
    """What a reader must know to read the chart: '+' for 余/多, months drawn as days."""
    found = []
    if (rows["qualifier"] == "more_than").any():
        found.append(t("chart.more_than_note", lang))
    for _, r in rows.iterrows():
        if pd.notna(r.get("baseline_value")) and r["baseline_unit"] != r["unit"]:
            approx = plots.in_days(r["baseline_value"], r["baseline_unit"], r["unit"])
            unit = r["unit"] if lang == "zh" else r["unit_en"]
            found.append(t("chart.converted", lang, before=r["baseline_text"], days=plots.DAYS_PER_MONTH,
                           approx=f"{approx:g}{'' if lang == 'zh' else ' '}{unit}", text=r["baseline_text"]))
    return tuple(found)


def index_points(rows: pd.DataFrame, lang: str) -> tuple[pd.DataFrame, list[str], str | None]:
    """A change indicator's values chained into an index: (points, gap remarks, base label).

    The base is the period the first value is compared with (= 100); each later value joins
    when it is compared with the point before it. A value compared with a period that has no
    point cannot join: it is named in a remark, never drawn from a guess."""
    rows = rows[rows["period"].notna()]
    if rows.empty:
        return pd.DataFrame(columns=["label", "index", "change", "direction"]), [], None
    chain = sorted(((periods.parse(r["period"]), r) for _, r in rows.iterrows()), key=lambda pr: pr[0].span)
    first = chain[0][0]
    base = first.base or first.span
    points = [{"label": base.label(lang), "index": 100.0, "change": float("nan"), "direction": "none"}]
    current, level, gaps = base, 100.0, []
    for period, r in chain:
        if period.base == current:
            level = level * (1 + r["value"] / 100)
            points.append({"label": period.span.label(lang), "index": round(level, 2), "change": r["value"],
                           "direction": r["direction"]})
            current = period.span
        elif period.span != current:
            gaps.append(t("chart.index.gap", lang, period=period.span.label(lang),
                          base=(period.base or period.span.previous()).label(lang)))
    return pd.DataFrame(points), gaps, base.label(lang)


def _index(report_id: str, spec: dict, lang: str) -> Chart:
    indicator = spec["indicators"][0]
    all_rows = facts.history(report_id, indicator)
    latest = facts.rows_for(report_id, [indicator])
    points, gaps, base = index_points(all_rows, lang)
    as_of = _as_of(latest, report_id)
    title = t("chart.index", lang, title=_title(spec, report_id, lang, as_of), base=base)
    fig = plots.index_bars(points, lang, plotly_escape(title), caption(report_id, all_rows, lang),
                           t("chart.index.axis", lang, base=base))
    return Chart(spec["id"], report_id, spec["page"], title, fig, all_rows, _stem(spec, title, lang), as_of,
                 tuple(gaps))


BUILDERS = {"completion": _completion, "bars": _bars, "before_after": _before_after, "index": _index}


@cached_per_build
def get(report_id: str, chart_id: str, lang: str) -> Chart:
    """A chart of the report's dashboard.yml by id, built once per database build and language."""
    spec = layout.chart(report_id, chart_id)
    return BUILDERS[spec["kind"]](report_id, spec, lang)


@cached_per_build
def problem_charts(report_id: str, problem_code: str, lang: str) -> list[Chart]:
    """One chart per unit among the figures quoted under a problem."""
    out = []
    for unit, rows in facts.unit_groups(facts.problem_facts(report_id, problem_code)):
        shown = unit if lang == "zh" else rows["unit_en"].iloc[0] or unit
        title = t("chart.unit_group", lang, title=f"{problem_code} {t('areas.indicators', lang)}", unit=shown)
        as_of = _as_of(rows, report_id)
        out.append(Chart(f"problem_{problem_code}_{rows['indicator_id'].iloc[0]}", report_id, "problem_areas", title,
                         plots.group_chart(rows, lang, plotly_escape(title), caption(report_id, rows, lang)), rows,
                         t("file.problem", lang, code=problem_code, unit=shown), as_of, remarks(rows, lang)))
    return out


@cached_per_build
def history_charts(report_id: str, indicator_ids: tuple[str, ...], lang: str) -> list[Chart]:
    """A line chart for each of these indicators that has been reported more than once."""
    out = []
    for indicator_id in dict.fromkeys(indicator_ids):
        rows = history.history(report_id, indicator_id)
        if len(rows) < 2:
            continue
        name = rows.iloc[-1][f"name_{lang}"]
        title = t("chart.history", lang, name=name)
        periods_shown = [fmt_period(p, lang) for p in rows["period"]]
        out.append(Chart(f"history_{indicator_id}", report_id, "problem_areas", title,
                         plots.history_line(rows.assign(period_label=periods_shown), lang, plotly_escape(title),
                                            caption(report_id, rows, lang)),
                         rows, t("file.history", lang, name=name, id=indicator_id), _as_of(rows, report_id)))
    return out


def _ledger_caption(report_id: str, lang: str) -> str:
    return caption(report_id, None, lang) + "<br>" + plotly_escape(t("caption.ledger", lang))


@cached_per_build
def area_status(report_id: str, lang: str) -> Chart:
    """Every area's problems and measures by ledger status, with completion rates; its table
    has a row per area and level, a column per status."""
    rows = progress.status_by_area(report_id)
    words = {k: vocabulary.word("statuses", k, lang) for k in progress.statuses()}
    as_of = progress.as_of(report_id)
    title = t("chart.area_status", lang, as_of=fmt_date(as_of, lang))
    fig = plots.area_status(rows, words, lang, plotly_escape(title), _ledger_caption(report_id, lang))
    table = pd.DataFrame({t("export.col.area", lang): rows["area_no"],
                          t("export.col.title", lang): rows[f"title_{lang}"],
                          t("export.col.level", lang): [t(f"chart.status.{lv}s", lang) for lv in rows["level"]],
                          **{word: rows[key] for key, word in words.items()},
                          t("export.col.done", lang): rows["done"], t("export.col.total", lang): rows["total"],
                          t("export.col.rate", lang): rows["rate"], t("export.col.as_of", lang): as_of})
    return Chart("area_status", report_id, "overview", title, fig, rows, t("file.area_status", lang), as_of,
                 _status_remarks(report_id, rows, lang), table)


def _status_remarks(report_id: str, rows: pd.DataFrame, lang: str) -> tuple[str, ...]:
    """What the report itself states beside the ledger's counts, what 未说明 means, and any disagreement."""
    stated = facts.completion(report_id)
    found = [t("chart.status.stated", lang, as_of=fmt_date(stated["as_of"].max(), lang),
               pairs=("、" if lang == "zh" else ", ").join(
                   f"{t(f'chart.status.{s}', lang)} {d:g}/{n:g}" for s, d, n in
                   zip(stated["subject"], stated["done"], stated["total"])))] if len(stated) else []
    found += [t("chart.status.not_stated_note", lang)] if rows["not_stated"].any() else []
    checks = facts.checks(report_id)
    bad = checks[(checks["check_group"] == "ledger_vs_stated") & (checks["result"] == "fails")]
    return tuple(found + list(bad[f"explanation_{'en' if lang == 'en' else 'zh'}"]))


@cached_per_build
def area_items(report_id: str, area_no: int, lang: str) -> Chart:
    """One area's problems and measures with status, dates, light and the ledger row behind each."""
    rows = progress.items(report_id, area_no)
    area = facts.area_progress(report_id).set_index("area_no").loc[area_no]
    table = pd.DataFrame({
        t("ledger.col.code", lang): rows["code"],
        t("ledger.col.title", lang): rows[f"title_{lang}"],
        t("ledger.col.status", lang): [vocabulary.word("statuses", s, lang) for s in rows["status"]],
        t("ledger.col.unit", lang): rows["responsible_unit"],
        t("ledger.col.deadline", lang): [fmt_date(d, lang) if pd.notna(d) else "" for d in rows["deadline"]],
        t("ledger.col.completed", lang): [fmt_date(d, lang) if pd.notna(d) else "" for d in rows["completed_on"]],
        t("ledger.col.signed_off", lang): [fmt_date(d, lang) if pd.notna(d) else "" for d in rows["signed_off_on"]],
        t("ledger.col.light", lang): [t(f"light.word.{x}", lang) for x in rows["light"]],
        t("ledger.col.evidence", lang): rows["evidence"],
        t("ledger.col.source", lang): [" · ".join(str(p) for p in (s, loc, who) if isinstance(p, str))
                                       for s, loc, who in zip(rows["source_title"], rows["location"], rows["submitter"])],
    })
    table = table.fillna("")
    as_of = progress.as_of(report_id)
    title = t("chart.area_items", lang, area=f"{area_no}. {area[f'title_{lang}']}", as_of=fmt_date(as_of, lang))
    fig = plots.table_figure(table, plotly_escape(title), _ledger_caption(report_id, lang))
    return Chart(f"area_items_{area_no}", report_id, "problem_areas", title, fig, rows,
                 t("file.area_items", lang, area=area_no), as_of, (), table)


@cached_per_build
def area_over_time(report_id: str, area_no: int, lang: str) -> Chart | None:
    """An area's items completed and signed off over time, from the ledger's dates (None when
    the ledger gives none)."""
    rows = progress.completed_over_time(report_id, area_no)
    if rows.empty:
        return None
    report = reports.get(report_id)
    as_of = max(rows["date"])
    title = t("chart.over_time", lang, area=area_no)
    marker = t("chart.over_time.report", lang, d=report["document_as_of"].strftime("%Y-%m-%d"))
    fig = plots.over_time(rows, lang, plotly_escape(title), _ledger_caption(report_id, lang),
                          report["document_as_of"], marker)
    table = rows.assign(level=[t(f"chart.status.{lv}s", lang) for lv in rows["level"]],
                        event=[t(f"chart.over_time.{e}", lang) for e in rows["event"]])
    return Chart(f"area_over_time_{area_no}", report_id, "problem_areas", title, fig, rows,
                 t("file.area_over_time", lang, area=area_no), as_of, (), table)


def all_charts(report_id: str, lang: str) -> list[Chart]:
    """Every chart the dashboard shows for a report: its dashboard.yml charts and the status by
    area; then per area its items and completions over time, and per problem its figures."""
    found = [get(report_id, c["id"], lang) for c in layout.charts(report_id)] + [area_status(report_id, lang)]
    for area_no in facts.area_progress(report_id)["area_no"]:
        found += [c for c in (area_items(report_id, int(area_no), lang), area_over_time(report_id, int(area_no), lang))
                  if c is not None]
    for code in facts.problems(report_id)["problem_code"]:
        found += problem_charts(report_id, code, lang)
        found += history_charts(report_id, tuple(facts.problem_facts(report_id, code)["indicator_id"]), lang)
    return found
