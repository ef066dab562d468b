"""Streamlit pieces of the 数据更新 page: template download, upload result, loaded files."""
from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from app.frame import View
from etl.updates import formats, upload
from kpi import facts
from kpi.text import fmt_date, t

MAX_MB = formats.MAX_BYTES // (1024 * 1024)


def template_button(view: View) -> None:
    st.download_button(t("update.template", view.lang), data=lambda: _template(view), on_click="ignore",
                       file_name=f"{t('update.template_name', view.lang)}_{view.report_id}.xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       icon=":material/download:", key="template")


def _template(view: View) -> bytes:
    from etl.template import write_template

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "template.xlsx"
        write_template(path, view.lang, report_id=view.report_id)
        return path.read_bytes()


def accept(name: str, data: bytes, view: View) -> None:
    """Run the upload once per file content and show the outcome."""
    key = ("upload", view.report_id, name, hash(data))
    if st.session_state.get("_last_upload") != key:
        st.session_state["_last_upload"] = key
        st.session_state["_upload_problems"] = upload.accept(view.report_id, name, data)
    problems = st.session_state["_upload_problems"]
    lang = view.lang
    if not problems:
        st.success(t("update.loaded", lang, name=Path(name).name))
        return
    st.error(t("update.problems", lang, n=len(problems)))
    shown = [p.shown(lang) for p in problems]
    st.dataframe(pd.DataFrame({
        t("update.col.where", lang): [f"{s['file']}: {s['where']}" for s in shown],
        t("update.col.column", lang): [formats.header(s["field"], lang) for s in shown],
        t("update.col.value", lang): [s["value"] for s in shown],
        t("update.col.rule", lang): [s["rule"] for s in shown],
        t("update.col.fix", lang): [s["fix"] for s in shown]}), hide_index=True, width="stretch")


def loaded_files(view: View) -> None:
    """The report's update files as the database holds them: name, data as of, size."""
    sources = facts.sources(view.report_id)
    loaded = sources[sources["kind"] == "update"]
    if loaded.empty:
        return
    lang = view.lang
    st.subheader(t("update.loaded_files", lang))
    st.dataframe(pd.DataFrame({t("update.col.file", lang): loaded["title"],
                               t("update.col.as_of", lang): [fmt_date(d, lang) for d in loaded["as_of"]],
                               t("update.col.bytes", lang): loaded["bytes"]}), hide_index=True, width="stretch")
