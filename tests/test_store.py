"""The store of what users write: created only on purpose, refused when missing or foreign,
append-only where it must be, safe with several writers, its schema versioned; on SQLite and on
PostgreSQL (tests with `store_url` or `people` run on both; those about SQLite files on SQLite only,
each beside its PostgreSQL counterpart)."""
import multiprocessing
import sqlite3

import pytest
import sqlalchemy as sa

import store
from common import settings
from common.roles import Actor
from store import db as store_db
from store import portable
from tests import pg
from tests.conftest import POSTGRESQL_ONLY, SQLITE_ONLY

OPERATOR = Actor("cli:test", "admin", via="cli")


@pytest.fixture(params=["sqlite", "postgresql"])
def store_kind(request) -> str:
    return request.param


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


def test_an_older_schema_asks_for_a_migration(store_url, monkeypatch):
    store.init_store()
    real = store_db.latest_version
    monkeypatch.setattr(store_db, "latest_version", lambda kind: real(kind) + 1)
    with pytest.raises(store.StoreCorrupt, match="schema version 1, this code needs 2: run python -m kpi store migrate"):
        store.open_store()


@pytest.mark.parametrize("table", ["verdicts", "audit", "submissions", "submission_events", "meta"])
@pytest.mark.parametrize("verb", ["UPDATE {} SET rowid = rowid", "DELETE FROM {}"])
@SQLITE_ONLY
def test_append_only_tables_refuse_update_and_delete(people, table, verb):
    db, made = people
    db.verdicts.record(made["checker"], "o:1", "verified", "1项", 1.0, "q")
    sid = db.submissions.submit(made["clerk"], "r", "a.csv", b"x", 1)
    db.submissions.decide(made["checker"], sid, "returned", "no")
    with sqlite3.connect(settings.STORE_PATH) as con, pytest.raises(sqlite3.IntegrityError, match="^append-only$"):
        con.execute(verb.format(table))


@SQLITE_ONLY
def test_the_schema_refuses_what_the_code_would_never_write(people):
    with sqlite3.connect(settings.STORE_PATH) as con, pytest.raises(sqlite3.IntegrityError, match="CHECK constraint"):
        con.execute("INSERT INTO accounts (username, display_name, role, created_at) VALUES ('x', 'x', 'boss', 't')")


def _writer(url: str, n: int, barrier, worker: int) -> None:
    db = store.open_store(url)
    me = Actor(f"w{worker}", "checker", account_id=None)
    barrier.wait()
    for i in range(n):
        db.verdicts.record(me, f"obs:{worker}:{i}", "verified", "1项", 1.0, "quote")


def test_concurrent_writers_lose_nothing(store_url):
    store.init_store()
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(4)
    procs = [ctx.Process(target=_writer, args=(store_url, 25, barrier, w)) for w in range(4)]
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


# PostgreSQL: the counterparts of the SQLite-file tests above.

def _shown(url: str) -> str:
    return url.replace(f":{pg.PASSWORD}@", ":***@")


def _columns(engine) -> dict[str, list[str]]:
    with engine.connect() as conn:
        inspect = sa.inspect(conn)
        return {t: [c["name"] for c in inspect.get_columns(t)] for t in sorted(inspect.get_table_names())
                if t != "sqlite_sequence"}


@POSTGRESQL_ONLY
def test_init_on_postgresql_makes_the_tables_and_columns_of_sqlite(store_url, tmp_path):
    db = store.init_store()
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT version, name FROM schema_migrations").fetchall() == [(1, "001_init")]
    lite = store.init_store(f"sqlite:///{tmp_path}/lite.sqlite")
    assert list(_columns(db.engine)) == sorted(portable.TABLES) and _columns(db.engine) == _columns(lite.engine)
    assert db.accounts.list().empty


@POSTGRESQL_ONLY
def test_an_empty_postgresql_database_is_a_missing_store_and_is_left_empty(store_url):
    with pytest.raises(store.StoreMissing) as exc:
        store.open_store()
    assert str(exc.value) == (f"no store at {_shown(store_url)} (an empty database). On a new server create it once "
                              "with: python -m kpi store init (make run does). If it existed before, restore it from "
                              "backup: a new store is never created over old records.")
    with store._engine(store_url).connect() as conn:
        assert sa.inspect(conn).get_table_names() == []


@POSTGRESQL_ONLY
def test_init_over_an_existing_postgresql_store_is_refused_and_records_kept(store_url):
    store.init_store().accounts.add(OPERATOR, "wang", "viewer", "password-1")
    with pytest.raises(FileExistsError) as exc:
        store.init_store()
    assert str(exc.value) == f"a store already exists at {_shown(store_url)}; it was left untouched"
    assert store.open_store().accounts.list()["username"].tolist() == ["wang"]


