"""The catalog as table rows (dicts keyed by column name): the vocabulary once, then every
report's own document and its areas, problems, measures, indicators and observations."""
from __future__ import annotations

import json
from datetime import date

from etl import vocabulary
from etl.extract import Catalog, Report, Source

VOCABULARY_TABLES = {"statuses": "status", "qualifiers": "qualifier", "kinds": "kind",
                     "directions": "direction", "themes": "theme", "units": "unit"}


def rows(sources: list[Source], catalog: Catalog) -> dict[str, list[dict]]:
    vocab = vocabulary.read(catalog.vocabulary)
    tables: dict[str, list[dict]] = {
        table: [{column: key, "name_zh": zh, "name_en": en, "sort": i}
                for i, (key, (zh, en)) in enumerate(vocab.words(table).items())]
        for table, column in VOCABULARY_TABLES.items()}
    for name in ("reports", "sources", "areas", "problems", "measures", "indicators", "observations",
                 "ledger_entries", "report_claims", "dashboards"):
        tables[name] = []
    by_id = {s.meta["id"]: s for s in sources}
    for report in catalog.reports:
        for table, extra in report_rows(report, by_id[report.meta["source"]]).items():
            tables[table] += extra
    return tables


def report_rows(report: Report, source: Source) -> dict[str, list[dict]]:
    rid, meta = report.id, report.meta
    by = {name: sorted((r.data for r in report[name]), key=lambda d: str(d.get(key)))
          for name, key in (("problems.yml", "code"), ("measures.yml", "code"), ("indicators.yml", "id"),
                            ("observations.yml", "id"))}
    indicators = {d["id"]: d for d in by["indicators.yml"]}
    return {
        "reports": [{"report_id": rid, "source_id": meta["source"], "programme_start": meta["programme_start"],
                     **{f"{name}_{lang}": meta[name][lang] for name in ("title", "zone", "dashboard", "short_title")
                        for lang in ("zh", "en")}}],
        "sources": [_source(rid, source)],
        "areas": [{"report_id": rid, "area_no": d["no"], "title_zh": d["title_zh"], "title_en": d["title_en"],
                   "theme": d["theme"], "source_id": d["source"], "quote": d["quote"], "quote_offset": d["offset"]}
                  for d in sorted((r.data for r in report["areas.yml"]), key=lambda d: d["no"])],
        "problems": [{"report_id": rid, "problem_code": d["code"], "area_no": d["area_no"],
                      "seq": int(d["code"].split(".")[-1]), "title_zh": d["title_zh"], "title_en": d["title_en"],
                      "status": "not_stated", "source_id": d["source"], "quote": d["quote"],
                      "quote_offset": d["offset"]} for d in by["problems.yml"]],
        "measures": [{"report_id": rid, "measure_code": d["code"], "problem_code": d["problem_code"],
                      "seq": int(d["code"].split(".")[-1]), "ordinal": d["ordinal"], "title_zh": d["title_zh"],
                      "summary_zh": d["summary_zh"], "summary_en": d["summary_en"], "status": "not_stated",
                      "source_id": d["source"], "quote": d["quote"], "quote_offset": d["offset"]}
                     for d in by["measures.yml"]],
        "indicators": [{"report_id": rid, "indicator_id": d["id"], "problem_code": d.get("problem_code"),
                        "name_zh": d["name_zh"], "name_en": d["name_en"], "unit": d["unit"], "kind": d["kind"],
                        "direction": d["direction"], "theme": d["theme"]} for d in by["indicators.yml"]],
        "observations": [_observation(rid, d, indicators[d["indicator_id"]]) for d in by["observations.yml"]],
        "report_claims": _claims(rid, meta),
        "dashboards": [{"report_id": rid, "spec": json.dumps(report.layout, ensure_ascii=False, default=str)}],
    }


def _source(report_id: str, s: Source) -> dict:
    m = s.meta
    return {"report_id": report_id, "source_id": m["id"], "kind": m["kind"], "title": m["title"],
            "title_en": m.get("title_en"), "publisher": m["publisher"], "publisher_en": m.get("publisher_en"),
            "published": m["published"], "as_of": m["as_of"], "language": m["language"], "file_name": m["file"],
            "bytes": len(s.raw), "sha256": s.sha256, "url": m.get("url"), "text": s.text}


def _observation(report_id: str, d: dict, indicator: dict) -> dict:
    is_date = isinstance(d["value"], date)
    return {"obs_id": d["id"], "report_id": report_id, "indicator_id": d["indicator_id"], "source_id": d["source"],
            "measure_code": d.get("measure_code"), "value": None if is_date else float(d["value"]),
            "value_date": d["value"] if is_date else None, "value_text": d["value_text"],
            "qualifier": d["qualifier"], "unit": indicator["unit"], "baseline_value": d.get("baseline_value"),
            "baseline_unit": d.get("baseline_unit"), "baseline_text": d.get("baseline_text"),
            "period": d.get("period"), "as_of": d["as_of"], "quote": d["quote"], "quote_offset": d["offset"],
            "value_offset": d["offset"] + d["quote"].find(d["value_text"]), "location": None, "submitter": None,
            "note": d.get("note")}


def _claims(report_id: str, meta: dict) -> list[dict]:
    claims = [{"report_id": report_id, "subject": subject, "role": "count", "indicator_id": indicator}
              for subject, indicator in meta.get("counts", {}).items()]
    claims += [{"report_id": report_id, "subject": subject, "role": role, "indicator_id": pair[role]}
               for subject, pair in meta.get("completion", {}).items() for role in ("done", "total")]
    return claims
