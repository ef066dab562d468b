"""Streamlit building blocks the pages share: the frame (sidebar, language), tiles with
their source, charts with PNG download. Pages call these and never touch SQL."""
from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial

import pandas as pd
import streamlit as st

from common import settings
from kpi import charts, db, exports, facts
from kpi.plots import GOOD, good_colour
from kpi.text import (
    LANG_NAMES,
    LANGS,
    fmt_date,
    fmt_row,
    fmt_value,
    highlight,
    md_escape,
    pick,
    t,
)

log = logging.getLogger(__name__)

# (page file relative to dashboard.py, text key, icon)
PAGES = (
    ("dashboard.py", "nav.overview", ":material/dashboard:"),
    ("pages/1_problem_areas.py", "nav.areas", ":material/account_tree:"),
    ("pages/2_gov_services.py", "nav.services", ":material/account_balance:"),
    ("pages/3_environment.py", "nav.environment", ":material/eco:"),
    ("pages/4_factor_guarantees.py", "nav.factors", ":material/landscape:"),
    ("pages/5_export.py", "nav.export", ":material/download:"),
    ("pages/6_spot_check.py", "nav.spot", ":material/fact_check:"),
    ("pages/7_data_update.py", "nav.update", ":material/upload_file:"),
)


# Static CSS only (no data ever reaches it): figures wrap instead of being cut off
# with an ellipsis in narrow tiles and on phones.
STYLE = """<style>
[data-testid="stMetricValue"], [data-testid="stMetricValue"] * { white-space: normal !important;
  overflow: visible !important; text-overflow: clip !important; overflow-wrap: anywhere; }
[data-testid="stMetricValue"] { font-size: 1.7rem; line-height: 1.2; }
[data-testid="stMetricLabel"] div, [data-testid="stMetricLabel"] p { white-space: normal; overflow: visible;
  text-overflow: clip; }
</style>"""


def current_lang() -> str:
    """The language in the URL (?lang=en), else the default."""
    lang = st.query_params.get("lang", settings.DEFAULT_LANG)
    return lang if lang in LANGS else settings.DEFAULT_LANG


def _on_lang_change() -> None:
    st.query_params["lang"] = st.session_state["_lang"]


def run_page(nav_key: str, body: Callable[[str], None]) -> None:
    """Frame a page (config, sidebar, language) and draw body(lang) without ever a traceback."""
    lang = current_lang()
    st.set_page_config(page_title=f"{t(nav_key, lang)} · {t('app.short', lang)}", layout="wide",
                       page_icon=":material/fact_check:")
    # The widget follows the URL; a click writes the URL first (callback), so the choice
    # survives page changes and shared links.
    st.html(STYLE)
    st.session_state["_lang"] = lang
    st.sidebar.radio(t("lang.label", lang), LANGS, key="_lang", format_func=LANG_NAMES.get,
                     horizontal=True, on_change=_on_lang_change)
    for path, key, icon in PAGES:
        st.sidebar.page_link(path, label=t(key, lang), icon=icon, query_params={"lang": lang})
    try:
        _sidebar_source(lang)
        st.title(t(nav_key, lang))
        body(lang)
    except db.DatabaseMissing:
        st.error(t("error.no_db", lang))
    except Exception as exc:  # a page shows a message, never a traceback
        log.exception("page %s failed", nav_key)
        st.error(t("error.page", lang, error=type(exc).__name__))


def _sidebar_source(lang: str) -> None:
    r = facts.report()
    st.sidebar.divider()
    st.sidebar.caption(t("sidebar.source", lang))
    st.sidebar.markdown(md_escape(r["title"] if lang == "zh" else r["title_en"] or r["title"]))
    st.sidebar.caption(t("sidebar.published", lang, publisher=md_escape(
        r["publisher"] if lang == "zh" else r["publisher_en"] or r["publisher"]),
        d=fmt_date(r["published"], lang)))
    st.sidebar.markdown(f"**{t('sidebar.as_of', lang, d=fmt_date(r['as_of'], lang))}**")
    n_updates = facts.update_count()
    if n_updates:
        st.sidebar.caption(t("sidebar.updates", lang, n=n_updates))


def chart(c: charts.Chart, lang: str) -> None:
    """Draw a chart in our own theme (the modebar's PNG named after it, at 2x) and its downloads."""
    st.plotly_chart(c.figure, theme=None, width="stretch", key=f"chart-{c.id}", config={
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": exports.file_name(c, lang, "png")[:-4], "scale": 2},
    })
    downloads(c, lang)


