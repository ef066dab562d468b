"""The catalog's contract: each file's key, required and optional fields, and enums."""
from __future__ import annotations

from datetime import date

from etl.problems import Problem, where

NUMBER = (int, float)
# file: (key field, required {field: types}, optional {field: types})
SCHEMA: dict[str, tuple[str, dict, dict]] = {
    "themes.yml": ("id", {"id": str, "name_zh": str, "name_en": str}, {}),
    "units.yml": ("unit", {"unit": str, "en": str}, {}),
    "areas.yml": ("no", {"no": int, "title_zh": str, "title_en": str, "theme": str,
                         "source": str, "quote": str, "offset": int}, {}),
    "problems.yml": ("code", {"code": str, "area_no": int, "title_zh": str, "title_en": str,
                              "source": str, "quote": str, "offset": int}, {}),
    "measures.yml": ("code", {"code": str, "problem_code": str, "ordinal": str, "title_zh": str,
                              "summary_zh": str, "summary_en": str, "source": str,
                              "quote": str, "offset": int}, {}),
    "indicators.yml": ("id", {"id": str, "name_zh": str, "name_en": str, "unit": str,
                              "kind": str, "direction": str, "theme": str},
                       {"problem_code": str}),
    "observations.yml": ("id", {"id": str, "indicator_id": str, "source": str, "value_text": str,
                                "value": NUMBER + (date,), "qualifier": str, "as_of": date,
                                "quote": str, "offset": int},
                         {"measure_code": str, "baseline_text": str, "baseline_value": NUMBER,
                          "baseline_unit": str, "period": str, "note": str}),
    "exclusions.yml": ("text", {"text": str, "source": str, "offset": int, "reason": str},
                       {"note": str}),
}
ENUMS = {
    ("indicators.yml", "kind"): ("count", "amount", "duration", "change", "level", "date"),
    ("indicators.yml", "direction"): ("up", "down", "none"),
    ("observations.yml", "qualifier"): ("exact", "more_than", "approx"),
    ("exclusions.yml", "reason"): ("page_furniture", "contact", "list_numbering",
                                   "document_reference", "event_date", "part_of_name"),
}
TYPE_NAMES = {str: "text", int: "a whole number", float: "a number", date: "a date (YYYY-MM-DD)"}


def _type_name(types) -> str:
    types = types if isinstance(types, tuple) else (types,)
    return " or ".join(dict.fromkeys(TYPE_NAMES[t] for t in types))


def check_record(name: str, file: str, index: int, data: dict) -> list[Problem]:
    """Missing, unknown, mistyped and out-of-list fields of one catalog entry."""
    key_field, required, optional = SCHEMA[name]
    at = where(index, key_field, data)
    found = []
    for f, types in required.items():
        if data.get(f) is None:
            found.append(Problem(file, at, f, None, "required field is missing or empty",
                                 f"add {f}: {_type_name(types)}"))
    for f, v in data.items():
        types = required.get(f, optional.get(f))
        if types is None:
            known = ", ".join(list(required) + list(optional))
            found.append(Problem(file, at, f, v, "unknown field",
                                 f"remove it or correct its name; known fields: {known}"))
        elif v is not None and (not isinstance(v, types) or isinstance(v, bool)):
            found.append(Problem(file, at, f, v, f"must be {_type_name(types)}",
                                 f"write {f} as {_type_name(types)}"
                                 + (' in quotes, e.g. "2.2"' if types is str else "")))
        elif (name, f) in ENUMS and v not in ENUMS[name, f]:
            allowed = ", ".join(ENUMS[name, f])
            found.append(Problem(file, at, f, v, f"must be one of: {allowed}",
                                 f"use one of: {allowed}"))
    return found
