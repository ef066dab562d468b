"""The command line: wires extract -> validate -> load and prints a summary."""
from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from etl import load
from etl.extract import read_catalog, read_sources
from etl.validate import validate
from kpi import settings

EPILOG = """examples:
  python -m etl build                  # validate, then rebuild data/kpi.duckdb atomically
  python -m etl build --db /tmp/x.duckdb
  python -m etl check                  # validate only; the database is not touched
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m etl", description=__doc__, epilog=EPILOG,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="validate and load everything into DuckDB (atomic)", epilog=EPILOG,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    b.add_argument("--db", type=Path, default=settings.DB_PATH, help="database file (default: %(default)s)")
    sub.add_parser("check", help="validate sources and catalog without loading", epilog=EPILOG,
                   formatter_class=argparse.RawDescriptionHelpFormatter)
    args = parser.parse_args(argv)
    return run(args.command, getattr(args, "db", None))


def run(command: str, db_path: Path | None) -> int:
    sources = read_sources(settings.SOURCES_DIR)
    catalog = read_catalog(settings.CATALOG_DIR)
    problems = sorted(validate(sources, catalog))
    if problems:
        for p in problems:
            print(p, file=sys.stderr)
        print(f"\n{len(problems)} problem(s) found; nothing was loaded"
              + (f" and {db_path} is unchanged." if db_path else "."), file=sys.stderr)
        _log(command, "failed", {"problems": len(problems)})
        return 1
    table_rows = load.rows(sources, catalog)
    checksums = {s.meta["id"]: s.sha256 for s in sources}
    if command == "build":
        counts = load.build(db_path, table_rows, checksums)
        with duckdb.connect(str(db_path), read_only=True) as con:
            checks = con.execute("SELECT result FROM consistency_checks").fetchall()
    else:
        with duckdb.connect(":memory:") as con:  # same DDL and constraints, nothing on disk
            load.populate(con, table_rows, [])
            checks = con.execute("SELECT result FROM consistency_checks").fetchall()
        counts = {t: len(table_rows[t]) for t in load.TABLES}
    print(summary(sources, counts, [r[0] for r in checks], db_path))
    _log(command, "ok", counts)
    return 0


def summary(sources, counts: dict[str, int], results: list[str], db_path: Path | None) -> str:
    lines = [f"sources       {counts['sources']}  " + ", ".join(
        f"{s.meta['id']} (sha256 {s.sha256[:12]}…)" for s in sources)]
    lines += [f"{t:<13} {counts[t]}" for t in ("areas", "problems", "measures", "indicators", "observations")]
    tally = ", ".join(f"{results.count(r)} {r}" for r in ("pass", "note", "fails") if r in results)
    lines.append(f"checks        {len(results)} ({tally})")
    lines.append(f"built         {db_path}" if db_path else "validated     no problems; nothing loaded")
    return "\n".join(lines)


def _log(command: str, outcome: str, detail: dict) -> None:
    """Append one line per attempt; a failed build never writes to the database itself."""
    settings.BUILD_LOG.parent.mkdir(parents=True, exist_ok=True)
    line = {"at": datetime.now(timezone.utc).isoformat(timespec="seconds"), "command": command,
            "outcome": outcome, **detail}
    with settings.BUILD_LOG.open("a", encoding="utf-8") as f:
        f.write(json.dumps(line, ensure_ascii=False) + "\n")
