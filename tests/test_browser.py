"""The dashboard in a real browser: Debian's headless Chromium against one fresh server.

One private database and ONE freshly started server for the whole module; the first test
is the first interaction that server ever sees (a language switch), on purpose.
Screenshots go to artifacts/screenshots/<page>-<lang>.png.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time

import pytest

from tests.serve import ROOT, serve, worker

pytestmark = pytest.mark.browser

sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect

SHOTS = ROOT / "artifacts" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
WAIT = 30_000  # ms, for anything Streamlit does

# name, path, zh title, en title, at least this many charts
PAGES = [
    ("overview", "/", "总览", "Overview", 2),
    ("problem_areas", "/problem_areas", "问题领域", "Problem areas", 1),
    ("gov_services", "/theme?page=gov_services", "政务服务", "Government services", 2),
    ("environment", "/theme?page=environment", "生态环境", "Environment & smart supervision", 1),
    ("factor_guarantees", "/theme?page=factor_guarantees", "要素保障", "Factor guarantees", 1),
    ("export", "/export", "导出", "Export", 0),
    ("spot_check", "/spot_check", "指标核查", "Spot-check", 0),
    ("data_update", "/data_update", "数据更新", "Data update", 0),
]


# Accounts of the test server's store: name -> (role, department); each one's password is "<name>-password".
PEOPLE = {"admin": ("admin", None), "checker": ("checker", None), "viewer": ("viewer", None),
          "clerk": ("submitter", "自规分局"), "mallory": ("checker", None)}
# What mallory calls herself: markup that must stay text wherever her name is shown.
MALLORY = "<img src=x onerror=\"window.xss=1\">**粗体**[链接](http://evil.example)"
# What 自规分局 may report in these tests.
ASSIGNED = {"indicator": ["gas_pipe_laid", "problems_rectified", "tvoc_change"],
            "ledger": ["1.2", "2.1", "2.2", "2.3"]}


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("browser-db")
    path = tmp / "kpi.duckdb"
    env = {**os.environ, **server_env(path)}  # keep data/ untouched
    done = subprocess.run([sys.executable, "-m", "etl", "build", "--db", str(path)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"etl build failed:\n{done.stdout}\n{done.stderr}"
    make_people(f"sqlite:///{tmp / 'store.sqlite'}")
    return path


def server_env(db_path) -> dict:
    return {"KPI_UPDATES_DIR": str(db_path.parent / "updates"), "KPI_STORE": str(db_path.parent / "store.sqlite"),
            "KPI_BUILD_LOG": str(db_path.parent / "builds.jsonl")}


def make_people(url: str) -> None:
    """The store at url, its accounts and 自规分局's assignment, as an operator makes them."""
    import store
    from common.roles import Actor

    db = store.init_store(url)
    operator = Actor("cli:test", "admin", via="cli")
    for name, (role, department) in PEOPLE.items():
        db.accounts.add(operator, name, role, f"{name}-password", MALLORY if name == "mallory" else name.title(),
                        department)
    db.accounts.assign(operator, "自规分局", "progress-2025-02-25", ASSIGNED["indicator"], ASSIGNED["ledger"])


@pytest.fixture(scope="module")
def base_url(db_path):
    with serve(db_path, env=server_env(db_path)) as url, worker(db_path, env=server_env(db_path)):
        yield url


@pytest.fixture
def new_page(browser):
    """new_page(viewport) -> a page in its own context (so its own Streamlit session)."""
    contexts = []

    def make(viewport=DESKTOP):
        ctx = browser.new_context(viewport=viewport)
        ctx.set_default_timeout(WAIT)
        contexts.append(ctx)
        page = ctx.new_page()
        page.errors = []  # uncaught JS errors, for the failure messages
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        return page

    yield make
    for ctx in contexts:
        ctx.close()


def wait_idle(page, timeout: int = WAIT) -> None:
    """Connected, the script has run and is not running, and no 'Running...' indicator."""
    page.wait_for_function(
        """() => {
            const app = document.querySelector('[data-testid="stApp"]');
            if (!app || app.dataset.testConnectionState !== 'CONNECTED'
                || app.dataset.testScriptState !== 'notRunning') return false;
            const status = document.querySelector('[data-testid="stStatusWidget"]');
            return !status || !/running/i.test(status.textContent);
        }""", timeout=timeout)


