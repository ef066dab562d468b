"""The benchmark's SYNTHETIC growth data (tests/growth.py): five years of monthly updates that the
real build accepts, labelled synthetic in every file and row, and never written under data/."""
from __future__ import annotations

import csv

import duckdb
import pytest

from tests import growth
from tests.serve import ROOT


@pytest.fixture(scope="module")
def grown(built_db, tmp_path_factory):
    out = tmp_path_factory.mktemp("growth")
    report, rows = growth.generate(built_db, out)
    db, _seconds = growth.build(out)
    return out, report, rows, db


def test_every_indicator_and_ledger_item_gets_sixty_months(grown, built_db):
    out, report, rows, db = grown
    con = duckdb.connect(str(built_db), read_only=True)
    indicators = con.execute("SELECT count(*) FROM indicator_facts WHERE is_latest AND kind <> 'date'"
                             " AND value IS NOT NULL").fetchall()[0][0]
    items = con.execute("SELECT count(*) FROM ledger_status").fetchall()[0][0]
    con.close()
    assert rows == growth.MONTHS * (indicators + items)
    assert len(list((out / "updates" / report).iterdir())) == 2 * growth.MONTHS
    con = duckdb.connect(str(db), read_only=True)
    per_indicator = con.execute("SELECT min(n), max(n) FROM (SELECT indicator_id, count(*) AS n FROM observations"
                                " JOIN sources USING (report_id, source_id) WHERE sources.kind = 'update'"
                                " GROUP BY indicator_id)").fetchall()[0]
    newest = con.execute("SELECT max(as_of) FROM indicator_facts WHERE is_latest").fetchall()[0][0]
    con.close()
    assert per_indicator == (growth.MONTHS, growth.MONTHS)
    assert str(newest) == growth.TODAY


def test_every_file_and_row_says_synthetic(grown):
    out, report, _rows, _db = grown
    for path in (out / "updates" / report).iterdir():
        assert path.name.startswith("synthetic-")
        with path.open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                assert row["submitter"] == growth.SUBMITTER and "synthetic" in row["note"]


def test_it_never_writes_under_data(capsys):
    with pytest.raises(SystemExit):
        growth.main(["--out", str(ROOT / "data" / "growth")])
    assert "synthetic data never goes under data/" in capsys.readouterr().err
    assert not (ROOT / "data" / "growth").exists()
