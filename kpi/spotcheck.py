"""Spot-checking: find observations, put them in context, draw samples, print a report."""
from __future__ import annotations

import functools
import html
import random
from datetime import datetime, timezone

import pandas as pd

from kpi import facts, vocabulary
from kpi.db import cached_per_build, query, version
from kpi.text import fmt_row, localized, t

SEARCHED = ("obs_id", "indicator_id", "name_zh", "name_en", "value_text", "quote")


def observations(report_id: str) -> pd.DataFrame:
    """Every observation of a report with area and theme names (all its sources, all dates)."""
    return query("observations", report_id=report_id)


def search(obs: pd.DataFrame, text: str = "", **filters) -> pd.DataFrame:
    """Rows whose id, names, value or quote contain text (any case), and whose columns
    match every non-empty filter (column=list of allowed values)."""
    keep = pd.Series(True, index=obs.index)
    if text.strip():
        needle = text.strip().lower()
        keep &= obs[list(SEARCHED)].fillna("").astype(str).apply(
            lambda col: col.str.lower().str.contains(needle, regex=False)).any(axis=1)
    for column, allowed in filters.items():
        if allowed:
            keep &= obs[column].isin(allowed)
    return obs[keep]


def paragraph(text: str, offset: int) -> tuple[str, int]:
    """The line (paragraph) of the source around offset, and offset's position inside it."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return text[start:end if end >= 0 else len(text)], offset - start


@cached_per_build
def mismatches(report_id: str) -> pd.DataFrame:
    """quote_mismatches of every observation of the report, once per build (shared: do not change it)."""
    return quote_mismatches(observations(report_id))


def quote_mismatches(obs: pd.DataFrame) -> pd.DataFrame:
    """Observations whose quote no longer stands in its source at its offset."""
    texts = {(rid, sid): facts.source(rid, sid)["text"] for rid, sid in zip(obs["report_id"], obs["source_id"])}
    bad = [texts[r.report_id, r.source_id][r.quote_offset:r.quote_offset + len(r.quote)] != r.quote
           for r in obs.itertuples()]
    return obs[pd.Series(bad, index=obs.index, dtype=bool)]


def sample(obs: pd.DataFrame, n: int, seed: int) -> pd.DataFrame:
    """A stratified random sample by area (report-wide figures are stratum 0).

    Each stratum gets its proportional share of n (largest remainder), and a seeded draw
    inside it; the same observations, n and seed always give the same list."""
    strata = obs.assign(stratum=obs["area_no"].fillna(0).astype(int)).sort_values(["stratum", "obs_id"])
    groups = dict(list(strata.groupby("stratum", sort=True)))
    n = max(0, min(int(n), len(strata)))
    shares = {k: n * len(g) / len(strata) for k, g in groups.items()}
    quota = {k: int(s) for k, s in shares.items()}
    by_remainder = sorted(groups, key=lambda k: (-(shares[k] - quota[k]), k))
    for k in by_remainder[:n - sum(quota.values())]:
        quota[k] += 1
    rng = random.Random(int(seed))
    picked = [g.iloc[sorted(rng.sample(range(len(g)), quota[k]))] for k, g in groups.items()]
    return pd.concat(picked).drop(columns="stratum") if picked else obs.iloc[:0]


def report_html(rows: pd.DataFrame, latest: pd.DataFrame, lang: str, heading: str) -> bytes:
    """A printable spot-check report: each observation, its sentence, its latest verdict."""
    esc = html.escape
    verdicts = latest.set_index("obs_id") if len(latest) else latest
    items = []
    for _, r in rows.iterrows():
        src = facts.source(r["report_id"], r["source_id"])
        sentence, start, length = facts.sentence(src["text"], int(r["quote_offset"]), int(r["value_offset"]),
                                                 r["value_text"], whole_line=src["kind"] == "update")
        marked = (esc(sentence[:start]) + "<mark>" + esc(sentence[start:start + length]) + "</mark>"
                  + esc(sentence[start + length:]))
        v = verdicts.loc[r["obs_id"]] if r["obs_id"] in getattr(verdicts, "index", []) else None
        verdict = (t("spot.none", lang) if v is None else
                   f"{t('verdict.' + v['status'], lang)} · {esc(v['checker'])} · {esc(v['recorded_at'][:19])}"
                   + (f" · {esc(v['note'])}" if v["note"] else "")
                   + (f" · <b>{t('spot.recheck', lang)}</b>" if v.get("recheck") else ""))
        items.append(f"<tr><td>{esc(r['obs_id'])}</td><td>{esc(localized(r, 'name', lang))}</td>"
                     f"<td>{esc(fmt_row(r, lang))}</td><td>{marked}<br><small>{esc(src['title'])} · "
                     f"{src['published']:%Y-%m-%d} · {t('spot.offset', lang)} {int(r['value_offset'])}</small></td>"
                     f"<td>{verdict}</td></tr>")
    head = "".join(f"<th>{t(k, lang)}</th>" for k in ("spot.col.obs", "table.indicator", "table.value",
                                                       "source.sentence", "spot.col.verdict"))
    now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    doc = (f"<!doctype html><html lang=\"{lang}\"><meta charset=\"utf-8\"><title>{esc(heading)}</title>"
           f"<style>{REPORT_CSS}</style><h1>{esc(heading)}</h1><p>{t('spot.report.made', lang, now=now)}</p>"
           f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(items)}</tbody></table></html>")
    return doc.encode("utf-8")


REPORT_CSS = """body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em;color:#1d2733}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #c9d1db;padding:.4em;vertical-align:top;
font-size:10.5pt}th{background:#eef2f6}mark{background:#ffe0b3;font-weight:bold}small{color:#5b6775}
@media print{body{margin:0}tr{page-break-inside:avoid}}"""


def label(row: pd.Series, lang: str) -> str:
    """One line naming an observation: area or problem, indicator, value."""
    where = row["problem_code"] if isinstance(row["problem_code"], str) else t("spot.report_wide", lang)
    return f"{where} · {localized(row, 'name', lang)} · {fmt_row(row, lang)}"


@cached_per_build
def labels(report_id: str, lang: str) -> dict:
    """label() of every observation of the report: obs_id -> line."""
    return {r["obs_id"]: label(r, lang) for _, r in observations(report_id).iterrows()}


@cached_per_build
def report_options(report_id: str, column: str, lang: str) -> dict:
    """options() over every observation of the report (shared: do not change it)."""
    return options(observations(report_id), column, lang)


@functools.lru_cache(maxsize=64)  # bounded: seed and n are the reader's to choose
def _drawn(report_id: str, n: int, seed: int, build: tuple) -> pd.DataFrame:
    return sample(observations(report_id), n, seed)


def drawn(report_id: str, n: int, seed: int) -> pd.DataFrame:
    """sample() of every observation of the report (shared: do not change it)."""
    return _drawn(report_id, int(n), int(seed), version())


def options(obs: pd.DataFrame, column: str, lang: str) -> dict:
    """Filter choices for a column: value -> label in lang."""
    if column == "area_no":
        pairs = obs[["area_no", "area_zh", "area_en"]].drop_duplicates().sort_values("area_no", na_position="first")
        return {(None if pd.isna(r.area_no) else int(r.area_no)):
                (t("spot.report_wide", lang) if pd.isna(r.area_no) else
                 f"{int(r.area_no)}. {r.area_zh if lang == 'zh' else r.area_en}") for r in pairs.itertuples()}
    if column == "theme":
        pairs = obs[["theme", "theme_zh", "theme_en"]].drop_duplicates()
        return {r.theme: (r.theme_zh if lang == "zh" else r.theme_en) for r in pairs.itertuples()}
    if column == "kind":
        return {k: vocabulary.word("kinds", k, lang) for k in sorted(obs["kind"].dropna().unique())}
    if column == "unit":
        pairs = obs[["unit", "unit_en"]].drop_duplicates("unit").sort_values("unit")
        return {r.unit: r.unit if lang == "zh" else r.unit_en or r.unit for r in pairs.itertuples()}
    return {v: v for v in sorted(obs[column].dropna().unique())}


def or_dash(value) -> str:
    """A cell for display: '–' where the data has nothing (None or NaN)."""
    return "–" if value is None or pd.isna(value) else str(value)
