"""How fast is each page, against Streamlit's own floor? `python -m tests.bench` (make bench)
prints tables; it asserts nothing (these machines are shared and noisy: read the ratios).

The floor is tests/bench_app/floor.py: a bare page with one st.plotly_chart of two bars,
served with the same Streamlit config. Every page of the dashboard, in both languages, is
measured interleaved with it, in one run:

warm:   the page's script re-run in-process by AppTest (caches warm), median of WARM_RUNS
        after one warm-up; AppTest's own overhead is included (the floor's warm time shows it).
reload: a new session on a running server (a new tab in a browser that has been there before,
        so Streamlit's JavaScript comes from the browser cache): navigation start → the first
        chart's SVG is in the page (`first`), and → the script has finished and every chart on
        the page has its SVG (`all`); on a desktop (1280×900) and a phone (390×844, 3× pixels,
        touch). Pages without a chart have only `all`.
cold:   a fresh server each time: process start → the first chart's SVG (a fresh browser
        context: nothing cached); Chromium is started beforehand.

Times come from the page itself (performance.now() in a MutationObserver), so Playwright's
polling adds nothing. `--db PATH` measures another database (the growth table:
`python -m tests.growth` makes one); `--rounds N` sets the repetitions.
"""
from __future__ import annotations

import argparse
import contextlib
import logging
import os
import platform
import statistics
import sys
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from tests.serve import ROOT, launch_browser, serve

WARM_RUNS = 15
ROUNDS = 3
FLOOR = "tests/bench_app/floor.py"
TARGET = {"first": 1.5, "all": 2.5, "cold": 1.15, "warm_ms": 50.0}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3, "is_mobile": True, "has_touch": True}
WAIT_MS = 120_000

# Runs in every page before its own scripts: when the k-th chart got its SVG and when the script
# run finished (ms since navigation start). Plotly charts mount lazily, after the run may have
# finished, so "all" waits for as many charts as AppTest counted on the page.
PROBE = """
window.__bench = {drawn: {}, n: 0, done: null};
const __check = () => {
  let n = 0;
  for (const c of document.querySelectorAll('[data-testid="stPlotlyChart"]')) if (c.querySelector('.main-svg')) n++;
  const b = window.__bench, now = performance.now();
  for (let k = b.n + 1; k <= n; k++) b.drawn[k] = now;
  b.n = Math.max(b.n, n);
  const app = document.querySelector('[data-testid="stApp"]');
  const state = app && app.getAttribute('data-test-script-state');
  if (state === 'notRunning' && b.done === null) b.done = now;
  if (state === 'running') b.done = null;
};
new MutationObserver(__check).observe(document, {subtree: true, childList: true, attributes: true,
                                                attributeFilter: ['data-test-script-state']});
"""


@dataclass
class Target:
    name: str
    path: str          # URL path and query
    script: str        # for AppTest.switch_page ("" for the floor)
    charts: int = 0    # how many charts the page draws (counted by AppTest)
    warm: list = field(default_factory=list)                     # ms
    reload: dict = field(default_factory=lambda: {"desktop": [], "phone": []})  # [(first, all)] s
    cold: list = field(default_factory=list)                     # s


def targets(report_id: str) -> list[Target]:
    """Every page a reader reaches without signing in, in both languages (the review and admin
    pages need an account and draw no chart)."""
    from kpi import layout

    pages = [("overview", "/", "dashboard.py"), ("problem_areas", "/problem_areas", "pages/1_problem_areas.py")]
    pages += [(p["id"], f"/theme?page={p['id']}", "pages/2_theme.py") for p in layout.pages(report_id)]
    pages += [("export", "/export", "pages/3_export.py"), ("spot_check", "/spot_check", "pages/4_spot_check.py"),
              ("data_update", "/data_update", "pages/5_data_update.py")]
    out = []
    for lang in ("zh", "en"):
        for name, path, script in pages:
            sep = "&" if "?" in path else "?"
            out.append(Target(f"{name} {lang}", path + (f"{sep}lang=en" if lang == "en" else ""), script))
    return out


