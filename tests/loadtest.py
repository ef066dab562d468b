"""How many readers at once? `python -m tests.loadtest` drives K simulated sessions over
Streamlit's own websocket protocol (no browser) and prints one row per K; it asserts nothing.

Each session does what a browser tab does: GET /_stcore/health and /_stcore/host-config (which
set the XSRF cookie, and behind nginx the sticky-session cookie), opens the websocket
/_stcore/stream with subprotocols ["streamlit", <XSRF token>], then opens the pages in turn
(a `rerun_script` BackMsg with the page's name and query string, and the hashes of the large
messages it already holds, as a browser's cache does), thinking 0.5–1.5 s (seeded) between
them. A page run is timed from sending to its `script_finished`; it is an error if the script
finished with a compile error, drew an exception, the page was not found, the connection
dropped or the run took longer than --timeout.

Modes: --direct (one app process), --balanced N (N app processes behind nginx, tests/nginx.py);
by default direct, nginx with 1 and with 2 processes, then the ratio of runs/s of 2 vs 1.
CPU% and RSS are the app processes' (from /proc), summed: 100% is one core.
Only loopback URLs are driven. drive(url, k, duration) is the function other code calls.

    python -m tests.loadtest --sessions 1,5,10 --duration 10
    python -m tests.loadtest --balanced 2 --soak 30
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import ipaddress
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from datetime import date, timedelta
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlsplit

from tests.serve import ROOT, serve, worker

SESSIONS = (1, 5, 10, 20, 50)
DURATION = 20.0
THINK = (0.5, 1.5)    # seconds between two page runs of one session
RUN_TIMEOUT = 60.0    # seconds; a page run taking longer is an error
MAX_RUNS = 1000       # per session: a bound on every loop, whatever the duration
LOOPBACK_NAMES = {"localhost"}


@dataclass
class Stats:
    """What K sessions did against one URL: run times (s), errors, the app processes' use."""
    k: int
    times: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    elapsed: float = 0.0
    cpu_s: float = 0.0
    rss_mb: tuple[float, float] = (0.0, 0.0)

    @property
    def runs(self) -> int:
        return len(self.times)

    @property
    def rate(self) -> float:
        return self.runs / self.elapsed if self.elapsed else 0.0

    @property
    def median(self) -> float | None:
        return statistics.median(self.times) if self.times else None

    @property
    def p95(self) -> float | None:
        if not self.times:
            return None
        xs = sorted(self.times)
        return xs[min(len(xs) - 1, round(0.95 * (len(xs) - 1)))]

    @property
    def cpu_pct(self) -> float:
        return 100 * self.cpu_s / self.elapsed if self.elapsed else 0.0


def check_loopback(url: str) -> None:
    """Refuse anything but this machine: a load test must never hit someone else's server."""
    host = urlsplit(url).hostname or ""
    try:
        ok = host in LOOPBACK_NAMES or ipaddress.ip_address(host).is_loopback
    except ValueError:
        ok = False
    if not ok:
        raise ValueError(f"refusing to load-test {url!r}: only loopback URLs (127.0.0.1, ::1, localhost)")


def page_paths(lang: str | None = None) -> list[str]:
    """URL path and query of every page a reader reaches without signing in (tests.bench.targets)."""
    from kpi import reports
    from tests.bench import targets

    return [t.path for t in targets(reports.newest()) if lang is None or t.name.endswith(" " + lang)]


# ---- one session ---------------------------------------------------------------------------

