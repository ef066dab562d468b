"""What a build is made from, as one fingerprint: every source, catalog and update file, the ETL's
own code, and the store's accepted submissions. Each build records the fingerprint it was made
from (its meta table, key inputs_sha256); the build worker builds when today's differs."""
from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb

from common import settings

CODE = (Path(__file__).resolve().parent, settings.ROOT / "common")
KEY = "inputs_sha256"


def files() -> list[tuple[str, Path]]:
    """(label, path) of every file a build reads, in a stable order."""
    found = []
    for label, root in (("sources", settings.SOURCES_DIR), ("catalog", settings.CATALOG_DIR),
                        ("updates", settings.UPDATES_DIR), *((f"code:{c.name}", c) for c in CODE)):
        if Path(root).is_dir():
            found += [(f"{label}/{p.relative_to(root).as_posix()}", p) for p in sorted(Path(root).rglob("*"))
                      if p.is_file() and "__pycache__" not in p.parts and not p.name.startswith(".")]
    return found


def accepted() -> list[tuple[int, str]]:
    """(id, sha256) of every accepted submission (none while there is no store)."""
    import store

    try:
        listing = store.open_store().submissions.listing(state="accepted")
    except store.StoreMissing:
        return []
    return sorted(zip(listing["id"].astype(int), listing["sha256"]))


_hashes: dict[Path, tuple[tuple, str]] = {}  # path -> ((mtime, size, inode), sha256): read again only when changed


def _sha256(path: Path) -> str:
    st = path.stat()
    seen = (st.st_mtime_ns, st.st_size, st.st_ino)
    known = _hashes.get(path)
    if known is None or known[0] != seen:
        known = _hashes[path] = (seen, hashlib.sha256(path.read_bytes()).hexdigest())
    return known[1]


def fingerprint() -> str:
    h = hashlib.sha256()
    for label, path in files():
        h.update(f"{label}\0{_sha256(path)}\n".encode())
    for sid, sha in accepted():
        h.update(f"submission {sid}\0{sha}\n".encode())
    return h.hexdigest()


def built_from(db_path: Path) -> str | None:
    """The fingerprint the build db_path points to was made from (None: no build, or none recorded)."""
    target = db_path.resolve() if db_path.exists() else None
    if target is None:
        return None
    try:
        with duckdb.connect(str(target), read_only=True) as con:
            found = con.execute("SELECT value FROM meta WHERE key = ?", [KEY]).fetchall()
    except duckdb.Error:
        return None  # unreadable: build again
    return found[0][0] if found else None
