"""Rules that tie the catalog to the words of its sources: quotes, values, coverage."""
from __future__ import annotations

import re
from datetime import date

from common import periods
from etl.extract import Record, Report, Source
from etl.problems import Problem, where
from etl.quantity import QuantityError, parse_date, parse_quantity
from etl.schema import SCHEMA

QUOTED = ("areas.yml", "problems.yml", "measures.yml", "observations.yml")
SOURCED = QUOTED + ("exclusions.yml",)
# Digit runs and Roman numerals must each be an observation's value or an exclusion.
NUMERAL = re.compile(r"[0-9]+(?:\.[0-9]+)?|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ]")


def check(sources: list[Source], catalog: Report) -> list[Problem]:
    """One report's quotes, values and coverage of its own document."""
    # A source whose bytes fail their checksum is reported once, by validate.check_source;
    # its text is not trusted for anything else.
    own = catalog.meta.get("source")
    texts = {s.meta.get("id"): s.text for s in sources
             if s.text is not None and s.sha256 == s.meta.get("sha256") and s.meta.get("id") == own}
    found = []
    for name in QUOTED:
        for r in catalog[name]:
            found += check_quote(name, r, texts)
    indicators = {r.data.get("id"): r.data for r in catalog["indicators.yml"]}
    published = {s.meta.get("id"): s.meta.get("published") for s in sources}
    for r in catalog["observations.yml"]:
        found += check_values(r, indicators.get(r.data.get("indicator_id")), published)
    found += check_every_indicator_observed(catalog)
    found += check_coverage(texts, {s.meta.get("id"): s.data_file for s in sources}, catalog)
    return found


def _at(name: str, r: Record) -> str:
    return where(r.index, SCHEMA[name][0], r.data)


def check_quote(name: str, r: Record, texts: dict) -> list[Problem]:
    """The quote stands in its source at its offset, word for word."""
    text, quote, offset = texts.get(r.data.get("source")), r.data.get("quote"), r.data.get("offset")
    if text is None or not isinstance(quote, str) or not isinstance(offset, int):
        return []  # reported by the schema and reference rules
    if text[offset:offset + len(quote)] == quote:
        return []
    actual = text.find(quote)
    fix = (f"set offset: {actual}" if actual >= 0 else
           "copy the quote again from the source, character for character")
    return [Problem(r.file, _at(name, r), "quote", quote,
                    f"must stand in {r.data['source']} at offset {offset}, but the text there is "
                    f"{text[offset:offset + len(quote)]!r}", fix)]


def check_values(r: Record, indicator: dict | None, published: dict) -> list[Problem]:
    """value_text and baseline_text are in the quote and say exactly value and baseline."""
    d, at = r.data, _at("observations.yml", r)
    if indicator is None or not isinstance(d.get("quote"), str):
        return []
    found = []
    for text_field, value_field, unit_field in (("value_text", "value", None),
                                                ("baseline_text", "baseline_value", "baseline_unit")):
        written = d.get(text_field)
        if written is None:
            if unit_field and (d.get(value_field) is not None or d.get(unit_field) is not None):
                found.append(Problem(r.file, at, text_field, None, "a baseline needs the words it came from",
                                     "add baseline_text as written in the quote, e.g. 5个工作日"))
            continue
        if d["quote"].count(written) != 1:
            found.append(Problem(r.file, at, text_field, written,
                                 f"must occur exactly once in the quote (found {d['quote'].count(written)})",
                                 "write the quantity exactly as in the quote, or widen or narrow the quote"))
            continue
        expected_unit = indicator.get("unit") if unit_field is None else d.get(unit_field)
        found += _compare(r, at, written, value_field, unit_field or "unit", expected_unit,
                          indicator.get("kind") == "date" and unit_field is None)
    if isinstance(d.get("period"), str):
        try:
            periods.parse(d["period"])
        except periods.PeriodError as exc:
            found.append(Problem(r.file, at, "period", d["period"], str(exc),
                                 "write the period as 2025Q1, 2025-03, 2025H1 or 2025; a change as 2025Q1 vs 2024Q4"))
    as_of, pub = d.get("as_of"), published.get(d.get("source"))
    if isinstance(as_of, date) and isinstance(pub, date) and as_of > pub:
        found.append(Problem(r.file, at, "as_of", as_of, f"cannot be after the source's publication ({pub})",
                             "use the status date the source gives (截至…)"))
    return found


