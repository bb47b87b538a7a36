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
import hashlib
from collections import Counter

import streamlit as st

st.set_page_config(page_title="Raqqa incident atlas", page_icon="🗺️", layout="wide")

import gazetteer  # noqa: E402
from app.map_component import map_component  # noqa: E402
from app.table import incident_table  # noqa: E402
from geo.records.filters import WINDOW_LABELS, Filters, select  # noqa: E402
from geo.records.layers import fc, place_scope, reporting_period, reports_at  # noqa: E402
from geo.records.synthetic import SYNTHETIC_ARTICLE_ID  # noqa: E402
from geo.records.table import Focus, candidate_count, focus_of, incident_rows  # noqa: E402
from geo.records.vocab import STATUSES  # noqa: E402
from geo.settings import EARLIEST_DATE, Environment, from_environment  # noqa: E402
from geo.web import mapview  # noqa: E402
from geo.web import panel as P  # noqa: E402
from geo.web import webmap as W  # noqa: E402
from geo.web.views import VIEW_LABELS, place_bounds, place_choices, place_label  # noqa: E402

MAX_UPLOAD_MB = 2
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024
MAP_HEIGHT = 640
PANEL_MAX_EVENTS = 40

ENV = from_environment()
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


@st.cache_resource(show_spinner="Loading the curated reports…")
def load_reports(env: Environment) -> list[dict]:
    """Curated reports (+ generated ones when asked). Read-only: never mutate."""
    from geo.records.incidents import curated_reports

    gz = load_gazetteer(env.gazetteer)
    reports = curated_reports(gz=gz, curated=env.incidents)
    if env.synthetic:
        from geo.records.synthetic import synthetic_reports

        reports = reports + synthetic_reports(gz, env.synthetic, last_day=reporting_period(reports)[1])
    return reports


@st.cache_resource(show_spinner=False)
def control_fc(env: Environment, day: str) -> dict:
    """Control of every covered place on ``day``, from the curated reports only (never generated ones)."""
    from geo.records.layers import control_features

    return control_features(load_gazetteer(env.gazetteer), load_reports(dataclasses.replace(env, synthetic=0)), day)


@st.cache_data(show_spinner="Extracting incidents from the article…", max_entries=32)
def extract_upload(text: str, article_id: str, published: str, outlet: str, title: str | None,
                   gz_path: str | None) -> list[dict]:
    from geo.extraction.extract import extract_text

    reports = extract_text(text, article_id=article_id, published=published, outlet=outlet,
                           title=title, gz=load_gazetteer(gz_path))
    for r in reports:
        r["event_id"] = r.get("event_id") or r["id"]
        r["reviewed"] = False
    return reports


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

    reports = shown_reports(env, upload_key, _uploads, filters)
    if kind == "incidents":
        return geojson_text(fc([to_feature(r) for r in reports]))
    if kind == "events":
        return geojson_text(fc([event_feature(e) for e in group_events(reports)]))
    if kind == "control":
        return geojson_text(control_fc(env, filters.day))
    if kind == "places":
        return geojson_text(load_places_fc(env.gazetteer))
    if kind == "csv":
        return csv_text(reports)
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

PERIOD = reporting_period(REPORTS)
P0, P1 = dt.date.fromisoformat(PERIOD[0]), dt.date.fromisoformat(PERIOD[1])
if "uploads" not in st.session_state:
    st.session_state["uploads"] = []
UPLOADS: list[dict] = st.session_state["uploads"]
# what the caches hash: each upload's digest and extraction options (the reports ride along unhashed)
UPLOAD_KEY = tuple((u["article_id"], u["published"], u["outlet"], u["title"]) for u in UPLOADS)
UPLOADED = tuple(UPLOADS)
ALL_REPORTS = [*REPORTS, *(r for u in UPLOADS for r in u["reports"])]


def apply_focus(f: Focus) -> None:
    """Open the dashboard on a report: its day, its place's panel, its sentence; the map framed on the place.

    Runs before the widgets are drawn, so it may set their state.
    """
    if f.day is not None:
        st.session_state["day"] = min(max(f.day, P0), P1)
    has_place = bool(f.place_id) and f.place_id in GZ
    if has_place:
        st.session_state["place"] = f.place_id
    st.session_state["focus_report"] = f.report_id
    st.session_state["focus_bounds"] = place_bounds(GZ, f.place_id) if has_place and f.place_id else None


