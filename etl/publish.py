"""Publish a build: write it as a new file in <db>.builds/ and point the database path at it
with an atomic symlink swap. A failed or killed build never touches what readers see; the
builds before it stay (KEEP_BUILDS) so a reader can fall back when the newest is unreadable."""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from common import builds


@contextmanager
def new_build(db_path: Path) -> Iterator[Path]:
    """A temporary file to write the new build to; published when the block ends without error,
    removed otherwise."""
    folder = builds.folder(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    final = _unique(folder, db_path.stem)
    tmp = folder / f".{final.name}.tmp"
    tmp.unlink(missing_ok=True)
    try:
        yield tmp
        os.replace(tmp, final)
        point(db_path, final)
    finally:
        tmp.unlink(missing_ok=True)
        Path(str(tmp) + ".wal").unlink(missing_ok=True)


def _unique(folder: Path, stem: str) -> Path:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    path, n = folder / f"{stem}-{stamp}{builds.SUFFIX}", 1
    while path.exists():
        path, n = folder / f"{stem}-{stamp}-{n}{builds.SUFFIX}", n + 1
    return path


def point(db_path: Path, target: Path) -> None:
    """Make db_path a relative symlink to target, atomically (readers see the old or the new)."""
    link = db_path.with_name(f".{db_path.name}.link")
    link.unlink(missing_ok=True)
    link.symlink_to(os.path.relpath(target, db_path.parent))
    os.replace(link, db_path)


def adopt_legacy(db_path: Path) -> None:
    """A database file from before builds were kept (a plain file, not a link) becomes the
    oldest kept build, so it stays a fallback and its history is carried."""
    if db_path.is_symlink() or not db_path.exists():
        return
    folder = builds.folder(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.fromtimestamp(db_path.stat().st_mtime, timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    target = folder / f"{db_path.stem}-{stamp}{builds.SUFFIX}"
    os.replace(db_path, target)
    point(db_path, target)


def prune(db_path: Path, keep: int) -> list[Path]:
    """Remove all but the newest `keep` builds (never the current one); the removed files.
    A reader that has one open keeps reading it: the file goes when it closes."""
    current = builds.current(db_path)
    removed = []
    for path in builds.newest_first(db_path)[max(keep, 1):]:
        if path.resolve() != current:
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed
