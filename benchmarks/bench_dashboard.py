"""Dashboard speed in real Chromium: request -> map drawn, click -> panel filled, day step -> map redrawn.

Runs the dashboard with the seed data and with 50,000 generated incidents
spread over Raqqa's districts (``ATLAS_SYNTHETIC_INCIDENTS``; the map
aggregates them), each served two ways: ``streamlit run serve.py`` (what
``./run dashboard`` does: the caches are filled at start-up, before the server
answers) and ``streamlit run dashboard.py`` (no warm-up: the first visitor pays
for the imports, the data and the first map). For each, the first visit after
the server's start (its health check answered) is reported apart, then two medians:

* first visit: a fresh browser context per run, so nothing comes from the
  browser's cache (Playwright's request routing, which blocks every
  non-localhost request, also turns the cache off);
* return visit: one browser context kept across runs, each run a new tab (a
  new Streamlit session, the map drawn from scratch), so Streamlit's hashed,
  ``immutable`` script chunks and our vendored assets come from the browser's
  cache as they do for a user who has opened the atlas before. Off-machine
  requests are refused by the browser's resolver instead
  (``--host-resolver-rules``), and any the page attempts are counted and
  reported (there should be none).

Prints a Markdown table.

What is measured, in the page's own clock (``performance.now()``, whose zero
is the navigation start of the request):

* request -> map drawn: the one map frame (``iframe.atlas-map-frame``, our map
  component's) is more than 100 px high and its Leaflet map holds drawn vector paths
  (``path.leaflet-interactive``). The map's script adds every layer in one
  synchronous pass, so by then all layers are in the page;
* click -> panel filled: from the click on al-Mishlab until the panel's text
  names al-Mishlab (``performance.now()`` taken just before the click);
* day step -> map redrawn: from a click on the time bar's "one day on" button
  until the control summary names the next day and the map frame holds a new,
  drawn Leaflet page.

Two floors, served by the same Streamlit on the same machine: an empty
Streamlit page (one ``st.title``), request -> that title visible; and the
smallest page on the stack the product card fixes, one title and one folium
map of one circle through our map component with our vendored Leaflet
(:data:`MAP_ONLY_APP`), request -> map drawn, measured like the dashboard.
Nothing the dashboard does can be faster than the second.

    uv run python benchmarks/bench_dashboard.py [--runs 5] [--synthetic 50000] [--no-floor] [--no-return]
        [--entries serve.py,dashboard.py]

Goals: seed <= 2 s to map and <= 1 s click to panel; 50,000: <= 3 s and <= 1 s.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "app"))

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


# Runs in the page: true once the map iframe is laid out and Leaflet has drawn.
MAP_DRAWN_JS = f"""() => {{
    const f = document.querySelectorAll('{MAP_FRAME}');
    if (f.length !== 1 || f[0].getBoundingClientRect().height <= 100) return false;
    const d = f[0].contentDocument;
    if (!d || !d.querySelector('.leaflet-container path.leaflet-interactive')) return false;
    return performance.now();
}}"""


def load_map(pg, url: str) -> float:
    """Seconds from navigation start to the map drawn (page clock)."""
    pg.goto(url, wait_until="commit")
    ms = pg.wait_for_function(MAP_DRAWN_JS, timeout=120_000, polling=20).json_value()
    # the same thing with Playwright's locators (what the browser tests use)
    pg.frame_locator(MAP_FRAME).first.locator("path.leaflet-interactive").first.wait_for(
        state="attached", timeout=5_000
    )
    return ms / 1000


def click_panel(pg, lat: float, lon: float) -> float:
    x, y = map_point(pg, lat, lon)
    t0 = pg.evaluate("() => performance.now()")
    pg.mouse.click(x, y)
    t1 = pg.wait_for_function(
        "() => { const p = document.querySelector('.atlas-panel');"
        " return p && p.innerText.includes('al-Mishlab') && performance.now(); }",
        timeout=60_000,
        polling=20,
    ).json_value()
    return (t1 - t0) / 1000


# Runs in the page: mark the map page now shown, so that its replacement can be told apart.
MARK_MAP_JS = f"""() => {{ document.querySelector('{MAP_FRAME}').contentWindow.atlasBenchOld = true;
                           return performance.now(); }}"""
# Runs in the page: the time once the summary names `day` and a new map page is drawn, else false.
STEPPED_JS = f"""day => {{
    if (!document.body.innerText.includes('Control as of ' + day)) return false;
    const f = document.querySelectorAll('{MAP_FRAME}');
    if (f.length !== 1) return false;
    const w = f[0].contentWindow, d = f[0].contentDocument;
    if (!w || w.atlasBenchOld || !d || !d.querySelector('.leaflet-container path.leaflet-interactive')) return false;
    return performance.now();
}}"""


def step_map(pg, day_text: str) -> float:
    """Seconds from a click on "one day on" until the next day's map is drawn."""
    wait_idle(pg)
    t0 = pg.evaluate(MARK_MAP_JS)
    pg.locator(".st-key-t_fwd button").first.click()
    t1 = pg.wait_for_function(STEPPED_JS, arg=day_text, timeout=60_000, polling=20).json_value()
    return (t1 - t0) / 1000


