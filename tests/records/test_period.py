"""geo.records.period: the days with reports, the framed period, stepping between days."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

import gazetteer
from geo.records.incidents import curated_reports
from geo.records.layers import reporting_period
from geo.records.period import framed_period, report_days, shift_day, step_to_report_day, widen_to


@pytest.fixture(scope="module")
def seeds() -> list[dict]:
    return curated_reports(gz=gazetteer.load())


def test_the_seed_frame_holds_the_battle_weeks_not_the_whole_year(seeds):
    whole = reporting_period(seeds)
    first, last = framed_period(seeds, within=whole)
    days = (dt.date.fromisoformat(last) - dt.date.fromisoformat(first)).days + 1
    whole_days = (dt.date.fromisoformat(whole[1]) - dt.date.fromisoformat(whole[0])).days + 1
    assert days * 5 < whole_days  # a few weeks out of ten months
    assert first <= "2017-06-06" <= "2017-06-11" <= last  # the SDF's entry into the city is inside
    inside = sum(1 for r in seeds if first <= r["date_start"] <= last)
    assert inside >= 0.75 * len(seeds)


def test_stepping_between_seed_report_days(seeds):
    days = report_days(seeds)
    assert step_to_report_day(days, "2017-06-11", -1) == max(d for d in days if d < "2017-06-11")
    assert step_to_report_day(days, days[-1], 1) is None
    assert step_to_report_day(days, days[0], -1) is None
    assert step_to_report_day(days, days[0], 1) == days[1]


day_strategy = st.dates(dt.date(2016, 1, 1), dt.date(2018, 12, 31)).map(dt.date.isoformat)


@given(st.lists(day_strategy, min_size=1, max_size=60), st.floats(0.05, 1.0), st.integers(0, 5))
def test_the_frame_is_the_shortest_run_holding_the_share(starts, share, pad):
    reports = [{"date_start": d} for d in starts]
    first, last = framed_period(reports, share=share, pad_days=pad)
    lo = dt.date.fromisoformat(first) + dt.timedelta(days=pad)
    hi = dt.date.fromisoformat(last) - dt.timedelta(days=pad)
    ds = sorted(dt.date.fromisoformat(d) for d in starts)
    need = -(-len(ds) * share // 1)
    assert sum(1 for d in ds if lo <= d <= hi) >= need
    # no shorter run of days holds as many
    for i in range(len(ds)):
        for j in range(i, len(ds)):
            if j - i + 1 >= need:
                assert (ds[j] - ds[i]) >= (hi - lo)


@given(st.lists(day_strategy, min_size=1, max_size=30), day_strategy)
def test_steps_land_on_the_nearest_report_day(starts, day):
    days = report_days({"date_start": d} for d in starts)
    nxt, prev = step_to_report_day(days, day, 1), step_to_report_day(days, day, -1)
    assert nxt is None or (nxt > day and not any(day < d < nxt for d in days))
    assert prev is None or (prev < day and not any(prev < d < day for d in days))
    assert (nxt is None) == all(d <= day for d in days)


@given(day_strategy, st.integers(-400, 400))
def test_shift_stays_in_the_period(day, n):
    period = ("2017-05-20", "2017-06-12")
    moved = shift_day(day, n, period=period)
    assert period[0] <= moved <= period[1]
    assert widen_to(period, day)[0] <= day <= widen_to(period, day)[1]


def test_bad_arguments_say_what_was_expected():
    with pytest.raises(ValueError, match="share"):
        framed_period([{"date_start": "2017-06-01"}], share=0)
    with pytest.raises(ValueError, match="no report"):
        framed_period([])
    assert framed_period([], within=("2017-01-01", "2017-02-01")) == ("2017-01-01", "2017-02-01")
    with pytest.raises(ValueError, match="step"):
        step_to_report_day(["2017-06-01"], "2017-06-01", 2)
