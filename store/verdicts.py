"""The inspection team's (巡察组) verdicts on each figure: appended, never changed. A verdict is
recorded by the signed-in checker (or admin) and names the observation by obs_id, remembering
the figure and quote as checked, so that a later change asks for a re-check (kpi/verdicts.py)."""
from __future__ import annotations

import hashlib
import math
from datetime import datetime, timezone

import pandas as pd
import sqlalchemy as sa

from common.roles import Actor
from store import db

STATUSES = ("verified", "disputed", "needs_evidence")
COLUMNS = ["id", "obs_id", "status", "note", "checker", "account_id", "recorded_at", "value_text", "value",
           "quote_sha256"]


class VerdictInvalid(ValueError):
    """A verdict that cannot be recorded; the message and .field name the field."""

    def __init__(self, message: str, field: str = ""):
        super().__init__(message)
        self.field = field


class Verdicts:
    def __init__(self, store):
        self.store = store

    def record(self, actor: Actor, obs_id: str, status: str, value_text: str | None, value: float | None,
               quote: str | None, note: str = "", now: datetime | None = None) -> dict:
        """Record one verdict as the signed-in actor; refused unless a checker or admin."""
        from store import Forbidden

        if not actor.may("record_verdict"):
            self.store.audit.record(actor, "verdict", obs_id or "", "refused")
            raise Forbidden(f"{actor.name} ({actor.role}) may not record verdicts")
        if not _text(obs_id).strip():
            raise VerdictInvalid("obs_id must not be empty", "obs_id")
        if status not in STATUSES:
            raise VerdictInvalid(f"status must be one of {', '.join(STATUSES)}; got {status!r}", "status")
        at = (now or datetime.now(timezone.utc)).astimezone(timezone.utc).isoformat(timespec="microseconds")
        row = dict(obs_id=obs_id, status=status, note=_text(note), checker=actor.display_name or actor.name,
                   account_id=actor.account_id, recorded_at=at, value_text=_text(value_text), value=_number(value),
                   quote_sha256=sha(quote))
        with db.write(self.store.engine) as conn:
            stored = db.one(conn, f"INSERT INTO verdicts ({', '.join(row)}) VALUES ({', '.join(':' + k for k in row)}) "
                                  "RETURNING *", **row)
            self.store.audit.append(conn, actor, "verdict", obs_id, detail={"status": status, "id": stored["id"]})
        return stored

    def history(self, obs_id: str) -> pd.DataFrame:
        """Every verdict on one observation, oldest (lowest id) first."""
        return self._frame("SELECT * FROM verdicts WHERE obs_id = :o ORDER BY id", o=obs_id)

    def latest(self) -> pd.DataFrame:
        """The newest verdict (highest id) on each observation, one row per obs_id, by obs_id."""
        return self._frame("SELECT * FROM verdicts WHERE id IN (SELECT max(id) FROM verdicts GROUP BY obs_id) "
                           "ORDER BY obs_id")

    def log(self) -> pd.DataFrame:
        """Every verdict, in the order recorded (by id)."""
        return self._frame("SELECT * FROM verdicts ORDER BY id")

    def export(self, actor: Actor, obs_ids=None) -> pd.DataFrame:
        """The verdict log for a download (of these observations, if given): checkers and admins; audited."""
        from store import Forbidden

        if not actor.may("export_verdict_log"):
            self.store.audit.record(actor, "export_verdict_log", "", "refused")
            raise Forbidden(f"{actor.name} ({actor.role}) may not export the verdict log")
        log = self.log()
        if obs_ids is not None:
            log = log[log["obs_id"].isin(list(obs_ids))]
        self.store.audit.record(actor, "export_verdict_log", "", detail={"rows": len(log)})
        return log

    def import_rows(self, actor: Actor, rows: list[dict]) -> int:
        """Carry verdicts over from an older store file (kept as they were, ids renumbered)."""
        with db.write(self.store.engine) as conn:
            for r in rows:
                conn.execute(sa.text("INSERT INTO verdicts (obs_id, status, note, checker, account_id, recorded_at, "
                                     "value_text, value, quote_sha256) VALUES (:obs_id, :status, :note, :checker, "
                                     "NULL, :recorded_at, :value_text, :value, :quote_sha256)"), r)
            self.store.audit.append(conn, actor, "verdict", "import", detail={"rows": len(rows)})
        return len(rows)

    def _frame(self, sql: str, **params) -> pd.DataFrame:
        with db.read(self.store.engine) as conn:
            return pd.DataFrame(db.rows(conn, sql, **params), columns=COLUMNS).astype({"value": "float64"})


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def _number(value) -> float | None:
    try:
        return None if value is None or math.isnan(float(value)) else float(value)
    except (TypeError, ValueError):
        raise VerdictInvalid(f"value must be a number or None; got {value!r}", "value") from None


def sha(quote) -> str:
    return hashlib.sha256(_text(quote).encode("utf-8")).hexdigest()
