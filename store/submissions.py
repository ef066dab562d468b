"""Department submissions and their review: a checked file is stored whole (who, when, sha256,
department, rows) as pending; a checker or admin accepts it (its data is loaded by the next
build) or returns it with a note the submitter sees. Only accepted data reaches the dashboard.
A submission's identity is its content, not its file name."""
from __future__ import annotations

import hashlib

import pandas as pd
import sqlalchemy as sa

from common.roles import Actor
from store import db

STATES = ("pending", "accepted", "returned")
_LAST = ("(SELECT e.event FROM submission_events AS e WHERE e.submission_id = s.id ORDER BY e.id DESC LIMIT 1)")


class SubmissionRefused(ValueError):
    """A submission, acceptance or return that cannot be made; the message says why."""

    def __init__(self, message: str, reason: str, **details):
        super().__init__(message)
        self.reason = reason  # duplicate, not_pending, own, note_missing, unknown
        self.details = details  # duplicate: file, id, state of the earlier submission


class Submissions:
    def __init__(self, store):
        self.store = store

    def _require(self, actor: Actor, action: str, audit_action: str, obj: str) -> None:
        from store import Forbidden

        if not actor.may(action):
            self.store.audit.record(actor, audit_action, obj, "refused")
            raise Forbidden(f"{actor.name} ({actor.role}) may not {action.replace('_', ' ')}")

    def submit(self, actor: Actor, report_id: str, file_name: str, content: bytes, rows: int) -> int:
        """Store a checked file as pending for the actor's department; its id. A submitter only."""
        sha = hashlib.sha256(content).hexdigest()
        self._require(actor, "submit_update", "submit", file_name)
        with db.write(self.store.engine) as conn:
            same = db.one(conn, f"SELECT s.id, s.file_name, {_LAST} AS state FROM submissions AS s WHERE "
                                f"s.report_id = :r AND s.sha256 = :h AND {_LAST} <> 'returned'", r=report_id, h=sha)
            if same:
                raise SubmissionRefused(f"the same content was submitted as {same['file_name']} (#{same['id']}, "
                                        f"{same['state']})", "duplicate", file=same["file_name"], id=same["id"],
                                        state=same["state"])
            new = db.one(conn, "INSERT INTO submissions (report_id, sha256, file_name, content, department, account_id, "
                               "rows, created_at) VALUES (:r, :h, :f, :c, :d, :a, :n, :at) RETURNING id",
                         r=report_id, h=sha, f=file_name, c=content, d=actor.department, a=actor.account_id, n=rows,
                         at=db.now())["id"]
            self._event(conn, new, "submitted", actor)
            self.store.audit.append(conn, actor, "submit", f"submission {new}: {file_name}", sha256=sha,
                                    detail={"report": report_id, "department": actor.department, "rows": rows})
        return new

    def _event(self, conn, submission_id: int, event: str, actor: Actor, note: str = "") -> None:
        conn.execute(sa.text("INSERT INTO submission_events (submission_id, event, account_id, note, at) "
                             "VALUES (:s, :e, :a, :n, :at)"),
                     dict(s=submission_id, e=event, a=actor.account_id, n=note, at=db.now()))

    def decide(self, actor: Actor, submission_id: int, event: str, note: str = "") -> None:
        """Accept or return a pending submission (a checker or admin; never their own); audited."""
        action = "accept" if event == "accepted" else "return"
        self._require(actor, "review_submission", action, f"submission {submission_id}")
        if event == "returned" and not note.strip():
            raise SubmissionRefused("a returned submission needs a note for the submitter", "note_missing")
        with db.write(self.store.engine) as conn:
            sub = db.one(conn, f"SELECT s.*, {_LAST} AS state FROM submissions AS s WHERE s.id = :i", i=submission_id)
            if sub is None:
                raise SubmissionRefused(f"no submission #{submission_id}", "unknown")
            if sub["state"] != "submitted":
                raise SubmissionRefused(f"submission #{submission_id} is already {sub['state']}", "not_pending")
            if sub["account_id"] == actor.account_id:
                raise SubmissionRefused("a submission is reviewed by someone other than its submitter", "own")
            self._event(conn, submission_id, event, actor, note.strip())
            self.store.audit.append(conn, actor, action, f"submission {submission_id}: {sub['file_name']}",
                                    sha256=sub["sha256"], detail={"note": note.strip()} if note.strip() else None)

    def listing(self, report_id: str | None = None, account_id: int | None = None,
                state: str | None = None) -> pd.DataFrame:
        """Submissions (newest first) with their state (pending, accepted, returned), submitter and
        the latest note; of one report, one submitter or one state when given. No file contents."""
        where, params = ["1 = 1"], {}
        for column, value in (("s.report_id", report_id), ("s.account_id", account_id)):
            if value is not None:
                where.append(f"{column} = :{column[2:]}")
                params[column[2:]] = value
        sql = (f"SELECT s.id, s.report_id, s.sha256, s.file_name, s.department, s.rows, s.created_at, s.account_id, "
               f"a.username, a.display_name, {_LAST} AS last_event, "
               "(SELECT e.note FROM submission_events AS e WHERE e.submission_id = s.id ORDER BY e.id DESC LIMIT 1) "
               "AS note, (SELECT e.at FROM submission_events AS e WHERE e.submission_id = s.id ORDER BY e.id DESC "
               f"LIMIT 1) AS decided_at FROM submissions AS s JOIN accounts AS a ON a.id = s.account_id "
               f"WHERE {' AND '.join(where)} ORDER BY s.id DESC")
        with db.read(self.store.engine) as conn:
            found = pd.DataFrame(db.rows(conn, sql, **params),
                                 columns=["id", "report_id", "sha256", "file_name", "department", "rows", "created_at",
                                          "account_id", "username", "display_name", "last_event", "note",
                                          "decided_at"])
        found["state"] = found["last_event"].map({"submitted": "pending", "accepted": "accepted",
                                                  "returned": "returned"})
        return found if state is None else found[found["state"] == state].reset_index(drop=True)

    def content(self, submission_id: int) -> tuple[str, bytes]:
        """A submission's file name and bytes."""
        with db.read(self.store.engine) as conn:
            row = db.one(conn, "SELECT file_name, content FROM submissions WHERE id = :i", i=submission_id)
        return row["file_name"], bytes(row["content"])

    def accepted(self, report_id: str) -> list[tuple[int, str, bytes]]:
        """(id, file name, bytes) of a report's accepted submissions, oldest first: what a build loads."""
        with db.read(self.store.engine) as conn:
            found = db.rows(conn, f"SELECT s.id, s.file_name, s.content FROM submissions AS s WHERE s.report_id = :r "
                                  f"AND {_LAST} = 'accepted' ORDER BY s.id", r=report_id)
        return [(r["id"], r["file_name"], bytes(r["content"])) for r in found]
