"""Intake: read a department update file (CSV or XLSX) into rows, or say why it cannot be read.

Only reading happens here: encodings, sheets, headers, merged and formula cells. What the
values mean is checked in etl/update_rules.py.
"""
from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from charset_normalizer import (
    from_bytes,  # picks GBK/GB18030 vs UTF-8 better than guessing by hand
)
from openpyxl import load_workbook

from etl.extract import display_path
from etl.formats import INDICATOR_COLUMNS, LEDGER_COLUMNS, MAX_BYTES, SHEETS, SUFFIXES
from etl.problems import Problem

COLUMNS = {"indicators": INDICATOR_COLUMNS, "ledger": LEDGER_COLUMNS}


@dataclass
class Row:
    sheet: str | None  # None for CSV
    number: int        # the row number a person sees (header is row 1)
    data: dict         # column key -> cell value (None when empty)

    @property
    def where(self) -> str:
        return (f"sheet {self.sheet}, " if self.sheet else "") + f"row {self.number}"


@dataclass
class UpdateFile:
    path: Path
    shown: str
    raw: bytes = b""
    tables: dict[str, list[Row]] = field(default_factory=dict)  # "indicators"/"ledger" -> rows
    problems: list[Problem] = field(default_factory=list)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()

    def problem(self, where: str, column: str, value, rule: str, fix: str) -> None:
        self.problems.append(Problem(self.shown, where, column, value, rule, fix))


def read_update(path: Path) -> UpdateFile:
    """Read one update file; file-level problems are collected on the result."""
    f = UpdateFile(path, display_path(path))
    if path.suffix.lower() not in SUFFIXES:
        f.problem("whole file", "file type", path.suffix, "only .csv and .xlsx files are accepted",
                  "save the workbook as .xlsx (Excel 2007+) or export the sheet as CSV")
        return f
    f.raw = path.read_bytes()
    if not f.raw:
        f.problem("whole file", "size", 0, "the file is empty", "fill the template and save it again")
    elif len(f.raw) > MAX_BYTES:
        f.problem("whole file", "size", len(f.raw), f"the file is larger than {MAX_BYTES} bytes",
                  "send only the indicators and ledger sheets, without pictures; split a large file")
    elif path.suffix.lower() == ".csv":
        _read_csv(f)
    else:
        _read_xlsx(f)
    return f


def decode(f: UpdateFile) -> str | None:
    """The CSV text: UTF-8 (with or without BOM), else GBK/GB18030; mixed or other encodings refused."""
    try:
        return f.raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    lines = f.raw.split(b"\n")
    utf8 = [i for i, line in enumerate(lines, 1) if not line.isascii() and _is_utf8(line)]
    other = [i for i, line in enumerate(lines, 1) if not _is_utf8(line)]
    if utf8 and other:
        f.problem(f"rows {utf8[0]} and {other[0]}", "encoding", "mixed",
                  "the file mixes UTF-8 and another encoding (GBK?)",
                  "open it in Excel or a text editor and save the whole file once as UTF-8 (or GBK)")
        return None
    # Not UTF-8: a Chinese Excel's "CSV" is GBK, which GB18030 extends. Detectors guess
    # short Chinese text as Korean or Japanese, so GB18030 is tried first and kept when it
    # decodes strictly to plausible text; charset-normalizer only names what else it is.
    try:
        text = f.raw.decode("gb18030")
        if _plausible(text):
            return text
    except UnicodeDecodeError:
        pass
    best = from_bytes(f.raw).best()
    f.problem("whole file", "encoding", best.encoding if best else "unknown",
              "the file is neither UTF-8 nor GBK/GB18030", "save it as CSV UTF-8 (逗号分隔) from Excel")
    return None


def _plausible(text: str) -> bool:
    """Mostly ASCII, CJK ideographs and CJK punctuation, as a Chinese CSV is."""
    wide = [c for c in text if not c.isascii()]
    cjk = sum("\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef" for c in wide)
    # Latin-1 accents decode as rare GBK characters; everyday Chinese is in GB2312.
    common = sum(_in_gb2312(c) for c in wide)
    return cjk >= 0.98 * len(wide) and common >= 0.9 * len(wide)


