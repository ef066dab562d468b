"""The store's one door: an engine for KPI_STORE_URL (SQLite by default), write transactions,
versioned migrations, and the checks that refuse a missing or foreign store.

SQLite: WAL, foreign keys on, a busy timeout, and writes in BEGIN IMMEDIATE so that several
processes (Streamlit sessions, the command line, a build worker) queue rather than fail.
PostgreSQL (psycopg 3): the same one-writer-at-a-time, by a transaction-scoped advisory lock that
every write takes first, waiting at most the busy timeout; see write().
A store is never created implicitly: `python -m kpi store init` (or `make run`, on a fresh
clone) creates it; an app that finds none says so.
"""
from __future__ import annotations

import contextlib
import re
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from common import settings

MIGRATIONS = Path(__file__).with_name("migrations")
FORMAT = "kpi-store"
BUSY_TIMEOUT_S = settings.STORE_BUSY_TIMEOUT_S
INIT_HINT = "python -m kpi store init"
# The advisory lock every PostgreSQL write transaction holds (per database: stores in one cluster do not
# contend). The store's writes read, then write (is the name taken? is the submission still pending? how
# many failed sign-ins?), which is safe only when writers queue, as SQLite's BEGIN IMMEDIATE makes them.
WRITE_LOCK = 0x6B70695F73746F72  # "kpi_stor"


class StoreMissing(RuntimeError):
    """There is no store at the URL (one is never created implicitly)."""


class StoreCorrupt(RuntimeError):
    """What is at the URL is unreadable or not this project's store."""


class StoreUnavailable(RuntimeError):
    """A write that cannot be made now; nothing was written, and the user's input is to be kept."""


class StoreBusy(StoreUnavailable):
    """Another process holds the store's write lock for longer than the busy timeout."""


class StoreUnwritable(StoreUnavailable):
    """The store refuses writes: its disk is full or read-only, or its server is down."""


def unavailable(exc: sa.exc.DBAPIError) -> StoreUnavailable:
    """The error a failed write is shown as: busy (try again soon) or unwritable (tell the operator)."""
    text = str(exc.orig).splitlines()[0] if exc.orig is not None else str(exc)
    busy = any(w in text.lower() for w in ("locked", "busy", "lock timeout", "could not obtain lock"))
    return (StoreBusy if busy else StoreUnwritable)(text)


def now() -> str:
    """UTC now, as the store keeps times."""
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def dialect(url: str) -> str:
    return sa.engine.make_url(url).get_backend_name()


def sqlite_path(url: str) -> Path | None:
    u = sa.engine.make_url(url)
    return Path(u.database) if u.get_backend_name() == "sqlite" and u.database else None


def engine_url(url: str) -> sa.engine.URL:
    """url as the engine connects to it: a plain postgresql:// means psycopg 3, the driver we ship
    (SQLAlchemy's default for it is psycopg2, which we do not)."""
    u = sa.engine.make_url(url)
    return u.set(drivername="postgresql+psycopg") if u.drivername == "postgresql" else u


def make_engine(url: str) -> Engine:
    if dialect(url) == "sqlite":
        engine = sa.create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S, "check_same_thread": False},
                                  poolclass=sa.pool.NullPool)

        @sa.event.listens_for(engine, "connect")
        def _sqlite(dbapi, _record):  # manual transactions; WAL; foreign keys checked
            dbapi.isolation_level = None
            dbapi.execute("PRAGMA foreign_keys = ON")
            dbapi.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        return engine
    # connect_timeout: a server that does not answer is "unwritable" after this long, not after minutes.
    return sa.create_engine(engine_url(url), pool_pre_ping=True, pool_size=5, max_overflow=5,
                            connect_args={"connect_timeout": max(2, int(BUSY_TIMEOUT_S))})


@contextlib.contextmanager
def write(engine: Engine):
    """A write transaction that waits for other writers (at most BUSY_TIMEOUT_S): BEGIN IMMEDIATE on
    SQLite; on PostgreSQL, BEGIN and the store's advisory lock (a lock timeout is StoreBusy)."""
    if engine.dialect.name != "sqlite":
        try:
            with engine.begin() as conn:
                conn.exec_driver_sql(f"SET LOCAL lock_timeout = '{int(BUSY_TIMEOUT_S * 1000)}ms'")
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")
                yield conn
        except sa.exc.OperationalError as exc:
            raise unavailable(exc) from exc
        return
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            try:
                yield conn
                conn.exec_driver_sql("COMMIT")
            except BaseException:
                with contextlib.suppress(sa.exc.DBAPIError):  # a failed COMMIT may have ended it already
                    conn.exec_driver_sql("ROLLBACK")
                raise
    except sa.exc.OperationalError as exc:  # locked, disk full, read-only: nothing was written
        raise unavailable(exc) from exc


@contextlib.contextmanager
def snapshot(engine: Engine):
    """A read transaction that sees one consistent state of every table (for a backup)."""
    if engine.dialect.name != "sqlite":
        with engine.connect() as conn:
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                yield conn
        return
    with engine.connect() as conn:
        conn.exec_driver_sql("BEGIN")
        try:
            yield conn
        finally:
            conn.exec_driver_sql("COMMIT")


@contextlib.contextmanager
def read(engine: Engine):
    """A connection for reading; a store that cannot be read now (disk, server) raises StoreUnavailable."""
    try:
        with engine.connect() as conn:
            yield conn
    except sa.exc.OperationalError as exc:
        raise unavailable(exc) from exc


def rows(conn: Connection, sql: str, **params) -> list[dict]:
    return [dict(r._mapping) for r in conn.execute(sa.text(sql), params)]


def one(conn: Connection, sql: str, **params) -> dict | None:
    found = rows(conn, sql, **params)
    return found[0] if found else None


def migrations(kind: str) -> list[tuple[int, str, str]]:
    """(version, name, sql) of a dialect's migrations, in order."""
    found = []
    for path in sorted((MIGRATIONS / kind).glob("*.sql")):
        version = int(re.match(r"(\d+)_", path.name).group(1))
        found.append((version, path.stem, path.read_text(encoding="utf-8")))
    return found


def latest_version(kind: str) -> int:
    return max(v for v, _, _ in migrations(kind))


def version(conn: Connection) -> int:
    return one(conn, "SELECT max(version) AS v FROM schema_migrations")["v"] or 0


def migrate(engine: Engine) -> list[str]:
    """Apply the migrations this store lacks, each in its own transaction; their names."""
    applied = []
    kind = engine.dialect.name
    with write(engine) as conn:
        conn.exec_driver_sql("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                             "name TEXT NOT NULL, applied_at TEXT NOT NULL)")
        done = version(conn)
    for number, name, sql in migrations(kind):
        if number <= done:
            continue
        with write(engine) as conn:
            for statement in statements(sql) if kind == "sqlite" else [sql]:
                conn.exec_driver_sql(statement)
            conn.execute(sa.text("INSERT INTO schema_migrations VALUES (:v, :n, :at)"), dict(v=number, n=name, at=now()))
        applied.append(name)
    return applied


def statements(script: str) -> list[str]:
    """A SQLite script as its statements (triggers' bodies kept whole), comments dropped."""
    found, buffer = [], ""
    for line in script.splitlines(keepends=True):
        if not buffer and (not line.strip() or line.lstrip().startswith("--")):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            found.append(buffer.strip())
            buffer = ""
    return found


def has_table(conn: Connection, name: str) -> bool:
    return sa.inspect(conn).has_table(name)
