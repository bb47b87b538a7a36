"""The timeline charts: counts from the curated reports and the bars drawn from them (no browser)."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from html.parser import HTMLParser

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geo.records.incidents import curated_reports
from geo.web import webmap as W
from geo.web.timeline import TIMELINE_CSS, bars_html, daily_counts, nice_ticks, timeline_html


@pytest.fixture(scope="module")
def reports(gz):
    return curated_reports(gz=gz)


class _Parse(HTMLParser):
    """Collects bar segments and checks that every tag is closed in order."""

    VOID = {"br", "img", "hr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.bars: list[tuple[float, str, str]] = []
        self.marks: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag not in self.VOID:
            self.stack.append(tag)
        if "atlas-tl-bar" in (a.get("class") or ""):
            style = dict(kv.split(":", 1) for kv in a["style"].split(";"))
            self.bars.append((float(style["height"].rstrip("%")), style["background"], a["title"]))
        if "atlas-tl-mark" in (a.get("class") or ""):
            self.marks.append(a["title"])

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()


def parse(html: str) -> _Parse:
    p = _Parse()
    p.feed(html)
    p.close()
    assert not p.stack, f"unclosed: {p.stack}"
    return p


def bars(html: str) -> list[tuple[float, str, str]]:
    """(height in %, colour, tooltip) of every bar segment."""
    return parse(html).bars


def test_counts_add_up_to_the_curated_reports(reports):
    c = daily_counts(reports)
    assert sum(cell["reports"] for d in c.values() for cell in d.values()) == len(reports)
    deaths = sum((r.get("deaths_best") or r.get("deaths_low") or 0) for r in reports)
    assert sum(cell["deaths"] for d in c.values() for cell in d.values()) == deaths
    assert list(c) == sorted(c)


def test_mishlab_capture_day_is_counted_by_type(reports):
    c = daily_counts(reports)
    on_7_june = [r for r in reports if r["date_start"] == "2017-06-07"]
    assert on_7_june, "expected curated reports dated 7 June 2017"
    for t in {r["event_type"] for r in on_7_june}:
        assert c["2017-06-07"][t]["reports"] == sum(r["event_type"] == t for r in on_7_june)


def test_every_report_is_one_bar_unit_with_a_tooltip(reports):
    c = daily_counts(reports)
    html = bars_html(c, metric="reports", colours=W.EVENT_COLOURS, day="2017-06-11")
    segs = bars(html)
    n = sum(int(re.search(r": ([\d,]+) report", t).group(1).replace(",", "")) for _, _, t in segs)
    assert n == len(reports)
    fills = {f for _, f, _ in segs}
    assert fills <= {col for _, col in W.EVENT_COLOURS.values()}
    # a bar's height is proportional to its count
    per_unit = {round(h / int(re.search(r": (\d+)", t).group(1)), 3) for h, _, t in segs}
    assert len(per_unit) == 1


def test_chosen_day_is_marked_and_outside_days_are_not(reports):
    c = daily_counts(reports)
    assert parse(bars_html(c, metric="reports", colours=W.EVENT_COLOURS, day="2017-06-11")).marks == [
        "Chosen day: Sun 11 Jun 2017"]
    assert parse(bars_html(c, metric="reports", colours=W.EVENT_COLOURS, day="2030-01-01")).marks == []


def test_deaths_chart_counts_claims_not_reports(reports):
    c = daily_counts(reports)
    html = bars_html(c, metric="deaths", colours=W.EVENT_COLOURS)
    total = sum(int(re.search(r": ([\d,]+) death", t).group(1).replace(",", "")) for _, _, t in bars(html))
    assert total == sum((r.get("deaths_best") or r.get("deaths_low") or 0) for r in reports) > 0


def test_untrusted_type_names_are_escaped():
    c = daily_counts([{"date_start": "2017-06-08", "event_type": "<script>alert(1)</script>"}])
    html = timeline_html(c, metric="reports", colours=W.EVENT_COLOURS, title="T <b>")
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html
    parse(html)  # still well-formed
    assert "\n\n" not in html  # one raw-HTML block for a Markdown renderer


@pytest.mark.parametrize("bad", [
    {"date_start": None, "event_type": "air_strike"},
    {"date_start": "June 2017", "event_type": "air_strike"},
    {"date_start": "2017-13-40", "event_type": "air_strike"},
    {"event_type": "air_strike"},
])
def test_undatable_reports_are_left_out(bad):
    assert daily_counts([bad]) == {}


@pytest.mark.parametrize("kwargs, match", [
    ({"metric": "casualties"}, r"metric: expected one of \['deaths', 'reports'\], got 'casualties'"),
    ({"metric": "reports", "day": "11 June"}, r"expected ISO dates .*got period=None, day='11 June'"),
    ({"metric": "reports", "period": ("2017-06-01", "soon")}, r"expected ISO dates"),
])
def test_bad_arguments_say_what_was_expected(kwargs, match):
    with pytest.raises(ValueError, match=match):
        bars_html({}, colours=W.EVENT_COLOURS, **kwargs)


def test_empty_counts_still_draw_an_axis():
    html = bars_html({}, metric="reports", colours=W.EVENT_COLOURS, period=("2017-06-01", "2017-06-30"))
    assert bars(html) == []
    assert "1 Jun 2017" in html


@given(st.floats(min_value=0.01, max_value=1e7, allow_nan=False))
def test_ticks_cover_the_top_in_round_steps(top):
    t = nice_ticks(top)
    assert t[0] == 0 and t[-1] >= top
    step = t[1] - t[0]
    assert all(b - a == step for a, b in itertools.pairwise(t))
    assert len(t) <= 7
    assert int(str(step).rstrip("0") or "0") in (1, 2, 5)


@given(st.dictionaries(
    st.dates(min_value=dt.date(2016, 1, 1), max_value=dt.date(2018, 12, 31)).map(str),
    st.dictionaries(st.sampled_from([*W.EVENT_COLOURS, "odd<type>"]),
                    st.fixed_dictionaries({"reports": st.integers(0, 500), "deaths": st.integers(0, 5000)}),
                    max_size=3),
    max_size=40))
def test_any_counts_give_well_formed_bars(counts):
    html = bars_html(counts, metric="reports", colours=W.EVENT_COLOURS, day="2017-06-11")
    segs = bars(html)
    assert all(0 <= h <= 100 for h, _, _ in segs)
    assert len(segs) == sum(1 for d in counts.values() for c in d.values() if c["reports"])


def test_a_second_chart_can_leave_the_shared_styles_to_the_first():
    c = daily_counts([{"date_start": "2017-06-08", "event_type": "air_strike"}])
    first = timeline_html(c, metric="reports", colours=W.EVENT_COLOURS, title="A")
    second = timeline_html(c, metric="reports", colours=W.EVENT_COLOURS, title="A", with_css=False)
    assert first.count("<style>") == 1 and "<style>" not in second
    assert first.replace(TIMELINE_CSS, "") == second


# HTML, Jinja2 and Markdown syntax the chart must print, never obey; with plain text around it.
PIECES = ["<script>window.__xss=1</script>", "{{ 7*7 }}", "{% raw %}", "{#", '"', "'", "**bold**",
          "[x](javascript:alert(1))", "`x`", "$x$", ":red[x]", "&amp;", "\n\n", "<!--", "_u_", "~|!\\#"]
hostile = st.lists(st.sampled_from(PIECES) | st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=5),
                   min_size=1, max_size=5).map("".join)


class _Text(HTMLParser):
    """The text a reader sees, and every tag."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)

    def handle_data(self, data):
        self.text.append(data)


@given(title=hostile, label=hostile, odd_type=hostile.filter(lambda t: t != "air_strike"))
def test_hostile_title_labels_and_type_names_stay_inert(title, label, odd_type):
    from geo.web.html import esc

    c = daily_counts([{"date_start": "2017-06-08", "event_type": "air_strike"},
                      {"date_start": "2017-06-09", "event_type": odd_type}])
    html = timeline_html(c, metric="reports", colours={"air_strike": (label, "#e41a1c")}, title=title,
                         day="2017-06-08", with_css=False)
    parse(html)  # well-formed: every tag ours and closed in order
    seen = _Text()
    seen.feed(html.replace("<br>", "\n"))
    assert seen.tags <= {"div", "span", "h4"}
    text = "".join(seen.text)
    for v in (title, label, odd_type):
        if v.strip():
            assert v in text  # shown as text (legend and heading), not read as markup or a template
            assert esc(v) in html
    bare = re.sub(r"&#x?[0-9a-fA-F]+;|&[a-z]+;", "", re.sub(r"<[^>]*>", "", html))
    assert not set("*`${}~|\\_!") & set(bare)
    assert "\n" not in html  # one raw-HTML block for a Markdown renderer
