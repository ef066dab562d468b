"""python -m etl: validate and build the database, check one update file, write the template."""
from __future__ import annotations

import argparse
import getpass
import json
import sys
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from common import settings
from common.roles import Actor
from etl import inputs, load, updates
from etl.extract import read_catalog, read_sources
from etl.validate import validate
from etl.vocabulary import read as read_vocabulary

EXAMPLES = {
    "build": """examples:
  python -m etl build                  # validate sources, catalog and data/updates/, then rebuild atomically
  python -m etl build --db /tmp/x.duckdb""",
    "check": """examples:
  python -m etl check                  # validate everything; the database is not touched
  python -m etl check data/updates/REPORT_ID/自规分局_2025-01.xlsx   # one update file of a report, loads nothing""",
    "worker": """examples:
  python -m etl worker                 # build whenever sources, catalog, updates or accepted submissions change
  python -m etl worker --once          # build now if anything changed, then exit""",
    "template": """examples:
  python -m etl template --out 报送模板.xlsx                 # the newest report's workbook, in Chinese
  python -m etl template --out template.xlsx --lang en --report REPORT_ID   # a folder name of data/catalog/""",
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m etl", description=__doc__, epilog="\n\n".join(EXAMPLES.values()),
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help_text, epilog=EXAMPLES[name],
                              formatter_class=argparse.RawDescriptionHelpFormatter)

    b = command("build", "validate and load everything into DuckDB (atomic)")
    b.add_argument("--db", type=Path, default=settings.DB_PATH, help="database file (default: %(default)s)")
    c = command("check", "validate sources, catalog and updates (or one FILE) without loading")
    c.add_argument("file", nargs="?", type=Path, help="one update file (.csv or .xlsx) to check on its own")
    c.add_argument("--report", help="the report FILE updates (default: the report whose folder holds it)")
    w = command("worker", "the build worker: build and publish whenever the inputs change (the app never builds)")
    w.add_argument("--db", type=Path, default=settings.DB_PATH, help="database file (default: %(default)s)")
    w.add_argument("--poll", type=float, default=settings.WORKER_POLL_S, help="seconds between looks (default: %(default)s)")
    w.add_argument("--once", action="store_true", help="build if due, then exit (0: up to date or built)")
    t = command("template", "write the XLSX template departments fill in")
    t.add_argument("--out", type=Path, required=True, help="the .xlsx file to write")
    t.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of headers and words")
    t.add_argument("--report", help="the report it updates (default: the newest)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "template":
        return template(args.out, args.lang, args.report)
    if args.command == "worker":
        from etl import worker
        return worker.run(args.db, args.poll, args.once)
    if args.command == "check" and args.file:
        return check_one(args.file, args.report)
    return run(args.command, getattr(args, "db", None))


def prepare(extra: dict | None = None):
    """Read and validate everything a build loads: (sources, catalog, update files by report,
    problems); extra: files to try as if they were accepted (report id -> files)."""
    sources = read_sources(settings.SOURCES_DIR)
    catalog = read_catalog(settings.CATALOG_DIR)
    problems = validate(sources, catalog)
    files: dict = {}
    if not problems:  # update rules need a sound catalog to check against
        files, update_problems = updates.read_all(catalog, extra=extra)
        problems += update_problems
    return sources, catalog, files, problems


def build_quietly(db_path: Path, actor: Actor | None = None, detail: dict | None = None) -> list:
    """Validate and, when clean, rebuild db_path atomically; the problems (empty on success).
    A failure while writing is logged and raised: the database path still points at the
    previous build. (The build worker's build; detail goes into the log.)"""
    fingerprint = inputs.fingerprint()  # before reading: a change meanwhile makes this build stale
    sources, catalog, files, problems = prepare()
    if not problems:
        try:
            load.build(db_path, load.rows(sources, catalog, files), _checksums(sources, files), fingerprint)
        except Exception as exc:
            _log("build", "failed", {**(detail or {}), "error": f"{type(exc).__name__}: {str(exc)[:300]}"}, actor)
            raise
    _log("build", "failed" if problems else "ok", {**(detail or {}), "problems": len(problems)}, actor)
    return problems


def trial(extra: dict) -> list:
    """The problems a build would find with extra files added (report id -> files): everything
    read and checked, then loaded into an in-memory database (the same tables and constraints);
    no file is written."""
    sources, catalog, files, problems = prepare(extra)
    if not problems:
        with duckdb.connect(":memory:") as con:
            load.populate(con, load.rows(sources, catalog, files), [])
    return problems


def _checksums(sources, files: dict) -> dict[str, str]:
    sums = {s.meta["id"]: s.sha256 for s in sources}
    sums.update({updates.source_id(f): f.sha256 for fs in files.values() for f in fs})
    return sums


def run(command: str, db_path: Path | None) -> int:
    fingerprint = inputs.fingerprint() if command == "build" else None
    sources, catalog, files, problems = prepare()
    if problems:
        for p in problems:
            print(p, file=sys.stderr)
        print(f"\n{len(problems)} problem(s) found; nothing was loaded"
              + (f" and {db_path} is unchanged." if db_path else "."), file=sys.stderr)
        _log(command, "failed", {"problems": len(problems)})
        return 1
    table_rows = load.rows(sources, catalog, files)
    if command == "build":
        counts = load.build(db_path, table_rows, _checksums(sources, files), fingerprint)
        with duckdb.connect(str(db_path), read_only=True) as con:
            checks = con.execute("SELECT report_id, result FROM consistency_checks").fetchall()
    else:
        with duckdb.connect(":memory:") as con:  # same DDL and constraints, nothing on disk
            load.populate(con, table_rows, [])
            checks = con.execute("SELECT report_id, result FROM consistency_checks").fetchall()
        counts = {t: len(table_rows[t]) for t in load.TABLES}
    print(summary(table_rows, checks, db_path))
    _log(command, "ok", counts)
    return 0


def check_one(path: Path, report_id: str | None = None) -> int:
    """Validate one update file against its report's catalog; nothing is loaded."""
    catalog = read_catalog(settings.CATALOG_DIR)
    report_id = report_id or path.resolve().parent.name
    report = catalog.report(report_id)
    if report is None:
        known = ", ".join(r.id for r in catalog.reports)
        print(f"python -m etl check: {path} is not in a report's folder; say which report it updates with "
              f"--report ({known})", file=sys.stderr)
        return 1
    files, problems = updates.read_and_check([path], report, read_vocabulary(catalog.vocabulary))
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        print(f"\n{len(problems)} problem(s) found in {files[0].shown}; nothing was loaded.", file=sys.stderr)
        return 1
    tables = files[0].tables
    print(f"{files[0].shown}: " + ", ".join(f"{len(rows)} {kind} row(s)" for kind, rows in tables.items())
          + f"; no problems. Put it in {updates.folder(report.id)}/ and run: python -m etl build")
    return 0


def template(out: Path, lang: str, report_id: str | None) -> int:
    from common.errors import DatabaseMissing, DatabaseUnreadable
    from etl.template import write_template

    try:
        write_template(out, lang, report_id=report_id)
    except (DatabaseMissing, DatabaseUnreadable, LookupError) as exc:
        print(f"python -m etl template: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {out}")
    return 0


def summary(table_rows: dict[str, list[dict]], checks: list[tuple], db_path: Path | None) -> str:
    """Per report: its document and updates, what it holds, its checks; then where it went."""
    lines = []
    for report in table_rows["reports"]:
        rid = report["report_id"]

        def count(table: str) -> int:
            return sum(r["report_id"] == rid for r in table_rows[table])

        own = [s for s in table_rows["sources"] if s["report_id"] == rid and s["kind"] == "report"]
        n_updates = count("sources") - len(own)
        lines.append(f"report        {rid}: " + ", ".join(f"{s['source_id']} (sha256 {s['sha256'][:12]}…)" for s in own)
                     + (f" + {n_updates} update file(s)" if n_updates else ""))
        lines += [f"  {t:<14}{count(t)}" for t in ("areas", "problems", "measures", "indicators", "observations")]
        if count("ledger_entries"):
            lines.append(f"  {'ledger':<14}{count('ledger_entries')}")
        results = [r for report_id, r in checks if report_id == rid]
        tally = ", ".join(f"{results.count(r)} {r}" for r in ("pass", "note", "fails") if r in results)
        lines.append(f"  {'checks':<14}{len(results)} ({tally})")
    lines.append(f"built         {db_path}" if db_path else "validated     no problems; nothing loaded")
    return "\n".join(lines)


def _log(command: str, outcome: str, detail: dict, actor: Actor | None = None) -> None:
    """Append one line per attempt (a failed build never writes to the database itself), and a
    build to the store's audit log when there is a store."""
    settings.BUILD_LOG.parent.mkdir(parents=True, exist_ok=True)
    line = {"at": datetime.now(timezone.utc).isoformat(timespec="seconds"), "command": command,
            "outcome": outcome, **detail}
    with settings.BUILD_LOG.open("a", encoding="utf-8") as f:
        f.write(json.dumps(line, ensure_ascii=False) + "\n")
    if command == "build":
        _audit(actor or operator(), outcome, detail)


def operator() -> Actor:
    """Whoever runs a command on the server: the trusted operator (like the catalog's keeper)."""
    return Actor(f"cli:{getpass.getuser()}", "admin", via="cli")


def _audit(actor: Actor, outcome: str, detail: dict) -> None:
    import store

    try:
        store.open_store().audit.record(actor, "build", str(settings.DB_PATH.name), outcome, detail=detail)
    except (store.StoreMissing, store.StoreCorrupt):
        pass  # no store yet (a fresh clone builds before its store exists): builds.jsonl has it
