"""HTML text from untrusted values: every quote, place name, claimant and URL passes here."""

from __future__ import annotations

import html
from typing import Any
from urllib.parse import urlsplit

__all__ = ["esc", "safe_href"]


def esc(value: Any, empty: str = "—") -> str:
    """HTML-escape any value for our popups (``None`` -> ``empty``)."""
    if value is None or value == "":
        return empty
    if isinstance(value, (list, tuple)):
        return ", ".join(esc(v, empty) for v in value) or empty
    return html.escape(str(value), quote=True)


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

