"""python -m kpi export --out DIR [--lang zh|en] [--ascii-names]: the briefing pack."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from kpi import db, exports, pack

EPILOG = """examples:
  python -m kpi export --out briefing/            # Chinese pack: PNG, CSV, XLSX per chart, a deck, index.csv
  python -m kpi export --out briefing-en --lang en
  python -m kpi export --out briefing --ascii-names   # ASCII file names for clients that need them
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
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        entries = pack.build(args.out, args.lang, args.ascii_names)
    except exports.BrowserMissing as exc:
        print(f"python -m kpi export: {exc}", file=sys.stderr)
        return 1
    except db.DatabaseMissing as exc:
        print(f"python -m kpi export: {exc}", file=sys.stderr)
        return 1
    kinds = {k: sum(e["kind"] == k for e in entries) for k in ("png", "csv", "xlsx", "pptx")}
    print(f"wrote {len(entries)} files + {pack.INDEX} to {args.out} in {time.perf_counter() - started:.1f} s: "
          + ", ".join(f"{n} {k}" for k, n in kinds.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
