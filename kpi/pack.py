"""The briefing pack: every chart as PNG, its data as CSV and XLSX, a deck, and an index.

The same database gives the same files, except for the zip member times inside .xlsx
and .pptx (set when the zip is written) and `generated_at` in index.csv.
"""
from __future__ import annotations

import hashlib
import io
import tempfile
import time
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from kpi import charts, exports, reports
from kpi.deck import Slide, deck_bytes
from kpi.text import t

INDEX = "index.csv"


def build(report_id: str, out_dir: Path, lang: str = "zh", ascii_names: bool = False) -> list[dict]:
    """Write a report's pack into out_dir; return the index rows. Raises exports.BrowserMissing."""
    out_dir.mkdir(parents=True, exist_ok=True)
    report = reports.get(report_id)
    as_of = report["data_as_of"].strftime("%Y-%m-%d")
    entries, slides = [], []
    with exports.browser():  # one Chromium for the whole pack
        for n, chart in enumerate(charts.all_charts(report_id, lang), start=1):
            png = exports.png_bytes(chart.figure, exports.footer(lang, chart))
            frame = exports.table(chart, lang)
            files = {"png": png, "csv": exports.csv_bytes(frame),
                     "xlsx": exports.xlsx_bytes(frame, chart, lang)}
            for kind, data in files.items():
                name = f"{n:02d}_{exports.file_name(chart, lang, kind, ascii_names)}"
                entries.append(_write(out_dir, name, kind, chart.title, data))
            slides.append(Slide(chart.title, png, exports.footer(lang, chart)))
    stamp = datetime.combine(report["published"].date(), datetime.min.time())
    title = report[f"title_{lang}"]
    deck = deck_bytes(title, [report[f"zone_{lang}"], t("deck.as_of", lang, as_of=as_of),
                              _deck_source(report, lang)], slides, stamp)
    deck_name = f"{t('pack.deck', 'en' if ascii_names else lang)}_{as_of}.pptx"
    entries.append(_write(out_dir, deck_name, "pptx", title, deck))
    index = pd.DataFrame(entries)
    index["generated_at"] = datetime.now(timezone.utc).isoformat(timespec="seconds")
    (out_dir / INDEX).write_bytes(exports.csv_bytes(index))
    return entries


def _deck_source(report: dict, lang: str) -> str:
    return t("deck.source", lang, publisher=report["publisher"] if lang == "zh" else report["publisher_en"],
             title=report["source_title"], published=report["published"].strftime("%Y-%m-%d"))


def _write(out_dir: Path, name: str, kind: str, title: str, data: bytes) -> dict:
    (out_dir / name).write_bytes(data)
    return {"file": name, "kind": kind, "chart": title, "bytes": len(data),
            "sha256": hashlib.sha256(data).hexdigest()}


def zip_bytes(report_id: str, out_dir: Path) -> bytes:
    """The pack folder as one zip (member times fixed to the date the report's data is as of)."""
    as_of = reports.get(report_id)["data_as_of"]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for path in sorted(out_dir.iterdir()):
            info = zipfile.ZipInfo(path.name, date_time=(as_of.year, as_of.month, as_of.day, 0, 0, 0))
            z.writestr(info, path.read_bytes(), zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def zip_for(report_id: str, lang: str) -> tuple[bytes, int, float]:
    """A report's whole pack as one zip, built in a temporary folder: (bytes, files, seconds)."""
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        entries = build(report_id, Path(tmp), lang)
        data = zip_bytes(report_id, Path(tmp))
    return data, len(entries) + 1, time.perf_counter() - started


def zip_name(report_id: str, lang: str) -> str:
    as_of = reports.get(report_id)["data_as_of"].strftime("%Y-%m-%d")
    return f"{t('pack.name', lang)}_{as_of}.zip"
