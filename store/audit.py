"""The audit log: every write (sign-in, failed sign-in, lockout, account change, submission,
acceptance, return, verdict, build, export of the verdict log) as one appended row: when
(UTC), who, role, action, object, outcome, and a sha256 where a file is involved. The
database refuses UPDATE and DELETE on it; the app offers no way to edit it."""
from __future__ import annotations

import json

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from common.roles import Actor
from store import db

ANONYMOUS = Actor("anonymous", "viewer", via="none")
ACTIONS = ("sign_in", "sign_in_failed", "lockout", "sign_out", "account_add", "account_disable", "account_enable",
           "account_password", "assign", "submit", "accept", "return", "verdict", "build", "export_verdict_log",
           "store_init", "backup", "restore")


class Audit:
    def __init__(self, store):
        self.store = store

    def append(self, conn: Connection, actor: Actor, action: str, obj: str = "", outcome: str = "ok",
               sha256: str | None = None, detail: dict | str | None = None, at: str | None = None) -> None:
        """One row, inside the caller's transaction (so an action and its record stand or fall together)."""
        if action not in ACTIONS:
            raise ValueError(f"unknown audit action {action!r}")
        text = detail if isinstance(detail, str) else json.dumps(detail or {}, ensure_ascii=False, sort_keys=True)
        conn.execute(sa.text("INSERT INTO audit (at, actor, role, action, object, outcome, sha256, detail) "
                             "VALUES (:at, :actor, :role, :action, :object, :outcome, :sha256, :detail)"),
                     dict(at=at or db.now(), actor=actor.name, role=actor.role, action=action, object=obj,
                          outcome=outcome, sha256=sha256, detail="" if text == "{}" else text))

    def record(self, actor: Actor, action: str, obj: str = "", outcome: str = "ok", sha256: str | None = None,
               detail: dict | str | None = None) -> None:
        """One row in a transaction of its own."""
        with db.write(self.store.engine) as conn:
            self.append(conn, actor, action, obj, outcome, sha256, detail)

    def log(self, actor: Actor, action: str | None = None, who: str | None = None,
            since: str | None = None, limit: int | None = None) -> pd.DataFrame:
        """The log (newest first), filtered by action, actor and date; only an admin may read it."""
        from store import Forbidden

        if not actor.may("read_audit"):
            raise Forbidden("only an admin reads the audit log")
        where, params = ["1 = 1"], {}
        if action:
            where.append("action = :action")
            params["action"] = action
        if who:
            where.append("actor = :who")
            params["who"] = who
        if since:
            where.append("at >= :since")
            params["since"] = since
        sql = f"SELECT * FROM audit WHERE {' AND '.join(where)} ORDER BY id DESC" + (f" LIMIT {int(limit)}" if limit else "")
        with db.read(self.store.engine) as conn:
            return pd.DataFrame(db.rows(conn, sql, **params),
                                columns=["id", "at", "actor", "role", "action", "object", "outcome", "sha256", "detail"])
