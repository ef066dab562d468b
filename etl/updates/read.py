"""Read: a department update file (CSV or XLSX) into rows, or say why it cannot be read.

Only reading happens here: encodings, sheets, headers, merged and formula cells. What the
values mean is checked in etl/updates/check.py.
"""
from __future__ import annotations

import csv
import hashlib
import io
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from charset_normalizer import (
    from_bytes,  # picks GBK/GB18030 vs UTF-8 better than guessing by hand
)
from openpyxl import load_workbook

from common import settings
from etl.extract import display_path
from etl.problems import Problem, Text
from etl.updates.formats import COLUMNS, MAX_BYTES, SHEETS, SUFFIXES
from etl.updates.messages import say

WHOLE_FILE = say("where.file")


@dataclass
class Row:
    sheet: str | None  # None for CSV
    number: int        # the row number a person sees (header is row 1)
    data: dict         # column key -> cell value (None when empty); the check step cleans it
    written: dict = field(default_factory=dict)  # column key -> (header as written, cell as written)

    @property
    def where(self) -> Text:
        return say("where.sheet_row", sheet=self.sheet, n=self.number) if self.sheet else say("where.row", n=self.number)


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

    def problem(self, where, column, value, message: str, fix: str | None = None, **values) -> None:
        """A problem whose rule is the message and whose fix is message + '.fix' (or fix)."""
        self.problems.append(Problem(self.shown, where, column, value, say(message, **values),
                                     say(fix or f"{message}.fix", **values)))


def read_update(path: Path, shown: str | None = None) -> UpdateFile:
    """Read one update file (shown: its name for messages; default its path); file-level
    problems are collected on the result."""
    if path.suffix.lower() not in SUFFIXES:
        return read_bytes(path.name, b"", shown or display_path(path))
    return read_bytes(path.name, path.read_bytes(), shown or display_path(path))


def read_bytes(name: str, data: bytes, shown: str | None = None) -> UpdateFile:
    """Read an update file's bytes (an upload, a stored submission); name gives its type and
    must be a plain file name (it is shown on pages and in chart captions)."""
    path = Path(Path(name).name)
    f = UpdateFile(path, shown or path.name)
    why = name_problem(name)
    if why is not None:
        f.problem(WHOLE_FILE, say("field.file_name"), name, "file_name", why=why)
        return f
    if path.suffix.lower() not in SUFFIXES:
        f.problem(WHOLE_FILE, say("field.file_type"), path.suffix, "file_type")
        return f
    f.raw = data
    if not f.raw:
        f.problem(WHOLE_FILE, say("field.size"), 0, "empty")
    elif len(f.raw) > MAX_BYTES:
        f.problem(WHOLE_FILE, say("field.size"), len(f.raw), "too_large", limit=MAX_BYTES)
    elif path.suffix.lower() == ".csv":
        _read_csv(f)
    elif _xlsx_within_limits(f):
        _read_xlsx(f)
    return f


NAME_CHARS = '/\\:*?"<>|'
RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
MAX_NAME = 120


def name_problem(name: str) -> Text | None:
    """Why name is not a plain file name (path or markup characters, control characters, hidden
    or lock files, edges, length, device names), or None."""
    bad = "".join(dict.fromkeys(c for c in name if c in NAME_CHARS))
    if bad:
        return say("name.chars", chars=" ".join(bad))
    if any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in name):
        return say("name.control")
    if name.startswith((".", "~$")):
        return say("name.hidden")
    stem = name.rsplit(".", 1)[0]
    if name != name.strip() or name.startswith("-") or stem != stem.rstrip(" .") or not stem:
        return say("name.edge")
    if len(name) > MAX_NAME:
        return say("name.long", limit=MAX_NAME)
    if stem.split(".")[0].upper() in RESERVED:
        return say("name.reserved", name=stem)
    return None


