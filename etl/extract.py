"""Extract: read raw sources and the YAML catalog as they are, without judging them."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from common.settings import ROOT

CATALOG_FILES = (
    "themes.yml", "units.yml", "areas.yml", "problems.yml",
    "measures.yml", "indicators.yml", "observations.yml", "exclusions.yml",
)


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
class Catalog:
    records: dict[str, list[Record]] = field(default_factory=dict)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (file, message)

    def __getitem__(self, name: str) -> list[Record]:
        return self.records.get(name, [])


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
    """Every catalog file as a list of records; unreadable files become errors."""
    catalog = Catalog()
    for name in CATALOG_FILES:
        path = directory / name
        shown = display_path(path)
        if not path.is_file():
            catalog.errors.append((shown, "file is missing"))
            continue
        try:
            entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        except yaml.YAMLError as exc:
            catalog.errors.append((shown, f"is not valid YAML: {exc}".replace("\n", " ")))
            continue
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            catalog.errors.append((shown, "must be a YAML list of mappings"))
            continue
        catalog.records[name] = [Record(shown, i, e) for i, e in enumerate(entries)]
    return catalog
