"""The frame every page is drawn in: page setup, the sidebar (language, report, pages, source),
and a message instead of a traceback. The URL carries the language (?lang=en) and the report
(?report=<id>), so both survive page changes and shared links."""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from app import auth, errors
from common import builds, settings
from common.errors import DatabaseMissing, DatabaseUnreadable
from common.roles import Actor, word
from common.sitemap import BY_ID, PAGES, THEME_PAGES
from kpi import db, layout, reports
from kpi.text import LANG_NAMES, LANGS, bilingual, fmt_date, md_escape, t

log = logging.getLogger(__name__)

# Static CSS only (no data ever reaches it): figures wrap instead of being cut off with an
# ellipsis in narrow tiles and on phones.
STYLE = """<style>
[data-testid="stMetricValue"], [data-testid="stMetricValue"] * { white-space: normal !important;
  overflow: visible !important; text-overflow: clip !important; overflow-wrap: anywhere; }
[data-testid="stMetricValue"] { font-size: 1.7rem; line-height: 1.2; }
[data-testid="stMetricLabel"] div, [data-testid="stMetricLabel"] p { white-space: normal; overflow: visible;
  text-overflow: clip; }
</style>"""


@dataclass(frozen=True)
class View:
    """What a page is drawn for: the reader's language, the report chosen, and who reads
    (None: nobody signed in)."""
    lang: str
    report_id: str
    actor: Actor | None = None

    def may(self, action: str) -> bool:
        return self.actor is not None and self.actor.may(action)

    @property
    def report(self) -> dict:
        return reports.get(self.report_id)

    def t(self, key: str, **values) -> str:
        return t(key, self.lang, **values)


def current_lang() -> str:
    """The language in the URL (?lang=en), else the default."""
    lang = st.query_params.get("lang", settings.DEFAULT_LANG)
    return lang if lang in LANGS else settings.DEFAULT_LANG


def current_report(lang: str) -> str:
    """The report in the URL (?report=…), else the newest; an unknown id is said and replaced."""
    asked = st.query_params.get("report")
    try:
        return reports.resolve(asked)
    except reports.UnknownReport:
        st.warning(t("error.unknown_report", lang, report=asked))
        chosen = reports.newest()
        st.query_params["report"] = chosen
        return chosen


def params(view: View, **extra) -> dict:
    """The query parameters every link carries: language and report (and a page's own)."""
    return {"lang": view.lang, "report": view.report_id, **extra}


def _on_lang_change() -> None:
    st.query_params["lang"] = st.session_state["_lang"]


def _on_report_change() -> None:
    st.query_params["report"] = st.session_state["_report"]


def run_page(page_id: str, body: Callable[[View], None]) -> None:
    """Frame a page (config, sidebar, language, report) and draw body(view) without ever a
    traceback; the whole run reads one database build."""
    with db.one_build():
        _run_page(page_id, body)


def _run_page(page_id: str, body: Callable[[View], None]) -> None:
    lang = current_lang()
    st.set_page_config(page_title=t(BY_ID[page_id].title_key, lang), layout="wide",
                       page_icon=":material/fact_check:")
    st.html(STYLE)
    # The widget follows the URL; a click writes the URL first (callback), so the choice
    # survives page changes and shared links.
    st.session_state["_lang"] = lang
    st.sidebar.radio(t("lang.label", lang), LANGS, key="_lang", format_func=LANG_NAMES.get,
                     horizontal=True, on_change=_on_lang_change)
    try:
        actor = auth.current_actor()
        if not auth.reading_allowed(actor):
            auth.sidebar(None, lang)
            st.title(t(BY_ID[page_id].title_key, lang))
            st.info(t("account.required", lang), icon=":material/lock:")
            return
        _fallback_banner(lang)
        view = View(lang, current_report(lang), actor)
        _report_choice(view)
        sub_page = st.query_params.get("page") if page_id == "theme" else None
        _navigation(view, page_id, sub_page)
        auth.sidebar(actor, lang)
        _sidebar_source(view)
        st.title(layout.page_title(view.report_id, sub_page or page_id, lang))
        needs = BY_ID[page_id].action
        if needs and not view.may(needs):
            st.warning(t("account.forbidden", lang, role=word(actor.role, lang) if actor else t("account.anonymous",
                                                                                                  lang)))
            return
        body(view)
    except DatabaseMissing:
        st.error(t("error.no_db", lang))
    except DatabaseUnreadable as exc:
        log.error("page %s: %s", page_id, exc)
        st.error(t("error.unreadable", lang))
    except Exception as exc:  # a page shows a message, never a traceback
        st.error(errors.page_error(exc, lang, f"page {page_id}"))