def open_page(page, url: str) -> None:
    page.goto(url)
    wait_idle(page)
    expect(page.locator("h1")).to_be_visible()


def wait_charts(page, n: int, timeout: int = WAIT) -> None:
    """At least n Plotly charts, and every chart on the page has drawn its SVG."""
    page.wait_for_function(
        """n => { const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
                  return charts.length >= n && charts.every(c => c.querySelector('.main-svg')); }""",
        arg=n, timeout=timeout)


def sidebar_radio(page, label: str):
    return page.locator('[data-testid="stSidebar"] [data-testid="stRadioOption"]', has_text=label)


def sidebar_link(page, label: str):
    return page.locator('[data-testid="stSidebar"] [data-testid="stPageLink-NavLink"]', has_text=label)


def no_errors(page) -> None:
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    errors = page.locator('[data-testid="stAlertContentError"]')
    assert errors.count() == 0, f"error alert on {page.url}: {errors.all_inner_texts()}"


def screenshot(page, name: str) -> None:
    """The whole page. Streamlit scrolls inside <main>, not the document, so full_page alone
    would stop at the viewport: grow the viewport to the content's height first (a few
    rounds, in case the layout still moves), then put it back."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    # Widgets are lazy-loaded components: until their code arrives they show as grey skeletons.
    page.wait_for_function("""() => !document.querySelector(
        '[data-testid="stSkeleton"], [data-testid="stSkeletonElement"], [data-testid="stAppSkeleton"]')""")
    size = page.viewport_size
    for _ in range(5):
        height = page.evaluate("""() => Math.max(...['stMain', 'stSidebarContent'].map(id =>
            document.querySelector(`[data-testid="${id}"]`)?.scrollHeight || 0))""")
        if height <= page.viewport_size["height"]:
            break
        page.set_viewport_size({"width": size["width"], "height": height})
        page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)
    page.set_viewport_size(size)


LANG_EN = re.compile(r"[?&]lang=en(&|$)")


def sign_in(page, base_url: str, name: str, nxt: str = "/") -> None:
    """Sign in on the sign-in page as one of PEOPLE, and come back to nxt."""
    page.goto(f"{base_url}/account/login?lang=zh&next={nxt}")
    page.fill("#u", name)
    page.fill("#p", f"{name}-password")
    page.click("button[type=submit]")
    wait_idle(page)
    expect(page.locator('[data-testid="stSidebar"]')).to_contain_text("已登录：")


# a. Must stay first in this module: the first interaction the fresh server ever sees.
def test_first_interaction_on_fresh_server_switches_language(base_url, new_page):
    page = new_page()
    open_page(page, base_url + "/")
    expect(page.locator("h1")).to_have_text("总览")
    sidebar_radio(page, "English").click()
    expect(page.locator("h1")).to_have_text("Overview", timeout=15_000)
    expect(page).to_have_url(LANG_EN)
    wait_idle(page)
    expect(sidebar_link(page, "Government services")).to_be_visible()
    assert not page.errors, page.errors


# b.
def test_language_persists_across_pages(base_url, new_page):
    page = new_page()
    open_page(page, base_url + "/")
    sidebar_radio(page, "English").click()
    expect(page.locator("h1")).to_have_text("Overview")
    wait_idle(page)
    sidebar_link(page, "Government services").click()
    expect(page).to_have_url(re.compile(r"/theme\?(.*&)?lang=en(&|$)"))
    expect(page).to_have_url(re.compile(r"[?&]page=gov_services(&|$)"))
    expect(page).to_have_url(re.compile(r"[?&]report=progress-2025-02-25(&|$)"))
    expect(page.locator("h1")).to_have_text("Government services")
    wait_idle(page)
    expect(sidebar_radio(page, "English").locator("input")).to_be_checked()
    open_page(page, base_url + "/theme?page=environment&lang=en")
    expect(page.locator("h1")).to_have_text("Environment & smart supervision")
    expect(page).to_have_url(LANG_EN)


# c.
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name, path, zh, en, charts", PAGES, ids=[p[0] for p in PAGES])
def test_page_renders(base_url, new_page, name, path, zh, en, charts, lang):
    page = new_page()
    open_page(page, f"{base_url}{path}" + (("&" if "?" in path else "?") + "lang=en" if lang == "en" else ""))
    expect(page.locator("h1")).to_have_text(zh if lang == "zh" else en)
    wait_charts(page, charts)
    no_errors(page)
    if lang == "zh":
        main = page.locator('[data-testid="stMain"]').inner_text()
        assert len(re.findall(r"[\u4e00-\u9fff]", main)) > 20, "little or no Chinese text on the page"
    assert not page.errors, page.errors
    screenshot(page, f"{name}-{lang}")


def test_overview_on_a_phone(base_url, new_page):
    page = new_page(PHONE)
    open_page(page, base_url + "/")
    expect(page.locator("h1")).to_have_text("总览")
    wait_charts(page, 2)
    no_errors(page)
    screenshot(page, "overview-phone-zh")


# d.
def test_source_popover_shows_the_sentence(base_url, new_page):
    page = new_page()
    open_page(page, base_url + "/")
    page.locator('[data-testid="stPopoverButton"]', has_text="原文出处").first.click()
    body = page.locator('[data-testid="stPopoverBody"]')
    expect(body).to_be_visible()
    expect(body).to_contain_text(re.compile("截至|台州湾经济技术开发区党工委"))


# Downloads: only a real browser shows that the bytes arrive (AppTest exposes none).
def _download(page, label: str, timeout: int = WAIT, menu: str | None = None):
    """Click a download button (after opening the first download menu labelled menu) and return the download."""
    button = page.locator('[data-testid="stDownloadButton"] button', has_text=label).first
    if menu and not button.is_visible():
        page.locator('[data-testid="stPopoverButton"]', has_text=menu).first.click()
    button.wait_for(state="visible", timeout=timeout)  # the pack's button appears once it is built
    with page.expect_download(timeout=timeout) as info:
        button.click()
    return info.value


def test_chart_downloads_arrive_as_csv_and_png(base_url, new_page):
    page = new_page()
    open_page(page, base_url + "/theme?page=gov_services")
    wait_charts(page, 2)
    csv = _download(page, "CSV 表格", menu="下载")
    assert csv.suggested_filename == "政务服务_政务服务事项_2024-11-25.csv"
    assert open(csv.path(), "rb").read(3) == b"\xef\xbb\xbf"
    png = _download(page, "PNG 图片", timeout=60_000, menu="下载")  # the server's first PNG starts its Chromium
    assert png.suggested_filename == "政务服务_政务服务事项_2024-11-25.png"
    assert open(png.path(), "rb").read(8) == b"\x89PNG\r\n\x1a\n"


def test_export_page_builds_and_downloads_the_pack(base_url, new_page):
    import zipfile

    page = new_page()
    open_page(page, base_url + "/export")
    page.get_by_role("button", name="生成简报包").click()
    download = _download(page, "下载简报包", timeout=120_000)
    assert download.suggested_filename == "巡察整改简报包_2024-11-25.zip"
    names = zipfile.ZipFile(download.path()).namelist()
    assert "index.csv" in names and "巡察整改简报_2024-11-25.pptx" in names


HEADER = "indicator_id,value,qualifier,as_of,source,evidence,note\n"


def upload(page, base_url: str, path, rows: str, alert: str, header: str = HEADER):
    """Write a CSV of rows, submit it on the data-update page; the alert's locator."""
    path.write_text(header + rows, encoding="utf-8")
    open_page(page, base_url + "/data_update")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(path))
    return page.locator(f'[data-testid="stAlertContent{alert}"]')


