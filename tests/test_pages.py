"""Every page runs in both languages and shows its key figures (AppTest: no browser)."""
import pytest
from streamlit.testing.v1 import AppTest

from common import settings

PAGES = {  # page: ([title zh, title en], figures shown in zh, figures shown in en)
    "overview": (
        ["总览", "Overview"],
        ["19/20", "58/60", "601 项", "294 项", "−22.56%", "−0.06 元/立方米", "2000+ 亩"],
        ["19 of 20", "58 of 60", "601 items", "294 items", "−22.56%", "−0.06 yuan/m³", "2,000+ mu"]),
    "problem_areas": (["问题领域", "Problem areas"], ["7 次", "40+ 份", "28 天"], ["7 times", "40+ copies"]),
    "gov_services": (
        ["政务服务", "Government services"],
        ["601 项", "294 项", "242 项", "35 项", "2 个工作日", "28 天"],
        ["601 items", "242 items", "2 working days", "3 working days", "28 days"]),
    "environment": (
        ["生态环境", "Environment & smart supervision"],
        ["−22.56%", "31 次", "6 个", "Ⅳ类"],
        ["−22.56%", "31 times", "class Ⅳ"]),
    "factor_guarantees": (
        ["要素保障", "Factor guarantees"],
        ["2000+ 亩", "442 亩", "9.4 亿元", "−0.06 元/立方米", "5945 米"],
        ["2,000+ mu", "442 mu", "940 million yuan", "−0.06 yuan/m³", "5,945 m"]),
}


SCRIPTS = {"overview": "dashboard.py", "problem_areas": "pages/1_problem_areas.py", "export": "pages/3_export.py",
           "spot_check": "pages/4_spot_check.py", "data_update": "pages/5_data_update.py"}


def run(page: str, lang: str, **params) -> AppTest:
    """A fixed page by id, or one of the report's own pages (drawn by the theme page)."""
    at = AppTest.from_file(str(settings.ROOT / "dashboard.py"), default_timeout=30)
    if page not in SCRIPTS:
        params["page"] = page
    at.query_params.update(lang=lang, **params)
    return at.switch_page(SCRIPTS.get(page, "pages/2_theme.py")).run()


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_runs_and_shows_its_figures(app_db, page, lang):
    titles, zh_values, en_values = PAGES[page]
    at = run(page, lang)
    assert not at.exception and not at.error
    assert at.title[0].value == titles[lang == "en"]
    shown = [m.value for m in at.metric]
    assert [v for v in (en_values if lang == "en" else zh_values) if v not in shown] == []


@pytest.mark.parametrize("page", PAGES)
def test_every_page_draws_a_chart(app_db, page):
    assert len(run(page, "zh").get("plotly_chart")) >= 1


def test_charts_carry_source_and_as_of(app_db):
    spec = run("overview", "en").get("plotly_chart")[0].proto.spec
    assert "as of 2024-11-25" in spec and "Inspection Office of the CPC Taizhou Municipal Committee" in spec


def test_area_from_url_opens_that_area(app_db):
    at = run("problem_areas", "zh", area="7")
    assert at.selectbox[0].value == 7
    assert "2000+ 亩" in [m.value for m in at.metric]


def test_area_page_states_status_as_not_stated(app_db):
    at = run("problem_areas", "en", area="2")
    assert [m.value for m in at.markdown if m.value.startswith("**Status:")] == ["**Status:** not stated"] * 3


def test_missing_database_says_how_to_build_it(monkeypatch, tmp_path):
    monkeypatch.setattr(settings, "DB_PATH", tmp_path / "none.duckdb")
    at = run("overview", "zh")
    assert not at.exception
    assert at.error[0].value == "数据库尚未生成。请在项目目录运行：make db（或 python -m etl build），然后刷新本页。"


def test_source_popover_shows_the_sentence_with_the_number_marked(app_db):
    at = run("overview", "zh")
    bodies = [m.value for m in at.markdown]
    assert "对存量土地进行全面排查,完成:orange-background[**2000余亩**]土地收回工作。" in [
        b.replace("\\", "") for b in bodies]


def test_script_in_a_catalog_name_is_shown_as_text(ws, monkeypatch):
    from etl import cli

    ws.edit("indicators.yml", lambda es: ws.entry(es, "id", "land_recovered").update(
        name_zh="<script>alert(1)</script>收回存量土地"))
    assert cli.run("build", ws.db) == 0
    at = run("problem_areas", "zh", area="7")
    assert "<script>alert(1)</script>收回存量土地" in [m.label for m in at.metric]
    assert not [m.value for m in at.markdown if "<script>" in m.value.replace("\\<", "")]


def test_no_code_allows_unsafe_html():
    files = [p for d in ("kpi", "pages", "etl", "app", "common") for p in (settings.ROOT / d).glob("**/*.py")]
    files.append(settings.ROOT / "dashboard.py")
    assert [p.name for p in files if "unsafe_allow_html" in p.read_text(encoding="utf-8")] == []


@pytest.mark.parametrize("lang, button", [("zh", "生成简报包"), ("en", "Build the briefing pack")])
def test_export_page_offers_the_pack(app_db, lang, button):
    at = run("export", lang)
    assert not at.exception and not at.error
    assert [b.label for b in at.button] == [button]


def test_without_a_browser_pages_say_so_and_keep_csv(app_db, monkeypatch):
    monkeypatch.setattr(settings, "CHROMIUM", "/nonexistent/chromium")
    at = run("gov_services", "en")
    assert not at.exception
    assert sum(c.value.startswith("The server has no Chromium") for c in at.caption) == 2
    labels = [b.proto.label for b in at.get("download_button")]
    assert (labels.count("PNG image"), labels.count("CSV table"), labels.count("Excel workbook")) == (0, 2, 2)
    assert run("export", "en").warning[0].value.startswith("The server has no Chromium")


def test_each_chart_offers_png_csv_and_xlsx(app_db):
    labels = [b.proto.label for b in run("gov_services", "zh").get("download_button")]
    assert labels == ["PNG 图片", "CSV 表格", "Excel 表格"] * 2


@pytest.mark.parametrize("lang, label", [("zh", "下载报送模板（XLSX）"), ("en", "Download the update template (XLSX)")])
def test_data_update_page_offers_the_template_to_all_and_the_upload_to_a_submitter(app_db, people, monkeypatch,
                                                                                     lang, label):
    from app import auth

    at = run("data_update", lang)
    assert not at.exception and not at.error
    assert [b.proto.label for b in at.get("download_button")] == [label]
    assert len(at.get("file_uploader")) == 0 and len(at.info) == 1
    monkeypatch.setattr(auth, "current_actor", lambda: people[1]["clerk"])
    assert len(run("data_update", lang).get("file_uploader")) == 1


def test_overview_shows_the_ledger_counts(app_db):
    at = run("overview", "en")
    assert [m.value for m in at.markdown if "no deadline reported" in m.value] == [
        ":gray[○] no deadline reported 20", ":gray[○] no deadline reported 61"]