def downloads(c: charts.Chart, lang: str) -> None:
    """PNG (rendered on the server), CSV and XLSX of one chart; bytes are made on click."""
    png, csv, xlsx = st.columns(3)
    if exports.browser_path():
        png.download_button(t("export.png", lang), data=partial(_png, c, lang), icon=":material/image:",
                            file_name=exports.file_name(c, lang, "png"), mime="image/png",
                            on_click="ignore", key=f"png-{c.id}", width="stretch")
    else:
        png.caption(t("export.no_browser", lang, hint=exports.INSTALL_HINT))
    csv.download_button(t("export.csv", lang), data=partial(_csv, c, lang), icon=":material/table:",
                        file_name=exports.file_name(c, lang, "csv"), mime="text/csv",
                        on_click="ignore", key=f"csv-{c.id}", width="stretch")
    xlsx.download_button(t("export.xlsx", lang), data=partial(_xlsx, c, lang), icon=":material/grid_on:",
                         file_name=exports.file_name(c, lang, "xlsx"), on_click="ignore", key=f"xlsx-{c.id}",
                         mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                         width="stretch")


def _png(c: charts.Chart, lang: str) -> bytes:
    exports.start_browser()  # one browser for the life of the server process
    return exports.png_bytes(c.figure, exports.footer(lang, c))


def _csv(c: charts.Chart, lang: str) -> bytes:
    return exports.csv_bytes(exports.table(c, lang))


def _xlsx(c: charts.Chart, lang: str) -> bytes:
    return exports.xlsx_bytes(exports.table(c, lang), c, lang)


def _delta(row: pd.Series, lang: str) -> tuple[str | None, str, str]:
    """The change against the baseline: text, colour by good direction, arrow by sign."""
    if row["kind"] == "change":
        good = good_colour(row["direction"], row["value"]) == GOOD
        return (t("delta.improved" if good else "delta.worse", lang), "blue" if good else "orange",
                "down" if row["value"] < 0 else "up")
    if pd.isna(row.get("baseline_value")):
        return None, "off", "off"
    if row["baseline_unit"] != row["unit"]:
        before = fmt_value(row["baseline_value"], "exact", row["baseline_unit"], row["baseline_unit_en"], lang)
        text = f"{before} → {fmt_row(row, lang)}"
        # Different units: the arrow follows the stated direction of the text (缩短 = shorter).
        return text, "blue" if row["direction"] == "down" else "off", "down" if row["direction"] == "down" else "off"
    change = row["value"] - row["baseline_value"]
    colour = "blue" if good_colour(row["direction"], change) == GOOD else "orange"
    return (fmt_value(change, "exact", row["unit"], row["unit_en"], lang), colour,
            "down" if change < 0 else "up")


def tile(row: pd.Series, lang: str, label: str | None = None, value: str | None = None) -> None:
    """A metric with unit, qualifier and change, and a popover onto its source sentence."""
    delta, colour, arrow = _delta(row, lang)
    with st.container(border=True):
        st.metric(label or pick(row, "name", lang), value or fmt_row(row, lang), delta=delta,
                  delta_color=colour, delta_arrow=arrow)
        with st.popover(t("source.open", lang), icon=":material/format_quote:"):
            source_box(row, lang)


def source_box(row: pd.Series, lang: str) -> None:
    """The sentence with the number highlighted, then document, date, checksum, offset."""
    src = facts.source(row["source_id"])
    sentence, start, length = facts.sentence(src["text"], int(row["quote_offset"]), int(row["value_offset"]),
                                             row["value_text"])
    st.markdown(highlight(sentence, start, length))
    st.caption(t("source.document", lang, title=md_escape(src["title"])))
    st.caption(t("source.meta", lang, publisher=md_escape(src["publisher"]),
                 published=fmt_date(src["published"], lang), as_of=fmt_date(row["as_of"], lang),
                 offset=int(row["value_offset"])))
    st.caption(f"sha256 {src['sha256']}")


def tiles(rows: pd.DataFrame, lang: str, per_row: int = 4) -> None:
    """A grid of tiles, per_row to a line (Streamlit stacks them on a phone)."""
    for start in range(0, len(rows), per_row):
        for col, (_, row) in zip(st.columns(per_row), rows.iloc[start:start + per_row].iterrows()):
            with col:
                tile(row, lang)


def facts_table(rows: pd.DataFrame, lang: str) -> None:
    """Indicators as a table with value (unit and qualifier), before, period and quote."""
    table = pd.DataFrame({
        t("table.indicator", lang): [pick(r, "name", lang) for _, r in rows.iterrows()],
        t("table.value", lang): [fmt_row(r, lang) for _, r in rows.iterrows()],
        t("table.baseline", lang): [fmt_value(r["baseline_value"], "exact", r["baseline_unit"], r["baseline_unit_en"],
                                              lang) if pd.notna(r["baseline_value"]) else "" for _, r in rows.iterrows()],
        t("table.period", lang): rows["period"].fillna(""),
        t("table.quote", lang): rows["quote"],
    })
    st.dataframe(table, hide_index=True, width="stretch")


def query_choice(name: str, options: list, default):
    """An option named in the URL (?area=3), if it is one of options; else default."""
    raw = st.query_params.get(name)
    return next((o for o in options if str(o) == raw), default)

