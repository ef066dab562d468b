"""An update file uploaded through the app: check it alone, then save it and rebuild.

Nothing is saved unless the file has no problems, and a build that fails with the new
file in place (say, it conflicts with an earlier file) takes the file out again, so the
folder and the database stay as they were.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from common import settings
from etl import updates
from etl.extract import read_catalog
from etl.problems import Problem
from etl.updates.messages import say
from etl.updates.read import WHOLE_FILE
from etl.vocabulary import read as read_vocabulary


def accept(report_id: str, name: str, data: bytes) -> list[Problem]:
    """Check an uploaded file against its report; if clean, save it into the report's folder and rebuild."""
    from etl import cli  # the build; imported here because cli imports this package

    name = Path(name).name  # never a path from the client
    catalog = read_catalog(settings.CATALOG_DIR)
    report = catalog.report(report_id)
    if report is None:
        raise ValueError(f"no report {report_id!r} in {settings.CATALOG_DIR}")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        _, problems = updates.read_and_check([path], report, read_vocabulary(catalog.vocabulary), {path: name})
    if problems:
        return problems
    target = updates.folder(report_id) / name
    if target.exists():
        return [Problem(name, WHOLE_FILE, say("field.file_name"), name, say("name_taken"), say("name_taken.fix"))]
    sha = hashlib.sha256(data).hexdigest()
    for other in updates.update_paths(target.parent):
        if hashlib.sha256(other.read_bytes()).hexdigest() == sha:
            return [Problem(name, WHOLE_FILE, say("field.file_name"), name, say("same_content", other=other.name),
                            say("same_content.fix"))]
    target.parent.mkdir(parents=True, exist_ok=True)
    part = target.with_name(f".{name}.part")
    part.write_bytes(data)
    os.replace(part, target)
    problems = cli.build_quietly(settings.DB_PATH)
    if problems:
        target.unlink()
    return problems
