"""The closed lists (data/catalog/vocabulary.yml): checked once, then asked everywhere.

The code knows the keys of statuses, qualifiers, kinds and directions (a completed item
is green, more_than draws a "+"), so those lists must hold exactly these keys; their
words are the catalog's. Themes and units are open lists: the catalog adds to them.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from etl.problems import Problem

# list -> the keys the code relies on (None: any keys)
LISTS: dict[str, tuple[str, ...] | None] = {
    "statuses": ("completed", "in_progress", "ongoing", "extension_requested", "not_stated"),
    "qualifiers": ("exact", "more_than", "approx"),
    "kinds": ("count", "amount", "duration", "change", "level", "date"),
    "directions": ("up", "down", "none"),
    "themes": None,
    "units": None,
}
SLUG = re.compile(r"^[a-z][a-z0-9_]*$")
# The range of a value in a unit whose entry gives no min/max: finite, and nothing a zone reports.
DEFAULT_RANGE = (-1e12, 1e12)


@dataclass(frozen=True)
class Vocabulary:
    """Each list as {key: (zh, en)}, in file order; each unit's (min, max) where given."""
    lists: dict[str, dict[str, tuple[str, str]]]
    ranges: dict[str, tuple[float, float]] = field(default_factory=dict)

    def range(self, unit: str) -> tuple[float, float]:
        """The sane range of a value in unit (DEFAULT_RANGE unless the vocabulary says)."""
        return self.ranges.get(unit, DEFAULT_RANGE)

    def keys(self, name: str) -> tuple[str, ...]:
        return tuple(self.lists.get(name, {}))

    def words(self, name: str) -> dict[str, tuple[str, str]]:
        return self.lists.get(name, {})

    def key_of(self, name: str, written: str) -> str | None:
        """'已完成', 'completed' or 'in progress' -> its key; None if not in the list."""
        v = str(written).strip()
        return next((k for k, (zh, en) in self.words(name).items() if v in (k, zh, en)), None)


def read(raw: dict) -> Vocabulary:
    """The usable part of the file (entries with a key); problems are reported by check()."""
    lists = {}
    for name in LISTS:
        entries = raw.get(name) if isinstance(raw.get(name), list) else []
        lists[name] = {str(e["key"]): (str(e.get("zh", e["key"])), str(e.get("en") or ""))
                       for e in entries if isinstance(e, dict) and e.get("key") is not None}
    ranges = {str(e["key"]): (float(e.get("min", DEFAULT_RANGE[0])), float(e.get("max", DEFAULT_RANGE[1])))
              for e in raw.get("units") or [] if isinstance(e, dict) and e.get("key") is not None
              and all(_number(e.get(b, 0)) for b in ("min", "max"))}
    return Vocabulary(lists, ranges)


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def check(raw: dict, file: str) -> list[Problem]:
    """Every list present; each entry has key, zh (units: the key is the Chinese) and en;
    keys unique; the lists the code relies on hold exactly its keys."""
    found = []
    for name, required in LISTS.items():
        entries = raw.get(name)
        if not isinstance(entries, list):
            found.append(Problem(file, name, "-", None, "the list is missing",
                                 f"add {name}: with one '- {{key: …, zh: …, en: …}}' line per entry"))
            continue
        seen = set()
        for i, e in enumerate(entries):
            at = f"{name}, entry {i + 1}"
            if not isinstance(e, dict) or not isinstance(e.get("key"), str) or not e["key"].strip():
                found.append(Problem(file, at, "key", e, "every entry needs a key", "write {key: …, zh: …, en: …}"))
                continue
            needed = ("en",) if name == "units" else ("zh", "en")
            for f in needed:
                if not isinstance(e.get(f), str) or (f == "zh" and not e[f].strip()):
                    found.append(Problem(file, f"{at} (key {e['key']})", f, e.get(f), "the word is missing",
                                         f"add {f}: the {'Chinese' if f == 'zh' else 'English'} word"))
            if name == "units":
                found += _range_problems(e, file, at)
            if name == "themes" and not SLUG.match(e["key"]):
                found.append(Problem(file, at, "key", e["key"], "a theme key is an ASCII slug",
                                     "use lower-case letters, digits and _ (gov_services)"))
            if e["key"] in seen:
                found.append(Problem(file, at, "key", e["key"], "must be unique in its list", "remove the repeat"))
            seen.add(e["key"])
        if required is not None and seen and seen != set(required):
            found.append(Problem(file, name, "key", ", ".join(sorted(seen ^ set(required))),
                                 f"the code knows exactly these keys: {', '.join(required)}",
                                 "change the words (zh, en) freely, but keep exactly these keys"))
    return found


def _range_problems(e: dict, file: str, at: str) -> list[Problem]:
    """A unit's min and max, where given, are plain numbers with min below max."""
    found = [Problem(file, f"{at} (key {e['key']})", b, e[b], "must be a plain number",
                     "write it in full, e.g. 10000000 (YAML reads 1e7 as text)")
             for b in ("min", "max") if b in e and not _number(e[b])]
    low, high = e.get("min", DEFAULT_RANGE[0]), e.get("max", DEFAULT_RANGE[1])
    if not found and low >= high:
        found.append(Problem(file, f"{at} (key {e['key']})", "min", low, f"must be below max ({high})",
                             "swap or correct them"))
    return found
