"""Streamlit pieces of the 审核 Review page: each pending submission of the report with what it
would change (old -> new, per row), accepted (if the whole build stays clean with it) or
returned with a note the submitter sees. Decided submissions are listed below."""
from __future__ import annotations

import pandas as pd
import streamlit as st

import store
from app import errors
from app.frame import View
from app.update import problems_table
from etl.updates import submit as submissions
from kpi import diff, facts
from kpi.text import md_escape, t


def pending(view: View, db) -> None:
    lang = view.lang
    waiting = db.submissions.listing(view.report_id, state="pending")
    st.subheader(t("review.pending", lang, n=len(waiting)))
    if waiting.empty:
        st.caption(t("review.none", lang))
    for _, sub in waiting.iterrows():
        with st.container(border=True, key=f"submission-{int(sub['id'])}"):
            one(view, db, sub)


def one(view: View, db, sub: pd.Series) -> None:
    lang, sid = view.lang, int(sub["id"])
    st.markdown(md_escape(t("review.header", lang, n=sid, file=sub["file_name"], department=sub["department"],
                            who=sub["display_name"], at=sub["created_at"][:16].replace("T", " "))))
    st.caption(f"sha256 {sub['sha256']}")
    name, data = db.submissions.content(sid)
    f, problems = submissions.read_checked(view.report_id, name, data)
    if problems:  # the catalog changed since it was submitted
        problems_table(problems, lang)
    else:
        changes(view, f)
    decided = st.session_state.get(f"_review_{sid}")
    if decided:
        problems_table(decided, lang)
    left, right = st.columns(2)
    if left.button(t("review.accept", lang), key=f"accept-{sid}", type="primary", icon=":material/check:",
                   disabled=bool(problems)):
        act(view, db, sid, "accepted")
    with right.popover(t("review.return", lang), icon=":material/undo:"):
        note = st.text_area(t("review.note", lang), key=f"note-{sid}")
        if st.button(t("review.return_send", lang), key=f"return-{sid}"):
            act(view, db, sid, "returned", note)


def changes(view: View, f) -> None:
    """The submission's rows beside the current figures: old -> new."""
    lang = view.lang
    rows = [dict(r.data, where=r.where.get(lang)) for r in f.tables.get("indicators", [])]
    if rows:
        table = diff.indicator_changes(view.report_id, rows, lang)
        st.dataframe(table.rename(columns={k: t(f"review.col.{k}", lang) for k in table.columns}),
                     hide_index=True, width="stretch")
    items = [dict(r.data, where=r.where.get(lang)) for r in f.tables.get("ledger", [])]
    if items:
        table = diff.ledger_changes(view.report_id, items, lang)
        st.dataframe(table.rename(columns={k: t(f"review.col.{k}", lang) for k in table.columns}),
                     hide_index=True, width="stretch")


def act(view: View, db, sid: int, event: str, note: str = "") -> None:
    """Accept (trial build first) or return; any refusal is said and nothing changes."""
    lang = view.lang
    try:
        if event == "accepted":
            problems = submissions.accept(db, view.actor, sid)
            if problems:
                st.session_state[f"_review_{sid}"] = problems
                st.rerun()
        else:
            db.submissions.decide(view.actor, sid, "returned", note)
    except store.submissions.SubmissionRefused as exc:
        st.error(t(f"review.refused.{exc.reason}", lang))
        return
    except store.StoreUnavailable as exc:
        st.error(errors.store_message(exc, lang, "decision"))
        return
    except submissions.BuildFailed as exc:
        why = (t("review.build_why.full", lang) if errors.disk_full(exc)
               else t("review.build_why.other", lang, ref=errors.reference(exc, f"accepting #{sid}")))
        st.error(t("review.build_failed", lang, n=sid, why=why))
        return
    st.session_state["_review_done"] = (sid, event)
    st.rerun()


def decided(view: View, db) -> None:
    lang = view.lang
    done = st.session_state.pop("_review_done", None)
    if done:
        st.success(t(f"review.done.{done[1]}", lang, n=done[0]))
    past = db.submissions.listing(view.report_id)
    past = past[past["state"] != "pending"]
    if past.empty:
        return
    st.subheader(t("review.decided", lang))
    states = facts.live_states(view.report_id, past["state"], past["sha256"])
    building = [f"#{i}" for i, s in zip(past["id"], states) if s == "accepted"]
    if building:
        st.info(t("review.building", lang, ids=", ".join(building)), icon=":material/hourglass_top:")
    elif "live" in states:
        st.caption(t("review.all_live", lang))
    st.dataframe(pd.DataFrame({
        "#": past["id"], t("update.col.file", lang): past["file_name"], t("review.col.department", lang): past["department"],
        t("update.col.state", lang): [t(f"submission.{s}", lang) for s in states],
        t("review.col.decided_at", lang): [str(at)[:16].replace("T", " ") for at in past["decided_at"]],
        t("update.col.note", lang): past["note"]}), hide_index=True, width="stretch")