def _in_gb2312(char: str) -> bool:
    try:
        char.encode("gb2312")
        return True
    except UnicodeEncodeError:
        return False


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def _read_csv(f: UpdateFile) -> None:
    text = decode(f)
    if text is None:
        return
    reader = csv.reader(io.StringIO(text))
    records = [(reader.line_num, r) for r in reader]  # line_num: the line a person sees in an editor
    records = [(n, r) for n, r in records if any(c.strip() for c in r)]
    if not records:
        f.problem("whole file", "rows", 0, "the file has no header row", "start with the header row of the format")
        return
    header = {c.strip() for c in records[0][1]}
    score = {kind: len(header & {n for key, c in cols.items() for n in (key, c[0], c[1])})
             for kind, cols in COLUMNS.items()}
    kind = "ledger" if score["ledger"] > score["indicators"] else "indicators"
    _table(f, kind, None, [[c.strip() or None for c in r] for _, r in records], [n for n, _ in records])


def _read_xlsx(f: UpdateFile) -> None:
    try:
        wb = load_workbook(io.BytesIO(f.raw))  # formulas kept as formulas, so they can be refused
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        f.problem("whole file", "format", type(exc).__name__, "the file is not a readable .xlsx workbook",
                  "open it in Excel and save it again as .xlsx (Excel 2007+)")
        return
    found = False
    for kind in COLUMNS:
        ws = next((wb[n] for n in SHEETS[kind] if n in wb.sheetnames), None)
        if ws is None:
            continue
        found = True
        for merged in ws.merged_cells.ranges:
            f.problem(f"sheet {ws.title}, cells {merged.coord}", "cells", "merged", "merged cells are not allowed",
                      "unmerge the cells and put the value in each row's own cell")
        rows = []
        header = [c.value for c in next(ws.iter_rows(max_row=1), [])]
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    name = header[cell.column - 1] if cell.column <= len(header) else None
                    f.problem(f"sheet {ws.title}, row {cell.row}", f"{cell.column_letter} ({name})" if name
                              else cell.column_letter, cell.value, "formula cells are not allowed",
                              "replace the formula by its value (copy, paste values)")
            rows.append([_cell(c.value) for c in row])
        _table(f, kind, ws.title, rows, [r[0].row for r in ws.iter_rows() if r] or None)
    if not found:
        names = " / ".join(n for k in COLUMNS for n in SHEETS[k])
        f.problem("whole file", "sheet", ", ".join(wb.sheetnames), f"no sheet named {names}",
                  "use the template from: python -m etl template --out FILE.xlsx")


def _cell(value):
    if isinstance(value, str):
        return value.strip() or None
    return value


def _table(f: UpdateFile, kind: str, sheet: str | None, records: list[list], numbers: list[int] | None = None):
    """Map the header to column keys and the other rows to Rows; report header problems.
    numbers: the row number a person sees for each record (default: 1, 2, 3, …)."""
    numbers = numbers or list(range(1, len(records) + 1))
    columns = COLUMNS[kind]
    names = {n: key for key, (zh, en, _, _) in columns.items() for n in (key, zh, en)}
    header = [str(h).strip() if h is not None else "" for h in records[0]]
    where = (f"sheet {sheet}, " if sheet else "") + "row 1"
    keys = []
    for i, h in enumerate(header):
        key = names.get(h)
        if h and key is None:
            f.problem(where, f"column {i + 1}", h, "unknown column",
                      f"use the headers of the format: {', '.join(k for k, c in columns.items() if c[3])}")
        if key is not None and key in keys:
            f.problem(where, f"column {i + 1}", h, "the column appears twice", "keep one of them")
        keys.append(key)
    for key, (zh, en, required, _) in columns.items():
        if required and key not in keys:
            f.problem(where, key, None, "a required column is missing", f"add the column {key} ({zh})")
    rows = []
    for n, record in zip(numbers[1:], records[1:]):
        data = {k: v for k, v in zip(keys, record) if k and columns[k][3]}
        if any(v is not None for v in data.values()):
            rows.append(Row(sheet, n, data))
    f.tables[kind] = rows
