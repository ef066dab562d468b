"""Progress by problem area, from the ledger: statuses per area and level, completion rates,
lights at a glance, the drill-down with its sources, completions over time, the export."""
import io
import json

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from common import settings
from etl import cli
from kpi import charts, exports, facts, progress
from tests.conftest import REPORT

LEDGER = ("code,status,responsible_unit,responsible_leader,deadline,completed_on,signed_off_on,evidence,note,"
          "as_of,submitter\n"
          "2.1,已完成,企业服务中心,张三,2025-03-31,2025-02-20,2025-03-05,入驻名单,,,赵六\n"
          "2.2,已完成,行政审批局,李四,2025-03-31,2025-03-10,,下放清单,,,赵六\n"
          "2.3,已完成,行政审批局,李四,2025-03-31,2025-03-25,,流程图,,,赵六\n"
          "1.2,正在推进,党政办,王五,2025-04-15,,,,,2025-03-31,赵六\n")
STATUSES = ["completed", "in_progress", "ongoing", "extension_requested", "not_stated"]


@pytest.fixture
def reported(ws, monkeypatch):
    monkeypatch.setenv("KPI_TODAY", "2025-04-10")
    (ws.updates() / "台账.csv").write_text(LEDGER, encoding="utf-8")
    assert cli.run("build", ws.db) == 0
    return ws


def row(rows: pd.DataFrame, area: int, level: str) -> list:
    r = rows[(rows["area_no"] == area) & (rows["level"] == level)].iloc[0]
    return [int(r[s]) for s in STATUSES] + [int(r["done"]), int(r["total"]), r["rate"]]


def test_without_ledger_updates_every_area_is_not_stated(app_db):
    rows = progress.status_by_area(REPORT)
    assert (rows[STATUSES[:-1]].to_numpy() == 0).all() and rows["not_stated"].sum() == 20 + 61
    fig = charts.area_status(REPORT, "zh").figure
    assert {tr.name for tr in fig.data if any(tr.x)} == {"未说明"}
    assert charts.area_status(REPORT, "zh").notes[:2] == (
        "报告所称（截至 2024年11月25日）：问题 19/20、整改措施 58/60 已完成。",
        "“未说明”：报告只给出总数，部门也尚未在台账中报送这一项的状态；图中以灰色斜线表示。")


def test_the_ledger_gives_area_2_three_of_three_and_area_1_one_in_progress(reported):
    rows = progress.status_by_area(REPORT)
    assert row(rows, 2, "problem") == [3, 0, 0, 0, 0, 3, 3, 100.0]
    assert row(rows, 1, "problem") == [0, 1, 0, 0, 2, 0, 3, 0.0]
    assert row(rows, 2, "measure") == [0, 0, 0, 0, 8, 0, 8, 0.0]


def test_the_chart_draws_those_counts_with_rates(reported):
    spec = json.loads(charts.area_status(REPORT, "zh").figure.to_json())
    done = next(tr for tr in spec["data"] if tr["name"] == "已完成" and tr["yaxis"] == "y")
    at = {y.split(".")[0]: x for y, x in zip(done["y"], done["x"])}
    assert (at["2"], at["1"]) == (3, 0)
    assert "3/3 · 100%" in [a["text"] for a in spec["layout"]["annotations"]]


def test_the_drill_down_lists_the_rows_with_their_sources(reported):
    items = progress.items(REPORT, 2)
    problems = items[items["level"] == "problem"]
    assert problems[["code", "status", "source_title", "location", "submitter"]].values.tolist() == [
        ["2.1", "completed", "台账.csv", "row 2", "赵六"], ["2.2", "completed", "台账.csv", "row 3", "赵六"],
        ["2.3", "completed", "台账.csv", "row 4", "赵六"]]
    table = charts.area_items(REPORT, 2, "zh").table
    assert table.iloc[0].tolist() == ["2.1", "企业服务中心入驻力量不足", "已完成", "企业服务中心", "2025年3月31日",
                                      "2025年2月20日", "2025年3月5日", "■ 绿灯", "入驻名单", "台账.csv · row 2 · 赵六"]


