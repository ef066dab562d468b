"""Accounts: passwords hashed (never kept or logged in clear), lockout after 5 failures for 15
minutes, sessions that expire, single sign-on identities mapped by subject or e-mail, the
commands of python -m kpi users and audit."""
import dataclasses
import io
import subprocess
import sys
from datetime import datetime, timedelta, timezone

import pytest

import store
from common import settings
from kpi import __main__ as kpi_cli
from store import portable
from store.accounts import AccountInvalid, SignInFailed

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_kind(request) -> str:
    """Every test here with a store runs on SQLite and on PostgreSQL."""
    return request.param


def test_a_password_is_kept_only_as_an_argon2_hash(people, tmp_path):
    db, _ = people
    with db.engine.connect() as conn:
        hashes = [h for (h,) in conn.exec_driver_sql("SELECT password_hash FROM accounts")]
    portable.dump(db, tmp_path / "dump")
    dump = "\n".join(f.read_text(encoding="utf-8") for f in sorted((tmp_path / "dump").iterdir()))
    assert len(hashes) == 5 and all(h.startswith("$argon2id$") for h in hashes)
    assert all(h in dump for h in hashes) and "clerk-password" not in dump


def test_sign_in_gives_the_account(people):
    db, made = people
    assert db.accounts.verify("clerk", "clerk-password", T0) == made["clerk"]


@pytest.mark.parametrize("name, password", [("clerk", "wrong"), ("nobody", "clerk-password"), ("", "")])
def test_a_wrong_name_or_password_never_says_which(people, name, password):
    db, _ = people
    with pytest.raises(SignInFailed) as exc:
        db.accounts.verify(name, password, T0)
    assert exc.value.reason == "invalid"


def test_five_failures_lock_the_account_for_fifteen_minutes(people):
    db, made = people
    for i in range(5):
        with pytest.raises(SignInFailed):
            db.accounts.verify("clerk", "wrong", T0 + timedelta(seconds=i))
    with pytest.raises(SignInFailed) as exc:
        db.accounts.verify("clerk", "clerk-password", T0 + timedelta(minutes=14, seconds=59))
    assert (exc.value.reason, exc.value.until) == ("locked", "2026-03-01T09:15:04.000000+00:00")
    assert db.accounts.verify("clerk", "clerk-password", T0 + timedelta(minutes=15, seconds=5)) == made["clerk"]
    log = db.audit.log(made["admin"])
    assert log["action"].tolist()[:8] == ["sign_in", "sign_in_failed", "lockout", "sign_in_failed", "sign_in_failed",
                                          "sign_in_failed", "sign_in_failed", "sign_in_failed"]


def test_four_failures_then_a_success_start_the_count_again(people):
    db, made = people
    for _ in range(4):
        with pytest.raises(SignInFailed):
            db.accounts.verify("clerk", "wrong", T0)
    db.accounts.verify("clerk", "clerk-password", T0)
    for _ in range(4):
        with pytest.raises(SignInFailed):
            db.accounts.verify("clerk", "wrong", T0)
    assert db.accounts.verify("clerk", "clerk-password", T0) == made["clerk"]


def test_a_disabled_account_cannot_sign_in_and_its_sessions_end(people):
    db, made = people
    token = db.sessions.start(made["clerk"], T0)
    db.accounts.set_disabled(made["admin"], "clerk")
    assert db.sessions.actor(token, T0) is None
    with pytest.raises(SignInFailed):
        db.accounts.verify("clerk", "clerk-password", T0)


def test_a_session_lasts_its_hours_then_expires(people, monkeypatch):
    db, made = people
    monkeypatch.setattr(settings, "SESSION_HOURS", 8)
    token = db.sessions.start(made["checker"], T0)
    assert db.sessions.actor(token, T0 + timedelta(hours=7, minutes=59)) == made["checker"]
    assert db.sessions.actor(token, T0 + timedelta(hours=8)) is None
    assert db.sessions.actor("not-a-token", T0) is None and db.sessions.actor(None, T0) is None


def test_signing_out_ends_the_session_and_is_audited(people):
    db, made = people
    token = db.sessions.start(made["checker"])
    assert db.sessions.end(token) == made["checker"]
    assert db.sessions.actor(token) is None
    assert db.audit.log(made["admin"], "sign_out")["actor"].tolist() == ["checker"]


def test_single_sign_on_maps_by_subject_then_e_mail(people):
    db, made = people
    li = db.accounts.add(made["admin"], "li", "checker", None, "李检", email="Li@Zone.gov.cn", oidc_subject="sub-7")
    assert db.accounts.for_identity("someone@else", "sub-7") == dataclasses.replace(li, via="oidc")
    assert db.accounts.for_identity("li@zone.gov.cn", None).name == "li"
    assert db.accounts.for_identity("stranger@zone.gov.cn", "sub-9") is None


