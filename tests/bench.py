"""How fast is each page? `python -m tests.bench` (or `make bench`) prints a table; no asserts.

warm: the page's script re-run in-process with streamlit.testing.v1.AppTest, caches warm
      (one warm-up run, then N timed runs). AppTest adds its own overhead, so the real
      script is a bit faster than shown.
cold: a fresh server per measurement (tests/serve.py), then a fresh headless Chromium;
      from the moment the server process is started until the page's first Plotly chart
      has drawn its SVG. Includes server start-up, imports, the first DuckDB queries,
      Chromium start-up and the Plotly bundle.
"""
from __future__ import annotations

import logging
import os
import platform
import statistics
import sys
import time

from tests.serve import ROOT, launch_browser, serve

WARM_RUNS = 15
COLD_RUNS = 3
WARM_TARGET_MS = 150
COLD_TARGET_S = 5.0
CHART_SVG = '[data-testid="stPlotlyChart"] .main-svg'

# name, script (for AppTest.switch_page), URL path, h1 in zh (to check AppTest ran the right page)
PAGES = [
    ("overview", "dashboard.py", "/", "总览"),
    ("problem_areas", "pages/1_problem_areas.py", "/problem_areas", "问题领域"),
    ("gov_services", "pages/2_theme.py", "/theme?page=gov_services", "政务服务"),
    ("environment", "pages/2_theme.py", "/theme?page=environment", "生态环境"),
    ("factor_guarantees", "pages/2_theme.py", "/theme?page=factor_guarantees", "要素保障"),
]


def warm(script: str, title: str, path: str) -> list[float]:
    """Seconds per AppTest run of one page, after one warm-up run."""
    from urllib.parse import parse_qsl, urlsplit

    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=30)
    at.query_params.update(dict(parse_qsl(urlsplit(path).query)))
    if script != "dashboard.py":
        at.switch_page(script)
    at.run()  # warm-up: imports, connection, caches
    if at.exception or not at.title or at.title[0].value != title:
        raise RuntimeError(f"{script}: AppTest did not render the page ({at.exception or 'no title'})")
    times = []
    for _ in range(WARM_RUNS):
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
        if at.exception:
            raise RuntimeError(f"{script}: {at.exception}")
    if at.title[0].value != title:  # still the page we meant to time
        raise RuntimeError(f"{script}: AppTest ended on {at.title[0].value!r}")
    return times


def cold(db_path, path: str) -> dict[str, float]:
    """One fresh server and one fresh Chromium: seconds from server start to first chart."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        start = time.perf_counter()
        with serve(db_path) as base:
            healthy = time.perf_counter()
            browser = launch_browser(p)
            launched = time.perf_counter()
            try:
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.goto(base + path)
                page.locator(CHART_SVG).first.wait_for(state="visible", timeout=120_000)
                drawn = time.perf_counter()
            finally:
                browser.close()
    return {"total": drawn - start, "server": healthy - start, "chromium": launched - healthy,
            "page": drawn - launched}


def verdict(value: float, target: float) -> str:
    return "pass" if value <= target else "OVER"


def main() -> int:
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    from common import settings

    # AppTest's harmless "missing ScriptRunContext" warning would only clutter the table.
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(
        lambda record: "missing ScriptRunContext" not in record.getMessage())

    db_path = settings.DB_PATH
    if not db_path.exists():
        print(f"no database at {db_path}: run `make db` (or python -m etl build) first", file=sys.stderr)
        return 1
    print(f"machine: {platform.machine()} · {os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))})"
          f" · Python {platform.python_version()} · database {db_path}")
    print(f"warm: AppTest, median (min–max) of {WARM_RUNS} runs after 1 warm-up, includes AppTest overhead;"
          f" target ≤ {WARM_TARGET_MS} ms")
    print(f"cold: fresh server + fresh Chromium, server start → first chart SVG visible, median of"
          f" {COLD_RUNS}; target ≤ {COLD_TARGET_S:g} s\n")

    rows = []
    for name, script, path, title in PAGES:
        w = [t * 1000 for t in warm(script, title, path)]
        c = [cold(db_path, path) for _ in range(COLD_RUNS)]
        rows.append((name, w, c))
        print(f"  measured {name}", file=sys.stderr, flush=True)

    head = (f"{'page':<18} {'warm median':>11} {'(min–max)':>15}  {'≤150 ms':<7}  "
            f"{'cold median':>11} {'(runs)':>20}  {'≤5 s':<5}  {'server/chromium/page':>22}")
    print(head)
    print("-" * len(head))
    for name, w, c in rows:
        wm = statistics.median(w)
        totals = [r["total"] for r in c]
        cm = statistics.median(totals)
        parts = "/".join(f"{statistics.median(r[k] for r in c):.2f}" for k in ("server", "chromium", "page"))
        print(f"{name:<18} {wm:>8.1f} ms {f'({min(w):.0f}–{max(w):.0f} ms)':>15}  {verdict(wm, WARM_TARGET_MS):<7}  "
              f"{cm:>9.2f} s {'(' + ', '.join(f'{t:.2f}' for t in totals) + ' s)':>20}  "
              f"{verdict(cm, COLD_TARGET_S):<5}  {parts + ' s':>22}")
    print("\nserver/chromium/page: medians of the cold time's parts — server start until /_stcore/health"
          " answers, Chromium launch, page load until the first chart is drawn.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
