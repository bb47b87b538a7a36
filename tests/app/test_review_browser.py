"""A whole review in a real browser (issue 17): add an article, correct two fields of a candidate,
accept it, see it on the map as reviewed and in the GeoJSON export, restart the server, find it
there still, with its history.

Headless Debian Chromium via Playwright, a Streamlit server on a throwaway store (``ATLAS_STORE``),
every non-local request aborted. Screenshots of the review page go to ``shots/`` (not committed).
"""

from __future__ import annotations

import json
import re
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.app.test_browser import (
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    MAP_FRAME,
    free_port,
    is_local,
    start_server,
    stop_server,
    wait_for_map,
    wait_idle,
)

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "shots"
ARTICLE = ROOT / "tests" / "data" / "articles" / "t02_sinaa_rumaila.txt"
REVIEWER = "Test Reviewer"
NEW_CLAIMANT = "SDF spokesman (checked)"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is missing: install Debian's chromium"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed in the venv")


def new_page(browser, width: int, height: int):
    ctx = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True)
    blocked: list[str] = []

    def route(r):
        if is_local(r.request.url):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    ctx.route("**/*", route)
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    return ctx, pg, errors


def wait_text(pg, text: str, timeout: float = 60) -> None:
    pg.get_by_text(text, exact=False).first.wait_for(timeout=timeout * 1000)
    wait_idle(pg)


def choose(pg, label: str, option: str) -> None:
    """Pick ``option`` in the selectbox labelled ``label``: click, type, Enter (as a keyboard user would)."""
    box = pg.locator('[data-testid="stSelectbox"]').filter(has=pg.get_by_text(label, exact=True)).first
    box.click()
    pg.keyboard.type(option)
    pg.get_by_role("option", name=option, exact=True).first.click()


def test_a_whole_review_survives_a_restart(tmp_path):
    # Playwright on a thread of its own: test_browser.py's session keeps its sync Playwright open on this one
    with ThreadPoolExecutor(1) as pool:
        pool.submit(whole_review, tmp_path).result()


def whole_review(tmp_path: Path) -> None:
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            review_and_restart(browser, tmp_path)
        finally:
            browser.close()


