"""A figure's tile as text, made once per database build and language: the value with unit and
qualifier, its change, when it is as of, and what its source popover says (the sentence with the
number highlighted, the document, older values). Pages draw a Card; they compute nothing."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from kpi import facts
from kpi.db import cached_per_build, query
from kpi.plots import GOOD, good_colour
from common import settings
from kpi.text import fmt_date, fmt_period, fmt_row, fmt_value, highlight, localized, md_escape, t


@dataclass(frozen=True)
class Card:
    label: str
    value: str
    delta: str | None
    colour: str          # st.metric delta_color
    arrow: str           # st.metric delta_arrow
    help: str            # markdown: as of, period
    sentence: str        # markdown: the source sentence, the number highlighted
    captions: tuple      # markdown lines: document, publisher and dates, checksum
    earlier: str | None  # markdown list of older values, newest first, at most EARLIER_SHOWN (None: none)


@cached_per_build
def _observations(report_id: str) -> dict:
    """Every observation of the report by obs_id (one row each)."""
    rows = query("observations", report_id=report_id)
    return {r["obs_id"]: r for _, r in rows.iterrows()}


@cached_per_build
def card(report_id: str, obs_id: str, lang: str) -> Card:
    row = _observations(report_id)[obs_id]
    delta, colour, arrow = _delta(row, lang)
    src = facts.source(report_id, row["source_id"])
    sentence, start, length = facts.sentence(src["text"], int(row["quote_offset"]), int(row["value_offset"]),
                                             row["value_text"], whole_line=src["kind"] == "update")
    captions = (
        t("source.document", lang, title=md_escape(src["title"])),
        t("source.meta", lang, publisher=md_escape(src["publisher"] if lang == "zh" else
                                                  src["publisher_en"] or src["publisher"]),
          published=fmt_date(src["published"], lang), as_of=fmt_date(row["as_of"], lang),
          offset=int(row["value_offset"])),
        f"sha256 {src['sha256']}",
    )
    return Card(label=localized(row, "name", lang), value=fmt_row(row, lang), delta=delta, colour=colour,
                arrow=arrow, help=_when(row, lang), sentence=highlight(sentence, start, length), captions=captions,
                earlier=_earlier(report_id, row, lang))


def _delta(row: pd.Series, lang: str) -> tuple[str | None, str, str]:
    """The change against the baseline: text, colour by good direction, arrow by sign."""
    if row["kind"] == "change":
        good = good_colour(row["direction"], row["value"]) == GOOD
        return (t("delta.improved" if good else "delta.worse", lang), "blue" if good else "orange",
                "down" if row["value"] < 0 else "up")
    if pd.isna(row.get("baseline_value")):
        return None, "off", "off"
    if row["baseline_unit"] != row["unit"]:
        before = fmt_value(row["baseline_value"], "exact", row["baseline_unit"], row["baseline_unit_en"], lang)
        text = f"{before} → {fmt_row(row, lang)}"
        # Different units: the arrow follows the stated direction of the text (缩短 = shorter).
        return text, "blue" if row["direction"] == "down" else "off", "down" if row["direction"] == "down" else "off"
    change = row["value"] - row["baseline_value"]
    colour = "blue" if good_colour(row["direction"], change) == GOOD else "orange"
    return (fmt_value(change, "exact", row["unit"], row["unit_en"], lang), colour,
            "down" if change < 0 else "up")


def _when(row: pd.Series, lang: str) -> str:
    """'截至 2025年3月31日 · 2025年第一季度' for a tile's help."""
    period = fmt_period(row.get("period"), lang)
    return md_escape(f"{t('table.as_of', lang)} {fmt_date(row['as_of'], lang)}" + (f" · {period}" if period else ""))


def _earlier(report_id: str, row: pd.Series, lang: str) -> str | None:
    """The indicator's older values, each with its date and document (newest first)."""
    rows = facts.history(report_id, row["indicator_id"])
    older = rows[(rows["obs_id"] != row["obs_id"]) & (rows["as_of"] <= row["as_of"])]
    if older.empty:
        return None
    newest = older.iloc[::-1]
    lines = [t("source.earlier_item", lang, as_of=fmt_date(r["as_of"], lang), value=fmt_row(r, lang),
               source=r["source_title"]) for _, r in newest.head(settings.EARLIER_SHOWN).iterrows()]
    if len(newest) > settings.EARLIER_SHOWN:
        lines.append(t("source.earlier_more", lang, n=len(newest) - settings.EARLIER_SHOWN))
    return "\n".join(f"- {md_escape(line)}" for line in lines)


@cached_per_build
def table_cells(report_id: str, lang: str) -> dict:
    """Every observation as a row of the figures table: obs_id -> (indicator, value with unit and
    qualifier, before, period, as of, quote)."""
    return {obs_id: (localized(r, "name", lang), fmt_row(r, lang),
                     fmt_value(r["baseline_value"], "exact", r["baseline_unit"], r["baseline_unit_en"], lang)
                     if pd.notna(r["baseline_value"]) else "",
                     fmt_period(r["period"], lang), fmt_date(r["as_of"], lang), r["quote"])
            for obs_id, r in _observations(report_id).items()}
