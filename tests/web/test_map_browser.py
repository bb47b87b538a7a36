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
