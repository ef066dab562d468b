"""The department update template: sheets, pre-filled rows, dropdowns, protection, dates."""
from __future__ import annotations

from datetime import date, datetime

import duckdb
import pytest
from openpyxl import load_workbook

from common import settings
from etl.template import write_template
from etl.updates.formats import INDICATOR_COLUMNS, LEDGER_COLUMNS


def _book(tmp_path, app_db, lang="zh"):
    path = tmp_path / f"template_{lang}.xlsx"
    write_template(path, lang, db_path=app_db)
    return path, load_workbook(path)


def _col(ws, header: str) -> int:
    """1-based column of a header."""
    return [c.value for c in ws[1]].index(header) + 1


def _row(ws, key_header: str, key: str) -> dict:
    """One data row as {header: value}, found by its key."""
    heads = [c.value for c in ws[1]]
    row = next(r for r in ws.iter_rows(min_row=2, values_only=True) if r[heads.index(key_header)] == key)
    return dict(zip(heads, row))


def _validations(ws, type_: str) -> list:
    return [dv for dv in ws.data_validations.dataValidation if dv.type == type_]


@pytest.mark.parametrize("lang, names", [("zh", ["指标", "台账", "填写说明"]),
                                         ("en", ["indicators", "ledger", "instructions"])])
def test_sheet_names_follow_the_language(tmp_path, app_db, lang, names):
    assert _book(tmp_path, app_db, lang)[1].sheetnames == names


def test_indicator_sheet_has_one_row_per_updatable_indicator_with_its_latest_value(tmp_path, app_db):
    ws = _book(tmp_path, app_db)[1]["指标"]
    with duckdb.connect(str(app_db), read_only=True) as con:
        expected = con.execute("SELECT count(*) FROM indicators WHERE kind <> 'date'").fetchone()[0]
    assert [c.value for c in ws[1]] == [spec[0] for spec in INDICATOR_COLUMNS.values()]
    assert ws.max_row - 1 == expected
    row = _row(ws, "指标ID", "land_recovered")
    assert (row["单位"], row["最新数值"], row["最新数值截至"]) == ("亩", 2000, datetime(2024, 11, 25))
    assert [row[h] for h in ("新数值", "限定", "截至日期", "来源文件", "佐证材料", "备注", "填报人")] == [None] * 7


def test_english_template_uses_english_headers_and_names(tmp_path, app_db):
    ws = _book(tmp_path, app_db, "en")[1]["indicators"]
    assert [c.value for c in ws[1]] == [spec[1] for spec in INDICATOR_COLUMNS.values()]
    assert _row(ws, "indicator_id", "land_recovered")["unit"] == "亩"


def test_ledger_lists_each_problem_then_its_measures_as_not_stated(tmp_path, app_db):
    ws = _book(tmp_path, app_db)[1]["台账"]
    assert [c.value for c in ws[1]] == [spec[0] for spec in LEDGER_COLUMNS.values()]
    assert ws.max_row - 1 == 20 + 61
    assert [ws.cell(2, 1).value, ws.cell(3, 1).value] == ["1.1", "1.1.1"]
    status = _col(ws, "状态")
    assert {ws.cell(r, status).value for r in range(2, ws.max_row + 1)} == {"未说明"}


def test_dropdowns_offer_the_statuses_and_the_qualifiers(tmp_path, app_db):
    book = _book(tmp_path, app_db)[1]
    (status,) = _validations(book["台账"], "list")
    assert status.formula1 == '"已完成,正在推进,长期坚持,申请延期,未说明"'
    assert str(status.sqref) == "C2:C82"
    (qualifier,) = _validations(book["指标"], "list")
    assert qualifier.formula1 == '"精确,余/多,约"'
    assert str(qualifier.sqref).startswith("G2:G")


def test_key_columns_are_locked_and_input_columns_unlocked(tmp_path, app_db):
    ws = _book(tmp_path, app_db)[1]["指标"]
    assert ws.protection.sheet and ws.parent["台账"].protection.sheet
    assert ws.cell(2, _col(ws, "新数值")).protection.locked is False
    assert ws.cell(2, _col(ws, "指标ID")).protection.locked is True
    assert ws.cell(2, _col(ws, "指标ID")).fill.fgColor.rgb.endswith("E7E6E6")


