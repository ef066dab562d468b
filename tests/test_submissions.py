"""A department's submission: checked like any update, within its department's assignment, pending
until a checker accepts it (then loaded by the build) or returns it with a note (never loaded)."""
import dataclasses
import hashlib

import duckdb
import pytest

import store
from etl import cli, worker
from etl.extract import display_path
from etl.updates import submit
from tests.conftest import REPORT, SQLITE_ONLY

HEADER = "indicator_id,value,qualifier,as_of,source,evidence,note\n"
LAND = (HEADER + "land_recovered,2100,余/多,2025-01-31,自规分局报表,,\n").encode()
LEDGER = ("code,status,responsible_unit,responsible_leader,deadline,completed_on,signed_off_on,evidence,note\n"
          "7.1,已完成,自规分局,张三,2025-01-31,2025-01-20,,,\n").encode()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_kind(request) -> str:
    """Every test here with a store runs on SQLite and on PostgreSQL."""
    return request.param


@pytest.fixture
def zone(ws, people, monkeypatch):
    """A built database, and 自规分局 assigned land_recovered and ledger item 7.1 of the real report."""
    monkeypatch.setenv("KPI_TODAY", "2025-03-01")
    db, made = people
    db.accounts.assign(made["admin"], "自规分局", REPORT, ["land_recovered"], ["7.1"])
    assert cli.run("build", ws.db) == 0
    return ws, db, made


def land(db_path) -> float:
    with duckdb.connect(str(db_path), read_only=True) as con:
        return con.execute("SELECT value FROM indicator_facts WHERE indicator_id = 'land_recovered' AND is_latest"
                           ).fetchone()[0]


def test_a_clean_file_is_stored_as_pending_and_changes_nothing_yet(zone):
    ws, db, made = zone
    before = ws.db.read_bytes()
    problems, sid = submit.submit(db, made["clerk"], REPORT, "月报.csv", LAND)
    assert problems == [] and db.submissions.listing(REPORT)[["id", "state", "department", "username", "rows"]
                                                               ].values.tolist() == [[sid, "pending", "自规分局", "clerk", 1]]
    assert ws.db.read_bytes() == before and list(ws.updates().iterdir()) == []


def test_accepted_it_is_built_by_the_worker_and_shown(zone):
    ws, db, made = zone
    _, sid = submit.submit(db, made["clerk"], REPORT, "月报.csv", LAND)
    assert submit.accept(db, made["checker"], sid) == []
    assert db.submissions.listing(REPORT)["state"].tolist() == ["accepted"]
    assert land(ws.db) == 2000.0  # the app writes no database file
    assert worker.Worker(ws.db).step() == "built" and land(ws.db) == 2100.0
    assert cli.run("build", ws.db) == 0 and land(ws.db) == 2100.0  # every later build loads it too


def test_returned_it_is_never_built_and_the_submitter_sees_the_note(zone):
    ws, db, made = zone
    _, sid = submit.submit(db, made["clerk"], REPORT, "月报.csv", LAND)
    db.submissions.decide(made["checker"], sid, "returned", "请附自规分局盖章报表")
    assert cli.run("build", ws.db) == 0 and land(ws.db) == 2000.0
    mine = db.submissions.listing(REPORT, made["clerk"].account_id)
    assert mine[["state", "note"]].values.tolist() == [["returned", "请附自规分局盖章报表"]]


@SQLITE_ONLY  # a check of the file; the store is only asked for its listing
def test_rows_outside_the_departments_assignment_are_refused_by_name(zone):
    ws, db, made = zone
    data = (HEADER + "land_recovered,2100,余/多,2025-01-31,报表,,\ngas_pipe_laid,6100,,2025-01-31,报表,,\n").encode()
    problems, sid = submit.submit(db, made["clerk"], REPORT, "m.csv", data)
    assert sid is None and [(str(p.where), p.field, p.value, str(p.rule)) for p in problems] == [
        ("row 3", "indicator_id", "gas_pipe_laid", "gas_pipe_laid is not assigned to 自规分局")]
    assert problems[0].shown("zh")["rule"] == "gas_pipe_laid 不在自规分局的报送范围内"
    problems, _ = submit.submit(db, made["other"], REPORT, "l.csv", LEDGER)
    assert [(str(p.where), p.value, str(p.rule)) for p in problems] == [("row 2", "7.1", "7.1 is not assigned to 生态环境分局")]
    assert db.submissions.listing().empty


@SQLITE_ONLY  # a check of the file; the store is only asked for its listing
def test_a_bad_file_lists_its_problems_and_stores_nothing(zone):
    ws, db, made = zone
    problems, sid = submit.submit(db, made["clerk"], REPORT, "坏.csv",
                                  (HEADER + "land_recovered,两千,,2025-01-31,月报,,\n").encode())
    assert sid is None and problems[0].shown("zh") == {
        "file": "坏.csv", "where": "第 2 行", "field": "value", "value": "两千", "rule": "必须是纯数字（不带单位和文字）",
        "fix": "只写数字，如 2100；“余/多”请在限定列选择"}
    assert db.submissions.listing().empty


