"""The faults a skeptical operator found (issue #11), each reproduced as found and kept fixed.
What had to be seen in a browser (an upload's outcome, markup in a chart) is in
tests/test_faults_browser.py. A full disk is a real one: a small tmpfs, mounted for the test."""
from __future__ import annotations

import io
import os
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import duckdb
import pytest
from openpyxl import Workbook
from streamlit.testing.v1 import AppTest

import store
from app import auth
from common import builds, settings
from etl import cli, worker
from etl.updates import read as intake
from etl.updates import submit
from kpi import db as kpi_db
from tests.conftest import REPORT
from tests.faults import fill, held, small_disk

HEADER = "indicator_id,value,qualifier,as_of,source,evidence,note\n"
LAND = (HEADER + "land_recovered,2100,余/多,2025-01-31,自规分局报表,,\n").encode()


@pytest.fixture
def desk(ws, people, monkeypatch):
    """The catalog and a store in which 自规分局 reports land_recovered of the real report (no database)."""
    monkeypatch.setenv("KPI_TODAY", "2025-03-01")
    db, made = people
    db.accounts.assign(made["admin"], "自规分局", REPORT, ["land_recovered"], [])
    return ws, db, made


@pytest.fixture
def zone(desk):
    """desk, and a built database."""
    assert cli.run("build", desk[0].db) == 0
    return desk


def land(db_path) -> float:
    with duckdb.connect(str(db_path), read_only=True) as con:
        return con.execute("SELECT value FROM indicator_facts WHERE indicator_id = 'land_recovered' AND is_latest"
                           ).fetchone()[0]


def problems_of(name: str, data: bytes) -> list[tuple]:
    """(where, field, value, rule) in Chinese of every problem of a file checked alone."""
    _, found = submit.read_checked(REPORT, name, data)
    return [tuple(p.shown("zh")[k] for k in ("where", "field", "value", "rule")) for p in found]


# 1, 7 -------------------------------------------------------------- names that are not plain

@pytest.mark.parametrize("name, why", [
    (".hidden.csv", "以“.”或“~$”开头（隐藏文件或锁文件）"), ("~$lock.csv", "以“.”或“~$”开头（隐藏文件或锁文件）"),
    ("<a href='http://evil.example'>x</a>.csv", "含有 < : / >"), ("月报\u202ev.csv", "含有不可见的控制字符"),
    ("CON.csv", "CON 是系统保留的设备名")])
def test_a_name_that_is_not_plain_is_refused_and_nothing_is_stored(desk, name, why):
    ws, db, made = desk
    problems, sid = submit.submit(db, made["clerk"], REPORT, name, LAND)
    assert sid is None and [(p.shown("zh")["field"], p.shown("zh")["value"], p.shown("zh")["rule"]) for p in problems] \
        == [("文件名", name, f"文件名不是普通的文件名（{why}）")]
    assert db.submissions.listing().empty


def test_a_hidden_file_in_a_report_folder_is_still_skipped_as_the_operators_own(zone):
    ws, db, made = zone
    (ws.updates() / "~$月报.xlsx").write_bytes(b"Excel's lock file while the workbook is open")
    assert cli.run("build", ws.db) == 0


# 2 -------------------------------------------------------- a build on a full disk

def test_a_build_that_hits_a_full_disk_publishes_nothing_and_is_made_once_there_is_room(zone, tmp_path, monkeypatch):
    ws, db, made = zone
    with small_disk(tmp_path / "disk", 64) as disk:
        monkeypatch.setattr(settings, "DB_PATH", disk / "kpi.duckdb")
        monkeypatch.setattr(settings, "KEEP_BUILDS", 2)
        assert cli.run("build", settings.DB_PATH) == 0
        before = (settings.DB_PATH.resolve(), settings.DB_PATH.read_bytes())
        _, sid = submit.submit(db, made["clerk"], REPORT, "月报.csv", LAND)
        filler = fill(disk)
        assert submit.accept(db, made["checker"], sid) == []  # the app writes no database file: it is accepted
        builder = worker.Worker(settings.DB_PATH, retry_s=3600)
        assert builder.step() == "failed"
        assert "No space left on device" in settings.BUILD_LOG.read_text(encoding="utf-8").splitlines()[-1]
        assert (settings.DB_PATH.resolve(), settings.DB_PATH.read_bytes()) == before
        assert [p.name for p in builds.folder(settings.DB_PATH).iterdir()] == [before[0].name]  # no partial file
        filler.unlink()
        assert builder.step() == "idle"  # not before retry_s
        builder.retry_s = 0
        assert builder.step() == "built"
        assert land(settings.DB_PATH) == 2100 and db.submissions.listing()["state"].tolist() == ["accepted"]


