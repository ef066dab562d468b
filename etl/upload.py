"""An update file uploaded through the app: check it alone, then save it and rebuild.

Nothing is saved unless the file has no problems, and a build that fails with the new
file in place (say, it conflicts with an earlier file) takes the file out again, so the
folder and the database stay as they were.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from common import settings
from etl import cli, updates
from etl.extract import read_catalog
from etl.problems import Problem


def accept(name: str, data: bytes) -> list[Problem]:
    """Check an uploaded file; if clean, save it into the updates folder and rebuild."""
    name = Path(name).name  # never a path from the client
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        _, problems = updates.read_and_check([path], read_catalog(settings.CATALOG_DIR))
    if problems:
        return problems
    target = settings.UPDATES_DIR / name
    if target.exists():
        return [Problem(name, "whole file", "file name", name, "a file with this name is already loaded",
                        "rename the file (for example add the date) and upload it again")]
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(f".{name}.part")
    part.write_bytes(data)
    os.replace(part, target)
    problems = cli.build_quietly(settings.DB_PATH)
    if problems:
        target.unlink()
    return problems