@SQLITE_ONLY  # a check of the file; the store is only asked for its listing
def test_a_name_with_a_path_in_it_is_refused_before_it_is_read(zone):
    ws, db, made = zone
    problems, sid = submit.submit(db, made["clerk"], REPORT, "../坏.csv", LAND)
    assert sid is None and [p.shown("zh") for p in problems] == [{
        "file": "坏.csv", "where": "整个文件", "field": "文件名", "value": "../坏.csv", "rule": "文件名不是普通的文件名（含有 /）",
        "fix": "把文件改名为只含文字、数字、空格和 - _ ( ) 的名称，如 自规分局_2025-01.xlsx，再上传"}]
    assert db.submissions.listing().empty


@pytest.mark.parametrize("who", ["viewer", "checker", "admin"])
def test_only_a_submitter_submits(zone, who):
    ws, db, made = zone
    with pytest.raises(store.Forbidden):
        submit.submit(db, made[who], REPORT, "m.csv", LAND)
    assert db.audit.log(made["admin"], "submit")[["actor", "outcome"]].values.tolist() == [[who, "refused"]]


@pytest.mark.parametrize("who", ["viewer", "clerk", "other"])
def test_only_a_checker_or_admin_accepts_or_returns(zone, who):
    ws, db, made = zone
    _, sid = submit.submit(db, made["clerk"], REPORT, "m.csv", LAND)
    with pytest.raises(store.Forbidden):
        submit.accept(db, made[who], sid)
    with pytest.raises(store.Forbidden):
        db.submissions.decide(made[who], sid, "returned", "no")
    assert db.submissions.listing()["state"].tolist() == ["pending"] and land(ws.db) == 2000.0


def test_the_same_content_is_one_submission_whatever_its_name(zone):
    ws, db, made = zone
    submit.submit(db, made["clerk"], REPORT, "m.csv", LAND)
    problems, sid = submit.submit(db, made["clerk"], REPORT, "另一个名字.csv", LAND)
    assert sid is None and str(problems[0].rule) == "the same content was submitted as m.csv (#1, submitted)"


@SQLITE_ONLY  # a check of the build; the store's part is run on both by the tests above
def test_a_submission_that_would_break_the_build_is_not_accepted(zone):
    ws, db, made = zone
    (ws.updates() / "自规分局.csv").write_text(HEADER + "land_recovered,2200,余/多,2025-01-31,报表,,\n", encoding="utf-8")
    assert cli.run("build", ws.db) == 0
    _, sid = submit.submit(db, made["clerk"], REPORT, "m.csv", LAND)
    problems = submit.accept(db, made["checker"], sid)
    assert [str(p.rule) for p in problems] == [
        f"land_recovered as of 2025-01-31 is 2200 in {display_path(ws.updates() / '自规分局.csv')}"]
    assert db.submissions.listing()["state"].tolist() == ["pending"]


def test_nobody_reviews_their_own_submission(zone):
    ws, db, made = zone
    clerk = made["clerk"]
    _, sid = submit.submit(db, clerk, REPORT, "m.csv", LAND)
    promoted = dataclasses.replace(clerk, role="checker")  # the same account, were it also a checker
    with pytest.raises(store.submissions.SubmissionRefused, match="someone other than its submitter"):
        submit.accept(db, promoted, sid)


def test_every_step_is_in_the_audit_log(zone):
    ws, db, made = zone
    _, sid = submit.submit(db, made["clerk"], REPORT, "月报.csv", LAND)
    submit.accept(db, made["checker"], sid)
    worker.Worker(ws.db).step()
    log = db.audit.log(made["admin"])
    assert log[log["action"].isin(["submit", "accept", "build"])][["actor", "action", "object", "outcome"]
                                                                   ].values.tolist()[:3] == [
        [worker.actor().name, "build", "kpi.duckdb", "ok"], ["checker", "accept", f"submission {sid}: 月报.csv", "ok"],
        ["clerk", "submit", f"submission {sid}: 月报.csv", "ok"]]
    assert log[log["action"] == "submit"]["sha256"].tolist() == [hashlib.sha256(LAND).hexdigest()]


def test_every_kind_of_write_leaves_its_line(zone):
    ws, db, made = zone
    from store.accounts import SignInFailed

    db.accounts.verify("checker", "checker-password")
    for _ in range(5):
        with pytest.raises(SignInFailed):
            db.accounts.verify("clerk", "wrong")
    db.sessions.end(db.sessions.start(made["checker"]))
    db.accounts.set_password(made["admin"], "viewer", "new-password-1")
    db.accounts.set_disabled(made["admin"], "viewer")
    _, first = submit.submit(db, made["clerk"], REPORT, "a.csv", LAND)
    db.submissions.decide(made["checker"], first, "returned", "缺盖章")
    _, second = submit.submit(db, made["clerk"], REPORT, "b.csv", LAND.replace(b"2100", b"2150"))
    submit.accept(db, made["checker"], second)
    worker.Worker(ws.db).step()
    db.verdicts.record(made["checker"], "o:1", "verified", "1项", 1.0, "q")
    db.verdicts.export(made["checker"])
    actions = set(db.audit.log(made["admin"])["action"])
    assert {"sign_in", "sign_in_failed", "lockout", "sign_out", "account_add", "account_password", "account_disable",
            "assign", "submit", "return", "accept", "build", "verdict", "export_verdict_log"} <= actions
    assert set(db.audit.log(made["admin"])["outcome"]) == {"ok", "refused"}
