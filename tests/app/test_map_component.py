"""app.map_component without a browser: where the click script goes in the map page.

The browser tests (``test_browser.py``) click the real map.
"""

from __future__ import annotations

import folium
from hypothesis import given
from hypothesis import strategies as st

from app.map_component import FRONTEND, with_click_script

CLICKS = (FRONTEND / "clicks.js").read_text(encoding="utf-8")


def test_click_script_runs_after_the_maps_own_script():
    m = folium.Map(location=[35.95, 39.01], zoom_start=13, tiles=None)
    folium.GeoJson({"type": "Feature", "id": "x", "properties": {"place_id": "raqqa-mishlab"},
                    "geometry": {"type": "Point", "coordinates": [39.03, 35.95]}}).add_to(m)
    page = m.get_root().render()
    out = with_click_script(page)
    assert out.index("L.map(") < out.index("raqqa-atlas:map-click") < out.rindex("</html>")
    assert out.count(CLICKS) == 1


# pages made of the pieces that matter: closing tags (several, or none) among other text
@given(st.lists(st.sampled_from(["</html>", "</body>", "<html>", "<script>x</script>", "é", "\n"])).map("".join))
def test_the_page_is_kept_whole_around_the_script(html):
    out = with_click_script(html)
    script = f"<script>\n{CLICKS}</script>\n"
    close = html[html.rfind("</html>"):] if "</html>" in html else ""
    assert out.replace(script, "") == html  # nothing lost or added but the script
    assert out.endswith(script + close)  # and it runs last: only the page's closing tag after it
