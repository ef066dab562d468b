"""Streamlit pieces of the spot-check page: verdict store, history, checks, report buttons."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from common import settings
from kpi import spotcheck, verdicts
from kpi.text import md_escape, t


def verdict_store(lang: str):
    """The verdict store, or None after saying plainly why it cannot be used."""
    try:
        return verdicts.open_store()
    except verdicts.StoreMissing as exc:
        st.warning(f"{t('spot.store_missing', lang)} {exc}")
        if st.button(t("spot.store_create", lang), icon=":material/add:"):
            try:
                verdicts.init(settings.VERDICTS_PATH)
            except FileExistsError:
                pass  # someone else created it a moment ago: use theirs
            st.rerun()
    except verdicts.StoreCorrupt as exc:
        st.error(str(exc))
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
        st.dataframe(history[["recorded_at", "status", "checker", "note", "value_text"]], hide_index=True,
                     width="stretch")


def checks_table(checks: pd.DataFrame, lang: str) -> None:
    """The consistency checks with their result and explanation in lang."""
    table = pd.DataFrame({
        t("spot.verdict", lang): [t(f"check.{r}", lang) for r in checks["result"]],
        "": checks[f"explanation_{'en' if lang == 'en' else 'zh'}"],
    })
    st.dataframe(table, hide_index=True, width="stretch")


def report_buttons(drawn: pd.DataFrame, found: pd.DataFrame, seed: int, n: int, lang: str) -> None:
    """Printable reports for the sample and for the current filter; the verdict log."""
    store = _quiet_store()

    def latest() -> pd.DataFrame:  # read the store only when a report is actually downloaded
        return verdicts.recheck(store.latest(), spotcheck.observations()) if store else pd.DataFrame()

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
        left.download_button("CSV", data=lambda: verdicts.log_csv(store.log()), file_name="verdicts.csv",
                             mime="text/csv", on_click="ignore", key="log-csv", icon=":material/table:")
        right.download_button("XLSX", data=lambda: verdicts.log_xlsx(store.log()), file_name="verdicts.xlsx",
                              on_click="ignore", key="log-xlsx", icon=":material/grid_on:",
                              mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def _quiet_store():
    try:
        return verdicts.open_store()
    except (verdicts.StoreMissing, verdicts.StoreCorrupt):
        return None  # already reported above on the page
