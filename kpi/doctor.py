"""python -m kpi doctor: is this server fit to serve? One line per check, with what to do.

    OK    database   data/kpi.duckdb: build of 2026-11-30 15:40 UTC, schema 3, 2 earlier builds kept
    FAIL  store      no store at data/store.sqlite  ->  python -m kpi store init

Exit status 1 when a check fails (WARN does not fail).
"""
from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from common import builds, settings
from common.errors import DATABASE_SCHEMA, DatabaseMissing, DatabaseUnreadable

# Free space below these fails / warns (a build needs room for one more database file).
FAIL_FREE_MB = 100
WARN_FREE_MB = 500
REBUILD = "make db  (or: python -m etl build)"


@dataclass(frozen=True)
class Check:
    level: str   # OK, WARN, FAIL
    name: str
    detail: str
    todo: str = ""

    def line(self) -> str:
        return f"{self.level:<5} {self.name:<10} {self.detail}" + (f"  ->  {self.todo}" if self.todo else "")


def database() -> list[Check]:
    path = settings.DB_PATH
    try:
        chosen = builds.choose(path)
    except DatabaseMissing:
        return [Check("FAIL", "database", f"{path} does not exist", REBUILD)]
    except DatabaseUnreadable as exc:
        return [Check("FAIL", "database", str(exc).split(";")[0], REBUILD)]
    kept = len(builds.newest_first(path)) - 1
    found = [Check("WARN", "database", f"{chosen.bad} cannot be read ({chosen.why}); pages show the build of "
                                       f"{builds.built_at(chosen.path)} UTC", REBUILD) if chosen.fallback else
             Check("OK", "database", f"{path}: build of {builds.built_at(chosen.path)} UTC, schema "
                                     f"{DATABASE_SCHEMA}, {max(kept, 0)} earlier build(s) kept")]
    last = _last_build_attempt()
    if last and last.get("outcome") != "ok":
        found.append(Check("WARN", "build", f"the last build attempt ({last.get('at')}) failed: "
                                            f"{last.get('error') or str(last.get('problems', '?')) + ' problem(s)'}",
                           f"python -m etl check, then {REBUILD}"))
    return found


def _last_build_attempt() -> dict | None:
    if not settings.BUILD_LOG.exists():
        return None
    lines = [line for line in settings.BUILD_LOG.read_text(encoding="utf-8").splitlines() if line.strip()]
    builds_only = [json.loads(line) for line in lines if '"command": "build"' in line]
    return builds_only[-1] if builds_only else None


def the_store() -> list[Check]:
    import store

    try:
        db = store.open_store()
    except store.StoreMissing:
        return [Check("FAIL", "store", f"no store at {store.shown()}", store.INIT_HINT)]
    except store.StoreCorrupt as exc:
        return [Check("FAIL", "store", str(exc).split(". ")[0], "restore it: python -m kpi restore BACKUP_DIR")]
    try:
        with store.db.write(db.engine) as conn:  # take the write lock, write nothing
            conn.exec_driver_sql("SELECT 1")
    except store.StoreUnavailable as exc:
        return [Check("FAIL", "store", f"{db.shown} cannot be written to: {exc}",
                      "free disk space or make it writable; if busy, find the process holding it")]
    admins = db.accounts.admin_exists()
    return [Check("OK" if admins else "WARN", "store", f"{db.shown}: readable and writable"
                  + ("" if admins else "; no admin account yet"),
                  "" if admins else "python -m kpi users add admin --role admin")]


def folder(name: str, path: Path) -> list[Check]:
    """A folder the server writes to: there (or creatable), writable, with free space."""
    probe = path if path.exists() else next((p for p in path.parents if p.exists()), Path("/"))
    try:
        with tempfile.NamedTemporaryFile(dir=probe, prefix=".doctor-"):
            pass
    except OSError as exc:
        return [Check("FAIL", name, f"{probe} is not writable: {exc.strerror}", f"fix the permissions of {probe}")]
    free = shutil.disk_usage(probe).free / 2**20
    if free < FAIL_FREE_MB:
        return [Check("FAIL", name, f"{probe}: only {free:.0f} MB free", "free disk space")]
    return [Check("WARN" if free < WARN_FREE_MB else "OK", name, f"{probe}: writable, {free:,.0f} MB free",
                  "free disk space soon" if free < WARN_FREE_MB else "")]


def chromium() -> list[Check]:
    from kpi import exports

    path = exports.browser_path()
    if path is None:
        return [Check("FAIL", "chromium", "no Chromium: PNG exports and the briefing pack cannot be made",
                      exports.INSTALL_HINT)]
    return [Check("OK", "chromium", path)]


def cjk_font() -> list[Check]:
    from kpi import exports

    try:
        found = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.TimeoutExpired):
        found = ""
    families = sorted({f.split(",")[0].strip() for f in found.splitlines() if f.strip()})
    if not families:
        return [Check("FAIL", "cjk font", "no Chinese font: PNG and slides would show boxes", exports.INSTALL_HINT)]
    return [Check("OK", "cjk font", ", ".join(families[:3]) + (" …" if len(families) > 3 else ""))]


def checks() -> list[Check]:
    return (database() + the_store() + folder("updates", settings.UPDATES_DIR)
            + folder("db folder", settings.DB_PATH.parent) + chromium() + cjk_font())


def main() -> int:
    found = checks()
    for check in found:
        print(check.line())
    failed = [c for c in found if c.level == "FAIL"]
    print(f"\n{len(failed)} check(s) failed." if failed else "\nall checks passed" +
          (f" ({sum(c.level == 'WARN' for c in found)} warning(s))" if any(c.level == "WARN" for c in found) else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
