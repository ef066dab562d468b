"""Department updates as a whole: every file in data/updates/, read and checked, plus the
rules that span files (the same figure reported twice with different values)."""
from __future__ import annotations

from pathlib import Path

from etl.extract import Catalog
from etl.intake import UpdateFile, read_update
from etl.problems import Problem
from etl.update_rules import Known, check_file

IGNORED = ("README.md", ".gitkeep")
# Excel's lock file while someone has a workbook open (~$name.xlsx) is not an update.
LOCK_PREFIX = "~$"


def update_paths(directory: Path) -> list[Path]:
    """The files a build loads: everything in the folder but hidden files and its README."""
    if not directory.is_dir():
        return []
    return sorted(p for p in directory.iterdir() if p.is_file() and not p.name.startswith((".", LOCK_PREFIX))
                  and p.name not in IGNORED)


def read_and_check(paths: list[Path], catalog: Catalog) -> tuple[list[UpdateFile], list[Problem]]:
    """Every file read and checked; all their problems, and the conflicts between files."""
    known = Known.from_catalog(catalog)
    files = [read_update(p) for p in paths]
    for f in files:
        if not f.problems:
            check_file(f, known)
    problems = [p for f in files for p in f.problems]
    return files, problems + conflicts([f for f in files if not f.problems])


def conflicts(files: list[UpdateFile]) -> list[Problem]:
    """The same indicator and as-of reported with different values by two clean files
    (repeats inside one file are the row rules' business)."""
    first, found = {}, []
    for f in files:
        for row in f.tables.get("indicators", []):
            key, value = (row.data["indicator_id"], row.data["as_of"]), row.data["value"]
            if key in first and first[key][0] != f.shown and first[key][1] != value:
                found.append(Problem(f.shown, row.where, "value", f"{value:g}",
                                     f"{key[0]} as of {key[1]} is {first[key][1]:g} in {first[key][0]}",
                                     "agree on one value; correct or remove one of the files"))
            first.setdefault(key, (f.shown, value))
    return found
