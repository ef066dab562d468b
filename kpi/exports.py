"""Exports: a chart's PNG, its data as CSV and XLSX, and file names; bytes out, no Streamlit.

CSV carries a UTF-8 BOM so a Chinese Excel opens it as UTF-8, not GBK. Cells that
start with = + - @ (or a tab or carriage return) get a leading apostrophe, so neither
Excel nor LibreOffice runs them as formulas.
"""
from __future__ import annotations

import contextlib
import functools
import io
import os
import re
import shutil
import threading
import warnings
from datetime import datetime

import pandas as pd
import plotly.graph_objects as go
from openpyxl import Workbook
from openpyxl.styles import Font

from common import settings
from kpi import layout, reports, vocabulary
from kpi.charts import Chart, updates_in
from kpi.text import fmt_period, fmt_row, localized, plotly_escape, t

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
INSTALL_HINT = "apt-get install -y --no-install-recommends chromium fonts-noto-cjk"
PNG_WIDTH = 1100  # CSS pixels; files are 2x this
_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\s（）()《》“”、，,。·]+')


class BrowserMissing(RuntimeError):
    """Server-side PNG needs a Chromium; none was found."""


def neutralise(value):
    """A text cell that a spreadsheet would run as a formula, made inert."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def table(chart: Chart, lang: str) -> pd.DataFrame:
    """The rows behind a chart, shaped for a spreadsheet: value, unit, qualifier, as-of, source."""
    if chart.table is not None:
        return chart.table
    rows = chart.rows
    return pd.DataFrame({
        t("export.col.indicator_id", lang): rows["indicator_id"],
        t("table.indicator", lang): [localized(r, "name", lang) for _, r in rows.iterrows()],
        t("table.value", lang): [fmt_row(r, lang) for _, r in rows.iterrows()],
        t("export.col.number", lang): rows["value"],
        t("export.col.unit", lang): rows["unit"] if lang == "zh" else rows["unit_en"],
        t("export.col.qualifier", lang): [vocabulary.word("qualifiers", q, lang) for q in rows["qualifier"]],
        t("export.col.baseline", lang): rows["baseline_value"],
        t("export.col.baseline_unit", lang): rows["baseline_unit"],
        t("table.period", lang): [fmt_period(p, lang) for p in rows["period"]],
        t("export.col.as_of", lang): [pd.Timestamp(d).date() for d in rows["as_of"]],
        t("export.col.source", lang): rows["source_title"],
        t("export.col.published", lang): [pd.Timestamp(d).date() for d in rows["source_published"]],
        t("table.quote", lang): rows["quote"],
        t("export.col.offset", lang): rows["quote_offset"],
    })


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with BOM, formula-looking cells neutralised."""
    text = frame.map(neutralise).to_csv(index=False, lineterminator="\r\n")
    return ("\ufeff" + text).encode("utf-8")


