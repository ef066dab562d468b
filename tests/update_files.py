"""Build department update files (CSV/XLSX, good or broken) in code, for the update-intake tests.

No binary fixtures are committed: every file a test needs is written here from plain rows.
"""
from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

IND_HEADER = "indicator_id,value,qualifier,as_of,source,evidence,note"
LEDGER_HEADER = ("code,status,responsible_unit,responsible_leader,deadline,completed_on,"
                 "signed_off_on,evidence,note")
IND_ROW = "land_recovered,2100,余/多,2025-01-31,自规分局报表,台账截图,"
COUNT_ROW = "delegated_service_items,120,,2025-01-31,政务服务中心报表,清单,"
LEDGER_ROW = "2.2,已完成,企业服务中心,张三,2024-12-31,2024-12-20,2025-01-05,清单文件,"

# The same rows as cells, with the template's Chinese headers.
IND_HEADER_ZH = ["指标ID", "新数值", "限定", "截至日期", "来源文件", "佐证材料", "备注"]
LEDGER_HEADER_ZH = ["编号", "状态", "责任单位", "责任领导", "整改时限", "完成日期", "销号日期", "佐证材料", "备注"]


def cells(line: str) -> list:
    """A CSV line as cells (no quoting in these fixtures); '' -> None, like an empty Excel cell."""
    return [c or None for c in line.split(",")]


IND_CELLS = cells(IND_ROW)
LEDGER_CELLS = cells(LEDGER_ROW)


def csv_text(header: str, *rows: str) -> str:
    return "\n".join((header, *rows)) + "\n"


def write_csv(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def write_bytes(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def write_xlsx(folder: Path, name: str, sheets: dict[str, list[list]], merge: dict[str, str] | None = None) -> Path:
    """A workbook with one sheet per item (title -> rows, first row the header).

    A string cell starting with '=' is stored as a formula, as Excel would; merge maps a sheet
    title to a range to merge ("E2:E3").
    """
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    for title, ref in (merge or {}).items():
        wb[title].merge_cells(ref)
    path = folder / name
    wb.save(path)
    return path


def fill_template(template: Path, out: Path, indicator_id: str, values: dict) -> Path:
    """The template with one indicator row filled in (values: Chinese header -> cell), saved as out."""
    from openpyxl import load_workbook

    wb = load_workbook(template)
    ws = wb["指标"]
    heads = [c.value for c in ws[1]]
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == indicator_id)
    for head, value in values.items():
        row[heads.index(head)].value = value
    wb.save(out)
    return out
