"""Load: write validated sources and catalog into a new DuckDB file, then swap it in."""
from __future__ import annotations

import fcntl
import json
import os
from datetime import date, datetime, timezone
from pathlib import Path

import duckdb

from etl import update_load
from etl.extract import Catalog, Source

SQL_DIR = Path(__file__).with_name("sql")
TABLES = ("sources", "themes", "units", "areas", "problems", "measures", "indicators", "observations",
          "ledger_entries")


def rows(sources: list[Source], catalog: Catalog, updates: list | None = None) -> dict[str, list[tuple]]:
    """Every table's rows, sorted by key so the same inputs give the same contents."""
    tables = _catalog_rows(sources, catalog)
    tables["ledger_entries"] = []
    indicators = {r.data["id"]: r.data for r in catalog["indicators.yml"]}
    for f in updates or []:
        for table, extra in update_load.rows(f, indicators).items():
            tables[table] += extra
    return {name: sorted(table, key=lambda r: str(r[0])) if name in ("sources", "observations", "ledger_entries")
            else table for name, table in tables.items()}


def _catalog_rows(sources: list[Source], catalog: Catalog) -> dict[str, list[tuple]]:
    c = {name: sorted((r.data for r in recs), key=lambda d: str(d.get(_KEYS[name])))
         for name, recs in catalog.records.items()}
    kinds = {d["id"]: d for d in c["indicators.yml"]}
    return {
        "sources": sorted(_source(s) for s in sources),
        "themes": [(d["id"], d["name_zh"], d["name_en"], i) for i, d in enumerate(
            r.data for r in catalog["themes.yml"])],
        "units": [(d["unit"], d["en"]) for d in c["units.yml"]],
        "areas": [(d["no"], d["title_zh"], d["title_en"], d["theme"], d["source"], d["quote"], d["offset"])
                  for d in sorted(c["areas.yml"], key=lambda d: d["no"])],
        "problems": [(d["code"], d["area_no"], int(d["code"].split(".")[-1]), d["title_zh"], d["title_en"],
                      "not_stated", d["source"], d["quote"], d["offset"]) for d in c["problems.yml"]],
        "measures": [(d["code"], d["problem_code"], int(d["code"].split(".")[-1]), d["ordinal"], d["title_zh"],
                      d["summary_zh"], d["summary_en"], "not_stated", d["source"], d["quote"], d["offset"])
                     for d in c["measures.yml"]],
        "indicators": [(d["id"], d.get("problem_code"), d["name_zh"], d["name_en"], d["unit"], d["kind"],
                        d["direction"], d["theme"]) for d in c["indicators.yml"]],
        "observations": [_observation(d, kinds[d["indicator_id"]]) for d in c["observations.yml"]],
    }


_KEYS = {"themes.yml": "id", "units.yml": "unit", "areas.yml": "no", "problems.yml": "code",
         "measures.yml": "code", "indicators.yml": "id", "observations.yml": "id", "exclusions.yml": "offset"}


def _source(s: Source) -> tuple:
    m = s.meta
    return (m["id"], m["kind"], m["title"], m.get("title_en"), m["publisher"], m.get("publisher_en"),
            m["published"], m["as_of"], m["language"], m["file"], len(s.raw), s.sha256, m.get("url"), s.text)


def _observation(d: dict, indicator: dict) -> tuple:
    is_date = isinstance(d["value"], date)
    return (d["id"], d["indicator_id"], d["source"], d.get("measure_code"),
            None if is_date else float(d["value"]), d["value"] if is_date else None, d["value_text"],
            d["qualifier"], indicator["unit"], d.get("baseline_value"), d.get("baseline_unit"),
            d.get("baseline_text"), d.get("period"), d["as_of"], d["quote"], d["offset"],
            d["offset"] + d["quote"].find(d["value_text"]), None, None, d.get("note"))


def previous_log(db_path: Path) -> list[tuple]:
    """The load log of the database being replaced, so history survives rebuilds."""
    if not db_path.exists():
        return []
    try:
        with duckdb.connect(str(db_path), read_only=True) as con:
            return con.execute("SELECT * FROM load_log ORDER BY loaded_at").fetchall()
    except duckdb.Error:
        return []  # an unreadable old file is replaced; its log cannot be carried


def populate(con: duckdb.DuckDBPyConnection, table_rows: dict[str, list[tuple]], log: list[tuple]) -> None:
    """Create every table and view, then insert the rows (parameterised)."""
    for sql in sorted(SQL_DIR.glob("*.sql")):
        con.execute(sql.read_text(encoding="utf-8"))
    for table in TABLES:
        if table_rows[table]:
            marks = ", ".join("?" * len(table_rows[table][0]))
            con.executemany(f'INSERT INTO "{table}" VALUES ({marks})', table_rows[table])
    if log:
        con.executemany("INSERT INTO load_log VALUES (?, ?, ?, ?)", log)


def build(db_path: Path, table_rows: dict[str, list[tuple]], checksums: dict[str, str]) -> dict[str, int]:
    """Write a complete database beside db_path, then atomically rename it over db_path."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    # One build at a time per database (two uploads at once would share the .tmp file).
    with open(db_path.with_name(db_path.name + ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return _build(db_path, table_rows, checksums)


def _build(db_path: Path, table_rows: dict[str, list[tuple]], checksums: dict[str, str]) -> dict[str, int]:
    tmp = db_path.with_name(db_path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    history = previous_log(db_path)
    counts = {t: len(table_rows[t]) for t in TABLES}
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    entry = (now, json.dumps(checksums, sort_keys=True), json.dumps(counts), "ok")
    try:
        with duckdb.connect(str(tmp)) as con:
            populate(con, table_rows, history + [entry])
            con.execute("CHECKPOINT")
        os.replace(tmp, db_path)
    finally:
        tmp.unlink(missing_ok=True)
    return counts
