"""Server-side PNG and the briefing pack: `python -m tests.bench_exports` prints figures, asserts nothing.

reused: one kaleido browser started once, then N PNGs (what the pack and the app do).
fresh:  a new browser per PNG (kaleido's default without a running server).
pack:   `kpi.pack.build` for every chart, against the target of 0.25 s per chart (one reused browser).
"""
from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path

from kpi import charts, exports, pack, reports

N = 5


def _time(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def main() -> None:
    report = reports.newest()
    some = charts.all_charts(report, "zh")[:N]
    footer = exports.footer("zh", some[0])
    exports.require_browser()
    fresh = [_time(lambda c=c: exports.with_footer(c.figure, footer).to_image(format="png", scale=2))
             for c in some]
    exports.start_browser()  # returns at once; the browser itself starts with the first PNG
    first = _time(lambda: exports.png_bytes(some[0].figure, footer))
    reused = [_time(lambda c=c: exports.png_bytes(c.figure, footer)) for c in some]
    exports.stop_browser()
    with tempfile.TemporaryDirectory() as tmp:
        n_charts = len(charts.all_charts(report, "zh"))
        pack_s = _time(lambda: pack.build(report, Path(tmp), "zh"))
    per_chart = pack_s / n_charts
    print(f"machine: {os.cpu_count()} CPUs · {N} charts for the PNG rows · medians (min–max)")
    print(f"PNG, fresh browser per chart : {statistics.median(fresh):6.2f} s ({min(fresh):.2f}–{max(fresh):.2f})")
    print(f"PNG, one reused browser      : {statistics.median(reused):6.2f} s ({min(reused):.2f}–{max(reused):.2f})"
          f"  (the first PNG, which starts the browser: {first:.2f} s)")
    print(f"ratio fresh / reused         : {statistics.median(fresh) / statistics.median(reused):6.1f}×")
    print(f"whole pack, {n_charts} charts       : {pack_s:6.2f} s = {per_chart:.3f} s per chart (target ≤ 0.25 s: "
          f"{'pass' if per_chart <= 0.25 else 'OVER'})")


if __name__ == "__main__":
    main()
