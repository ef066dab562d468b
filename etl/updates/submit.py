"""Submissions through the app: a department's file is checked exactly as a build checks one,
its rows must lie within the department's assignment, and a clean file is stored as pending.
A checker accepts it only if the whole build stays clean with it (then the data goes live with
the next build) or returns it with a note. Every step is the acting user's, checked here on the
server and audited by the store."""
from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from common import settings
from common.roles import Actor
from etl.extract import read_catalog
from etl.problems import Problem
from etl.updates import check_all
from etl.updates.messages import say
from etl.updates.read import WHOLE_FILE, UpdateFile, read_bytes
from etl.vocabulary import read as read_vocabulary


def read_checked(report_id: str, name: str, data: bytes) -> tuple[UpdateFile, list[Problem]]:
    """An uploaded or stored file, read and checked alone against its report."""
    catalog = read_catalog(settings.CATALOG_DIR)
    report = catalog.report(report_id)
    if report is None:
        raise LookupError(f"no report {report_id!r} in {settings.CATALOG_DIR}")
    f = read_bytes(name, data)
    _, problems = check_all([f], report, read_vocabulary(catalog.vocabulary))
    return f, problems


def outside_assignment(f: UpdateFile, department: str, allowed: dict[str, set[str]]) -> list[Problem]:
    """Every row for an indicator or ledger item not assigned to the department, named."""
    found = []
    for kind, table, column in (("indicator", "indicators", "indicator_id"), ("ledger", "ledger", "code")):
        for row in f.tables.get(table, []):
            item = str(row.data.get(column))
            if item not in allowed.get(kind, set()):
                found.append(Problem(f.shown, row.where, column, item, say("not_assigned", item=item,
                                                                            department=department),
                                     say("not_assigned.fix")))
    return found


def submit(db, actor: Actor, report_id: str, name: str, data: bytes) -> tuple[list[Problem], int | None]:
    """Check a department's file and store it as pending: (problems, None) or ([], submission id).
    Raises store.Forbidden unless the actor is a submitter."""
    import store

    if not actor.may("submit_update"):
        db.audit.record(actor, "submit", name, "refused")
        raise store.Forbidden(f"{actor.name} ({actor.role}) may not submit updates")
    f, problems = read_checked(report_id, name, data)
    if not problems:
        problems = outside_assignment(f, actor.department, db.accounts.assignments(actor.department, report_id))
    if problems:
        db.audit.record(actor, "submit", name, "failed", f.sha256, {"problems": len(problems)})
        return problems, None
    try:
        return [], db.submissions.submit(actor, report_id, f.path.name, data, sum(map(len, f.tables.values())))
    except store.submissions.SubmissionRefused as exc:
        d = exc.details
        return [Problem(f.shown, WHOLE_FILE, say("field.file_name"), f.path.name,
                        say("duplicate_submission", file=d["file"], n=d["id"], state=say(f"state.{d['state']}")),
                        say("duplicate_submission.fix"))], None


class BuildFailed(RuntimeError):
    """Accepting failed while trying the build with the submission (its cause says why); nothing
    was accepted and the dashboard still reads the previous build."""


def accept(db, actor: Actor, submission_id: int) -> list[Problem]:
    """Accept a pending submission if the build stays clean with it: everything a build loads is
    read, checked and loaded into an in-memory database with it first, and only then is it marked
    accepted. The web process writes no database file: the build worker (python -m etl worker,
    started beside the app) sees the accepted submission and publishes the next build. The
    problems (nothing accepted) otherwise. Raises store.Forbidden unless a checker or admin,
    BuildFailed when the trial itself fails."""
    import store
    from etl import cli

    if not actor.may("review_submission"):
        db.audit.record(actor, "accept", f"submission {submission_id}", "refused")
        raise store.Forbidden(f"{actor.name} ({actor.role}) may not review submissions")
    row = _pending(db, actor, submission_id)
    name, data = db.submissions.content(submission_id)
    trial = {row["report_id"]: [read_bytes(name, data, f"submission {submission_id}: {name}")]}
    # One acceptance at a time per database: each is tried with every one accepted before it.
    with _accepting(settings.DB_PATH):
        try:
            problems = cli.trial(trial)
        except Exception as exc:
            raise BuildFailed(f"trying the build with submission {submission_id} failed") from exc
        if problems:
            return problems
        db.submissions.decide(actor, submission_id, "accepted")
    return []


def _pending(db, actor: Actor, submission_id: int):
    import store

    listing = db.submissions.listing()
    row = listing[listing["id"] == submission_id]
    if row.empty:
        raise store.submissions.SubmissionRefused(f"no submission #{submission_id}", "unknown")
    if row.iloc[0]["state"] != "pending":
        raise store.submissions.SubmissionRefused(f"submission #{submission_id} is {row.iloc[0]['state']}",
                                                  "not_pending")
    if row.iloc[0]["account_id"] == actor.account_id:
        raise store.submissions.SubmissionRefused("reviewed by someone other than its submitter", "own")
    return row.iloc[0]


@contextmanager
def _accepting(db_path: Path) -> Iterator[None]:
    db_path.parent.mkdir(parents=True, exist_ok=True)
    with open(db_path.with_name(db_path.name + ".accept.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield
