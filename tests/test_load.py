"""The build: atomic swap, failure leaves the old file byte-identical, determinism, views."""
import os

import duckdb
import pytest

from common import builds, settings
from common.errors import DATABASE_SCHEMA
from etl import cli, load

FACT_COLUMNS = ["indicator_id", "area_no", "problem_code", "name_zh", "name_en", "value", "unit",
                "qualifier", "baseline_value", "baseline_unit", "period", "as_of", "direction",
                "source_id", "quote", "quote_offset"]


def query(db, sql: str, *params) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql, params).fetchall()


def leftovers(ws) -> list[str]:
    """Temporary files of a build (in the builds folder or beside the database)."""
    return sorted(p.name for d in (ws.db.parent, builds.folder(ws.db)) if d.is_dir() for p in d.iterdir()
                  if p.name.startswith(".") or p.name.endswith((".tmp", ".wal")))


def test_build_creates_database_and_no_temporary_file(ws):
    assert cli.run("build", ws.db) == 0
    assert ws.db.exists() and leftovers(ws) == []


def test_each_build_is_a_new_file_and_the_database_path_points_at_the_newest(ws, monkeypatch):
    monkeypatch.setattr(settings, "KEEP_BUILDS", 2)
    for _ in range(3):
        assert cli.run("build", ws.db) == 0
    kept = builds.newest_first(ws.db)
    assert len(kept) == 2 and ws.db.is_symlink() and ws.db.resolve() == kept[0]
    assert os.readlink(ws.db) == f"kpi.builds/{kept[0].name}"  # relative: the folder can move


def test_a_plain_database_file_of_before_becomes_the_oldest_build(ws):
    assert cli.run("build", ws.db) == 0
    plain = ws.db.read_bytes()
    ws.db.unlink()
    for old in builds.newest_first(ws.db):
        old.unlink()
    ws.db.write_bytes(plain)  # as a build of the previous version left it
    assert cli.run("build", ws.db) == 0
    assert [p.read_bytes() == plain for p in builds.newest_first(ws.db)] == [False, True]
    assert query(ws.db, "SELECT count(*) FROM load_log") == [(2,)]


def test_a_build_of_another_schema_version_is_not_read(ws):
    assert cli.run("build", ws.db) == 0
    assert cli.run("build", ws.db) == 0
    with duckdb.connect(str(ws.db.resolve())) as con:
        con.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    chosen = builds.choose(ws.db)
    assert chosen.fallback and chosen.path == builds.newest_first(ws.db)[1]
    assert chosen.why == f"schema version 2, expected {DATABASE_SCHEMA}"


def test_failed_validation_leaves_previous_database_byte_identical(ws, capsys):
    cli.run("build", ws.db)
    before = ws.db.read_bytes()
    ws.edit("observations.yml", lambda es: es[5].update(value=-1))
    assert cli.run("build", ws.db) == 1
    assert ws.db.read_bytes() == before
    assert "nothing was loaded and" in capsys.readouterr().err


def test_failure_during_load_leaves_previous_database_byte_identical(ws, monkeypatch):
    cli.run("build", ws.db)
    before = ws.db.read_bytes()
    real = load.populate

    def populate_then_fail(con, rows, log, inputs=None):
        real(con, rows, log, inputs)  # the new file is fully written when the failure hits
        raise duckdb.IOException("disk full")

    monkeypatch.setattr(load, "populate", populate_then_fail)
    with pytest.raises(duckdb.IOException):
        cli.run("build", ws.db)
    assert ws.db.read_bytes() == before
    assert leftovers(ws) == []


def test_same_inputs_give_same_table_contents(ws, tmp_path):
    other = tmp_path / "other.duckdb"
    cli.run("build", ws.db), cli.run("build", other)
    for table in load.TABLES:
        assert query(ws.db, f'SELECT * FROM "{table}"') == query(other, f'SELECT * FROM "{table}"'), table


def test_load_log_keeps_history_across_rebuilds(ws):
    cli.run("build", ws.db), cli.run("build", ws.db)
    assert query(ws.db, "SELECT count(*), min(outcome) FROM load_log") == [(2, "ok")]


def test_indicator_facts_has_the_documented_columns(ws):
    cli.run("build", ws.db)
    columns = [r[0] for r in query(ws.db, "DESCRIBE indicator_facts")]
    assert [c for c in FACT_COLUMNS if c not in columns] == []


def test_indicator_facts_holds_land_recovered_with_its_sentence(ws):
    cli.run("build", ws.db)
    assert query(ws.db, "SELECT area_no, problem_code, value, unit, qualifier, quote, quote_offset "
                        "FROM indicator_facts WHERE indicator_id = ?", "land_recovered") == [
        (7, "7.1", 2000.0, "亩", "more_than", "完成2000余亩土地收回工作", 6304)]


def test_consistency_checks_report_stated_against_derived(ws):
    cli.run("build", ws.db)
    assert query(ws.db, "SELECT check_id, stated_value, derived_value, rate, result FROM consistency_checks "
                        "ORDER BY check_id") == [
        ("completion_rate:measures_completed", 60.0, 58.0, 96.7, "note"),
        ("completion_rate:problems_rectified", 20.0, 19.0, 95.0, "note"),
        ("ledger_vs_stated:measures", 58.0, 0.0, None, "note"),  # the ledger reports nothing yet
        ("ledger_vs_stated:problems", 19.0, 0.0, None, "note"),
        ("quotes_match_source", 62.0, 62.0, None, "pass"),
        ("repeated_figure:delegated_service_items@report-2025-02-25", 601.0, 601.0, None, "pass"),
        ("repeated_figure:new_powers@report-2025-02-25", 294.0, 294.0, None, "pass"),
        ("stated_vs_enumerated:areas", 7.0, 7.0, None, "pass"),
        ("stated_vs_enumerated:measures", 60.0, 61.0, None, "fails"),
        ("stated_vs_enumerated:problems", 20.0, 20.0, None, "pass")]


def test_problem_status_is_not_stated(ws):
    cli.run("build", ws.db)
    assert query(ws.db, "SELECT DISTINCT status FROM problems UNION SELECT DISTINCT status FROM measures") == [
        ("not_stated",)]
