"""The faults of issue #11 that showed in the browser, reproduced in Debian's headless Chromium
against a server of their own: an upload that failed was reported as saved; markup in names
was drawn by Plotly; a corrupt database left every page blank but for an exception's name.

This server's catalog is a copy whose short title is markup, so every chart caption carries it.
Screenshots go to artifacts/screenshots/faults-*.png.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest
import yaml

from tests.conftest import REAL_CATALOG, REAL_SOURCES, REPORT
from tests.faults import held
from tests.serve import ROOT, serve
from tests.test_browser import (  # noqa: F401  (new_page is a fixture)
    HEADER,
    WAIT,
    make_people,
    new_page,
    open_page,
    screenshot,
    sign_in,
    wait_charts,
    wait_idle,
)

pytestmark = pytest.mark.browser

sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect

# Markup Plotly would draw (40-px red text, a link out) if it were not escaped.
SHORT_TITLE = "<span style='font-size:40px;fill:red'>巡察办</span><a href='http://evil.example'>点此</a>"


@pytest.fixture(scope="module")
def server_dir(tmp_path_factory):
    """A private catalog (the report's short title is markup), store and database built twice (so a last good
    build is kept beside the newest)."""
    tmp = tmp_path_factory.mktemp("faults")
    shutil.copytree(REAL_SOURCES, tmp / "sources")
    shutil.copytree(REAL_CATALOG, tmp / "catalog")
    report_yml = tmp / "catalog" / REPORT / "report.yml"
    meta = yaml.safe_load(report_yml.read_text(encoding="utf-8"))
    meta["short_title"]["zh"] = SHORT_TITLE
    report_yml.write_text(yaml.safe_dump(meta, allow_unicode=True, sort_keys=False), encoding="utf-8")
    env = env_of(tmp)
    for _ in range(2):
        done = subprocess.run([sys.executable, "-m", "etl", "build"], cwd=ROOT, env={**os.environ, **env},
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
    make_people(f"sqlite:///{tmp / 'store.sqlite'}")
    return tmp


def env_of(tmp) -> dict:
    return {"KPI_DB": str(tmp / "kpi.duckdb"), "KPI_SOURCES_DIR": str(tmp / "sources"),
            "KPI_CATALOG_DIR": str(tmp / "catalog"), "KPI_UPDATES_DIR": str(tmp / "updates"),
            "KPI_STORE": str(tmp / "store.sqlite"), "KPI_BUILD_LOG": str(tmp / "builds.jsonl"),
            "KPI_STORE_BUSY_TIMEOUT": "1"}


@pytest.fixture(scope="module")
def base_url(server_dir):
    with serve(server_dir / "kpi.duckdb", env=env_of(server_dir)) as url:
        yield url


def choose_file(page, name: str, text: str) -> None:
    """Give the data-update page's uploader a file of this name and content (any name a
    browser may send, even one no file system would hold)."""
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": text.encode("utf-8")})


def alert(page, kind: str):
    return page.locator(f'[data-testid="stAlertContent{kind}"]')


# 1.
def test_an_upload_that_could_not_be_stored_is_never_reported_as_submitted(base_url, new_page, server_dir):
    import store

    page = new_page()
    sign_in(page, base_url, "clerk", "/data_update")
    open_page(page, base_url + "/data_update")
    choose_file(page, "F1.csv", HEADER + "gas_pipe_laid,6100,,2025-01-31,燃气公司月报,,\n")
    expect(alert(page, "Success")).to_have_text("已提交 F1.csv（编号 #1），等待审核。", timeout=60_000)
    f2 = HEADER + "gas_pipe_laid,6200,,2025-02-28,燃气公司月报,,\n"
    with held(server_dir / "store.sqlite"):
        choose_file(page, "F2.csv", f2)
        expect(alert(page, "Error")).to_have_text("记录库正忙，文件尚未提交，请稍后重新选择文件。", timeout=60_000)
        expect(alert(page, "Success")).to_have_count(0)
    choose_file(page, "F2.csv", f2)
    expect(alert(page, "Success")).to_have_text("已提交 F2.csv（编号 #2），等待审核。", timeout=60_000)
    listing = store.open_store(f"sqlite:///{server_dir / 'store.sqlite'}").submissions.listing()
    assert listing[["id", "file_name", "state"]].values.tolist() == [[2, "F2.csv", "pending"], [1, "F1.csv", "pending"]]


# 4. and 7.
def test_a_file_name_with_markup_is_refused_and_shown_as_text(base_url, new_page):
    page = new_page()
    sign_in(page, base_url, "clerk", "/data_update")
    name = "<span style='font-size:40px;fill:red'>月报</span>.csv"
    choose_file(page, name, HEADER + "gas_pipe_laid,6300,,2025-03-31,燃气公司月报,,\n")
    expect(alert(page, "Error")).to_contain_text("发现 1 个问题", timeout=60_000)
    expect(alert(page, "Success")).to_have_count(0)
    assert page.locator('[data-testid="stMain"] span[style*="40px"]').count() == 0
    choose_file(page, ".hidden.csv", HEADER + "gas_pipe_laid,6300,,2025-03-31,燃气公司月报,,\n")
    expect(alert(page, "Error")).to_contain_text("发现 1 个问题", timeout=60_000)


def test_markup_in_a_caption_is_drawn_as_text_by_plotly(base_url, new_page):
    page = new_page()
    open_page(page, base_url + "/")
    wait_charts(page, 2)
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    expect(chart).to_contain_text("<span style='font-size:40px;fill:red'>巡察办</span><a href='http://evil.example'>")
    assert page.locator('[data-testid="stPlotlyChart"] a').count() == 0  # no link drawn
    assert page.locator('[data-testid="stPlotlyChart"] text[style*="40px"], '
                        '[data-testid="stPlotlyChart"] tspan[style*="40px"]').count() == 0
    screenshot(page, "faults-caption-markup-zh")


# 9. Last: it breaks the server's newest build.
def test_a_truncated_database_shows_the_last_good_build_with_a_banner(base_url, new_page, server_dir):
    current = (server_dir / "kpi.duckdb").resolve()
    with open(current, "r+b") as f:
        f.truncate(100_000)
    page = new_page()
    open_page(page, base_url + "/")
    expect(alert(page, "Warning")).to_contain_text(re.compile(
        r"最新的数据库文件无法读取，本页显示的是上一个完好的版本（生成于 \d{4}-\d\d-\d\d \d\d:\d\d UTC）。"))
    wait_charts(page, 2)
    expect(page.locator('[data-testid="stMetricValue"]', has_text="2000+ 亩")).to_be_visible()
    screenshot(page, "faults-fallback-zh")
    sign_in(page, base_url, "clerk", "/data_update")
    open_page(page, base_url + "/data_update")
    expect(page.locator("h1")).to_have_text("数据更新", timeout=WAIT)
    expect(alert(page, "Warning")).to_contain_text("最新的数据库文件无法读取")
    expect(page.locator('[data-testid="stFileUploaderDropzoneInput"]')).to_have_count(1)
    wait_idle(page)