def test_the_review_page_says_the_trial_build_failed_and_that_nothing_was_accepted(zone, monkeypatch):
    ws, db, made = zone
    _, sid = submit.submit(db, made["clerk"], REPORT, "月报.csv", LAND)
    monkeypatch.setattr(auth, "current_actor", lambda: made["checker"])

    def disk_full(*args, **kwargs):
        raise duckdb.IOException('Could not write file "kpi.duckdb": No space left on device')

    monkeypatch.setattr(cli.load, "populate", disk_full)
    at = AppTest.from_file(str(settings.ROOT / "dashboard.py"), default_timeout=60)
    at = at.switch_page("pages/6_review.py").run()
    at.button(key=f"accept-{sid}").click().run()
    assert [e.value for e in at.error] == [f"#{sid} 未采纳：试生成数据失败（服务器磁盘已满），报送仍为待审核，看板未改变。问题解决后可再次采纳。"]
    assert db.submissions.listing()["state"].tolist() == ["pending"]


# 3 ---------------------------------------------------------------- numbers

def xlsx_with_value(raw: str) -> bytes:
    """A workbook whose value cell holds raw as Excel stores a number (<v>raw</v>)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "指标"
    ws.append(["indicator_id", "value", "qualifier", "as_of", "source", "evidence", "note"])
    ws.append(["land_recovered", 7, "余/多", "2025-01-31", "自规分局报表", None, None])
    out = io.BytesIO()
    wb.save(out)
    src, fixed = zipfile.ZipFile(io.BytesIO(out.getvalue())), io.BytesIO()
    with zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            dst.writestr(item, data.replace(b"<v>7</v>", f"<v>{raw}</v>".encode()) if "sheet" in item.filename else data)
    return fixed.getvalue()


def test_a_number_too_large_to_be_finite_is_refused_from_csv_and_xlsx(desk):
    huge = "1" + "0" * 400
    assert problems_of("月报.csv", (HEADER + f"land_recovered,{huge},余/多,2025-01-31,报表,,\n").encode()) == [
        ("第 2 行", "value", "10000000000000000000…(401)", "数值过大，不是有效数字")]
    assert problems_of("月报.xlsx", xlsx_with_value("1e309")) == [
        ("工作表“指标”第 2 行", "value", "inf", "数值过大，不是有效数字")]


def test_a_number_outside_its_units_range_is_refused(desk):
    assert problems_of("月报.csv", (HEADER + "land_recovered,20000001,余/多,2025-01-31,报表,,\n").encode()) == [
        ("第 2 行", "value", "20000001", "超出单位“亩”的合理范围：-10,000,000 至 10,000,000")]
    assert problems_of("月报.csv", (HEADER + "tvoc_change,-101,,2024-12-31,报表,,\n").encode()) == [
        ("第 2 行", "value", "-101", "超出单位“%”的合理范围：-100 至 10,000")]


def test_a_refused_infinity_never_reaches_the_headline(zone):
    ws, db, made = zone
    (ws.updates() / "月报.csv").write_text(HEADER + "land_recovered," + "1" + "0" * 400 + ",余/多,2025-01-31,报表,,\n",
                                          encoding="utf-8")
    assert cli.run("build", ws.db) == 1
    assert land(ws.db) == 2000


# 5 ---------------------------------------------------------------- zip bombs and sizes

def bomb(inflated_mb: int = 15, members: int = 5) -> bytes:
    """A small .xlsx whose sheet inflates to inflated_mb MB (padding inside an XML comment)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("xl/worksheets/sheet1.xml", b"<worksheet><!--" + b" " * (inflated_mb << 20) + b"--></worksheet>")
        for i in range(members - 1):
            z.writestr(f"xl/part{i}.xml", b"<x/>")
    return out.getvalue()


@pytest.fixture
def no_parsing(monkeypatch):
    """Fail the test if openpyxl is asked to parse anything."""
    def refuse(*args, **kwargs):
        raise AssertionError("the workbook was parsed")
    monkeypatch.setattr(intake, "load_workbook", refuse)


