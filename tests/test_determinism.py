"""Same inputs (sources, catalog, update files) -> same table contents: with update files present,
whatever their modification times, and whatever they are called."""
import os
from datetime import date

import duckdb
import pytest

from etl import cli, load
from kpi import verdicts

INDICATORS = ("indicator_id,value,qualifier,as_of,source,evidence,note\n"
              "land_recovered,2100,余/多,2025-01-31,自规分局报表,,\n"
              "tvoc_change,-30,,2025-03-31,生态环境分局季报,,\n")
LEDGER = ("code,status,responsible_unit,responsible_leader,deadline,completed_on,signed_off_on,evidence,note\n"
          "2.2,已完成,企业服务中心,张三,2025-03-31,2025-03-20,,,\n")


def tables(db) -> dict[str, list[tuple]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {t: con.execute(f'SELECT * FROM "{t}" ORDER BY ALL').fetchall() for t in load.TABLES}


@pytest.fixture
def with_updates(ws, monkeypatch):
    monkeypatch.setenv("KPI_TODAY", "2025-04-10")
    folder = ws.updates()
    (folder / "指标.csv").write_text(INDICATORS, encoding="utf-8")
    (folder / "台账.csv").write_text(LEDGER, encoding="utf-8")
    return folder


def test_same_inputs_give_the_same_tables_whatever_the_mtimes(ws, with_updates, tmp_path):
    assert cli.run("build", ws.db) == 0
    first = tables(ws.db)
    for f in with_updates.iterdir():
        os.utime(f, (1_000_000_000, 1_000_000_000))  # 2001: mtimes say nothing about the data
    other = tmp_path / "other.duckdb"
    assert cli.run("build", other) == 0
    assert tables(other) == first
    assert sum(r[2] == "update" for r in first["sources"]) == 2


def test_an_update_source_is_dated_by_its_rows_never_by_its_file(ws, with_updates):
    assert cli.run("build", ws.db) == 0
    with duckdb.connect(str(ws.db), read_only=True) as con:
        assert con.execute("SELECT title, published, as_of FROM sources WHERE kind = 'update' ORDER BY title"
                           ).fetchall() == [("台账.csv", date(2025, 3, 20), date(2025, 3, 20)),
                                            ("指标.csv", date(2025, 3, 31), date(2025, 3, 31))]


def test_renaming_a_file_changes_no_observation_and_orphans_no_verdict(ws, with_updates, people):
    db, made = people
    assert cli.run("build", ws.db) == 0
    before = tables(ws.db)["observations"]
    obs_id = next(r[0] for r in before if r[2] == "land_recovered" and ":update-" in r[0])
    row = next(r for r in before if r[0] == obs_id)
    db.verdicts.record(made["checker"], obs_id, "verified", row[7], row[5], row[15])
    (with_updates / "指标.csv").rename(with_updates / "自规分局_2025-01.csv")
    assert cli.run("build", ws.db) == 0
    assert [r[0] for r in tables(ws.db)["observations"]] == [r[0] for r in before]
    with duckdb.connect(str(ws.db), read_only=True) as con:
        current = con.execute("SELECT obs_id, value, value_text, quote FROM observations").df()
    checked = verdicts.recheck(db.verdicts.latest(), current)
    assert checked[["obs_id", "missing", "recheck"]].values.tolist() == [[obs_id, False, False]]


def test_a_changed_row_gets_a_new_identity(ws, with_updates):
    assert cli.run("build", ws.db) == 0
    before = {r[0] for r in tables(ws.db)["observations"]}
    (with_updates / "指标.csv").write_text(INDICATORS.replace("2100", "2200"), encoding="utf-8")
    assert cli.run("build", ws.db) == 0
    after = {r[0] for r in tables(ws.db)["observations"]}
    assert len(before - after) == 2 and len(after - before) == 2  # the file's content changed: both rows
