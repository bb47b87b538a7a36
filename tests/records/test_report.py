"""The typed report: today's dicts round-trip exactly; bad values are named, all at once."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geo.exc import CuratedDataError
from geo.extraction.extract import extract_text
from geo.records.articles import articles_by_id
from geo.records.incidents import curated_reports, to_feature
from geo.records.report import CURATED_KEYS, EXTRACTED_KEYS, ORIGINS, Report, iso_date
from geo.records.vocab import DATE_PRECISIONS, EVENT_TYPES, EXTENTS, GEOMETRY_QUALITY_LABELS, STATUSES

SOURCE = "test reports"


@pytest.fixture(scope="module")
def curated(gz) -> list[dict]:
    return curated_reports(gz=gz)


@pytest.fixture(scope="module")
def extracted(gz) -> list[dict]:
    return [
        r
        for a in articles_by_id().values()
        for r in extract_text(
            a.text, article_id=a.id, published=(a.published_earliest, a.published_latest), outlet=a.outlet, gz=gz
        )
    ]


# --- real data round-trips ----------------------------------------------------


def test_every_curated_report_round_trips_keys_in_order(curated):
    assert len(curated) >= 70
    for d in curated:
        back = Report.from_dict(d, source=SOURCE).to_dict()
        assert back == d and list(back) == list(d) == list(CURATED_KEYS), d["id"]


def test_every_extracted_report_round_trips_keys_in_order(extracted):
    assert len(extracted) >= 50
    for d in extracted:
        back = Report.from_dict(d, source=SOURCE).to_dict()
        assert back == d and list(back) == list(d) == list(EXTRACTED_KEYS), d["id"]


def test_the_feature_of_a_report_is_the_feature_of_its_dict(curated, extracted):
    feats = [Report.from_dict(d, source=SOURCE).to_feature() for d in curated + extracted]
    assert feats == [to_feature(d) for d in curated + extracted]
    assert any(f["geometry"] is None for f in feats) and any(f["geometry"] for f in feats)


def test_derived_codes_and_properties(curated):
    for d in curated:
        r = Report.from_dict(d, source=SOURCE)
        assert r.has_point == (d["lat"] is not None)
        assert r.has_deaths == any(d[k] is not None for k in ("deaths_low", "deaths_best", "deaths_high"))
        assert r.start.isoformat() == d["date_start"] and r.end >= r.start
        assert (r.acled_event_type, r.time_precision, r.date_prec) == (
            d["acled_event_type"],
            d["time_precision"],
            d["date_prec"],
        )


def test_a_report_is_frozen(curated):
    r = Report.from_dict(curated[0], source=SOURCE)
    with pytest.raises(AttributeError):
        r.status = "confirmed"  # type: ignore[misc]


# --- invalid values -----------------------------------------------------------


def _not_in(codes) -> st.SearchStrategy:
    return st.text(max_size=12).filter(lambda x: x not in codes)


_NOT_COUNT = st.integers(max_value=-1) | st.floats(allow_nan=False) | st.text(max_size=5) | st.booleans()
_NOT_BOOL = st.integers() | st.text(max_size=5) | st.none()
_NOT_TEXT = st.integers() | st.floats(allow_nan=False) | st.lists(st.text(max_size=3), max_size=2)
_NOT_DATE = st.text(max_size=12).filter(lambda x: iso_date(x) is None) | st.integers() | st.none()

#: a field and values it must never hold
INVALID: dict[str, st.SearchStrategy] = {
    "event_type": _not_in(EVENT_TYPES),
    "status": _not_in(STATUSES),
    "date_precision": _not_in(DATE_PRECISIONS),
    "origin": _not_in(ORIGINS),
    "date_start": _NOT_DATE,
    "date_end": _NOT_DATE,
    "span_start": st.integers(max_value=-1) | st.text(max_size=5) | st.booleans(),
    "deaths_low": _NOT_COUNT,
    "deaths_best": _NOT_COUNT,
    "injured_high": _NOT_COUNT,
    "geo_precision": st.integers().filter(lambda x: x not in (1, 2, 3)) | st.text(max_size=3),
    "civilian_harm": _NOT_BOOL,
    "reviewed": _NOT_BOOL,
    "quote": st.integers() | st.none(),
    "claimed_by": st.integers() | st.none(),
    "actor": _NOT_TEXT,
    "control_extent": st.text(max_size=12).filter(lambda x: x not in EXTENTS),
    "place_geometry_quality": _not_in(GEOMETRY_QUALITY_LABELS) | st.integers(),
    "lat": st.floats().filter(lambda x: not -90 <= x <= 90) | st.text(max_size=3),
    "lon": st.floats().filter(lambda x: not -180 <= x <= 180) | st.text(max_size=3),
    "acled_event_type": st.text(max_size=12),  # never the one derived from event_type ("Battles" has 7 letters...)
    "places_mentioned": st.integers() | st.lists(st.integers(), min_size=1, max_size=2),
}


def _named(problems: list[str], rid: str, field: str, value) -> bool:
    """Some problem names the record, the field, what was expected and what was found."""
    head = f"record {rid!r}: {field}: expected "
    found = "found nan" if isinstance(value, float) and math.isnan(value) else f"found {value!r}"
    return any(p.startswith(head) and p.endswith(found) for p in problems)


@given(data=st.data())
def test_an_invalid_value_is_rejected_naming_field_expected_found(curated, data):
    d = dict(data.draw(st.sampled_from(curated)))
    field = data.draw(st.sampled_from(sorted(INVALID)))
    value = data.draw(INVALID[field])
    if field == "acled_event_type" and value == d["acled_event_type"]:
        return  # the one right answer
    d[field] = value
    with pytest.raises(CuratedDataError) as e:
        Report.from_dict(d, source=SOURCE)
    assert e.value.source == SOURCE and str(e.value).startswith(SOURCE)
    assert _named(e.value.problems, d["id"], field, value), e.value.problems


@given(data=st.data())
def test_every_bad_field_of_a_record_is_reported_together(extracted, data):
    d = dict(data.draw(st.sampled_from(extracted)))
    fields = data.draw(
        st.lists(st.sampled_from(sorted(set(INVALID) - {"acled_event_type"})), min_size=2, max_size=6, unique=True)
    )
    values = {f: data.draw(INVALID[f]) for f in fields}
    d.update(values)
    with pytest.raises(CuratedDataError) as e:
        Report.from_dict(d, source=SOURCE)
    for f, v in values.items():
        assert _named(e.value.problems, d["id"], f, v), (f, e.value.problems)


def test_cross_field_rules(curated):
    toll = next(d for d in curated if d["deaths_low"] is not None)
    t = next(d for d in curated if d["event_type"] == "territory_change")
    cases = [
        (dict(toll, deaths_high=toll["deaths_low"] - 1), "deaths_high: expected at least deaths_low"),
        (dict(toll, date_end="2017-01-01"), "date_end: expected a date on or after date_start"),
        (
            dict(toll, date_precision="day", date_start="2017-06-01", date_end="2017-06-02"),
            "date_precision: expected 'range' when start and end differ",
        ),
        (dict(t, control_extent=None), "control_extent: expected one of entered"),
        (dict(t, control_actor=""), "control_actor: expected who took"),
        (dict(toll, lat=None, lon=38.9), "lat: expected a value when the other coordinate has one"),
        (dict(toll, time_precision=9), "time_precision: expected"),
        (dict(toll, casualties=3), "casualties: expected a field of a report"),
        ({k: v for k, v in toll.items() if k != "claimed_by"}, "claimed_by: expected a value, found None"),
    ]
    for d, message in cases:
        with pytest.raises(CuratedDataError) as e:
            Report.from_dict(d, source=SOURCE)
        assert any(message in p for p in e.value.problems), (message, e.value.problems)


@given(low=st.integers(0, 10**6), extra=st.lists(st.integers(0, 10**6), min_size=2, max_size=2))
def test_any_ordered_toll_is_accepted(curated, low, extra):
    d = dict(curated[0], deaths_low=low, deaths_best=low + extra[0], deaths_high=low + extra[0] + extra[1])
    assert Report.from_dict(d, source=SOURCE).to_dict() == d