def test_a_zip_bomb_is_refused_before_it_is_inflated(desk, no_parsing):
    data = bomb(15)
    assert len(data) < 70_000
    assert problems_of("月报.xlsx", data) == [("整个文件", "大小", str(15 * 2**20 + 30 + 4 * len("<x/>")), "工作簿解压后为 15.0 MB（最多 8 MB）")]


def test_a_workbook_of_too_many_parts_is_refused_before_it_is_inflated(desk, no_parsing):
    assert problems_of("月报.xlsx", bomb(0, members=300)) == [("整个文件", "格式", "300", "工作簿包含 300 个部件（最多 200 个）")]


def test_too_many_rows_and_too_long_a_cell_are_refused(desk):
    rows = "".join(f"land_recovered,{2000 + i},余/多,2025-01-31,报表,,\n" for i in range(settings.MAX_ROWS + 1))
    assert problems_of("月报.csv", (HEADER + rows).encode()) == [("整个文件", "行", "5001", "共 5001 行（每个文件最多 5000 行）")]
    long_note = "很长" * 1001
    assert problems_of("月报.csv", (HEADER + f"land_recovered,2100,余/多,2025-01-31,报表,,{long_note}\n").encode()) == [
        ("第 2 行", "note", "很长" * 15 + "…", "单元格有 2002 个字符（最多 2000 个）")]


# 6 ---------------------------------------------------------------- rebuilds under readers

def test_readers_never_fail_while_the_database_is_rebuilt_again_and_again(ws, monkeypatch):
    assert cli.run("build", ws.db) == 0
    failures, stop = [], threading.Event()

    def read(n: int) -> None:
        i = 0
        while not stop.is_set():
            i += 1
            try:  # a new parameter each time: a real query on the connection, never the cache
                kpi_db.query("latest_facts", report_id=f"reader-{n}-{i}")
            except Exception as exc:  # noqa: BLE001  (any failure is the defect)
                failures.append(f"{type(exc).__name__}: {exc}")

    readers = [threading.Thread(target=read, args=(n,)) for n in range(6)]
    for r in readers:
        r.start()
    try:
        for _ in range(8):
            assert cli.run("build", ws.db) == 0
    finally:
        stop.set()
        for r in readers:
            r.join()
    assert failures == []
    assert len(builds.newest_first(ws.db)) == settings.KEEP_BUILDS


# 8 ---------------------------------------------------------------- a store held by another process

def test_a_verdict_while_another_process_holds_the_store_is_kept_in_the_form(app_db, people, monkeypatch):
    db, made = people
    monkeypatch.setattr(store.db, "BUSY_TIMEOUT_S", 0.3)
    monkeypatch.setattr(store, "_engines", {})  # engines made from now on wait 0.3 s
    monkeypatch.setattr(auth, "current_actor", lambda: made["checker"])
    obs = "report-2025-02-25:land_recovered"
    at = AppTest.from_file(str(settings.ROOT / "dashboard.py"), default_timeout=60)
    at.query_params.update(obs=obs)
    at = at.switch_page("pages/4_spot_check.py").run()
    at.radio(key=f"status_{obs}").set_value("needs_evidence")
    at.text_area(key=f"note_{obs}").input("请补充自规分局的盖章报表")
    with held(settings.STORE_PATH):
        at.button[0].click().run()
    assert [e.value for e in at.error] == ["记录库正忙，结论尚未保存；您填写的内容仍在表单中，请稍后再点“记录结论”。"]
    assert (at.text_area(key=f"note_{obs}").value, at.radio(key=f"status_{obs}").value) == (
        "请补充自规分局的盖章报表", "needs_evidence")
    assert store.open_store().verdicts.history(obs).empty
    at.button[0].click().run()  # the lock is gone: the same form, sent again
    assert store.open_store().verdicts.history(obs)[["status", "note"]].values.tolist() == [
        ["needs_evidence", "请补充自规分局的盖章报表"]]


def test_a_full_disk_under_the_store_keeps_the_verdict_in_the_form(app_db, people, tmp_path, monkeypatch):
    db, made = people
    monkeypatch.setattr(auth, "current_actor", lambda: made["checker"])
    obs = "report-2025-02-25:land_recovered"
    with small_disk(tmp_path / "store-disk", 2) as disk:
        moved = disk / "store.sqlite"
        moved.write_bytes(settings.STORE_PATH.read_bytes())
        monkeypatch.setattr(settings, "STORE_PATH", moved)
        at = AppTest.from_file(str(settings.ROOT / "dashboard.py"), default_timeout=60)
        at.query_params.update(obs=obs)
        at = at.switch_page("pages/4_spot_check.py").run()
        at.radio(key=f"status_{obs}").set_value("disputed")
        at.text_area(key=f"note_{obs}").input("长" * 1500)
        fill(disk)
        at.button[0].click().run()
        assert [e.value for e in at.error] == ["记录库暂时无法写入（磁盘已满），核查结论尚未保存；您填写的内容仍在页面上。"
                                               "请告诉管理员（python -m kpi doctor 可检查）。"]
        assert at.text_area(key=f"note_{obs}").value == "长" * 1500


