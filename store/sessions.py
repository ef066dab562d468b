"""Sign-in sessions of built-in accounts: a random token in an HttpOnly cookie, only its sha256
here; it lasts settings.SESSION_HOURS, survives page changes and reloads, and ends at sign-out,
when it expires, or when the account is disabled."""
from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa

from common import settings
from common.roles import Actor
from store import db
from store.accounts import actor_of


def _sha(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _at(now: datetime | None) -> datetime:
    return (now or datetime.now(timezone.utc)).astimezone(timezone.utc)


class Sessions:
    def __init__(self, store):
        self.store = store

    def start(self, actor: Actor, now: datetime | None = None) -> str:
        """A new session for a signed-in account; the token for its cookie."""
        token, at = secrets.token_urlsafe(32), _at(now)
        with db.write(self.store.engine) as conn:
            conn.execute(sa.text("INSERT INTO sessions VALUES (:t, :a, :c, :e, NULL)"), dict(
                t=_sha(token), a=actor.account_id, c=at.isoformat(timespec="microseconds"),
                e=(at + timedelta(hours=settings.SESSION_HOURS)).isoformat(timespec="microseconds")))
        return token

    def actor(self, token: str | None, now: datetime | None = None) -> Actor | None:
        """Who a cookie's token belongs to: None when unknown, ended, expired or the account disabled."""
        if not isinstance(token, str) or not token:
            return None
        with db.read(self.store.engine) as conn:
            row = db.one(conn, "SELECT a.*, s.expires_at AS expires_at, s.ended_at AS ended_at FROM sessions AS s "
                               "JOIN accounts AS a ON a.id = s.account_id WHERE s.token_sha256 = :t", t=_sha(token))
        if row is None or row["ended_at"] or row["disabled"]:
            return None
        return actor_of(row) if row["expires_at"] > _at(now).isoformat(timespec="microseconds") else None

    def end(self, token: str | None) -> Actor | None:
        """Sign out: the session ends now (audited); who it was, if anyone."""
        actor = self.actor(token)
        if actor is None:
            return None
        with db.write(self.store.engine) as conn:
            conn.execute(sa.text("UPDATE sessions SET ended_at = :at WHERE token_sha256 = :t"),
                         dict(at=db.now(), t=_sha(token)))
            self.store.audit.append(conn, actor, "sign_out", actor.name)
        return actor
