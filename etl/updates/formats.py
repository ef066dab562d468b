"""The department update formats: sheets and columns, in one place.

A column is found by its key, its Chinese header or its English header, so the template
(Chinese or English) and hand-made CSVs (keys) all read the same way. The words allowed in
the status and qualifier columns are the vocabulary's (data/catalog/vocabulary.yml).
"""
from __future__ import annotations

from common import settings

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
    "period": ("时期", "period", False, True),
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
    "as_of": ("截至日期", "as_of", False, True),
    "evidence": ("佐证材料", "evidence", True, True),
    "note": ("备注", "note", True, True),
    "submitter": ("填报人", "submitter", False, True),
}
COLUMNS = {"indicators": INDICATOR_COLUMNS, "ledger": LEDGER_COLUMNS}
DATE_COLUMNS = {"as_of", "deadline", "completed_on", "signed_off_on"}

MAX_BYTES = settings.MAX_UPLOAD_BYTES  # an update file larger than this is refused
SUFFIXES = (".csv", ".xlsx")


def header(column: str, lang: str) -> str:
    """A column key as the page shows it: its header in lang, where it is a known column."""
    for columns in COLUMNS.values():
        if column in columns:
            return columns[column][0 if lang == "zh" else 1]
    return column
