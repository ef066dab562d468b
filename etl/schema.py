"""The catalog's contract: each list file's key, required and optional fields, and the
vocabulary list each enumerated field takes its values from."""
from __future__ import annotations

from datetime import date

from etl.problems import Problem, where
from etl.vocabulary import Vocabulary

NUMBER = (int, float)
# file: (key field, required {field: types}, optional {field: types})
SCHEMA: dict[str, tuple[str, dict, dict]] = {
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
# (file, field) -> the vocabulary list its value must be a key of
VOCABULARY_FIELDS = {
    ("areas.yml", "theme"): "themes",
    ("indicators.yml", "kind"): "kinds",
    ("indicators.yml", "direction"): "directions",
    ("indicators.yml", "theme"): "themes",
    ("indicators.yml", "unit"): "units",
    ("observations.yml", "qualifier"): "qualifiers",
    ("observations.yml", "baseline_unit"): "units",
}
# Why a numeral of a source is not an observation: about the catalog itself, not the data.
EXCLUSION_REASONS = ("page_furniture", "contact", "list_numbering", "document_reference", "event_date",
                     "part_of_name")
TYPE_NAMES = {str: "text", int: "a whole number", float: "a number", date: "a date (YYYY-MM-DD)"}


def _type_name(types) -> str:
    types = types if isinstance(types, tuple) else (types,)
    return " or ".join(dict.fromkeys(TYPE_NAMES[t] for t in types))


def check_record(name: str, file: str, index: int, data: dict, vocabulary: Vocabulary) -> list[Problem]:
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
        allowed = _allowed(name, f, vocabulary)
        if types is None:
            known = ", ".join(list(required) + list(optional))
            found.append(Problem(file, at, f, v, "unknown field",
                                 f"remove it or correct its name; known fields: {known}"))
        elif v is not None and (not isinstance(v, types) or isinstance(v, bool)):
            found.append(Problem(file, at, f, v, f"must be {_type_name(types)}",
                                 f"write {f} as {_type_name(types)}"
                                 + (' in quotes, e.g. "2.2"' if types is str else "")))
        elif allowed is not None and v is not None and v not in allowed:
            found.append(_outside(name, file, at, f, v, allowed))
    return found


def _outside(name: str, file: str, at: str, field: str, value, allowed: tuple[str, ...]) -> Problem:
    listed = VOCABULARY_FIELDS.get((name, field))
    rule = (f"must be one of: {', '.join(allowed)}" if len(allowed) <= 8
            else f"must be one of the {listed} of data/catalog/vocabulary.yml")
    fix = (f"use a key listed under {listed} in data/catalog/vocabulary.yml, or add it there first" if listed
           else f"use one of: {', '.join(allowed)}")
    return Problem(file, at, field, value, rule, fix)


def _allowed(name: str, field: str, vocabulary: Vocabulary) -> tuple[str, ...] | None:
    if (name, field) in VOCABULARY_FIELDS:
        return vocabulary.keys(VOCABULARY_FIELDS[name, field])
    if (name, field) == ("exclusions.yml", "reason"):
        return EXCLUSION_REASONS
    return None
