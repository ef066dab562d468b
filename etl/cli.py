"""The command line: wires extract -> validate -> load and prints a summary."""
from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from common import settings
from etl import load, updates
from etl.extract import read_catalog, read_sources
from etl.validate import validate

EPILOG = """examples:
  python -m etl build                  # validate sources, catalog and data/updates/, then rebuild atomically
  python -m etl build --db /tmp/x.duckdb
  python -m etl check                  # validate only; the database is not touched
  python -m etl check data/updates/自规分局_2025-01.xlsx   # validate one update file without loading it
  python -m etl template --out 报送模板.xlsx --lang zh     # the workbook departments fill in
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m etl", description=__doc__, epilog=EPILOG,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="validate and load everything into DuckDB (atomic)", epilog=EPILOG,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    b.add_argument("--db", type=Path, default=settings.DB_PATH, help="database file (default: %(default)s)")
    c = sub.add_parser("check", help="validate sources, catalog and updates (or one FILE) without loading",
                       epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    c.add_argument("file", nargs="?", type=Path, help="one update file (.csv or .xlsx) to check on its own")
    t = sub.add_parser("template", help="write the XLSX template departments fill in", epilog=EPILOG,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    t.add_argument("--out", type=Path, required=True, help="the .xlsx file to write")
    t.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of headers and words")
    args = parser.parse_args(argv)
    if args.command == "template":
        return template(args.out, args.lang)
    if args.command == "check" and args.file:
        return check_one(args.file)
    return run(args.command, getattr(args, "db", None))


def prepare():
    """Read and validate everything a build loads: (sources, catalog, update files, problems)."""
    sources = read_sources(settings.SOURCES_DIR)
    catalog = read_catalog(settings.CATALOG_DIR)
    problems = sorted(validate(sources, catalog))
    files, update_problems = [], []
    if not problems:  # update rules need a sound catalog to check against
        files, update_problems = updates.read_and_check(updates.update_paths(settings.UPDATES_DIR), catalog)
    return sources, catalog, files, problems + update_problems


def build_quietly(db_path: Path) -> list:
    """Validate and, when clean, rebuild db_path atomically; the problems (empty on success)."""
    sources, catalog, files, problems = prepare()
    if not problems:
        load.build(db_path, load.rows(sources, catalog, files), {s.meta["id"]: s.sha256 for s in sources})
    _log("build", "failed" if problems else "ok", {"problems": len(problems)})
    return problems


def run(command: str, db_path: Path | None) -> int:
    sources, catalog, files, problems = prepare()
    if problems:
        for p in problems:
            print(p, file=sys.stderr)
        print(f"\n{len(problems)} problem(s) found; nothing was loaded"
              + (f" and {db_path} is unchanged." if db_path else "."), file=sys.stderr)
        _log(command, "failed", {"problems": len(problems)})
        return 1
    table_rows = load.rows(sources, catalog, files)
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


def check_one(path: Path) -> int:
    """Validate one update file against the catalog; nothing is loaded."""
    catalog = read_catalog(settings.CATALOG_DIR)
    files, problems = updates.read_and_check([path], catalog)
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        print(f"\n{len(problems)} problem(s) found in {files[0].shown}; nothing was loaded.", file=sys.stderr)
        return 1
    tables = files[0].tables
    print(f"{files[0].shown}: " + ", ".join(f"{len(rows)} {kind} row(s)" for kind, rows in tables.items())
          + "; no problems. Put it in data/updates/ and run: python -m etl build")
    return 0


def template(out: Path, lang: str) -> int:
    from etl.template import write_template
    from kpi.db import DatabaseMissing

    try:
        write_template(out, lang)
    except DatabaseMissing as exc:
        print(f"python -m etl template: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {out}")
    return 0


def summary(sources, counts: dict[str, int], results: list[str], db_path: Path | None) -> str:
    updates_n = counts["sources"] - len(sources)
    lines = [f"sources       {counts['sources']}  " + ", ".join(
        f"{s.meta['id']} (sha256 {s.sha256[:12]}…)" for s in sources)
        + (f" + {updates_n} update file(s)" if updates_n else "")]
    lines += [f"{t:<13} {counts[t]}" for t in ("areas", "problems", "measures", "indicators", "observations")]
    if counts.get("ledger_entries"):
        lines.append(f"ledger        {counts['ledger_entries']}")
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
