"""Verdicts: recorded by the signed-in checker, appended and never changed, re-checked when the
figure changes, exported as CSV and XLSX."""
import hashlib
import io
from datetime import datetime, timedelta, timezone

import duckdb
import openpyxl
import pandas as pd
import pytest

import store
from common.roles import Actor
from etl import cli
from kpi import verdicts
from store.verdicts import VerdictInvalid
from tests.conftest import SQLITE_ONLY

T0 = datetime(2025, 3, 1, 8, 0, tzinfo=timezone.utc)
OBS = "report-2025-02-25:land_recovered"
QUOTE = "盘活闲置土地2000余亩"


@pytest.fixture(params=["sqlite", "postgresql"])
def store_kind(request) -> str:
    """Every test here with a store runs on SQLite and on PostgreSQL."""
    return request.param


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@pytest.fixture
def db(people):
    return people[0]


@pytest.fixture
def checker(people):
    return people[1]["checker"]


def add(db, checker, obs_id=OBS, status="verified", value_text="2000余亩", value=2000.0, quote=QUOTE, note="", at=T0):
    return db.verdicts.record(checker, obs_id, status, value_text, value, quote, note=note, now=at)


def test_a_verdict_is_recorded_as_the_signed_in_checker(db, checker):
    row = add(db, checker, note="与原文一致", at=T0 + timedelta(microseconds=5))
    assert row == {"id": 1, "obs_id": OBS, "status": "verified", "note": "与原文一致", "checker": "Checker",
                   "account_id": checker.account_id, "recorded_at": "2025-03-01T08:00:00.000005+00:00",
                   "value_text": "2000余亩", "value": 2000.0, "quote_sha256": sha(QUOTE)}
    assert db.audit.log(Actor("a", "admin"), "verdict")[["actor", "object", "outcome"]].values.tolist() == [
        ["checker", OBS, "ok"]]


@pytest.mark.parametrize("who", ["viewer", "clerk"])
def test_only_checkers_and_admins_record_verdicts(people, who):
    db, made = people
    with pytest.raises(store.Forbidden, match=f"^{who} \\({made[who].role}\\) may not record verdicts$"):
        add(db, made[who])
    assert db.verdicts.log().empty
    assert db.audit.log(made["admin"], "verdict")[["actor", "outcome"]].values.tolist() == [[who, "refused"]]


def test_recorded_at_is_utc(db, checker):
    local = datetime(2025, 3, 1, 16, 0, tzinfo=timezone(timedelta(hours=8)))
    assert add(db, checker, at=local)["recorded_at"] == "2025-03-01T08:00:00.000000+00:00"


def test_recorded_at_defaults_to_now(db, checker):
    before = datetime.now(timezone.utc)
    recorded = datetime.fromisoformat(db.verdicts.record(checker, OBS, "verified", "2000余亩", 2000, QUOTE)["recorded_at"])
    assert before <= recorded <= datetime.now(timezone.utc)


def test_history_is_oldest_first(db, checker):
    for i, status in enumerate(("needs_evidence", "disputed", "verified")):
        add(db, checker, status=status, at=T0 + timedelta(hours=i))
    add(db, checker, obs_id="other:obs")
    history = db.verdicts.history(OBS)
    assert history["id"].tolist() == [1, 2, 3]
    assert history["status"].tolist() == ["needs_evidence", "disputed", "verified"]
    assert db.verdicts.history("nope").empty


def test_latest_picks_the_newest_of_several(db, checker):
    add(db, checker, status="disputed", note="first")
    add(db, checker, obs_id="b:obs", status="needs_evidence")
    add(db, checker, status="verified", note="second")
    latest = db.verdicts.latest()
    assert latest[["id", "obs_id", "status", "note"]].values.tolist() == [
        [2, "b:obs", "needs_evidence", ""], [3, OBS, "verified", "second"]]


def test_latest_is_by_id_not_by_clock(db, checker):
    add(db, checker, note="recorded later, clock behind", at=T0)
    add(db, checker, note="newest", at=T0 - timedelta(days=1))
    assert db.verdicts.latest()["note"].tolist() == ["newest"]


def test_value_none_and_nan_are_stored_as_null(db, checker):
    assert add(db, checker, value=None)["value"] is None
    assert add(db, checker, value=float("nan"))["value"] is None
    assert db.verdicts.log()["value"].isna().tolist() == [True, True]


def test_invalid_status_is_refused(db, checker):
    with pytest.raises(VerdictInvalid) as exc:
        add(db, checker, status="ok")
    assert str(exc.value) == "status must be one of verified, disputed, needs_evidence; got 'ok'"
    assert db.verdicts.log().empty


@pytest.mark.parametrize("obs_id", ["", " "])
def test_empty_obs_id_is_refused(db, checker, obs_id):
    with pytest.raises(VerdictInvalid) as exc:
        add(db, checker, obs_id=obs_id)
    assert str(exc.value) == "obs_id must not be empty"


