"""Raqqa incident atlas: the Streamlit dashboard.

Start it from the repository root: ``./run dashboard`` (or
``uv run streamlit run dashboard.py``).

This file only arranges widgets. Everything it shows is computed by pure
functions in ``geo/`` and ``gazetteer/`` (which never import Streamlit),
called through thin ``st.cache_data`` / ``st.cache_resource`` wrappers. Their
inputs are hashable values: the environment (:class:`geo.settings.Environment`),
the uploads, and the filters as one frozen :class:`geo.records.filters.Filters`;
so a rerun (a click, a filter) costs little and panning or zooming the map
costs nothing (the map component, :mod:`app.map_component`, reports only clicks).

Hidden options (environment variables, read by :func:`geo.settings.from_environment`):

``ATLAS_GAZETTEER``            another gazetteer file (default: the shipped one)
``ATLAS_INCIDENTS``            another curated incidents file (default: ``geo/data/incidents.json``)
``ATLAS_SYNTHETIC_INCIDENTS``  add this many generated incidents spread over
                               Raqqa's districts (for benchmarks; never real data)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections import Counter

import streamlit as st

st.set_page_config(page_title="Raqqa incident atlas", page_icon="🗺️", layout="wide")

import gazetteer  # noqa: E402
from app import review as RV  # noqa: E402
from app.map_component import map_component  # noqa: E402
from geo.records.filters import WINDOW_LABELS, Filters, select  # noqa: E402
from geo.records.layers import fc, place_scope, reporting_period, reports_at  # noqa: E402
from geo.records.synthetic import SYNTHETIC_ARTICLE_ID  # noqa: E402
from geo.records.vocab import STATUSES  # noqa: E402
from geo.settings import Environment, from_environment  # noqa: E402
from geo.web import mapview  # noqa: E402
from geo.web import panel as P  # noqa: E402
from geo.web import webmap as W  # noqa: E402
from geo.web.views import VIEW_LABELS, place_choices  # noqa: E402

MAP_HEIGHT = 640
PANEL_MAX_EVENTS = 40



@dataclasses.dataclass(frozen=True)
class StoreEnvironment(Environment):
    """The environment plus the review store's version (None: no store): the caches' key, new after every write."""

    store_version: int | None = None


try:
    ENV = StoreEnvironment(**dataclasses.asdict(from_environment()), store_version=RV.store_key())
    STORE_ERROR = None
except Exception as e:  # noqa: BLE001 - the map still shows the curated file; the page says what failed
    ENV, STORE_ERROR = StoreEnvironment(**dataclasses.asdict(from_environment())), e
TYPE_LABELS = {k: v[0] for k, v in W.EVENT_COLOURS.items()}


# ==========================================================================
# Cached loading (every input is an argument)
# ==========================================================================


@st.cache_resource(show_spinner=False)
def load_gazetteer(path: str | None) -> gazetteer.Gazetteer:
    return gazetteer.load(path)


@st.cache_resource(show_spinner=False)
def load_places_fc(path: str | None) -> dict:
    return load_gazetteer(path).to_geojson()


@st.cache_resource(show_spinner=False)
def load_countries_fc() -> dict:
    from geo.web.basemap import load_countries

    return load_countries()


@st.cache_resource(show_spinner=False)
def load_articles() -> dict:
    from geo.records.articles import articles_by_id

    return articles_by_id()


@st.cache_resource(show_spinner="Loading the curated reports…", max_entries=4)
def load_reports(env: Environment) -> list[dict]:
    """The store's accepted and curated reports, then its candidates (unreviewed), + generated ones when asked.

    Without a store (it could not be opened), the curated file. Read-only: never mutate.
    """
    gz = load_gazetteer(env.gazetteer)
    if isinstance(env, StoreEnvironment) and env.store_version is not None:
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
    with_store = isinstance(env, StoreEnvironment) and env.store_version is not None
    return RV.store().event_grades() if with_store else {}


@st.cache_resource(show_spinner=False)
def control_fc(env: Environment, day: str) -> dict:
    """Control of every covered place on ``day``, from the curated reports only (never generated ones)."""
    from geo.records.layers import control_features

    reviewed = [r for r in load_reports(dataclasses.replace(env, synthetic=0)) if r.get("reviewed", True)]
    return control_features(load_gazetteer(env.gazetteer), reviewed, day)


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
        shown_reports(env, upload_key, _uploads, filters), gz=load_gazetteer(env.gazetteer),
        places_fc=load_places_fc(env.gazetteer), countries_fc=load_countries_fc(),
        control_fc=control_fc(env, filters.day), view=view, day=filters.day, tiles=tiles, labels=labels,
    )
    return fmap.get_root().render()


@st.cache_data(show_spinner=False, max_entries=64)
def timeline_counts(env: Environment, upload_key: tuple, _uploads: tuple, filters: Filters) -> dict:
    """Reports and claimed deaths per day by type (whole period, filters applied)."""
    from geo.web.timeline import daily_counts

    return daily_counts(shown_reports(env, upload_key, _uploads, filters.whole_period()))


@st.cache_data(show_spinner=False, max_entries=64)
def timeline_charts(counts: dict, day: str, period: tuple[str, str]) -> tuple[str, str]:
    from geo.web.timeline import timeline_html

    reports_chart, deaths_chart = (
        timeline_html(counts, metric=metric, colours=W.EVENT_COLOURS, title=title, day=day, period=period,
                      with_css=i == 0)  # the page's styles are shared: the first chart carries them
        for i, (metric, title) in enumerate((("reports", "Reports per day by type"),
                                             ("deaths", "Reported deaths per day by type (claims; may double-count)")))
    )
    return reports_chart, deaths_chart


@st.cache_data(show_spinner=False, max_entries=32)
def export_texts(kind: str, env: Environment, upload_key: tuple, _uploads: tuple, filters: Filters) -> str:
    from geo.records.events import event_feature, group_events
    from geo.records.export import csv_text, geojson_text
    from geo.records.incidents import to_feature
    from geo.records.review import graded_reports, with_grades

    reports = shown_reports(env, upload_key, _uploads, filters)
    if kind == "incidents":
        return geojson_text(fc([to_feature(r) for r in graded_reports(reports, load_grades(env))]))
    if kind == "events":
        return geojson_text(fc([event_feature(e) for e in with_grades(group_events(reports), load_grades(env))]))
    if kind == "control":
        return geojson_text(control_fc(env, filters.day))
    if kind == "places":
        return geojson_text(load_places_fc(env.gazetteer))
    if kind == "csv":
        return csv_text(graded_reports(reports, load_grades(env)))
    raise ValueError(f"export kind: expected incidents, events, control, places or csv, got {kind!r}")


# ==========================================================================
# Page
# ==========================================================================

st.markdown(
    """<style>
    .block-container { padding-top: 1.2rem; }
    </style>""",
    unsafe_allow_html=True,
)
st.html(P.PANEL_CSS)

st.title("Raqqa incident atlas")
st.caption(
    "The 2017 battle for Raqqa as the news reported it. **Claims, not facts**: every marker is a claim "
    "by a named party in a dated article, placed at the named place's reference point (with its uncertainty), "
    "never at a surveyed impact site. Competing claims stay side by side."
)

try:
    W.require_vendored_assets()
except W.MissingAssetError as e:
    st.error(f"The map cannot be drawn offline: {e}")
    st.stop()

try:
    GZ = load_gazetteer(ENV.gazetteer)
    REPORTS = load_reports(ENV)
except Exception as e:  # noqa: BLE001 - show the data problem instead of a traceback
    st.error(f"The atlas data could not be loaded: {type(e).__name__}: {e}")
    st.info("Expected `gazetteer/data/places.geojson` and `geo/data/incidents.json` (see their README files).")
    st.stop()

if STORE_ERROR is not None:
    st.warning(f"The review store could not be opened ({type(STORE_ERROR).__name__}: {STORE_ERROR}); the map shows "
               "the curated file only, and nothing can be added or reviewed.")
with st.sidebar:
    # the options are their own labels: a bound widget puts its label in the URL (?page=Review)
    PAGE = st.segmented_control("Page", ["Map", "Review"], default="Map", required=True, key="page",
                                bind="query-params")
if PAGE == "Review":
    RV.review_page(gz=GZ, places_fc=load_places_fc(ENV.gazetteer), countries_fc=load_countries_fc(),
                   curated=lambda: [r for r in load_reports(ENV) if r.get("reviewed", True)])
    st.stop()

PERIOD = reporting_period(REPORTS)
P0, P1 = dt.date.fromisoformat(PERIOD[0]), dt.date.fromisoformat(PERIOD[1])
# added articles live in the store (app.review): their candidates are in REPORTS, keyed by ENV.store_version;
# the caches' upload arguments stay empty
UPLOAD_KEY: tuple = ()
UPLOADED: tuple = ()

# -------------------------------------------------------------- sidebar
with st.sidebar:
    st.header("When")
    default_day = min(max(dt.date(2017, 6, 11), P0), P1)
    day = st.slider("Day (control as of this day)", min_value=P0, max_value=P1, value=default_day,
                    step=dt.timedelta(days=1), format="ddd D MMM YYYY", key="day", bind="query-params")
    window = st.radio("Incidents shown", list(WINDOW_LABELS), format_func=WINDOW_LABELS.get, key="window",
                      horizontal=False)
    st.header("Filters")
    all_types = list(W.EVENT_COLOURS)
    types = st.multiselect("Event type", all_types, default=all_types, format_func=TYPE_LABELS.__getitem__,
                           key="f_types")
    claimant_counts = Counter(r["claimed_by"] for r in REPORTS)
    claimants = st.multiselect("Claimant (empty: all)", sorted(claimant_counts), key="f_claimants",
                               format_func=lambda c: f"{c} ({claimant_counts[c]})")
    outlet_counts = Counter(r["outlet"] for r in REPORTS)
    outlets = st.multiselect("Outlet (empty: all)", sorted(outlet_counts), key="f_outlets",
                             format_func=lambda c: f"{c} ({outlet_counts[c]})")
    statuses = st.multiselect("Status", list(STATUSES), default=list(STATUSES), key="f_statuses")
    civilians_only = st.checkbox("Civilian harm only", key="f_civ")
    st.header("Map")
    tiles = st.toggle("OpenStreetMap tiles (needs the internet)", value=False, key="tiles",
                      help="Off: a plain basemap drawn from our own data (city outline, districts, river); "
                           "works offline.")
    labels = st.toggle("District names", value=True, key="labels")

day_s = day.isoformat()
FILTERS = Filters(day=day_s, window=window, types=tuple(types), claimants=tuple(claimants), outlets=tuple(outlets),
                  statuses=tuple(statuses), civilians_only=bool(civilians_only))
shown = shown_reports(ENV, UPLOAD_KEY, UPLOADED, FILTERS)

if "view" not in st.session_state and st.query_params.get("view") in VIEW_LABELS:
    st.session_state["view"] = st.query_params.get("view")  # a shared link names the view
view = st.radio("Quick view", list(VIEW_LABELS), format_func=VIEW_LABELS.get, horizontal=True, key="view")
if view != "city":
    st.query_params["view"] = view
elif "view" in st.query_params:
    del st.query_params["view"]

# -------------------------------------------------------------- control summary
states = [f["properties"] for f in control_fc(ENV, day_s)["features"]]
codes = Counter(s["code"] for s in states)
contested = sorted(s["name"] for s in states if s["code"] == "contested")
taken = sorted(s["name"] for s in states if s["code"] == "sdf")
summary = (
    f"**Control as of {day:%a %-d %b %Y}** (claimed): {codes.get('is', 0)} places held by the Islamic State, "
    f"{codes.get('contested', 0)} contested" + (f" ({', '.join(contested)})" if contested else "")
    + f", {codes.get('sdf', 0)} taken by the SDF" + (f" ({', '.join(taken)})" if taken else "") + "."
)
n_unres = sum(1 for r in shown if r.get("lat") is None)
st.markdown(summary)
st.caption(
    f"{len(shown):,} report(s) shown ({WINDOW_LABELS[window].lower()}), {n_unres} without a mapped place "
    f"(listed below the map). Reporting period {PERIOD[0]} – {PERIOD[1]}."
)

# -------------------------------------------------------------- map + panel
col_map, col_panel = st.columns([5, 3], gap="medium")
with col_map:
    clicked = map_component(map_page(ENV, UPLOAD_KEY, UPLOADED, FILTERS, view, bool(tiles), bool(labels)),
                            key="atlas_map", height=MAP_HEIGHT)
    st.html(P.legend_strip_html(W.CONTROL_STATES, W.EVENT_COLOURS,
                                unreviewed=any(not r.get("reviewed", True) for r in shown)))
    if tiles:
        st.caption("Tiles © OpenStreetMap contributors. With tiles on, the map asks tile.openstreetmap.org for images.")

if clicked:
    props = clicked.get("properties") or {}
    pid = props.get("place_id") or props.get("id")
    click_sig = f"{clicked.get('id')}|{pid}"
    if pid in GZ and st.session_state.get("_last_click") != click_sig:
        st.session_state["_last_click"] = click_sig
        st.session_state["place"] = pid

with col_panel:
    with_reports: Counter[str] = Counter(r["place_id"] for r in REPORTS if r.get("place_id"))
    pick_ids = place_choices(GZ, with_reports)
    if "place" not in st.session_state and st.query_params.get("place") in pick_ids:
        st.session_state["place"] = st.query_params.get("place")  # a shared link names the place
    if st.session_state.get("place") not in (None, "", *pick_ids):
        st.session_state["place"] = None
    place_id = st.selectbox(
        "Place (or click the map)", pick_ids, index=None, key="place",
        placeholder="Choose a district or place…",
        format_func=lambda i: f"{GZ.get(i).name} ({GZ.get(i).kind}) — {with_reports.get(i, 0)} report(s)",
    )
    whole = st.toggle("Whole reporting period in the panel", value=True, key="panel_whole",
                      help="Off: only the reports the map shows (the chosen day and window).")
    if place_id and st.query_params.get("place") != place_id:
        st.query_params["place"] = place_id  # shareable link
    elif not place_id and "place" in st.query_params:
        del st.query_params["place"]
    if place_id:
        pool = shown_reports(ENV, UPLOAD_KEY, UPLOADED, FILTERS.whole_period()) if whole else shown
        rs = reports_at(GZ, pool, place_id)
        place = GZ.get(place_id)
        pinfo = {"name": place.name, "kind": place.kind, "uncertainty_m": place.uncertainty_m,
                 "geometry_quality": place.geometry_quality, "notes": place.notes, "address": GZ.address(place)}
        ctl = next((s for s in states if s["place_id"] == place_id), None)
        subs = sorted(GZ.get(i).name for i in place_scope(GZ, place_id) if i != place_id)
        st.html(P.place_panel_html(pinfo, rs, day=day_s, control=ctl, max_events=PANEL_MAX_EVENTS, sub_places=subs,
                                   grades=load_grades(ENV)))
        art_reports = [r for r in rs if r.get("article_id") not in (None, SYNTHETIC_ARTICLE_ID)][:300]
        if art_reports and st.toggle("Read the full article, sentence highlighted", key="show_article"):
            with st.container(border=True):
                rid = st.selectbox(
                    "Report", [r["id"] for r in art_reports], key="article_report",
                    format_func=lambda i: next(
                        f"{r['date_start']} · {r['outlet']} · {TYPE_LABELS.get(r['event_type'])} · {i}"
                        for r in art_reports if r["id"] == i),
                )
                r = next(r for r in art_reports if r["id"] == rid)
                articles = load_articles()
                stored = RV.stored_article(r["article_id"]) if ENV.store_version is not None else None
                if r["article_id"] not in articles and stored is not None:
                    text, title, outlet, published = stored["text"], stored["title"], stored["outlet"], str(
                        stored["published"])
                    reviewed = bool(r.get("reviewed"))
                elif r["article_id"] in articles:
                    a = articles[r["article_id"]]
                    text, title, outlet, published, reviewed = a.text, a.title, a.outlet, a.published, True
                else:
                    text = None
                if text is None:
                    st.warning(f"The article {r['article_id']!r} is not available.")
                else:
                    st.html(P.article_html(text, span_start=r.get("span_start"), span_end=r.get("span_end"),
                                           place_text=r.get("place_text"), title=title, outlet=outlet,
                                           published=published, reviewed=reviewed))
                if ENV.store_version is not None:
                    with st.expander("History of this record (who changed what, when and why)"):
                        RV.record_history(RV.store(), rid, key="panel_hist")
    else:
        st.info("Click a district or a marker on the map, or choose a place above, to read every sourced "
                "report there (and in its sub-places), grouped by event, with competing claims side by side.")

# -------------------------------------------------------------- unresolved
unresolved = [r for r in shown if r.get("lat") is None]
with st.expander(f"Reports with no mapped location ({len(unresolved)}): listed, not mapped"):
    st.html(P.unresolved_html(unresolved))

# -------------------------------------------------------------- timeline
st.subheader("Timeline")
tl = timeline_counts(ENV, UPLOAD_KEY, UPLOADED, FILTERS)
if tl:
    # plain HTML bars, not a Vega chart: Streamlit's chart code is 0.8 MB of JavaScript the
    # browser had to compile before the page settled (see geo/web/timeline.py)
    c1, c2 = st.columns(2)
    span = (min(PERIOD[0], min(tl)), max(PERIOD[1], max(tl)))  # uploads may fall outside the curated period
    for col, chart in zip((c1, c2), timeline_charts(tl, day_s, span), strict=True):
        with col:
            st.html(chart)
    st.caption("Each report is counted on the first day of its date range. Several reports of one event are "
               "counted separately: these are claims in the press, not a casualty count. Hover a bar for its figures.")
else:
    st.info("No report matches the filters.")

# -------------------------------------------------------------- export
st.subheader("Export what is shown")
EXPORTS = [
    ("incidents", "Incidents (GeoJSON)", "raqqa-incidents.geojson", "application/geo+json"),
    ("events", "Events (GeoJSON)", "raqqa-events.geojson", "application/geo+json"),
    ("control", f"Control on {day_s} (GeoJSON)", f"raqqa-control-{day_s}.geojson", "application/geo+json"),
    ("places", "Places (GeoJSON)", "raqqa-places.geojson", "application/geo+json"),
    ("csv", "Incidents (CSV)", "raqqa-incidents.csv", "text/csv"),
]
cols = st.columns(len(EXPORTS))
for c, (kind, label, fname, mime) in zip(cols, EXPORTS, strict=True):
    with c:
        st.download_button(
            label, data=functools.partial(export_texts, kind, ENV, UPLOAD_KEY, UPLOADED, FILTERS),
            file_name=fname, mime=mime, key=f"dl_{kind}", on_click="ignore", width="stretch",
        )
st.caption("RFC 7946 GeoJSON (WGS84 longitude-latitude); reports with no resolved place have a null geometry.")

# -------------------------------------------------------------- add an article
st.subheader("Add an article")
st.caption(f"Plain text (.txt, at most {RV.MAX_UPLOAD_MB} MB) or pasted, with its source. It is saved in the store; "
           "its incidents are extracted and shown as UNREVIEWED (hollow dashed markers) until a reviewer accepts "
           "them on the Review page. The same article twice is recognised, not doubled.")
# behind a toggle: the form's widgets (file uploader, date field) are about 230 kB of
# browser code that every page load would fetch and compile before the map, for a rare action
if st.toggle("Add an article", key="upload_open",
             help="Upload or paste an article; its incidents are extracted and wait for review."):
    RV.reviewer_box()
    RV.add_article_form(GZ)
RV.added_articles()

st.caption("Sources: five news articles from June 2017 (AFP, The New Arab, Vocativ, The Jerusalem Post, VOA), "
           "coded by hand, and a curated gazetteer of the places they name, each position with its own source. "
           "Positions are reference points with stated uncertainty; outlines marked approximate are drawn "
           "from written descriptions.")