# a shared link (?report=ID or ?event=ID) opens the dashboard on it, once; a picked table row likewise
_link = (st.query_params.get("report"), st.query_params.get("event"))
if any(_link) and st.session_state.get("_link_applied") != _link:
    st.session_state["_link_applied"] = _link
    if (_focus := focus_of(st.query_params, ALL_REPORTS)) is not None:
        apply_focus(_focus)
    else:
        st.warning("The link names a report or event the atlas does not hold (it may have been filtered out of "
                   "this data set).")
elif (_picked := st.session_state.pop("_picked_row", None)) and (_focus := focus_of({"report": _picked}, ALL_REPORTS)):
    apply_focus(_focus)

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
                            key="atlas_map", height=MAP_HEIGHT, focus=st.session_state.get("focus_bounds"))
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
    for u in UPLOADS:
        with_reports.update(r["place_id"] for r in u["reports"] if r.get("place_id"))
    pick_ids = place_choices(GZ, with_reports)
    if "place" not in st.session_state and st.query_params.get("place") in pick_ids:
        st.session_state["place"] = st.query_params.get("place")  # a shared link names the place
    if st.session_state.get("place") not in (None, "", *pick_ids):
        st.session_state["place"] = None
    place_id = st.selectbox(
        "Place (or click the map)", pick_ids, index=None, key="place",
        placeholder="Choose a district or place…",
        format_func=lambda i: place_label(GZ, i, with_reports.get(i, 0)),
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
        st.html(P.place_panel_html(pinfo, rs, day=day_s, control=ctl, max_events=PANEL_MAX_EVENTS, sub_places=subs))
        art_reports = [r for r in rs if r.get("article_id") not in (None, SYNTHETIC_ARTICLE_ID)][:300]
        focus_rid = st.session_state.pop("focus_report", None)
        if focus_rid in {r["id"] for r in art_reports}:  # a link or a table row names this report: show it
            st.session_state["show_article"] = True
            st.session_state["article_report"] = focus_rid
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
                up = next((u for u in UPLOADS if u["article_id"] == r["article_id"]), None)
                if up is not None:
                    text, title, outlet, published = up["text"], up["title"], up["outlet"], up["published"]
                    reviewed = False
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
    else:
        st.info("Click a district or a marker on the map, or choose a place above, to read every sourced "
                "report there (and in its sub-places), grouped by event, with competing claims side by side.")

# -------------------------------------------------------------- unresolved
unresolved = [r for r in shown if r.get("lat") is None]
with st.expander(f"Reports with no mapped location ({len(unresolved)}): listed, not mapped"):
    st.html(P.unresolved_html(unresolved))

# -------------------------------------------------------------- incident table
st.subheader("Reports")
_cands = candidate_count(ALL_REPORTS, shown)
every_candidate = False
if _cands.total:
    st.caption(f"{_cands.total:,} candidate report(s) not yet reviewed: {_cands.shown:,} shown"
               + (f", **{_cands.hidden:,} hidden by the filters**." if _cands.hidden else "."))
    every_candidate = st.toggle("List every candidate, whatever the filters", key="table_candidates")
table_reports = [r for r in ALL_REPORTS if not r.get("reviewed", True)] if every_candidate else shown
_picked = incident_table(incident_rows(table_reports, gz=GZ), key="incident_table")
if _picked and _picked != st.session_state.get("_last_row"):
    st.session_state["_last_row"] = _picked
    st.session_state["_picked_row"] = _picked
    st.rerun()
st.caption("Sort by any column (click its header); pick a row to open its place and day; **open** is a link to "
           "that report to share.")

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

# -------------------------------------------------------------- upload
st.subheader("Add an article")
st.caption(f"Plain text (.txt), at most {MAX_UPLOAD_MB} MB. Its incidents are extracted automatically and shown "
           "as UNREVIEWED (hollow dashed markers); nothing is saved on the server.")
# behind a toggle: the form's widgets (file uploader, date field) are about 230 kB of
# browser code that every page load would fetch and compile before the map, for a rare action
if st.toggle("Add an article", key="upload_open",
             help="Upload a plain-text article; its incidents are extracted and shown as unreviewed."):
    with st.form("upload_form", clear_on_submit=False):
        up_file = st.file_uploader("Article (.txt)", type=["txt"], key="upload_file", max_upload_size=MAX_UPLOAD_MB)
        u1, u2, u3 = st.columns(3)
        with u1:
            up_date = st.date_input("Publication date", value=dt.date(2017, 6, 11), min_value=EARLIEST_DATE,
                                    max_value=dt.date.today(), key="upload_date")
        with u2:
            up_outlet = st.text_input("Outlet", value="", max_chars=120, key="upload_outlet",
                                      placeholder="e.g. Reuters")
        with u3:
            up_title = st.text_input("Title (optional)", value="", max_chars=300, key="upload_title")
        submitted = st.form_submit_button("Extract incidents")
    if submitted:
        if up_file is None:
            st.warning(f"Choose a .txt file first, at most {MAX_UPLOAD_MB} MB (a larger one is not taken).")
        elif up_file.size > MAX_UPLOAD_BYTES:
            st.error(f"That file is {up_file.size / 1024 / 1024:.1f} MB: the limit is {MAX_UPLOAD_MB} MB.")
        elif not up_outlet.strip():
            st.warning("Say which outlet published the article (it is the claimant of unattributed sentences).")
        else:
            raw = up_file.getvalue()
            try:  # the one reader's rules, as on the command line: UTF-8 or UTF-16 with a BOM, text, the cap
                text = gazetteer.decode_article(raw, name=up_file.name, max_bytes=MAX_UPLOAD_BYTES)
            except gazetteer.ArticleError as e:
                st.error(f"That file cannot be read as an article: {e}")
            else:
                digest = hashlib.sha256(raw).hexdigest()[:12]
                article_id = f"upload-{digest}"
                try:
                    import geo.extraction.extract  # noqa: F401
                except Exception as e:  # noqa: BLE001 - missing or broken extractor: say so, keep the app
                    st.error(f"The extractor is not available ({type(e).__name__}: {e}): the article cannot be coded. "
                             "Extractor not available.")
                else:
                    try:
                        reps = extract_upload(text, article_id, up_date.isoformat(), up_outlet.strip(),
                                              up_title.strip() or None, ENV.gazetteer)
                    except Exception as e:  # noqa: BLE001 - say what failed, keep the app alive
                        st.error(f"Extraction failed: {type(e).__name__}: {e}")
                    else:
                        mentions = GZ.mentions(text)
                        unresolved_names = sorted({m.text for m in mentions if m.place is None})
                        entry = {"article_id": article_id, "name": up_file.name, "outlet": up_outlet.strip(),
                                 "published": up_date.isoformat(), "title": up_title.strip() or up_file.name,
                                 "text": text, "reports": reps, "unresolved": unresolved_names}
                        st.session_state["uploads"] = [u for u in UPLOADS if u["article_id"] != article_id] + [entry]
                        st.rerun()

for u in st.session_state["uploads"]:
    n_loc = sum(1 for r in u["reports"] if r.get("lat") is not None)
    with st.container(border=True):
        st.html(
            f'<div><b>{P.esc(u["name"])}</b> — {P.esc(u["outlet"])}, {P.esc(u["published"])}: '
            f'{len(u["reports"])} incident(s) extracted, {n_loc} mapped '
            f'<span class="atlas-unrev">unreviewed</span></div>'
            + (f'<div class="atlas-dim">Unresolved place names (not mapped): {P.esc(", ".join(u["unresolved"]))}</div>'
               if u["unresolved"] else '<div class="atlas-dim">Every place name was resolved.</div>')
            + '<details class="atlas-upload-text">'
            + "<summary>Show the article text (first extracted sentence highlighted)</summary>"
            + P.article_html(u["text"], span_start=(u["reports"][0]["span_start"] if u["reports"] else None),
                             span_end=(u["reports"][0]["span_end"] if u["reports"] else None),
                             place_text=(u["reports"][0].get("place_text") if u["reports"] else None),
                             title=u["title"], outlet=u["outlet"], published=u["published"], reviewed=False)
            + "</details>"
        )
        if st.button("Remove", key=f"rm_{u['article_id']}"):
            st.session_state["uploads"] = [x for x in st.session_state["uploads"] if x["article_id"] != u["article_id"]]
            st.rerun()

st.caption("Sources: five news articles from June 2017 (AFP, The New Arab, Vocativ, The Jerusalem Post, VOA), "
           "coded by hand, and a curated gazetteer of the places they name, each position with its own source. "
           "Positions are reference points with stated uncertainty; outlines marked approximate are drawn "
           "from written descriptions.")
