"""The dashboard's cached data: thin ``st.cache_resource`` wrappers around pure functions, and the warm-up.

They live in a module (not in ``dashboard.py``) so that the server can fill the
same caches before the first visitor arrives (:func:`warm_up`, run by
``serve.py`` at start-up): Streamlit keys a cached function by its module,
name and source, so a call here at start-up and the dashboard's call in a
session hit one entry. Every input is an argument (the environment, the
uploads' key, one frozen :class:`~geo.records.filters.Filters`); the values are
shared by every session and must never be mutated.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import time

import streamlit as st

import gazetteer
from geo.records.filters import Filters, select
from geo.records.layers import reporting_period
from geo.records.vocab import STATUSES
from geo.settings import Environment, from_environment
from geo.web import mapview
from geo.web import webmap as W

LOG = logging.getLogger(__name__)

#: The day a visitor without a link sees first (the SDF inside the city, the seeds' busiest week).
DEFAULT_DAY = dt.date(2017, 6, 11)
DEFAULT_VIEW = "city"


@dataclasses.dataclass(frozen=True)
class StoreEnvironment(Environment):
    """The environment plus the review store's version (None: no store): the caches' key, new after every write."""

    store_version: int | None = None


def environment() -> tuple[StoreEnvironment, Exception | None]:
    """This run's environment with the store's version, and the error if the store could not be opened.

    Without a store the map still shows the curated file; the page says what failed.
    """
    from app import review as RV

    base = dataclasses.asdict(from_environment())
    try:
        return StoreEnvironment(**base, store_version=RV.store_key()), None
    except Exception as e:  # noqa: BLE001 - any failure to open the store falls back to the curated file
        return StoreEnvironment(**base), e


def _with_store(env: Environment) -> bool:
    return isinstance(env, StoreEnvironment) and env.store_version is not None


@st.cache_resource(show_spinner=False)
def load_gazetteer(path: str | None) -> gazetteer.Gazetteer:
    return gazetteer.load(path)


@st.cache_resource(show_spinner=False, max_entries=4)
def atlas_gazetteer(env: Environment) -> gazetteer.Gazetteer:
    """The places the atlas draws and picks from: the shipped gazetteer (or ``env``'s), plus those reviewers
    added to the store (``env`` holds the store's version, so an addition makes a new one)."""
    if _with_store(env) and env.gazetteer is None:
        from app import review as RV

        return RV.store().gz
    return load_gazetteer(env.gazetteer)


@st.cache_resource(show_spinner=False, max_entries=4)
def atlas_places_fc(env: Environment) -> dict:
    """:func:`atlas_gazetteer` as GeoJSON (the places layer and its export)."""
    return atlas_gazetteer(env).to_geojson()


@st.cache_resource(show_spinner=False)
def load_countries_fc() -> dict:
    from geo.web.basemap import load_countries

    return load_countries()


@st.cache_resource(show_spinner=False)
def load_articles() -> dict:
    from geo.records.articles import articles_by_id

    return articles_by_id()


@st.cache_resource(show_spinner="Loading the reports…", max_entries=4)
def load_reports(env: Environment) -> list[dict]:
    """The store's curated and accepted reports, then its candidates (unreviewed), + generated ones when asked.

    Without a store (it could not be opened), the curated file. Read-only: never mutate.
    """
    gz = load_gazetteer(env.gazetteer)
    if _with_store(env):
        from app import review as RV

        reports = RV.store_reports(RV.store())
    else:
        from geo.records.incidents import curated_reports

        reports = curated_reports(gz=gz, curated=env.incidents)
    if env.synthetic:
        from geo.records.synthetic import synthetic_reports

        reports = reports + synthetic_reports(gz, env.synthetic, last_day=reporting_period(reports)[1])
    return reports


@st.cache_resource(show_spinner=False, max_entries=4)
def load_grades(env: Environment) -> dict[str, tuple[str | None, str | None]]:
    """The reviewers' grades of events (``event_id -> (grade, why)``); none without a store."""
    if not _with_store(env):
        return {}
    from app import review as RV

    return RV.store().event_grades()


@st.cache_resource(show_spinner=False)
def control_fc(env: Environment, day: str) -> dict:
    """Control of every covered place on ``day``, from reviewed reports only (never candidates or generated ones)."""
    from geo.records.layers import control_features

    reviewed = [r for r in load_reports(dataclasses.replace(env, synthetic=0)) if r.get("reviewed", True)]
    return control_features(atlas_gazetteer(env), reviewed, day)


@st.cache_resource(show_spinner=False, max_entries=64)
def shown_reports(env: Environment, upload_key: tuple, _uploads: tuple, filters: Filters) -> list[dict]:
    """The reports the filters let through (curated, generated and uploaded).

    The uploads are keyed by ``upload_key`` (each upload's content digest and the options it was
    extracted with); ``_uploads`` itself is left out of Streamlit's hashing, which walked every
    report of every upload on every call (minutes for one 2 MB article).
    """
    return select([*load_reports(env), *(r for u in _uploads for r in u["reports"])], filters)


@st.cache_resource(show_spinner="Drawing the map…", max_entries=24)
def map_page(
    env: Environment, upload_key: tuple, _uploads: tuple, filters: Filters, view: str, tiles: bool, labels: bool
) -> str:
    """The map as one full HTML page, rendered once per map (every visitor of that map shares it)."""
    fmap = mapview.build_map(
        shown_reports(env, upload_key, _uploads, filters), gz=atlas_gazetteer(env),
        places_fc=atlas_places_fc(env), countries_fc=load_countries_fc(),
        control_fc=control_fc(env, filters.day), view=view, day=filters.day, tiles=tiles, labels=labels,
    )
    return fmap.get_root().render()


@st.cache_resource(show_spinner=False, max_entries=64)
def timeline_counts(env: Environment, upload_key: tuple, _uploads: tuple, filters: Filters) -> dict:
    """Reports and claimed deaths per day by type (whole period, filters applied). Read-only."""
    from geo.web.timeline import daily_counts

    return daily_counts(shown_reports(env, upload_key, _uploads, filters.whole_period()))


def default_filters(day: str) -> Filters:
    """The filters of a first visit on ``day``: the dashboard's widgets start from these values."""
    return Filters(day=day, types=tuple(W.EVENT_COLOURS), statuses=tuple(STATUSES))


def default_day(period: tuple[str, str]) -> dt.date:
    """:data:`DEFAULT_DAY`, kept inside the reporting ``period``."""
    p0, p1 = dt.date.fromisoformat(period[0]), dt.date.fromisoformat(period[1])
    return min(max(DEFAULT_DAY, p0), p1)


def warm_up(env: Environment) -> float:
    """Fill the caches a first visit needs (data, control, the default map, the timeline); seconds taken.

    Run once at server start-up, before the first visitor (``serve.py``): the
    imports, the data loading and the first map's render otherwise fall on them.
    """
    t0 = time.perf_counter()
    reports = load_reports(env)
    atlas_places_fc(env)
    load_countries_fc()
    day = default_day(reporting_period(reports)).isoformat()
    filters = default_filters(day)
    shown_reports(env, (), (), filters)
    timeline_counts(env, (), (), filters)
    map_page(env, (), (), filters, DEFAULT_VIEW, False, True)
    import geo.web.panel  # noqa: F401 - the page's other imports, paid here rather than by the first visitor
    import geo.web.timeline  # noqa: F401
    import geo.web.views  # noqa: F401

    took = time.perf_counter() - t0
    LOG.info("warm-up: data, control on %s and the default map ready in %.2f s", day, took)
    return took
