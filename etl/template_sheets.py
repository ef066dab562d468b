"""Sheet helpers for the update template: tables, dropdowns, date checks and instructions.

Sheet protection here prevents accidents (typing over a key), not attacks: there is no
password, and anyone can lift it with Review > Unprotect Sheet. The ingest re-checks
every key and value anyway.
"""
from __future__ import annotations

from datetime import date

from openpyxl.styles import Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from etl.updates.formats import (
    DATE_COLUMNS,
    INDICATOR_COLUMNS,
    LEDGER_COLUMNS,
    MAX_BYTES,
    SHEETS,
)

# Pre-filled by the template: locked and grey. Every other column is an input.
INDICATOR_KEYS = {"indicator_id", "name", "unit", "latest_value", "latest_as_of"}
LEDGER_KEYS = {"code", "title"}
DATE_FORMAT = "yyyy-mm-dd"
GREY = PatternFill("solid", fgColor="E7E6E6")
HEADER = PatternFill("solid", fgColor="BFBFBF")
WIDTHS = {"indicator_id": 34, "name": 40, "title": 60, "unit": 10, "latest_value": 12, "value": 12,
          "qualifier": 10, "status": 14, "code": 9, "source": 24, "evidence": 24, "note": 24,
          "responsible_unit": 20, "responsible_leader": 14}
UNLOCKED = Protection(locked=False)


def _letter(columns: dict, key: str) -> str:
    return get_column_letter(list(columns).index(key) + 1)


def write_table(ws, columns: dict, rows: list[dict], i: int, keys: set) -> None:
    """Header (zh i=0 / en i=1) and rows; keys locked and grey, inputs unlocked; sheet protected."""
    for c, (key, spec) in enumerate(columns.items(), start=1):
        head = ws.cell(1, c, spec[i])
        head.font, head.fill = Font(bold=True), HEADER
        for r, row in enumerate(rows, start=2):
            cell = ws.cell(r, c, row.get(key))
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # text, never a formula
            if key in DATE_COLUMNS or key == "latest_as_of":
                cell.number_format = DATE_FORMAT
            if key in keys:
                cell.fill = GREY
            else:
                cell.protection = UNLOCKED
        ws.column_dimensions[get_column_letter(c)].width = WIDTHS.get(key, 13)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"
    ws.protection.sheet = True  # no password: against accidents, not attacks (see module doc)
    # Still allowed while protected: filtering and resizing columns and rows.
    ws.protection.autoFilter = ws.protection.formatColumns = ws.protection.formatRows = False


def add_list(ws, columns: dict, key: str, words: list[str], n: int) -> None:
    """A dropdown of words on column key, data rows 2..n+1."""
    dv = DataValidation(type="list", formula1='"' + ",".join(words) + '"', allow_blank=True,
                        showErrorMessage=True, error="、".join(words), errorTitle=key)
    col = _letter(columns, key)
    dv.add(f"{col}2:{col}{n + 1}")
    ws.add_data_validation(dv)


def add_dates(ws, columns: dict, keys: list[str], start: date, end: date, n: int) -> None:
    """One date check (start..end) on the given columns, data rows 2..n+1."""
    dv = DataValidation(type="date", operator="between", allow_blank=True, showErrorMessage=True,
                        formula1=f"DATE({start.year},{start.month},{start.day})",
                        formula2=f"DATE({end.year},{end.month},{end.day})", errorTitle="YYYY-MM-DD",
                        error=f"{start:%Y-%m-%d} – {end:%Y-%m-%d}")
    for key in keys:
        col = _letter(columns, key)
        dv.add(f"{col}2:{col}{n + 1}")
    ws.add_data_validation(dv)


def _csv(columns: dict) -> str:
    return ",".join(k for k, spec in columns.items() if spec[2])


