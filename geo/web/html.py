"""HTML from templates: the one Jinja2 environment; every value escaped by :func:`geo.web.escape.esc_markdown`.

The click panel and the timeline are Jinja2 templates under ``templates/``,
shown by the dashboard through ``st.html`` / ``st.markdown``. Article text is
untrusted, so escaping is by construction, not by care:

* every ``{{ expression }}`` goes through :func:`esc` (the environment's
  ``finalize``): HTML, Markdown and LaTeX characters become entities and
  newlines ``<br>``; ``None`` and ``""`` print nothing. ``|dash`` prints an
  em dash (or the text given, ``|dash("?")``) for them instead.
* our own HTML fragments are passed in as :class:`markupsafe.Markup` (which
  ``esc`` leaves alone), and class names through ``|css_class``, which keeps
  only ``[A-Za-z0-9_-]``, and colours through ``|css_colour`` (``#hex`` only).
* templates are written one element per line for reading; the rendered HTML
  is one line (each line's indentation and line break are dropped), so a
  Markdown renderer sees one raw-HTML block and no blank line ends it. A space
  between two lines must therefore be written inside one of them.

Static CSS lives under ``static/`` and is read once (:func:`static_text`).
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from jinja2.ext import Extension
from markupsafe import Markup

from geo.web.escape import esc_markdown as esc

__all__ = ["STATIC", "TEMPLATES", "css_class", "css_colour", "esc", "render", "static_text"]

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATIC = Path(__file__).resolve().parent / "static"


def css_class(name: Any) -> Markup:
    """A CSS class token from our own fixed vocabulary (any other character is dropped)."""
    return Markup("".join(ch for ch in str(name) if ch.isalnum() or ch in "-_"))


def css_colour(value: Any, default: str = "#999") -> Markup:
    """A ``#hex`` colour for a style attribute; anything else becomes ``default``."""
    c = str(value)
    return Markup(c if c.startswith("#") and all(ch in "0123456789abcdefABCDEF" for ch in c[1:]) else default)


def _finalize(value: Any) -> Any:
    """Every ``{{ }}``: our fragments (``__html__``) as they are, anything else through :func:`esc`."""
    return value if hasattr(value, "__html__") else Markup(esc(value, ""))


def _dash(value: Any, empty: str = "—") -> Markup:
    """``|dash``: as every ``{{ }}``, but ``empty`` (our text) for ``None`` or ""."""
    if value is None or value == "":
        return Markup(empty)
    return _finalize(value)


class OneLine(Extension):
    """Join a template's lines, dropping each line's indentation and line break.

    Readable templates, one-line HTML: in Markdown a blank line would end the
    raw-HTML block and let the renderer parse what follows.
    """

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        """The template source as one line."""
        return "".join(line.strip() for line in source.splitlines())


_ENV = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=True,  # and finalize: nothing reaches the page unescaped unless it is our Markup
    finalize=_finalize,
    undefined=StrictUndefined,  # a misspelt name is an error, not an empty string
    extensions=[OneLine],
    auto_reload=False,  # the templates ship with the code: no stat() per render
)
_ENV.filters["dash"] = _dash
_ENV.filters["css_class"] = css_class
_ENV.filters["css_colour"] = css_colour


def render(template: str, /, **context: Any) -> str:
    """Render ``templates/<template>`` with ``context``: one line of HTML, a plain ``str``.

    Plain, not :class:`~markupsafe.Markup`: ``"<b>" + Markup(x)`` would escape
    the ``"<b>"``. Wrap the result in ``Markup`` to pass it into another template.
    """
    return _ENV.get_template(template).render(**context)


@functools.cache
def static_text(name: str) -> str:
    """The text of ``static/<name>``, read once."""
    return (STATIC / name).read_text(encoding="utf-8")
