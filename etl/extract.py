"""Extract: read raw sources, the vocabulary and each report's catalog as they are, without judging them.

data/catalog/vocabulary.yml is shared; every other folder of data/catalog/ that holds a
report.yml is one report's catalog (its folder name is the report's id).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from common.settings import ROOT

VOCABULARY_FILE = "vocabulary.yml"
LIST_FILES = ("areas.yml", "problems.yml", "measures.yml", "indicators.yml", "observations.yml", "exclusions.yml")
MAPPING_FILES = ("report.yml", "dashboard.yml")


@dataclass
class Source:
    """A raw source file, its metadata, and what its bytes really are."""
    meta_file: str
    meta: dict
    data_file: str
    raw: bytes | None  # None when the file named by the metadata is missing
    sha256: str | None = None
    text: str | None = None


@dataclass
class Record:
    """One entry of a catalog file, remembering where it came from."""
    file: str
    index: int
    data: dict


@dataclass
class Report:
    """One report's catalog: its list files as records, report.yml and dashboard.yml as mappings."""
    id: str                      # the folder's name
    folder: str                  # as the user should see it
    records: dict[str, list[Record]] = field(default_factory=dict)
    documents: dict[str, dict] = field(default_factory=dict)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (file, message)

    def __getitem__(self, name: str) -> list[Record]:
        return self.records.get(name, [])

    @property
    def meta(self) -> dict:
        """report.yml (empty when missing or unreadable)."""
        return self.documents.get("report.yml", {})

    @property
    def layout(self) -> dict:
        """dashboard.yml (empty when missing or unreadable)."""
        return self.documents.get("dashboard.yml", {})

    def shown(self, name: str) -> str:
        return f"{self.folder}/{name}"


@dataclass
class Catalog:
    vocabulary: dict = field(default_factory=dict)
    vocabulary_file: str = ""
    reports: list[Report] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (file, message)

    def report(self, report_id: str) -> Report | None:
        return next((r for r in self.reports if r.id == report_id), None)


def display_path(path: Path) -> str:
    """A path as the user should see it: relative to the project where possible."""
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def read_sources(directory: Path) -> list[Source]:
    """Every `*.meta.yml` in the directory with the file it describes."""
    sources = []
    for meta_path in sorted(directory.glob("*.meta.yml")):
        meta = yaml.safe_load(meta_path.read_text(encoding="utf-8")) or {}
        data_path = meta_path.with_name(str(meta.get("file", "")))
        raw = data_path.read_bytes() if data_path.is_file() else None
        source = Source(display_path(meta_path), meta, display_path(data_path), raw)
        if raw is not None:
            source.sha256 = hashlib.sha256(raw).hexdigest()
            try:
                source.text = raw.decode("utf-8")
            except UnicodeDecodeError:
                source.text = None
        sources.append(source)
    return sources


def read_catalog(directory: Path) -> Catalog:
    """The vocabulary and every report folder; unreadable files become errors."""
    catalog = Catalog(vocabulary_file=display_path(directory / VOCABULARY_FILE))
    vocabulary, error = _load(directory / VOCABULARY_FILE, dict)
    if error:
        catalog.errors.append((catalog.vocabulary_file, error))
    catalog.vocabulary = vocabulary or {}
    folders = sorted(p for p in directory.iterdir() if p.is_dir() and (p / "report.yml").is_file()) \
        if directory.is_dir() else []
    if not folders:
        catalog.errors.append((display_path(directory), "holds no report folder (a folder with a report.yml)"))
    catalog.reports = [read_report(folder) for folder in folders]
    return catalog


def read_report(folder: Path) -> Report:
    """One report folder: list files as records, report.yml and dashboard.yml as mappings."""
    report = Report(folder.name, display_path(folder))
    for name in LIST_FILES:
        entries, error = _load(folder / name, list)
        if error:
            report.errors.append((report.shown(name), error))
        else:
            report.records[name] = [Record(report.shown(name), i, e) for i, e in enumerate(entries)]
    for name in MAPPING_FILES:
        document, error = _load(folder / name, dict)
        if error:
            report.errors.append((report.shown(name), error))
        else:
            report.documents[name] = document
    return report


def _load(path: Path, shape: type) -> tuple[object, str | None]:
    """(content, None) or (None, why it cannot be used); lists must hold mappings."""
    if not path.is_file():
        return None, "file is missing"
    try:
        content = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        return None, f"is not valid YAML: {exc}".replace("\n", " ")
    content = shape() if content is None else content
    if shape is list and (not isinstance(content, list) or not all(isinstance(e, dict) for e in content)):
        return None, "must be a YAML list of mappings"
    if shape is dict and not isinstance(content, dict):
        return None, "must be a YAML mapping (key: value lines)"
    return content, None