def _fallback_banner(lang: str) -> None:
    """When the newest build cannot be read and an earlier one is shown: say so on every page."""
    chosen = db.fallback()
    if chosen is not None:
        log.error("database %s unreadable (%s); reading %s", chosen.bad, chosen.why, chosen.path)
        st.warning(t("error.fallback", lang, built=builds.built_at(chosen.path)),
                   icon=":material/history:")


def _report_choice(view: View) -> None:
    """A report selector, when the database holds more than one."""
    all_reports = reports.all_reports()
    if len(all_reports) < 2:
        return
    names = {r.report_id: getattr(r, f"title_{view.lang}") for r in all_reports.itertuples()}
    st.session_state["_report"] = view.report_id
    st.sidebar.selectbox(t("report.label", view.lang), list(names), key="_report", format_func=names.get,
                         on_change=_on_report_change)


def _navigation(view: View, page_id: str, sub_page: str | None) -> None:
    """Our own translated page links: the fixed pages, and the report's own pages where THEME_PAGES stands.

    Every link to a report page points at the one theme page, which Streamlit would highlight
    for all of them; each sits in a keyed container, so static CSS un-highlights all but the current one."""
    for page in PAGES:
        if page.action and not view.may(page.action):
            continue  # a page the reader cannot use is not offered
        if page.id != THEME_PAGES:
            st.sidebar.page_link(page.script, label=t(page.title_key, view.lang), icon=page.icon,
                                 query_params=params(view))
            continue
        for own in layout.pages(view.report_id):
            with st.sidebar.container(key=f"nav-{own['id']}"):
                st.page_link(page.script, label=bilingual(own["title"], view.lang), icon=f":material/{own['icon']}:",
                             query_params=params(view, page=own["id"]))
    others = [p["id"] for p in layout.pages(view.report_id) if not (page_id == THEME_PAGES and p["id"] == sub_page)]
    if page_id == THEME_PAGES and others:  # ids are ASCII slugs (checked by the ETL): safe in CSS
        selectors = ", ".join(f".st-key-nav-{i} a" for i in others)
        st.html(f"<style>{selectors} {{ background-color: transparent !important; }} "
                f"{', '.join(f'.st-key-nav-{i} a p' for i in others)} {{ font-weight: normal !important; }}</style>")


def _sidebar_source(view: View) -> None:
    r, lang = view.report, view.lang
    st.sidebar.divider()
    st.sidebar.caption(t("sidebar.source", lang))
    st.sidebar.markdown(md_escape(r["source_title"] if lang == "zh" else r["source_title_en"] or r["source_title"]))
    st.sidebar.caption(t("sidebar.published", lang, publisher=md_escape(
        r["publisher"] if lang == "zh" else r["publisher_en"] or r["publisher"]), d=fmt_date(r["published"], lang)))
    st.sidebar.markdown(f"**{t('sidebar.as_of', lang, d=fmt_date(r['document_as_of'], lang))}**")
    if r["updates"]:
        st.sidebar.caption(t("sidebar.updates", lang, n=r["updates"], d=fmt_date(r["data_as_of"], lang)))
    st.sidebar.caption(md_escape(t("sidebar.report", lang, id=r["report_id"])))