EMPTY_APP = 'import streamlit as st\n\nst.title("Empty page")\n'

#: The smallest page on the stack the product card fixes (folium through our map
#: component, Leaflet served by the app): one title and one map with one circle,
#: no data, no widgets, the dashboard's own map height.
MAP_ONLY_APP = """import folium
import streamlit as st

from app.map_component import map_component
from geo.web.assets import OfflineMap

st.title("Empty page")
m = OfflineMap(location=[35.95, 39.01], zoom_start=13, tiles=None)
folium.CircleMarker([35.95, 39.01], radius=8).add_to(m)
map_component(m.get_root().render(), key="m", height=640)
"""


@contextlib.contextmanager
def serve(script: Path, cwd: Path):
    """``streamlit run script`` from ``cwd`` (whose ``.streamlit/`` and ``static/`` apply); yields the port."""
    port = free_port()
    proc = start_server(port, script=script, cwd=cwd)
    try:
        yield port
    finally:
        stop_server(proc)


def _medians(measure_once, browser, runs: int, return_browser=None) -> dict:
    """The first (cold server) run, then medians of first visits and of return visits."""
    loads = []
    for _ in range(runs + 1):
        ctx = fresh_context(browser)
        loads.append(measure_once(ctx.new_page()))
        ctx.close()
    returns = []
    if return_browser is not None:
        ctx, _ = kept_context(return_browser)
        for _ in range(runs + 1):  # the first fills the cache
            pg = ctx.new_page()
            returns.append(measure_once(pg))
            pg.close()
        ctx.close()
    return {
        "cold_load": loads[0],
        "load": statistics.median(loads[1:]),
        "return_load": statistics.median(returns[1:]) if returns else None,
    }


def measure_floor(browser, runs: int, return_browser=None) -> dict:
    """Navigation start -> first element of an empty Streamlit page visible."""
    with tempfile.TemporaryDirectory() as tmp:
        app = Path(tmp, "empty_app.py")
        app.write_text(EMPTY_APP, encoding="utf-8")
        with serve(app, Path(tmp)) as port:

            def title_shown(pg) -> float:
                pg.goto(f"http://127.0.0.1:{port}/", wait_until="commit")
                return (
                    pg.wait_for_function(
                        "() => { const h = document.querySelector('h1');"
                        " return h && h.innerText.includes('Empty page') && h.getBoundingClientRect().height > 0"
                        " && performance.now(); }",
                        timeout=60_000,
                        polling=20,
                    ).json_value()
                    / 1000
                )

            return _medians(title_shown, browser, runs, return_browser)


def measure_map_floor(browser, runs: int, return_browser=None) -> dict:
    """Navigation start -> the one-circle map of :data:`MAP_ONLY_APP` drawn.

    The app runs from the repository root, so that Streamlit serves it our
    vendored Leaflet (``static/``) with our ``.streamlit/config.toml``; its file
    is written there for the run and removed after.
    """
    app = ROOT / f".bench_map_floor_{os.getpid()}.py"
    app.write_text(MAP_ONLY_APP, encoding="utf-8")
    try:
        with serve(app, ROOT) as port:
            return _medians(lambda pg: load_map(pg, f"http://127.0.0.1:{port}/"), browser, runs, return_browser)
    finally:
        app.unlink(missing_ok=True)


def fresh_context(browser):
    """A new context (empty cache) whose non-localhost requests are aborted."""
    ctx = browser.new_context(viewport={"width": 1500, "height": 1100})
    ctx.route("**/*", lambda r: r.continue_() if is_local(r.request.url) else r.abort())
    return ctx


def kept_context(browser):
    """A context whose cache stays warm; returns it and a list of off-machine requests seen."""
    ctx = browser.new_context(viewport={"width": 1500, "height": 1100})
    outside: list[str] = []
    ctx.on("request", lambda r: None if is_local(r.url) else outside.append(r.url))
    return ctx, outside


