"""Draw a report's layout (dashboard.yml sections and blocks): the code knows the kinds of
blocks, the catalog says which figures they show (grammar: common/layout.py)."""
from __future__ import annotations

import streamlit as st

from app import ledger, progress, widgets
from app.frame import View
from common.layout import block_kind, tile_ids
from kpi import charts, facts, notes
from kpi.text import md_escape, t


def sections(sections: list[dict], view: View) -> None:
    for section in sections:
        st.subheader(md_escape(notes.fill(section["title"], view.report_id, view.lang)))
        blocks(section["blocks"], view)


def blocks(items: list, view: View) -> None:
    for block in items:
        kind, arg = block_kind(block)
        if kind == "tiles":
            ids, per_row = tile_ids(arg)
            widgets.tiles(facts.rows_for(view.report_id, ids), view, per_row=per_row)
        elif kind == "chart":
            widgets.chart(charts.get(view.report_id, arg, view.lang), view)
        elif kind == "note":
            st.info(md_escape(notes.fill(arg, view.report_id, view.lang)), icon=":material/info:")
        elif kind == "caption":
            st.caption(md_escape(notes.fill(arg, view.report_id, view.lang)))
        elif kind == "completion_tiles":
            completion_tiles(view)
        elif kind == "ledger_summary":
            ledger.ledger_summary(view)
        elif kind == "area_status":
            progress.area_status(view)
        elif kind == "area_lights":
            progress.area_lights(view)
        elif kind == "columns":
            for column, spec in zip(st.columns([c.get("width", 1) for c in arg]), arg):
                with column:
                    blocks(spec["blocks"], view)


def completion_tiles(view: View) -> None:
    """Done / total as the report states them (19/20), each opening onto the 'done' sentence."""
    done = facts.completion(view.report_id)
    for column, (_, c) in zip(st.columns(max(1, len(done))), done.iterrows()):
        with column:
            widgets.tile(facts.rows_for(view.report_id, [c["done_id"]])["obs_id"].iloc[0], view,
                         label=t(f"tile.{c['subject']}", view.lang),
                         value=t("tile.of", view.lang, done=f"{c['done']:g}", total=f"{c['total']:g}"))
