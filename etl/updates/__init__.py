"""Department updates, one pipeline in steps that read in order:
read (files into rows) -> check (what rows must say) -> rows (table rows) -> etl.load.

A report's updates are the files of its folder, data/updates/<report id>/ (put there by the
server's operator: trusted, like the catalog), and the submissions a checker has accepted
(from the store). Rules that span files (two files giving different values for the same
figure, the same content twice) are here.
"""
from __future__ import annotations

from pathlib import Path

from common import settings
from etl.extract import Catalog, Report, display_path
from etl.problems import Problem
from etl.updates import rows as _rows
from etl.updates.check import Known, check_file
from etl.updates.messages import say
from etl.updates.read import WHOLE_FILE, UpdateFile, read_bytes, read_update
from etl.updates.rows import source_id  # noqa: F401  (the build's checksums name update files by it)
from etl.vocabulary import Vocabulary
from etl.vocabulary import read as read_vocabulary

IGNORED = ("README.md", ".gitkeep")
# Excel's lock file while someone has a workbook open (~$name.xlsx) is not an update.
LOCK_PREFIX = "~$"


def folder(report_id: str, root: Path | None = None) -> Path:
    """Where a report's update files live."""
    return Path(root or settings.UPDATES_DIR) / report_id


def update_paths(directory: Path) -> list[Path]:
    """The files a build loads from a folder: all but hidden files, lock files and its README."""
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if p.is_file() and not p.name.startswith((".", LOCK_PREFIX))
                  and p.name not in IGNORED)


def read_and_check(paths: list[Path], report: Report, vocabulary: Vocabulary,
                   shown: dict[Path, str] | None = None) -> tuple[list[UpdateFile], list[Problem]]:
    """Every file read and checked against its report; all their problems, and those between files."""
    return check_all([read_update(p, (shown or {}).get(p)) for p in paths], report, vocabulary)


def check_all(files: list[UpdateFile], report: Report, vocabulary: Vocabulary) -> tuple[list[UpdateFile], list[Problem]]:
    """Files already read, checked against their report; all problems, and those between files."""
    known = Known.from_report(report, vocabulary)
    for f in files:
        if not f.problems:
            check_file(f, known)
    problems = [p for f in files for p in f.problems]
    clean = [f for f in files if not f.problems]
    return files, problems + repeats(clean) + conflicts(clean)


def read_all(catalog: Catalog, root: Path | None = None,
             extra: dict[str, list[UpdateFile]] | None = None) -> tuple[dict[str, list[UpdateFile]], list[Problem]]:
    """Every report's updates (its folder's files, its accepted submissions, and extra files to
    try with them), checked; files outside a report's folder are refused."""
    root = Path(root or settings.UPDATES_DIR)
    vocabulary = read_vocabulary(catalog.vocabulary)
    accepted, problems = submitted(catalog)
    files, problems = {}, problems + stray(root, catalog)
    for report in catalog.reports:
        mine = [read_update(p) for p in update_paths(folder(report.id, root))]
        mine += accepted.get(report.id, []) + (extra or {}).get(report.id, [])
        files[report.id], found = check_all(mine, report, vocabulary)
        problems += found
    return files, problems


def submitted(catalog: Catalog) -> tuple[dict[str, list[UpdateFile]], list[Problem]]:
    """Each report's accepted submissions from the store, read (none while there is no store)."""
    import store

    try:
        db = store.open_store()
    except store.StoreMissing:
        return {}, []
    except store.StoreCorrupt as exc:
        return {}, [Problem(db_shown(), "whole file", "store", None, str(exc),
                            "repair or restore the store; accepted submissions are read from it")]
    return {r.id: [read_bytes(name, data, f"submission {sid}: {name}") for sid, name, data in db.submissions.accepted(r.id)]
            for r in catalog.reports}, []


def db_shown() -> str:
    import store

    return store.shown()


def stray(root: Path, catalog: Catalog) -> list[Problem]:
    """Files straight in data/updates/ (or in a folder of no report) belong to no report."""
    ids = {r.id for r in catalog.reports}
    loose = update_paths(root) + [p for d in sorted(root.iterdir()) if d.is_dir() and d.name not in ids
                                  for p in update_paths(d)] if root.is_dir() else []
    folders = ", ".join(display_path(folder(i, root)) + "/" for i in sorted(ids))
    return [Problem(display_path(p), WHOLE_FILE, say("field.folder"), display_path(p.parent),
                    say("outside_report"), say("outside_report.fix", folders=folders)) for p in loose]


def repeats(files: list[UpdateFile]) -> list[Problem]:
    """The same content twice (under two names) would load twice."""
    first, found = {}, []
    for f in files:
        if f.sha256 in first:
            found.append(Problem(f.shown, WHOLE_FILE, say("field.file_name"), f.path.name,
                                 say("same_content", other=first[f.sha256]), say("same_content.fix")))
        first.setdefault(f.sha256, f.path.name)
    return found


def conflicts(files: list[UpdateFile]) -> list[Problem]:
    """The same indicator and as-of reported with different values by two clean files
    (repeats inside one file are the row rules' business)."""
    first, found = {}, []
    for f in files:
        for row in f.tables.get("indicators", []):
            key, value = (row.data["indicator_id"], row.data["as_of"]), row.data["value"]
            if key in first and first[key][0] != f.shown and first[key][1] != value:
                found.append(Problem(f.shown, row.where, "value", f"{value:g}",
                                     say("conflict", id=key[0], as_of=key[1], value=f"{first[key][1]:g}",
                                         file=first[key][0]), say("conflict.fix")))
            first.setdefault(key, (f.shown, value))
    return found


def table_rows(report: Report, files: list[UpdateFile], tables: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """Table rows of a report's clean update files."""
    return _rows.rows(report, files, tables)
