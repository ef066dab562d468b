"""Accounts and department assignments; sign-in with a password (argon2 hashes, lockout after
repeated failures); single sign-on identities mapped to accounts by e-mail or subject."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pandas as pd
import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from common import settings
from common.roles import ROLES, Actor
from store import db

_hasher = PasswordHasher()  # argon2id with the library's maintained defaults
# Compared against when a username is unknown, so that a wrong name takes as long as a wrong password.
_DUMMY = _hasher.hash("not a password of anyone")
MIN_PASSWORD = 8
KINDS = ("indicator", "ledger")


class AccountInvalid(ValueError):
    """An account that cannot be made as asked; the message says which field and why."""


class SignInFailed(Exception):
    """Wrong name or password (never says which), or the account is locked or disabled."""

    def __init__(self, reason: str, until: str | None = None):
        super().__init__(reason)
        self.reason, self.until = reason, until  # reason: invalid, locked


def _utc(now: datetime | None) -> datetime:
    return (now or datetime.now(timezone.utc)).astimezone(timezone.utc)


def actor_of(row: dict, via: str = "password") -> Actor:
    return Actor(row["username"], row["role"], row["display_name"], row["department"], row["id"], via)


class Accounts:
    def __init__(self, store):
        self.store = store

    def _require_admin(self, actor: Actor, action: str, obj: str) -> None:
        """Refuse (and audit the refusal, in a transaction of its own) unless actor is an admin."""
        from store import Forbidden

        if not actor.may("manage_accounts"):
            self.store.audit.record(actor, action, obj, "refused")
            raise Forbidden(f"{actor.name} ({actor.role}) may not manage accounts")

    def add(self, actor: Actor, username: str, role: str, password: str | None = None, display_name: str = "",
            department: str | None = None, email: str | None = None, oidc_subject: str | None = None) -> Actor:
        """A new account; only an admin (or the operator at the command line) may add one."""
        username = (username or "").strip()
        if not username or any(c.isspace() for c in username):
            raise AccountInvalid("username: give a name without spaces")
        if role not in ROLES:
            raise AccountInvalid(f"role: one of {', '.join(ROLES)}")
        if role == "submitter" and not department:
            raise AccountInvalid("department: a submitter reports for a department; give --department")
        if password is not None and len(password) < MIN_PASSWORD:
            raise AccountInvalid(f"password: at least {MIN_PASSWORD} characters")
        self._require_admin(actor, "account_add", username)
        with db.write(self.store.engine) as conn:
            if db.one(conn, "SELECT id FROM accounts WHERE username = :u", u=username):
                raise AccountInvalid(f"username: {username} is taken")
            conn.execute(sa.text(
                "INSERT INTO accounts (username, display_name, role, department, email, oidc_subject, password_hash, "
                "created_at) VALUES (:u, :d, :r, :dep, :e, :s, :h, :at)"),
                dict(u=username, d=display_name or username, r=role, dep=department or None, e=email or None,
                     s=oidc_subject or None, h=_hasher.hash(password) if password else None, at=db.now()))
            self.store.audit.append(conn, actor, "account_add", username,
                                    detail={"role": role, "department": department, "email": email})
            return actor_of(db.one(conn, "SELECT * FROM accounts WHERE username = :u", u=username))

    def list(self) -> pd.DataFrame:
        """Every account (never its password hash)."""
        with db.read(self.store.engine) as conn:
            return pd.DataFrame(db.rows(conn, "SELECT id, username, display_name, role, department, email, "
                                        "oidc_subject, disabled, locked_until, created_at FROM accounts ORDER BY id"))

    def get(self, username: str) -> dict | None:
        with db.read(self.store.engine) as conn:
            return db.one(conn, "SELECT * FROM accounts WHERE username = :u", u=username)

    def set_disabled(self, actor: Actor, username: str, disabled: bool = True) -> None:
        action = "account_disable" if disabled else "account_enable"
        self._require_admin(actor, action, username)
        with db.write(self.store.engine) as conn:
            if not conn.execute(sa.text("UPDATE accounts SET disabled = :d WHERE username = :u"),
                                dict(d=int(disabled), u=username)).rowcount:
                raise AccountInvalid(f"username: no account {username}")
            if disabled:  # its sessions end now
                conn.execute(sa.text("UPDATE sessions SET ended_at = :at WHERE ended_at IS NULL AND account_id = "
                                     "(SELECT id FROM accounts WHERE username = :u)"), dict(at=db.now(), u=username))
            self.store.audit.append(conn, actor, action, username)

    def set_password(self, actor: Actor, username: str, password: str) -> None:
        if len(password or "") < MIN_PASSWORD:
            raise AccountInvalid(f"password: at least {MIN_PASSWORD} characters")
        self._require_admin(actor, "account_password", username)
        with db.write(self.store.engine) as conn:
            if not conn.execute(sa.text("UPDATE accounts SET password_hash = :h, failed_logins = 0, locked_until = NULL "
                                        "WHERE username = :u"), dict(h=_hasher.hash(password), u=username)).rowcount:
                raise AccountInvalid(f"username: no account {username}")
            self.store.audit.append(conn, actor, "account_password", username)

    def verify(self, username: str, password: str, now: datetime | None = None) -> Actor:
        """Sign-in with a password: the account's Actor, or SignInFailed. Failures count; after
        LOCKOUT_ATTEMPTS the account is locked for LOCKOUT_MINUTES (every step audited)."""
        at = _utc(now)
        result: Actor | SignInFailed = SignInFailed("invalid")
        with db.write(self.store.engine) as conn:
            row = db.one(conn, "SELECT * FROM accounts WHERE username = :u", u=(username or "").strip())
            who = Actor(row["username"], row["role"]) if row else Actor((username or "")[:80], "viewer", via="none")
            if row and row["locked_until"] and row["locked_until"] > at.isoformat(timespec="microseconds"):
                self.store.audit.append(conn, who, "sign_in_failed", who.name, "refused", detail={"reason": "locked"})
                result = SignInFailed("locked", row["locked_until"])
            elif row and not row["disabled"] and row["password_hash"] and _matches(row["password_hash"], password):
                conn.execute(sa.text("UPDATE accounts SET failed_logins = 0, locked_until = NULL WHERE id = :i"),
                             dict(i=row["id"]))
                self.store.audit.append(conn, who, "sign_in", who.name)
                result = actor_of(row)
            else:
                if row is None:
                    _matches(_DUMMY, password or "")
                self._failed(conn, row, who, at)
        if isinstance(result, SignInFailed):
            raise result
        return result

    def _failed(self, conn, row: dict | None, who: Actor, at: datetime) -> None:
        """Count a failed sign-in; lock the account after LOCKOUT_ATTEMPTS."""
        self.store.audit.append(conn, who, "sign_in_failed", who.name, "refused",
                                detail={"reason": "disabled" if row and row["disabled"] else "invalid"})
        if row is None:
            return
        failures = row["failed_logins"] + 1
        locked = (at + timedelta(minutes=settings.LOCKOUT_MINUTES)).isoformat(timespec="microseconds") \
            if failures >= settings.LOCKOUT_ATTEMPTS else None
        conn.execute(sa.text("UPDATE accounts SET failed_logins = :f, locked_until = :l WHERE id = :i"),
                     dict(f=0 if locked else failures, l=locked, i=row["id"]))
        if locked:
            self.store.audit.append(conn, who, "lockout", who.name, detail={"until": locked})

    def for_identity(self, email: str | None, subject: str | None) -> Actor | None:
        """The enabled account a single sign-on identity maps to (by subject, then e-mail), or None."""
        with db.read(self.store.engine) as conn:
            row = (db.one(conn, "SELECT * FROM accounts WHERE oidc_subject = :s", s=subject) if subject else None) \
                or (db.one(conn, "SELECT * FROM accounts WHERE lower(email) = lower(:e)", e=email) if email else None)
        return actor_of(row, "oidc") if row and not row["disabled"] else None

    def admin_exists(self) -> bool:
        with db.read(self.store.engine) as conn:
            return bool(db.one(conn, "SELECT count(*) AS n FROM accounts WHERE role = 'admin' AND disabled = 0")["n"])

    def assign(self, actor: Actor, department: str, report_id: str, indicators=(), ledger=(),
               replace: bool = False) -> None:
        """What a department may report for a report: indicator ids and ledger codes (replace: only these)."""
        self._require_admin(actor, "assign", department)
        with db.write(self.store.engine) as conn:
            if replace:
                conn.execute(sa.text("DELETE FROM assignments WHERE department = :d AND report_id = :r"),
                             dict(d=department, r=report_id))
            for kind, items in (("indicator", indicators), ("ledger", ledger)):
                for item in items:
                    conn.execute(sa.text("INSERT INTO assignments VALUES (:d, :r, :k, :i) ON CONFLICT DO NOTHING"),
                                 dict(d=department, r=report_id, k=kind, i=str(item)))
            self.store.audit.append(conn, actor, "assign", department, detail={
                "report": report_id, "indicators": sorted(map(str, indicators)), "ledger": sorted(map(str, ledger)),
                "replace": replace})

    def assignments(self, department: str, report_id: str) -> dict[str, set[str]]:
        with db.read(self.store.engine) as conn:
            found = db.rows(conn, "SELECT kind, item FROM assignments WHERE department = :d AND report_id = :r",
                            d=department, r=report_id)
        return {kind: {r["item"] for r in found if r["kind"] == kind} for kind in KINDS}

    def departments(self) -> list[str]:
        with db.read(self.store.engine) as conn:
            found = db.rows(conn, "SELECT DISTINCT department FROM accounts WHERE department IS NOT NULL UNION "
                            "SELECT DISTINCT department FROM assignments ORDER BY 1")
        return [r["department"] for r in found]


def _matches(hashed: str, password: str) -> bool:
    try:
        return _hasher.verify(hashed, password or "")
    except (VerificationError, InvalidHashError):
        return False
