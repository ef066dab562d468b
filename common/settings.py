"""Every setting in one place: a default, an environment override, and a line of help."""
from __future__ import annotations

import os
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _path(env: str, default: Path) -> Path:
    return Path(os.environ.get(env, default))


# Where the raw sources (and their .meta.yml) live; never edited by code.
SOURCES_DIR = _path("KPI_SOURCES_DIR", ROOT / "data" / "sources")
# Hand-kept YAML catalog: vocabulary.yml, and one folder per report (report.yml, areas,
# problems, measures, indicators, observations, exclusions, dashboard.yml).
CATALOG_DIR = _path("KPI_CATALOG_DIR", ROOT / "data" / "catalog")
# Department update files (XLSX/CSV) loaded by `python -m etl build`: one folder per report.
UPDATES_DIR = _path("KPI_UPDATES_DIR", ROOT / "data" / "updates")
# The built database the dashboard reads (rebuilt atomically by the ETL).
DB_PATH = _path("KPI_DB", ROOT / "data" / "kpi.duckdb")
# One JSON line per build attempt, successful or not (kept outside the database so a
# failed build can be logged without touching it).
BUILD_LOG = _path("KPI_BUILD_LOG", ROOT / "data" / "logs" / "builds.jsonl")
# Interface language when the URL does not say (?lang=en). (The report, when the URL does
# not say ?report=, is the newest in the database.)
DEFAULT_LANG = os.environ.get("KPI_LANG", "zh")
# The Chromium used for server-side PNG (kaleido) and slides; empty: look for chromium on
# PATH. A path that does not exist disables server-side PNG (the app says so).
CHROMIUM = os.environ.get("KPI_CHROMIUM", "")
# The store of what users write (accounts, sessions, submissions, verdicts, audit log):
# a SQLAlchemy URL; default a SQLite file in data/. Production: postgresql://user:pw@host/db.
STORE_PATH = _path("KPI_STORE", ROOT / "data" / "store.sqlite")


def store_url() -> str:
    """KPI_STORE_URL, else the SQLite file at STORE_PATH (read at call time, for tests)."""
    return os.environ.get("KPI_STORE_URL") or f"sqlite:///{STORE_PATH}"


# Browsing: "open" (anyone who reaches the server may read, the default) or "signed_in".
READ = os.environ.get("KPI_READ", "open")
# A signed-in session (built-in accounts) lasts this many hours, then the user signs in again.
SESSION_HOURS = float(os.environ.get("KPI_SESSION_HOURS", "8"))
# Sign-in: this many failed attempts lock an account for LOCKOUT_MINUTES.
LOCKOUT_ATTEMPTS = int(os.environ.get("KPI_LOCKOUT_ATTEMPTS", "5"))
LOCKOUT_MINUTES = int(os.environ.get("KPI_LOCKOUT_MINUTES", "15"))
# What one build of the database keeps beside itself: each build is a new file in
# <db>.builds/ and DB_PATH a symlink to the newest; a reader whose file turns out
# unreadable falls back to the newest good one. This many are kept.
KEEP_BUILDS = int(os.environ.get("KPI_KEEP_BUILDS", "3"))
# The build worker (python -m etl worker) looks for new inputs this often (seconds), and
# retries a build that failed while writing (a full disk) after WORKER_RETRY_S.
WORKER_POLL_S = float(os.environ.get("KPI_WORKER_POLL", "2"))
WORKER_RETRY_S = float(os.environ.get("KPI_WORKER_RETRY", "60"))
# Limits on what a user sends (a department's file): refused beyond these, before parsing.
MAX_UPLOAD_BYTES = int(float(os.environ.get("KPI_MAX_UPLOAD_MB", "5")) * 1024 * 1024)
MAX_XLSX_UNCOMPRESSED = int(float(os.environ.get("KPI_MAX_XLSX_MB", "8")) * 1024 * 1024)  # all members inflated
MAX_XLSX_MEMBERS = int(os.environ.get("KPI_MAX_XLSX_MEMBERS", "200"))
MAX_ROWS = int(os.environ.get("KPI_MAX_ROWS", "5000"))        # rows of one file
MAX_CELL = int(os.environ.get("KPI_MAX_CELL", "2000"))        # characters in one cell
# How long a write waits for another writer holding the store's lock before saying "busy".
STORE_BUSY_TIMEOUT_S = float(os.environ.get("KPI_STORE_BUSY_TIMEOUT", "10"))
# Ledger warning lights: amber when a deadline is this many days away or fewer.
# A tile's source popover lists this many older values (the spot-check page lists them all).
EARLIER_SHOWN = int(os.environ.get("KPI_EARLIER_SHOWN", "12"))
AMBER_DAYS = int(os.environ.get("KPI_AMBER_DAYS", "10"))


def today() -> date:
    """Today, or KPI_TODAY (YYYY-MM-DD) to fix it for tests and demos."""
    fixed = os.environ.get("KPI_TODAY")
    return date.fromisoformat(fixed) if fixed else date.today()
