"""The department update formats: sheets, columns and allowed words, in one place.

A column is found by its key, its Chinese header or its English header, so the
template (Chinese or English) and hand-made CSVs (keys) all read the same way.
"""
from __future__ import annotations

# Sheet names: (zh, en). A workbook may use either.
SHEETS = {"indicators": ("指标", "indicators"), "ledger": ("台账", "ledger"),
          "instructions": ("填写说明", "instructions")}

# key: (zh header, en header, required in a file?, read from the file?)
INDICATOR_COLUMNS = {
    "indicator_id": ("指标ID", "indicator_id", True, True),
    "name": ("指标名称", "name", False, False),
    "unit": ("单位", "unit", False, True),
    "latest_value": ("最新数值", "latest value", False, False),
    "latest_as_of": ("最新数值截至", "latest as of", False, False),
    "value": ("新数值", "value", True, True),
    "qualifier": ("限定", "qualifier", True, True),
    "as_of": ("截至日期", "as_of", True, True),
    "source": ("来源文件", "source", True, True),
    "evidence": ("佐证材料", "evidence", True, True),
    "note": ("备注", "note", True, True),
    "submitter": ("填报人", "submitter", False, True),
}
LEDGER_COLUMNS = {
    "code": ("编号", "code", True, True),
    "title": ("名称", "title", False, False),
    "status": ("状态", "status", True, True),
    "responsible_unit": ("责任单位", "responsible_unit", True, True),
    "responsible_leader": ("责任领导", "responsible_leader", True, True),
    "deadline": ("整改时限", "deadline", True, True),
    "completed_on": ("完成日期", "completed_on", True, True),
    "signed_off_on": ("销号日期", "signed_off_on", True, True),
    "evidence": ("佐证材料", "evidence", True, True),
    "note": ("备注", "note", True, True),
    "submitter": ("填报人", "submitter", False, True),
}
DATE_COLUMNS = {"as_of", "deadline", "completed_on", "signed_off_on"}

# Ledger statuses: key -> (zh, en). 未说明 (not stated) is what the report gives.
STATUSES = {
    "completed": ("已完成", "completed"),
    "in_progress": ("正在推进", "in progress"),
    "ongoing": ("长期坚持", "ongoing"),
    "extension_requested": ("申请延期", "extension requested"),
    "not_stated": ("未说明", "not stated"),
}
QUALIFIERS = {"exact": ("精确", "exact"), "more_than": ("余/多", "more than"), "approx": ("约", "about")}

MAX_BYTES = 5 * 1024 * 1024  # an update file larger than this is refused
SUFFIXES = (".csv", ".xlsx")


def word_to_key(words: dict, value: str) -> str | None:
    """'已完成', 'completed' or 'in progress' -> its key; None if not in the list."""
    v = value.strip()
    for key, (zh, en) in words.items():
        if v in (key, zh, en):
            return key
    return None
