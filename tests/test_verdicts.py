"""The verdict store: append-only, its own file, safe with several writers, never created by accident."""
import hashlib
import io
import multiprocessing
import sqlite3
from datetime import datetime, timedelta, timezone

import duckdb
import openpyxl
import pandas as pd
import pytest

from common import settings
from etl import cli
from kpi import verdicts

T0 = datetime(2025, 3, 1, 8, 0, tzinfo=timezone.utc)
OBS = "report-2025-02-25:land_recovered"
QUOTE = "盘活闲置土地2000余亩"


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@pytest.fixture
def path(tmp_path, monkeypatch):
    p = tmp_path / "store" / "verdicts.sqlite"
    monkeypatch.setattr(settings, "VERDICTS_PATH", p)
    return p


@pytest.fixture
def store(path):
    verdicts.init()
    return verdicts.open_store()


def add(store, obs_id=OBS, status="verified", checker="张三", value_text="2000余亩", value=2000.0, quote=QUOTE,
        note="", at=T0):
    return store.append(obs_id, status, checker, value_text, value, quote, note=note, now=at)


def test_init_creates_parent_dirs_and_an_empty_store(path):
    verdicts.init()
    assert path.is_file()
    assert verdicts.open_store().path == path
    assert verdicts.open_store().log().empty
    assert list(verdicts.open_store().log().columns) == [
        "id", "obs_id", "status", "note", "checker", "recorded_at", "value_text", "value", "quote_sha256"]


def test_store_is_in_wal_mode(store, path):
    with sqlite3.connect(path) as con:
        assert con.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_append_returns_the_stored_row(store):
    row = add(store, checker="  张三 ", note="与原文一致", at=T0 + timedelta(microseconds=5))
    assert row == {"id": 1, "obs_id": OBS, "status": "verified", "note": "与原文一致", "checker": "张三",
                   "recorded_at": "2025-03-01T08:00:00.000005+00:00", "value_text": "2000余亩", "value": 2000.0,
                   "quote_sha256": sha(QUOTE)}


def test_recorded_at_is_utc(store):
    local = datetime(2025, 3, 1, 16, 0, tzinfo=timezone(timedelta(hours=8)))
    assert add(store, at=local)["recorded_at"] == "2025-03-01T08:00:00.000000+00:00"


def test_recorded_at_defaults_to_now(store):
    before = datetime.now(timezone.utc)
    recorded = datetime.fromisoformat(store.append(OBS, "verified", "张三", "2000余亩", 2000, QUOTE)["recorded_at"])
    assert before <= recorded <= datetime.now(timezone.utc)


def test_history_is_oldest_first(store):
    for i, status in enumerate(("needs_evidence", "disputed", "verified")):
        add(store, status=status, at=T0 + timedelta(hours=i))
    add(store, obs_id="other:obs")
    history = store.history(OBS)
    assert history["id"].tolist() == [1, 2, 3]
    assert history["status"].tolist() == ["needs_evidence", "disputed", "verified"]
    assert store.history("nope").empty


def test_latest_picks_the_newest_of_several(store):
    add(store, status="disputed", note="first")
    add(store, obs_id="b:obs", status="needs_evidence")
    add(store, status="verified", note="second")
    latest = store.latest()
    assert latest[["id", "obs_id", "status", "note"]].values.tolist() == [
        [2, "b:obs", "needs_evidence", ""], [3, OBS, "verified", "second"]]


def test_latest_is_by_id_not_by_clock(store):
    add(store, note="recorded later, clock behind", at=T0)
    add(store, note="newest", at=T0 - timedelta(days=1))
    assert store.latest()["note"].tolist() == ["newest"]


def test_value_none_and_nan_are_stored_as_null(store):
    assert add(store, value=None)["value"] is None
    assert add(store, value=float("nan"))["value"] is None
    assert store.log()["value"].isna().tolist() == [True, True]


@pytest.mark.parametrize("sql", ["UPDATE verdicts SET status = 'disputed'", "DELETE FROM verdicts",
                                 "UPDATE meta SET value = 'x'", "DELETE FROM meta"])
def test_update_and_delete_are_refused(store, path, sql):
    add(store)
    with sqlite3.connect(path) as con, pytest.raises(sqlite3.IntegrityError, match="^verdicts are append-only$"):
        con.execute(sql)
    assert store.log()["status"].tolist() == ["verified"]


