"""Validate: every rule over sources, vocabulary and each report's catalog; collect all problems,
never stop early."""
from __future__ import annotations

from datetime import date

from etl import layout, provenance, report_rules, vocabulary
from etl.extract import Catalog, Report, Source
from etl.problems import Problem, where
from etl.schema import SCHEMA, check_record

META_REQUIRED = {"id": str, "kind": str, "file": str, "title": str, "publisher": str,
                 "published": date, "as_of": date, "language": str, "bytes": int, "sha256": str}
# (file, field, catalog file holding the referenced keys, its key field): within one report
REFERENCES = [
    ("problems.yml", "area_no", "areas.yml", "no"),
    ("measures.yml", "problem_code", "problems.yml", "code"),
    ("indicators.yml", "problem_code", "problems.yml", "code"),
    ("observations.yml", "indicator_id", "indicators.yml", "id"),
    ("observations.yml", "measure_code", "measures.yml", "code"),
]


def validate(sources: list[Source], catalog: Catalog) -> list[Problem]:
    """All problems in the sources, the vocabulary and every report, sorted by file and position."""
    found = [Problem(f, "file", "-", None, msg, "restore or correct the file") for f, msg in catalog.errors]
    for source in sources:
        found += check_source(source)
    found += vocabulary.check(catalog.vocabulary, catalog.vocabulary_file)
    vocab = vocabulary.read(catalog.vocabulary)
    for report in catalog.reports:
        found += check_report(report, sources, vocab)
    found += check_across_reports(catalog, sources)
    return sorted(found, key=Problem.sort_key)


def check_report(report: Report, sources: list[Source], vocab) -> list[Problem]:
    """One report's catalog: fields, keys, references, its words against its sources, its layout."""
    found = [Problem(f, "file", "-", None, msg, "restore or correct the file") for f, msg in report.errors]
    for name, records in report.records.items():
        for r in records:
            found += check_record(name, r.file, r.index, r.data, vocab)
        found += check_unique(name, records)
    found += check_references(report, {s.meta.get("id") for s in sources})
    found += provenance.check(sources, report)
    found += report_rules.check(report)
    found += layout.check(report)
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


def check_references(report: Report, source_ids: set) -> list[Problem]:
    """Every reference points at an entry of the same report, and every quote at its report's source."""
    found = []
    for name, field, target, key in REFERENCES:
        keys = {r.data.get(key) for r in report[target]}
        for r in report[name]:
            v = r.data.get(field)
            if v is not None and v not in keys:
                found.append(Problem(r.file, where(r.index, SCHEMA[name][0], r.data), field, v,
                                     f"must name an existing {key} in {target}",
                                     f"use a {key} listed in {report.shown(target)}, or add it there first"))
    own = report.meta.get("source")
    for name in provenance.SOURCED:
        for r in report[name]:
            if r.data.get("source") not in source_ids:
                found.append(Problem(r.file, where(r.index, SCHEMA[name][0], r.data), "source",
                                     r.data.get("source"), "must name a source in data/sources/",
                                     f"use one of: {', '.join(sorted(map(str, source_ids)))}"))
            elif own is not None and r.data.get("source") != own:
                found.append(Problem(r.file, where(r.index, SCHEMA[name][0], r.data), "source",
                                     r.data.get("source"), f"this report's document is {own} (report.yml)",
                                     f"use source: {own}, or describe the other document in its own report"))
    return found


def check_across_reports(catalog: Catalog, sources: list[Source]) -> list[Problem]:
    """Observation ids are unique across reports (verdicts name them alone); a document belongs
    to one report."""
    found, seen_obs, seen_source = [], {}, {}
    for report in catalog.reports:
        for r in report["observations.yml"]:
            oid = r.data.get("id")
            if oid in seen_obs and seen_obs[oid] != report.id:
                found.append(Problem(r.file, where(r.index, "id", r.data), "id", oid,
                                     f"also used by report {seen_obs[oid]}; observation ids are unique "
                                     "across reports", "prefix the id with this report's source id"))
            seen_obs.setdefault(oid, report.id)
        src = report.meta.get("source")
        if src in seen_source:
            found.append(Problem(report.shown("report.yml"), "report", "source", src,
                                 f"already the document of report {seen_source[src]}",
                                 "one document, one report: give each report its own source"))
        seen_source.setdefault(src, report.id)
    return found
