"""The read side's only door to DuckDB: a read-only connection per build file, a cursor per query.

The database path is a symlink to the newest build (etl/publish.py). Each query looks at what it
points to now; a new build gets a new connection, and the old one is closed only once no query
is using it (closing it under a running query was the rebuild race). When the newest build
cannot be read, the newest readable build before it is used and fallback() says so, for the
page's banner. Query results are cached per (query, parameters, build file).
"""
from __future__ import annotations

import functools
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import duckdb
import pandas as pd

from common import builds, settings
from common.errors import DatabaseMissing, DatabaseUnreadable  # noqa: F401  (re-exported for pages)

SQL_DIR = Path(__file__).with_name("sql")
_lock = threading.Lock()
_open: dict[tuple, list] = {}             # build key -> [connection, queries running on it]
_chosen: dict = {"seen": None, "path": None, "choice": None, "key": None, "previous": None}
_run = threading.local()                  # one_build(): the build this thread's page run reads


def _seen(path: Path) -> tuple:
    """What the database path stands for now: the identity of the file it leads to (one stat(),
    which follows the link: every query asks, so it must be cheap)."""
    try:
        st = os.stat(path)
        return (st.st_dev, st.st_ino, st.st_mtime_ns, st.st_size)
    except OSError:  # missing, or a dangling link
        return (None,)


def choice(path: Path | None = None) -> builds.Choice:
    """The build being read (re-chosen when the path points somewhere new)."""
    return _choose(Path(path or settings.DB_PATH))[0]


def fallback() -> builds.Choice | None:
    """The choice when it is a fallback to an earlier build (the newest is unreadable), else None."""
    found = choice()
    return found if found.fallback else None


def version(path: Path | None = None) -> tuple:
    """What identifies the build file being read: its path, inode, mtime and size (inside
    one_build(), the one chosen when it began)."""
    if path is None and getattr(_run, "key", None) is not None:
        return _run.key
    key = _choose(Path(path or settings.DB_PATH))[1]
    if path is None and getattr(_run, "depth", 0):
        _run.key = key
    return key


@contextmanager
def one_build() -> Iterator[None]:
    """Every query inside reads the build chosen at the first one: a page run draws one
    database even when a new build is published meanwhile (the next run switches)."""
    _run.depth = getattr(_run, "depth", 0) + 1
    try:
        yield
    finally:
        _run.depth -= 1
        if not _run.depth:
            _run.key = None


def _choose(path: Path) -> tuple[builds.Choice, tuple]:
    seen = _seen(path)
    with _lock:
        if _chosen["seen"] == seen and _chosen["path"] == path:
            return _chosen["choice"], _chosen["key"]
        # Close what is idle first: DuckDB hands a second connect() to an open file the same
        # instance, which would not see that the file changed under it.
        _chosen.update(seen=None, key=None)
        _close_idle()
    found = builds.choose(path)  # opens files: outside the lock
    st = found.path.stat()
    key = (str(found.path), st.st_ino, st.st_mtime_ns, st.st_size)
    with _lock:
        before = _chosen["previous"]
        _chosen.update(seen=seen, path=path, choice=found, key=key, previous=key)
        _close_idle()
    if before is not None and before != key:
        # A new build: results of the old one are not asked for again (a page run still on it
        # computes what it needs anew), so they go now rather than stay until evicted (up to 256
        # DataFrames of old builds held in every process of a soak with a build every 30 s).
        _cached.cache_clear()
    return found, key


@contextmanager
def _using(key: tuple) -> Iterator[duckdb.DuckDBPyConnection]:
    """The connection to one build, counted as in use until the block ends."""
    with _lock:
        entry = _open.get(key)
        if entry is None:
            entry = _open[key] = [duckdb.connect(key[0], read_only=True), 0]
        entry[1] += 1
    try:
        yield entry[0]
    finally:
        with _lock:
            entry[1] -= 1
            _close_idle()


def _close_idle() -> None:
    """Close connections to builds no longer read, once nothing runs on them (under _lock)."""
    for key, (con, users) in list(_open.items()):
        if users == 0 and key != _chosen["key"]:
            con.close()
            del _open[key]


@lru_cache(maxsize=None)
def sql(name: str) -> str:
    """The text of kpi/sql/<name>.sql."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def query(name: str, **params) -> pd.DataFrame:
    """Run kpi/sql/<name>.sql with $-parameters; a fresh copy of the cached result."""
    return _cached(name, tuple(sorted(params.items())), version()).copy()


def forget() -> None:
    """Choose the build again at the next query (after a read failed on the one chosen)."""
    _run.key = None
    with _lock:
        _chosen.update(seen=None, key=None)
        _close_idle()


@lru_cache(maxsize=256)
def _cached(name: str, params: tuple, key: tuple) -> pd.DataFrame:
    try:
        return _run(name, params, key)
    except duckdb.IOException:
        forget()  # the file broke under us: the next query chooses again (and may fall back)
        raise


def _run(name: str, params: tuple, key: tuple) -> pd.DataFrame:
    with _using(key) as con:
        cursor = con.cursor()
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