# 9 ---------------------------------------------------------------- a corrupt database

def truncate_current(db_path: Path) -> Path:
    target = db_path.resolve()
    with open(target, "r+b") as f:
        f.truncate(100_000)
    return target


def test_a_truncated_database_falls_back_to_the_last_good_build_with_a_banner(ws, people, monkeypatch):
    assert cli.run("build", ws.db) == 0 and cli.run("build", ws.db) == 0
    bad = truncate_current(ws.db)
    good = builds.newest_first(ws.db)[1]
    monkeypatch.setattr(auth, "current_actor", lambda: people[1]["clerk"])
    at = AppTest.from_file(str(settings.ROOT / "dashboard.py"), default_timeout=60).run()
    assert not at.exception and not at.error
    assert at.warning[0].value == (f"最新的数据库文件无法读取，本页显示的是上一个完好的版本（生成于 {builds.built_at(good)} UTC）。"
                                   "请管理员重新生成：make db（或 python -m etl build）。")
    assert "2000+ 亩" in [m.value for m in at.metric]  # the overview draws from the good build
    at = at.switch_page("pages/5_data_update.py").run()
    assert not at.exception and not at.error and at.warning[0].value.startswith("最新的数据库文件无法读取")
    assert kpi_db.choice().path == good and kpi_db.fallback().bad == bad