def warm(t: Target) -> list[float]:
    """Milliseconds per AppTest run of one page, after one warm-up run; counts its charts."""
    from urllib.parse import parse_qsl, urlsplit

    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / ("dashboard.py" if t.script else FLOOR)), default_timeout=60)
    if t.script:
        at.query_params.update(dict(parse_qsl(urlsplit(t.path).query)))
        if t.script != "dashboard.py":
            at.switch_page(t.script)
    at.run()
    times = []
    for _ in range(WARM_RUNS):
        start = time.perf_counter()
        at.run()
        times.append((time.perf_counter() - start) * 1000)
    if at.exception:
        raise RuntimeError(f"{t.name}: {at.exception}")
    if t.script and not at.title:
        raise RuntimeError(f"{t.name}: AppTest drew no title")
    t.charts = len(at.get("plotly_chart"))
    return times


def _wait(page, charts: int) -> tuple[float | None, float]:
    """Seconds from navigation start to the first chart's SVG, and to the finished run with all charts."""
    page.wait_for_function("n => window.__bench && window.__bench.n >= n && window.__bench.done !== null",
                           arg=charts, timeout=WAIT_MS, polling=50)
    b = page.evaluate("window.__bench")
    first = b["drawn"]["1"] / 1000 if charts else None
    return first, max(b["done"], b["drawn"][str(charts)] if charts else 0) / 1000


def visit(context, url: str, charts: int) -> tuple[float | None, float]:
    """One new tab onto url: seconds from navigation start to the first chart and to all of them."""
    page = context.new_page()
    try:
        page.goto(url, wait_until="commit")
        return _wait(page, charts)
    finally:
        page.close()


def cold(browser, db: Path, t: Target) -> float:
    """A fresh server: seconds from its start to the first chart (or, without charts, the finished page)."""
    context = browser.new_context(**DESKTOP)
    context.add_init_script(PROBE)
    try:
        started = time.perf_counter()
        with serve(db, script=FLOOR if not t.script else "server.py") as base:
            page = context.new_page()
            opened = time.perf_counter()
            page.goto(base + t.path, wait_until="commit")
            first, done = _wait(page, t.charts)
            # performance.now() counts from the navigation's start, a hair after `opened`.
            return opened - started + (first if t.charts else done)
    finally:
        context.close()


