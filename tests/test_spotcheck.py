"""Spot-check logic: search, context, stratified samples, the printable report."""
import pandas as pd
import pytest

from kpi import facts, spotcheck
from tests.conftest import REPORT


@pytest.fixture
def obs(app_db):
    return spotcheck.observations(REPORT)


def test_every_observation_is_listed(obs):
    assert (len(obs), obs["obs_id"].is_unique) == (62, True)


@pytest.mark.parametrize("text, expected", [
    ("余亩", ["report-2025-02-25:land_recovered"]),
    ("IDLE LAND", ["report-2025-02-25:land_recovered"]),
    ("下调", ["report-2025-02-25:gas_price_change"]),
])
def test_search_finds_zh_and_en_in_any_case(obs, text, expected):
    assert list(spotcheck.search(obs, text)["obs_id"]) == expected


def test_filters_combine(obs):
    found = spotcheck.search(obs, "", area_no=[7], unit=["亩"])
    assert sorted(found["indicator_id"]) == ["land_recovered", "low_efficiency_land_started"]


def test_paragraph_is_the_source_line_around_the_figure(obs):
    row = obs.set_index("indicator_id").loc["tvoc_change"]
    para, at = spotcheck.paragraph(facts.source(REPORT, row["source_id"])["text"], int(row["value_offset"]))
    assert para.startswith("一是强化动态监管。") and para[at:at + len(row["value_text"])] == "降低22.56%"


def test_no_quote_mismatches_in_a_fresh_build(obs):
    assert spotcheck.quote_mismatches(obs).empty


def test_a_quote_that_no_longer_stands_at_its_offset_is_found(obs):
    moved = obs.copy()
    land = moved["indicator_id"] == "land_recovered"
    moved.loc[land, "quote_offset"] += 1
    tvoc = moved["indicator_id"] == "tvoc_change"
    moved.loc[tvoc, "quote"] = moved.loc[tvoc, "quote"].str.replace("22.56", "22.65")
    assert sorted(spotcheck.quote_mismatches(moved)["indicator_id"]) == ["land_recovered", "tvoc_change"]


def test_sample_is_reproducible_from_its_seed(obs):
    first, again = spotcheck.sample(obs, 10, 42), spotcheck.sample(obs, 10, 42)
    assert list(first["obs_id"]) == list(again["obs_id"]) and len(first) == 10
    assert list(spotcheck.sample(obs, 10, 43)["obs_id"]) != list(first["obs_id"])


def test_sample_is_proportional_by_area(obs):
    drawn = spotcheck.sample(obs, 20, 7)
    sizes = obs["area_no"].fillna(0).value_counts()
    got = drawn["area_no"].fillna(0).value_counts().reindex(sizes.index, fill_value=0)
    shares = 20 * sizes / len(obs)
    assert ((got >= shares.apply(int)) & (got <= shares.apply(int) + 1)).all() and got.sum() == 20


def test_sample_of_everything_is_everything(obs):
    assert sorted(spotcheck.sample(obs, 500, 1)["obs_id"]) == sorted(obs["obs_id"])


def test_report_lists_sentence_with_marked_number_and_verdict(obs):
    rows = spotcheck.search(obs, "余亩")
    latest = pd.DataFrame([{"obs_id": "report-2025-02-25:land_recovered", "status": "disputed",
                            "checker": "<b>王</b>", "recorded_at": "2026-11-28T10:00:00", "note": "", "recheck": True}])
    page = spotcheck.report_html(rows, latest, "zh", "抽样核查报告").decode("utf-8")
    assert "对存量土地进行全面排查,完成<mark>2000余亩</mark>土地收回工作。" in page
    assert "有异议 · &lt;b&gt;王&lt;/b&gt; · 2026-11-28T10:00:00 · <b>需重新核查" in page
    assert "2000+ 亩" in page
