"""Start the dashboard on a free local port, and a headless Chromium to look at it.

    with serve(db_path) as base:            # "http://127.0.0.1:PORT"
        browser = launch_browser(playwright)

Only ever talks to 127.0.0.1.
"""
from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync", "--disable-quic"]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            return r.status == 200 and r.read().strip() == b"ok"
    except (urllib.error.URLError, OSError):
        return False


@contextlib.contextmanager
def serve(db_path, port: int | None = None, timeout: float = 60.0, env: dict | None = None,
          args: tuple = (), script: str = "server.py") -> Iterator[str]:
    """Run `streamlit run server.py` (or script, relative to the project) against db_path; yield
    its base URL; stop it on exit. env adds variables (e.g. KPI_UPDATES_DIR) so a test server
    never writes into data/."""
    port = port or free_port()
    env = {**os.environ, "KPI_DB": str(db_path), "PYTHONUNBUFFERED": "1", **(env or {})}
    cmd = [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port),
           "--server.address", HOST, "--server.headless", "true", "--browser.gatherUsageStats", "false", *args]
    # stderr goes to a file, not a pipe, so a chatty server can never block on a full pipe.
    err = tempfile.TemporaryFile()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=err,
                            start_new_session=True)
    base = f"http://{HOST}:{port}"
    try:
        deadline = time.monotonic() + timeout
        while not _healthy(f"{base}/_stcore/health"):
            if proc.poll() is not None or time.monotonic() > deadline:
                err.seek(0)
                why = f"exited with {proc.returncode}" if proc.returncode is not None else f"not healthy in {timeout:g} s"
                raise RuntimeError(f"streamlit server on port {port} {why}:\n"
                                   + err.read().decode("utf-8", "replace")[-4000:])
            time.sleep(0.1)
        yield base
    finally:
        _stop(proc)
        err.close()


@contextlib.contextmanager
def worker(db_path, env: dict | None = None, poll: float = 0.5) -> Iterator[subprocess.Popen]:
    """Run the build worker (python -m etl worker) for db_path beside a test server, as make run
    does; stop it on exit. Its output goes to a file (read it from the process's .log_path)."""
    env = {**os.environ, "KPI_DB": str(db_path), "PYTHONUNBUFFERED": "1", **(env or {})}
    log = tempfile.NamedTemporaryFile(prefix="kpi-worker-", suffix=".log", delete=False)
    proc = subprocess.Popen([sys.executable, "-m", "etl", "worker", "--db", str(db_path), "--poll", str(poll)],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    proc.log_path = log.name
    try:
        yield proc
    finally:
        _stop(proc)
        log.close()
        os.unlink(log.name)


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=5)


def launch_browser(playwright):
    """Debian's Chromium, headless, with nothing phoning home."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
