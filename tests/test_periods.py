"""Periods read as people write them and labelled in both languages (common/periods.py)."""
from __future__ import annotations

import pytest

from common import periods
from kpi.text import fmt_period


@pytest.mark.parametrize("code, zh, en", [
    ("2024Q3", "2024年第三季度", "Q3 2024"),
    ("2025-03", "2025年3月", "March 2025"),
    ("2025-05", "2025年5月", "May 2025"),      # a month after April: once an IndexError on every zh page
    ("2029-12", "2029年12月", "December 2029"),
    ("2025H2", "2025年下半年", "H2 2025"),
    ("2025", "2025年", "2025"),
])
def test_every_period_has_a_label_in_both_languages(code, zh, en):
    assert (fmt_period(code, "zh"), fmt_period(code, "en")) == (zh, en)
    assert periods.parse(code).code == code