def xlsx_bytes(frame: pd.DataFrame, chart: Chart, lang: str) -> bytes:
    """A data sheet plus a 来源 (source) sheet: document, publisher, date, checksum, quotes."""
    report = reports.get(chart.report_id)
    wb = Workbook()
    data = wb.active
    data.title = t("export.sheet.data", lang)
    _write(data, [list(frame.columns)] + frame.astype(object).where(frame.notna(), None).values.tolist())
    source = wb.create_sheet(t("export.sheet.source", lang))
    meta = [[t("export.col.chart", lang), chart.title],
            [t("export.col.report", lang), report[f"title_{lang}"]],
            [t("export.col.document", lang), report["source_title"]],
            [t("export.col.publisher", lang), report["publisher"]],
            [t("export.col.published", lang), report["published"].date()],
            [t("export.col.as_of", lang), chart.as_of],
            ["sha256", report["sha256"]], []]
    files, _ = updates_in(chart.rows)
    meta += [[t("caption.updates", lang, files="、".join(files), as_of=chart.as_of)]] if files else []
    rows = chart.rows
    quotes = [[t("export.col.indicator_id", lang), t("table.quote", lang), t("export.col.offset", lang)]]
    if "quote" in rows.columns:
        quotes += rows[["indicator_id", "quote", "quote_offset"]].values.tolist()
    _write(source, meta + quotes)
    # Fixed document dates so the same database gives the same workbook contents.
    wb.properties.created = wb.properties.modified = datetime.combine(report["published"].date(), datetime.min.time())
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _write(sheet, rows: list[list]) -> None:
    for row in rows:
        sheet.append([neutralise(v) for v in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for col in sheet.columns:
        width = max((len(str(c.value)) for c in col if c.value is not None), default=8)
        sheet.column_dimensions[col[0].column_letter].width = min(60, max(10, width * 1.6))


def file_name(chart: Chart, lang: str, ext: str, ascii_only: bool = False) -> str:
    """政务服务_审批时限_2024-11-25.png; in English, or ascii_only for clients that need it,
    gov_services_approval_times_2024-11-25.png. The date is the newest as-of date drawn."""
    as_of = chart.as_of.strftime("%Y-%m-%d")
    if ascii_only or lang == "en":
        return f"{chart.page}_{chart.id.replace('.', '-')}_{as_of}.{ext}"
    page = _UNSAFE_NAME.sub("_", layout.page_title(chart.report_id, chart.page, lang)).strip("_")
    name = _UNSAFE_NAME.sub("_", chart.stem).strip("_")
    return f"{page}_{name}_{as_of}.{ext}"


# --- PNG through kaleido and Debian's Chromium -------------------------------------------

_png_lock = threading.Lock()
_server = {"started": False}


def browser_path() -> str | None:
    """The Chromium kaleido will use, or None (settings.CHROMIUM, else the usual names on PATH)."""
    if settings.CHROMIUM:
        return settings.CHROMIUM if os.path.exists(settings.CHROMIUM) else None
    return _on_path(os.environ.get("PATH", ""))


@functools.lru_cache(maxsize=4)
def _on_path(path: str) -> str | None:
    """Looked up once per PATH: every chart's download menu asks on every page run (a profile of the
    problem-areas page under load put 7% of its time in these lookups)."""
    return next(filter(None, (shutil.which(n, path=path) for n in ("chromium", "chromium-browser", "google-chrome"))),
                None)


def require_browser() -> str:
    path = browser_path()
    if path is None:
        raise BrowserMissing(f"server-side PNG needs Chromium and a CJK font; install them with: {INSTALL_HINT}")
    os.environ.setdefault("BROWSER_PATH", path)  # kaleido's browser lookup honours this
    return path


def start_browser() -> None:
    """One Chromium for every PNG until stop_browser() (~0.2 s per PNG instead of ~3 s)."""
    import kaleido

    require_browser()
    with _png_lock:
        if not _server["started"]:
            kaleido.start_sync_server(silence_warnings=True)
            _server["started"] = True


@contextlib.contextmanager
def browser():
    """A running kaleido browser for the block; left running if it already was (the app's)."""
    started_here = not _server["started"]
    start_browser()
    try:
        yield
    finally:
        if started_here:
            stop_browser()


def stop_browser() -> None:
    import kaleido

    with _png_lock:
        if _server["started"]:
            kaleido.stop_sync_server(silence_warnings=True)
            _server["started"] = False


FOOTER_PX = 36


def with_footer(fig: go.Figure, footer: str) -> go.Figure:
    """A copy of the figure, FOOTER_PX taller, with a source / as-of line along its bottom
    edge (the legend moves up to make room) and page margins for print."""
    out = go.Figure(fig)
    height = int(out.layout.height or 450) + FOOTER_PX
    bottom = (out.layout.margin.b or 70) + FOOTER_PX
    out.add_annotation(text=plotly_escape(footer), xref="paper", yref="paper", x=0, y=0, yshift=-(bottom - 10),
                       xanchor="left", yanchor="bottom", showarrow=False, font=dict(size=11, color="#5b6775"))
    out.update_layout(height=height, margin=dict(b=bottom, l=40, r=50),
                      legend=dict(yref="container", y=FOOTER_PX / height, yanchor="bottom"))
    return out


def png_bytes(fig: go.Figure, footer: str, width: int = PNG_WIDTH) -> bytes:
    """The figure as a PNG at 2x, with a footer line; needs Chromium (BrowserMissing if none)."""
    require_browser()
    framed = with_footer(fig, footer)
    with _png_lock, warnings.catch_warnings():  # kaleido's sync server renders one figure at a time
        # plotly passes default kaleido options that a running server ignores; harmless.
        warnings.filterwarnings("ignore", message="The kopts argument is ignored")
        return framed.to_image(format="png", width=width, height=framed.layout.height, scale=2)


def footer(lang: str, chart: Chart) -> str:
    """One plain-text line: the report's document, publisher, date published, as-of; and the
    department update files when the chart draws any."""
    report = reports.get(chart.report_id)
    text = t("export.footer", lang, title=report["source_title"],
             publisher=report["publisher"] if lang == "zh" else report["publisher_en"],
             published=report["published"].strftime("%Y-%m-%d"), as_of=report["document_as_of"].strftime("%Y-%m-%d"))
    files, as_of = updates_in(chart.rows)
    if files:
        text += " · " + t("caption.updates", lang, files=("、" if lang == "zh" else ", ").join(files), as_of=as_of)
    return text
