"""Who is reading: a built-in account signed in at /account/login (its session cookie), an
identity from the organisation's single sign-on (Streamlit's st.login, mapped to an account by
subject or e-mail; unknown identities are viewers at most), or nobody (browsing, when allowed).
The sidebar says who, and offers sign-in and sign-out."""
from __future__ import annotations

import html
import logging
from urllib.parse import quote, urlencode, urlsplit

import streamlit as st

import store
from app.web import SESSION_COOKIE
from common import settings
from common.roles import Actor, word
from kpi.text import md_escape, t

log = logging.getLogger(__name__)


def sso_configured() -> bool:
    """Whether .streamlit/secrets.toml (or the server's secrets) configure single sign-on."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all
        return False


def current_actor() -> Actor | None:
    """The reader, checked on every run (a session can end or expire between two clicks)."""
    try:
        db = store.open_store()
    except (store.StoreMissing, store.StoreCorrupt):
        return None
    token = st.context.cookies.get(SESSION_COOKIE)
    actor = db.sessions.actor(token) if isinstance(token, str) and token else None
    if actor is None and sso_configured() and st.user.is_logged_in:
        email, subject = st.user.get("email"), st.user.get("sub")
        actor = db.accounts.for_identity(email, subject) or Actor(email or subject or "sso", "viewer", via="oidc")
        if not st.session_state.get("_sso_audited"):  # the provider signed them in; say so once
            db.audit.record(actor, "sign_in", actor.name, detail={"via": "oidc", "known": actor.account_id is not None})
            st.session_state["_sso_audited"] = True
    return actor


def here() -> str:
    """The current page's path and query, to come back to after signing in or out."""
    path = urlsplit(st.context.url or "").path or "/"
    query = urlencode({k: st.query_params[k] for k in st.query_params})
    return path + (f"?{query}" if query else "")


# A plain link styled as a button: st.link_button would open the sign-in page in a new tab.
LINK = ('<a class="kpi-account" href="{href}" style="display:block;text-align:center;padding:.45rem;'
        'border:1px solid #d5dbe3;border-radius:.5rem;color:inherit;text-decoration:none">{label}</a>')


def _link(label: str, href: str) -> None:
    """A same-tab link in the sidebar (our text and our URL, both escaped)."""
    st.sidebar.html(LINK.format(href=html.escape(href, quote=True), label=html.escape(label)))


def sidebar(actor: Actor | None, lang: str) -> None:
    """Who is signed in (and their role), with sign-out; or the ways to sign in."""
    st.sidebar.divider()
    back = quote(here(), safe="")
    if actor is None:
        st.sidebar.caption(t("account.anonymous", lang))
        _link(t("account.sign_in", lang), f"/account/login?lang={lang}&next={back}")
        if sso_configured():
            st.sidebar.button(t("account.sso", lang), on_click=st.login, icon=":material/key:", width="stretch")
        return
    name = actor.display_name or actor.name
    st.sidebar.caption(md_escape(t("account.signed_in_as", lang, name=name, role=word(actor.role, lang))))
    if actor.via == "oidc":
        if actor.account_id is None:
            st.sidebar.caption(md_escape(t("account.sso_unknown", lang, who=actor.name)))
        st.sidebar.button(t("account.sign_out", lang), on_click=st.logout, icon=":material/logout:", width="stretch")
    else:
        _link(t("account.sign_out", lang), f"/account/logout?lang={lang}&next={back}")


def reading_allowed(actor: Actor | None) -> bool:
    """Browsing is open by default; KPI_READ=signed_in asks every reader to sign in first."""
    return actor is not None or settings.READ != "signed_in"
