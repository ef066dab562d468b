"""What report.yml must say: its id, its names in both languages, and the indicators that
carry what the report states about itself (programme start, counts, done / total)."""
from __future__ import annotations

from etl.extract import Report
from etl.problems import Problem

NAMES = ("title", "zone", "dashboard", "short_title")
KNOWN = ("id", "source", "programme_start", "counts", "completion") + NAMES
# What a report can state about itself, and of which kind each indicator must be.
COUNTED = ("areas", "problems", "measures")
COMPLETED = ("problems", "measures")


def check(report: Report) -> list[Problem]:
    if "report.yml" not in report.documents:
        return []  # reported as a file error
    meta, file = report.meta, report.shown("report.yml")
    kinds = {r.data.get("id"): r.data.get("kind") for r in report["indicators.yml"]}
    found = [Problem(file, "report", k, meta[k], "unknown field", f"remove it; known fields: {', '.join(KNOWN)}")
             for k in meta if k not in KNOWN]
    if meta.get("id") != report.id:
        found.append(Problem(file, "report", "id", meta.get("id"), f"must be the folder's name, {report.id}",
                             f"set id: {report.id} (or rename the folder)"))
    if not isinstance(meta.get("source"), str):
        found.append(Problem(file, "report", "source", meta.get("source"), "required: the report's document",
                             "name the source id of its .meta.yml in data/sources/"))
    for name in NAMES:
        found += bilingual(file, "report", name, meta.get(name))
    found += _indicator(file, "programme_start", meta.get("programme_start"), kinds, ("date",))
    counts = meta.get("counts") or {}
    for subject, indicator in _mapping(file, "counts", counts, COUNTED, found).items():
        found += _indicator(file, f"counts.{subject}", indicator, kinds, ("count",))
    completion = meta.get("completion") or {}
    for subject, pair in _mapping(file, "completion", completion, COMPLETED, found).items():
        if not isinstance(pair, dict) or set(pair) != {"done", "total"}:
            found.append(Problem(file, "report", f"completion.{subject}", pair, "must be {done: id, total: id}",
                                 "name the indicator of what is done and the one of the total"))
            continue
        for part in ("done", "total"):
            found += _indicator(file, f"completion.{subject}.{part}", pair[part], kinds, ("count",))
    return found


def bilingual(file: str, at: str, name: str, value, required: bool = True) -> list[Problem]:
    """A text given in both languages: {zh: …, en: …}, neither empty."""
    if value is None and not required:
        return []
    if not isinstance(value, dict) or set(value) - {"zh", "en"}:
        return [Problem(file, at, name, value, "must be {zh: …, en: …}", "give the text in Chinese and English")]
    return [Problem(file, at, f"{name}.{lang}", value.get(lang), "the translation is missing",
                    f"add {lang}: the {'Chinese' if lang == 'zh' else 'English'} text")
            for lang in ("zh", "en") if not isinstance(value.get(lang), str) or not value[lang].strip()]


def _mapping(file: str, name: str, value, allowed: tuple[str, ...], found: list) -> dict:
    if not isinstance(value, dict):
        found.append(Problem(file, "report", name, value, "must be a mapping", f"write {name}: with one line per subject"))
        return {}
    for k in value:
        if k not in allowed:
            found.append(Problem(file, "report", f"{name}.{k}", value[k], f"must be one of: {', '.join(allowed)}",
                                 "remove it or correct its name"))
    return {k: v for k, v in value.items() if k in allowed}


def _indicator(file: str, at: str, indicator, kinds: dict, allowed: tuple[str, ...]) -> list[Problem]:
    if indicator not in kinds:
        return [Problem(file, "report", at, indicator, "must name an indicator of this report",
                        "use an id of indicators.yml")]
    if kinds[indicator] not in allowed:
        return [Problem(file, "report", at, indicator, f"must be an indicator of kind {' or '.join(allowed)}",
                        f"{indicator} is a {kinds[indicator]}: name another indicator")]
    return []