def review_and_restart(browser, tmp_path: Path) -> None:
    SHOTS.mkdir(exist_ok=True)
    ARTIFACTS.mkdir(exist_ok=True)
    env = {"ATLAS_STORE": str(tmp_path / "atlas.gpkg")}
    proc = start_server(free_port(), env)
    server = f"http://127.0.0.1:{proc.args[proc.args.index('--server.port') + 1]}"
    ctx, pg, errors = new_page(browser, 1440, 900)
    try:
        # -- add an article (pasted), with its source
        pg.goto(f"{server}/?page=Review")
        wait_text(pg, "Review candidates")
        name = pg.get_by_role("textbox", name="Your name (saved with every change you make)")
        name.fill(REVIEWER)
        name.press("Enter")
        wait_idle(pg)
        pg.get_by_role("textbox", name="…or paste its text").fill(ARTICLE.read_text(encoding="utf-8"))
        pg.get_by_role("textbox", name="Outlet", exact=True).fill("Test Wire")
        pg.get_by_role("textbox", name="URL", exact=True).fill("https://example.org/sinaa")
        pg.get_by_role("button", name="Add the article and extract incidents").click()
        wait_text(pg, "candidate(s) in the queue")
        wait_text(pg, "Candidate 1 of ")
        left = int(re.search(r"Candidate 1 of (\d+)", pg.locator("body").inner_text())[1])
        assert left >= 3
        rid = pg.locator(".atlas-rep[data-report-id]").first.get_attribute("data-report-id") or ""
        assert re.fullmatch(r"a-[0-9a-f]{16}-c\d{3}", rid), rid
        # the sentence is marked in its article, the source links back
        assert pg.locator(".atlas-review mark.quote").count() >= 1
        assert pg.locator('.atlas-review-src a[href="https://example.org/sinaa"]').count() == 1
        pg.screenshot(path=str(SHOTS / "review-1440x900.png"))
        pg.screenshot(path=str(SHOTS / "review-1440x900-full.png"), full_page=True)

        # -- correct two fields, then accept (Enter in a text box sends the form)
        choose(pg, "Status", "confirmed")
        claimant = pg.get_by_role("textbox", name="Claimed by", exact=True)
        claimant.fill(NEW_CLAIMANT)
        why = pg.get_by_role("textbox", name="Reason (why; required to reject)")
        why.fill("checked against the SDF statement")
        pg.get_by_text("Correct any field, then decide").scroll_into_view_if_needed()
        pg.screenshot(path=str(SHOTS / "review-1440x900-form.png"))
        why.press("Enter")
        wait_text(pg, f"Accepted {rid} with 2 field(s) changed")
        wait_text(pg, f"Candidate 1 of {left - 1}")

        # -- on the map, for everyone: reviewed, with the corrected claimant
        map_ctx, mp, map_errors = new_page(browser, 1500, 1100)
        mp.goto(f"{server}/?day=2017-06-11&place=raqqa-sinaa")
        wait_for_map(mp)
        mp.wait_for_function(
            f"() => !!document.querySelector('.atlas-panel .atlas-rep[data-report-id={json.dumps(rid)}]')",
            timeout=30_000,
        )
        rep = mp.locator(f".atlas-rep[data-report-id={json.dumps(rid)}]").first
        assert "reviewed" in rep.inner_text() and "not reviewed" not in rep.inner_text()
        assert NEW_CLAIMANT in rep.inner_text() and "confirmed" in rep.inner_text()
        assert rep.locator('a[href="https://example.org/sinaa"]').count() == 1  # it links back to its article
        assert rid in mp.frame_locator(MAP_FRAME).first.locator("html").evaluate("e => e.innerHTML")
        # -- in the GeoJSON export
        with mp.expect_download(timeout=60_000) as dl:
            mp.get_by_role("button", name="Incidents (GeoJSON)").click()
        path = tmp_path / dl.value.suggested_filename
        dl.value.save_as(path)
        feats = {f["id"]: f for f in json.loads(path.read_text(encoding="utf-8"))["features"]}
        props = feats[rid]["properties"]
        assert props["reviewed"] is True and props["status"] == "confirmed" and props["claimed_by"] == NEW_CLAIMANT
        assert feats[rid]["geometry"]["type"] == "Point"
        map_ctx.close()
        assert not map_errors, map_errors
    finally:
        ctx.close()
        stop_server(proc)

    # -- restart the server on the same store: the record and its history are still there
    proc = start_server(free_port(), env)
    server = f"http://127.0.0.1:{proc.args[proc.args.index('--server.port') + 1]}"
    ctx, pg, errors2 = new_page(browser, 1440, 900)
    try:
        pg.goto(f"{server}/?page=Review")
        wait_text(pg, "Review candidates")
        wait_text(pg, f"Candidate 1 of {left - 1}")
        pg.get_by_text("Find any record and its history").click()
        box = pg.get_by_role("textbox", name="Record id")
        box.fill(rid)
        box.press("Enter")
        wait_text(pg, "Status: accepted")
        history = pg.locator(".atlas-review table", has_text="checked against the SDF statement").first
        history.wait_for(timeout=30_000)
        text = history.inner_text()
        assert REVIEWER in text and "accept" in text
        assert NEW_CLAIMANT in text and "confirmed" in text
        history.scroll_into_view_if_needed()
        pg.screenshot(path=str(SHOTS / "review-history-after-restart.png"))
        # the phone-sized page
        ctx.close()
        ctx, pg, errors3 = new_page(browser, 390, 844)
        pg.goto(f"{server}/?page=Review")
        wait_text(pg, "Candidate 1 of ")
        time.sleep(1)
        pg.screenshot(path=str(SHOTS / "review-390x844.png"))
        pg.get_by_text("Correct any field, then decide").scroll_into_view_if_needed()
        pg.screenshot(path=str(SHOTS / "review-390x844-form.png"))
        pg.screenshot(path=str(SHOTS / "review-390x844-full.png"), full_page=True)
        assert not errors and not errors2 and not errors3
    finally:
        ctx.close()
        stop_server(proc)