def median(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def measure(db: Path, rounds: int, only: str = "") -> tuple[Target, list[Target]]:
    from playwright.sync_api import sync_playwright

    from kpi import reports

    floor = Target("floor", "/", "")
    pages = [t for t in targets(reports.newest()) if only in t.name]
    for t in [floor, *pages]:
        t.warm = warm(t)
        print(f"  warm {t.name}: {median(t.warm):.1f} ms", file=sys.stderr, flush=True)
    # The floor between every few pages, so a drift of the machine shows in both.
    order = []
    for i, t in enumerate(pages):
        if i % 4 == 0:
            order.append(floor)
        order.append(t)
    with sync_playwright() as p:
        browser = launch_browser(p)
        try:
            with serve(db) as app_base, serve(db, script=FLOOR) as floor_base, contextlib.ExitStack() as stack:
                contexts = {}
                for name, options in (("desktop", DESKTOP), ("phone", PHONE)):
                    contexts[name] = browser.new_context(**options)
                    contexts[name].add_init_script(PROBE)
                    stack.callback(contexts[name].close)
                for t in [floor, *pages]:  # one visit each, so the JavaScript is in the cache
                    for c in contexts.values():
                        visit(c, (floor_base if t is floor else app_base) + t.path, t.charts)
                for r in range(rounds):
                    for t in order:
                        for name, c in contexts.items():
                            t.reload[name].append(visit(c, (floor_base if t is floor else app_base) + t.path, t.charts))
                    print(f"  reload round {r + 1}/{rounds}", file=sys.stderr, flush=True)
            for r in range(rounds):
                for t in order:
                    t.cold.append(cold(browser, db, t))
                print(f"  cold round {r + 1}/{rounds}", file=sys.stderr, flush=True)
        finally:
            browser.close()
    return floor, pages


def _s(x) -> str:
    return "–" if x is None else f"{x:.2f}"


def _ratio(x, floor, target=None) -> str:
    if x is None or not floor:
        return "–"
    r = x / floor
    return f"{r:.2f}×" + ("" if target is None or r <= target else "!")


def table(floor: Target, pages: list[Target]) -> None:
    f_first = median(f[0] for f in floor.reload["desktop"])
    f_all = median(f[1] for f in floor.reload["desktop"])
    f_cold = median(floor.cold)
    print(f"floor (bare page, one chart): warm {median(floor.warm):.1f} ms · reload first chart {f_first:.2f} s,"
          f" all {f_all:.2f} s · phone first {_s(median(f[0] for f in floor.reload['phone']))} s"
          f" · cold {f_cold:.2f} s")
    head = (f"{'page':<22} {'warm ms':>8} {'reload 1st':>11} {'×':>6} {'all':>6} {'×':>6} "
            f"{'phone 1st':>10} {'all':>6} {'ph/desk':>8} {'cold':>6} {'×':>6}  verdict")
    print(head)
    print("-" * len(head))
    misses = 0
    for t in pages:
        first = median(f[0] for f in t.reload["desktop"])
        done = median(f[1] for f in t.reload["desktop"])
        p_first = median(f[0] for f in t.reload["phone"])
        p_done = median(f[1] for f in t.reload["phone"])
        c = median(t.cold)
        wm = median(t.warm)
        checks = [wm <= TARGET["warm_ms"], done / f_all <= TARGET["all"], c / f_cold <= TARGET["cold"]]
        if first is not None:
            checks.append(first / f_first <= TARGET["first"])
        phone_vs = (p_first or p_done) / (first or done)
        checks.append(phone_vs <= 1.0 + 0.1)  # "no slower": within the noise of one run (10%)
        misses += not all(checks)
        print(f"{t.name:<22} {wm:>8.1f} {_s(first):>11} {_ratio(first, f_first, TARGET['first']):>6} "
              f"{done:>6.2f} {_ratio(done, f_all, TARGET['all']):>6} {_s(p_first):>10} {p_done:>6.2f} "
              f"{phone_vs:>7.2f}× {c:>6.2f} {_ratio(c, f_cold, TARGET['cold']):>6}  "
              f"{'pass' if all(checks) else 'MISS'}")
    print(f"\ntargets: warm ≤ {TARGET['warm_ms']:g} ms; reload first chart ≤ {TARGET['first']}× the floor's,"
          f" all charts ≤ {TARGET['all']}×; cold ≤ {TARGET['cold']}×; phone ≤ desktop (+10% noise)."
          f" ! marks a ratio over its target. Pages without a chart: '1st' is –, 'cold' is to the finished page."
          f"\n{misses} of {len(pages)} pages miss a target.")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, help="the database to measure (default: the project's)")
    ap.add_argument("--growth", type=Path, metavar="DIR",
                    help="measure the SYNTHETIC growth database in DIR (made by python -m tests.growth --out DIR),"
                         " and time its build")
    ap.add_argument("--rounds", type=int, default=ROUNDS)
    ap.add_argument("--only", default="", help="only pages whose name contains this (e.g. 'overview', ' en')")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    builds = []
    if args.growth:
        from tests import growth

        os.environ.update(growth.env(args.growth.resolve()))
        os.environ["KPI_DB"] = str((args.growth / "kpi.duckdb").resolve())
        for i in range(args.rounds):  # the same files built again, beside the measured database
            builds.append(growth.build(args.growth.resolve(), f"rebuild-{i}.duckdb")[1])
    elif args.db:
        os.environ["KPI_DB"] = str(args.db.resolve())
    from common import settings

    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(
        lambda record: "missing ScriptRunContext" not in record.getMessage())
    db = settings.DB_PATH
    if not db.exists():
        print(f"no database at {db}: run `make db` (or python -m etl build) first", file=sys.stderr)
        return 1
    print(f"{date.today()} · {platform.machine()} · {os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))})"
          f" · Python {platform.python_version()} · database {db} · medians of {args.rounds} rounds, interleaved")
    if builds:
        print(f"SYNTHETIC growth data ({args.growth}): build of every update file, median of {len(builds)}:"
              f" {statistics.median(builds):.1f} s ({', '.join(f'{b:.1f}' for b in builds)}); target ≤ 10 s:"
              f" {'pass' if statistics.median(builds) <= 10 else 'MISS'}")
    floor, pages = measure(db, args.rounds, args.only)
    table(floor, pages)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
