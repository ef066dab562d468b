"""A validation problem: where it is, what is wrong, and what to do about it.

Problems with the catalog are for whoever keeps it and are written in English. Problems
with a department's update file are shown to that department on the page, so their
parts are Text: both languages, from the message list in etl/updates/messages.py.
"""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Text:
    """One message in both languages; str() is the English (the command line's language)."""
    en: str
    zh: str

    def __str__(self) -> str:
        return self.en

    def __repr__(self) -> str:
        return repr(self.en)

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


def in_lang(part, lang: str) -> str:
    """A problem's part (str or Text) in lang."""
    return part.get(lang) if isinstance(part, Text) else str(part)


@dataclass(frozen=True)
class Problem:
    file: str
    where: str | Text  # row or key path: "entry 3 (id land_recovered)", "sheet 指标, row 7"
    field: str | Text
    value: object
    rule: str | Text
    fix: str | Text

    def __str__(self) -> str:
        return (
            f"{self.file}: {self.where}: {self.field} = {self.value!r}\n"
            f"    rule: {self.rule}\n"
            f"    fix:  {self.fix}"
        )

    def sort_key(self) -> tuple:
        return (self.file, _natural(str(self.where)), str(self.field), str(self.rule))

    def shown(self, lang: str) -> dict[str, str]:
        """Every part as text in lang (the page's table)."""
        return {"file": self.file, "where": in_lang(self.where, lang), "field": in_lang(self.field, lang),
                "value": "" if self.value is None else in_lang(self.value, lang),
                "rule": in_lang(self.rule, lang), "fix": in_lang(self.fix, lang)}


def _natural(text: str) -> tuple:
    """'entry 10' after 'entry 9'."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", text))


def where(index: int, key_field: str | None, data: dict) -> str:
    """Name a catalog entry by its position (1-based) and its key."""
    key = data.get(key_field) if key_field else None
    return f"entry {index + 1}" + (f" ({key_field} {key})" if key is not None else "")
