"""python -m kpi export …: the briefing pack; python -m kpi verdicts init|export: the verdict store."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from kpi import db, exports, pack, reports

EPILOG = """examples:
  python -m kpi export --out briefing/            # the newest report's pack in Chinese: PNG, CSV, XLSX, deck, index.csv
  python -m kpi export --out briefing-en --lang en
  python -m kpi export --out briefing --ascii-names   # ASCII file names for clients that need them
  python -m kpi export --out briefing --report REPORT_ID   # a report in the database (default: the newest)
  python -m kpi verdicts init                      # create the empty spot-check verdict store
  python -m kpi verdicts export --out logs/        # verdicts.csv and verdicts.xlsx
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kpi", description="Read-side commands of the KPI dashboard.",
                                     epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    e = sub.add_parser("export", help="write the briefing pack into a folder", epilog=EPILOG,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    e.add_argument("--out", type=Path, required=True, help="folder to write into (created if missing)")
    e.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of titles and names (default zh)")
    e.add_argument("--ascii-names", action="store_true", help="ASCII file names (default: names in --lang)")
    e.add_argument("--report", help="the report to export (default: the newest)")
    v = sub.add_parser("verdicts", help="the spot-check verdict store", epilog=EPILOG,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    v.add_argument("action", choices=("init", "export"), help="init: create an empty store; "
                   "export: write the verdict log as CSV and XLSX into --out")
    v.add_argument("--out", type=Path, help="folder for export")
    args = parser.parse_args(argv)
    if args.command == "verdicts":
        return _verdicts(args.action, args.out)
    started = time.perf_counter()
    try:
        entries = pack.build(reports.resolve(args.report), args.out, args.lang, args.ascii_names)
    except (exports.BrowserMissing, db.DatabaseMissing) as exc:
        print(f"python -m kpi export: {exc}", file=sys.stderr)
        return 1
    except reports.UnknownReport:
        print(f"python -m kpi export: no report {args.report!r}; known: {', '.join(reports.ids())}", file=sys.stderr)
        return 1
    kinds = {k: sum(e["kind"] == k for e in entries) for k in ("png", "csv", "xlsx", "pptx")}
    print(f"wrote {len(entries)} files + {pack.INDEX} to {args.out} in {time.perf_counter() - started:.1f} s: "
          + ", ".join(f"{n} {k}" for k, n in kinds.items()))
    return 0


def _verdicts(action: str, out: Path | None) -> int:
    from common import settings
    from kpi import verdicts

    try:
        if action == "init":
            verdicts.init(settings.VERDICTS_PATH)
            print(f"created an empty verdict store at {settings.VERDICTS_PATH}")
            return 0
        if out is None:
            print("python -m kpi verdicts export: give --out FOLDER", file=sys.stderr)
            return 2
        log = verdicts.open_store().log()
        out.mkdir(parents=True, exist_ok=True)
        (out / "verdicts.csv").write_bytes(verdicts.log_csv(log))
        (out / "verdicts.xlsx").write_bytes(verdicts.log_xlsx(log))
        print(f"wrote {len(log)} verdicts to {out}/verdicts.csv and verdicts.xlsx")
        return 0
    except (FileExistsError, verdicts.StoreMissing, verdicts.StoreCorrupt) as exc:
        print(f"python -m kpi verdicts {action}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
