"""The closed lists' words (statuses, qualifiers, kinds, directions, themes, units), as the
database holds them: the pages say 已完成 / completed, never a raw key."""
from __future__ import annotations

from kpi.db import cached_per_build, query


@cached_per_build
def _all() -> dict[str, dict[str, tuple[str, str]]]:
    lists: dict[str, dict[str, tuple[str, str]]] = {}
    for r in query("vocabulary").itertuples():
        lists.setdefault(r.list, {})[r.key] = (r.name_zh, r.name_en)
    return lists


def words(name: str) -> dict[str, tuple[str, str]]:
    """One list as {key: (zh, en)}, in the vocabulary's order."""
    return _all().get(name, {})


def word(name: str, key, lang: str) -> str:
    """The word for a key in lang ('–' for none; the key itself if the list lacks it)."""
    if key is None or key != key:  # None or NaN
        return "–"
    zh, en = words(name).get(key, (str(key), str(key)))
    return zh if lang == "zh" else en
