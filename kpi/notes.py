"""Texts of the catalog filled from the database: {id} is an indicator's newest figure with its
unit and qualifier, {id.value} the number, {id.name}, {id.as_of}, {id.period} (see
common/layout.py). A note therefore always speaks of the newest data."""
from __future__ import annotations

import string

import pandas as pd

from kpi import facts
from kpi.db import cached_per_build
from kpi.text import bilingual, fmt_date, fmt_number, fmt_period, fmt_row, localized


def fill(text: dict | str, report_id: str, lang: str, extra: dict | None = None) -> str:
    """A {zh, en} text (or one string) in lang with its placeholders filled; extra gives values
    for names that are not indicators (a chart title's {as_of}). Filled once per build."""
    key = tuple(sorted(text.items())) if isinstance(text, dict) else text
    return _fill(key, report_id, lang, tuple(sorted((extra or {}).items())))


@cached_per_build
def _latest(report_id: str) -> pd.DataFrame:
    return facts.latest(report_id).set_index("indicator_id")


@cached_per_build
def _fill(key: tuple | str, report_id: str, lang: str, extra_items: tuple) -> str:
    template = bilingual(dict(key), lang) if isinstance(key, tuple) else key
    extra = dict(extra_items) if extra_items else None
    latest = _latest(report_id)
    out = []
    for literal, name, _, _ in string.Formatter().parse(template):
        out.append(literal)
        if name is None:
            continue
        head, _, field = name.partition(".")
        if extra is not None and head in extra and not field:
            out.append(str(extra[head]))
        else:
            out.append(field_text(latest.loc[head], field or None, lang))
    return "".join(out)


def field_text(row: pd.Series, field: str | None, lang: str) -> str:
    """One field of an indicator's newest observation as text."""
    if field is None:
        return fmt_row(row, lang)
    if field == "value":
        return fmt_date(row["value_date"], lang) if row["kind"] == "date" else fmt_number(row["value"], lang)
    if field == "name":
        return localized(row, "name", lang)
    if field == "as_of":
        return fmt_date(row["as_of"], lang)
    # period: as the observation states it, else the date it is as of
    return fmt_period(row["period"], lang) or fmt_date(row["as_of"], lang)
