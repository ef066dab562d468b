"""The real catalog against the report: counts, headline figures, and quirks kept as written."""
import yaml

from common import settings
from tests.conftest import REPORT


def load(name: str) -> list[dict]:
    return yaml.safe_load((settings.CATALOG_DIR / REPORT / name).read_text(encoding="utf-8"))


def by_id(name: str) -> dict:
    return {e["id"]: e for e in load(name)}


def test_report_has_7_areas_20_problems_and_61_enumerated_measures():
    assert (len(load("areas.yml")), len(load("problems.yml")), len(load("measures.yml"))) == (7, 20, 61)


def test_measures_per_problem_follow_the_text():
    counts = {}
    for m in load("measures.yml"):
        counts[m["problem_code"]] = counts.get(m["problem_code"], 0) + 1
    assert counts == {"1.1": 3, "1.2": 3, "1.3": 4, "2.1": 2, "2.2": 3, "2.3": 3, "3.1": 2, "3.2": 3,
                      "4.1": 3, "4.2": 2, "4.3": 3, "5.1": 4, "5.2": 4, "5.3": 3, "6.1": 4, "7.1": 4,
                      "7.2": 3, "7.3": 3, "7.4": 3, "7.5": 2}


def test_headline_figures_are_recorded_with_their_words():
    obs = {o["id"].split(":", 1)[1]: (o["value_text"], o["value"], o["qualifier"]) for o in load("observations.yml")}
    assert [obs[k] for k in ("problems_rectified", "problems_total", "measures_completed", "measures_stated",
                             "land_recovered", "tvoc_change", "gas_price_change", "island_railway_investment")] == [
        ("19个", 19, "exact"), ("20个", 20, "exact"), ("58条", 58, "exact"), ("60条", 60, "exact"),
        ("2000余亩", 2000, "more_than"), ("降低22.56%", -22.56, "exact"),
        ("下调0.06元/立方米", -0.06, "exact"), ("9.4亿元", 9.4, "exact")]


def test_before_after_figures_keep_both_units():
    obs = by_id("observations.yml")
    got = [(o["baseline_text"], o["value_text"]) for k, o in obs.items()
           if o.get("baseline_text")]
    assert sorted(got) == [("5个工作日", "2个工作日"), ("5个工作日", "3个工作日"), ("6个月", "28天")]


def test_figures_mentioned_twice_are_two_observations():
    ids = [o["indicator_id"] for o in load("observations.yml")]
    assert sorted({i for i in ids if ids.count(i) > 1}) == ["delegated_service_items", "new_powers"]


def test_every_indicator_names_en_and_zh_and_a_direction():
    for i in load("indicators.yml"):
        assert i["name_zh"] and i["name_en"] and i["direction"] in ("up", "down", "none"), i["id"]


def test_lower_is_better_indicators():
    down = sorted(i["id"] for i in load("indicators.yml") if i["direction"] == "down")
    assert down == ["gas_price_change", "project_signing_to_start_days", "tvoc_change",
                    "water_approval_days", "work_injury_review_days"]
