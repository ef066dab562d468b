"""Shared fixtures: a private copy of the sources and catalog, and a small edit helper."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from common import settings

REAL_SOURCES = settings.SOURCES_DIR
REAL_CATALOG = settings.CATALOG_DIR
REPORT = "progress-2025-02-25"  # the real report
# A small, clearly fictitious second report (tests/fixtures/demo-report), never under data/.
DEMO = "demo-2026-07"
DEMO_DIR = Path(__file__).with_name("fixtures") / "demo-report"


class Workspace:
    """A copy of data/sources and data/catalog that a test may break freely."""

    def __init__(self, root: Path):
        self.root = root
        self.sources = root / "sources"
        self.catalog = root / "catalog"
        self.updates_root = root / "updates"
        self.db = root / "kpi.duckdb"
        shutil.copytree(REAL_SOURCES, self.sources)
        shutil.copytree(REAL_CATALOG, self.catalog)

    def path(self, name: str, report: str = REPORT) -> Path:
        """A catalog file: vocabulary.yml, or a file of a report's folder."""
        return self.catalog / name if name == "vocabulary.yml" else self.catalog / report / name

    def updates(self, report: str = REPORT) -> Path:
        """A report's update folder (created)."""
        folder = self.updates_root / report
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def entries(self, name: str, report: str = REPORT):
        return yaml.safe_load(self.path(name, report).read_text(encoding="utf-8"))

    def edit(self, name: str, change, report: str = REPORT) -> None:
        """Load a catalog file, let change(entries) mutate it, write it back."""
        entries = self.entries(name, report)
        change(entries)
        self.path(name, report).write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False),
                                           encoding="utf-8")

    def entry(self, entries: list[dict], key: str, value) -> dict:
        return next(e for e in entries if e.get(key) == value)

    def add_demo(self) -> None:
        """Add the fictitious second report (its document and its catalog folder)."""
        for f in (DEMO_DIR / "sources").iterdir():
            shutil.copy(f, self.sources / f.name)
        shutil.copytree(DEMO_DIR / "catalog" / DEMO, self.catalog / DEMO)


@pytest.fixture
def ws(tmp_path, monkeypatch) -> Workspace:
    w = Workspace(tmp_path)
    monkeypatch.setattr(settings, "SOURCES_DIR", w.sources)
    monkeypatch.setattr(settings, "CATALOG_DIR", w.catalog)
    monkeypatch.setattr(settings, "UPDATES_DIR", w.updates_root)
    monkeypatch.setattr(settings, "DB_PATH", w.db)
    monkeypatch.setattr(settings, "BUILD_LOG", tmp_path / "logs" / "builds.jsonl")
    monkeypatch.setattr(settings, "STORE_PATH", tmp_path / "store.sqlite")
    monkeypatch.delenv("KPI_STORE_URL", raising=False)
    return w


@pytest.fixture(scope="session")
def built_db(tmp_path_factory) -> Path:
    """The real catalog built once into a private database file."""
    from etl import cli

    path = tmp_path_factory.mktemp("db") / "kpi.duckdb"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(settings, "BUILD_LOG", path.parent / "builds.jsonl")
        mp.setattr(settings, "UPDATES_DIR", path.parent / "no-updates")
        mp.setattr(settings, "STORE_PATH", path.parent / "no-store.sqlite")
        assert cli.run("build", path) == 0
    return path


@pytest.fixture
def app_db(built_db, monkeypatch, tmp_path) -> Path:
    """Point the read side at the private database for this test (and the store at a private path)."""
    monkeypatch.setattr(settings, "DB_PATH", built_db)
    monkeypatch.setattr(settings, "STORE_PATH", tmp_path / "store.sqlite")
    monkeypatch.delenv("KPI_STORE_URL", raising=False)
    return built_db


@pytest.fixture(scope="session")
def pg_url():
    """A throwaway PostgreSQL cluster for the whole session (tests/pg.py): the URL of its database."""
    from tests import pg

    missing = None
    try:
        pg.bindir()
    except pg.PostgresMissing as exc:
        missing = str(exc)
    if missing:  # a failure, not a skip: `make test` installs it first
        pytest.fail(missing, pytrace=False)
    with pg.cluster() as url:
        yield url


# Pin one test of a module that runs on both: to SQLite when it is about SQLite files, or when its work is
# elsewhere (builds, file checks) and its store part is run on both by other tests; to PostgreSQL for the
# counterparts of SQLite-file tests.
SQLITE_ONLY = pytest.mark.parametrize("store_kind", ["sqlite"])
POSTGRESQL_ONLY = pytest.mark.parametrize("store_kind", ["postgresql"])


@pytest.fixture
def store_kind() -> str:
    """The database behind a test's store: SQLite. The store's own test modules override this fixture
    with params ["sqlite", "postgresql"], so that each of their tests runs on both."""
    return "sqlite"


@pytest.fixture
def store_url(store_kind, request, monkeypatch, tmp_path):
    """Where a test's store is to be (nothing there yet), made the store of the test: a SQLite file in
    tmp_path, or a new database of the session's PostgreSQL cluster (KPI_STORE_URL), dropped after."""
    import store
    from tests import pg

    monkeypatch.setattr(settings, "STORE_PATH", tmp_path / "store.sqlite")
    monkeypatch.delenv("KPI_STORE_URL", raising=False)
    if store_kind == "sqlite":
        yield settings.store_url()
        return
    url = pg.create_database(request.getfixturevalue("pg_url"))
    monkeypatch.setenv("KPI_STORE_URL", url)
    yield url
    store._sound.discard(url)
    if url in store._engines:
        store._engines.pop(url).dispose()
    pg.drop_database(url)


@pytest.fixture
def people(store_url, monkeypatch):
    """A new store with one account per role (passwords: '<name>-password'), as the operator made them.
    Their hashes are argon2id at the lowest cost (the library's defaults, which the server uses, take
    ~0.2 s a hash: a second a test, minutes over the suite on both backends)."""
    import argon2

    import store
    from common.roles import Actor
    from store import accounts

    monkeypatch.setattr(accounts, "_hasher", argon2.PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    db = store.init_store()
    operator = Actor("cli:test", "admin", via="cli")
    made = {name: db.accounts.add(operator, name, role, f"{name}-password", name.title(), department)
            for name, role, department in (("admin", "admin", None), ("checker", "checker", None),
                                           ("viewer", "viewer", None), ("clerk", "submitter", "自规分局"),
                                           ("other", "submitter", "生态环境分局"))}
    return db, made


@pytest.fixture(scope="module")
def browser():
    """Debian's headless Chromium, for the browser tests of one module."""
    sync_api = pytest.importorskip("playwright.sync_api")
    from tests.serve import launch_browser

    with sync_api.sync_playwright() as p:
        b = launch_browser(p)
        yield b
        b.close()
