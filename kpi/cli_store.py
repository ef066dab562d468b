"""The store's commands (python -m kpi store|users|audit|verdicts): the operator at the server,
an admin audited as cli:<user>. Each prints what it did, or why not, and returns the exit code."""
from __future__ import annotations

import getpass
import sqlite3
import sys

import store
from common import settings
from common.roles import Actor
from store.accounts import AccountInvalid


def operator() -> Actor:
    return Actor(f"cli:{getpass.getuser()}", "admin", via="cli")


def _fail(command: str, message: str) -> int:
    print(f"python -m kpi {command}: {message}", file=sys.stderr)
    return 1


def store_hint(db) -> str:
    """What to do when a store has no admin yet."""
    return ("" if db.accounts.admin_exists() else
            "no admin account yet: create the first with\n    .venv/bin/python -m kpi users add admin --role admin")


def store_command(args, _password) -> int:
    try:
        if args.action == "init":
            try:
                db = store.init_store()
            except FileExistsError as exc:
                if not args.if_missing:
                    return _fail("store init", str(exc))
                db = store.open_store()
            else:
                db.audit.record(operator(), "store_init", db.shown)
                print(f"created an empty store at {db.shown}")
            if hint := store_hint(db):
                print(hint)
            return 0
        if args.action == "migrate":
            from store import db as store_db

            applied = store_db.migrate(store_db.make_engine(settings.store_url()))
            print("applied: " + ", ".join(applied) if applied else "the store's schema is up to date")
            return 0
        db = store.open_store()
        if args.action == "status":
            accounts = db.accounts.list()
            admins = int((accounts["role"] == "admin").sum()) if len(accounts) else 0
            print(f"store     {db.shown}\naccounts  {len(accounts)} ({admins} admin)")
            if hint := store_hint(db):
                print(hint)
            return 0
        return _import_verdicts(db, args.path)
    except (store.StoreMissing, store.StoreCorrupt) as exc:
        return _fail(f"store {args.action}", str(exc))


def _import_verdicts(db, path) -> int:
    """Verdicts of the former verdict store (data/verdicts.sqlite) into this store."""
    if path is None or not path.exists():
        return _fail("store import-verdicts", f"give the former verdict store's file (not found: {path})")
    with sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True) as con:
        con.row_factory = sqlite3.Row
        rows = [dict(r) for r in con.execute("SELECT obs_id, status, note, checker, recorded_at, value_text, value, "
                                             "quote_sha256 FROM verdicts ORDER BY id")]
    print(f"imported {db.verdicts.import_rows(operator(), rows)} verdicts from {path}")
    return 0


def users_command(args, password) -> int:
    try:
        db = store.open_store()
        me = operator()
        if args.action == "list":
            print(db.accounts.list().to_string(index=False) if len(db.accounts.list()) else "no accounts")
            return 0
        if not args.name:
            return _fail(f"users {args.action}", "give the username (for assign: the department)")
        if args.action == "add":
            if not args.role:
                return _fail("users add", "give --role (viewer, checker, submitter or admin)")
            pw = None if args.no_password or (args.email or args.subject) and not args.password_stdin else password(args)
            made = db.accounts.add(me, args.name, args.role, pw, args.display_name, args.department, args.email,
                                   args.subject)
            print(f"added {made.name} ({made.role}" + (f", {made.department}" if made.department else "") + ")")
        elif args.action in ("disable", "enable"):
            db.accounts.set_disabled(me, args.name, args.action == "disable")
            print(f"{args.action}d {args.name}")
        elif args.action == "passwd":
            db.accounts.set_password(me, args.name, password(args))
            print(f"set a new password for {args.name}")
        else:
            if not args.report:
                return _fail("users assign", "give --report and the --indicator and --ledger items")
            db.accounts.assign(me, args.name, args.report, args.indicator, args.ledger, args.replace)
            mine = db.accounts.assignments(args.name, args.report)
            print(f"{args.name} reports {len(mine['indicator'])} indicator(s) and {len(mine['ledger'])} ledger item(s) "
                  f"of {args.report}")
        return 0
    except AccountInvalid as exc:
        return _fail(f"users {args.action}", str(exc))
    except (store.StoreMissing, store.StoreCorrupt) as exc:
        return _fail(f"users {args.action}", str(exc))


def audit_command(args, _password) -> int:
    try:
        log = store.open_store().audit.log(operator(), args.action, args.actor, args.since, args.limit)
    except (store.StoreMissing, store.StoreCorrupt) as exc:
        return _fail("audit", str(exc))
    print(log.drop(columns=["id"]).to_string(index=False) if len(log) else "no entries")
    return 0


def verdicts_command(args, _password) -> int:
    from kpi.verdicts import log_csv, log_xlsx

    try:
        log = store.open_store().verdicts.export(operator())
    except (store.StoreMissing, store.StoreCorrupt) as exc:
        return _fail("verdicts export", str(exc))
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "verdicts.csv").write_bytes(log_csv(log))
    (args.out / "verdicts.xlsx").write_bytes(log_xlsx(log))
    print(f"wrote {len(log)} verdicts to {args.out}/verdicts.csv and verdicts.xlsx")
    return 0
