"""The dashboard's filters: one frozen value, and what it lets through."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geo.records.filters import WINDOW_LABELS, WINDOWS, Filters, select
from geo.records.vocab import EVENT_TYPES, STATUSES

CLAIMANTS = ("SDF", "AFP", "Syrian Observatory for Human Rights", "Raqqa Is Being Slaughtered Silently")
OUTLETS = ("AFP", "Reuters", "The New Arab")
D0 = dt.date(2017, 5, 20)


@st.composite
def reports(draw) -> dict:
    start = D0 + dt.timedelta(days=draw(st.integers(0, 60)))
    end = start + dt.timedelta(days=draw(st.integers(0, 10)))
    return {
        "event_type": draw(st.sampled_from(EVENT_TYPES)),
        "status": draw(st.sampled_from(STATUSES)),
        "claimed_by": draw(st.sampled_from(CLAIMANTS)),
        "outlet": draw(st.sampled_from(OUTLETS)),
        "civilian_harm": draw(st.booleans()),
        "date_start": start.isoformat(),
        "date_end": end.isoformat(),
    }


def subset(values: tuple[str, ...]):
    return st.lists(st.sampled_from(values), unique=True).map(tuple)


days = st.integers(0, 70).map(lambda n: (D0 + dt.timedelta(days=n)).isoformat())


@st.composite
def filters(draw) -> Filters:
    return Filters(
        day=draw(days),
        window=draw(st.sampled_from(WINDOWS)),
        types=draw(subset(EVENT_TYPES)),
        claimants=draw(subset(CLAIMANTS)),
        outlets=draw(subset(OUTLETS)),
        statuses=draw(subset(STATUSES)),
        civilians_only=draw(st.booleans()),
    )


def ids(rs: list[dict]) -> set[int]:
    return {id(r) for r in rs}


def test_filters_are_hashable_and_frozen():
    f = Filters(day="2017-06-11")
    assert hash(f) == hash(Filters(day="2017-06-11")) and f == Filters(day="2017-06-11")
    assert {f: 1}[Filters(day="2017-06-11")] == 1  # usable as a cache key
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.day = "2017-06-12"  # type: ignore[misc]
    with pytest.raises(TypeError):
        Filters("2017-06-11")  # type: ignore[call-arg]  # keyword-only


def test_default_filters_let_every_type_and_status_through():
    f = Filters(day="2017-06-11")
    assert (f.window, f.types, f.statuses, f.claimants, f.outlets, f.civilians_only) == (
        "upto",
        EVENT_TYPES,
        STATUSES,
        (),
        (),
        False,
    )


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"day": "2017-06-11", "window": "month"}, ValueError),
        ({"day": "11 June 2017"}, ValueError),
        ({"day": "2017-06-11", "types": ["air_strike"]}, TypeError),
    ],
)
def test_bad_filters_are_refused(kwargs, error):
    with pytest.raises(error):
        Filters(**kwargs)


def test_every_window_has_a_label():
    assert set(WINDOW_LABELS) == {"upto", "day", "week", "all"}
    assert all(WINDOW_LABELS.values())


@given(st.lists(reports(), max_size=30), filters())
def test_select_keeps_order_and_only_what_matches(rs, f):
    out = select(rs, f)
    assert [r for r in rs if id(r) in ids(out)] == out  # a subsequence, the reports themselves
    for r in out:
        assert r["event_type"] in f.types and r["status"] in f.statuses
        assert not f.claimants or r["claimed_by"] in f.claimants
        assert not f.outlets or r["outlet"] in f.outlets
        assert r["civilian_harm"] or not f.civilians_only


@given(st.lists(reports(), max_size=30), filters(), st.data())
def test_select_is_monotone_in_each_filter(rs, f, data):
    """Widening any one filter never drops a report."""
    wider = [
        dataclasses.replace(f, types=EVENT_TYPES),
        dataclasses.replace(f, statuses=STATUSES),
        dataclasses.replace(f, claimants=()),
        dataclasses.replace(f, outlets=()),
        dataclasses.replace(f, civilians_only=False),
        dataclasses.replace(f, window="all"),
    ]
    if f.claimants:
        wider.append(dataclasses.replace(f, claimants=tuple({*f.claimants, data.draw(st.sampled_from(CLAIMANTS))})))
    if f.outlets:
        wider.append(dataclasses.replace(f, outlets=tuple({*f.outlets, data.draw(st.sampled_from(OUTLETS))})))
    narrow = ids(select(rs, f))
    for w in wider:
        assert narrow <= ids(select(rs, w)), w


@given(st.lists(reports(), max_size=30), filters())
def test_windows_nest(rs, f):
    """day ⊆ week ⊆ up to ⊆ all, on the same day."""
    got = [ids(select(rs, dataclasses.replace(f, window=w))) for w in ("day", "week", "upto", "all")]
    assert got[0] <= got[1] <= got[2] <= got[3]


@given(reports(), days)
def test_window_semantics_on_date_ranges(r, day):
    def shown(window: str) -> bool:
        return bool(select([r], Filters(day=day, window=window, types=EVENT_TYPES, statuses=STATUSES)))

    d = dt.date.fromisoformat(day)
    start, end = dt.date.fromisoformat(r["date_start"]), dt.date.fromisoformat(r["date_end"])
    assert shown("all")
    assert shown("upto") == (start <= d)  # begun by the day
    assert shown("day") == (start <= d <= end)  # the day falls in its range
    assert shown("week") == (start <= d and end >= d - dt.timedelta(days=6))  # overlaps the 7 days


def test_select_on_the_curated_reports(gz):
    from geo.records.incidents import curated_reports

    rs = curated_reports(gz=gz)
    everything = select(rs, Filters(day="2017-06-11", window="all"))
    assert everything == rs
    strikes = select(rs, Filters(day="2017-06-11", window="all", types=("air_strike",)))
    assert 0 < len(strikes) < len(rs) and {r["event_type"] for r in strikes} == {"air_strike"}
    on_day = select(rs, Filters(day="2017-06-06", window="day"))
    assert on_day and all(r["date_start"] <= "2017-06-06" <= r["date_end"] for r in on_day)


@given(st.lists(reports(), max_size=30), filters(), days)
def test_whole_period_ignores_the_day(rs, f, other_day):
    whole = f.whole_period()
    assert whole.window == "all" and whole == dataclasses.replace(f, day=other_day).whole_period()
    assert select(rs, whole) == select(rs, dataclasses.replace(f, window="all"))