def submit_and_accept(new_page, base_url: str, path, rows: str, header: str = HEADER) -> None:
    """The clerk submits a file; the checker accepts it on the review page (and the data is rebuilt)."""
    clerk = new_page()
    sign_in(clerk, base_url, "clerk", "/data_update")
    expect(upload(clerk, base_url, path, rows, "Success", header)).to_contain_text(f"已提交 {path.name}",
                                                                                    timeout=60_000)
    number = re.search(r"#(\d+)", clerk.locator('[data-testid="stAlertContentSuccess"]').inner_text()).group(1)
    checker = new_page()
    sign_in(checker, base_url, "checker", "/review")
    expect(checker.locator("h1")).to_have_text("审核")
    card = checker.locator(f".st-key-submission-{number}")
    expect(card).to_contain_text(f"#{number} · {path.name}")
    card.get_by_role("button", name="采纳").click()
    expect(checker.locator('[data-testid="stAlertContentSuccess"]')).to_contain_text(f"已采纳 #{number}",
                                                                                      timeout=90_000)
    wait_live(checker, base_url)


def wait_live(checker, base_url: str) -> None:
    """The app never builds: the build worker beside it publishes the new build, and the review
    page (reloaded until then) says when every accepted file is live."""
    deadline = time.monotonic() + 90
    while "所有已采纳的报送均已上线" not in checker.locator('[data-testid="stMain"]').inner_text():
        assert time.monotonic() < deadline, "the worker did not publish the accepted submission in 90 s"
        time.sleep(1)
        open_page(checker, base_url + "/review")