def test_date_columns_are_date_formatted_and_checked(tmp_path, app_db):
    book = _book(tmp_path, app_db)[1]
    ws = book["指标"]
    as_of = _col(ws, "截至日期")
    assert {ws.cell(r, as_of).number_format for r in range(2, ws.max_row + 1)} == {"yyyy-mm-dd"}
    (check,) = _validations(book["台账"], "date")
    assert check.operator == "between"
    assert (check.formula1, check.formula2) == ("DATE(2024,7,25)", "DATE(2099,12,31)")
    assert str(check.sqref) == "F2:F82 G2:G82 H2:H82 I2:I82"  # deadline, completed, signed off, as of


def test_instructions_give_the_csv_headers(tmp_path, app_db):
    ws = _book(tmp_path, app_db, "en")[1]["instructions"]
    lines = [c.value for c in ws["B"]] + [c.value for c in ws["C"]]
    assert "Indicators CSV header: indicator_id,value,qualifier,as_of,source,evidence,note" in lines
    assert ("台账 CSV 表头：code,status,responsible_unit,responsible_leader,deadline,completed_on,"
            "signed_off_on,evidence,note") in lines


def test_same_database_gives_the_same_bytes(tmp_path, app_db):
    first = _book(tmp_path, app_db)[0].read_bytes()
    assert _book(tmp_path, app_db)[0].read_bytes() == first
    assert load_workbook(tmp_path / "template_zh.xlsx").properties.modified == datetime(2024, 11, 25)


def test_filled_template_reads_back_through_the_intake(tmp_path, app_db, monkeypatch):
    """What a department fills in the template is what the update pipeline reads and checks:
    the filled row and nothing else (untouched template rows are not entries)."""
    from etl.extract import read_catalog
    from etl.updates import read_and_check
    from etl.vocabulary import read as read_vocabulary
    from tests.conftest import REPORT

    monkeypatch.setenv("KPI_TODAY", "2025-03-01")
    path, book = _book(tmp_path, app_db)
    ws = book["指标"]
    r = next(c.row for c in ws["A"] if c.value == "land_recovered")
    filled = {"新数值": 2100, "限定": "余/多", "截至日期": date(2025, 1, 31), "来源文件": "自规分局报表",
              "佐证材料": "台账截图", "备注": ""}
    for header, value in filled.items():
        ws.cell(r, _col(ws, header), value)
    book.save(path)
    catalog = read_catalog(settings.CATALOG_DIR)
    [f], problems = read_and_check([path], catalog.report(REPORT), read_vocabulary(catalog.vocabulary))
    assert problems == []
    assert [(r.data["indicator_id"], r.data["value"], r.data["qualifier"], r.data["as_of"], r.data["source"])
            for r in f.tables["indicators"]] == [("land_recovered", 2100.0, "more_than", date(2025, 1, 31), "自规分局报表")]
    assert f.tables["ledger"] == []


def test_a_template_value_in_the_wrong_unit_is_caught_by_the_intake(tmp_path, app_db, monkeypatch):
    from etl.extract import read_catalog
    from etl.updates import read_and_check
    from etl.vocabulary import read as read_vocabulary
    from tests.conftest import REPORT

    monkeypatch.setenv("KPI_TODAY", "2025-03-01")
    path, book = _book(tmp_path, app_db)
    ws = book["指标"]
    r = next(c.row for c in ws["A"] if c.value == "land_recovered")
    for header, value in {"单位": "公顷", "新数值": "2100亩", "截至日期": date(2025, 1, 31), "来源文件": "报表"}.items():
        ws.cell(r, _col(ws, header), value)
    book.save(path)
    catalog = read_catalog(settings.CATALOG_DIR)
    _, problems = read_and_check([path], catalog.report(REPORT), read_vocabulary(catalog.vocabulary))
    assert [(str(p.where), p.field, p.value, str(p.rule)) for p in problems] == [
        (f"sheet 指标, row {r}", "unit", "公顷", "the indicator is counted in 亩"),
        (f"sheet 指标, row {r}", "value", "2100亩", "must be a plain number (no unit, no words)")]
