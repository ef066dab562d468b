"""The store of what users write: accounts and department assignments, sign-in sessions,
submissions and their review, spot-check verdicts, and the audit log (every write says who).

One interface for SQLite (the default, in data/) and PostgreSQL (KPI_STORE_URL=postgresql://…, driver
psycopg 3; an empty PostgreSQL database is a store not yet made, like a missing SQLite file).
Every function that writes takes the acting user and checks on the server side that they may.

    store = open_store()                       # StoreMissing / StoreCorrupt if unusable
    store.accounts.verify(name, password)      # sign-in (lockout after 5 failures)
    store.verdicts.record(actor, obs_id, …)    # refused (Forbidden) unless a checker or admin
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.engine import Engine

from common import settings
from store import db
from store.db import (  # noqa: F401  (the store's errors)
    INIT_HINT, StoreBusy, StoreCorrupt, StoreMissing, StoreUnavailable, StoreUnwritable)


class Forbidden(PermissionError):
    """The acting user may not do this; the refusal is in the audit log."""


@dataclass
class Store:
    url: str
    engine: Engine = field(repr=False)

    def __post_init__(self) -> None:
        from store.accounts import Accounts
        from store.audit import Audit
        from store.sessions import Sessions
        from store.submissions import Submissions
        from store.verdicts import Verdicts

        self.audit = Audit(self)
        self.accounts = Accounts(self)
        self.sessions = Sessions(self)
        self.submissions = Submissions(self)
        self.verdicts = Verdicts(self)

    @property
    def shown(self) -> str:
        """The URL without a password (for messages and logs)."""
        return shown(self.url)


def shown(url: str | None = None) -> str:
    """A store URL (default: this process's) without its password, for messages and logs."""
    return db.sa.engine.make_url(url or settings.store_url()).render_as_string(hide_password=True)


_engines: dict[str, Engine] = {}


def _engine(url: str) -> Engine:
    if url not in _engines:
        _engines[url] = db.make_engine(url)
    return _engines[url]


def open_store(url: str | None = None) -> Store:
    """The store at url (default settings.STORE_URL, read now), checked; never creates one."""
    url = url or settings.store_url()
    path = db.sqlite_path(url)
    if path is not None and not path.exists():
        raise StoreMissing(_missing(str(path)))
    store = Store(url, _engine(url))
    if url in _sound:
        return store
    problem = _problem(store)
    if problem is _EMPTY:
        raise StoreMissing(_missing(f"{store.shown} (an empty database)"))
    if problem:
        raise StoreCorrupt(f"the store at {store.shown} is unusable ({problem}). Nothing was written. "
                           "Restore it from backup, or move it aside and run: " + INIT_HINT)
    _sound.add(url)
    return store


# Stores checked (integrity, format, schema) in this process: checked once, not on every page run.
_sound: set[str] = set()
# What _problem says of a PostgreSQL database without a single table: no store yet.
_EMPTY = "empty"


def _missing(where: str) -> str:
    return (f"no store at {where}. On a new server create it once with: {INIT_HINT} (make run does). If it "
            "existed before, restore it from backup: a new store is never created over old records.")


def init_store(url: str | None = None) -> Store:
    """Create the store (schema and all); refused when one is already there."""
    url = url or settings.store_url()
    path = db.sqlite_path(url)
    if path is not None:
        if path.exists():
            raise FileExistsError(f"a store already exists at {path}; it was left untouched")
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = _engine(url)
    with db.read(engine) as conn:
        found = sorted(db.sa.inspect(conn).get_table_names())
    shown = Store(url, engine).shown
    if "schema_migrations" in found:
        raise FileExistsError(f"a store already exists at {shown}; it was left untouched")
    if found:  # PostgreSQL: someone else's tables; a store is made only in an empty database
        raise FileExistsError(f"the database at {shown} already holds tables ({', '.join(found)}); a store is made "
                              "only in an empty database. It was left untouched")
    if path is not None:
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA journal_mode = WAL")
    db.migrate(engine)
    return Store(url, engine)


def _problem(store: Store) -> str | None:
    """Why the store cannot be used, or None."""
    try:
        with db.read(store.engine) as conn:
            if store.engine.dialect.name == "sqlite":
                result = [r[0] for r in conn.exec_driver_sql("PRAGMA quick_check")]
                if result != ["ok"]:
                    return "quick_check: " + "; ".join(result[:3])
            elif not db.sa.inspect(conn).get_table_names():
                return _EMPTY
            if not db.has_table(conn, "meta") or not db.has_table(conn, "schema_migrations"):
                return "not a kpi store: no format marker"
            marker = db.one(conn, "SELECT value FROM meta WHERE key = 'format'")
            if not marker or marker["value"] != db.FORMAT:
                return "not a kpi store: wrong format marker"
            have, want = db.version(conn), db.latest_version(store.engine.dialect.name)
            if have != want:
                return f"schema version {have}, this code needs {want}: run python -m kpi store migrate"
    except db.sa.exc.DBAPIError as exc:
        text = str(exc.orig).splitlines()[0]
        if isinstance(exc, db.sa.exc.OperationalError) and not any(
                w in text for w in ("malformed", "not a database", "no such table")):
            raise db.unavailable(exc) from exc  # disk full, read-only, locked, server down: not corrupt
        return text
    return None