def test_schema_refuses_unknown_status_even_directly(store, path):
    with sqlite3.connect(path) as con, pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
        con.execute("INSERT INTO verdicts (obs_id, status, checker, recorded_at, value_text, quote_sha256) "
                    "VALUES ('a', 'ok', 'x', 't', 'v', 'q')")


def test_invalid_status_is_refused(store):
    with pytest.raises(verdicts.VerdictInvalid) as exc:
        add(store, status="ok")
    assert str(exc.value) == "status must be one of verified, disputed, needs_evidence; got 'ok'"
    assert store.log().empty


@pytest.mark.parametrize("checker", ["", "   ", None])
def test_empty_checker_is_refused(store, checker):
    with pytest.raises(verdicts.VerdictInvalid) as exc:
        add(store, checker=checker)
    assert str(exc.value) == "checker must not be empty: give the name of who checked the figure"


@pytest.mark.parametrize("obs_id", ["", " "])
def test_empty_obs_id_is_refused(store, obs_id):
    with pytest.raises(verdicts.VerdictInvalid) as exc:
        add(store, obs_id=obs_id)
    assert str(exc.value) == "obs_id must not be empty"


def test_non_numeric_value_is_refused(store):
    with pytest.raises(verdicts.VerdictInvalid) as exc:
        add(store, value="2000余亩")
    assert str(exc.value) == "value must be a number or None; got '2000余亩'"


def test_missing_store_is_reported_and_not_created(path):
    with pytest.raises(verdicts.StoreMissing) as exc:
        verdicts.open_store()
    assert str(exc.value) == (
        f"verdict store not found at {path}. If this is the first use, create an empty one with: "
        "python -m kpi verdicts init (or the button on the 指标核查 page). If it existed before, restore it "
        "from backup: a new store is never created over old records.")
    assert not path.exists() and not path.parent.exists()


def test_store_deleted_after_opening_is_not_recreated(store, path):
    path.unlink()
    with pytest.raises(verdicts.StoreMissing):
        add(store)
    assert not path.exists()


def test_open_store_reads_the_setting_at_call_time(tmp_path, monkeypatch):
    other = tmp_path / "elsewhere.sqlite"
    verdicts.init(other)
    monkeypatch.setattr(settings, "VERDICTS_PATH", other)
    assert verdicts.open_store().path == other


def test_init_over_existing_store_is_refused_and_records_kept(store, path):
    add(store)
    with pytest.raises(FileExistsError) as exc:
        verdicts.init()
    assert str(exc.value) == (f"verdict store already exists at {path}; it was left untouched. Use it as it is, "
                              "or move it aside first if you really want a new, empty one.")
    assert verdicts.open_store().log()["obs_id"].tolist() == [OBS]
    assert [p.name for p in path.parent.iterdir()] == ["verdicts.sqlite"]


def _corrupt_message(path, detail):
    return (f"verdict store at {path} is unreadable or not a verdict store ({detail}). Nothing was written. "
            "Restore it from backup or move it aside, then run: python -m kpi verdicts init")


def test_random_bytes_are_reported_corrupt_and_left_alone(path):
    path.parent.mkdir()
    junk = bytes(range(256)) * 40
    path.write_bytes(junk)
    with pytest.raises(verdicts.StoreCorrupt) as exc:
        verdicts.open_store()
    assert str(exc.value) == _corrupt_message(path, "file is not a database")
    assert path.read_bytes() == junk


def test_sqlite_file_without_marker_is_reported_corrupt_and_left_alone(path):
    path.parent.mkdir()
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE verdicts (id INTEGER)")
    con.close()
    before = path.read_bytes()
    with pytest.raises(verdicts.StoreCorrupt) as exc:
        verdicts.open_store()
    assert str(exc.value) == _corrupt_message(path, "no such table: meta")
    assert path.read_bytes() == before


def test_wrong_format_marker_is_reported_corrupt(path):
    path.parent.mkdir()
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE meta (key TEXT, value TEXT)")
        con.execute("INSERT INTO meta VALUES ('format', 'something-else')")
    con.close()
    with pytest.raises(verdicts.StoreCorrupt) as exc:
        verdicts.open_store()
    assert str(exc.value) == _corrupt_message(path, "no 'kpi-verdicts' format marker")


def test_empty_file_is_reported_corrupt_and_left_empty(path):
    path.parent.mkdir()
    path.touch()
    with pytest.raises(verdicts.StoreCorrupt):
        verdicts.open_store()
    assert path.read_bytes() == b""


