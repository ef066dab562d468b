"""Check: what the rows of an update file must say: known ids, numbers, dates, periods, statuses."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime

from common import periods, settings
from etl.extract import Report
from etl.problems import Text
from etl.updates.messages import say
from etl.updates.read import WHOLE_FILE, Row, UpdateFile
from etl.vocabulary import Vocabulary

NUMBER = re.compile(r"^[+-]?[0-9]+(\.[0-9]+)?$")
DATE = re.compile(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$")
NON_NEGATIVE = ("count", "amount", "duration")


@dataclass(frozen=True)
class Known:
    """What a report's catalog allows its updates to refer to."""
    indicators: dict       # id -> catalog entry
    codes: dict            # problem or measure code -> "problem" | "measure"
    programme_start: date  # updates dated earlier are refused
    vocabulary: Vocabulary

    @classmethod
    def from_report(cls, report: Report, vocabulary: Vocabulary) -> Known:
        codes = {r.data["code"]: "problem" for r in report["problems.yml"]}
        codes.update({r.data["code"]: "measure" for r in report["measures.yml"]})
        start = next(r.data["value"] for r in report["observations.yml"]
                     if r.data["indicator_id"] == report.meta["programme_start"])
        return cls({r.data["id"]: r.data for r in report["indicators.yml"]}, codes, start, vocabulary)

    def words(self, name: str, lang: int) -> str:
        return ", ".join(w[lang] for w in self.vocabulary.words(name).values())


def check_file(f: UpdateFile, known: Known, today: date | None = None) -> None:
    """Append every problem of the file's rows to f.problems; clean values go back into the rows."""
    today = today or settings.today()
    seen: dict = {}
    if "ledger" in f.tables:  # template rows left as they came (code, title, 未说明) are not entries
        f.tables["ledger"] = [r for r in f.tables["ledger"] if not _untouched(r, known)]
    if "indicators" in f.tables:  # nor are indicator rows with only the template's id and unit
        f.tables["indicators"] = [r for r in f.tables["indicators"]
                                  if {k for k, v in r.data.items() if v is not None} - {"indicator_id", "unit",
                                                                                        "submitter"}]
    for row in f.tables.get("indicators", []):
        _indicator(f, row, known, today, seen)
    for row in f.tables.get("ledger", []):
        _ledger(f, row, known, today, seen)
    if not f.problems and not any(f.tables.values()):
        f.problem(WHOLE_FILE, say("field.rows"), 0, "no_rows")


def _indicator(f: UpdateFile, row: Row, known: Known, today: date, seen: dict) -> None:
    d = row.data
    ind = known.indicators.get(d.get("indicator_id"))
    if ind is None:
        return f.problem(row.where, "indicator_id", d.get("indicator_id"), "unknown_indicator")
    if ind["kind"] == "date":
        return f.problem(row.where, "indicator_id", ind["id"], "date_indicator")
    if d.get("unit") is not None and d["unit"] != ind["unit"]:
        f.problem(row.where, "unit", d["unit"], "unit", unit=ind["unit"])
    d["value"] = _number(f, row, ind, known)
    qualifier = known.vocabulary.key_of("qualifiers", str(d.get("qualifier") or "exact"))
    if qualifier is None:
        f.problem(row.where, "qualifier", d.get("qualifier"), "unknown_qualifier", fix="one_of.fix",
                  words=_both(known, "qualifiers"))
    d["qualifier"] = qualifier
    d["as_of"] = _date(f, row, "as_of", today, known, required=True)
    d["period"] = _period(f, row, ind)
    if not d.get("source"):
        f.problem(row.where, "source", None, "source_missing")
    key = ("indicator", ind["id"], d["as_of"])
    if key in seen:
        f.problem(row.where, "indicator_id", ind["id"], "duplicate_indicator", other=seen[key])
    seen.setdefault(key, row.where)


def _both(known: Known, name: str) -> Text:
    return Text(known.words(name, 1), known.words(name, 0))


def _plain(x: float) -> str:
    """A range bound as a person reads it: -10,000,000 (not -1e+07)."""
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:g}"


def _short(raw) -> str:
    """A value as written, cut to something a message can show (1 followed by 400 zeros)."""
    text = str(raw)
    return text if len(text) <= 40 else f"{text[:20]}…({len(text)})"


