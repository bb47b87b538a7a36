"""The map's CSS and JavaScript, kept as real files and read once.

``geo/web/static/`` holds plain CSS; ``geo/web/templates/`` the Jinja2 macro
templates of our script elements (``*.js.j2``: JavaScript with
``{{ this.... }}`` slots). Their text is inlined into the map page exactly as
it is in the file.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from folium.template import Template

__all__ = ["STATIC", "TEMPLATES", "static_text", "script_template"]

#: Plain CSS for the map page.
STATIC = Path(__file__).with_name("static")
#: Jinja2 macro templates of the map's script elements.
TEMPLATES = Path(__file__).with_name("templates")


@cache
def static_text(name: str) -> str:
    """The text of ``geo/web/static/<name>``."""
    return (STATIC / name).read_text(encoding="utf-8")


@cache
def script_template(name: str) -> Template:
    """``geo/web/templates/<name>`` compiled with folium's template class (it has ``tojson``)."""
    return Template((TEMPLATES / name).read_text(encoding="utf-8"))
