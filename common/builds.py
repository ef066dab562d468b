"""Where the builds of a database live: settings.DB_PATH is a symlink to the newest build, a
file of <stem>.builds/ beside it; earlier builds stay there for readers to fall back on. The
write side (etl/publish.py) makes them; the read side (kpi/db.py) and the doctor read them."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

from common.errors import DATABASE_SCHEMA, DatabaseMissing, DatabaseUnreadable

SUFFIX = ".duckdb"


def folder(db_path: Path) -> Path:
    """<db>.builds/ beside the database path: data/kpi.duckdb -> data/kpi.builds/."""
    return db_path.with_name(db_path.stem + ".builds")


def newest_first(db_path: Path) -> list[Path]:
    """Every kept build, newest first (names sort by their UTC time stamp)."""
    d = folder(db_path)
    if not d.is_dir():
        return []
    return sorted((p for p in d.iterdir() if p.suffix == SUFFIX and not p.name.startswith(".")), reverse=True)


def built_at(path: Path) -> str:
    """When a build was made, from its name (kpi-20261130T154053367640Z.duckdb -> 2026-11-30 15:40)."""
    found = re.search(r"(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})", path.stem)
    if found:
        return "{}-{}-{} {}:{}".format(*found.groups())
    return "?"


def current(db_path: Path) -> Path | None:
    """The file db_path stands for now (the build it links to, or itself), if any."""
    return db_path.resolve() if db_path.exists() else None


def readable_first(db_path: Path) -> list[Path]:
    """Where to look for the database, in order: the current file, then older builds."""
    now = current(db_path)
    return ([now] if now else []) + [p for p in newest_first(db_path) if p.resolve() != now]


@dataclass(frozen=True)
class Choice:
    """The build to read: the current one, or (fallback) the newest good one before it."""
    path: Path
    bad: Path | None = None   # the current file, when it could not be read
    why: str = ""             # what was wrong with it

    @property
    def fallback(self) -> bool:
        return self.bad is not None


def problem(path: Path) -> str | None:
    """Why a build cannot be read (it does not open, or is of another schema), or None."""
    try:
        with duckdb.connect(str(path), read_only=True) as con:
            found = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            if found is not None and found[0] == str(DATABASE_SCHEMA):
                _read_every_table(con)
    except duckdb.Error as exc:
        return f"{type(exc).__name__}: {str(exc).splitlines()[0][:200]}"
    if found is None or found[0] != str(DATABASE_SCHEMA):
        return f"schema version {found[0] if found else 'none'}, expected {DATABASE_SCHEMA}"
    return None


def _read_every_table(con: duckdb.DuckDBPyConnection) -> None:
    """Read every row of every table once: a damaged block fails here (DuckDB checks each
    block's checksum as it reads it), not later under a page."""
    for (table,) in con.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall():
        con.execute(f'SELECT bit_xor(hash(t)) FROM "{table}" AS t').fetchall()


def choose(db_path: Path) -> Choice:
    """The current build if it reads, else the newest readable one before it.
    Raises DatabaseMissing when there is none at all, DatabaseUnreadable when none reads."""
    now, candidates = current(db_path), readable_first(db_path)
    if not candidates:
        raise DatabaseMissing(f"{db_path} does not exist; build it with: make db  (or: python -m etl build)")
    bad, first_problem = now or db_path, None if now else "the file it links to is missing"
    for path in candidates:
        why = problem(path)
        if why is None:
            return Choice(path) if first_problem is None else Choice(path, bad, first_problem)
        first_problem = first_problem or why
    raise DatabaseUnreadable(f"{candidates[0]} cannot be read ({first_problem}) and no earlier build can; "
                             "rebuild it with: make db  (or: python -m etl build)")
