"""Rows: turn checked update files into table rows: a source per file, observations, ledger entries.

Each file becomes a source whose text is one line per row, its cells as written under its
own headers (第 2 行：indicator_id=land_recovered；value=2100；…), so an updated figure opens
onto its row exactly as a report figure opens onto its sentence. Identities come from the
file's content (sha256), never its name or modification time: renaming a file changes no id.
"""
from __future__ import annotations

from datetime import datetime

from common import periods
from etl.extract import Report
from etl.updates.read import Row, UpdateFile

SEPARATOR = "；"


def source_id(f: UpdateFile) -> str:
    return f"update-{f.sha256[:16]}"


def written(value) -> str:
    """A cell as a person wrote it: 2100.0 -> 2100, a date as YYYY-MM-DD."""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(" ")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _line(row: Row) -> tuple[str, dict[str, int]]:
    """The row as one line, and where each column's value starts in it."""
    line, starts = f"{row.where.zh}：", {}
    for i, (key, (head, value)) in enumerate(row.written.items()):
        line += (SEPARATOR if i else "") + f"{head}="
        starts[key] = len(line)
        line += written(value)
    return line, starts


def rows(report: Report, files: list[UpdateFile], tables: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """sources, observations and ledger rows for a report's clean update files (tables: the
    catalog's rows so far, for the periods changes are compared with)."""
    out = {"sources": [], "observations": [], "ledger_entries": []}
    indicators = {r.data["id"]: r.data for r in report["indicators.yml"]}
    for f in files:
        for table, extra in file_rows(report.id, f, indicators).items():
            out[table] += extra
    earlier = [o for o in tables["observations"] if o["report_id"] == report.id]
    compare_with_previous(out["observations"], earlier, indicators)
    return out


def file_rows(report_id: str, f: UpdateFile, indicators: dict) -> dict[str, list[dict]]:
    sid, lines, obs, ledger, offset = source_id(f), [], [], [], 0
    for kind, table in f.tables.items():
        for r in table:
            line, starts = _line(r)
            d = r.data
            base = {"report_id": report_id, "source_id": sid, "location": r.where.en, "submitter": d.get("submitter")}
            if kind == "indicators":
                ind = indicators[d["indicator_id"]]
                period = d.get("period")
                obs.append({**base, "obs_id": f"{report_id}:{sid}:{d['indicator_id']}:{d['as_of']}",
                            "indicator_id": d["indicator_id"], "measure_code": None, "value": d["value"],
                            "value_date": None, "value_text": written(r.written["value"][1]),
                            "qualifier": d["qualifier"], "unit": ind["unit"], "baseline_value": None,
                            "baseline_unit": None, "baseline_text": None,
                            "period": period.code if period else None, "as_of": d["as_of"], "quote": line,
                            "quote_offset": offset, "value_offset": offset + starts["value"],
                            "note": SEPARATOR.join(str(d[k]) for k in ("source", "evidence", "note") if d.get(k))})
            else:
                ledger.append({**base, "entry_id": f"{sid}:{d['code']}", "code": str(d["code"]), "level": d["level"],
                               "status": d["status"], "responsible_unit": d.get("responsible_unit"),
                               "responsible_leader": d.get("responsible_leader"), "deadline": d["deadline"],
                               "completed_on": d["completed_on"], "signed_off_on": d["signed_off_on"],
                               "as_of": d["as_of"], "evidence": d.get("evidence"), "note": d.get("note"),
                               "quote_offset": offset, "quote": line})
            lines.append(line)
            offset += len(line) + 1
    return {"sources": [_source(report_id, f, sid, "\n".join(lines), obs + ledger)],
            "observations": obs, "ledger_entries": ledger}


def _source(report_id: str, f: UpdateFile, sid: str, text: str, entries: list[dict]) -> dict:
    """The file as a source: published and as of the newest date its rows give (every row gives one)."""
    as_of = max(e["as_of"] for e in entries)
    submitters = ", ".join(sorted({e["submitter"] for e in entries if e.get("submitter")}))
    return {"report_id": report_id, "source_id": sid, "kind": "update", "title": f.path.name,
            "title_en": f.path.name, "publisher": submitters or "部门报送",
            "publisher_en": submitters or "department update", "published": as_of, "as_of": as_of,
            "language": "zh", "file_name": f.path.name, "bytes": len(f.raw), "sha256": f.sha256, "url": None,
            "text": text}


def compare_with_previous(new: list[dict], earlier: list[dict], indicators: dict) -> None:
    """A change reported for a period without saying against what is a change on the indicator's
    previous reported period (the template says so): '2025Q1' -> '2025Q1 vs 2024Q3'."""
    spans: dict[str, list[periods.Span]] = {}
    for o in earlier + new:
        if o.get("period") and indicators[o["indicator_id"]]["kind"] == "change":
            spans.setdefault(o["indicator_id"], []).append(periods.parse(o["period"]).span)
    for o in new:
        if not o.get("period") or indicators[o["indicator_id"]]["kind"] != "change":
            continue
        period = periods.parse(o["period"])
        if period.base is None:
            before = [s for s in spans[o["indicator_id"]] if s < period.span and s.kind == period.span.kind]
            if before:
                o["period"] = periods.Period(period.span, max(before)).code
