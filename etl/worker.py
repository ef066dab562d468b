"""The build worker: the one process that builds. `python -m etl worker` (make run starts it
beside the app; deploy/systemd/kpi-worker.service on a server) watches what a build is made of
(etl/inputs.py: sources, catalog, update files, the ETL's code, the store's accepted
submissions) and, when it differs from what the current build was made of, builds and
publishes a new file (etl/publish.py: a new file, then the symlink swapped atomically; the
builds before it stay, and a file a reader still has open stays readable until it closes it).
Every app process switches to the new build at its next page run (kpi/db.py one_build()).

A build whose inputs have problems is not retried until they change; one that fails while
writing (a full disk) is retried every settings.WORKER_RETRY_S. One worker per database: a
second one started on the same database says so and exits.
"""
from __future__ import annotations

import fcntl
import getpass
import signal
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from common import settings
from common.roles import Actor
from etl import cli, inputs


def actor() -> Actor:
    return Actor(f"worker:{getpass.getuser()}", "admin", via="cli")


def _say(text: str) -> None:
    print(f"{datetime.now(timezone.utc).isoformat(timespec='seconds')} worker: {text}", flush=True)


@dataclass
class Worker:
    db_path: Path
    retry_s: float = field(default_factory=lambda: settings.WORKER_RETRY_S)
    refused: str | None = None      # a fingerprint whose inputs had problems: wait for a change
    failed_at: float | None = None  # when a build last failed while writing

    def due(self) -> str | None:
        """The fingerprint to build, or None when the current build is up to date (or must wait)."""
        now = inputs.fingerprint()
        if now == inputs.built_from(self.db_path) or now == self.refused:
            return None
        if self.failed_at is not None and time.monotonic() - self.failed_at < self.retry_s:
            return None
        return now

    def step(self) -> str:
        """Build once if due: 'built', 'problems', 'failed' or 'idle'."""
        try:
            due = self.due()
        except Exception as exc:  # the store cannot be read now (its server is down, …): wait and try again
            self.failed_at = time.monotonic()
            _say(f"cannot read the inputs ({type(exc).__name__}: {str(exc)[:200]}); retrying in {self.retry_s:g} s")
            return "failed"
        if due is None:
            return "idle"
        try:
            problems = cli.build_quietly(self.db_path, actor(), {"by": "worker"})
        except Exception as exc:  # logged by build_quietly; the previous build keeps serving
            self.failed_at = time.monotonic()
            _say(f"build failed ({type(exc).__name__}: {str(exc)[:200]}); {self.db_path} unchanged, "
                 f"retrying in {self.retry_s:g} s")
            return "failed"
        self.failed_at = None
        if problems:
            self.refused = due
            _say(f"{len(problems)} problem(s) in the inputs; {self.db_path} unchanged until they change "
                 "(python -m etl check lists them)")
            return "problems"
        self.refused = None
        _say(f"built and published {self.db_path} -> {self.db_path.resolve().name}")
        return "built"


def run(db_path: Path, poll_s: float, once: bool = False, stop: threading.Event | None = None) -> int:
    """Build whenever due, polling every poll_s seconds until stopped (SIGTERM, SIGINT)."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    lock = open(db_path.with_name(db_path.name + ".worker.lock"), "w")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        print(f"python -m etl worker: another worker already builds {db_path}; this one exits.", file=sys.stderr)
        return 1
    stop = stop or threading.Event()
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: stop.set())
    worker = Worker(db_path)
    _say(f"watching the inputs of {db_path} every {poll_s:g} s")
    try:
        while not stop.is_set():
            outcome = worker.step()
            if once:
                return {"built": 0, "idle": 0}.get(outcome, 1)
            stop.wait(poll_s)
    finally:
        lock.close()
    _say("stopped")
    return 0
