import pytest

from etl.quantity import (
    PartialDate,
    Quantity,
    QuantityError,
    parse_date,
    parse_quantity,
)


@pytest.mark.parametrize("text, expected", [
    ("2000余亩", Quantity(2000, "more_than", "亩")),
    ("100多人", Quantity(100, "more_than", "人")),
    ("40余份", Quantity(40, "more_than", "份")),
    ("9.4亿元", Quantity(9.4, "exact", "亿元", 100_000_000)),
    ("3万元", Quantity(3, "exact", "万元", 10_000)),
    ("5个工作日", Quantity(5, "exact", "个工作日")),
    ("6个月", Quantity(6, "exact", "个月")),
    ("28天", Quantity(28, "exact", "天")),
    ("22.56%", Quantity(22.56, "exact", "%")),
    ("降低22.56%", Quantity(-22.56, "exact", "%")),
    ("下调0.06元/立方米", Quantity(-0.06, "exact", "元/立方米")),
    ("增长5%", Quantity(5, "exact", "%")),
    ("一周", Quantity(1, "exact", "周")),
    ("十五人", Quantity(15, "exact", "人")),
    ("Ⅳ类", Quantity(4, "exact", "类")),
    ("约5天", Quantity(5, "approx", "天")),
    ("30人左右", Quantity(30, "approx", "人")),
])
def test_parse_quantity_reads_chinese_quantities(text, expected):
    assert parse_quantity(text) == expected


@pytest.mark.parametrize("text, message", [
    ("亩", "'亩' has no number at its start"),
    ("2000", "'2000' has no unit after its number"),
    ("", "'' has no number at its start"),
])
def test_parse_quantity_rejects_what_it_cannot_read(text, message):
    with pytest.raises(QuantityError, match=f"^{message}$"):
        parse_quantity(text)


@pytest.mark.parametrize("text, expected", [
    ("2024年11月25日", PartialDate(2024, 11, 25)),
    ("5月31日", PartialDate(None, 5, 31)),
    ("9月", PartialDate(None, 9, None)),
])
def test_parse_date_keeps_missing_parts_empty(text, expected):
    assert parse_date(text) == expected


def test_parse_date_rejects_impossible_month():
    with pytest.raises(QuantityError, match="^'2024年13月1日' is not a valid date$"):
        parse_date("2024年13月1日")
