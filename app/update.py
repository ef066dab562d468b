"""Streamlit pieces of the 数据更新 page: template download, a department's submission (checked,
then pending review), its own submissions with their state, and the files loaded."""
from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

import store
from common import settings
from app import errors
from app.frame import View
from etl.updates import formats
from etl.updates import submit as submissions
from kpi import facts
from kpi.text import fmt_date, md_escape, t

MAX_MB = settings.MAX_UPLOAD_BYTES // (1024 * 1024)


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


def submit(name: str, data: bytes, view: View) -> None:
    """Check and submit once per file content; show the outcome (problems, or pending review)."""
    key = ("upload", view.report_id, name, hash(data))
    lang = view.lang
    if st.session_state.get("_last_upload") != key:
        try:
            db = store.open_store()
            st.session_state["_upload"] = submissions.submit(db, view.actor, view.report_id, name, data)
        except store.StoreBusy:
            st.error(t("update.busy", lang))
            return
        except store.StoreUnavailable as exc:
            st.error(errors.store_message(exc, lang, "submission"))
            return
        except (store.StoreMissing, store.StoreCorrupt):
            st.error(t("spot.store_corrupt", lang))
            return
        st.session_state["_last_upload"] = key
    problems, submission = st.session_state["_upload"]
    if submission is not None:
        st.success(t("update.submitted", lang, name=Path(name).name, n=submission))
        return
    problems_table(problems, lang)


def problems_table(problems: list, lang: str) -> None:
    st.error(t("update.problems", lang, n=len(problems)))
    shown = [p.shown(lang) for p in problems]
    st.dataframe(pd.DataFrame({
        t("update.col.where", lang): [f"{s['file']}: {s['where']}" for s in shown],
        t("update.col.column", lang): [formats.header(s["field"], lang) for s in shown],
        t("update.col.value", lang): [s["value"] for s in shown],
        t("update.col.rule", lang): [s["rule"] for s in shown],
        t("update.col.fix", lang): [s["fix"] for s in shown]}), hide_index=True, width="stretch")


def my_submissions(view: View) -> None:
    """The submitter's own submissions of this report: state and, when returned, the note."""
    try:
        mine = store.open_store().submissions.listing(view.report_id, view.actor.account_id)
    except (store.StoreMissing, store.StoreCorrupt):
        return
    if mine.empty:
        return
    lang = view.lang
    st.subheader(t("update.mine", lang))
    st.dataframe(pd.DataFrame({
        "#": mine["id"], t("update.col.file", lang): mine["file_name"],
        t("update.col.submitted", lang): [at[:16].replace("T", " ") for at in mine["created_at"]],
        t("update.col.state", lang): [t(f"submission.{s}", lang) for s in facts.live_states(
            view.report_id, mine["state"], mine["sha256"])],
        t("update.col.note", lang): mine["note"]}), hide_index=True, width="stretch")


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


def who_submits(view: View) -> None:
    st.info(md_escape(t("update.who_submits", view.lang)), icon=":material/info:")
