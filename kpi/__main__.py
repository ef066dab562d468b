"""python -m kpi: the briefing pack, the store (accounts, the audit log, verdicts) from the server's
command line. Whoever runs these commands on the server is the operator: an admin, audited as
cli:<user>."""
from __future__ import annotations

import argparse
import getpass
import sys
import time
from pathlib import Path

from kpi import db, exports, pack, reports

EXAMPLES = {
    "export": """examples:
  python -m kpi export --out briefing/            # the newest report's pack in Chinese: PNG, CSV, XLSX, deck, index.csv
  python -m kpi export --out briefing-en --lang en
  python -m kpi export --out briefing --ascii-names   # ASCII file names for clients that need them
  python -m kpi export --out briefing --report REPORT_ID   # a report in the database (default: the newest)""",
    "store": """examples:
  python -m kpi store init                         # create the store (data/store.sqlite, or KPI_STORE_URL)
  python -m kpi store init --if-missing            # what make run does on a fresh clone
  python -m kpi store migrate                      # bring an older store's schema up to date
  python -m kpi store status                       # where it is, its schema, accounts and admins
  python -m kpi store import-verdicts data/verdicts.sqlite   # carry over verdicts of the former verdict store""",
    "users": """examples:
  python -m kpi users add admin --role admin                      # asks for the password twice
  echo "$PW" | python -m kpi users add wang --role submitter --department 自规分局 --password-stdin
  python -m kpi users add li --role checker --email li@zone.gov.cn    # signs in by single sign-on
  python -m kpi users list
  python -m kpi users disable wang
  python -m kpi users passwd wang
  python -m kpi users assign 自规分局 --report REPORT_ID --indicator INDICATOR_ID --ledger 7.1 --ledger 7.1.1""",
    "audit": """examples:
  python -m kpi audit                              # the newest 50 entries
  python -m kpi audit --action sign_in_failed --since 2026-11-01 --limit 200
  python -m kpi audit --actor wang""",
    "verdicts": """examples:
  python -m kpi verdicts export --out logs/        # verdicts.csv and verdicts.xlsx""",
    "doctor": """examples:
  python -m kpi doctor                             # database, store, folders, Chromium, CJK font; exit 1 on FAIL""",
    "backup": """examples:
  python -m kpi backup --out /srv/backups          # store, update files and build log into a new dated folder""",
    "restore": """examples:
  python -m kpi restore /srv/backups/kpi-backup-20261130T160000Z   # verify, then restore; then: make db""",
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m kpi", description=__doc__, epilog="\n\n".join(EXAMPLES.values()),
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help_text, epilog=EXAMPLES[name],
                              formatter_class=argparse.RawDescriptionHelpFormatter)

    e = command("export", "write a report's briefing pack into a folder")
    e.add_argument("--out", type=Path, required=True, help="folder to write into (created if missing)")
    e.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of titles and names (default zh)")
    e.add_argument("--ascii-names", action="store_true", help="ASCII file names (default: names in --lang)")
    e.add_argument("--report", help="the report to export (default: the newest)")
    s = command("store", "create, migrate or inspect the store of what users write")
    s.add_argument("action", choices=("init", "migrate", "status", "import-verdicts"))
    s.add_argument("path", nargs="?", type=Path, help="import-verdicts: the former verdict store's file")
    s.add_argument("--if-missing", action="store_true", help="init: do nothing when a store exists")
    u = command("users", "accounts, roles and department assignments")
    u.add_argument("action", choices=("add", "list", "disable", "enable", "passwd", "assign"))
    u.add_argument("name", nargs="?", help="the username (assign: the department)")
    u.add_argument("--role", choices=("viewer", "checker", "submitter", "admin"))
    u.add_argument("--department", help="the department a submitter reports for")
    u.add_argument("--display-name", default="", help="the name shown on pages and verdicts")
    u.add_argument("--email", help="single sign-on: the e-mail the provider gives for this person")
    u.add_argument("--subject", help="single sign-on: the provider's subject for this person")
    u.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    u.add_argument("--no-password", action="store_true", help="add: single sign-on only, no password")
    u.add_argument("--report", help="assign: the report")
    u.add_argument("--indicator", action="append", default=[], help="assign: an indicator id (repeat)")
    u.add_argument("--ledger", action="append", default=[], help="assign: a problem or measure code (repeat)")
    u.add_argument("--replace", action="store_true", help="assign: these only, dropping the department's others")
    a = command("audit", "print the audit log (newest first)")
    a.add_argument("--action")
    a.add_argument("--actor")
    a.add_argument("--since", help="YYYY-MM-DD")
    a.add_argument("--limit", type=int, default=50)
    v = command("verdicts", "the spot-check verdict log")
    v.add_argument("action", choices=("export",))
    v.add_argument("--out", type=Path, required=True, help="folder for verdicts.csv and verdicts.xlsx")
    command("doctor", "check that this server can serve: one line per check, exit 1 on failure")
    b = command("backup", "back up what cannot be rebuilt: the store, update files, the build log")
    b.add_argument("--out", type=Path, required=True, help="folder to create the backup in")
    r = command("restore", "restore a backup folder (verified first; what is in the way is moved aside)")
    r.add_argument("folder", type=Path, help="a kpi-backup-… folder written by python -m kpi backup")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "export":
        return _export(args)
    if args.command == "doctor":
        from kpi import doctor

        return doctor.main()
    if args.command in ("backup", "restore"):
        return _backup(args)
    from kpi import cli_store

    handler = {"store": cli_store.store_command, "users": cli_store.users_command,
               "audit": cli_store.audit_command, "verdicts": cli_store.verdicts_command}[args.command]
    return handler(args, _password)


def _password(args) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("password: ")
    if first != getpass.getpass("again: "):
        raise SystemExit("python -m kpi users: the two passwords differ; nothing was changed")
    return first


def _export(args) -> int:
    started = time.perf_counter()
    try:
        entries = pack.build(reports.resolve(args.report), args.out, args.lang, args.ascii_names)
    except (exports.BrowserMissing, db.DatabaseMissing, db.DatabaseUnreadable) as exc:
        print(f"python -m kpi export: {exc}", file=sys.stderr)
        return 1
    except reports.UnknownReport:
        print(f"python -m kpi export: no report {args.report!r}; known: {', '.join(reports.ids())}", file=sys.stderr)
        return 1
    kinds = {k: sum(e["kind"] == k for e in entries) for k in ("png", "csv", "xlsx", "pptx")}
    print(f"wrote {len(entries)} files + {pack.INDEX} to {args.out} in {time.perf_counter() - started:.1f} s: "
          + ", ".join(f"{n} {k}" for k, n in kinds.items()))
    return 0


def _backup(args) -> int:
    import store
    from kpi import backup

    try:
        if args.command == "backup":
            print(f"wrote {backup.backup(args.out)}")
        else:
            print("\n".join(backup.restore(args.folder)))
        return 0
    except (store.StoreMissing, store.StoreCorrupt, ValueError, FileExistsError, OSError) as exc:
        print(f"python -m kpi {args.command}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
