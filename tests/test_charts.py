"""Plots are pure functions (theme, colours by good direction, honest units); the chart registry
builds a report's charts from its dashboard.yml and the newest data."""
import json

import pandas as pd
import plotly.graph_objects as go

from kpi import charts, facts, plots
from tests.conftest import REPORT

APPROVALS = ["work_injury_review_days", "water_approval_days", "project_signing_to_start_days"]
LAND = ["land_recovered", "low_efficiency_land_started"]


def test_good_colour_follows_direction_not_sign():
    assert [plots.good_colour("down", -3), plots.good_colour("down", 2), plots.good_colour("up", 5),
            plots.good_colour("none", -1)] == [plots.GOOD, plots.BAD, plots.GOOD, plots.NEUTRAL]


def test_every_figure_has_explicit_template_title_and_caption(app_db):
    latest = facts.latest(REPORT)
    figs = [plots.completion_bars(facts.completion(REPORT, latest), "zh", "T1", "C1"),
            plots.table_figure(pd.DataFrame({"a": ["x"]}), "T2", "C2"),
            plots.before_after(facts.rows_for(REPORT, APPROVALS, latest), "zh", "T3", "C3"),
            plots.index_bars(pd.DataFrame({"label": ["a", "b"], "index": [100, 77.44], "change": [None, -22.56],
                                           "direction": ["none", "down"]}), "zh", "T4", "C4", "A"),
            plots.unit_bars(facts.rows_for(REPORT, LAND, latest), "zh", "T5", "C5")]
    assert [(f.layout.title.text, f.layout.title.subtitle.text) for f in figs] == [
        (f"T{i}", f"C{i}") for i in range(1, 6)]
    assert all(f.layout.template.layout.font.family.startswith("Noto Sans CJK SC") for f in figs)
    assert not any(isinstance(tr, go.Scattergl) for f in figs for tr in f.data)


def test_tvoc_is_an_index_from_its_comparison_period(app_db):
    chart = charts.get(REPORT, "tvoc_index", "zh")
    bars = chart.figure.data[0]
    assert (list(bars.x), list(bars.y)) == (["2024年第二季度", "2024年第三季度"], [100, 77.44])
    assert bars.marker.color[1] == plots.GOOD
    assert chart.title == "园区TVOC平均值（2024年第二季度 = 100）"


def test_index_points_chain_each_change_onto_the_previous_point():
    rows = pd.DataFrame({"period": ["2024Q3 vs 2024Q2", "2025Q1 vs 2024Q3", "2025Q3 vs 2025Q2"],
                         "value": [-22.56, -30.0, 5.0], "direction": ["down"] * 3})
    points, gaps, base = charts.index_points(rows, "en")
    assert (base, list(points["label"]), list(points["index"])) == (
        "Q2 2024", ["Q2 2024", "Q3 2024", "Q1 2025"], [100.0, 77.44, 54.21])
    assert gaps == ["The change for Q3 2025 is against Q2 2025, which has no value, so it cannot join the index; "
                    "see the values reported over time."]


def test_dumbbell_says_months_were_converted(app_db):
    fig = plots.before_after(facts.rows_for(REPORT, APPROVALS), "zh", "T", "C")
    labels = [tr.text[0] for tr in fig.data if tr.text is not None]
    assert labels == ["5 个工作日", "2 个工作日", "5 个工作日", "3 个工作日", "6 个月 (≈180 天)", "28 天"]
    assert charts.get(REPORT, "approval_times", "zh").notes == (
        "6个月按每月30天折算约为180天，仅用于作图；原文为“6个月”。",)


def test_more_than_bars_are_hatched_and_labelled_plus(app_db):
    fig = plots.unit_bars(facts.rows_for(REPORT, LAND), "en", "T", "C")
    assert list(fig.data[0].text) == ["2,000+ mu", "442 mu"]
    assert list(fig.data[0].marker.pattern.shape) == ["/", ""]
    assert charts.get(REPORT, "land", "en").notes == (
        '"+" means the source says "more than" (余/多): the true value exceeds the bar.',)


def test_markup_in_data_is_drawn_as_text(app_db):
    rows = facts.rows_for(REPORT, LAND).assign(name_zh=["<span style='font-size:40px'>大</span>", "<a href='x'>链</a>"])
    spec = json.loads(plots.unit_bars(rows, "zh", "T", "C").to_json())
    texts = [a["text"] for a in spec["layout"]["annotations"]] + list(spec["data"][0]["y"])
    assert "<" not in "".join(texts) and "&lt;span style='font-size:40px'&gt;大&lt;/span&gt;" in texts


def test_wrap_breaks_long_labels():
    assert plots.wrap("Government services still need optimising", 20) == \
        "Government services<br>still need<br>optimising"
    assert plots.wrap("政务服务还需优化提升", 4) == "政务服务<br>还需优化<br>提升"
