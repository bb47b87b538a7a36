"""Dashboard speed in real Chromium: request -> map drawn, click -> panel filled.

Runs the dashboard twice: with the seed data, and with 50,000 generated
incidents spread over Raqqa's districts (``ATLAS_SYNTHETIC_INCIDENTS``; the
map clusters them). For each, the first (cold: data loaded, map built) load is
reported apart, then the median of warm runs (fresh browser context each).
All non-localhost requests are blocked. Prints a Markdown table.

    uv run python benchmarks/bench_dashboard.py [--runs 5] [--synthetic 50000]

Goals: seed <= 2 s to map and <= 1 s click to panel; 50,000: <= 3 s and <= 1 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from test_browser import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    MAP_FRAME,
    free_port,
    is_local,
    map_point,
    start_server,
    stop_server,
    wait_idle,
)

(ROOT / "artifacts").mkdir(exist_ok=True)


def load_map(pg, url: str) -> float:
    t0 = time.perf_counter()
    pg.goto(url)
    pg.wait_for_function(
        f"""() => {{ const f = document.querySelectorAll('{MAP_FRAME}');
                     return f.length === 1 && f[0].getBoundingClientRect().height > 100; }}""",
        timeout=120_000,
    )
    pg.frame_locator(MAP_FRAME).first.locator("path.leaflet-interactive").first.wait_for(state="attached", timeout=120_000)
    return time.perf_counter() - t0


def click_panel(pg, lat: float, lon: float) -> float:
    x, y = map_point(pg, lat, lon)
    t0 = time.perf_counter()
    pg.mouse.click(x, y)
    pg.wait_for_function(
        "() => { const p = document.querySelector('.atlas-panel'); return p && p.innerText.includes('al-Mishlab'); }",
        timeout=60_000, polling=20,
    )
    return time.perf_counter() - t0


def measure(browser, base: str, runs: int, lat: float, lon: float) -> dict:
    loads, clicks = [], []
    for i in range(runs + 1):
        ctx = browser.new_context(viewport={"width": 1500, "height": 1100})
        ctx.route("**/*", lambda r: r.continue_() if is_local(r.request.url) else r.abort())
        pg = ctx.new_page()
        loads.append(load_map(pg, f"{base}/?day=2017-06-11"))
        wait_idle(pg)  # the extra rerun st_folium asks for after the first render
        clicks.append(click_panel(pg, lat, lon))
        ctx.close()
    return {"cold_load": loads[0], "cold_click": clicks[0], "load": statistics.median(loads[1:]),
            "click": statistics.median(clicks[1:])}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--synthetic", type=int, default=50_000)
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    import gazetteer

    p = gazetteer.load().get("raqqa-mishlab")
    rows = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for label, n, goals in (("seed", 0, (2.0, 1.0)), (f"{args.synthetic:,} incidents", args.synthetic, (3.0, 1.0))):
            port = free_port()
            proc = start_server(port, env={"ATLAS_SYNTHETIC_INCIDENTS": str(n)})
            try:
                r = measure(browser, f"http://127.0.0.1:{port}", args.runs, p.lat, p.lon)
            finally:
                stop_server(proc)
            rows.append((label, r, goals))
        browser.close()
    print(f"| data | first load (cold) | request → map drawn (median of {args.runs}) | goal | "
          f"click → panel filled (median) | goal |")
    print("|---|---|---|---|---|---|")
    for label, r, (g_load, g_click) in rows:
        ok = lambda v, g: "✅" if v <= g else "❌"  # noqa: E731
        print(f"| {label} | {r['cold_load']:.2f} s | {r['load']:.2f} s {ok(r['load'], g_load)} | ≤ {g_load:g} s | "
              f"{r['click']:.2f} s {ok(r['click'], g_click)} | ≤ {g_click:g} s |")


if __name__ == "__main__":
    main()
