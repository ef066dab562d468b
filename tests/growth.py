"""SYNTHETIC growth data for `make bench`: five years of monthly department updates.

For every indicator that takes updates and every ledger item (problem and measure) of the
newest report, one row a month for MONTHS months from the month after the programme
start, in one indicators file and one ledger file per month, as a department would send
them. Every value is made up (a smooth path ending at the report's own value), every file
and row says so (合成数据 synthetic), and none of it is ever written under data/: it goes to
the folder given, and the build it makes is a separate database.

    python -m tests.growth --out /tmp/growth     # writes the files, builds, prints the build time

Dates run past today, so the build and any server reading it use KPI_TODAY = TODAY.
"""
from __future__ import annotations

import argparse
import csv
import io
import os
import subprocess
import sys
import time
from calendar import monthrange
from datetime import date
from pathlib import Path

import duckdb

from tests.serve import ROOT

MONTHS = 60
FIRST = (2024, 8)        # the first whole month after the programme start (2024-07-25)
TODAY = "2029-07-31"     # the last synthetic month's end: KPI_TODAY for the build and the server
LABEL = "合成数据（基准测试）synthetic benchmark data"
SUBMITTER = "合成数据 synthetic"
IND_HEADER = ["indicator_id", "value", "qualifier", "as_of", "period", "source", "evidence", "note", "submitter"]
LEDGER_HEADER = ["code", "status", "responsible_unit", "responsible_leader", "deadline", "completed_on",
                 "signed_off_on", "evidence", "note", "as_of", "submitter"]


def months() -> list[tuple[int, int]]:
    y, m = FIRST
    out = []
    for _ in range(MONTHS):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def month_end(y: int, m: int) -> date:
    return date(y, m, monthrange(y, m)[1])


def synthetic_value(kind: str, base: float, i: int) -> float:
    """A made-up path: rises to the report's value by the last month (changes swing around it)."""
    if kind == "change":
        return round(base * (0.6 + 0.8 * ((i * 7) % 11) / 10), 2)
    value = base * (0.9 + 0.1 * i / (MONTHS - 1))
    return float(round(value)) if kind == "count" else round(value, 2)


def _csv(header: list[str], rows: list[list]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


def generate(source_db: Path, out: Path) -> tuple[str, int]:
    """Write the synthetic files under out/updates/<report>/; returns (report id, rows written)."""
    con = duckdb.connect(str(source_db), read_only=True)
    try:
        newest_first = (ROOT / "kpi" / "sql" / "reports.sql").read_text(encoding="utf-8")
        report = con.execute(newest_first).fetchall()[0][0]
        indicators = con.execute(
            "SELECT indicator_id, kind, value FROM indicator_facts WHERE report_id = ? AND is_latest"
            " AND kind <> 'date' AND value IS NOT NULL ORDER BY indicator_id", [report]).fetchall()
        ledger = con.execute("SELECT code, level FROM ledger_status WHERE report_id = ? ORDER BY code",
                             [report]).fetchall()
    finally:
        con.close()
    folder = out / "updates" / report
    folder.mkdir(parents=True, exist_ok=True)
    rows = 0
    calendar = months()
    for i, (y, m) in enumerate(calendar):
        end = month_end(y, m).isoformat()
        ind_rows = [[ind, f"{synthetic_value(kind, base, i):g}", "exact", end, f"{y}-{m:02d}",
                     f"{LABEL} {y}-{m:02d}", "", "synthetic", SUBMITTER] for ind, kind, base in indicators]
        led_rows = []
        for code, _level in ledger:
            done_at = 12 + hash_code(code) % 36  # each item completes in a (made-up) month
            done = i >= done_at
            finished = month_end(*calendar[done_at]).isoformat() if done else ""
            led_rows.append([code, "completed" if done else "in_progress", "合成部门 synthetic dept",
                             "", month_end(*calendar[min(done_at + 2, MONTHS - 1)]).isoformat(), finished,
                             finished, LABEL, "synthetic", end, SUBMITTER])
        (folder / f"synthetic-{y}-{m:02d}-indicators.csv").write_bytes(_csv(IND_HEADER, ind_rows))
        (folder / f"synthetic-{y}-{m:02d}-ledger.csv").write_bytes(_csv(LEDGER_HEADER, led_rows))
        rows += len(ind_rows) + len(led_rows)
    return report, rows


def hash_code(code: str) -> int:
    """A stable small number per ledger code (Python's hash() changes between runs)."""
    return sum(ord(ch) * (k + 1) for k, ch in enumerate(code))


def env(out: Path) -> dict:
    """What a build and a server of the growth database run with: its own updates, log and today."""
    return {"KPI_UPDATES_DIR": str(out / "updates"), "KPI_BUILD_LOG": str(out / "builds.jsonl"),
            "KPI_TODAY": TODAY}


def build(out: Path, name: str = "kpi.duckdb") -> tuple[Path, float]:
    """`python -m etl build` of the growth database; (its path, seconds)."""
    db = out / name
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "etl", "build", "--db", str(db)], cwd=ROOT,
                          env={**os.environ, **env(out)}, capture_output=True, text=True, timeout=600)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"growth build failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return db, seconds


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="write SYNTHETIC growth updates and build them (never under data/)")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--source-db", type=Path, default=ROOT / "data" / "kpi.duckdb")
    args = ap.parse_args(argv)
    out = args.out.resolve()
    if out == ROOT / "data" or ROOT / "data" in out.parents:
        ap.error("synthetic data never goes under data/")
    report, rows = generate(args.source_db, out)
    db, seconds = build(out)
    print(f"synthetic growth: {report}, {MONTHS} months, {rows} rows in {2 * MONTHS} files → {db}; build {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