def test_non_numeric_value_is_refused(db, checker):
    with pytest.raises(VerdictInvalid) as exc:
        add(db, checker, value="2000余亩")
    assert str(exc.value) == "value must be a number or None; got '2000余亩'"


FACTS = pd.DataFrame({"obs_id": [OBS, "b:obs"], "value": [2000.0, None], "value_text": ["2000余亩", "已完成"],
                      "quote": [QUOTE, "整改已完成"]})


def test_recheck_is_false_when_nothing_changed(db, checker):
    add(db, checker)
    add(db, checker, obs_id="b:obs", value_text="已完成", value=None, quote="整改已完成")
    out = verdicts.recheck(db.verdicts.latest(), FACTS)
    assert out[["obs_id", "recheck", "missing", "changed"]].values.tolist() == [
        ["b:obs", False, False, ""], [OBS, False, False, ""]]


def test_recheck_when_value_changed_since_the_verdict(db, checker):
    add(db, checker, value=1800.0)
    out = verdicts.recheck(db.verdicts.latest(), FACTS)
    assert out[["recheck", "missing", "changed", "current_value"]].values.tolist() == [
        [True, False, "value", 2000.0]]


def test_recheck_names_every_field_that_changed(db, checker):
    add(db, checker, obs_id="b:obs", value_text="基本完成", value=1.0, quote="整改基本完成")
    out = verdicts.recheck(db.verdicts.latest(), FACTS)
    assert out["changed"].tolist() == ["value,value_text,quote"]


def test_recheck_when_observation_is_gone(db, checker):
    add(db, checker, obs_id="gone:obs")
    out = verdicts.recheck(db.verdicts.latest(), FACTS)
    assert out[["obs_id", "recheck", "missing", "changed"]].values.tolist() == [["gone:obs", True, True, "missing"]]


def test_recheck_leaves_its_inputs_alone(db, checker):
    add(db, checker)
    latest, facts = db.verdicts.latest(), FACTS.copy()
    verdicts.recheck(latest, facts)
    pd.testing.assert_frame_equal(latest, db.verdicts.latest())
    pd.testing.assert_frame_equal(facts, FACTS)


def test_recheck_of_no_verdicts_is_empty(db, checker):
    out = verdicts.recheck(db.verdicts.latest(), FACTS)
    assert out.empty and {"recheck", "missing", "changed"} <= set(out.columns)


@SQLITE_ONLY  # twenty builds; the store's part (one verdict each) runs on both above
def test_survives_20_rebuilds_of_the_kpi_database(ws, people):
    db, made = people
    for i in range(20):
        assert cli.run("build", ws.db) == 0
        with duckdb.connect(str(ws.db), read_only=True) as con:
            facts = con.execute("SELECT obs_id, value, value_text, quote FROM indicator_facts ORDER BY obs_id").df()
        row = facts.iloc[i]
        db.verdicts.record(made["checker"], row.obs_id, "verified", row.value_text, row.value, row.quote,
                           now=T0 + timedelta(minutes=i))
    assert db.verdicts.log()["obs_id"].tolist() == list(facts["obs_id"][:20])
    assert not verdicts.recheck(db.verdicts.latest(), facts)["recheck"].any()


def test_exporting_the_log_is_for_checkers_and_admins_and_audited(people):
    db, made = people
    add(db, made["checker"])
    assert len(db.verdicts.export(made["admin"])) == 1
    with pytest.raises(store.Forbidden):
        db.verdicts.export(made["viewer"])
    assert db.audit.log(made["admin"], "export_verdict_log")[["actor", "outcome"]].values.tolist() == [
        ["viewer", "refused"], ["admin", "ok"]]


INJECTION = '=HYPERLINK("http://evil.example","点击")'


def test_log_csv_has_bom_and_neutralises_formulas(db, checker):
    add(db, Actor("c", "checker", "@李四"), note=INJECTION)
    data = verdicts.log_csv(db.verdicts.log())
    assert data.startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert (frame.loc[0, "note"], frame.loc[0, "checker"]) == ("'" + INJECTION, "'@李四")


def test_log_xlsx_has_one_bold_sheet_and_neutralises_formulas(db, checker):
    add(db, checker, note=INJECTION)
    wb = openpyxl.load_workbook(io.BytesIO(verdicts.log_xlsx(db.verdicts.log())))
    assert wb.sheetnames == ["verdicts"]
    sheet = wb["verdicts"]
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["id", "obs_id", "status", "note"] and all(c.font.b for c in sheet[1])
    assert sheet.cell(2, header.index("note") + 1).value == "'" + INJECTION
    assert sheet.cell(2, header.index("value") + 1).value == 2000
