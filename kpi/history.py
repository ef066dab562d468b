"""An indicator over time: values, change on the previous period (环比) and on the same
period a year before (同比)."""
from __future__ import annotations

import re

import pandas as pd

from kpi import facts

QUARTER = re.compile(r"^(\d{4})Q([1-4])")


def history(report_id: str, indicator_id: str) -> pd.DataFrame:
    """Values of one indicator, one per as-of date (the latest source wins), oldest first,
    with prev_change (环比) and yoy_change (同比) where the earlier value exists."""
    rows = facts.history(report_id, indicator_id)
    rows = rows[rows["value"].notna()].drop_duplicates("as_of", keep="last").reset_index(drop=True)
    rows["prev_change"] = rows["value"].diff()
    key = [_year_before(r) for r in rows.itertuples()]
    by_key = {_key(r): r.value for r in rows.itertuples()}
    rows["yoy_change"] = [r.value - by_key[k] if k in by_key else None for r, k in zip(rows.itertuples(), key)]
    return rows


def _key(r) -> str:
    m = QUARTER.match(str(r.period or ""))
    return f"{m[1]}Q{m[2]}" if m else f"{r.as_of:%Y-%m}"


def _year_before(r) -> str:
    m = QUARTER.match(str(r.period or ""))
    if m:
        return f"{int(m[1]) - 1}Q{m[2]}"
    return f"{r.as_of.year - 1}-{r.as_of.month:02d}"