def test_a_submission_once_accepted_shows_the_new_value(base_url, new_page, db_path, tmp_path):
    submit_and_accept(new_page, base_url, tmp_path / "月报.csv", "gas_pipe_laid,6100,,2025-01-31,燃气公司月报,,\n")
    page = new_page()
    open_page(page, base_url + "/theme?page=factor_guarantees")
    expect(page.locator('[data-testid="stMetricValue"]', has_text="6100 米")).to_be_visible()


def test_a_bad_file_lists_its_problems_in_chinese(base_url, new_page, tmp_path):
    page = new_page()
    sign_in(page, base_url, "clerk", "/data_update")
    refused = upload(page, base_url, tmp_path / "坏.csv", "gas_pipe_laid,六千,,2025-01-31,燃气公司月报,,\n", "Error")
    expect(refused).to_contain_text("发现 1 个问题", timeout=60_000)
    expect(page.locator('[data-testid="stDataFrame"]').first).to_be_visible()


def test_after_an_update_every_view_speaks_of_the_newest_figures(base_url, new_page, tmp_path):
    """The department's file says 20 problems rectified and TVOC −30% as of 2025-03-31: the overview
    shows 20/20 and no 19/20 outside the source popovers; the TVOC chart reaches 2025年第一季度."""
    submit_and_accept(new_page, base_url, tmp_path / "季报.csv", "problems_rectified,20,,2025-03-31,整改办季报,销号清单,\n"
                      "tvoc_change,-30,,2025-03-31,生态环境分局季报,监测报告,\n")
    page = new_page()
    open_page(page, base_url + "/")
    wait_charts(page, 2)
    main = page.locator('[data-testid="stMain"]')
    expect(page.locator('[data-testid="stMetricValue"]', has_text="20/20")).to_be_visible()
    assert "19/20" not in main.inner_text()
    expect(main).to_contain_text("截至 2025年3月31日：问题 20/20")
    expect(page.locator('[data-testid="stPlotlyChart"]').first).to_contain_text("部门报送：季报.csv（截至 2025-03-31）")
    open_page(page, base_url + "/theme?page=environment")
    wait_charts(page, 1)
    expect(page.locator('[data-testid="stPlotlyChart"]').first).to_contain_text("2025年第一季度")
    screenshot(page, "environment-after-update-zh")


def test_the_problem_areas_page_draws_progress_from_an_accepted_ledger(base_url, new_page, tmp_path):
    submit_and_accept(new_page, base_url, tmp_path / "台账.csv",
                      "2.1,已完成,企业服务中心,张三,2025-03-31,2025-02-20,,,,\n"
                      "2.2,已完成,行政审批局,李四,2025-03-31,2025-03-10,,,,\n2.3,已完成,行政审批局,李四,2025-03-31,"
                      "2025-03-25,,,,\n1.2,正在推进,党政办,王五,2025-04-15,,,,,2025-03-31\n",
                      "code,status,responsible_unit,responsible_leader,deadline,completed_on,signed_off_on,evidence,"
                      "note,as_of\n")
    page = new_page()
    open_page(page, base_url + "/problem_areas?area=2")
    wait_charts(page, 2)
    status = page.locator('[data-testid="stPlotlyChart"]').first
    expect(status).to_contain_text("各问题领域整改进展（台账截至 2025年3月31日）")
    expect(status).to_contain_text("3/3 · 100%")
    expect(status).to_contain_text("正在推进")
    screenshot(page, "problem_areas-progress-zh")