def _number(f: UpdateFile, row: Row, ind: dict, known: Known):
    raw = row.data.get("value")
    if raw is None:
        f.problem(row.where, "value", None, "value_missing")
        return None
    if isinstance(raw, bool) or not (isinstance(raw, (int, float)) or NUMBER.match(str(raw))):
        f.problem(row.where, "value", raw, "not_a_number")
        return None
    value = float(raw)
    low, high = known.vocabulary.range(ind["unit"])
    if not math.isfinite(value):
        f.problem(row.where, "value", _short(raw), "not_finite")
        return None
    if not low <= value <= high:
        f.problem(row.where, "value", _short(raw), "out_of_range", unit=ind["unit"], low=_plain(low),
                  high=_plain(high))
        return None
    if ind["kind"] in NON_NEGATIVE and value < 0:
        f.problem(row.where, "value", raw, "negative", kind=ind["kind"])
    elif ind["kind"] == "count" and not value.is_integer():
        f.problem(row.where, "value", raw, "whole_number", id=ind["id"], unit=ind["unit"])
    return value


def _period(f: UpdateFile, row: Row, ind: dict) -> periods.Period | None:
    """The period the value describes: as written, or for a change whose as-of is the last day
    of a quarter, that quarter. A change with neither is refused."""
    raw, as_of = row.data.get("period"), row.data.get("as_of")
    period = None
    if raw is not None:
        try:
            period = periods.parse(str(raw))
        except periods.PeriodError:
            f.problem(row.where, "period", raw, "period_invalid", written=raw)
            return None
    elif ind["kind"] == "change" and isinstance(as_of, date):
        quarter = periods.quarter_ending(as_of)
        period = periods.Period(quarter) if quarter else None
        if period is None:
            f.problem(row.where, "period", None, "period_needed")
    if period is not None and isinstance(as_of, date) and period.span.end > as_of:
        f.problem(row.where, "period", raw or period.code, "period_after_as_of", as_of=as_of)
    return period


def _date(f: UpdateFile, row: Row, column: str, today: date, known: Known, required: bool = False,
          future: bool = False):
    raw = row.data.get(column)
    if raw is None:
        if required:
            f.problem(row.where, column, None, "date_missing")
        return None
    value = raw.date() if isinstance(raw, datetime) else raw
    if not isinstance(value, date):
        m = DATE.match(str(raw))
        try:
            value = date(*map(int, m.groups())) if m else None
        except ValueError:
            value = None
    if value is None:
        f.problem(row.where, column, raw, "date_invalid")
    elif value < known.programme_start:
        f.problem(row.where, column, str(value), "before_start", start=known.programme_start)
    elif value > today and not future:
        f.problem(row.where, column, str(value), "after_today", today=today)
    return value


def _untouched(row: Row, known: Known) -> bool:
    filled = {k for k, v in row.data.items() if v is not None} - {"code", "status", "submitter"}
    return not filled and known.vocabulary.key_of("statuses", str(row.data.get("status") or "未说明")) == "not_stated"


def _ledger(f: UpdateFile, row: Row, known: Known, today: date, seen: dict) -> None:
    d = row.data
    code = str(d.get("code") or "")
    if code not in known.codes:
        return f.problem(row.where, "code", d.get("code"), "unknown_code")
    d["level"] = known.codes[code]
    status = known.vocabulary.key_of("statuses", str(d.get("status") or ""))
    if status is None:
        f.problem(row.where, "status", d.get("status"), "unknown_status", fix="one_of.fix",
                  words=_both(known, "statuses"))
    d["status"] = status
    written = {k: d.get(k) for k in ("completed_on", "signed_off_on", "as_of")}  # before _date replaces them
    d["deadline"] = _date(f, row, "deadline", today, known, future=True)
    for column in ("completed_on", "signed_off_on", "as_of"):
        d[column] = _date(f, row, column, today, known)
    if status == "completed" and written["completed_on"] is None:
        f.problem(row.where, "completed_on", None, "completed_needs_date")
    if d["signed_off_on"] and d["completed_on"] and d["signed_off_on"] < d["completed_on"]:
        f.problem(row.where, "signed_off_on", str(d["signed_off_on"]), "sign_off_first")
    if written["as_of"] is None:  # the status is as of the latest date the row gives
        d["as_of"] = max(filter(None, (d["completed_on"], d["signed_off_on"])), default=None)
        if not any(written.values()) and status != "completed":
            f.problem(row.where, "as_of", None, "ledger_needs_date")
    if code in seen:
        f.problem(row.where, "code", code, "duplicate_code", other=seen[code])
    seen.setdefault(code, row.where)
