"""管理 Administration: accounts, department assignments and the audit log (admins only)."""
import streamlit as st

from app import admin as admin_ui
from app import frame
from app import spot as spot_ui


def administration(view: frame.View) -> None:
    db = spot_ui.the_store(view.lang)
    if db is None:
        return
    admin_ui.said()
    accounts, assignments, audit = st.tabs([view.t("admin.accounts"), view.t("admin.assignments"),
                                            view.t("admin.audit")])
    with accounts:
        admin_ui.accounts(view, db)
    with assignments:
        admin_ui.assignments(view, db)
    with audit:
        admin_ui.audit(view, db)


frame.run_page("admin", administration)