def _compare(r, at, written, value_field, unit_field, unit, is_date) -> list[Problem]:
    d = r.data
    try:
        if is_date:
            parsed = parse_date(written)
            ok = isinstance(d.get("value"), date) and parsed.matches(d["value"])
            return [] if ok else [Problem(r.file, at, "value", d.get("value"),
                                          f"value_text {written!r} reads as {parsed}",
                                          "set value to that date (YYYY-MM-DD)")]
        q = parse_quantity(written)
    except QuantityError as exc:
        return [Problem(r.file, at, value_field.replace("value", "text") if value_field != "value"
                        else "value_text", written, f"cannot be read: {exc}",
                        "write the quantity as in the source: number, then 余/多 if any, then the unit")]
    found = []
    if d.get(value_field) != q.value:
        found.append(Problem(r.file, at, value_field, d.get(value_field), f"{written!r} reads as {q.value:g}",
                             f"set {value_field}: {q.value:g}, or correct the written quantity"))
    if value_field == "value" and d.get("qualifier") != q.qualifier:
        found.append(Problem(r.file, at, "qualifier", d.get("qualifier"), f"{written!r} reads as {q.qualifier}",
                             f"set qualifier: {q.qualifier} (余/多 mean more_than, 约/近/左右 approx)"))
    if q.unit != unit:
        found.append(Problem(r.file, at, unit_field, unit, f"{written!r} is written in {q.unit}, not {unit}",
                             f"use unit {q.unit}, or a separate indicator for this unit"))
    return found


def check_every_indicator_observed(catalog: Report) -> list[Problem]:
    observed = {r.data.get("indicator_id") for r in catalog["observations.yml"]}
    return [Problem(r.file, _at("indicators.yml", r), "id", r.data.get("id"),
                    "every indicator needs at least one observation",
                    "add its observation to observations.yml, or remove the indicator")
            for r in catalog["indicators.yml"] if r.data.get("id") not in observed]


def value_spans(texts: dict, catalog: Report) -> dict[str, list[tuple[int, int]]]:
    """Character spans, per source, of every value_text and baseline_text.

    A quote at a wrong offset is located by search instead, so that one wrong offset
    is reported once (by check_quote), not again as uncovered numerals."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for d in (r.data for r in catalog["observations.yml"]):
        text, quote = texts.get(d.get("source"), ""), d.get("quote")
        if not isinstance(quote, str) or not quote:
            continue
        start = d.get("offset") if text[d.get("offset") or 0:][:len(quote)] == quote else text.find(quote)
        for f in ("value_text", "baseline_text"):
            i = quote.find(d[f]) if isinstance(d.get(f), str) else -1
            if start is not None and start >= 0 and i >= 0:
                spans.setdefault(d.get("source"), []).append((start + i, start + i + len(d[f])))
    return spans


def check_coverage(texts: dict, files: dict, catalog: Report) -> list[Problem]:
    """Every numeral in a report is an observation's value or a listed exclusion."""
    spans = value_spans(texts, catalog)
    excluded = {(r.data.get("source"), r.data.get("offset"), r.data.get("text"))
                for r in catalog["exclusions.yml"]}
    found = []
    for source_id, text in sorted(texts.items()):
        for m in NUMERAL.finditer(text):
            covered = any(a <= m.start() and m.end() <= b for a, b in spans.get(source_id, []))
            if not covered and (source_id, m.start(), m.group()) not in excluded:
                context = text[max(0, m.start() - 12):m.end() + 8].replace("\n", " ")
                found.append(Problem(files[source_id], f"offset {m.start()}",
                                     "numeral", m.group(), f"is not covered by any observation (…{context}…)",
                                     f"add an observation whose value_text contains it to "
                                     f"{catalog.shown('observations.yml')}, or list it in "
                                     f"{catalog.shown('exclusions.yml')} with its offset and a reason"))
    for r in catalog["exclusions.yml"]:
        text = texts.get(r.data.get("source"))
        off, t = r.data.get("offset"), r.data.get("text")
        if text is not None and isinstance(off, int) and isinstance(t, str) and text[off:off + len(t)] != t:
            found.append(Problem(r.file, _at("exclusions.yml", r), "offset", off,
                                 f"the text there is {text[off:off + len(t)]!r}, not {t!r}",
                                 f"set offset: {text.find(t)}" if t in text else "remove the exclusion"))
    return found
