"""Streamlit building blocks the pages share: tiles with their source, charts with their
downloads, tables of figures. Pages call these and never touch SQL."""
from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from app.frame import View
from kpi import cards, charts, exports, vocabulary
from kpi.text import (
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
    """One menu with the chart's PNG (rendered on the server), CSV and XLSX; bytes are made on click."""
    with st.popover(t("export.menu", lang), icon=":material/download:"):
        if exports.browser_path():
            st.download_button(t("export.png", lang), data=partial(_png, c, lang), icon=":material/image:",
                               file_name=exports.file_name(c, lang, "png"), mime="image/png",
                               on_click="ignore", key=f"png-{c.id}", width="stretch")
        else:
            st.caption(t("export.no_browser", lang, hint=exports.INSTALL_HINT))
        st.download_button(t("export.csv", lang), data=partial(_csv, c, lang), icon=":material/table:",
                           file_name=exports.file_name(c, lang, "csv"), mime="text/csv",
                           on_click="ignore", key=f"csv-{c.id}", width="stretch")
        st.download_button(t("export.xlsx", lang), data=partial(_xlsx, c, lang), icon=":material/grid_on:",
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


def tile(obs_id: str, view: View, label: str | None = None, value: str | None = None) -> None:
    """A figure's metric with unit, qualifier and change, and a popover onto its source sentence."""
    c = cards.card(view.report_id, obs_id, view.lang)
    with st.container(border=True):
        st.metric(label or c.label, value or c.value, delta=c.delta, delta_color=c.colour, delta_arrow=c.arrow,
                  help=c.help)
        with st.popover(t("source.open", view.lang), icon=":material/format_quote:"):
            _source(c)
            if c.earlier:
                st.caption(t("source.earlier", view.lang))
                st.markdown(c.earlier)


def source_box(obs_id: str, view: View) -> None:
    """The sentence with the number highlighted, then document, date, checksum, offset."""
    _source(cards.card(view.report_id, obs_id, view.lang))


def _source(c: cards.Card) -> None:
    st.markdown(c.sentence)
    for line in c.captions:
        st.caption(line)


def tiles(rows: pd.DataFrame, view: View, per_row: int = 4) -> None:
    """A grid of tiles, per_row to a line (Streamlit stacks them on a phone)."""
    ids = list(rows["obs_id"])
    for start in range(0, len(ids), per_row):
        for col, obs_id in zip(st.columns(per_row), ids[start:start + per_row]):
            with col:
                tile(obs_id, view)


def facts_table(rows: pd.DataFrame, lang: str) -> None:
    """Indicators as a table with value (unit and qualifier), before, period, as-of and quote."""
    heads = [t(k, lang) for k in ("table.indicator", "table.value", "table.baseline", "table.period", "table.as_of",
                                  "table.quote")]
    cells = [cards.table_cells(rid, lang)[obs_id] for rid, obs_id in zip(rows["report_id"], rows["obs_id"])]
    st.dataframe(pd.DataFrame(cells, columns=heads), hide_index=True, width="stretch")


def qualifier_words(key: str, lang: str) -> str:
    return vocabulary.word("qualifiers", key, lang)


def query_choice(name: str, options: list, default):
    """An option named in the URL (?area=3), if it is one of options; else default."""
    raw = st.query_params.get(name)
    return next((o for o in options if str(o) == raw), default)
