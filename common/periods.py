"""Periods as the catalog and department files write them, and as people read them.

    2024Q3             a quarter        2024年第三季度 / Q3 2024
    2025-03            a month          2025年3月 / March 2025
    2025H1             a half year      2025年上半年 / H1 2025
    2025               a year           2025年 / 2025
    2024Q3 vs 2024Q2   a comparison     2024年第三季度（较第二季度） / Q3 2024 (vs Q2)

The write side checks what files say with parse(); the read side labels with label().
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_SPAN = re.compile(r"^(?P<y>[0-9]{4})(?:(?P<q>Q[1-4])|(?P<h>H[12])|-(?P<m>0[1-9]|1[0-2]))?$")
ZH_NUMBERS = "一二三四"
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December")


class PeriodError(ValueError):
    """Not a period this module can read."""


@dataclass(frozen=True, order=True)
class Span:
    """One quarter, month, half year or year."""
    year: int
    kind: str   # "Q", "M", "H" or "Y"
    n: int = 1  # quarter 1-4, month 1-12, half 1-2; 1 for a year

    @property
    def code(self) -> str:
        return {"Q": f"{self.year}Q{self.n}", "M": f"{self.year}-{self.n:02d}", "H": f"{self.year}H{self.n}",
                "Y": f"{self.year}"}[self.kind]

    @property
    def end(self) -> date:
        """The last day of the span."""
        month = {"Q": 3 * self.n, "M": self.n, "H": 6 * self.n, "Y": 12}[self.kind]
        return date(self.year, month, calendar.monthrange(self.year, month)[1])

    def label(self, lang: str, with_year: bool = True) -> str:
        if lang == "zh":  # a branch per kind: ZH_NUMBERS has only four quarters, months go to 12
            if self.kind == "Q":
                part = f"第{ZH_NUMBERS[self.n - 1]}季度"
            elif self.kind == "M":
                part = f"{self.n}月"
            else:
                part = {"Y": "", "H": "上半年" if self.n == 1 else "下半年"}[self.kind]
            return (f"{self.year}年" if with_year or self.kind == "Y" else "") + part
        part = {"Q": f"Q{self.n}", "M": MONTHS_EN[self.n - 1], "H": f"H{self.n}", "Y": ""}[self.kind]
        return f"{part} {self.year}".strip() if with_year or self.kind == "Y" else part

    def previous(self) -> Span:
        """The span just before, of the same kind (2025Q1 -> 2024Q4)."""
        size = {"Q": 4, "M": 12, "H": 2, "Y": 1}[self.kind]
        index = self.year * size + self.n - 1 - 1
        return Span(index // size, self.kind, index % size + 1)


@dataclass(frozen=True)
class Period:
    """A span, and the span it is compared with (for a change), if any."""
    span: Span
    base: Span | None = None

    @property
    def code(self) -> str:
        return self.span.code + (f" vs {self.base.code}" if self.base else "")

    def label(self, lang: str) -> str:
        """2024年第三季度（较第二季度） / Q3 2024 (vs Q2)."""
        text = self.span.label(lang)
        if self.base is None:
            return text
        base = self.base.label(lang, with_year=self.base.year != self.span.year)
        return f"{text}（较{base}）" if lang == "zh" else f"{text} (vs {base})"


def parse_span(text: str) -> Span:
    m = _SPAN.match(str(text).strip())
    if not m:
        raise PeriodError(f"{text!r} is not a period (2025Q1, 2025-03, 2025H1 or 2025)")
    y = int(m["y"])
    if m["q"]:
        return Span(y, "Q", int(m["q"][1]))
    if m["h"]:
        return Span(y, "H", int(m["h"][1]))
    if m["m"]:
        return Span(y, "M", int(m["m"]))
    return Span(y, "Y")


def parse(text: str) -> Period:
    """'2024Q3' or '2024Q3 vs 2024Q2' (the base must be earlier and of the same kind)."""
    parts = [p.strip() for p in str(text).split(" vs ")]
    if len(parts) > 2:
        raise PeriodError(f"{text!r} compares more than two periods")
    span = parse_span(parts[0])
    base = parse_span(parts[1]) if len(parts) == 2 else None
    if base is not None and (base.kind != span.kind or base >= span):
        raise PeriodError(f"{text!r}: the base must be an earlier period of the same kind")
    return Period(span, base)


def label(text: str | None, lang: str) -> str | None:
    """The label of a period as written, or None when there is none (or it cannot be read)."""
    if not text:
        return None
    try:
        return parse(text).label(lang)
    except PeriodError:
        return str(text)


def quarter_ending(d: date) -> Span | None:
    """The quarter whose last day d is (2025-03-31 -> 2025Q1), else None."""
    span = Span(d.year, "Q", (d.month - 1) // 3 + 1)
    return span if span.end == d else None
