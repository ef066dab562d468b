"""The build worker (python -m etl worker): the one process that builds. The app accepts a
submission without writing a database file; the worker sees it (or a catalog or update-file
change) and publishes the next build; a build whose inputs have problems waits for a change."""
from __future__ import annotations

import subprocess
import sys
import threading
import time


from common import settings
from etl import inputs, worker
from etl.updates import submit
from kpi import facts
from tests.conftest import REPORT
# The same desk: 自规分局 assigned land_recovered of the real report, and a built database.
from tests.test_faults import HEADER, LAND, desk, land, zone  # noqa: F401  (desk and zone are fixtures)

def test_a_build_records_what_it_was_made_from_and_nothing_is_due_after_it(zone):
    ws, _, _ = zone
    assert inputs.built_from(ws.db) == inputs.fingerprint()
    assert worker.Worker(ws.db).step() == "idle"


def test_an_accepted_submission_is_built_by_the_worker_not_by_the_app(zone, monkeypatch):
    ws, db, made = zone
    _, sid = submit.submit(db, made["clerk"], REPORT, "月报.csv", LAND)
    before = (ws.db.resolve(), ws.db.read_bytes())
    assert submit.accept(db, made["checker"], sid) == []
    assert (ws.db.resolve(), ws.db.read_bytes()) == before and land(ws.db) == 2000.0  # the app wrote no build
    monkeypatch.setattr(settings, "DB_PATH", ws.db)
    listing = db.submissions.listing(REPORT)
    assert facts.live_states(REPORT, listing["state"], listing["sha256"]) == ["accepted"]
    assert worker.Worker(ws.db).step() == "built"
    assert land(ws.db) == 2100.0 and ws.db.resolve() != before[0]
    assert facts.live_states(REPORT, listing["state"], listing["sha256"]) == ["live"]
    assert worker.Worker(ws.db).step() == "idle"
    log = db.audit.log(made["admin"])
    assert log[log["action"].isin(["accept", "build"])][["actor", "action", "outcome"]].values.tolist()[:2] == [
        [worker.actor().name, "build", "ok"], ["checker", "accept", "ok"]]


def test_a_returned_submission_makes_no_build(zone):
    ws, db, made = zone
    _, sid = submit.submit(db, made["clerk"], REPORT, "月报.csv", LAND)
    db.submissions.decide(made["checker"], sid, "returned", "缺盖章")
    assert worker.Worker(ws.db).step() == "idle"


def test_a_changed_catalog_is_built_and_a_bad_update_file_waits_for_a_fix(zone):
    ws, _, _ = zone
    ws.edit("indicators.yml", lambda entries: ws.entry(entries, "id", "land_recovered").update(
        name_en="Land recovered (edited)"))
    builder = worker.Worker(ws.db)
    assert builder.step() == "built"
    first = ws.db.resolve()
    (ws.updates() / "坏.csv").write_text(HEADER + "land_recovered,两千,,2025-01-31,自规分局报表,,\n", encoding="utf-8")
    assert builder.step() == "problems" and ws.db.resolve() == first
    assert builder.step() == "idle"  # the same problems are not tried again every poll
    (ws.updates() / "坏.csv").write_text(HEADER + "land_recovered,2200,余/多,2025-01-31,自规分局报表,,\n",
                                         encoding="utf-8")
    assert builder.step() == "built" and land(ws.db) == 2200.0


def test_the_loop_builds_when_due_and_stops_on_request(zone):
    ws, _, _ = zone
    (ws.updates() / "月报.csv").write_bytes(LAND)
    stop = threading.Event()
    done = {}
    loop = threading.Thread(target=lambda: done.update(rc=worker.run(ws.db, 0.05, stop=stop)))
    loop.start()
    deadline = time.monotonic() + 60
    while inputs.built_from(ws.db) != inputs.fingerprint() and time.monotonic() < deadline:
        time.sleep(0.1)
    stop.set()
    loop.join(10)
    assert done == {"rc": 0} and land(ws.db) == 2100.0


def test_a_second_worker_on_the_same_database_says_so_and_exits(zone, capsys):
    ws, _, _ = zone
    stop = threading.Event()
    loop = threading.Thread(target=worker.run, args=(ws.db, 0.05), kwargs={"stop": stop})
    loop.start()
    try:
        time.sleep(0.5)
        assert worker.run(ws.db, 0.05, once=True) == 1
    finally:
        stop.set()
        loop.join(10)
    assert capsys.readouterr().err == (f"python -m etl worker: another worker already builds {ws.db}; "
                                       "this one exits.\n")


def test_the_worker_command_builds_once_and_exits(zone):
    ws, _, _ = zone
    (ws.updates() / "月报.csv").write_bytes(LAND)
    env = {"KPI_SOURCES_DIR": str(ws.sources), "KPI_CATALOG_DIR": str(ws.catalog), "KPI_UPDATES_DIR": str(ws.updates_root),
           "KPI_STORE": str(settings.STORE_PATH), "KPI_BUILD_LOG": str(settings.BUILD_LOG), "KPI_TODAY": "2025-03-01"}
    done = subprocess.run([sys.executable, "-m", "etl", "worker", "--db", str(ws.db), "--once"], cwd=settings.ROOT,
                          env={**__import__("os").environ, **env}, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1].endswith(f"worker: built and published {ws.db} -> {ws.db.resolve().name}")
    assert land(ws.db) == 2100.0
