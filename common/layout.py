"""The grammar of a report's dashboard.yml, shared by the check (etl) and the drawing (kpi, app).

The code knows these kinds of blocks and charts; which figures they show is the catalog's.
"""
from __future__ import annotations

import string

from common.sitemap import FIXED_PAGE_IDS

# Blocks that take no argument, and blocks that take one (their key in the mapping).
PLAIN_BLOCKS = ("completion_tiles", "ledger_summary", "area_status", "area_lights")
BLOCKS = ("tiles", "chart", "note", "caption", "columns")
CHART_KINDS = {  # kind -> does it take an indicators list?
    "completion": False,      # report.yml's done / total pairs
    "bars": True,             # indicators of one unit
    "before_after": True,     # indicators whose sentences give a baseline
    "index": True,            # one change indicator, chained into an index
}
# Pages the code draws itself; a report's own pages may not take these ids.
FIXED_PAGES = FIXED_PAGE_IDS
# {id} or {id.field} in a text; chart titles may also use {as_of}.
FIELDS = ("value", "name", "as_of", "period")
CHART_TITLE_NAMES = ("as_of",)
PER_ROW = 4


def placeholders(text: str) -> list[tuple[str, str | None]]:
    """'{a} and {b.as_of}' -> [('a', None), ('b', 'as_of')]. Raises ValueError on a broken brace."""
    found = []
    for _, name, spec, conversion in string.Formatter().parse(text):
        if name is None:
            continue
        if spec or conversion or not name:
            raise ValueError(f"{{{name}}}: write a placeholder as {{id}} or {{id.field}}")
        head, _, field = name.partition(".")
        found.append((head, field or None))
    return found


def block_kind(block) -> tuple[str | None, object]:
    """A block as (kind, argument): 'ledger_summary' -> ('ledger_summary', None),
    {'chart': 'land'} -> ('chart', 'land'); (None, block) when it is neither."""
    if isinstance(block, str):
        return (block, None) if block in PLAIN_BLOCKS else (None, block)
    if isinstance(block, dict) and len(block) == 1:
        (kind, arg), = block.items()
        return (kind, arg) if kind in BLOCKS else (None, block)
    return None, block


def tile_ids(arg) -> tuple[list, int]:
    """A tiles block's argument as (ids, per_row): a list, or {ids: [...], per_row: n}."""
    if isinstance(arg, dict):
        return list(arg.get("ids") or []), int(arg.get("per_row") or PER_ROW)
    return list(arg or []), PER_ROW
