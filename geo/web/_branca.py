"""Make branca render already-rendered text verbatim, never as a template.

branca (under folium) wraps the *output* of every element it renders in a new
``Element(output)``, and ``Element(str)`` compiles its string as a Jinja2
template before rendering it again. So any text that reaches a map -- an
article's quote in a popup, a place name in a tooltip, a GeoJSON property --
is parsed as a template a second time:

* ``{{ 7*7 }}`` in an uploaded article is evaluated (49); Jinja2 without a
  sandbox reaches Python objects from there: server-side code execution;
* ``{% raw %}`` or an unbalanced ``{{`` makes the whole map fail to render;
* the parse is linear in the output, so a map with large GeoJSON spends most
  of its render time lexing its own data.

Every ``Element(str)`` in branca and folium passes finished text (rendered
output, or static markup such as a ``<meta>`` tag), so rendering the string
as it is keeps their behaviour and removes the second parse. Applied once,
on import of :mod:`geo.web.webmap`.
"""

from __future__ import annotations

from typing import Any

import branca.element as _be


class VerbatimTemplate:
    """Stands in for a compiled template: ``render`` returns the text unchanged."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def render(self, *args: Any, **kwargs: Any) -> str:
        return self.text

    def __deepcopy__(self, memo: dict) -> VerbatimTemplate:
        return self  # immutable


_original_init = _be.Element.__init__
_original_setstate = _be.Element.__setstate__


def _init(self: _be.Element, template: str | None = None, template_name: str | None = None) -> None:
    _original_init(self, None, template_name)
    self._template_str = template
    if template is not None:
        self._template = VerbatimTemplate(template)


def _setstate(self: _be.Element, state: dict) -> None:
    # unpickling / deepcopy: recreate the verbatim text, not a compiled template
    if state.get("_template_str") is not None:
        state = {**state, "_template": VerbatimTemplate(state["_template_str"])}
        self.__dict__.update(state)
    else:
        _original_setstate(self, state)


def apply() -> None:
    """Patch :class:`branca.element.Element` (idempotent)."""
    if getattr(_be.Element, "_atlas_verbatim", False):
        return
    _be.Element.__init__ = _init  # type: ignore[method-assign]
    _be.Element.__setstate__ = _setstate  # type: ignore[method-assign]
    _be.Element._atlas_verbatim = True  # type: ignore[attr-defined]
