"""Streamlit pieces of the 数据更新 page: template download, upload result, loaded files."""
from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from common import settings
from etl import formats, updates, upload
from kpi.text import t

MAX_MB = formats.MAX_BYTES // (1024 * 1024)


def template_button(lang: str) -> None:
    st.download_button(t("update.template", lang), data=lambda: _template(lang), on_click="ignore",
                       file_name="报送模板.xlsx" if lang == "zh" else "update-template.xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       icon=":material/download:", key="template")


def _template(lang: str) -> bytes:
    from etl.template import write_template

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "template.xlsx"
        write_template(path, lang)
        return path.read_bytes()


def accept(name: str, data: bytes, lang: str) -> None:
    """Run the upload once per file content and show the outcome."""
    key = ("upload", name, hash(data))
    if st.session_state.get("_last_upload") != key:
        st.session_state["_last_upload"] = key
        st.session_state["_upload_problems"] = upload.accept(name, data)
    problems = st.session_state["_upload_problems"]
    if not problems:
        st.success(t("update.loaded", lang, name=Path(name).name))
        return
    st.error(t("update.problems", lang, n=len(problems)))
    st.dataframe(pd.DataFrame([{
        t("update.col.where", lang): f"{p.file}: {p.where}", t("update.col.column", lang): p.field,
        t("update.col.value", lang): "" if p.value is None else str(p.value),
        t("update.col.rule", lang): p.rule, t("update.col.fix", lang): p.fix} for p in problems]),
        hide_index=True, width="stretch")


def loaded_files(lang: str) -> None:
    paths = updates.update_paths(settings.UPDATES_DIR)
    if paths:
        st.subheader(t("update.loaded_files", lang))
        st.dataframe(pd.DataFrame({"file": [p.name for p in paths], "bytes": [p.stat().st_size for p in paths]}),
                     hide_index=True, width="stretch")
