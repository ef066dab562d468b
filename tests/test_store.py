"""The store of what users write: created only on purpose, refused when missing or foreign,
append-only where it must be, safe with several writers, its schema versioned."""
import multiprocessing
import sqlite3

import pytest
import sqlalchemy as sa

import store
from common import settings
from common.roles import Actor
from store import db as store_db

OPERATOR = Actor("cli:test", "admin", via="cli")


@pytest.fixture
def path(tmp_path, monkeypatch):
    p = tmp_path / "data" / "store.sqlite"
    monkeypatch.setattr(settings, "STORE_PATH", p)
    monkeypatch.delenv("KPI_STORE_URL", raising=False)
    return p


def test_init_creates_parent_dirs_an_empty_store_and_its_schema(path):
    db = store.init_store()
    assert path.is_file() and db.accounts.list().empty
    with sqlite3.connect(path) as con:
        assert con.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert con.execute("SELECT version, name FROM schema_migrations").fetchall() == [(1, "001_init")]


def test_missing_store_is_reported_and_not_created(path):
    with pytest.raises(store.StoreMissing) as exc:
        store.open_store()
    assert str(exc.value) == (f"no store at {path}. On a new server create it once with: python -m kpi store init "
                              "(make run does). If it existed before, restore it from backup: a new store is never "
                              "created over old records.")
    assert not path.exists() and not path.parent.exists()


def test_init_over_an_existing_store_is_refused_and_records_kept(path):
    store.init_store().accounts.add(OPERATOR, "wang", "viewer", "password-1")
    with pytest.raises(FileExistsError, match=f"^a store already exists at {path}; it was left untouched$"):
        store.init_store()
    assert store.open_store().accounts.list()["username"].tolist() == ["wang"]


def _corrupt(path, detail: str) -> str:
    return (f"the store at sqlite:///{path} is unusable ({detail}). Nothing was written. Restore it from backup, "
            "or move it aside and run: python -m kpi store init")


def test_random_bytes_are_reported_corrupt_and_left_alone(path):
    path.parent.mkdir()
    junk = bytes(range(256)) * 40
    path.write_bytes(junk)
    with pytest.raises(store.StoreCorrupt) as exc:
        store.open_store()
    assert str(exc.value) == _corrupt(path, "file is not a database")
    assert path.read_bytes() == junk


def test_a_sqlite_file_of_something_else_is_refused_and_left_alone(path):
    path.parent.mkdir()
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE verdicts (id INTEGER)")
    con.close()
    before = path.read_bytes()
    with pytest.raises(store.StoreCorrupt) as exc:
        store.open_store()
    assert str(exc.value) == _corrupt(path, "not a kpi store: no format marker")
    assert path.read_bytes() == before


def test_an_older_schema_asks_for_a_migration(path, monkeypatch):
    store.init_store()
    real = store_db.latest_version
    monkeypatch.setattr(store_db, "latest_version", lambda kind: real(kind) + 1)
    with pytest.raises(store.StoreCorrupt, match="schema version 1, this code needs 2: run python -m kpi store migrate"):
        store.open_store()


@pytest.mark.parametrize("table", ["verdicts", "audit", "submissions", "submission_events", "meta"])
@pytest.mark.parametrize("verb", ["UPDATE {} SET rowid = rowid", "DELETE FROM {}"])
def test_append_only_tables_refuse_update_and_delete(people, table, verb):
    db, made = people
    db.verdicts.record(made["checker"], "o:1", "verified", "1项", 1.0, "q")
    sid = db.submissions.submit(made["clerk"], "r", "a.csv", b"x", 1)
    db.submissions.decide(made["checker"], sid, "returned", "no")
    with sqlite3.connect(settings.STORE_PATH) as con, pytest.raises(sqlite3.IntegrityError, match="^append-only$"):
        con.execute(verb.format(table))


def test_the_schema_refuses_what_the_code_would_never_write(people):
    with sqlite3.connect(settings.STORE_PATH) as con, pytest.raises(sqlite3.IntegrityError, match="CHECK constraint"):
        con.execute("INSERT INTO accounts (username, display_name, role, created_at) VALUES ('x', 'x', 'boss', 't')")


def _writer(url: str, n: int, barrier, worker: int) -> None:
    db = store.open_store(url)
    me = Actor(f"w{worker}", "checker", account_id=None)
    barrier.wait()
    for i in range(n):
        db.verdicts.record(me, f"obs:{worker}:{i}", "verified", "1项", 1.0, "quote")


def test_concurrent_writers_lose_nothing(path):
    store.init_store()
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(4)
    procs = [ctx.Process(target=_writer, args=(f"sqlite:///{path}", 25, barrier, w)) for w in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0, 0, 0, 0]
    log = store.open_store().verdicts.log()
    assert len(log) == 100 and log["id"].is_unique and log["obs_id"].is_unique
    assert log["checker"].value_counts().to_dict() == {f"w{w}": 25 for w in range(4)}


def test_a_writer_that_cannot_get_the_lock_says_the_store_is_busy(path, monkeypatch):
    db = store.init_store()
    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_S", 0.2)
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        slow = store.Store(db.url, store_db.make_engine(db.url))
        with pytest.raises(store.StoreBusy):
            slow.audit.record(OPERATOR, "build")
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()


def test_the_url_is_shown_without_its_password():
    shown = store.Store("postgresql://kpi:secret@db.example/kpi", sa.create_engine("sqlite://")).shown
    assert shown == "postgresql://kpi:***@db.example/kpi"
