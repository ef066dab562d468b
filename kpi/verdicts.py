"""The inspection team's (巡察组) verdicts on each figure: an append-only log in its own file.

Not in kpi.duckdb, which the ETL replaces on every build. SQLite, because several processes
(Streamlit sessions, the command line) may write at once and SQLite locks correctly for them
(WAL, BEGIN IMMEDIATE, busy timeout). One connection per operation, closed after: nothing is
kept across the file being replaced or restored. Triggers refuse UPDATE and DELETE.
"""
from __future__ import annotations

import contextlib
import hashlib
import io
import math
import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from common import settings

STATUSES = ("verified", "disputed", "needs_evidence")
FORMAT, VERSION = "kpi-verdicts", "1"
BUSY_TIMEOUT_S = 10.0
SCHEMA = Path(__file__).with_name("sql") / "verdicts_schema.sql"
INIT_HINT = "python -m kpi verdicts init"


class StoreMissing(RuntimeError):
    """There is no verdict store at the path (one is never created implicitly)."""


class StoreCorrupt(RuntimeError):
    """The file at the path is unreadable or not a verdict store."""


class VerdictInvalid(ValueError):
    """A verdict that cannot be recorded; the message and .field name the field."""

    def __init__(self, message: str, field: str = ""):
        super().__init__(message)
        self.field = field


def init(path: Path | None = None) -> None:
    """Create a new, empty verdict store (default settings.VERDICTS_PATH); never over an existing file."""
    path = Path(path or settings.VERDICTS_PATH)
    exists = (f"verdict store already exists at {path}; it was left untouched. "
              "Use it as it is, or move it aside first if you really want a new, empty one.")
    if path.exists():
        raise FileExistsError(exists)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.init")
    tmp.unlink(missing_ok=True)
    try:
        with contextlib.closing(sqlite3.connect(tmp, isolation_level=None)) as con:
            con.executescript(SCHEMA.read_text(encoding="utf-8"))
        os.link(tmp, path)  # atomic, and fails rather than replace a store created meanwhile
    except FileExistsError:
        raise FileExistsError(exists) from None
    finally:
        tmp.unlink(missing_ok=True)


def open_store(path: Path | None = None) -> Store:
    """The verdict store at path (default settings.VERDICTS_PATH, read now), fully checked; never creates it."""
    store = Store(Path(path or settings.VERDICTS_PATH))
    with store._connect(quick_check=True):
        return store


@dataclass(frozen=True)
class Store:
    path: Path

    def append(self, obs_id: str, status: str, checker: str, value_text: str | None, value: float | None,
               quote: str | None, note: str = "", now: datetime | None = None) -> dict:
        """Record one verdict on an observation as it read when checked; returns the stored row."""
        if not _text(obs_id).strip():
            raise VerdictInvalid("obs_id must not be empty")
        if status not in STATUSES:
            raise VerdictInvalid(f"status must be one of {', '.join(STATUSES)}; got {status!r}")
        if not _text(checker).strip():
            raise VerdictInvalid("checker must not be empty: give the name of who checked the figure", "checker")
        at = (now or datetime.now(timezone.utc)).astimezone(timezone.utc).isoformat(timespec="microseconds")
        row = dict(obs_id=obs_id, status=status, note=_text(note), checker=checker.strip(), recorded_at=at,
                   value_text=_text(value_text), value=_number(value), quote_sha256=_sha(quote))
        with self._connect() as con:
            con.execute("BEGIN IMMEDIATE")  # waits (busy timeout) for other writers; closing rolls back
            new_id = con.execute(f"INSERT INTO verdicts ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                                 list(row.values())).lastrowid
            cur = con.execute("SELECT * FROM verdicts WHERE id = ?", (new_id,))
            stored = dict(zip([d[0] for d in cur.description], cur.fetchone()))
            con.execute("COMMIT")
        return stored

    def history(self, obs_id: str) -> pd.DataFrame:
        """Every verdict on one observation, oldest (lowest id) first."""
        return self._frame("SELECT * FROM verdicts WHERE obs_id = ? ORDER BY id", (obs_id,))

    def log(self) -> pd.DataFrame:
        """Every verdict, in the order recorded (by id)."""
        return self._frame("SELECT * FROM verdicts ORDER BY id")

    def latest(self) -> pd.DataFrame:
        """The newest verdict (highest id) on each observation, one row per obs_id, by obs_id."""
        return self._frame("SELECT * FROM verdicts WHERE id IN (SELECT max(id) FROM verdicts GROUP BY obs_id)"
                           " ORDER BY obs_id")

    def _frame(self, sql: str, params: tuple = ()) -> pd.DataFrame:
        with self._connect() as con:
            return pd.read_sql_query(sql, con, params=params).astype({"value": "float64"})

    @contextlib.contextmanager
    def _connect(self, quick_check: bool = False):
        if not self.path.exists():
            raise StoreMissing(
                f"verdict store not found at {self.path}. If this is the first use, create an empty one with: "
                f"{INIT_HINT} (or the button on the 指标核查 page). If it existed before, restore it from backup: "
                "a new store is never created over old records.")
        con = None
        try:  # mode=rw: never creates the file; reading never writes to it
            con = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=rw", uri=True, isolation_level=None,
                                  timeout=BUSY_TIMEOUT_S)
            detail = _problem(con, quick_check)
        except sqlite3.DatabaseError as exc:
            detail = str(exc)
        try:
            if detail:
                raise StoreCorrupt(
                    f"verdict store at {self.path} is unreadable or not a verdict store ({detail}). Nothing was "
                    f"written. Restore it from backup or move it aside, then run: {INIT_HINT}")
            yield con
        finally:
            if con is not None:
                con.close()


