"""The dashboard's pages, in sidebar order: the one page registry.

The fixed pages are code; a report's own pages (its dashboard.yml `pages`) are drawn by the
theme page and go where THEME_PAGES stands. Each id is also the page's slug in file names.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    id: str
    script: str      # relative to dashboard.py
    url: str         # the path Streamlit serves it at
    title_key: str   # its name in kpi/text.py
    icon: str
    action: str | None = None  # the action (common/roles.py) a reader needs to see and use it


PAGES = (
    Page("overview", "dashboard.py", "/", "nav.overview", ":material/dashboard:"),
    Page("problem_areas", "pages/1_problem_areas.py", "/problem_areas", "nav.areas", ":material/account_tree:"),
    Page("theme", "pages/2_theme.py", "/theme", "nav.theme", ":material/topic:"),
    Page("export", "pages/3_export.py", "/export", "nav.export", ":material/download:"),
    Page("spot_check", "pages/4_spot_check.py", "/spot_check", "nav.spot", ":material/fact_check:"),
    Page("data_update", "pages/5_data_update.py", "/data_update", "nav.update", ":material/upload_file:"),
    Page("review", "pages/6_review.py", "/review", "nav.review", ":material/rule:", "review_submission"),
    Page("admin", "pages/7_admin.py", "/admin", "nav.admin", ":material/manage_accounts:", "manage_accounts"),
)
BY_ID = {p.id: p for p in PAGES}
THEME_PAGES = "theme"  # where a report's own pages go in the sidebar (each a link to the theme page)
FIXED_PAGE_IDS = tuple(BY_ID)
