"""Department update files that are malformed: the build refuses them, leaves the database
byte-identical, and says which file, where, which field, which value, which rule and what
to do. A few good files prove the rules are not over-eager.

Every case builds a good database first (empty updates folder), then drops the bad file
into the updates folder and builds again. KPI_TODAY is fixed at 2025-03-01.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest

from etl import cli
from etl.extract import display_path
from etl.updates import read as intake
from tests.update_files import (
    COUNT_ROW,
    IND_CELLS,
    IND_HEADER,
    IND_HEADER_ZH,
    IND_ROW,
    LEDGER_CELLS,
    LEDGER_HEADER,
    LEDGER_HEADER_ZH,
    LEDGER_ROW,
    cells,
    csv_text,
    fill_template,
    write_bytes,
    write_csv,
    write_xlsx,
)

TODAY = "2025-03-01"


@dataclass
class Updates:
    dir: Path
    db: Path
    before: bytes = field(repr=False)  # the good database's bytes, before the bad file arrived


@pytest.fixture
def upd(ws, monkeypatch, capsys) -> Updates:
    monkeypatch.setenv("KPI_TODAY", TODAY)
    folder = ws.updates()
    assert cli.run("build", ws.db) == 0  # a good database, from an empty updates folder
    capsys.readouterr()
    return Updates(folder, ws.db, ws.db.read_bytes())


# ---------------------------------------------------------------- helpers

def printed(err: str) -> list[tuple[str, str, str]]:
    """stderr -> [(first line, rule, fix line)] per problem."""
    lines = err.splitlines()
    return [(lines[i - 1], line[len("    rule: "):], lines[i + 1] if i + 1 < len(lines) else "")
            for i, line in enumerate(lines) if line.startswith("    rule: ")]


def head(path: Path, where: str, column: str, value) -> str:
    return f"{display_path(path)}: {where}: {column} = {value!r}"


def assert_listed(err: str, expected: list[tuple[Path, str, str, object, str]]) -> None:
    """Exactly the expected problems (file, where, field, value, rule), each with a fix line."""
    got = printed(err)
    for first, _, fix in got:
        assert fix.startswith("    fix:  ") and fix[len("    fix:  "):].strip(), f"no fix after {first!r}"
    want = sorted((head(p, w, f, v), rule) for p, w, f, v, rule in expected)
    assert sorted((first, rule) for first, rule, _ in got) == want, err
    assert f"{len(expected)} problem(s) found" in err


def refused(upd: Updates, capsys, expected: list, single: Path | None = None) -> None:
    """build returns 1, the database is untouched, stderr lists the problems; check_one agrees."""
    assert cli.run("build", upd.db) == 1
    assert upd.db.read_bytes() == upd.before
    assert_listed(capsys.readouterr().err, expected)
    if single is not None:
        assert cli.check_one(single) == 1
        assert_listed(capsys.readouterr().err, expected)


def csv(*rows: str, header: str = IND_HEADER, encoding: str = "utf-8", name: str = "dept.csv"):
    return lambda d: write_csv(d, name, csv_text(header, *rows), encoding)


def _changed(header: str, row: str, change: dict) -> str:
    keys, values = header.split(","), row.split(",")
    for k, v in change.items():
        values[keys.index(k)] = v
    return ",".join(values)


def ind(**change) -> str:
    """IND_ROW with some fields replaced (by column key)."""
    return _changed(IND_HEADER, IND_ROW, change)


def ledger(**change) -> str:
    """LEDGER_ROW with some fields replaced (by column key)."""
    return _changed(LEDGER_HEADER, LEDGER_ROW, change)


def count(value: str) -> str:
    return COUNT_ROW.replace(",120,", f",{value},")


def xlsx(sheets: dict, merge: dict | None = None, name: str = "dept.xlsx"):
    return lambda d: write_xlsx(d, name, sheets, merge)


def raw(data: bytes, name: str):
    return lambda d: write_bytes(d, name, data)


def latest(db: Path, indicator_id: str) -> tuple:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT value, qualifier, as_of, unit FROM indicator_facts "
                           "WHERE indicator_id = ? AND is_latest", [indicator_id]).fetchone()


LEDGER = LEDGER_HEADER
MIXED = (f"{IND_HEADER}\n{IND_ROW}\n".encode("utf-8") + f"{COUNT_ROW}\n".encode("gbk"))
LATIN1 = csv_text(IND_HEADER, "land_recovered,2100,,2025-01-31,Rapport café,déjà vu,crème brûlée").encode("latin-1")
RULE_COMPLETED = "a completed item needs its completion date"

# ---------------------------------------------------------------- single-file cases
# id -> (write the file into the folder, [(where, field, value, rule), ...])
CASES = {
    "wrong_encoding_latin1": (raw(LATIN1, "dept.csv"), [
        ("whole file", "encoding", "cp1257", "the file is neither UTF-8 nor GBK/GB18030")]),
    "wrong_encoding_utf16": (csv(IND_ROW, encoding="utf-16"), [
        ("whole file", "encoding", "utf_16", "the file is neither UTF-8 nor GBK/GB18030")]),
    "mixed_encoding": (raw(MIXED, "dept.csv"), [
        ("rows 2 and 3", "encoding", "mixed", "the file mixes UTF-8 and another encoding (GBK?)")]),
    "missing_sheet": (xlsx({"Sheet1": [IND_HEADER_ZH, IND_CELLS]}), [
        ("whole file", "sheet", "Sheet1", "no sheet named 指标 / indicators / 台账 / ledger")]),
    "missing_column": (csv("land_recovered,2100,余/多,2025-01-31,台账截图,",
                           header="indicator_id,value,qualifier,as_of,evidence,note"), [
        ("row 1", "source", None, "a required column is missing")]),
    "unknown_column": (csv(IND_ROW + ",x", header=IND_HEADER + ",remarks"), [
        ("row 1", "column 8", "remarks", "unknown column")]),
    "duplicate_column": (csv("land_recovered,2100,2100,余/多,2025-01-31,自规分局报表,台账截图,",
                             header="indicator_id,value,value,qualifier,as_of,source,evidence,note"), [
        ("row 1", "column 3", "value", "the column appears twice")]),
    "unknown_indicator_id": (csv(ind(indicator_id="land_recoverd")), [
        ("row 2", "indicator_id", "land_recoverd", "unknown indicator id")]),
    "unknown_ledger_code": (csv(ledger(code="9.9"), header=LEDGER), [
        ("row 2", "code", "9.9", "unknown problem or measure code")]),
    "unit_mismatch": (csv(IND_ROW + ",公顷", header=IND_HEADER + ",unit"), [
        ("row 2", "unit", "公顷", "the indicator is counted in 亩")]),
    "kind_mismatch_fraction_of_count": (csv(count("3.5")), [
        ("row 2", "value", "3.5", "delegated_service_items is a count (项): a whole number")]),
    "text_in_number": (csv(ind(value="两千")), [
        ("row 2", "value", "两千", "must be a plain number (no unit, no words)")]),
    "number_with_unit": (csv(ind(value="2100亩")), [
        ("row 2", "value", "2100亩", "must be a plain number (no unit, no words)")]),
    "negative_count": (csv(count("-3")), [
        ("row 2", "value", "-3", "a count cannot be negative")]),
    "as_of_after_today": (csv(ind(as_of="2025-03-02")), [
        ("row 2", "as_of", "2025-03-02", "after today (2025-03-01)")]),
    "as_of_before_programme": (csv(ind(as_of="2024-07-24")), [
        ("row 2", "as_of", "2024-07-24", "before the rectification programme started (2024-07-25)")]),
    "invalid_date": (csv(ind(as_of="2025-02-30")), [
        ("row 2", "as_of", "2025-02-30", "not a valid date")]),
    "date_wrong_format": (csv(ind(as_of="2025/01/31")), [
        ("row 2", "as_of", "2025/01/31", "not a valid date")]),
    "missing_value": (csv(ind(value="")), [
        ("row 2", "value", None, "the new value is missing")]),
    "missing_as_of": (csv(ind(as_of="")), [
        ("row 2", "as_of", None, "the date is required")]),
    "missing_source": (csv(ind(source="")), [
        ("row 2", "source", None, "the source document is required")]),
    "unknown_qualifier": (csv(ind(qualifier="大约")), [
        ("row 2", "qualifier", "大约", "unknown qualifier")]),
    "duplicate_indicator_rows": (csv(IND_ROW, IND_ROW), [
        ("row 3", "indicator_id", "land_recovered", "duplicate row: same indicator and as-of as row 2")]),
    "status_outside_list": (csv(ledger(status="完成"), header=LEDGER), [
        ("row 2", "status", "完成", "status outside the list")]),
    "completed_without_date": (csv(ledger(completed_on="", signed_off_on=""), header=LEDGER), [
        ("row 2", "completed_on", None, RULE_COMPLETED)]),
    "sign_off_before_completion": (csv(ledger(signed_off_on="2024-12-10"), header=LEDGER), [
        ("row 2", "signed_off_on", "2024-12-10", "sign-off before completion")]),
    "duplicate_ledger_codes": (csv(LEDGER_ROW, ledger(responsible_leader="李四"), header=LEDGER), [
        ("row 3", "code", "2.2", "duplicate row: same code as row 2")]),
    "date_kind_indicator": (csv("report_as_of,2025-01-31,,2025-01-31,报表,,"), [
        ("row 2", "indicator_id", "report_as_of", "date indicators are not updated by departments")]),
    "merged_cells_xlsx": (xlsx({"指标": [IND_HEADER_ZH, IND_CELLS, cells(COUNT_ROW)]}, {"指标": "E2:E3"}), [
        ("sheet 指标, cells E2:E3", "cells", "merged", "merged cells are not allowed")]),
    "formula_cells_xlsx": (xlsx({"指标": [IND_HEADER_ZH, ["land_recovered", "=1000+1100", *IND_CELLS[2:]]]}), [
        ("sheet 指标, row 2", "B (新数值)", "=1000+1100", "formula cells are not allowed")]),
    "formula_row_3_xlsx": (xlsx({"台账": [LEDGER_HEADER_ZH, LEDGER_CELLS,
                                          ["7.5.2", "正在推进", "经发局", "李四", "=TODAY()", *[None] * 4]]}), [
        ("sheet 台账, row 3", "E (整改时限)", "=TODAY()", "formula cells are not allowed")]),
    "empty_file": (raw(b"", "dept.csv"), [
        ("whole file", "size", 0, "the file is empty")]),
    "header_only_csv": (csv(), [
        ("whole file", "rows", 0, "the file has no filled rows")]),
    "header_only_xlsx": (xlsx({"指标": [IND_HEADER_ZH], "台账": [LEDGER_HEADER_ZH]}), [
        ("whole file", "rows", 0, "the file has no filled rows")]),
    "unsupported_xls": (raw(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "dept.xls"), [
        ("whole file", "file type", ".xls", "only .csv and .xlsx files are accepted")]),
    "unsupported_txt": (lambda d: write_csv(d, "dept.txt", csv_text(IND_HEADER, IND_ROW)), [
        ("whole file", "file type", ".txt", "only .csv and .xlsx files are accepted")]),
    "corrupt_xlsx": (raw(bytes(range(256)) * 4, "dept.xlsx"), [
        ("whole file", "format", "BadZipFile", "the file is not a readable .xlsx workbook")]),
    "several_problems_at_once": (csv(ind(indicator_id="land_recoverd"),
                                     ind(value="两千", qualifier="大约", as_of="2025/01/31", source=""),
                                     count("-3"),
                                     ind(indicator_id="delegated_service_items", value="7", qualifier="约",
                                         as_of="2024-01-31")), [
        ("row 2", "indicator_id", "land_recoverd", "unknown indicator id"),
        ("row 3", "value", "两千", "must be a plain number (no unit, no words)"),
        ("row 3", "qualifier", "大约", "unknown qualifier"),
        ("row 3", "as_of", "2025/01/31", "not a valid date"),
        ("row 3", "source", None, "the source document is required"),
        ("row 4", "value", "-3", "a count cannot be negative"),
        ("row 5", "as_of", "2024-01-31", "before the rectification programme started (2024-07-25)")]),
    # --- cases the rules get wrong today (see the report); the expectation is what a person needs
    "row_number_counts_blank_lines": (lambda d: write_csv(
        d, "dept.csv", f"{IND_HEADER}\n\n{IND_ROW}\n{ind(value='两千', as_of='2025-02-01')}\n"), [
        ("row 4", "value", "两千", "must be a plain number (no unit, no words)")]),
    "two_unknown_columns": (csv(IND_ROW + ",x,y", header=IND_HEADER + ",remarks,checked"), [
        ("row 1", "column 8", "remarks", "unknown column"),
        ("row 1", "column 9", "checked", "unknown column")]),
    "missing_indicator_id_column": (csv("2100,余/多,2025-01-31,自规分局报表,台账截图,",
                                        header="value,qualifier,as_of,source,evidence,note"), [
        ("row 1", "indicator_id", None, "a required column is missing")]),
    "completed_with_badly_written_date": (csv(ledger(completed_on="2024/12/20", signed_off_on=""), header=LEDGER), [
        ("row 2", "completed_on", "2024/12/20", "not a valid date")]),
    "duplicate_rows_with_different_values": (csv(IND_ROW, ind(value="2000")), [
        ("row 3", "indicator_id", "land_recovered", "duplicate row: same indicator and as-of as row 2")]),
    # --- dates and periods: nothing is taken from a file's modification time
    "ledger_row_without_any_date": (csv(ledger(status="正在推进", completed_on="", signed_off_on=""),
                                        header=LEDGER), [
        ("row 2", "as_of", None, "the row needs the date its status is as of")]),
    "period_not_readable": (csv(ind(indicator_id="tvoc_change", value="-30", qualifier="") + ",2025第一季度",
                                header=IND_HEADER + ",period"), [
        ("row 2", "period", "2025第一季度",
         "'2025第一季度' is not a period (2025Q1, 2025-03, 2025H1 or 2025; a change may say 2025Q1 vs 2024Q4)")]),
    "change_without_period": (csv(ind(indicator_id="tvoc_change", value="-30", qualifier="", as_of="2025-02-28")), [
        ("row 2", "period", None, "a change needs the period it describes")]),
    "period_ends_after_as_of": (csv(ind(indicator_id="tvoc_change", value="-30", qualifier="") + ",2025Q1",
                                    header=IND_HEADER + ",period"), [
        ("row 2", "period", "2025Q1", "the period ends after the as-of date (2025-01-31)")]),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_file_is_refused(upd, capsys, case):
    make, expected = CASES[case]
    path = make(upd.dir)
    refused(upd, capsys, [(path, *e) for e in expected], single=path)


def test_latin1_that_happens_to_decode_as_gb18030_is_refused(upd, capsys):
    """'Générale' in Latin-1 is valid GB18030 bytes ('G閚閞ale'): it must not load as Chinese.
    The value names the detector's guess, so only the rest of the problem is pinned."""
    text = csv_text(IND_HEADER, "land_recovered,2100,,2025-01-31,Rapport Générale,Réf,")
    path = write_bytes(upd.dir, "dept.csv", text.encode("latin-1"))
    assert cli.run("build", upd.db) == 1
    assert upd.db.read_bytes() == upd.before
    got = printed(capsys.readouterr().err)
    assert len(got) == 1 and got[0][1] == "the file is neither UTF-8 nor GBK/GB18030", got
    assert got[0][0].startswith(f"{display_path(path)}: whole file: encoding = ") and got[0][2].startswith("    fix:  ")
    assert cli.check_one(path) == 1


