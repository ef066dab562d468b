"""Charts are pure functions: theme, colours by good direction, captions, honest units."""
import pandas as pd
import plotly.graph_objects as go

from kpi import facts, plots


def test_good_colour_follows_direction_not_sign():
    assert [plots.good_colour("down", -3), plots.good_colour("down", 2), plots.good_colour("up", 5),
            plots.good_colour("none", -1)] == [plots.GOOD, plots.BAD, plots.GOOD, plots.NEUTRAL]


def test_every_figure_has_explicit_template_title_and_caption(app_db):
    latest = facts.latest()
    figs = [plots.completion_bars(facts.completion(latest), "zh", "T1", "C1"),
            plots.area_bars(facts.area_progress(), "en", "T2", "C2"),
            plots.approval_dumbbell(facts.pick(facts.APPROVAL_IDS, latest), "zh", "T3", "C3"),
            plots.tvoc_index(facts.pick(["tvoc_change"], latest).iloc[0], "zh", "T4", "C4"),
            plots.unit_bars(facts.pick(facts.FACTOR_LAND, latest), "zh", "T5", "C5")]
    assert [(f.layout.title.text, f.layout.title.subtitle.text) for f in figs] == [
        (f"T{i}", f"C{i}") for i in range(1, 6)]
    assert all(f.layout.template.layout.font.family.startswith("Noto Sans CJK SC") for f in figs)
    assert not any(isinstance(tr, go.Scattergl) for f in figs for tr in f.data)


def test_tvoc_is_an_index_not_a_concentration(app_db):
    fig = plots.tvoc_index(facts.pick(["tvoc_change"]).iloc[0], "en", "T", "C")
    assert list(fig.data[0].y) == [100, 77.44] and fig.data[0].marker.color[1] == plots.GOOD


def test_dumbbell_says_months_were_converted(app_db):
    fig = plots.approval_dumbbell(facts.pick(facts.APPROVAL_IDS), "zh", "T", "C")
    labels = [tr.text[0] for tr in fig.data if tr.text is not None]
    assert labels == ["5 个工作日", "2 个工作日", "5 个工作日", "3 个工作日", "6 个月 (≈180 天)", "28 天"]


def test_more_than_bars_are_hatched_and_labelled_plus(app_db):
    fig = plots.unit_bars(facts.pick(facts.FACTOR_LAND), "en", "T", "C")
    assert list(fig.data[0].text) == ["2,000+ mu", "442 mu"]
    assert list(fig.data[0].marker.pattern.shape) == ["/", ""]


def test_wrap_breaks_long_labels():
    assert plots.wrap("Government services still need optimising", 20) == \
        "Government services<br>still need<br>optimising"
    assert plots.wrap(pd.Series(["政务服务还需优化提升"])[0], 4) == "政务服务<br>还需优化<br>提升"