async def _get(url: str, cookies: dict) -> None:
    """A GET that keeps the cookies it is given (a browser's cookie jar, one tab)."""
    def fetch():
        req = urllib.request.Request(url, headers={"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())})
        with urllib.request.urlopen(req, timeout=RUN_TIMEOUT) as r:
            r.read()
            for header in r.headers.get_all("Set-Cookie") or []:
                jar = SimpleCookie()
                jar.load(header)
                cookies.update({k: m.value for k, m in jar.items()})

    await asyncio.to_thread(fetch)


async def _connect(base: str, cookies: dict):
    from websockets.asyncio.client import connect

    await _get(base + "/_stcore/health", cookies)
    await _get(base + "/_stcore/host-config", cookies)
    xsrf = cookies.get("_streamlit_xsrf", "PLACEHOLDER_AUTH_TOKEN")  # what the frontend sends without one
    ws_url = "ws" + base[len("http"):] + "/_stcore/stream"
    return await connect(ws_url, subprotocols=["streamlit", xsrf], origin=base, max_size=None,
                         additional_headers={"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())},
                         open_timeout=RUN_TIMEOUT, ping_interval=None)


def _rerun(base: str, path: str, held: set[str]) -> bytes:
    from streamlit.proto.BackMsg_pb2 import BackMsg

    parts = urlsplit(path)
    msg = BackMsg()
    state = msg.rerun_script
    state.page_name = parts.path.strip("/")
    state.query_string = parts.query
    state.cached_message_hashes.extend(sorted(held))
    state.context_info.url = base + path
    state.context_info.locale = "zh-CN"
    state.context_info.timezone = "Asia/Shanghai"
    return msg.SerializeToString()


async def _page_run(ws, base: str, path: str, held: set[str]) -> str | None:
    """Open one page on the session; None when it ran cleanly, else what went wrong."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    await ws.send(_rerun(base, path, held))
    problem = None
    while True:
        msg = ForwardMsg()
        msg.ParseFromString(await ws.recv())
        kind = msg.WhichOneof("type")
        if msg.metadata.cacheable and msg.hash:
            held.add(msg.hash)
        if kind == "delta" and msg.delta.WhichOneof("type") == "new_element" \
                and msg.delta.new_element.WhichOneof("type") == "exception":
            e = msg.delta.new_element.exception
            problem = problem or f"exception {e.type}: {e.message.splitlines()[0] if e.message else ''}"[:120]
        elif kind == "page_not_found":
            problem = problem or "page not found"
        elif kind == "script_finished":
            if msg.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                continue  # the page called st.rerun: the run goes on
            if msg.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                problem = problem or "compile error"
            return problem


async def _session(base: str, paths: list[str], deadline: float, rng: random.Random, stats: Stats,
                   max_runs: int, think: tuple[float, float], timeout: float) -> None:
    from websockets.exceptions import WebSocketException

    cookies: dict = {}
    held: set[str] = set()
    ws = None
    i = rng.randrange(len(paths))
    await asyncio.sleep(rng.uniform(0, think[1]))  # sessions arrive over the first second or so
    try:
        for _ in range(max_runs):
            if time.monotonic() >= deadline:
                break
            path = paths[i % len(paths)]
            i += 1
            try:
                if ws is None:
                    ws = await asyncio.wait_for(_connect(base, cookies), timeout)
                    held.clear()  # a new session: the server knows nothing of this tab's cache
                start = time.perf_counter()
                problem = await asyncio.wait_for(_page_run(ws, base, path, held), timeout)
                if problem:
                    stats.errors.append(f"{path}: {problem}")
                else:
                    stats.times.append(time.perf_counter() - start)
            except (WebSocketException, OSError) as e:  # closed, refused, or a failed handshake
                stats.errors.append(f"{path}: connection dropped ({type(e).__name__})")
                await _close(ws)
                ws = None
            except TimeoutError:
                stats.errors.append(f"{path}: timed out after {timeout:g} s")
                await _close(ws)
                ws = None
            pause = rng.uniform(*think)
            if time.monotonic() + pause >= deadline:
                break  # no run would start after this pause
            await asyncio.sleep(pause)
    finally:
        await _close(ws)


async def _close(ws) -> None:
    if ws is not None:
        with contextlib.suppress(Exception):
            await asyncio.wait_for(ws.close(), 5)


# ---- the app processes, from /proc ---------------------------------------------------------

def listening_pids(port: int) -> list[int]:
    """The processes listening on a TCP port of this machine, and their descendants."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError), open(table) as f:
            for line in list(f)[1:]:
                cols = line.split()
                if cols[3] == "0A" and int(cols[1].rsplit(":", 1)[1], 16) == port:
                    inodes.add(f"socket:[{cols[9]}]")
    pids = set()
    for pid in filter(str.isdigit, os.listdir("/proc")):
        with contextlib.suppress(OSError):
            if any(os.readlink(f"/proc/{pid}/fd/{fd}") in inodes for fd in os.listdir(f"/proc/{pid}/fd")):
                pids.add(int(pid))
    return sorted(pids | _descendants(pids))


def _descendants(pids: set[int]) -> set[int]:
    parent = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        with contextlib.suppress(OSError, IndexError):
            parent[int(pid)] = int(_stat(int(pid))[1])
    found, grew = set(), True
    while grew:
        new = {c for c, p in parent.items() if (p in pids or p in found) and c not in found and c not in pids}
        found |= new
        grew = bool(new)
    return found


def _stat(pid: int) -> list[str]:
    """Fields of /proc/<pid>/stat after the command name: [state, ppid, …]."""
    with open(f"/proc/{pid}/stat") as f:
        return f.read().rsplit(")", 1)[1].split()


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU of the processes so far (utime and stime, stat fields 14 and 15)."""
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError):
            fields = _stat(pid)
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def rss_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError), open(f"/proc/{pid}/status") as f:
            total += next((int(line.split()[1]) for line in f if line.startswith("VmRSS:")), 0)
    return total / 1024


# ---- driving -------------------------------------------------------------------------------

def drive(url: str, k: int, duration: float, paths: list[str] | None = None, **options) -> Stats:
    """Run k sessions against url (loopback only) for duration seconds; runs under way at the end
    are finished (each bounded by timeout). Blocks: call it in a thread to do something else
    meanwhile (e.g. rebuild the database), or await drive_async. Options as drive_async's."""
    return asyncio.run(drive_async(url, k, duration, paths, **options))


async def drive_async(url: str, k: int, duration: float, paths: list[str] | None = None, *,
                      pids: list[int] | None = None, seed: int = 0, think: tuple[float, float] = THINK,
                      max_runs: int = MAX_RUNS, timeout: float = RUN_TIMEOUT) -> Stats:
    """drive(), in a running event loop. pids: the app processes whose CPU and RSS are measured
    (listening_pids(port)); seed makes the think times and page order repeatable."""
    check_loopback(url)
    base = url.rstrip("/")
    paths = paths or page_paths()
    pids = pids or []
    stats = Stats(k)
    rss0, cpu0, start = rss_mb(pids), cpu_seconds(pids), time.monotonic()
    deadline = start + duration
    await asyncio.gather(*(_session(base, paths, deadline, random.Random(f"{seed}:{s}"), stats, max_runs, think,
                                    timeout) for s in range(k)))
    stats.elapsed = time.monotonic() - start
    stats.cpu_s = cpu_seconds(pids) - cpu0
    stats.rss_mb = (rss0, rss_mb(pids))
    return stats


def warm(urls: list[str], paths: list[str]) -> None:
    """Every page once on every process (all at once), so the first row does not measure cold caches."""
    async def all_of_them():
        return await asyncio.gather(*(drive_async(u, 1, 3600, paths, think=(0, 0), max_runs=len(paths))
                                      for u in urls))

    for url, stats in zip(urls, asyncio.run(all_of_them())):
        if stats.errors:
            print(f"  warm-up errors on {url}: {stats.errors[:3]}", file=sys.stderr)


HEAD = f"{'mode':<10} {'K':>3} {'runs':>5} {'runs/s':>7} {'errors':>6} {'median s':>8} {'p95 s':>6} " \
       f"{'CPU %':>6} {'RSS MB start→end':>17}"


def _f(x: float | None) -> str:
    return "–" if x is None else f"{x:.2f}"


def row(mode: str, s: Stats) -> str:
    return (f"{mode:<10} {s.k:>3} {s.runs:>5} {s.rate:>7.2f} {len(s.errors):>6} {_f(s.median):>8} {_f(s.p95):>6} "
            f"{s.cpu_pct:>6.0f} {s.rss_mb[0]:>8.0f}→{s.rss_mb[1]:<8.0f}")


def error_summary(s: Stats) -> str:
    counts: dict[str, int] = {}
    for e in s.errors:
        counts[e] = counts.get(e, 0) + 1
    return "; ".join(f"{n}× {e}" for e, n in sorted(counts.items(), key=lambda x: -x[1])[:5])


@contextlib.contextmanager
def app_processes(db: Path, n: int, env: dict | None = None):
    """n app processes against db, writing nothing under data/ (env: their settings, default a
    private temp store, updates folder and build log); yields their base URLs."""
    with tempfile.TemporaryDirectory(prefix="kpi-load-") as tmp, contextlib.ExitStack() as stack:
        env = env or {"KPI_UPDATES_DIR": f"{tmp}/updates", "KPI_STORE": f"{tmp}/store.sqlite",
                      "KPI_BUILD_LOG": f"{tmp}/builds.jsonl"}
        yield [stack.enter_context(serve(db, env=env)) for _ in range(n)]


@contextlib.contextmanager
def target(db: Path, balanced: int, env: dict | None = None):
    """(url, app URLs): one app process direct (balanced=0), or `balanced` of them behind nginx."""
    with app_processes(db, max(balanced, 1), env) as apps:
        if not balanced:
            yield apps[0], apps
            return
        from tests.nginx import nginx

        with nginx([urlsplit(a).port for a in apps]) as url:
            yield url, apps


def run_mode(db: Path, balanced: int, sessions: list[int], duration: float, paths: list[str]) -> list[Stats]:
    mode = f"nginx×{balanced}" if balanced else "direct"
    out = []
    with target(db, balanced) as (url, apps):
        pids = sorted({p for a in apps for p in listening_pids(urlsplit(a).port)})
        warm(apps, paths)
        for k in sessions:
            s = drive(url, k, duration, paths, pids=pids)
            print(row(mode, s), flush=True)
            if s.errors:
                print(f"           errors: {error_summary(s)}", flush=True)
            out.append(s)
    return out


def soak(db: Path, balanced: int, minutes: float, k: int, paths: list[str], builds_every: float = 0) -> int:
    """k sessions for minutes, one row a minute: does anything grow or start failing? With
    builds_every, the build worker (python -m etl worker) runs beside the app processes on a
    private copy of the inputs, and every builds_every seconds a one-row SYNTHETIC update file
    (labelled so, never under data/) makes it build and publish, as accepted submissions would."""
    with contextlib.ExitStack() as stack:
        env = None
        if builds_every:
            db, env, feed = stack.enter_context(publishing(builds_every))
        url, apps = stack.enter_context(target(db, balanced, env))
        if builds_every:
            stack.enter_context(worker(db, env=env, poll=1.0))
            stack.enter_context(feed())
        pids = sorted({p for a in apps for p in listening_pids(urlsplit(a).port)})
        warm(apps, paths)
        print(HEAD)
        rows, errors = [], 0
        for minute in range(max(1, round(minutes))):
            s = drive(url, k, 60, paths, pids=pids, seed=minute)
            rows.append(s)
            errors += len(s.errors)
            print(row(f"soak {minute + 1}", s), flush=True)
            if s.errors:
                print(f"           errors: {error_summary(s)}", flush=True)
        first, last = rows[0].rss_mb[1], rows[-1].rss_mb[1]
        built = published(env) if env else 0
        print(f"soak: {sum(r.runs for r in rows)} page runs, {errors} errors, {built} builds published; "
              f"RSS after minute 1 {first:.0f} MB -> end {last:.0f} MB ({(last / first - 1) * 100 if first else 0:+.1f}%)")
    return 0


@contextlib.contextmanager
def publishing(every: float):
    """A private build (its own updates folder, store and log in a temp dir) and feed(): a context
    that writes one SYNTHETIC update file every `every` seconds for the worker to build."""
    import threading

    import duckdb

    from tests.growth import LABEL, SUBMITTER

    with tempfile.TemporaryDirectory(prefix="kpi-soak-") as tmp:
        tmp = Path(tmp)
        env = {"KPI_UPDATES_DIR": str(tmp / "updates"), "KPI_STORE": str(tmp / "store.sqlite"),
               "KPI_BUILD_LOG": str(tmp / "builds.jsonl")}
        db = tmp / "kpi.duckdb"
        done = subprocess.run([sys.executable, "-m", "etl", "build", "--db", str(db)], cwd=ROOT,
                              env={**os.environ, **env}, capture_output=True, text=True, timeout=600)
        if done.returncode:
            raise RuntimeError(f"soak build failed:\n{done.stderr[-2000:]}")
        with duckdb.connect(str(db), read_only=True) as con:
            report, indicator, value = con.execute(
                "SELECT report_id, indicator_id, value FROM indicator_facts WHERE is_latest AND kind = 'count' "
                "AND value IS NOT NULL AND indicator_id NOT LIKE '%total%' ORDER BY report_id DESC, indicator_id LIMIT 1"
            ).fetchall()[0]
        folder = tmp / "updates" / report
        folder.mkdir(parents=True)

        @contextlib.contextmanager
        def feed():
            stop = threading.Event()

            def loop():
                n = 0
                while not stop.wait(every) and n < 500:  # bounded, like every loop here
                    n += 1
                    as_of = (date(2025, 3, 1) + timedelta(days=n)).isoformat()  # one value per day
                    (folder / f"synthetic-soak-{n:04d}.csv").write_text(
                        "indicator_id,value,qualifier,as_of,source,evidence,note,submitter\n"
                        f"{indicator},{value:g},exact,{as_of},{LABEL} soak {n},,synthetic,{SUBMITTER}\n",
                        encoding="utf-8")

            thread = threading.Thread(target=loop, daemon=True)
            thread.start()
            try:
                yield
            finally:
                stop.set()
                thread.join(5)

        yield db, env, feed


def published(env: dict) -> int:
    """Builds the worker published (its lines in the build log)."""
    path = Path(env["KPI_BUILD_LOG"])
    if not path.exists():
        return 0
    lines = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    return sum(1 for x in lines if x.get("by") == "worker" and x["outcome"] == "ok")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="K simulated readers over Streamlit's websocket (no browser): page runs/s,"
                                             " errors, median and p95 s, the app processes' CPU and RSS.",
                                 epilog="example: python -m tests.loadtest --direct --sessions 1,5,10 --duration 10")
    ap.add_argument("--sessions", default=",".join(map(str, SESSIONS)), help="K values, comma-separated (1,5,10,20,50)")
    ap.add_argument("--duration", type=float, default=DURATION, help="seconds per K (20)")
    ap.add_argument("--db", type=Path, help="the database to serve (default: the project's data/kpi.duckdb)")
    ap.add_argument("--lang", choices=("zh", "en"), help="only the pages of one language (default: both)")
    modes = ap.add_mutually_exclusive_group()
    modes.add_argument("--direct", action="store_true", help="one app process, no balancer")
    modes.add_argument("--balanced", type=int, metavar="N", help="N app processes behind nginx")
    ap.add_argument("--soak", type=float, metavar="MINUTES",
                    help="instead: the highest K for MINUTES, one row a minute (with --balanced N, behind nginx)")
    ap.add_argument("--builds-every", type=float, default=0, metavar="S",
                    help="with --soak: the build worker publishes a new build every S seconds (synthetic updates)")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    from common import settings

    db = (args.db or settings.DB_PATH).resolve()
    if not db.exists():
        print(f"no database at {db}: run `make db` (or python -m etl build) first", file=sys.stderr)
        return 1
    if args.balanced is not None and args.balanced < 1:
        ap.error("--balanced needs at least 1 app process")
    sessions = [int(k) for k in args.sessions.split(",") if k.strip()]
    if not sessions or min(sessions) < 1:
        ap.error("--sessions needs positive numbers, e.g. 1,5,10")
    paths = page_paths(args.lang)
    if args.soak:
        return soak(db, args.balanced or 0, args.soak, max(sessions), paths, args.builds_every)
    modes = [0] if args.direct else [args.balanced] if args.balanced else [0, 1, 2]
    print(f"{len(paths)} pages, {args.duration:g} s per K, think {THINK[0]}–{THINK[1]} s, "
          f"nproc {len(os.sched_getaffinity(0))}, database {db}")
    print(HEAD)
    results = {m: run_mode(db, m, sessions, args.duration, paths) for m in modes}
    if 1 in results and 2 in results:
        one, two = results[1][-1], results[2][-1]
        ratio = two.rate / one.rate if one.rate else float("nan")
        print(f"nginx×2 / nginx×1 at K={two.k}: {two.rate:.2f} / {one.rate:.2f} runs/s = {ratio:.2f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
