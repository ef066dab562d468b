"""The store as portable files and back: one JSON-lines file per table (bytes as base64), in an
order that respects foreign keys. What a backup holds, whatever the database behind the store
(a SQLite backup restores into PostgreSQL and back). Loading goes into a new, empty store."""
from __future__ import annotations

import base64
import json
from pathlib import Path

import sqlalchemy as sa

from store import db

# Tables in the order they are loaded (a row's references are loaded before it).
TABLES = ("meta", "schema_migrations", "accounts", "assignments", "sessions", "submissions", "submission_events",
          "verdicts", "audit")
# Made by the schema itself (init), never loaded from a backup (whose version must match).
SCHEMA_TABLES = ("meta", "schema_migrations")
BYTES = {("submissions", "content")}


def _encode(table: str, row: dict) -> dict:
    return {k: base64.b64encode(bytes(v)).decode("ascii") if (table, k) in BYTES and v is not None else v
            for k, v in row.items()}


def _decode(table: str, row: dict) -> dict:
    return {k: base64.b64decode(v) if (table, k) in BYTES and v is not None else v for k, v in row.items()}


def tables(engine) -> list[str]:
    """The store's tables, in load order; a table this code does not know is an error."""
    with db.read(engine) as conn:
        found = set(sa.inspect(conn).get_table_names()) - {"sqlite_sequence"}
    unknown = found - set(TABLES)
    if unknown:
        raise ValueError(f"the store has tables this version does not know: {', '.join(sorted(unknown))}")
    return [t for t in TABLES if t in found]


def dump(store, folder: Path) -> dict[str, int]:
    """Every table of the store into folder/<table>.jsonl, in one read transaction; rows per table."""
    folder.mkdir(parents=True, exist_ok=True)
    counts = {}
    with db.snapshot(store.engine) as conn:
        for table in tables(store.engine):
            order = "key" if table == "meta" else "version" if table == "schema_migrations" else None
            key = order or _first_key(conn, table)
            rows = db.rows(conn, f'SELECT * FROM "{table}" ORDER BY {", ".join(key) if isinstance(key, list) else key}')
            with (folder / f"{table}.jsonl").open("w", encoding="utf-8") as f:
                for row in rows:
                    f.write(json.dumps(_encode(table, row), ensure_ascii=False, sort_keys=True) + "\n")
            counts[table] = len(rows)
    return counts


def _first_key(conn, table: str) -> list[str]:
    pk = sa.inspect(conn).get_pk_constraint(table)["constrained_columns"]
    return [f'"{c}"' for c in pk] or ["1"]


def _has_tables(engine) -> bool:
    with db.read(engine) as conn:
        return bool(sa.inspect(conn).get_table_names())


def load(url: str, folder: Path) -> dict[str, int]:
    """A new store at url filled from folder (written by dump); rows per table. Refused when the
    store at url already holds anything."""
    from store import _engine, init_store

    engine = _engine(url)
    path = db.sqlite_path(url)
    if path is not None and path.exists() or path is None and _has_tables(engine):
        raise FileExistsError("the target store is not empty; restore goes into a new store only")
    want = db.latest_version(engine.dialect.name)
    have = max((json.loads(line)["version"] for line in (folder / "schema_migrations.jsonl").read_text(
        encoding="utf-8").splitlines() if line), default=0)
    if have != want:
        raise ValueError(f"the backup's store schema is version {have}, this code's is {want}: restore it with the "
                         "version of the code that made it, then run: python -m kpi store migrate")
    init_store(url)
    counts = {}
    with db.write(engine) as conn:
        for table in TABLES:
            source = folder / f"{table}.jsonl"
            if table in SCHEMA_TABLES or not source.exists():
                continue
            rows = [_decode(table, json.loads(line)) for line in source.read_text(encoding="utf-8").splitlines() if line]
            if rows:
                columns = list(rows[0])
                names = ", ".join(f'"{c}"' for c in columns)
                conn.execute(sa.text(f'INSERT INTO "{table}" ({names}) VALUES ({", ".join(":" + c for c in columns)})'),
                             rows)
            counts[table] = len(rows)
        if engine.dialect.name == "postgresql":
            _continue_ids(conn)
    return counts


def _continue_ids(conn) -> None:
    """Move each identity column's sequence past the highest id loaded, so that the next insert does not
    collide (PostgreSQL's sequences do not follow ids inserted by hand, as SQLite's AUTOINCREMENT does)."""
    for r in db.rows(conn, "SELECT table_name AS t, column_name AS c FROM information_schema.columns "
                           "WHERE table_schema = current_schema() AND is_identity = 'YES' ORDER BY 1"):
        conn.execute(sa.text(f'SELECT setval(pg_get_serial_sequence(:t, :c), coalesce(max("{r["c"]}"), 0) + 1, '
                             f'false) FROM "{r["t"]}"'), dict(t=f'"{r["t"]}"', c=r["c"]))
