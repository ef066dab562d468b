"""The closed lists (data/catalog/vocabulary.yml): checked once, then asked everywhere.

The code knows the keys of statuses, qualifiers, kinds and directions (a completed item
is green, more_than draws a "+"), so those lists must hold exactly these keys; their
words are the catalog's. Themes and units are open lists: the catalog adds to them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Vocabulary:
    """Each list as {key: (zh, en)}, in file order."""
    lists: dict[str, dict[str, tuple[str, str]]]

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
    return Vocabulary(lists)


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