def recheck(latest: pd.DataFrame, facts: pd.DataFrame) -> pd.DataFrame:
    """Latest verdicts beside the current figures: recheck where value, value_text or quote changed or is gone."""
    current = facts[["obs_id", "value", "value_text", "quote"]].rename(
        columns=lambda c: c if c == "obs_id" else f"current_{c}")
    out = latest.merge(current, on="obs_id", how="left", validate="one_to_one", indicator=True)
    out["missing"] = out.pop("_merge").eq("left_only").astype(bool)
    out["changed"] = ["missing" if gone else ",".join(_changes(r))
                      for gone, r in zip(out["missing"], out.itertuples(index=False))]
    out["recheck"] = (out["changed"] != "").astype(bool)
    return out


def log_csv(df: pd.DataFrame) -> bytes:
    """The verdicts as CSV: UTF-8 with BOM, formula-looking cells neutralised."""
    from kpi.exports import (
        csv_bytes,  # imported here: kpi.exports pulls in plotly, writers do not need it
    )

    return csv_bytes(df)


def log_xlsx(df: pd.DataFrame) -> bytes:
    """The verdicts as an XLSX workbook: one sheet 'verdicts', bold header, cells neutralised."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from kpi.exports import neutralise

    wb = Workbook()
    sheet, out = wb.active, io.BytesIO()
    sheet.title = "verdicts"
    for row in [list(df.columns)] + df.astype(object).where(df.notna(), None).values.tolist():
        sheet.append([neutralise(v) for v in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    wb.save(out)
    return out.getvalue()


def _problem(con: sqlite3.Connection, quick_check: bool) -> str | None:
    """Why the open file is not a usable verdict store, or None (quick_check reads every page)."""
    if quick_check and (result := [r[0] for r in con.execute("PRAGMA quick_check")]) != ["ok"]:
        return "quick_check: " + "; ".join(result[:3])
    meta = dict(con.execute("SELECT key, value FROM meta"))
    if meta.get("format") != FORMAT:
        return f"no {FORMAT!r} format marker"
    return None if meta.get("version") == VERSION else f"version {meta.get('version')!r}, this code reads {VERSION!r}"


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def _number(value) -> float | None:
    try:
        return None if value is None or math.isnan(float(value)) else float(value)
    except (TypeError, ValueError):
        raise VerdictInvalid(f"value must be a number or None; got {value!r}") from None


def _changes(r) -> list[str]:
    """Which of value, value_text, quote differ between a verdict and the current observation."""
    value, now = (None if pd.isna(x) else float(x) for x in (r.value, r.current_value))
    differs = {"value": value != now, "value_text": r.value_text != _text(r.current_value_text),
               "quote": r.quote_sha256 != _sha(r.current_quote)}
    return [name for name, changed in differs.items() if changed]


def _sha(quote) -> str:
    return hashlib.sha256(_text(quote).encode("utf-8")).hexdigest()
