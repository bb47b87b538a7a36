"""The template environment and the one escaping helper (geo/web/html.py), on their own."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jinja2 import UndefinedError
from markupsafe import Markup

from geo.web import html as H

# Markdown, Streamlit directives, LaTeX, Jinja2 and HTML syntax, and plain text around them.
PIECES = ["<script>alert(1)</script>", "{{ 7*7 }}", "{% raw %}", "{% endraw %}", "{# x #}", '"', "'", "**bold**",
          "[x](javascript:alert(1))", ":red[x]", "$x$", "`code`", "# h", "&amp;", "<!--", "\n\n", "\r\n", "\r", "_u_",
          "~~s~~", "a|b", "\\", "!"]
hostile = st.lists(st.sampled_from(PIECES) | st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=6),
                   max_size=6).map("".join)


def from_string(source: str):
    """A template in our environment (its settings, not our files, under test)."""
    return H._ENV.from_string(source)


@given(hostile)
def test_esc_round_trips_and_leaves_no_syntax(text):
    out = H.esc(text, "")
    assert html.unescape(out.replace("<br>", "\n")) == text.replace("\r\n", "\n").replace("\r", "\n")
    bare = re.sub(r"&#x?[0-9a-fA-F]+;|&[a-z]+;", "", out.replace("<br>", ""))
    for ch in "<>\"'\\*_`[]()#~|!{}$:\n\r":
        assert ch not in bare


@given(hostile)
def test_every_expression_is_escaped_by_esc(text):
    # finalize: a template cannot print a value without our escaping, nor evaluate what the value says
    assert from_string("<p>{{ v }}</p>").render(v=text) == f"<p>{H.esc(text, '')}</p>"


def test_markup_is_ours_and_passes_unescaped():
    t = from_string("{{ a }}|{{ b }}")
    assert t.render(a=Markup("<b>x</b>"), b="<b>x</b>") == "<b>x</b>|&lt;b&gt;x&lt;/b&gt;"


@pytest.mark.parametrize(("value", "expected"), [(None, "—"), ("", "—"), ("a*b", "a&#42;b"), (3.0, "3"),
                                                 (Markup("<i>ok</i>"), "<i>ok</i>"), (Markup(""), "—")])
def test_dash_shows_a_dash_for_nothing(value, expected):
    assert from_string("{{ v|dash }}").render(v=value) == expected
    assert from_string("{{ v }}").render(v=value) == ("" if not value else expected)


def test_dash_text_is_ours():
    assert from_string('{{ v|dash("(none)") }}').render(v=None) == "(none)"


@given(st.text())
def test_css_class_and_colour_keep_only_their_alphabet(text):
    assert re.fullmatch(r"[\w-]*", H.css_class(text))
    c = H.css_colour(text)
    assert c == "#999" or (c == text and re.fullmatch(r"#[0-9a-fA-F]*", text))


def test_templates_render_on_one_line_and_a_misspelt_name_is_an_error():
    source = "<div>\n  {% if x %}\n    <b>{{ x }}</b>\n  {% endif %}\n</div>\n"
    assert from_string(source).render(x="a\n\nb") == "<div><b>a<br><br>b</b></div>"
    with pytest.raises(UndefinedError):
        from_string("{{ y }}").render(x=1)


def test_render_returns_plain_str():
    # Markup would escape a str added to it: "<b>" + Markup(...) must stay "<b>..."
    out = H.render("timeline_legend.html.j2", keys=[("Air strike", "#e41a1c")], others=[], other_colour="#999")
    assert type(out) is str
    assert ("<b>" + out).startswith("<b><div")


def test_every_template_file_has_no_blank_line_when_rendered_whole():
    names = sorted(p.name for p in H.TEMPLATES.glob("*.html.j2"))
    assert "panel.html.j2" in names and "timeline.html.j2" in names
    for name in names:
        src = (H.TEMPLATES / name).read_text(encoding="utf-8")
        assert "\n" not in H.OneLine(H._ENV).preprocess(src, name)


def test_static_css_is_read_once_and_is_css():
    css = H.static_text("panel.css")
    assert H.static_text("panel.css") is css
    assert ".atlas-panel {" in css and "<" not in css
    assert ".atlas-tl-chart {" in H.static_text("timeline.css")