def test_a_rebuild_repairs_a_truncated_database_and_keeps_its_history(ws):
    for _ in range(3):
        assert cli.run("build", ws.db) == 0
    truncate_current(ws.db)
    assert cli.run("build", ws.db) == 0
    with duckdb.connect(str(ws.db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM load_log").fetchone() == (3,)  # builds 1, 2 and the repair
    assert kpi_db.fallback() is None


def test_with_no_readable_build_at_all_pages_say_how_to_rebuild(ws, monkeypatch):
    assert cli.run("build", ws.db) == 0
    truncate_current(ws.db)
    at = AppTest.from_file(str(settings.ROOT / "dashboard.py"), default_timeout=60).run()
    assert not at.exception and [e.value for e in at.error] == [
        "数据库文件无法读取，也没有可用的早期版本。请管理员重新生成：make db（或 python -m etl build）；原因见服务器日志和 python -m kpi doctor。"]


# 10 --------------------------------------------------------------- messages

def test_an_unexpected_error_shows_a_reference_not_an_exception_name(app_db, monkeypatch, caplog):
    from app import blocks

    def broken(*args, **kwargs):
        raise RuntimeError("secret detail for the log only")

    monkeypatch.setattr(blocks, "sections", broken)
    at = AppTest.from_file(str(settings.ROOT / "dashboard.py"), default_timeout=60).run()
    message = at.error[0].value
    assert message.startswith("本页暂时无法显示（错误编号 ") and "RuntimeError" not in message and "secret" not in message
    ref = message.split("错误编号 ")[1][:8]
    assert any(ref in r.getMessage() and r.exc_info for r in caplog.records)


def test_an_uploads_problems_are_listed_in_the_pages_language_without_server_paths(desk):
    def page():
        import streamlit as st

        from app.update import problems_table
        from etl.updates import submit as s

        _, found = s.read_checked("progress-2025-02-25", "坏.csv", "indicator_id,value,qualifier,as_of,source,evidence,"
                                  "note\nland_recovered,两千,,2025-01-31,月报,,\n".encode())
        problems_table(found, st.query_params.get("lang", "zh"))

    at = AppTest.from_function(page, default_timeout=60).run()
    assert at.dataframe[0].value.values.tolist() == [
        ["坏.csv: 第 2 行", "新数值", "两千", "必须是纯数字（不带单位和文字）", "只写数字，如 2100；“余/多”请在限定列选择"]]
    at.query_params["lang"] = "en"
    assert at.run().dataframe[0].value.values.tolist() == [
        ["坏.csv: row 2", "value", "两千", "must be a plain number (no unit, no words)",
         "write the number only, e.g. 2100; put 余/多 in the qualifier column"]]


# doctor, backup, restore -------------------------------------------------------------

def kpi_cli(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kpi", *args], cwd=settings.ROOT, env={**os.environ, **env},
                          capture_output=True, text=True, timeout=300)


def env_of(ws) -> dict:
    return {"KPI_DB": str(ws.db), "KPI_STORE": str(settings.STORE_PATH), "KPI_BUILD_LOG": str(settings.BUILD_LOG),
            "KPI_UPDATES_DIR": str(ws.updates_root), "KPI_CATALOG_DIR": str(ws.catalog),
            "KPI_SOURCES_DIR": str(ws.sources)}


def test_doctor_says_what_is_wrong_and_what_to_do_and_fails(ws):
    done = kpi_cli("doctor", env=env_of(ws))
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[0] == f"FAIL  database   {ws.db} does not exist  ->  make db  (or: python -m etl build)"
    assert lines[1] == f"FAIL  store      no store at sqlite:///{settings.STORE_PATH}  ->  python -m kpi store init"
    assert lines[-1] == "2 check(s) failed."


def test_doctor_passes_a_sound_server_and_warns_of_a_fallback(zone):
    ws, db, made = zone
    done = kpi_cli("doctor", env=env_of(ws))
    assert done.returncode == 0, done.stdout
    assert [line.split()[:2] for line in done.stdout.splitlines()[:6]] == [
        ["OK", "database"], ["OK", "store"], ["OK", "updates"], ["OK", "db"], ["OK", "chromium"], ["OK", "cjk"]]
    assert cli.run("build", ws.db) == 0
    truncate_current(ws.db)
    done = kpi_cli("doctor", env=env_of(ws))
    assert done.returncode == 0 and done.stdout.splitlines()[0].startswith(f"WARN  database   {ws.db.resolve()} cannot be read")


def test_backup_then_restore_gives_back_the_store_the_update_files_and_the_log(zone, tmp_path):
    from store import portable

    ws, db, made = zone
    _, sid = submit.submit(db, made["clerk"], REPORT, "月报.csv", LAND)
    assert submit.accept(db, made["checker"], sid) == []
    db.verdicts.record(made["checker"], "report-2025-02-25:land_recovered", "verified", "2100+ 亩", 2100.0, "原文")
    (ws.updates() / "台账.csv").write_text("code,status\n", encoding="utf-8")
    before = {t: db.engine.connect().exec_driver_sql(f'SELECT * FROM "{t}" ORDER BY 1').fetchall()
              for t in portable.TABLES if t not in portable.SCHEMA_TABLES}  # those are the new store's own
    log_before = settings.BUILD_LOG.read_bytes()
    done = kpi_cli("backup", "--out", str(tmp_path / "backups"), env=env_of(ws))
    assert done.returncode == 0, done.stderr
    folder = Path(done.stdout.split()[-1])
    settings.STORE_PATH.unlink()
    (ws.updates() / "台账.csv").unlink()
    done = kpi_cli("restore", str(folder), env=env_of(ws))
    assert done.returncode == 0, done.stderr
    after = store.open_store()
    for table, rows in before.items():
        got = after.engine.connect().exec_driver_sql(f'SELECT * FROM "{table}" ORDER BY 1').fetchall()
        assert got[:len(rows)] == rows, table  # the restore adds its own audit line, nothing else
    assert after.accounts.verify("clerk", "clerk-password").name == "clerk"  # password hashes came back
    assert (ws.updates() / "台账.csv").read_text(encoding="utf-8") == "code,status\n"
    assert settings.BUILD_LOG.read_bytes().startswith(log_before)


def test_restore_refuses_a_backup_that_changed_and_touches_nothing(zone, tmp_path):
    ws, db, made = zone
    done = kpi_cli("backup", "--out", str(tmp_path / "backups"), env=env_of(ws))
    folder = Path(done.stdout.split()[-1])
    (folder / "store" / "accounts.jsonl").write_text("{}\n", encoding="utf-8")
    store_bytes = settings.STORE_PATH.read_bytes()
    done = kpi_cli("restore", str(folder), env=env_of(ws))
    assert done.returncode == 1
    assert done.stderr == ("python -m kpi restore: the backup does not verify; nothing was restored:\n"
                           "  store/accounts.jsonl: changed since the backup (sha256 differs)\n")
    assert settings.STORE_PATH.read_bytes() == store_bytes
