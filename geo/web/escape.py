"""HTML text from untrusted values: every quote, place name, claimant and URL passes here.

The one home of escaping: :func:`esc` for the map's popups and tooltips,
:func:`esc_markdown` for HTML that Streamlit may also read as Markdown (the
click panel and the timeline call it for every value their templates print),
:func:`safe_href` for links.
"""

from __future__ import annotations

import datetime
import html
from typing import Any
from urllib.parse import urlsplit

__all__ = ["esc", "esc_day", "esc_markdown", "safe_href"]


# Characters that mean something to Markdown / Streamlit markdown extensions.
_HTML_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"}
_MD_ENTITIES = {c: f"&#{ord(c)};" for c in "\\*_`[]()#~|!{}$:"}
#: One pass: what html.escape(quote=True) does, plus the Markdown characters.
_ESCAPE_TABLE = str.maketrans({**_HTML_ENTITIES, **_MD_ENTITIES})


def esc(value: Any, empty: str = "—") -> str:
    """HTML text of any value, for the map's popups and tooltips (``None``/"" -> ``empty``, ours and trusted).

    ``html.escape`` with quotes: safe in text and in quoted attribute values.
    Lists and tuples are escaped item by item and joined with ", ".
    """
    if value is None or value == "":
        return empty
    if isinstance(value, (list, tuple)):
        return ", ".join(esc(v, empty) for v in value) or empty
    return html.escape(str(value), quote=True)


def esc_markdown(value: Any, empty: str = "—") -> str:
    """:func:`esc`, and safe where Streamlit also reads the HTML as Markdown (the click panel, the timeline).

    Markdown-significant characters become numeric entities and newlines
    ``<br>``; lists, tuples and sets are escaped item by item and joined with
    ", "; a float with no fraction prints as an int.
    """
    if value is None or value == "":
        return empty
    if isinstance(value, (list, tuple, set, frozenset)):
        parts = [esc_markdown(v, "") for v in value]
        return ", ".join(p for p in parts if p) or empty
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    # one pass, so the '&' and '#' of the entities we emit are never re-escaped
    text = str(value).translate(_ESCAPE_TABLE)
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


def safe_href(url: Any) -> str | None:
    """Return an escaped http(s) URL, or None for anything else (javascript:, data:, ...)."""
    if not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return html.escape(url.strip(), quote=True)


def esc_day(iso: Any) -> str:
    """``6 Jun 2017`` for an ISO day; anything else escaped as it is (a map popup's date)."""
    try:
        d = datetime.date.fromisoformat(str(iso))
    except ValueError:
        return esc(iso)
    return f"{d.day} {d:%b} {d.year}"
