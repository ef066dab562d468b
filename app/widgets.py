"""Streamlit building blocks the pages share: tiles with their source, charts with their
downloads, tables of figures. Pages call these and never touch SQL."""
from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from app.frame import View
from kpi import charts, exports, facts, vocabulary
from kpi.plots import GOOD, good_colour
from kpi.text import (
    fmt_date,
    fmt_period,
    fmt_row,
    fmt_value,
    highlight,
    localized,
    md_escape,
    t,
)


def chart(c: charts.Chart, view: View) -> None:
    """Draw a chart in our own theme (the modebar's PNG named after it, at 2x), its remarks and its downloads."""
    lang = view.lang
    st.plotly_chart(c.figure, theme=None, width="stretch", key=f"chart-{c.id}", config={
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": exports.file_name(c, lang, "png")[:-4], "scale": 2},
    })
    for remark in c.notes:
        st.caption(md_escape(remark))
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


def tile(row: pd.Series, view: View, label: str | None = None, value: str | None = None) -> None:
    """A metric with unit, qualifier and change, and a popover onto its source sentence."""
    delta, colour, arrow = _delta(row, view.lang)
    with st.container(border=True):
        st.metric(label or localized(row, "name", view.lang), value or fmt_row(row, view.lang), delta=delta,
                  delta_color=colour, delta_arrow=arrow, help=_when(row, view.lang))
        with st.popover(t("source.open", view.lang), icon=":material/format_quote:"):
            source_box(row, view)
            earlier_values(row, view)


def _when(row: pd.Series, lang: str) -> str:
    """'截至 2025年3月31日 · 2025年第一季度' for a tile's help."""
    period = fmt_period(row.get("period"), lang)
    return md_escape(f"{t('table.as_of', lang)} {fmt_date(row['as_of'], lang)}" + (f" · {period}" if period else ""))


def source_box(row: pd.Series, view: View) -> None:
    """The sentence with the number highlighted, then document, date, checksum, offset."""
    lang = view.lang
    src = facts.source(view.report_id, row["source_id"])
    sentence, start, length = facts.sentence(src["text"], int(row["quote_offset"]), int(row["value_offset"]),
                                             row["value_text"], whole_line=src["kind"] == "update")
    st.markdown(highlight(sentence, start, length))
    st.caption(t("source.document", lang, title=md_escape(src["title"])))
    st.caption(t("source.meta", lang, publisher=md_escape(src["publisher"] if lang == "zh" else
                                                           src["publisher_en"] or src["publisher"]),
                 published=fmt_date(src["published"], lang), as_of=fmt_date(row["as_of"], lang),
                 offset=int(row["value_offset"])))
    st.caption(f"sha256 {src['sha256']}")


def earlier_values(row: pd.Series, view: View) -> None:
    """The indicator's older values, each with its date and document (newest first)."""
    rows = facts.history(view.report_id, row["indicator_id"])
    older = rows[(rows["obs_id"] != row["obs_id"]) & (rows["as_of"] <= row["as_of"])]
    if older.empty:
        return
    st.caption(t("source.earlier", view.lang))
    lines = [t("source.earlier_item", view.lang, as_of=fmt_date(r["as_of"], view.lang), value=fmt_row(r, view.lang),
               source=r["source_title"]) for _, r in older.iloc[::-1].iterrows()]
    st.markdown("\n".join(f"- {md_escape(line)}" for line in lines))


def tiles(rows: pd.DataFrame, view: View, per_row: int = 4) -> None:
    """A grid of tiles, per_row to a line (Streamlit stacks them on a phone)."""
    for start in range(0, len(rows), per_row):
        for col, (_, row) in zip(st.columns(per_row), rows.iloc[start:start + per_row].iterrows()):
            with col:
                tile(row, view)


def facts_table(rows: pd.DataFrame, lang: str) -> None:
    """Indicators as a table with value (unit and qualifier), before, period, as-of and quote."""
    table = pd.DataFrame({
        t("table.indicator", lang): [localized(r, "name", lang) for _, r in rows.iterrows()],
        t("table.value", lang): [fmt_row(r, lang) for _, r in rows.iterrows()],
        t("table.baseline", lang): [fmt_value(r["baseline_value"], "exact", r["baseline_unit"], r["baseline_unit_en"],
                                              lang) if pd.notna(r["baseline_value"]) else "" for _, r in rows.iterrows()],
        t("table.period", lang): [fmt_period(p, lang) for p in rows["period"]],
        t("table.as_of", lang): [fmt_date(d, lang) for d in rows["as_of"]],
        t("table.quote", lang): rows["quote"],
    })
    st.dataframe(table, hide_index=True, width="stretch")


def qualifier_words(key: str, lang: str) -> str:
    return vocabulary.word("qualifiers", key, lang)


def query_choice(name: str, options: list, default):
    """An option named in the URL (?area=3), if it is one of options; else default."""
    raw = st.query_params.get(name)
    return next((o for o in options if str(o) == raw), default)
