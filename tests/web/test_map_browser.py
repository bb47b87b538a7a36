"""The seed maps drawn in a real browser (headless Chromium): labels never overlap or leave the map,
stacked reports spread out on a click, a layer's switch takes its markers out of the shared cluster.

The page is :func:`geo.web.mapview.map_html` served with the vendored assets at the
path the app serves them (``/app/static/vendor``), by a local server: no network.
"""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest

from geo.web.mapview import map_html

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
VIEWS = [("city", "2017-06-06"), ("city", "2017-06-11"), ("region", "2017-06-11"), ("theatre", "2017-06-11")]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is missing"),
    pytest.mark.skipif(not (ROOT / "static" / "vendor" / "leaflet.markercluster").is_dir(),
                       reason="static/vendor is missing: npm ci --ignore-scripts && python tools/vendor_assets.py"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed in the venv")


def _candidates_page() -> str:
    """The city on 11 June with seed 003 uploaded again as a new article: its reports are candidates."""
    import gazetteer
    from geo.extraction.extract import extract_text
    from geo.records.articles import articles_by_id
    from geo.records.filters import Filters, select
    from geo.records.incidents import curated_reports
    from geo.records.layers import control_features
    from geo.web.basemap import load_countries
    from geo.web.mapview import build_map

    gz = gazetteer.load()
    reports = curated_reports(gz=gz)
    text = articles_by_id()["003_ebdecad3bcd8edbe"].text
    cands = [{**r, "reviewed": False}
             for r in extract_text(text, article_id="upload-afp", published="2017-06-07", outlet="AFP", gz=gz)]
    shown = select(reports + cands, Filters(day="2017-06-11"))
    m = build_map(shown, gz=gz, places_fc=gz.to_geojson(), countries_fc=load_countries(),
                  control_fc=control_features(gz, reports, "2017-06-11"), view="city", day="2017-06-11",
                  tiles=False, labels=True)
    return m.get_root().render()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("maps")
    (root / "app" / "static").mkdir(parents=True)
    (root / "app" / "static" / "vendor").symlink_to(ROOT / "static" / "vendor")
    for view, day in VIEWS:
        (root / f"{view}-{day}.html").write_text(map_html(view=view, day=day), encoding="utf-8")
    (root / "candidates.html").write_text(_candidates_page(), encoding="utf-8")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def page(site):
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        pg = browser.new_page(viewport={"width": 1000, "height": 700})
        errors: list[str] = []
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.on("requestfailed", lambda r: errors.append(f"failed: {r.url}"))
        pg.errors = errors  # type: ignore[attr-defined]
        yield pg
        browser.close()


LABEL_BOXES = """() => {
  const c = document.querySelector('.leaflet-container').getBoundingClientRect();
  const shown = [...document.querySelectorAll('.atlas-label, .atlas-adv-label')].filter(el => {
    const s = getComputedStyle(el);
    return s.visibility !== 'hidden' && s.display !== 'none' && el.getClientRects().length;
  });
  const controls = [...document.querySelectorAll('.leaflet-control')].map(el => {
    const b = el.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom, el.className];
  });
  return {edge: [c.left, c.top, c.right, c.bottom], controls, boxes: shown.map(el => {
    const r = document.createRange(); r.selectNodeContents(el); const b = r.getBoundingClientRect();
    return [b.left, b.top, b.right, b.bottom, el.textContent];
  })};
}"""


@pytest.mark.parametrize(("view", "day"), VIEWS)
def test_labels_never_overlap_or_leave_the_map(page, site, view, day):
    page.goto(f"{site}/{view}-{day}.html")
    page.wait_for_timeout(600)
    for step in ("as opened", "legend open", "zoomed in"):
        if step == "legend open":
            page.locator(".atlas-legend summary").click()
            page.wait_for_timeout(400)
        if step == "zoomed in":
            page.locator(".leaflet-control-zoom-in").click()
            page.wait_for_timeout(700)
        got = page.evaluate(LABEL_BOXES)
        left, top, right, bottom = got["edge"]
        boxes = got["boxes"]
        assert boxes, "no label shown at all"
        if view != "city" and step == "as opened":  # the city's name stays, over the stack on its point
            assert "Raqqa" in {b[4] for b in boxes}
        for i, (a0, a1, a2, a3, text) in enumerate(boxes):
            assert left <= a0 and a2 <= right and top <= a1 and a3 <= bottom, f"{text!r} is cut by the edge ({step})"
            for b0, b1, b2, b3, other in boxes[i + 1:] + got["controls"]:
                assert not (a0 < b2 and b0 < a2 and a1 < b3 and b1 < a3), f"{text!r} overlaps {other!r} ({step})"
    assert not page.errors  # type: ignore[attr-defined]


def test_stacked_reports_spread_out_on_a_click_and_follow_their_layer_switch(page, site):
    page.goto(f"{site}/city-2017-06-11.html")
    page.wait_for_timeout(600)
    counts = lambda: sorted(int(t) for t in page.locator(".atlas-cluster span").all_inner_texts())  # noqa: E731
    before = counts()
    assert before and before[-1] >= 20  # the reports on the city's point, one stack
    paths = page.locator("path").count()
    stack = page.locator(".atlas-cluster").filter(has_text=str(before[-1]))
    stack.click()
    page.wait_for_timeout(900)
    # spread out: a marker and a leg for each report (diamonds are icons, not paths), the stack faded behind them
    assert page.locator("path").count() - paths >= before[-1]
    assert stack.evaluate("el => el.style.opacity") == "0.3"
    # switching the strikes off takes them out of the stack
    page.locator(".leaflet-control-layers").hover()
    page.get_by_text("Strikes (air, artillery", exact=False).click()
    page.wait_for_timeout(700)
    after = counts()
    assert sum(after) < sum(before)
    assert not page.errors  # type: ignore[attr-defined]


def test_candidates_stack_apart_on_top_and_spread_out(page, site):
    page.goto(f"{site}/candidates.html")
    page.wait_for_timeout(800)
    stack = page.locator(".atlas-cluster-candidates").first
    assert stack.count() == 1
    # in the candidates' pane, over the reviewed reports' stacks
    assert stack.evaluate("el => el.closest('.leaflet-pane').className").count("leaflet-atlasCandidates-pane")
    n = int(stack.inner_text())
    paths = page.locator("path").count()
    stack.click()
    page.wait_for_timeout(900)
    assert page.locator("path").count() - paths >= n
    page.locator("path.atlas-candidate").last.dispatch_event("mouseover")
    page.wait_for_timeout(300)
    assert "Candidate from an uploaded article, not reviewed" in page.locator(".leaflet-tooltip").first.inner_text()
    assert not page.errors  # type: ignore[attr-defined]