def test_file_over_the_size_limit(upd, capsys, monkeypatch):
    monkeypatch.setattr(intake, "MAX_BYTES", 100)
    path = csv(IND_ROW, COUNT_ROW)(upd.dir)
    assert path.stat().st_size > 100
    refused(upd, capsys, [(path, "whole file", "size", path.stat().st_size, "the file is larger than 100 bytes")],
            single=path)


def test_real_size_limit_with_a_big_file(upd, capsys):
    path = csv(*[IND_ROW] * (intake.MAX_BYTES // len(IND_ROW.encode()) + 10))(upd.dir)
    refused(upd, capsys, [(path, "whole file", "size", path.stat().st_size,
                           f"the file is larger than {5 * 1024 * 1024} bytes")], single=path)


# ---------------------------------------------------------------- across files

def test_two_files_disagree_on_the_same_figure(upd, capsys):
    a = csv(IND_ROW, name="a_自规分局.csv")(upd.dir)
    b = csv(ind(value="2000"), name="b_统计局.csv")(upd.dir)
    refused(upd, capsys, [(b, "row 2", "value", "2000",
                           f"land_recovered as of 2025-01-31 is 2100 in {display_path(a)}")])
    assert cli.check_one(a) == 0 and cli.check_one(b) == 0  # each alone is fine


def test_conflict_with_a_file_whose_value_is_missing(upd, capsys):
    """a.csv lacks the value, b.csv gives 2100 for the same indicator and date: a's own problem only."""
    a = csv(ind(value=""), name="a.csv")(upd.dir)
    csv(IND_ROW, name="b.csv")(upd.dir)
    refused(upd, capsys, [(a, "row 2", "value", None, "the new value is missing")])


def test_conflict_between_two_unreadable_files(upd, capsys):
    """Both files have an unknown column (their rows are never checked) and differ on a value:
    the header problems only, no comparison of unchecked cells."""
    a = csv(IND_ROW + ",x", header=IND_HEADER + ",remarks", name="a.csv")(upd.dir)
    b = csv(ind(value="2000") + ",x", header=IND_HEADER + ",remarks", name="b.csv")(upd.dir)
    refused(upd, capsys, [(a, "row 1", "column 8", "remarks", "unknown column"),
                          (b, "row 1", "column 8", "remarks", "unknown column")])


def test_the_same_file_under_two_names_is_refused(upd, capsys):
    csv(IND_ROW, name="a.csv")(upd.dir)
    b = csv(IND_ROW, name="b.csv")(upd.dir)
    refused(upd, capsys, [(b, "whole file", "file name", "b.csv", "the same content is already loaded as a.csv")])


def test_a_file_outside_a_report_folder_is_refused(upd, capsys):
    loose = csv(IND_ROW, name="loose.csv")(upd.dir.parent)
    refused(upd, capsys, [(loose, "whole file", "folder", display_path(upd.dir.parent),
                           "an update file belongs in the folder of its report")])


def test_several_bad_files_all_listed_in_one_run(upd, capsys):
    a = csv(ind(value="两千"), name="a.csv")(upd.dir)
    b = raw(b"", "b.csv")(upd.dir)
    c = csv(ledger(status="完成"), header=LEDGER, name="c.csv")(upd.dir)
    refused(upd, capsys, [(a, "row 2", "value", "两千", "must be a plain number (no unit, no words)"),
                          (b, "whole file", "size", 0, "the file is empty"),
                          (c, "row 2", "status", "完成", "status outside the list")])


# ---------------------------------------------------------------- good files

def built(upd: Updates, capsys) -> None:
    assert cli.run("build", upd.db) == 0, capsys.readouterr().err
    assert upd.db.read_bytes() != upd.before


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_same_csv_in_each_encoding_builds(upd, capsys, encoding):
    csv(IND_ROW, COUNT_ROW, encoding=encoding)(upd.dir)
    built(upd, capsys)
    assert latest(upd.db, "land_recovered") == (2100.0, "more_than", date(2025, 1, 31), "亩")
    assert latest(upd.db, "delegated_service_items")[:3] == (120.0, "exact", date(2025, 1, 31))


@pytest.mark.parametrize("row", ["land_recovered,2100,约,2025-01-31,报表,,",
                                 "land_recovered,2100,精确,2025-01-31,统计表,,"])
def test_short_gbk_csv_builds(upd, capsys, row):
    """A short GBK file is still GBK (today the detector calls these big5 / cp949 and refuses them)."""
    csv(row, encoding="gbk")(upd.dir)
    built(upd, capsys)
    assert latest(upd.db, "land_recovered")[0] == 2100.0


def test_short_gbk_ledger_csv_builds(upd, capsys):
    csv("2.2,长期坚持,经发局,李四,,,,,,2025-02-28", header=LEDGER + ",as_of", encoding="gbk")(upd.dir)
    built(upd, capsys)


def test_xlsx_with_chinese_headers_builds(upd, capsys):
    row = ["land_recovered", 2100, "余/多", datetime(2025, 1, 31), "自规分局报表", "台账截图", None]
    entry = ["2.2", "已完成", "企业服务中心", "张三", datetime(2024, 12, 31), datetime(2024, 12, 20),
             datetime(2025, 1, 5), "清单文件", None]
    xlsx({"指标": [IND_HEADER_ZH, row], "台账": [LEDGER_HEADER_ZH, entry]})(upd.dir)
    built(upd, capsys)
    assert latest(upd.db, "land_recovered") == (2100.0, "more_than", date(2025, 1, 31), "亩")
    with duckdb.connect(str(upd.db), read_only=True) as con:
        assert con.execute("SELECT status, completed_on FROM ledger_entries WHERE code = '2.2'").fetchall() == [
            ("completed", date(2024, 12, 20))]


def test_csv_with_trailing_empty_columns_builds(upd, capsys):
    """Excel's CSV export adds empty columns when a stray cell sat to the right of the table."""
    csv(IND_ROW + ",,", header=IND_HEADER + ",,")(upd.dir)
    built(upd, capsys)


def test_indicator_csv_with_chinese_headers_builds(upd, capsys):
    """formats.py: a column is found by key, Chinese or English header -- in CSVs too."""
    csv(IND_ROW, header=",".join(IND_HEADER_ZH))(upd.dir)
    built(upd, capsys)
    assert latest(upd.db, "land_recovered")[0] == 2100.0


def test_template_with_one_filled_row_builds(upd, capsys, tmp_path):
    """The template as departments get it, one value filled in, the other rows left as they came."""
    from etl.template import write_template

    template = tmp_path / "template.xlsx"
    write_template(template, "zh", db_path=upd.db)
    fill_template(template, upd.dir / "自规分局_2025-01.xlsx", "land_recovered",
                  {"新数值": 2100, "限定": "余/多", "截至日期": datetime(2025, 1, 31), "来源文件": "自规分局报表"})
    built(upd, capsys)
    assert latest(upd.db, "land_recovered") == (2100.0, "more_than", date(2025, 1, 31), "亩")
