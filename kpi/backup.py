"""python -m kpi backup / restore: everything that cannot be rebuilt from git and the sources.

That is the store (accounts, sessions, submissions and their review, verdicts, the audit log),
the update files operators put in data/updates/, and the build log. The database is not in a
backup: `python -m etl build` makes it again from these. A backup is a folder:

    kpi-backup-20261130T160000Z/
      manifest.json        what is inside, each file's size and sha256, the store's rows per table
      store/<table>.jsonl  the store, portable (restores into SQLite or PostgreSQL)
      updates/…            data/updates/ as it was
      logs/builds.jsonl    the build log

Restore checks every file against the manifest first, then writes into a new store only; what
was in the way (an old store file, update folder, build log) is moved aside, never deleted.
"""
from __future__ import annotations

import hashlib
import json
import shutil
from datetime import datetime, timezone
from pathlib import Path

import store
from common import settings
from store import db as store_db
from store import portable

FORMAT = "kpi-backup-1"


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _stamp() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def backup(out: Path) -> Path:
    """Write a new backup folder inside out; its path. StoreMissing/StoreCorrupt when the store
    cannot be read (a backup without the store would not be one)."""
    db = store.open_store()
    folder = out / f"kpi-backup-{_stamp()}"
    partial = folder.with_name(folder.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    counts = portable.dump(db, partial / "store")
    if settings.UPDATES_DIR.is_dir():
        shutil.copytree(settings.UPDATES_DIR, partial / "updates")
    if settings.BUILD_LOG.exists():
        (partial / "logs").mkdir(parents=True)
        shutil.copy2(settings.BUILD_LOG, partial / "logs" / "builds.jsonl")
    files = {p.relative_to(partial).as_posix(): {"bytes": p.stat().st_size, "sha256": _sha256(p)}
             for p in sorted(partial.rglob("*")) if p.is_file()}
    manifest = {"format": FORMAT, "created_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                "store": {"url": db.shown, "rows": counts}, "files": files}
    (partial / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    partial.rename(folder)  # a backup folder without .partial is complete
    db.audit.record(_operator(), "backup", str(folder), detail={"rows": counts, "files": len(files)})
    return folder


def _operator():
    from kpi.cli_store import operator

    return operator()


def verify(folder: Path) -> list[str]:
    """What is wrong with a backup folder (missing, changed or extra files), or nothing."""
    manifest_path = folder / "manifest.json"
    if not manifest_path.exists():
        return [f"{manifest_path} is missing: not a backup folder (or an unfinished one)"]
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT:
        return [f"{manifest_path}: format {manifest.get('format')!r}, expected {FORMAT}"]
    wrong = []
    for name, want in manifest["files"].items():
        path = folder / name
        if not path.is_file():
            wrong.append(f"{name}: missing")
        elif path.stat().st_size != want["bytes"] or _sha256(path) != want["sha256"]:
            wrong.append(f"{name}: changed since the backup (sha256 differs)")
    extra = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()} - set(manifest["files"]) \
        - {"manifest.json"}
    wrong += [f"{name}: not in the manifest" for name in sorted(extra)]
    return wrong


def restore(folder: Path) -> list[str]:
    """Restore a verified backup; what was done, line by line. Raises ValueError (with every
    problem) when the folder does not verify, FileExistsError when a non-SQLite store is not empty."""
    wrong = verify(folder)
    if wrong:
        raise ValueError("the backup does not verify; nothing was restored:\n  " + "\n  ".join(wrong))
    done, stamp = [], _stamp()
    url = settings.store_url()
    path = store_db.sqlite_path(url)
    moved = _move_store(path, path.with_name(f"{path.name}.before-restore-{stamp}")) if path and path.exists() else None
    if moved:
        done.append(f"moved the existing store aside to {moved}")
    try:
        counts = portable.load(url, folder / "store")
    except BaseException:
        if moved:  # put the old store back as it was
            for suffix in ("", "-wal", "-shm"):
                Path(str(path) + suffix).unlink(missing_ok=True)
            _move_store(moved, path)
        raise
    done.append(f"restored the store at {store_db.sa.engine.make_url(url).render_as_string(hide_password=True)}: "
                + ", ".join(f"{n} {t}" for t, n in counts.items()))
    for source, target in ((folder / "updates", settings.UPDATES_DIR), (folder / "logs" / "builds.jsonl",
                                                                         settings.BUILD_LOG)):
        if target.exists():
            aside = target.with_name(f"{target.name}.before-restore-{stamp}")
            target.rename(aside)
            done.append(f"moved {target} aside to {aside}")
        if source.is_dir():
            shutil.copytree(source, target)
        elif source.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
        else:
            continue
        done.append(f"restored {target}")
    store.open_store(url).audit.record(_operator(), "restore", str(folder), detail={"rows": counts})
    done.append("now rebuild the database from it: python -m etl build  (or make db)")
    return done


def _move_store(path: Path, to: Path) -> Path:
    """Move a SQLite store with its -wal and -shm files."""
    for suffix in ("", "-wal", "-shm"):
        if Path(str(path) + suffix).exists():
            Path(str(path) + suffix).rename(Path(str(to) + suffix))
    return to
