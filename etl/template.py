"""The department update template: an XLSX workbook pre-filled from the built database.

Three sheets (names, headers and allowed words all come from etl/formats.py):
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

from common import settings
from common.errors import DatabaseMissing
from etl import template_sheets as sheets
from etl.formats import INDICATOR_COLUMNS, LEDGER_COLUMNS, QUALIFIERS, SHEETS, STATUSES

LATEST_DATE = date(2099, 12, 31)

INDICATORS_SQL = """
SELECT indicator_id, name_zh, name_en, unit, value, as_of
FROM indicator_facts
WHERE is_latest AND kind <> 'date'
ORDER BY area_no NULLS FIRST, problem_code NULLS FIRST, quote_offset, indicator_id
"""
LEDGER_SQL = """
SELECT code, title_zh, title_en FROM (
    SELECT problem_code AS code, title_zh, title_en, area_no, seq AS p_seq, 0 AS m_seq FROM problems
    UNION ALL
    SELECT m.measure_code, m.summary_zh, m.summary_en, p.area_no, p.seq, m.seq
    FROM measures AS m JOIN problems AS p USING (problem_code)
)
ORDER BY area_no, p_seq, m_seq
"""
AS_OF_SQL = "SELECT max(as_of) FROM sources WHERE kind = 'report'"


def write_template(out: Path, lang: str = "zh", db_path: Path | None = None) -> None:
    """Write the department update workbook (lang "zh" or "en") to out, pre-filled from db_path."""
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be zh or en, not {lang!r}")
    i = 0 if lang == "zh" else 1
    data = _read(Path(db_path or settings.DB_PATH))
    start = settings.PROGRAMME_START  # the earliest date the ingest accepts (KPI_PROGRAMME_START)
    wb = Workbook()
    wb.remove(wb.active)
    indicators = wb.create_sheet(SHEETS["indicators"][i])
    rows = [{"indicator_id": r[0], "name": r[1 + i], "unit": r[3], "latest_value": _number(r[4]),
             "latest_as_of": r[5]} for r in data["indicators"]]
    sheets.write_table(indicators, INDICATOR_COLUMNS, rows, i, sheets.INDICATOR_KEYS)
    qualifiers = [w[i] for w in QUALIFIERS.values()]
    sheets.add_list(indicators, INDICATOR_COLUMNS, "qualifier", qualifiers, len(rows))
    sheets.add_dates(indicators, INDICATOR_COLUMNS, ["as_of"], start, LATEST_DATE, len(rows))

    ledger = wb.create_sheet(SHEETS["ledger"][i])
    rows = [{"code": r[0], "title": r[1 + i], "status": STATUSES["not_stated"][i]} for r in data["ledger"]]
    sheets.write_table(ledger, LEDGER_COLUMNS, rows, i, sheets.LEDGER_KEYS)
    sheets.add_list(ledger, LEDGER_COLUMNS, "status", [w[i] for w in STATUSES.values()], len(rows))
    sheets.add_dates(ledger, LEDGER_COLUMNS, ["deadline", "completed_on", "signed_off_on"],
                     start, LATEST_DATE, len(rows))

    sheets.write_instructions(wb.create_sheet(SHEETS["instructions"][i]), lang, start)
    stamp = datetime.combine(data["as_of"], datetime.min.time())
    wb.properties.created = wb.properties.modified = stamp
    wb.properties.creator = wb.properties.lastModifiedBy = "python -m etl template"
    Path(out).write_bytes(_fixed_bytes(wb, stamp))


def _read(db_path: Path) -> dict:
    if not db_path.exists():
        raise DatabaseMissing(f"{db_path} does not exist; build it with: make db  (or: python -m etl build)")
    with duckdb.connect(str(db_path), read_only=True) as con:
        as_of = con.execute(AS_OF_SQL).fetchone()[0]
        return {"indicators": con.execute(INDICATORS_SQL).fetchall(),
                "ledger": con.execute(LEDGER_SQL).fetchall(),
                "as_of": as_of or settings.PROGRAMME_START}


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