def instructions(start: date, i: int, words: dict) -> list[tuple[str, str, str, str]]:
    """(sheet key, column key or '', zh line, en line): one line per column, then the rules.

    Dropdown words (words: qualifiers and statuses, {key: (zh, en)}) are quoted in the
    template's language (i: 0 zh, 1 en), as the dropdowns offer them.
    """
    qualifiers, statuses = words["qualifiers"], words["statuses"]
    q, s = "、".join(w[i] for w in qualifiers.values()), "、".join(w[i] for w in statuses.values())
    more, done = qualifiers["more_than"][i], statuses["completed"][i]
    return [
        ("indicators", "", "只填写有新数值的行；没有新数值的行保持空白，不要删除。",
         "Only fill the rows that have a new value; leave the others blank, do not delete them."),
        ("indicators", "value", "填纯数字，不带单位（写 2100，不写“2100亩”）。",
         "A plain number with no unit (2100, not “2100亩”)."),
        ("indicators", "qualifier", f"从下拉列表选择（{q}）；原文是“300余亩”“100多人”时选“{more}”。",
         f"Pick from the dropdown ({q}); for 余 / 多 (“300余亩”, “100多人”) pick “{more}”."),
        ("indicators", "as_of", "新数值的截至日期。", "The date the new value is as of."),
        ("indicators", "period", "数值所属的时期，如 2025Q1（季度）、2025-03（月）、2025H1、2025；可空。变化率（如环比）必须有时期："
         "截至日期是季末最后一天时即为该季度；变化率默认与上一次报送的时期相比（见“最新数值截至”），"
         "也可写明，如 2025Q1 vs 2024Q4。",
         "The period the value describes, e.g. 2025Q1 (quarter), 2025-03 (month), 2025H1, 2025; may be empty. "
         "A change needs one: an as-of date on the last day of a quarter means that quarter; a change is "
         "against the previously reported period (see “latest as of”) unless written, e.g. 2025Q1 vs 2024Q4."),
        ("indicators", "source", "数值出自哪份文件（文件名或文号）。", "The document the value comes from."),
        ("indicators", "evidence", "佐证材料的名称或存放位置。", "Name or location of the supporting evidence."),
        ("indicators", "note", "需要说明的情况，可空。", "Anything to explain; may be empty."),
        ("indicators", "submitter", "填报人姓名。", "Your name."),
        ("ledger", "status", f"从下拉列表选择（{s}）。", "Pick from the dropdown."),
        ("ledger", "responsible_unit", "负责整改的单位。", "The unit responsible."),
        ("ledger", "responsible_leader", "分管的责任领导。", "The leader responsible."),
        ("ledger", "deadline", "整改时限（日期）。", "The rectification deadline (a date)."),
        ("ledger", "completed_on", f"状态为“{done}”时必须填写完成日期。", f"Required when the status is “{done}”."),
        ("ledger", "signed_off_on", "销号日期不得早于完成日期。", "Not before the completion date."),
        ("ledger", "as_of", "状态的截至日期；空着时取完成日期或销号日期，两者都没有时必须填写。",
         "The date the status is as of; when empty, the completion or sign-off date; required when neither is given."),
        ("ledger", "evidence", "佐证材料的名称或存放位置。", "Name or location of the supporting evidence."),
        ("ledger", "note", "需要说明的情况，可空。", "Anything to explain; may be empty."),
        ("ledger", "submitter", "填报人姓名。", "Your name."),
        ("", "", f"日期一律写成 YYYY-MM-DD（如 2025-01-31），不得晚于今天，不得早于整改开始日期 {start:%Y-%m-%d}。",
         (f"Dates as YYYY-MM-DD (e.g. 2025-01-31), not after today and not before the programme started "
          f"({start:%Y-%m-%d}).")),
        ("", "", "灰色列（编号、名称、单位、最新数值等）是关键列，请勿修改。",
         "Do not change the grey key columns (ids, names, units, latest values)."),
        ("", "", "不要合并单元格，不要使用公式，不要增删或改名工作表和列。",
         "Do not merge cells or use formulas; do not add, delete or rename sheets or columns."),
        ("", "", f"保存为 .xlsx（不超过 {MAX_BYTES // 2**20} MB），放入 data/updates/ 目录，或在“数据更新”页面上传。",
         (f"Save as .xlsx (at most {MAX_BYTES // 2**20} MB) and put it in data/updates/, or upload it on "
          "the 数据更新 (data update) page.")),
        ("", "", "同样内容也可以提交 CSV（UTF-8 或 GBK 编码），以英文键名作表头。",
         "The same content may be sent as CSV (UTF-8 or GBK) with the English keys as headers."),
        ("", "", f"指标 CSV 表头：{_csv(INDICATOR_COLUMNS)}", f"Indicators CSV header: {_csv(INDICATOR_COLUMNS)}"),
        ("", "", f"台账 CSV 表头：{_csv(LEDGER_COLUMNS)}", f"Ledger CSV header: {_csv(LEDGER_COLUMNS)}"),
    ]


def write_instructions(ws, lang: str, start: date, words: dict) -> None:
    """Column label (in the template's language), Chinese line, and for en an English line."""
    i = 0 if lang == "zh" else 1
    columns = {"indicators": INDICATOR_COLUMNS, "ledger": LEDGER_COLUMNS}
    ws.append(["工作表 / 列" if i == 0 else "sheet / column", "填写说明"] + (["Instructions"] if i else []))
    for sheet, key, zh, en in instructions(start, i, words):
        parts = (SHEETS[sheet][i] if sheet else "", columns[sheet][key][i] if key else "")
        label = " / ".join(x for x in parts if x) or ("通用" if i == 0 else "all")
        ws.append([label, zh] + ([en] if i else []))
    for c in ws[1]:
        c.font, c.fill = Font(bold=True), HEADER
    ws.column_dimensions["A"].width = 26
    ws.column_dimensions["B"].width = 90
    ws.column_dimensions["C"].width = 90
    ws.freeze_panes = "A2"
