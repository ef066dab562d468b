"""Department updates end to end: template round trip, history with 环比/同比, ledger lights,
the upload path."""
import datetime
import re

import duckdb
import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from common import settings
from etl import cli
from etl.template import write_template
from kpi import history, ledger
from tests.conftest import REPORT

IND_HEADER = "indicator_id,value,qualifier,as_of,source,evidence,note\n"
LEDGER_HEADER = ("code,status,responsible_unit,responsible_leader,deadline,completed_on,signed_off_on,evidence,note,"
                 "as_of\n")


@pytest.fixture
def updates(ws, monkeypatch):
    monkeypatch.setenv("KPI_TODAY", "2026-03-01")
    return ws.updates()


def latest(db, indicator_id: str) -> tuple:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT value, qualifier, as_of, source_title FROM indicator_facts "
                           "WHERE indicator_id = ? AND is_latest", [indicator_id]).fetchone()


def fill_template(path, row_values: dict, ledger_values: dict) -> None:
    wb = openpyxl.load_workbook(path)
    for sheet, key, values in (("指标", "land_recovered", row_values), ("台账", "7.5", ledger_values)):
        ws = wb[sheet]
        header = [c.value for c in ws[1]]
        row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == key)
        for column, value in values.items():
            row[header.index(column)].value = value
    wb.save(path)


def test_template_round_trip_makes_the_latest_value(updates, ws):
    cli.run("build", ws.db)
    path = updates / "自规分局_2025-01.xlsx"
    write_template(path, "zh", db_path=ws.db)
    fill_template(path, {"新数值": 2100, "限定": "余/多", "截至日期": datetime.date(2025, 1, 31),
                         "来源文件": "自规分局报表"}, {"状态": "正在推进", "整改时限": datetime.date(2026, 3, 8),
                                                   "截至日期": datetime.date(2026, 2, 27)})
    assert cli.check_one(path) == 0 and cli.run("build", ws.db) == 0
    assert latest(ws.db, "land_recovered") == (2100.0, "more_than", datetime.date(2025, 1, 31),
                                               "自规分局_2025-01.xlsx")
    at = AppTest.from_file(str(settings.ROOT / "dashboard.py"), default_timeout=30).run()
    assert "2100+ 亩" in [m.value for m in at.metric]


def test_gbk_csv_is_read(updates, ws):
    (updates / "gbk.csv").write_bytes((IND_HEADER + "land_recovered,2200,余/多,2025-02-28,月报,,\n").encode("gbk"))
    assert cli.run("build", ws.db) == 0 and latest(ws.db, "land_recovered")[0] == 2200.0


def test_history_has_previous_and_year_on_year_change(updates, ws):
    (updates / "a.csv").write_text(IND_HEADER + "land_recovered,2100,余/多,2025-01-31,月报,,\n"
                                                "land_recovered,2300,余/多,2026-01-31,月报,,\n", encoding="utf-8")
    cli.run("build", ws.db)
    rows = history.history(REPORT, "land_recovered")
    assert list(zip(rows["value"], rows["prev_change"].fillna(0), rows["yoy_change"].fillna(0))) == [
        (2000.0, 0, 0), (2100.0, 100.0, 0), (2300.0, 200.0, 200.0)]


@pytest.mark.parametrize("status, deadline, expected", [
    ("in_progress", datetime.date(2026, 2, 28), "red"),
    ("in_progress", datetime.date(2026, 3, 1), "amber"),
    ("in_progress", datetime.date(2026, 3, 11), "amber"),
    ("in_progress", datetime.date(2026, 3, 12), "green"),
    ("completed", datetime.date(2026, 1, 1), "green"),
    ("not_stated", None, "none"),
])
def test_warning_lights_at_a_fixed_date(status, deadline, expected):
    assert ledger.light(status, deadline, datetime.date(2026, 3, 1), amber_days=10) == expected


def test_ledger_file_sets_status_and_lights(updates, ws):
    (updates / "l.csv").write_text(LEDGER_HEADER + "2.2,已完成,企业服务中心,张三,2025-12-31,2025-12-20,2026-01-05,,,\n"
                                                   "7.5,正在推进,发改局,李四,2026-03-05,,,,,2026-02-28\n"
                                                   "7.5.2,申请延期,建设局,,2026-02-01,,,,,2026-02-28\n", encoding="utf-8")
    cli.run("build", ws.db)
    rows = ledger.status(REPORT).set_index("code")
    assert [(rows.loc[c, "status"], rows.loc[c, "light"]) for c in ("2.2", "7.5", "7.5.2", "1.1")] == [
        ("completed", "green"), ("in_progress", "amber"), ("extension_requested", "red"), ("not_stated", "none")]
    by_status, _ = ledger.counts(rows.reset_index(), "problem")
    assert by_status["status"].to_dict() == {"completed": 1, "in_progress": 1, "ongoing": 0,
                                             "extension_requested": 0, "not_stated": 18}


def test_every_message_a_department_sees_is_in_chinese_too():
    from etl.updates.messages import MESSAGES

    cjk = re.compile(r"[\u4e00-\u9fff]")
    assert [key for key, (en, zh) in MESSAGES.items() if not cjk.search(zh)] == []
    assert [key for key, (en, zh) in MESSAGES.items() if set(re.findall(r"{\w+}", en)) != set(re.findall(r"{\w+}", zh))] == []
