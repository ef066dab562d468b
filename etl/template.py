"""The department update template: an XLSX workbook for one report, pre-filled from the built database.

Three sheets (names and headers come from etl/updates/formats.py, the dropdowns' words from
the vocabulary as the database holds it):
- indicators: one row per updatable indicator (every non-date indicator), with its
  latest value and as-of date, and empty input columns for the new value;
- ledger: one row per problem followed by its measures, status pre-filled 未说明;
- instructions: how to fill each column (Chinese; Chinese and English for lang="en").

The same database gives the same bytes: created/modified dates and the zip entry
times are the report's as-of date, not the time the template was written.
"""
from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from pathlib import Path

import duckdb
from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter

from common import builds, settings
from etl import template_sheets as sheets
from etl.updates.formats import INDICATOR_COLUMNS, LEDGER_COLUMNS, SHEETS

LATEST_DATE = date(2099, 12, 31)

SQL_DIR = Path(__file__).with_name("sql") / "template"


def write_template(out: Path, lang: str = "zh", db_path: Path | None = None, report_id: str | None = None) -> None:
    """Write a report's update workbook (lang "zh" or "en"; default report: the newest) to out,
    pre-filled from db_path."""
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be zh or en, not {lang!r}")
    i = 0 if lang == "zh" else 1
    data = _read(Path(db_path or settings.DB_PATH), report_id)
    start = data["start"]  # the earliest date the ingest accepts: the report's programme start
    wb = Workbook()
    wb.remove(wb.active)
    indicators = wb.create_sheet(SHEETS["indicators"][i])
    rows = [{"indicator_id": r[0], "name": r[1 + i], "unit": r[3], "latest_value": _number(r[4]),
             "latest_as_of": r[5]} for r in data["indicators"]]
    sheets.write_table(indicators, INDICATOR_COLUMNS, rows, i, sheets.INDICATOR_KEYS)
    qualifiers = [w[i] for w in data["qualifiers"].values()]
    sheets.add_list(indicators, INDICATOR_COLUMNS, "qualifier", qualifiers, len(rows))
    sheets.add_dates(indicators, INDICATOR_COLUMNS, ["as_of"], start, LATEST_DATE, len(rows))

    ledger = wb.create_sheet(SHEETS["ledger"][i])
    rows = [{"code": r[0], "title": r[1 + i], "status": data["statuses"]["not_stated"][i]} for r in data["ledger"]]
    sheets.write_table(ledger, LEDGER_COLUMNS, rows, i, sheets.LEDGER_KEYS)
    sheets.add_list(ledger, LEDGER_COLUMNS, "status", [w[i] for w in data["statuses"].values()], len(rows))
    sheets.add_dates(ledger, LEDGER_COLUMNS, ["deadline", "completed_on", "signed_off_on", "as_of"],
                     start, LATEST_DATE, len(rows))

    sheets.write_instructions(wb.create_sheet(SHEETS["instructions"][i]), lang, start,
                              {"qualifiers": data["qualifiers"], "statuses": data["statuses"]})
    stamp = datetime.combine(data["as_of"], datetime.min.time())
    wb.properties.created = wb.properties.modified = stamp
    wb.properties.creator = wb.properties.lastModifiedBy = "python -m etl template"
    Path(out).write_bytes(_fixed_bytes(wb, stamp))


def _read(db_path: Path, report_id: str | None) -> dict:
    path = builds.choose(db_path).path  # the newest readable build (DatabaseMissing when none)
    with duckdb.connect(str(path), read_only=True) as con:
        def q(name: str) -> list[tuple]:
            sql = (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")
            return con.execute(sql, {"report_id": report_id} if "$report_id" in sql else {}).fetchall()

        reports = q("report")
        if not reports:
            known = ", ".join(r[0] for r in con.execute("SELECT report_id FROM reports ORDER BY 1").fetchall())
            raise LookupError(f"no report {report_id!r} in {db_path}; known: {known}")
        report_id, as_of, start = reports[0]  # the queries below are for the report found
        return {"indicators": q("indicators"), "ledger": q("ledger"), "as_of": as_of, "start": start,
                "qualifiers": {k: (zh, en) for k, zh, en in q("qualifiers")},
                "statuses": {k: (zh, en) for k, zh, en in q("statuses")}}


def _number(value: float | None):
    """2000.0 -> 2000 (a whole number shows as one); other values unchanged."""
    return int(value) if value is not None and float(value).is_integer() else value


def _fixed_bytes(wb: Workbook, stamp: datetime) -> bytes:
    """The XLSX bytes with fixed zip entry times (openpyxl's save() would stamp 'now')."""
    raw = io.BytesIO()
    ExcelWriter(wb, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED)).save()  # keeps properties.modified
    fixed = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=stamp.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, src.read(item.filename))
    return fixed.getvalue()