FACTS = pd.DataFrame({"obs_id": [OBS, "b:obs"], "value": [2000.0, None], "value_text": ["2000余亩", "已完成"],
                      "quote": [QUOTE, "整改已完成"]})


def test_recheck_is_false_when_nothing_changed(store):
    add(store)
    add(store, obs_id="b:obs", value_text="已完成", value=None, quote="整改已完成")
    out = verdicts.recheck(store.latest(), FACTS)
    assert out[["obs_id", "recheck", "missing", "changed"]].values.tolist() == [
        ["b:obs", False, False, ""], [OBS, False, False, ""]]


def test_recheck_when_value_changed_since_the_verdict(store):
    add(store, value=1800.0)
    out = verdicts.recheck(store.latest(), FACTS)
    assert out[["recheck", "missing", "changed", "current_value"]].values.tolist() == [
        [True, False, "value", 2000.0]]


def test_recheck_names_every_field_that_changed(store):
    add(store, obs_id="b:obs", value_text="基本完成", value=1.0, quote="整改基本完成")
    out = verdicts.recheck(store.latest(), FACTS)
    assert out["changed"].tolist() == ["value,value_text,quote"]


def test_recheck_when_observation_is_gone(store):
    add(store, obs_id="gone:obs")
    out = verdicts.recheck(store.latest(), FACTS)
    assert out[["obs_id", "recheck", "missing", "changed"]].values.tolist() == [["gone:obs", True, True, "missing"]]


def test_recheck_leaves_its_inputs_alone(store):
    add(store)
    latest, facts = store.latest(), FACTS.copy()
    verdicts.recheck(latest, facts)
    pd.testing.assert_frame_equal(latest, store.latest())
    pd.testing.assert_frame_equal(facts, FACTS)


def test_recheck_of_no_verdicts_is_empty(store):
    out = verdicts.recheck(store.latest(), FACTS)
    assert out.empty and {"recheck", "missing", "changed"} <= set(out.columns)


def test_survives_20_rebuilds_of_the_kpi_database(ws, path):
    verdicts.init()
    inode = path.stat().st_ino
    for i in range(20):
        assert cli.run("build", ws.db) == 0
        with duckdb.connect(str(ws.db), read_only=True) as con:
            facts = con.execute("SELECT obs_id, value, value_text, quote FROM indicator_facts ORDER BY obs_id").df()
        row = facts.iloc[i]
        verdicts.open_store().append(row.obs_id, "verified", f"检查员{i}", row.value_text, row.value, row.quote,
                                     now=T0 + timedelta(minutes=i))
    store = verdicts.open_store()
    assert store.log()["checker"].tolist() == [f"检查员{i}" for i in range(20)]
    assert path.stat().st_ino == inode and path.resolve() != ws.db.resolve()
    assert not verdicts.recheck(store.latest(), facts)["recheck"].any()


def _writer(path, n, barrier, worker):
    store = verdicts.open_store(path)
    barrier.wait()
    for i in range(n):
        store.append(f"obs:{worker}:{i}", "verified", f"worker{worker}", "1项", 1.0, "quote")


def test_concurrent_writers_lose_nothing(store, path):
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(4)
    procs = [ctx.Process(target=_writer, args=(path, 25, barrier, w)) for w in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0, 0, 0, 0]
    log = store.log()
    assert len(log) == 100 and log["id"].is_unique and log["obs_id"].is_unique
    assert log["checker"].value_counts().to_dict() == {f"worker{w}": 25 for w in range(4)}


INJECTION = '=HYPERLINK("http://evil.example","点击")'


def test_log_csv_has_bom_and_neutralises_formulas(store):
    add(store, note=INJECTION, checker="@李四")
    data = verdicts.log_csv(store.log())
    assert data.startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert (frame.loc[0, "note"], frame.loc[0, "checker"]) == ("'" + INJECTION, "'@李四")


def test_log_xlsx_has_one_bold_sheet_and_neutralises_formulas(store):
    add(store, note=INJECTION)
    wb = openpyxl.load_workbook(io.BytesIO(verdicts.log_xlsx(store.log())))
    assert wb.sheetnames == ["verdicts"]
    sheet = wb["verdicts"]
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["id", "obs_id", "status", "note"] and all(c.font.b for c in sheet[1])
    assert sheet.cell(2, header.index("note") + 1).value == "'" + INJECTION
    assert sheet.cell(2, header.index("value") + 1).value == 2000
