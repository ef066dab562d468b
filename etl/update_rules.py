"""What the rows of an update file must say: known ids, numbers, dates, statuses."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from common import settings
from etl.extract import Catalog
from etl.formats import QUALIFIERS, STATUSES, word_to_key
from etl.intake import Row, UpdateFile

NUMBER = re.compile(r"^[+-]?[0-9]+(\.[0-9]+)?$")
DATE = re.compile(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$")
NON_NEGATIVE = ("count", "amount", "duration")


@dataclass(frozen=True)
class Known:
    """What the catalog allows updates to refer to."""
    indicators: dict  # id -> catalog entry
    codes: dict       # problem or measure code -> "problem" | "measure"

    @classmethod
    def from_catalog(cls, catalog: Catalog) -> Known:
        codes = {r.data["code"]: "problem" for r in catalog["problems.yml"]}
        codes.update({r.data["code"]: "measure" for r in catalog["measures.yml"]})
        return cls({r.data["id"]: r.data for r in catalog["indicators.yml"]}, codes)


def check_file(f: UpdateFile, known: Known, today: date | None = None) -> None:
    """Append every problem of the file's rows to f.problems; clean values go back into the rows."""
    today = today or settings.today()
    seen: dict = {}
    if "ledger" in f.tables:  # template rows left as they came (code, title, 未说明) are not entries
        f.tables["ledger"] = [r for r in f.tables["ledger"] if not _untouched(r)]
    if "indicators" in f.tables:  # nor are indicator rows with only the template's id and unit
        f.tables["indicators"] = [r for r in f.tables["indicators"]
                                  if {k for k, v in r.data.items() if v is not None} - {"indicator_id", "unit",
                                                                                        "submitter"}]
    for row in f.tables.get("indicators", []):
        _indicator(f, row, known, today, seen)
    for row in f.tables.get("ledger", []):
        _ledger(f, row, known, today, seen)
    if not f.problems and not any(f.tables.values()):
        f.problem("whole file", "rows", 0, "the file has no filled rows",
                  "fill at least one new value or one ledger field, or leave the file out")


def _indicator(f: UpdateFile, row: Row, known: Known, today: date, seen: dict) -> None:
    d = row.data
    ind = known.indicators.get(d.get("indicator_id"))
    if ind is None:
        return f.problem(row.where, "indicator_id", d.get("indicator_id"), "unknown indicator id",
                         "copy the id from the template's indicators sheet (python -m etl template)")
    if ind["kind"] == "date":
        return f.problem(row.where, "indicator_id", ind["id"], "date indicators are not updated by departments",
                         "remove the row")
    if d.get("unit") is not None and d["unit"] != ind["unit"]:
        f.problem(row.where, "unit", d["unit"], f"the indicator is counted in {ind['unit']}",
                  f"give the value in {ind['unit']} and leave the unit column as the template has it")
    d["value"] = _number(f, row, ind)
    qualifier = word_to_key(QUALIFIERS, str(d.get("qualifier") or "exact"))
    if qualifier is None:
        f.problem(row.where, "qualifier", d.get("qualifier"), "unknown qualifier",
                  "use one of: " + ", ".join(f"{k} ({zh})" for k, (zh, _) in QUALIFIERS.items()))
    d["qualifier"] = qualifier
    d["as_of"] = _date(f, row, "as_of", today, required=True)
    if not d.get("source"):
        f.problem(row.where, "source", None, "the source document is required",
                  "name the document the value comes from (report, statistics table, minutes)")
    key = ("indicator", ind["id"], d["as_of"])
    if key in seen:
        f.problem(row.where, "indicator_id", ind["id"], f"duplicate row: same indicator and as-of as {seen[key]}",
                  "keep one row per indicator and date")
    seen.setdefault(key, row.where)


def _number(f: UpdateFile, row: Row, ind: dict):
    raw = row.data.get("value")
    if raw is None:
        f.problem(row.where, "value", None, "the new value is missing", "fill the value, or clear the whole row")
        return None
    if isinstance(raw, bool) or not (isinstance(raw, (int, float)) or NUMBER.match(str(raw))):
        f.problem(row.where, "value", raw, "must be a plain number (no unit, no words)",
                  "write the number only, e.g. 2100; put 余/多 in the qualifier column")
        return None
    value = float(raw)
    if ind["kind"] in NON_NEGATIVE and value < 0:
        f.problem(row.where, "value", raw, f"a {ind['kind']} cannot be negative", "check the sign")
    elif ind["kind"] == "count" and not value.is_integer():
        f.problem(row.where, "value", raw, f"{ind['id']} is a count ({ind['unit']}): a whole number",
                  "give a whole number, or check the indicator id")
    return value


def _date(f: UpdateFile, row: Row, column: str, today: date, required: bool = False, future: bool = False):
    raw = row.data.get(column)
    if raw is None:
        if required:
            f.problem(row.where, column, None, "the date is required", "write it as YYYY-MM-DD")
        return None
    value = raw.date() if isinstance(raw, datetime) else raw
    if not isinstance(value, date):
        m = DATE.match(str(raw))
        try:
            value = date(*map(int, m.groups())) if m else None
        except ValueError:
            value = None
    if value is None:
        f.problem(row.where, column, raw, "not a valid date", "write it as YYYY-MM-DD, e.g. 2025-01-31")
    elif value < settings.PROGRAMME_START:
        f.problem(row.where, column, str(value), f"before the rectification programme started "
                  f"({settings.PROGRAMME_START})", "check the year")
    elif value > today and not future:
        f.problem(row.where, column, str(value), f"after today ({today})", "a value can only be reported once known")
    return value


def _untouched(row: Row) -> bool:
    filled = {k for k, v in row.data.items() if v is not None} - {"code", "status", "submitter"}
    return not filled and word_to_key(STATUSES, str(row.data.get("status") or "未说明")) == "not_stated"


def _ledger(f: UpdateFile, row: Row, known: Known, today: date, seen: dict) -> None:
    d = row.data
    code = str(d.get("code") or "")
    if code not in known.codes:
        return f.problem(row.where, "code", d.get("code"), "unknown problem or measure code",
                         "use a code from the template's ledger sheet, e.g. 2.2 or 2.2.1")
    d["level"] = known.codes[code]
    status = word_to_key(STATUSES, str(d.get("status") or ""))
    if status is None:
        f.problem(row.where, "status", d.get("status"), "status outside the list",
                  "use one of: " + ", ".join(zh for zh, _ in STATUSES.values()))
    d["status"] = status
    written_completed = d.get("completed_on")  # before _date replaces it (None when unreadable)
    d["deadline"] = _date(f, row, "deadline", today, future=True)
    d["completed_on"] = _date(f, row, "completed_on", today)
    d["signed_off_on"] = _date(f, row, "signed_off_on", today)
    if status == "completed" and written_completed is None:
        f.problem(row.where, "completed_on", None, "a completed item needs its completion date",
                  "fill 完成日期, or choose another status")
    if d["signed_off_on"] and d["completed_on"] and d["signed_off_on"] < d["completed_on"]:
        f.problem(row.where, "signed_off_on", str(d["signed_off_on"]), "sign-off before completion",
                  "check both dates: 销号 comes after 完成")
    if code in seen:
        f.problem(row.where, "code", code, f"duplicate row: same code as {seen[code]}", "keep one row per code")
    seen.setdefault(code, row.where)