def _xlsx_within_limits(f: UpdateFile) -> bool:
    """Refuse, before anything is inflated, a workbook of too many parts or too much unpacked
    (a zip bomb); the sizes are the archive's own, which zipfile never reads past."""
    try:
        members = zipfile.ZipFile(io.BytesIO(f.raw)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        f.problem(WHOLE_FILE, say("field.format"), type(exc).__name__, "not_xlsx")
        return False
    if len(members) > settings.MAX_XLSX_MEMBERS:
        f.problem(WHOLE_FILE, say("field.format"), len(members), "xlsx_members", n=len(members),
                  limit=settings.MAX_XLSX_MEMBERS)
        return False
    inflated = sum(m.file_size for m in members)
    if inflated > settings.MAX_XLSX_UNCOMPRESSED:
        f.problem(WHOLE_FILE, say("field.size"), inflated, "xlsx_inflated", mb=f"{inflated / 2**20:.1f}",
                  limit=f"{settings.MAX_XLSX_UNCOMPRESSED / 2**20:g}")
        return False
    return True


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
        f.problem(say("where.rows", a=utf8[0], b=other[0]), say("field.encoding"), say("value.mixed"),
                  "mixed_encoding")
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
    f.problem(WHOLE_FILE, say("field.encoding"), best.encoding if best else "unknown", "encoding")
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
        f.problem(WHOLE_FILE, say("field.rows"), 0, "no_header")
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
        f.problem(WHOLE_FILE, say("field.format"), type(exc).__name__, "not_xlsx")
        return
    found = False
    for kind in COLUMNS:
        ws = next((wb[n] for n in SHEETS[kind] if n in wb.sheetnames), None)
        if ws is None:
            continue
        found = True
        for merged in ws.merged_cells.ranges:
            f.problem(say("where.cells", sheet=ws.title, cells=merged.coord), say("field.cells"),
                      say("value.merged"), "merged")
        rows = []
        header = [c.value for c in next(ws.iter_rows(max_row=1), [])]
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    name = header[cell.column - 1] if cell.column <= len(header) else None
                    f.problem(say("where.sheet_row", sheet=ws.title, n=cell.row),
                              f"{cell.column_letter} ({name})" if name else cell.column_letter, cell.value, "formula")
            rows.append([_cell(c.value) for c in row])
        _table(f, kind, ws.title, rows, [r[0].row for r in ws.iter_rows() if r] or None)
    if not found:
        names = " / ".join(n for k in COLUMNS for n in SHEETS[k])
        f.problem(WHOLE_FILE, say("field.sheet"), ", ".join(wb.sheetnames), "no_sheet", names=names)


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
    where = say("where.sheet_row", sheet=sheet, n=1) if sheet else say("where.row", n=1)
    keys = []
    for i, h in enumerate(header):
        key = names.get(h)
        if h and key is None:
            f.problem(where, say("field.column", n=i + 1), h, "unknown_column",
                      columns=", ".join(k for k, c in columns.items() if c[3]))
        if key is not None and key in keys:
            f.problem(where, say("field.column", n=i + 1), h, "column_twice")
        keys.append(key)
    for key, (zh, en, required, _) in columns.items():
        if required and key not in keys:
            f.problem(where, key, None, "column_missing", name=key, zh=zh)
    filled = sum(any(v is not None for v in r) for r in records[1:])  # rows only formatted do not count
    if filled > settings.MAX_ROWS:
        f.problem(WHOLE_FILE, say("field.rows"), filled, "too_many_rows", n=filled, limit=settings.MAX_ROWS)
        f.tables[kind] = []
        return
    _long_cells(f, sheet, header, records, numbers)
    rows = []
    for n, record in zip(numbers[1:], records[1:]):
        data = {k: v for k, v in zip(keys, record) if k and columns[k][3]}
        written = {k: (h, v) for k, h, v in zip(keys, header, record) if k and columns[k][3] and v is not None}
        if any(v is not None for v in data.values()):
            rows.append(Row(sheet, n, data, written))
    f.tables[kind] = rows


def _long_cells(f: UpdateFile, sheet: str | None, header: list[str], records: list[list], numbers: list[int]) -> None:
    """Every cell longer than settings.MAX_CELL characters, by row and column."""
    for n, record in zip(numbers, records):
        for i, value in enumerate(record):
            if isinstance(value, str) and len(value) > settings.MAX_CELL:
                where = say("where.sheet_row", sheet=sheet, n=n) if sheet else say("where.row", n=n)
                column = header[i] if i < len(header) and header[i] else say("field.column", n=i + 1)
                f.problem(where, column, f"{value[:30]}…", "cell_too_long", n=len(value), limit=settings.MAX_CELL)