def sidebar_links(page) -> list[str]:
    """The page links of the sidebar, once it has drawn them."""
    expect(sidebar_link(page, "总览")).to_be_visible()
    texts = page.locator('[data-testid="stSidebar"] [data-testid="stPageLink-NavLink"]').all_inner_texts()
    return [text.split("\n")[-1] for text in texts]  # without the icon's name


def test_a_viewer_browses_and_exports_but_reviews_manages_and_records_nothing(base_url, new_page):
    page = new_page()
    sign_in(page, base_url, "viewer", "/spot_check?obs=report-2025-02-25:land_recovered")
    expect(page.locator('[data-testid="stSidebar"]')).to_contain_text("已登录：Viewer（查看者）")
    assert "审核" not in sidebar_links(page) and "管理" not in sidebar_links(page)
    expect(page.get_by_text("核查员和管理员登录后可以记录核查结论。")).to_be_visible()
    expect(page.get_by_role("button", name="记录结论")).to_have_count(0)
    open_page(page, base_url + "/review")
    expect(page.locator('[data-testid="stAlertContentWarning"]')).to_have_text("您的角色（查看者）不能使用本页。")
    open_page(page, base_url + "/data_update")
    expect(page.locator('[data-testid="stFileUploaderDropzoneInput"]')).to_have_count(0)


def test_a_checker_records_a_verdict_as_themselves(base_url, new_page):
    page = new_page()
    sign_in(page, base_url, "checker", "/spot_check?obs=report-2025-02-25:land_recovered")
    page.locator('[data-testid="stRadio"]', has_text="有异议").get_by_text("有异议").click()
    page.get_by_label("说明").fill("原文为“2000余亩”")
    page.get_by_role("button", name="记录结论").click()
    expect(page.get_by_text("已记录。")).to_be_visible(timeout=WAIT)
    expect(page.locator('[data-testid="stMain"]')).to_contain_text("最新结论：有异议（Checker，")
    expect(page.get_by_label("核查人")).to_have_count(0)  # no name box: the account signed in is the checker


def test_markup_in_a_name_stays_text(base_url, new_page):
    page = new_page()
    sign_in(page, base_url, "mallory", "/")
    expect(page.locator('[data-testid="stSidebar"]')).to_contain_text('<img src=x onerror="window.xss=1">**粗体**')
    assert page.evaluate("() => window.xss") is None
    assert page.locator('[data-testid="stSidebar"] a[href="http://evil.example"]').count() == 0


def test_an_admin_manages_accounts_and_reads_the_audit_log(base_url, new_page):
    page = new_page()
    sign_in(page, base_url, "admin", "/admin")
    expect(page.locator("h1")).to_have_text("管理")
    assert "管理" in sidebar_links(page) and "审核" in sidebar_links(page)
    page.get_by_label("用户名").first.fill("zhao")
    page.get_by_label("姓名").first.fill("赵六")
    page.get_by_label("密码").first.fill("zhao-password")
    page.get_by_role("button", name="新增账号").click()
    expect(page.locator('[data-testid="stAlertContentSuccess"]')).to_have_text("已新增账号 zhao。")
    page.get_by_role("tab", name="审计日志").click()
    expect(page.get_by_text(re.compile(r"最近 \d+ 条"))).to_be_visible()
    screenshot(page, "admin-audit-zh")


def test_signing_out_leaves_a_reader_who_can_only_browse(base_url, new_page):
    page = new_page()
    sign_in(page, base_url, "checker", "/")
    page.locator('[data-testid="stSidebar"] a.kpi-account', has_text="退出登录").click()
    page.get_by_role("button", name="退出登录").click()
    wait_idle(page)
    expect(page.locator('[data-testid="stSidebar"]')).to_contain_text("未登录（只能查看）")
