"""Streamlit pieces of the spot-check page: verdict store, history, checks, report buttons."""
from __future__ import annotations

import logging

import pandas as pd
import streamlit as st

from app.frame import View
from common import settings
from kpi import spotcheck, verdicts
from kpi.text import md_escape, t

log = logging.getLogger(__name__)


def verdict_store(lang: str):
    """The verdict store, or None after saying plainly why it cannot be used."""
    try:
        return verdicts.open_store()
    except verdicts.StoreMissing:
        st.warning(t("spot.store_missing", lang, path=settings.VERDICTS_PATH))
        if st.button(t("spot.store_create", lang), icon=":material/add:"):
            try:
                verdicts.init(settings.VERDICTS_PATH)
            except FileExistsError:
                pass  # someone else created it a moment ago: use theirs
            st.rerun()
    except verdicts.StoreCorrupt as exc:
        log.warning("verdict store unusable: %s", exc)
        st.error(t("spot.store_corrupt", lang, path=settings.VERDICTS_PATH))
    return None


def verdict_history(store, row: pd.Series, obs_id: str, lang: str) -> None:
    """Latest verdict (with a re-check warning when the figure changed since) and the full history."""
    history = store.history(obs_id)
    if history.empty:
        st.caption(t("spot.none", lang))
        return
    checked = verdicts.recheck(history.tail(1), pd.DataFrame([row]))
    last = history.iloc[-1]
    st.markdown(t("spot.latest", lang, status=t(f"verdict.{last['status']}", lang),
                  checker=md_escape(last["checker"]), at=last["recorded_at"][:19].replace("T", " ")))
    if bool(checked["recheck"].iloc[0]):
        st.warning(t("spot.recheck", lang), icon=":material/sync_problem:")
    with st.expander(t("spot.history", lang, n=len(history))):
        st.dataframe(pd.DataFrame({
            t("spot.col.recorded_at", lang): [at[:19].replace("T", " ") for at in history["recorded_at"]],
            t("spot.verdict", lang): [t(f"verdict.{s}", lang) for s in history["status"]],
            t("spot.checker", lang): history["checker"], t("spot.note", lang): history["note"],
            t("spot.col.value_text", lang): history["value_text"]}), hide_index=True, width="stretch")


def checks_table(checks: pd.DataFrame, lang: str) -> None:
    """The consistency checks with their result and explanation in lang."""
    table = pd.DataFrame({
        t("check.result", lang): [t(f"check.{r}", lang) for r in checks["result"]],
        t("check.explanation", lang): checks[f"explanation_{'en' if lang == 'en' else 'zh'}"],
    })
    st.dataframe(table, hide_index=True, width="stretch")


def report_buttons(drawn: pd.DataFrame, found: pd.DataFrame, seed: int, n: int, view: View) -> None:
    """Printable reports for the sample and for the current filter; the report's verdict log."""
    store, lang = _quiet_store(), view.lang
    obs = spotcheck.observations(view.report_id)

    def latest() -> pd.DataFrame:  # read the store only when a report is actually downloaded
        if store is None:
            return pd.DataFrame()
        mine = store.latest()
        return verdicts.recheck(mine[mine["obs_id"].isin(obs["obs_id"])], obs)

    def log() -> pd.DataFrame:  # this report's verdicts only
        everything = store.log()
        return everything[everything["obs_id"].isin(obs["obs_id"])]

    heading = t("spot.report.sample", lang, seed=seed, n=n)
    st.download_button(t("spot.report", lang) + f" · {seed}/{n}", key="report-sample", on_click="ignore",
                       data=lambda: spotcheck.report_html(drawn, latest(), lang, heading),
                       file_name=f"spot-check_sample_{seed}_{n}.html", mime="text/html",
                       icon=":material/print:")
    heading_f = t("spot.report.filter", lang, n=len(found))
    st.download_button(t("spot.report.filter", lang, n=len(found)), key="report-filter", on_click="ignore",
                       data=lambda: spotcheck.report_html(found, latest(), lang, heading_f),
                       file_name="spot-check_filter.html", mime="text/html", icon=":material/print:")
    if store is not None:
        st.subheader(t("spot.log", lang))
        left, right = st.columns(2)
        left.download_button("CSV", data=lambda: verdicts.log_csv(log()), file_name=f"verdicts_{view.report_id}.csv",
                             mime="text/csv", on_click="ignore", key="log-csv", icon=":material/table:")
        right.download_button("XLSX", data=lambda: verdicts.log_xlsx(log()), file_name=f"verdicts_{view.report_id}.xlsx",
                              on_click="ignore", key="log-xlsx", icon=":material/grid_on:",
                              mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def _quiet_store():
    try:
        return verdicts.open_store()
    except (verdicts.StoreMissing, verdicts.StoreCorrupt):
        return None  # already reported above on the page
