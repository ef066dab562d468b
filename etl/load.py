"""Load: write the vocabulary, every report's catalog and its update files into a new DuckDB
file, then publish it (etl/publish.py). Rows are dicts and go in by column name, never by position."""
from __future__ import annotations

import fcntl
import json
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pandas as pd

from common import builds, settings
from common.errors import DATABASE_SCHEMA
from etl import catalog_rows, publish, updates
from etl.extract import Catalog, Source

SQL_DIR = Path(__file__).with_name("sql")
# In foreign-key order.
TABLES = ("statuses", "qualifiers", "kinds", "directions", "themes", "units", "reports", "sources", "areas",
          "problems", "measures", "indicators", "observations", "ledger_entries", "report_claims", "dashboards")
# Sorted by these so the same inputs give the same contents, whatever order files were read in.
KEYS = {"sources": ("report_id", "source_id"), "observations": ("obs_id",),
        "ledger_entries": ("report_id", "entry_id")}


def rows(sources: list[Source], catalog: Catalog, files: dict[str, list] | None = None) -> dict[str, list[dict]]:
    """Every table's rows: the catalog's, then each report's update files (report id -> files)."""
    tables = catalog_rows.rows(sources, catalog)
    for report in catalog.reports:
        for table, extra in updates.table_rows(report, (files or {}).get(report.id, []), tables).items():
            tables[table] += extra
    for table, key in KEYS.items():
        tables[table].sort(key=lambda r: tuple(str(r[k]) for k in key))
    return tables


def previous_log(db_path: Path) -> list[dict]:
    """The load log of the newest readable build (the current one, else the last good one kept
    beside it), so history survives rebuilds and the repair of a corrupt file."""
    for path in builds.readable_first(db_path):
        try:
            with duckdb.connect(str(path), read_only=True) as con:
                cur = con.execute("SELECT * FROM load_log ORDER BY loaded_at")
                names = [d[0] for d in cur.description]
                return [dict(zip(names, r)) for r in cur.fetchall()]
        except duckdb.Error:
            continue  # unreadable: try the build before it
    return []


def insert(con: duckdb.DuckDBPyConnection, table: str, table_rows: list[dict]) -> None:
    """Insert rows (dicts) into table by column name."""
    if not table_rows:
        return
    frame = pd.DataFrame(table_rows)
    con.register("incoming", frame)
    try:
        con.execute(f'INSERT INTO "{table}" BY NAME SELECT * FROM incoming')
    finally:
        con.unregister("incoming")


def populate(con: duckdb.DuckDBPyConnection, table_rows: dict[str, list[dict]], log: list[dict],
             inputs: str | None = None) -> None:
    """Create every table and view, stamp the schema version (and the inputs' fingerprint, see
    etl/inputs.py), then insert the rows."""
    for sql in sorted(SQL_DIR.glob("*.sql")):
        con.execute(sql.read_text(encoding="utf-8"))
    insert(con, "meta", [{"key": "schema_version", "value": str(DATABASE_SCHEMA)}]
           + ([{"key": "inputs_sha256", "value": inputs}] if inputs else []))
    for table in TABLES:
        insert(con, table, table_rows[table])
    insert(con, "load_log", log)


def build(db_path: Path, table_rows: dict[str, list[dict]], checksums: dict[str, str],
          inputs: str | None = None) -> dict[str, int]:
    """Write a complete database as a new build beside db_path, then point db_path at it; the
    builds before it are kept (settings.KEEP_BUILDS) for readers to fall back on."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    # One build at a time per database.
    with open(db_path.with_name(db_path.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return _build(db_path, table_rows, checksums, inputs)


def _build(db_path: Path, table_rows: dict[str, list[dict]], checksums: dict[str, str],
           inputs: str | None) -> dict[str, int]:
    publish.adopt_legacy(db_path)
    history = previous_log(db_path)
    counts = {t: len(table_rows[t]) for t in TABLES}
    entry = {"loaded_at": datetime.now(timezone.utc).replace(tzinfo=None),
             "source_checksums": json.dumps(checksums, sort_keys=True), "row_counts": json.dumps(counts),
             "outcome": "ok"}
    with publish.new_build(db_path) as tmp:
        with duckdb.connect(str(tmp)) as con:
            populate(con, table_rows, history + [entry], inputs)
            con.execute("CHECKPOINT")
    publish.prune(db_path, settings.KEEP_BUILDS)
    return counts
