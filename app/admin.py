"""Streamlit pieces of the 管理 Administration page: accounts (add, disable, enable, new password),
what each department may report, and the audit log (filter, CSV and XLSX). Every change is the
signed-in admin's, checked and audited by the store."""
from __future__ import annotations

import pandas as pd
import streamlit as st

import store
from app import errors
from app.frame import View
from common.roles import ROLES, word
from kpi import facts, verdicts
from kpi.text import localized, md_escape, t
from store.accounts import AccountInvalid


def _done(message: str) -> None:
    st.session_state["_admin_done"] = message
    st.rerun()


def said() -> None:
    message = st.session_state.pop("_admin_done", None)
    if message:
        st.success(message)


def accounts(view: View, db) -> None:
    lang = view.lang
    listing = db.accounts.list()
    if len(listing):
        st.dataframe(pd.DataFrame({
            t("admin.col.username", lang): listing["username"], t("admin.col.name", lang): listing["display_name"],
            t("admin.col.role", lang): [word(r, lang) for r in listing["role"]],
            t("admin.col.department", lang): listing["department"], t("admin.col.email", lang): listing["email"],
            t("admin.col.state", lang): [t("admin.disabled" if d else "admin.enabled", lang) for d in listing["disabled"]]}),
            hide_index=True, width="stretch")
    with st.form("add-account", clear_on_submit=False):
        st.markdown(f"**{t('admin.add', lang)}**")
        left, right = st.columns(2)
        username = left.text_input(t("admin.col.username", lang), key="add_username")
        name = right.text_input(t("admin.col.name", lang), key="add_name")
        role = left.selectbox(t("admin.col.role", lang), list(ROLES), format_func=lambda r: word(r, lang), key="add_role")
        department = right.text_input(t("admin.col.department", lang), key="add_department")
        email = left.text_input(t("admin.col.email", lang), key="add_email")
        password = right.text_input(t("account.password", lang), type="password", key="add_password")
        if st.form_submit_button(t("admin.add", lang), type="primary"):
            _try(view, lambda: db.accounts.add(view.actor, username, role, password or None, name, department or None,
                                               email or None), t("admin.added", lang, name=username))
    names = list(listing["username"]) if len(listing) else []
    if not names:
        return
    left, mid, right = st.columns(3)
    chosen = left.selectbox(t("admin.account", lang), names, key="admin_account")
    row = listing.set_index("username").loc[chosen]
    if mid.button(t("admin.enable" if row["disabled"] else "admin.disable", lang), key="toggle"):
        _try(view, lambda: db.accounts.set_disabled(view.actor, chosen, not row["disabled"]),
             t("admin.toggled", lang, name=chosen))
    with right.popover(t("admin.new_password", lang)):
        new = st.text_input(t("account.password", lang), type="password", key="new_password")
        if st.button(t("admin.set_password", lang), key="set_password"):
            _try(view, lambda: db.accounts.set_password(view.actor, chosen, new), t("admin.password_set", lang,
                                                                                      name=chosen))


def _try(view: View, action, success: str) -> None:
    try:
        action()
    except AccountInvalid as exc:
        st.error(t("admin.invalid", view.lang, why=str(exc)))
        return
    except store.Forbidden:
        st.error(t("account.forbidden", view.lang, role=word(view.actor.role, view.lang)))
        return
    except store.StoreUnavailable as exc:
        st.error(errors.store_message(exc, view.lang, "account"))
        return
    _done(success)


def assignments(view: View, db) -> None:
    """Which indicators and ledger items of this report a department reports."""
    lang, rid = view.lang, view.report_id
    departments = db.accounts.departments()
    if not departments:
        st.caption(t("admin.no_departments", lang))
        return
    department = st.selectbox(t("admin.col.department", lang), departments, key="assign_department")
    mine = db.accounts.assignments(department, rid)
    latest = facts.latest(rid)
    latest = latest[latest["kind"] != "date"]
    names = {r.indicator_id: f"{r.indicator_id} · {localized(r._asdict(), 'name', lang)}" for r in latest.itertuples()}
    codes = list(facts.problems(rid)["problem_code"]) + list(facts.measures(rid)["measure_code"])
    with st.form(f"assign-{department}"):
        indicators = st.multiselect(t("admin.indicators", lang), list(names), default=sorted(mine["indicator"] & set(names)),
                                    format_func=names.get)
        ledger = st.multiselect(t("admin.ledger", lang), codes, default=[c for c in codes if c in mine["ledger"]])
        if st.form_submit_button(t("admin.save", lang), type="primary"):
            _try(view, lambda: db.accounts.assign(view.actor, department, rid, indicators, ledger, replace=True),
                 t("admin.assigned", lang, department=department, n=len(indicators) + len(ledger)))


def audit(view: View, db) -> None:
    lang = view.lang
    left, mid, right = st.columns(3)
    from store.audit import ACTIONS

    action = left.selectbox(t("admin.audit.action", lang), [""] + list(ACTIONS), key="audit_action",
                            format_func=lambda a: t(f"audit.action.{a}", lang) if a else t("admin.audit.all", lang))
    who = mid.text_input(t("admin.audit.actor", lang), key="audit_actor")
    since = right.date_input(t("admin.audit.since", lang), value=None, key="audit_since")
    log = shown_log(db.audit.log(view.actor, action or None, who.strip() or None,
                                 since.isoformat() if since else None, 500), lang)
    st.caption(md_escape(t("admin.audit.count", lang, n=len(log))))
    st.dataframe(log, hide_index=True, width="stretch")
    left, right = st.columns(2)
    left.download_button("CSV", data=lambda: verdicts.log_csv(log), file_name="audit.csv", mime="text/csv",
                         on_click="ignore", key="audit-csv", icon=":material/table:")
    right.download_button("XLSX", data=lambda: verdicts.log_xlsx(log, "audit"), file_name="audit.xlsx",
                          on_click="ignore", key="audit-xlsx", icon=":material/grid_on:",
                          mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def shown_log(log: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The audit log in the reader's language: headers, actions, roles and outcomes as words."""
    return pd.DataFrame({
        t("audit.col.at", lang): [at[:19].replace("T", " ") for at in log["at"]],
        t("audit.col.actor", lang): log["actor"], t("audit.col.role", lang): [word(r, lang) for r in log["role"]],
        t("audit.col.action", lang): [t(f"audit.action.{a}", lang) for a in log["action"]],
        t("audit.col.object", lang): log["object"],
        t("audit.col.outcome", lang): [t(f"audit.outcome.{o}", lang) for o in log["outcome"]],
        t("audit.col.sha256", lang): log["sha256"], t("audit.col.detail", lang): log["detail"]})
