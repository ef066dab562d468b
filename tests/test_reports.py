"""Two reports in one database: the real one and a small fictitious one (tests/fixtures/demo-report).
Each page, check, chart, export and spot-check shows one report's data and nothing of the other's."""
import urllib.parse

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from common import settings
from etl import cli
from kpi import charts, exports, facts, ledger, reports, spotcheck
from tests.conftest import DEMO, REPORT

SCRIPTS = {"overview": "dashboard.py", "problem_areas": "pages/1_problem_areas.py", "theme": "pages/2_theme.py",
           "spot_check": "pages/4_spot_check.py", "data_update": "pages/5_data_update.py"}


@pytest.fixture
def both(ws):
    ws.add_demo()
    assert cli.run("build", ws.db) == 0
    return ws


def run(script: str, lang: str = "zh", **params) -> AppTest:
    at = AppTest.from_file(str(settings.ROOT / "dashboard.py"), default_timeout=30)
    at.query_params.update(lang=lang, **params)
    return at.switch_page(SCRIPTS[script]).run()


def shown(at: AppTest) -> str:
    """Everything a page says, as one string (markdown escapes removed)."""
    parts = [e.value for kind in ("title", "subheader", "markdown", "caption", "info", "warning", "error")
             for e in getattr(at, kind)]
    parts += [m.label + " " + m.value for m in at.metric]
    return " ".join(parts).replace("\\", "")


def test_both_reports_load_and_the_newest_is_the_default(both):
    assert reports.ids() == [DEMO, REPORT]  # the demo's document is as of 2026-06-30
    assert reports.resolve(None) == DEMO and reports.resolve(REPORT) == REPORT


def test_codes_and_indicator_ids_are_unique_within_a_report_only(both):
    with duckdb.connect(str(both.db), read_only=True) as con:
        rows = con.execute("SELECT report_id, value FROM indicator_facts WHERE indicator_id = 'problems_total' "
                           "ORDER BY report_id").fetchall()
        codes = con.execute("SELECT report_id, count(*) FROM problems WHERE problem_code = '1.1' GROUP BY 1 "
                            "ORDER BY 1").fetchall()
    assert rows == [(DEMO, 3.0), (REPORT, 20.0)] and codes == [(DEMO, 1), (REPORT, 1)]


def test_each_report_reads_only_its_own_rows(both):
    for rid in (DEMO, REPORT):
        for frame in (facts.latest(rid), facts.checks(rid).assign(report_id=rid), spotcheck.observations(rid),
                      ledger.status(rid)):
            assert set(frame.get("report_id", pd.Series([rid]))) == {rid}
        sources = set(facts.sources(rid)["source_id"])
        assert set(spotcheck.observations(rid)["source_id"]) <= sources
    assert len(spotcheck.observations(DEMO)) == 12 and len(ledger.status(DEMO)) == 3 + 5


def test_each_report_has_its_own_checks(both):
    demo = facts.checks(DEMO).set_index("check_id")["result"].to_dict()
    real = facts.checks(REPORT).set_index("check_id")["result"].to_dict()
    assert demo["stated_vs_enumerated:measures"] == "pass" and real["stated_vs_enumerated:measures"] == "fails"
    assert demo["completion_rate:problems_rectified"] == "note"
    assert facts.checks(DEMO)["explanation_zh"].str.contains("2/3").any()


def test_charts_and_exports_of_a_report_name_only_its_document(both):
    for rid, other in ((DEMO, "台州湾"), (REPORT, "示例")):
        for chart in charts.all_charts(rid, "zh"):
            text = exports.csv_bytes(exports.table(chart, "zh")).decode("utf-8-sig") + exports.footer("zh", chart)
            assert other not in text, (rid, chart.id)
            assert other not in chart.figure.to_json(), (rid, chart.id)


def test_demo_overview_shows_its_figures_and_none_of_the_real_ones(both):
    at = run("overview", report=DEMO)
    assert not at.exception and not at.error
    values = [m.value for m in at.metric]
    assert values[:2] == ["2/3", "4/5"] and "4 个工作日" in values
    text = shown(at)
    assert "19/20" not in text and "601" not in text and "台州湾" not in text


def test_real_overview_is_reachable_by_url_and_shows_nothing_of_the_demo(both):
    at = run("overview", report=REPORT)
    assert [m.value for m in at.metric][:2] == ["19/20", "58/60"]
    assert "示例" not in shown(at) and "虚构" not in shown(at)


def test_the_report_survives_page_changes_and_the_sidebar_shows_it(both):
    at = run("overview", report=REPORT)
    links = [dict(urllib.parse.parse_qsl(link.proto.query_string)) for link in at.get("page_link")]
    assert all(q.get("report") == REPORT and q.get("lang") == "zh" for q in links)
    assert [q.get("page") for q in links if "page" in q] == ["gov_services", "environment", "factor_guarantees"]
    assert f"报告编号：{REPORT}" in [c.value.replace("\\", "") for c in at.sidebar.caption]
    assert at.sidebar.selectbox[0].value == REPORT


def test_the_demo_has_its_own_pages(both):
    at = run("overview", report=DEMO)
    assert [dict(urllib.parse.parse_qsl(link.proto.query_string)).get("page") for link in at.get("page_link")
            if "page=" in link.proto.query_string] == ["dust"]
    page = run("theme", report=DEMO, page="dust")
    assert page.title[0].value == "扬尘治理（虚构）" and page.subheader[0].value == "PM10（2026年第二季度（较第一季度））"
    assert run("theme", report=REPORT, page="dust").error[0].value == "本报告没有“dust”页面。"


def test_an_unknown_report_in_the_url_is_said_and_the_newest_shown(both):
    at = run("overview", report="nope")
    assert at.warning[0].value == "没有编号为“nope”的报告；已显示最新的报告。"
    assert [m.value for m in at.metric][:2] == ["2/3", "4/5"]


def test_spot_check_lists_only_the_reports_observations(both):
    at = run("spot_check", report=DEMO)
    chooser = next(s for s in at.selectbox if s.label == "选择要核查的观测值")
    assert (len(chooser.options), chooser.value) == (12, "demo-2026-07-15:inspection_feedback")
    assert chooser.options[-1] == "2.1 · PM10平均浓度环比变化 · −12.5%"


def test_an_update_of_one_report_changes_only_that_report(both, monkeypatch):
    monkeypatch.setenv("KPI_TODAY", "2026-08-01")
    (both.updates(DEMO) / "q3.csv").write_text("indicator_id,value,qualifier,as_of,source,evidence,note\n"
                                               "problems_rectified,3,,2026-07-31,示例台账,,\n", encoding="utf-8")
    assert cli.run("build", both.db) == 0
    assert facts.completion(DEMO)["done"].tolist() == [3.0, 4.0]
    assert facts.completion(REPORT)["done"].tolist() == [19.0, 58.0]
