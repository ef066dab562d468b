"""Turn validated update files into rows: a source per file, observations, ledger entries.

Each file becomes a source whose text is one line per row ("sheet 指标 row 7: value=2100;
…"), so an updated figure opens onto its row exactly as a report figure opens onto its
sentence.
"""
from __future__ import annotations

from datetime import date

from etl.formats import INDICATOR_COLUMNS, LEDGER_COLUMNS
from etl.intake import UpdateFile

SHOWN = {"indicators": [k for k, c in INDICATOR_COLUMNS.items() if c[3]],
         "ledger": [k for k, c in LEDGER_COLUMNS.items() if c[3]]}


def source_id(f: UpdateFile) -> str:
    return f"update:{f.path.name}"


def _line(kind: str, row) -> str:
    cells = "; ".join(f"{k}={_text(row.data.get(k))}" for k in SHOWN[kind] if row.data.get(k) is not None)
    return f"{row.where}: {cells}"


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def rows(f: UpdateFile, indicators: dict) -> dict[str, list[tuple]]:
    """sources, observations and ledger rows for one clean update file."""
    lines, obs, ledger = [], [], []
    offset = 0
    sid = source_id(f)
    dates = [r.data["as_of"] for r in f.tables.get("indicators", [])]
    dates += [r.data[k] for r in f.tables.get("ledger", []) for k in ("completed_on", "signed_off_on")
              if r.data.get(k)]
    as_of = max(dates, default=date.fromtimestamp(f.path.stat().st_mtime))
    submitters = sorted({r.data["submitter"] for t in f.tables.values() for r in t if r.data.get("submitter")})
    for kind, table in f.tables.items():
        for r in table:
            line = _line(kind, r)
            d = r.data
            if kind == "indicators":
                value_text = _text(d["value"])
                value_at = offset + line.index(f"value={value_text}") + len("value=")
                ind = indicators[d["indicator_id"]]
                obs.append((f"{sid}:{d['indicator_id']}:{d['as_of']}", d["indicator_id"], sid, None, d["value"],
                            None, value_text, d["qualifier"], ind["unit"], None, None, None, None, d["as_of"],
                            line, offset, value_at, r.where, d.get("submitter"),
                            "; ".join(str(d[k]) for k in ("source", "evidence", "note") if d.get(k))))
            else:
                ledger.append((f"{sid}:{d['code']}", str(d["code"]), d["level"], d["status"],
                               d.get("responsible_unit"), d.get("responsible_leader"), d["deadline"],
                               d["completed_on"], d["signed_off_on"], d.get("evidence"), d.get("note"),
                               sid, r.where, d.get("submitter"), offset, line))
            lines.append(line)
            offset += len(line) + 1
    text = "\n".join(lines)
    source = (sid, "update", f.path.name, f.path.name, ", ".join(submitters) or "部门报送",
              ", ".join(submitters) or "department update", as_of, as_of, "zh", f.path.name, len(f.raw),
              f.sha256, None, text)
    return {"sources": [source], "observations": obs, "ledger_entries": ledger}
