"""A report's dashboard layout (its dashboard.yml, as the database holds it): which pages,
sections, blocks and charts it shows. The grammar is common/layout.py."""
from __future__ import annotations

import json

from common.sitemap import BY_ID
from kpi.db import cached_per_build, query
from kpi.text import bilingual, t


@cached_per_build
def spec(report_id: str) -> dict:
    """The whole layout: overview (sections), pages (id, title, icon, sections), charts."""
    rows = query("dashboard", report_id=report_id)
    return json.loads(rows["spec"].iloc[0]) if len(rows) else {"overview": [], "pages": [], "charts": []}


def overview(report_id: str) -> list[dict]:
    return spec(report_id).get("overview") or []


def pages(report_id: str) -> list[dict]:
    """The report's own pages, in sidebar order."""
    return spec(report_id).get("pages") or []


def page(report_id: str, page_id: str) -> dict | None:
    return next((p for p in pages(report_id) if p["id"] == page_id), None)


def charts(report_id: str) -> list[dict]:
    """Chart specs in the order the briefing pack shows them."""
    return spec(report_id).get("charts") or []


def chart(report_id: str, chart_id: str) -> dict:
    return next(c for c in charts(report_id) if c["id"] == chart_id)


def page_title(report_id: str, page_id: str, lang: str) -> str:
    """A page's name in lang: a fixed page's from kpi/text.py, a report page's from its dashboard.yml."""
    if page_id in BY_ID:
        return t(BY_ID[page_id].title_key, lang)
    found = page(report_id, page_id)
    return bilingual(found["title"], lang) if found else page_id
