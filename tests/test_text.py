"""How figures are written: units, qualifiers, scale, escaping."""
from datetime import date

import pytest

from kpi.text import TEXT, fmt_number, fmt_value, highlight, md_escape, t


@pytest.mark.parametrize("args, zh, en", [
    ((2000, "more_than", "亩", "mu"), "2000+ 亩", "2,000+ mu"),
    ((601, "exact", "项", "items"), "601 项", "601 items"),
    ((-22.56, "exact", "%", "%"), "−22.56%", "−22.56%"),
    ((-0.06, "exact", "元/立方米", "yuan/m³"), "−0.06 元/立方米", "−0.06 yuan/m³"),
    ((9.4, "exact", "亿元", "100 million yuan"), "9.4 亿元", "940 million yuan"),
    ((100, "more_than", "人", "people"), "100+ 人", "100+ people"),
    ((5, "approx", "天", "days"), "约5 天", "about 5 days"),
    ((6, "exact", "个", ""), "6 个", "6"),
])
def test_fmt_value_keeps_unit_and_qualifier(args, zh, en):
    assert (fmt_value(*args, lang="zh"), fmt_value(*args, lang="en")) == (zh, en)


def test_level_and_date_kinds():
    assert fmt_value(4, "exact", "类", "class", "zh", kind="level") == "Ⅳ类"
    assert fmt_value(None, "exact", "日期", "", "en", kind="date", value_date=date(2024, 11, 25)) == "2024-11-25"


def test_fmt_number_never_shows_float_noise():
    assert [fmt_number(v, "en") for v in (9.4, 0.1 + 0.2, 5945, -0.06)] == ["9.4", "0.3", "5,945", "−0.06"]


def test_every_text_has_zh_and_en():
    assert [k for k, (zh, en) in TEXT.items() if k != "qualifier.exact" and not (zh and en)] == []


def test_t_fills_placeholders():
    assert t("sidebar.as_of", "en", d="2024-11-25") == "Status as of 2024-11-25"


def test_md_escape_makes_data_inert():
    assert md_escape("<script>alert(1)</script> [x](http://e) **b**") == (
        r"\<script\>alert\(1\)\</script\> \[x\]\(http\://e\) \*\*b\*\*")


def test_highlight_marks_only_the_number():
    assert highlight("完成2000余亩土地收回工作。", 2, 6) == "完成:orange-background[**2000余亩**]土地收回工作。"
