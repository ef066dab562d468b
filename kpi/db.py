"""The read side's only door to DuckDB: one read-only connection, a cursor per query.

The connection is reopened when the database file is replaced by a rebuild (a new
inode or mtime), because an open DuckDB connection keeps seeing the old file.
Query results are cached per (query, parameters, file version) for the same reason.
"""
from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import duckdb
import pandas as pd

from common import settings
from common.errors import DatabaseMissing  # noqa: F401  (re-exported: pages catch db.DatabaseMissing)

SQL_DIR = Path(__file__).with_name("sql")
_lock = threading.Lock()
_open: dict = {"key": None, "con": None}


def version(path: Path | None = None) -> tuple:
    """What identifies one build of the database file: path, inode, mtime, size."""
    path = Path(path or settings.DB_PATH)
    if not path.exists():
        raise DatabaseMissing(f"{path} does not exist; build it with: make db  (or: python -m etl build)")
    st = path.stat()
    return (str(path), st.st_ino, st.st_mtime_ns, st.st_size)


def connection(path: Path | None = None) -> duckdb.DuckDBPyConnection:
    """The shared read-only connection to the current build (reopened after a rebuild)."""
    key = version(path)
    with _lock:
        if _open["key"] != key:
            if _open["con"] is not None:
                _open["con"].close()
            _open["con"] = duckdb.connect(key[0], read_only=True)
            _open["key"] = key
        return _open["con"]


@lru_cache(maxsize=None)
def sql(name: str) -> str:
    """The text of kpi/sql/<name>.sql."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def query(name: str, **params) -> pd.DataFrame:
    """Run kpi/sql/<name>.sql with $-parameters; a fresh copy of the cached result."""
    return _cached(name, tuple(sorted(params.items())), version()).copy()


@lru_cache(maxsize=256)
def _cached(name: str, params: tuple, db_version: tuple) -> pd.DataFrame:
    cursor = connection(Path(db_version[0])).cursor()
    try:
        return cursor.execute(sql(name), dict(params)).df()
    finally:
        cursor.close()


_built: dict = {"version": None, "values": {}}
_built_lock = threading.Lock()


def cached_per_build(fn: Callable) -> Callable:
    """Cache fn's result per arguments for the current database build: computed once after a
    rebuild, shared by every session. Results must not be changed by callers."""
    @functools.wraps(fn)
    def wrapper(*args):
        now, key = version(), (fn.__qualname__, args)
        with _built_lock:
            if _built["version"] != now:  # a rebuild: every cached value is stale
                _built["version"], _built["values"] = now, {}
            if key in _built["values"]:
                return _built["values"][key]
        value = fn(*args)
        with _built_lock:
            if _built["version"] == now:
                _built["values"][key] = value
        return value
    return wrapper
