"""Streamlit pieces of the spot-check page: verdict store, history, checks, report buttons."""
from __future__ import annotations

import logging

import pandas as pd
import streamlit as st

import store
from app import errors
from app.frame import View
from kpi import spotcheck, verdicts
from kpi.text import md_escape, t

log = logging.getLogger(__name__)


def the_store(lang: str):
    """The store, or None after saying plainly why it cannot be used (it is never created here)."""
    try:
        return store.open_store()
    except store.StoreMissing as exc:
        log.warning("store missing: %s", exc)
        st.warning(t("spot.store_missing", lang, hint=store.INIT_HINT))
    except store.StoreCorrupt as exc:
        log.warning("store unusable: %s", exc)
        st.error(t("spot.store_corrupt", lang))
    except store.StoreUnavailable as exc:
        log.warning("store unavailable: %s", exc)
        st.error(errors.store_message(exc, lang, "verdict"))
    return None


def verdict_history(db, row: pd.Series, obs_id: str, lang: str) -> None:
    """Latest verdict (with a re-check warning when the figure changed since) and the full history."""
    try:
        history = db.verdicts.history(obs_id)
    except store.StoreUnavailable as exc:
        log.warning("verdict history unavailable: %s", exc)
        st.caption(t("spot.history_unavailable", lang))
        return
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
    """Printable reports for the sample and for the current filter; the report's verdict log
    (checkers and admins: its download is audited)."""
    db, lang = _quiet_store(), view.lang
    obs = spotcheck.observations(view.report_id)

    def latest() -> pd.DataFrame:  # read the store only when a report is actually downloaded
        if db is None:
            return pd.DataFrame()
        mine = db.verdicts.latest()
        return verdicts.recheck(mine[mine["obs_id"].isin(obs["obs_id"])], obs)

    heading = t("spot.report.sample", lang, seed=seed, n=n)
    st.download_button(t("spot.report", lang) + f" · {seed}/{n}", key="report-sample", on_click="ignore",
                       data=lambda: spotcheck.report_html(drawn, latest(), lang, heading),
                       file_name=f"spot-check_sample_{seed}_{n}.html", mime="text/html",
                       icon=":material/print:")
    heading_f = t("spot.report.filter", lang, n=len(found))
    st.download_button(t("spot.report.filter", lang, n=len(found)), key="report-filter", on_click="ignore",
                       data=lambda: spotcheck.report_html(found, latest(), lang, heading_f),
                       file_name="spot-check_filter.html", mime="text/html", icon=":material/print:")
    if db is not None and view.may("export_verdict_log"):
        st.subheader(t("spot.log", lang))
        left, right = st.columns(2)
        left.download_button("CSV", data=lambda: verdicts.log_csv(db.verdicts.export(view.actor, obs["obs_id"])),
                             file_name=f"verdicts_{view.report_id}.csv", mime="text/csv", on_click="ignore",
                             key="log-csv", icon=":material/table:")
        right.download_button("XLSX", data=lambda: verdicts.log_xlsx(db.verdicts.export(view.actor, obs["obs_id"])),
                              file_name=f"verdicts_{view.report_id}.xlsx", on_click="ignore", key="log-xlsx",
                              icon=":material/grid_on:",
                              mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def _quiet_store():
    try:
        return store.open_store()
    except (store.StoreMissing, store.StoreCorrupt):
        return None  # already reported above on the page


def record(db, view: View, row: pd.Series, obs_id: str, status: str, note: str) -> None:
    """Record a verdict as the signed-in reader. When the store is busy, say so and keep the form as
    typed; on success clear the note (on the next run, before the form is drawn) and say so."""
    lang = view.lang
    try:
        db.verdicts.record(view.actor, obs_id, status, row["value_text"], row["value"], row["quote"], note=note)
    except store.StoreBusy:
        st.error(t("spot.busy", lang), icon=":material/hourglass_top:")
        return
    except store.StoreUnavailable as exc:
        st.error(errors.store_message(exc, lang, "verdict"), icon=":material/block:")
        return
    except store.Forbidden:
        st.error(t("account.forbidden", lang, role=view.actor.role))
        return
    except store.verdicts.VerdictInvalid as exc:
        st.error(str(exc))
        return
    st.session_state[f"_recorded_{obs_id}"] = True
    st.rerun()


def recorded_note(obs_id: str, lang: str) -> None:
    """After a verdict was recorded: an empty note, and the word that it was."""
    if st.session_state.pop(f"_recorded_{obs_id}", False):
        st.session_state[f"note_{obs_id}"] = ""
        st.success(t("spot.recorded", lang))