def measure(browser, base: str, runs: int, lat: float, lon: float, return_browser=None) -> dict:
    """Cold load, then first-visit and (with ``return_browser``) return-visit medians."""
    url = f"{base}/?day=2017-06-11"

    def once(pg) -> tuple[float, float, float]:
        load = load_map(pg, url)
        wait_idle(pg)  # the run goes on after the map (panel, downloads): let it end before clicking
        click = click_panel(pg, lat, lon)
        return load, click, step_map(pg, "Mon 12 Jun 2017")

    loads, clicks, steps = [], [], []
    for _ in range(runs + 1):
        ctx = fresh_context(browser)
        load, click, step = once(ctx.new_page())
        loads.append(load)
        clicks.append(click)
        steps.append(step)
        ctx.close()
    out: dict[str, Any] = {
        "cold_load": loads[0],
        "cold_click": clicks[0],
        "load": statistics.median(loads[1:]),
        "click": statistics.median(clicks[1:]),
        "step": statistics.median(steps),
        "return_load": None,
        "return_click": None,
        "outside": [],
    }
    if return_browser is not None:
        ctx, outside = kept_context(return_browser)
        r_loads, r_clicks = [], []
        for _ in range(runs + 1):  # the first fills the cache
            pg = ctx.new_page()
            load, click, _ = once(pg)
            r_loads.append(load)
            r_clicks.append(click)
            pg.close()
        ctx.close()
        out.update(
            return_load=statistics.median(r_loads[1:]), return_click=statistics.median(r_clicks[1:]), outside=outside
        )
    return out


#: Chromium refuses to resolve any host but this machine: the return-visit
#: browser cannot reach the network even though requests are not routed.
OFFLINE_RESOLVER = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--synthetic", type=int, default=50_000)
    ap.add_argument("--no-floor", action="store_true", help="skip the empty-page floor")
    ap.add_argument("--no-return", action="store_true", help="skip the return-visit (warm browser cache) runs")
    ap.add_argument("--entries", default="serve.py,dashboard.py",
                    help="the scripts to serve, comma-separated: serve.py (warm-up at start) and/or dashboard.py")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    import gazetteer

    p = gazetteer.load().get("raqqa-mishlab")
    rows = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        ret = (
            None
            if args.no_return
            else pw.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, OFFLINE_RESOLVER])
        )
        floor = None if args.no_floor else measure_floor(browser, args.runs, ret)
        map_floor = None if args.no_floor else measure_map_floor(browser, args.runs, ret)
        for label, n, goals in (("seed", 0, (2.0, 1.0)), (f"{args.synthetic:,} incidents", args.synthetic, (3.0, 1.0))):
            for entry in args.entries.split(","):
                port = free_port()
                t0 = time.monotonic()
                proc = start_server(port, env={"ATLAS_SYNTHETIC_INCIDENTS": str(n)}, script=entry)
                started = time.monotonic() - t0
                try:
                    r = measure(browser, f"http://127.0.0.1:{port}", args.runs, p.lat, p.lon, ret)
                finally:
                    stop_server(proc)
                r["started"] = started
                rows.append((f"{label}, `streamlit run {entry}`", r, goals))
        browser.close()
        if ret is not None:
            ret.close()

    def ok(v: float, g: float) -> str:
        return "✅" if v <= g else "❌"

    def fmt(v: float | None, g: float | None = None) -> str:
        return "—" if v is None else f"{v:.2f} s" + (f" {ok(v, g)}" if g is not None else "")

    print(
        f"| data, server | start → health | request → map drawn: first visit after the start | "
        f"first visit (median of {args.runs}) | return visit | goal | click → panel filled, first / return visit "
        f"| goal | day step → map redrawn |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    if floor:
        print(
            f"| floor: empty Streamlit page (one title) | — | {fmt(floor['cold_load'])} | {fmt(floor['load'])} | "
            f"{fmt(floor['return_load'])} | — | — | — | — |"
        )
    if map_floor:
        print(
            f"| floor: one title and one folium map of one circle (our map component, our Leaflet) | — | "
            f"{fmt(map_floor['cold_load'])} | {fmt(map_floor['load'])} | {fmt(map_floor['return_load'])} "
            "| — | — | — | — |"
        )
    for label, r, (g_load, g_click) in rows:
        print(
            f"| {label} | {fmt(r['started'])} | {fmt(r['cold_load'], g_load)} | {fmt(r['load'], g_load)} | "
            f"{fmt(r['return_load'], g_load)} | ≤ {g_load:g} s | {fmt(r['click'], g_click)} / "
            f"{fmt(r['return_click'], g_click)} | ≤ {g_click:g} s | {fmt(r['step'])} |"
        )
    outside = sorted({u for _, r, _ in rows for u in r["outside"]})
    if outside:
        print(f"\nOff-machine requests the return-visit pages attempted (refused): {outside}")


if __name__ == "__main__":
    main()
