"""Our Streamlit map component: a full folium page in an iframe that reports clicks.

Built on Streamlit's public custom-components API (``st.components.v2``): the
front end in ``app/frontend/map/`` is plain HTML, CSS and JavaScript with no build
step. The page is shown through the iframe's ``srcdoc``, so it shares the app's
origin and its ``/app/static/vendor/...`` asset paths resolve against the app.
``clicks.js``, added at the end of the page, posts the feature under each click;
the component keeps the last one as its state, so only clicks rerun the script.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from streamlit.components.v2 import component

FRONTEND = Path(__file__).resolve().parent / "frontend" / "map"

_CLICK_SCRIPT = (FRONTEND / "clicks.js").read_text(encoding="utf-8")

_MAP = component(
    "raqqa_atlas.map",
    html=(FRONTEND / "index.html").read_text(encoding="utf-8"),
    css=(FRONTEND / "map.css").read_text(encoding="utf-8"),
    js=(FRONTEND / "map.js").read_text(encoding="utf-8"),
    # not in a shadow root: the frame stays reachable from the page (tests, benchmarks)
    isolate_styles=False,
)


def with_click_script(html: str) -> str:
    """``html`` (a full page) with ``clicks.js`` run last, after the map is built.

    folium writes the map's own script after ``</body>``, so ours goes just before ``</html>``.
    """
    head, html_end, tail = html.rpartition("</html>")
    script = f"<script>\n{_CLICK_SCRIPT}</script>\n"
    return f"{head}{script}{html_end}{tail}" if html_end else f"{html}{script}"


def _on_click() -> None:
    """Nothing to do on a click but return it; Streamlit returns a component's state only
    for the names given an ``on_<name>_change`` callback."""


def map_component(
    html: str, *, key: str, height: int, fill_window: bool = False, focus: list[list[float]] | None = None
) -> dict[str, Any] | None:
    """Show the map page ``html``; return the feature last clicked on it, or None.

    ``height`` is the map's height in pixels; with ``fill_window`` it is the least
    height, and the front end makes the map reach down to the window's bottom edge
    (the map is the page: as large as the window, whatever its size). ``focus``
    (``[[south, west], [north, east]]``) frames those bounds once, when it changes, without
    rebuilding the map.

    The feature is ``{"id": ..., "properties": {...}}`` as the page's GeoJSON has it.
    """
    data = {"html": with_click_script(html), "height": height, "fill": fill_window, "focus": focus}
    result = _MAP(key=key, data=data, height="content", on_clicked_change=_on_click)
    return result.get("clicked")  # None before the first click (and outside a script run)