def test_the_export_csv_holds_the_same_counts(reported):
    data = exports.csv_bytes(exports.table(charts.area_status(REPORT, "zh"), "zh"))
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    area2 = back[(back["问题领域"] == 2) & (back["层级"] == "问题")].iloc[0]
    assert (area2["已完成"], area2["未说明"], area2["合计"], area2["完成率（%）"]) == (3, 0, 3, 100.0)


def test_lights_at_a_glance_at_a_fixed_date(reported):
    lights = progress.lights_by_area(REPORT).set_index("area_no")
    assert lights.loc[2, ["red", "amber", "green", "none"]].tolist() == [0, 0, 3, 8]
    assert lights.loc[1, ["red", "amber", "green", "none"]].tolist() == [0, 1, 0, 12]  # due 2025-04-15


def test_lights_are_green_early_and_red_once_the_deadline_passes(reported, monkeypatch):
    monkeypatch.setenv("KPI_TODAY", "2025-04-04")
    assert progress.lights_by_area(REPORT).set_index("area_no").loc[1, "green"] == 1
    monkeypatch.setenv("KPI_TODAY", "2025-04-16")
    assert progress.lights_by_area(REPORT).set_index("area_no").loc[1, "red"] == 1


def test_completions_over_time_count_completion_and_sign_off_dates(reported):
    rows = progress.completed_over_time(REPORT, 2)
    assert [(str(r.date), r.level, r.event, r.n) for r in rows.itertuples()] == [
        ("2025-02-20", "problem", "completed", 1), ("2025-03-10", "problem", "completed", 2),
        ("2025-03-25", "problem", "completed", 3), ("2025-03-05", "problem", "signed_off", 1)]
    assert charts.area_over_time(REPORT, 1, "zh") is None  # area 1 reports no date of completion


def test_a_ledger_that_disagrees_with_the_reports_total_is_said(ws, monkeypatch):
    monkeypatch.setenv("KPI_TODAY", "2025-04-10")
    (ws.updates() / "台账.csv").write_text(LEDGER.replace("2025-02-20", "2024-11-20").replace(
        "2025-03-10", "2024-11-20").replace("2025-03-25", "2024-11-20").replace(",2025-03-05,", ",,"), encoding="utf-8")
    assert cli.run("build", ws.db) == 0
    check = facts.checks(REPORT).set_index("check_id").loc["ledger_vs_stated:problems"]
    assert (check["result"], check["explanation_zh"]) == (
        "fails", "报告称截至 2024-11-25 的已完成整改的问题为 19；台账中截至同日状态为“已完成”的有 3（已报送 3 项）。两者不一致。")
    assert check["explanation_zh"] in charts.area_status(REPORT, "zh").notes


def test_without_a_ledger_the_check_says_there_is_nothing_to_compare(app_db):
    check = facts.checks(REPORT).set_index("check_id").loc["ledger_vs_stated:measures"]
    assert (check["result"], check["explanation_en"]) == (
        "note", "The ledger reports no item status yet: nothing to compare with the measures completed (58) the "
                "report states as of 2024-11-25.")


def test_the_problem_areas_page_draws_status_lights_drill_down_and_over_time(reported):
    at = AppTest.from_file(str(settings.ROOT / "dashboard.py"), default_timeout=30)
    at.query_params.update(lang="en", area="2")
    at.switch_page("pages/1_problem_areas.py").run()
    assert not at.exception and not at.error
    titles = [json.loads(c.proto.spec)["layout"]["title"]["text"] for c in at.get("plotly_chart")][:2]
    assert titles == ["Progress by problem area (ledger as of 2025-03-31)",
                      "Problem area 2: completed and signed off over time"]
    frames = [d.value for d in at.dataframe]
    assert list(frames[0].columns) == ["Area", "● red (overdue)", "▲ amber (due soon)", "■ green",
                                       "○ no deadline reported"]
    assert frames[1]["Status"].tolist()[:4] == ["completed", "not stated", "not stated", "completed"]