@pytest.mark.parametrize("who", ["viewer", "checker", "clerk"])
def test_only_an_admin_manages_accounts(people, who):
    db, made = people
    for change in (lambda: db.accounts.add(made[who], "x", "admin", "password-x"),
                   lambda: db.accounts.set_disabled(made[who], "admin"),
                   lambda: db.accounts.set_password(made[who], "admin", "new-password"),
                   lambda: db.accounts.assign(made[who], "自规分局", "r", ["land_recovered"])):
        with pytest.raises(store.Forbidden):
            change()
    assert db.audit.log(made["admin"], who=who)["outcome"].tolist() == ["refused"] * 4
    assert db.accounts.verify("admin", "admin-password")


@pytest.mark.parametrize("kwargs, message", [
    ({"username": "a b", "role": "viewer"}, "username: give a name without spaces"),
    ({"username": "x", "role": "boss"}, "role: one of viewer, checker, submitter, admin"),
    ({"username": "x", "role": "submitter"}, "department: a submitter reports for a department; give --department"),
    ({"username": "x", "role": "viewer", "password": "short"}, "password: at least 8 characters"),
    ({"username": "clerk", "role": "viewer"}, "username: clerk is taken"),
])
def test_an_account_that_cannot_be_made_says_why(people, kwargs, message):
    db, made = people
    with pytest.raises(AccountInvalid, match=f"^{message}$"):
        db.accounts.add(made["admin"], **kwargs)


def test_assignments_are_per_department_and_report(people):
    db, made = people
    db.accounts.assign(made["admin"], "自规分局", "r1", ["land_recovered"], ["7.1", "7.1.1"])
    db.accounts.assign(made["admin"], "自规分局", "r1", ["low_efficiency_land_started"])
    assert db.accounts.assignments("自规分局", "r1") == {
        "indicator": {"land_recovered", "low_efficiency_land_started"}, "ledger": {"7.1", "7.1.1"}}
    db.accounts.assign(made["admin"], "自规分局", "r1", ["land_recovered"], replace=True)
    assert db.accounts.assignments("自规分局", "r1") == {"indicator": {"land_recovered"}, "ledger": set()}
    assert db.accounts.assignments("自规分局", "r2") == {"indicator": set(), "ledger": set()}


def _kpi(*args, stdin: str = "") -> subprocess.CompletedProcess:
    env = {"KPI_STORE": str(settings.STORE_PATH), "PATH": "/usr/bin:/bin", "HOME": "/tmp"}
    return subprocess.run([sys.executable, "-m", "kpi", *args], input=stdin, capture_output=True, text=True,
                          env=env, cwd=settings.ROOT)


def test_the_users_commands_add_list_disable_and_set_passwords(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "STORE_PATH", tmp_path / "store.sqlite")
    assert _kpi("store", "init").stdout == (f"created an empty store at sqlite:///{tmp_path}/store.sqlite\n"
                                            "no admin account yet: create the first with\n"
                                            "    .venv/bin/python -m kpi users add admin --role admin\n")
    assert _kpi("users", "add", "admin", "--role", "admin", "--password-stdin", stdin="s3cret-pass\n").stdout == \
        "added admin (admin)\n"
    assert _kpi("users", "add", "wang", "--role", "submitter", "--department", "自规分局", "--password-stdin",
                stdin="wang-password\n").stdout == "added wang (submitter, 自规分局)\n"
    assert _kpi("users", "disable", "wang").stdout == "disabled wang\n"
    assert _kpi("users", "passwd", "admin", "--password-stdin", stdin="short\n").stderr == \
        "python -m kpi users passwd: password: at least 8 characters\n"
    listing = _kpi("users", "list").stdout
    assert "s3cret" not in listing and listing.splitlines()[0].split()[:5] == ["id", "username", "display_name", "role",
                                                                               "department"]
    assert store.open_store().accounts.verify("admin", "s3cret-pass").role == "admin"
    audit = _kpi("audit", "--action", "account_add").stdout.splitlines()
    assert len(audit) == 3 and all(" account_add " in line for line in audit[1:])


def test_a_store_that_exists_is_left_alone_by_init(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "STORE_PATH", tmp_path / "store.sqlite")
    _kpi("store", "init")
    again = _kpi("store", "init")
    assert (again.returncode, again.stderr) == (1, f"python -m kpi store init: a store already exists at "
                                                   f"{tmp_path}/store.sqlite; it was left untouched\n")
    assert _kpi("store", "init", "--if-missing").returncode == 0


@pytest.mark.parametrize("command", list(kpi_cli.EXAMPLES))
def test_every_kpi_command_has_help_with_its_own_example(command, capsys):
    with pytest.raises(SystemExit):
        kpi_cli.main([command, "--help"])
    examples = capsys.readouterr().out.split("examples:\n", 1)[1].splitlines()
    assert examples and all(f"python -m kpi {command}" in line or line.startswith("  echo") for line in examples)


def test_a_password_never_reaches_the_audit_log(people):
    db, made = people
    with pytest.raises(SignInFailed):
        db.accounts.verify("clerk", "my-secret-guess")
    log = db.audit.log(made["admin"])
    assert "my-secret-guess" not in io.StringIO(log.to_csv()).getvalue()
