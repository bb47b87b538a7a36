"""Our branca elements: finished text placed as it is, and scripts that need their map.

branca wraps the *output* of every macro it renders in ``Element(output)``, and
``Element(str)`` compiles that string as a Jinja2 template and renders it once
more. Text from articles (quotes, place names, claimants) reaches the page
inside our elements' output, so a second parse would evaluate ``{{ 7*7 }}``
written in an article (server-side template injection), fail on ``{% raw %}``,
and lex every GeoJSON layer twice. :class:`VerbatimMacro` renders its macros
once and adds their output as :class:`Verbatim` text, which is never parsed;
every element of ours that carries data derives from it (public
``MacroElement`` subclassing only: branca itself is left untouched).
"""

from __future__ import annotations

from typing import Any

import folium
from branca.element import Element, MacroElement
from folium.utilities import get_and_assert_figure_root, get_obj_in_upper_tree

__all__ = ["MapScript", "Verbatim", "VerbatimMacro"]


class Verbatim(Element):
    """Finished text (rendered output, or our static markup) that renders as it is."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "Verbatim"
        self.text = text

    def render(self, **kwargs: Any) -> str:
        return self.text


class VerbatimMacro(MacroElement):
    """A ``MacroElement`` whose rendered ``header``/``html``/``script`` macros are never re-parsed.

    Mix it in after a folium class (``class X(folium.GeoJson, VerbatimMacro)``):
    the folium class's own ``render`` runs first and ends in this one.
    """

    def add_child(self, child: Element, name: str | None = None, index: int | None = None) -> Element:
        """``MacroElement.add_child``, keeping our own ordered record of the children for :meth:`render`."""
        super().add_child(child, name=name, index=index)
        name = name or child.get_name()
        kids = [(k, c) for k, c in self.__dict__.get("kids", {}).items() if k != name or index is None]
        if index is None:
            kids = [(k, child if k == name else c) for k, c in kids]
            if name not in dict(kids):
                kids.append((name, child))
        else:
            kids.insert(int(index), (name, child))
        self.kids: dict[str, Element] = dict(kids)
        return self

    def render(self, **kwargs: Any) -> None:  # type: ignore[override]  # macros render into the figure
        figure = get_and_assert_figure_root(self)
        # ``_template`` is branca's subclass protocol (each element class declares its Jinja2 template
        # there); its macros are read through Jinja2's public ``Template.module``
        macros = vars(self._template.module)
        for part in ("header", "html", "script"):
            macro = macros.get(part)
            if macro is not None:
                getattr(figure, part).add_child(Verbatim(macro(self, kwargs)), name=self.get_name())
        for child in self.__dict__.get("kids", {}).values():
            child.render(**kwargs)


class MapScript(VerbatimMacro):
    """A script element that needs its map's JavaScript name (``map_name``) at render time."""

    #: the public function that added it, for the error
    layer = "layer"
    #: the map's JavaScript name, set by :meth:`render`
    map_name = ""

    def render(self, **kwargs: Any) -> None:  # type: ignore[override]  # macros render into the figure
        try:
            m = get_obj_in_upper_tree(self, folium.Map)
        except ValueError:
            raise ValueError(f"{self.layer}: expected the layer to be added to a folium.Map "
                             "before rendering, got a layer with no map above it") from None
        self.map_name = m.get_name()
        super().render(**kwargs)
