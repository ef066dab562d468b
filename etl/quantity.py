"""Chinese quantity rules: turn a quantity as written ("2000余亩", "降低22.56%") into numbers.

The catalog stores each figure twice: as written (`value_text`) and as a number
(`value`). This module is the single place that says how the first gives the second,
so the build can prove that every number it loads is the one the sentence says.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

import cn2an  # composite Chinese numerals (十五, 二十, 一百零五) are easy to get wrong by hand

# 余 and 多 after a number mean "more than" (2000余亩 = more than 2000 mu).
MORE_THAN = ("余", "多")
# 约/近 before or 左右 after a number mean "about".
APPROX_PREFIX = ("约", "近")
APPROX_SUFFIX = ("左右",)
# A change verb directly before the number gives its sign (降低22.56% = -22.56 %).
NEGATIVE_VERBS = ("降低", "下降", "下调", "减少")
POSITIVE_VERBS = ("增长", "提高", "上涨", "上调", "增加")
# Unit prefixes that scale the number; the unit stays as written (9.4亿元: 9.4, 亿元).
SCALES = {"亿": 100_000_000, "万": 10_000}

_ARABIC = r"[0-9]+(?:\.[0-9]+)?"
_CHINESE = r"[零〇一二两三四五六七八九十百千万亿]+"
_ROMAN = r"[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ]"
_QUANTITY = re.compile(
    rf"^(?P<verb>{'|'.join(NEGATIVE_VERBS + POSITIVE_VERBS)})?"
    rf"(?P<approx>{'|'.join(APPROX_PREFIX)})?"
    rf"(?P<num>{_ARABIC}|{_ROMAN}|{_CHINESE})"
    rf"(?P<more>{'|'.join(MORE_THAN)})?"
    rf"(?P<unit>.*?)(?P<about>{'|'.join(APPROX_SUFFIX)})?$"
)
_DATE = re.compile(r"^(?:(?P<y>[0-9]{4})年)?(?P<m>[0-9]{1,2})月(?:(?P<d>[0-9]{1,2})日)?$")


class QuantityError(ValueError):
    """The text is not a quantity these rules can read."""


@dataclass(frozen=True)
class Quantity:
    value: float
    qualifier: str  # exact, more_than, approx
    unit: str  # as written, scale prefix included (亿元)
    scale: int = 1  # multiply value by this for the base unit (亿元 -> 元)


@dataclass(frozen=True)
class PartialDate:
    year: int | None
    month: int
    day: int | None

    def matches(self, d: date) -> bool:
        """True when every part that is written agrees with d."""
        return (self.year in (None, d.year)) and self.month == d.month and self.day in (None, d.day)


def parse_number(text: str) -> float:
    """Read one number written in Arabic digits, Chinese numerals or a Roman numeral."""
    if re.fullmatch(_ARABIC, text):
        return float(text)
    if re.fullmatch(_ROMAN, text):
        return unicodedata.numeric(text)
    if re.fullmatch(_CHINESE, text):
        try:
            return float(cn2an.cn2an(text, "strict"))
        except ValueError as exc:
            raise QuantityError(f"{text!r} is not a Chinese numeral") from exc
    raise QuantityError(f"{text!r} is not a number")


def parse_quantity(text: str) -> Quantity:
    """Parse "2000余亩", "9.4亿元", "6个月", "降低22.56%", "为期一周"-style quantities."""
    match = _QUANTITY.match(text.strip())
    if not match or not match["num"]:
        raise QuantityError(f"{text!r} has no number at its start")
    value = parse_number(match["num"])
    if match["verb"] in NEGATIVE_VERBS:
        value = -value
    unit = match["unit"]
    if not unit:
        raise QuantityError(f"{text!r} has no unit after its number")
    qualifier = "exact"
    if match["more"]:
        qualifier = "more_than"
    elif match["approx"] or match["about"]:
        qualifier = "approx"
    scale = next((n for p, n in SCALES.items() if unit.startswith(p) and len(unit) > 1), 1)
    return Quantity(value=value, qualifier=qualifier, unit=unit, scale=scale)


def parse_date(text: str) -> PartialDate:
    """Parse "2024年11月25日", "5月31日" or "9月"; missing parts stay None."""
    match = _DATE.match(text.strip())
    if not match:
        raise QuantityError(f"{text!r} is not a date written as 年/月/日")
    y, m, d = (int(g) if g else None for g in match.group("y", "m", "d"))
    if not 1 <= m <= 12 or (d is not None and not 1 <= d <= 31):
        raise QuantityError(f"{text!r} is not a valid date")
    return PartialDate(year=y, month=m, day=d)
