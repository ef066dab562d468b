"""Several app processes, one store on PostgreSQL, one build worker: what is written through one
process is seen through every other, and a new build is published under load without an error
in any session."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
from playwright.sync_api import expect

from tests import loadtest, pg
from tests.serve import ROOT, serve, worker
from tests.test_browser import (  # noqa: F401  (new_page is a fixture)
    WAIT,
    make_people,
    new_page,
    open_page,
    screenshot,
    sign_in,
    upload,
    wait_live,
)


@pytest.fixture(scope="module")
def two_apps(pg_url, tmp_path_factory):
    """Two app processes and the build worker, sharing one database and one PostgreSQL store."""
    tmp = tmp_path_factory.mktemp("replicas")
    url = pg.create_database(pg_url)
    env = {"KPI_UPDATES_DIR": str(tmp / "updates"), "KPI_BUILD_LOG": str(tmp / "builds.jsonl"),
           "KPI_STORE_URL": url}
    db = tmp / "kpi.duckdb"
    done = subprocess.run([sys.executable, "-m", "etl", "build", "--db", str(db)], cwd=ROOT,
                          env={**os.environ, **env}, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    make_people(url)
    try:
        with serve(db, env=env) as one, serve(db, env=env) as two, worker(db, env=env):
            yield one, two
    finally:
        pg.drop_database(url)


@pytest.mark.browser
def test_a_verdict_recorded_through_one_process_is_shown_by_the_other(two_apps, new_page):
    one, two = two_apps
    obs = "/spot_check?obs=report-2025-02-25:land_recovered"
    page = new_page()
    sign_in(page, one, "checker", obs)
    page.locator('[data-testid="stRadio"]', has_text="有异议").get_by_text("有异议").click()
    page.get_by_label("说明").fill("原文为“2000余亩”（经另一进程）")
    page.get_by_role("button", name="记录结论").click()
    expect(page.get_by_text("已记录。")).to_be_visible(timeout=WAIT)
    other = new_page()
    open_page(other, two + obs)
    expect(other.locator('[data-testid="stMain"]')).to_contain_text("最新结论：有异议（Checker，")


@pytest.mark.browser
def test_a_submission_accepted_through_one_process_is_built_once_and_shown_by_both(two_apps, new_page, tmp_path):
    one, two = two_apps
    clerk = new_page()
    sign_in(clerk, one, "clerk", "/data_update")
    path = tmp_path / "月报.csv"
    expect(upload(clerk, one, path, "gas_pipe_laid,6100,,2025-01-31,燃气公司月报,,\n", "Success")).to_contain_text(
        f"已提交 {path.name}", timeout=60_000)
    number = re.search(r"#(\d+)", clerk.locator('[data-testid="stAlertContentSuccess"]').inner_text()).group(1)
    checker = new_page()
    sign_in(checker, two, "checker", "/review")
    card = checker.locator(f".st-key-submission-{number}")
    expect(card).to_contain_text(f"#{number} · {path.name}")  # submitted through one, reviewed through two
    card.get_by_role("button", name="采纳").click()
    expect(checker.locator('[data-testid="stAlertContentSuccess"]')).to_contain_text(f"已采纳 #{number}",
                                                                                      timeout=90_000)
    wait_live(checker, two)
    for base in (one, two):
        page = new_page()
        open_page(page, base + "/theme?page=factor_guarantees")
        expect(page.locator('[data-testid="stMetricValue"]', has_text="6100 米")).to_be_visible()
    screenshot(page, "replica-after-update-zh")


def test_new_builds_are_published_under_load_without_an_error_in_any_session():
    """Four sessions on two app processes behind nginx for 30 s while the worker publishes a
    build every 2 s (each from a one-row SYNTHETIC update file, in a temp dir)."""
    def run() -> tuple:
        with loadtest.publishing(2) as (db, env, feed):
            with loadtest.target(db, 2, env) as (url, apps), worker(db, env=env, poll=0.5):
                loadtest.warm(apps, loadtest.page_paths("zh"))
                with feed():
                    stats = loadtest.drive(url, 4, 30, loadtest.page_paths())
            return stats, loadtest.published(env)

    # In a thread of its own: the browser tests' Playwright keeps an event loop in this one.
    with ThreadPoolExecutor(1) as pool:
        stats, builds = pool.submit(run).result(timeout=600)
    assert stats.errors == [] and stats.runs >= 20 and builds >= 3, (stats.runs, builds)
