"""Validate: every rule over sources and catalog; collect all problems, never stop early."""
from __future__ import annotations

from datetime import date

from etl import provenance
from etl.extract import Catalog, Source
from etl.problems import Problem, where
from etl.schema import SCHEMA, check_record

META_REQUIRED = {"id": str, "kind": str, "file": str, "title": str, "publisher": str,
                 "published": date, "as_of": date, "language": str, "bytes": int, "sha256": str}
# (file, field, catalog file holding the referenced keys, its key field)
REFERENCES = [
    ("areas.yml", "theme", "themes.yml", "id"),
    ("problems.yml", "area_no", "areas.yml", "no"),
    ("measures.yml", "problem_code", "problems.yml", "code"),
    ("indicators.yml", "problem_code", "problems.yml", "code"),
    ("indicators.yml", "unit", "units.yml", "unit"),
    ("indicators.yml", "theme", "themes.yml", "id"),
    ("observations.yml", "indicator_id", "indicators.yml", "id"),
    ("observations.yml", "measure_code", "measures.yml", "code"),
    ("observations.yml", "baseline_unit", "units.yml", "unit"),
]


def validate(sources: list[Source], catalog: Catalog) -> list[Problem]:
    """All problems in the sources and the catalog, sorted by file and position."""
    found = [Problem(f, "file", "-", None, msg, "restore or correct the file")
             for f, msg in catalog.errors]
    for source in sources:
        found += check_source(source)
    for name, records in catalog.records.items():
        for r in records:
            found += check_record(name, r.file, r.index, r.data)
        found += check_unique(name, records)
    source_ids = {s.meta.get("id") for s in sources}
    found += check_references(catalog, source_ids)
    found += provenance.check(sources, catalog)
    return found


def check_source(s: Source) -> list[Problem]:
    """Metadata complete; the file exists, decodes, and matches its size and checksum."""
    found = []
    for f, t in META_REQUIRED.items():
        if not isinstance(s.meta.get(f), t):
            found.append(Problem(s.meta_file, "metadata", f, s.meta.get(f),
                                 "required metadata field is missing or mistyped",
                                 f"add {f} to the metadata file"))
    if s.raw is None:
        return found + [Problem(s.meta_file, "metadata", "file", s.meta.get("file"),
                                "the source file it names does not exist",
                                "put the raw file beside its metadata, named as in 'file'")]
    if s.sha256 != s.meta.get("sha256"):
        found.append(Problem(s.data_file, "whole file", "sha256", s.sha256,
                             f"bytes do not match the recorded checksum {s.meta.get('sha256')}",
                             "restore the file exactly as published (raw sources are never "
                             "edited); a new version of a document is a new source with its own metadata"))
    elif s.meta.get("bytes") != len(s.raw):
        found.append(Problem(s.meta_file, "metadata", "bytes", s.meta.get("bytes"),
                             f"the file has {len(s.raw)} bytes", f"set bytes: {len(s.raw)}"))
    if s.text is None:
        found.append(Problem(s.data_file, "whole file", "encoding", "not UTF-8",
                             "sources are read as UTF-8", "convert the capture to UTF-8 in a new source"))
    return found


def check_unique(name: str, records) -> list[Problem]:
    key_field = SCHEMA[name][0]
    if name == "exclusions.yml":
        return []  # keyed by offset; duplicates are harmless there
    seen, found = {}, []
    for r in records:
        key = r.data.get(key_field)
        if key in seen:
            found.append(Problem(r.file, where(r.index, key_field, r.data), key_field, key,
                                 f"must be unique; also used by entry {seen[key] + 1}",
                                 "give each entry its own key"))
        seen.setdefault(key, r.index)
    return found


def check_references(catalog: Catalog, source_ids: set) -> list[Problem]:
    """Every reference points at an entry that exists."""
    found = []
    for name, field, target, key in REFERENCES:
        keys = {r.data.get(key) for r in catalog[target]}
        for r in catalog[name]:
            v = r.data.get(field)
            if v is not None and v not in keys:
                found.append(Problem(r.file, where(r.index, SCHEMA[name][0], r.data), field, v,
                                     f"must name an existing {key} in {target}",
                                     f"use a {key} listed in data/catalog/{target}, or add it there first"))
    for name in provenance.SOURCED:
        for r in catalog[name]:
            if r.data.get("source") not in source_ids:
                found.append(Problem(r.file, where(r.index, SCHEMA[name][0], r.data), "source",
                                     r.data.get("source"), "must name a source in data/sources/",
                                     f"use one of: {', '.join(sorted(map(str, source_ids)))}"))
    return found
