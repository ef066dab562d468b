"""A validation problem: where it is, what is wrong, and what to do about it."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    where: str  # row or key path: "entry 3 (id land_recovered)", "sheet 指标, row 7"
    field: str
    value: object
    rule: str
    fix: str

    def __str__(self) -> str:
        return (
            f"{self.file}: {self.where}: {self.field} = {self.value!r}\n"
            f"    rule: {self.rule}\n"
            f"    fix:  {self.fix}"
        )


def where(index: int, key_field: str | None, data: dict) -> str:
    """Name a catalog entry by its position (1-based) and its key."""
    key = data.get(key_field) if key_field else None
    return f"entry {index + 1}" + (f" ({key_field} {key})" if key is not None else "")