@POSTGRESQL_ONLY
def test_a_postgresql_database_of_something_else_is_refused_and_left_alone(store_url):
    engine = sa.create_engine(store_url, poolclass=sa.pool.NullPool)
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE verdicts (id INTEGER); INSERT INTO verdicts VALUES (7)")
    with pytest.raises(store.StoreCorrupt) as exc:
        store.open_store()
    assert str(exc.value) == (f"the store at {_shown(store_url)} is unusable (not a kpi store: no format marker). "
                              "Nothing was written. Restore it from backup, or move it aside and run: "
                              "python -m kpi store init")
    with pytest.raises(FileExistsError) as exc:
        store.init_store()
    assert str(exc.value) == (f"the database at {_shown(store_url)} already holds tables (verdicts); a store is made "
                              "only in an empty database. It was left untouched")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT id FROM verdicts").fetchall() == [(7,)]


@pytest.fixture
def filled(store_url):
    """A new store with a row in each append-only table (accounts without passwords: no hashing, fast)."""
    db = store.init_store()
    clerk = db.accounts.add(OPERATOR, "clerk", "submitter", department="自规分局")
    checker = db.accounts.add(OPERATOR, "checker", "checker")
    db.verdicts.record(checker, "o:1", "verified", "1项", 1.0, "q")
    db.submissions.decide(checker, db.submissions.submit(clerk, "r", "a.csv", b"x", 1), "returned", "no")
    return db


APPEND_ONLY = {"verdicts": "note", "audit": "detail", "submissions": "file_name", "submission_events": "note",
               "meta": "value"}


@POSTGRESQL_ONLY
@pytest.mark.parametrize("table", list(APPEND_ONLY))
@pytest.mark.parametrize("verb", ["UPDATE {t} SET {c} = {c}", "DELETE FROM {t}", "TRUNCATE {t} CASCADE"])
def test_append_only_tables_refuse_update_delete_and_truncate_on_postgresql(filled, table, verb):
    count = f"SELECT count(*) FROM {table}"
    with filled.engine.connect() as conn:
        before = conn.exec_driver_sql(count).scalar()
        with pytest.raises(sa.exc.IntegrityError) as exc:
            conn.exec_driver_sql(verb.format(t=table, c=APPEND_ONLY[table]))
        conn.rollback()
        assert (exc.value.orig.diag.message_primary, exc.value.orig.sqlstate) == ("append-only", "23000")
        assert before > 0 and conn.exec_driver_sql(count).scalar() == before


@POSTGRESQL_ONLY
def test_the_postgresql_schema_refuses_what_the_code_would_never_write(store_url):
    db = store.init_store()
    with db.engine.connect() as conn, pytest.raises(sa.exc.IntegrityError) as exc:
        conn.exec_driver_sql("INSERT INTO accounts (username, display_name, role, created_at) "
                             "VALUES ('x', 'x', 'boss', 't')")
    assert exc.value.orig.diag.message_primary == (
        'new row for relation "accounts" violates check constraint "accounts_role_check"')


@POSTGRESQL_ONLY
def test_a_postgresql_writer_that_waits_too_long_for_another_says_the_store_is_busy(store_url, monkeypatch):
    db = store.init_store()
    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_S", 0.2)
    with store_db.write(db.engine):  # another writer, holding the store's write lock
        with pytest.raises(store.StoreBusy, match="^canceling statement due to lock timeout$"):
            db.audit.record(OPERATOR, "build")
    assert db.audit.log(OPERATOR, "build").empty


@POSTGRESQL_ONLY
def test_a_plain_postgresql_url_is_served_by_psycopg_and_shown_without_its_password(store_url):
    store.init_store().accounts.add(OPERATOR, "wang", "viewer")
    plain = store_url.replace("postgresql+psycopg://", "postgresql://")
    db = store.open_store(plain)
    assert (db.engine.dialect.driver, db.accounts.list()["username"].tolist()) == ("psycopg", ["wang"])
    assert db.shown == _shown(plain) and db.shown.startswith("postgresql://kpi:***@127.0.0.1:")
    store._engines.pop(plain).dispose()


@pytest.fixture
def pg_target(pg_url):
    """A new, empty database of the session's PostgreSQL cluster, to restore into."""
    url = pg.create_database(pg_url)
    yield url
    if url in store._engines:
        store._engines.pop(url).dispose()
    pg.drop_database(url)


def test_a_restore_into_postgresql_numbers_new_rows_after_the_restored_ones(people, pg_target, tmp_path):
    db, made = people
    for i in range(3):
        db.verdicts.record(made["checker"], f"o:{i}", "verified", "1项", 1.0, "q")
    db.submissions.decide(made["checker"], db.submissions.submit(made["clerk"], "r", "a.csv", b"x", 1), "accepted")
    portable.dump(db, tmp_path / "backup")
    counts = portable.load(pg_target, tmp_path / "backup")
    restored = store.open_store(pg_target)
    assert restored.verdicts.record(made["checker"], "o:new", "verified", "1项", 1.0, "q")["id"] == 4
    assert restored.submissions.submit(made["clerk"], "r", "b.csv", b"y", 1) == 2
    assert restored.accounts.add(OPERATOR, "new", "viewer").account_id == 6
    assert restored.audit.log(OPERATOR)["id"].tolist()[:3] == [counts["audit"] + 3, counts["audit"] + 2,
                                                               counts["audit"] + 1]
    assert restored.submissions.listing()[["id", "state"]].values.tolist() == [[2, "pending"], [1, "accepted"]]
