"""Raqqa incident atlas: the Streamlit dashboard.

Start it from the repository root: ``./run dashboard`` (``uv run streamlit run serve.py``,
which fills the caches before the first visitor; ``streamlit run dashboard.py`` also works).

This file only arranges widgets. Everything it shows is computed by pure
functions in ``geo/`` and ``gazetteer/`` (which never import Streamlit),
called through the thin cached wrappers of :mod:`app.data`. Their inputs are
hashable values: the environment (:class:`geo.settings.Environment`), the
uploads, and the filters as one frozen :class:`geo.records.filters.Filters`;
so a rerun (a click, a filter) costs little and panning or zooming the map
costs nothing (the map component, :mod:`app.map_component`, reports only clicks).

The page, top to bottom: a one-line header; the time bar (step buttons, date
box, play, view, filters) and the date slider; the map, as large as the window
allows, with the place panel beside it (below it on a phone); then the
unlocated reports, the timeline, the exports and the upload. Each section is
one function, called in order by :func:`main`.

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
import time
from collections import Counter

import streamlit as st

st.set_page_config(page_title="Raqqa incident atlas", page_icon="🗺️", layout="wide",
                   initial_sidebar_state="collapsed")

import gazetteer  # noqa: E402
from app import data as D  # noqa: E402
from app import review as RV  # noqa: E402
from app.map_component import map_component  # noqa: E402
from app.table import incident_table  # noqa: E402
from geo.records.filters import WINDOW_LABELS, Filters  # noqa: E402
from geo.records.layers import fc, place_scope, reporting_period, reports_at  # noqa: E402
from geo.records.period import (  # noqa: E402
    framed_period,
    report_days,
    shift_day,
    step_to_report_day,
    widen_to,
)
from geo.records.synthetic import SYNTHETIC_ARTICLE_ID  # noqa: E402
from geo.records.table import Focus, candidate_count, focus_of, incident_rows  # noqa: E402
from geo.records.vocab import STATUSES  # noqa: E402
from geo.settings import Environment  # noqa: E402
from geo.web import panel as P  # noqa: E402
from geo.web import webmap as W  # noqa: E402
from geo.web.views import VIEW_LABELS, place_bounds, place_choices, place_label  # noqa: E402

MAX_UPLOAD_MB = 2
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024
#: The map's least height (px); the component makes it as tall as the window allows (app/frontend/map/map.js)
MAP_MIN_HEIGHT = 360
PANEL_MAX_EVENTS = 40
#: Seconds between two days when playing: time to read the summary and see the map change
PLAY_STEP_S = 1.8

# the environment with the review store's version: every write to the store refreshes the caches
ENV, STORE_ERROR = D.environment()
TYPE_LABELS = {k: v[0] for k, v in W.EVENT_COLOURS.items()}

# Compact page: the map is the page. The title sits in Streamlit's (transparent) header bar, the time bar just
# under it (the header takes the clicks above 3.75rem).
PAGE_CSS = """<style>
header[data-testid="stHeader"] { background: transparent; }
.block-container { padding: 0.7rem 1.5rem 1rem 1.5rem; }
h1#raqqa-incident-atlas { font-size: 1.3rem; padding: 0.2rem 3rem 0 0; margin: 0; line-height: 2.3rem; }
.st-key-atlas_time button { padding-left: 0.6rem; padding-right: 0.6rem; min-width: 0; }
@media (max-width: 640px) { .block-container { padding-left: 0.6rem; padding-right: 0.6rem; } }
</style>"""


# ==========================================================================
# Small cached views of the data (the heavy ones are in app/data.py)
# ==========================================================================


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


@st.cache_data(show_spinner=False, max_entries=16)
def time_frame(env: Environment, upload_key: tuple, _uploads: tuple, filters: Filters) -> tuple[list[str], tuple]:
    """Days with reports (filters applied, whole period) and the framed period of those reports."""
    reports = D.shown_reports(env, upload_key, _uploads, filters.whole_period())
    whole = reporting_period(D.load_reports(env))
    return report_days(reports), (framed_period(reports, within=whole) if reports else whole)


@st.cache_data(show_spinner=False, max_entries=32)
def export_texts(kind: str, env: Environment, upload_key: tuple, _uploads: tuple, filters: Filters) -> str:
    from geo.records.events import event_feature, group_events
    from geo.records.export import csv_text, geojson_text
    from geo.records.incidents import to_feature
    from geo.records.review import graded_reports, with_grades

    reports = D.shown_reports(env, upload_key, _uploads, filters)
    grades = D.load_grades(env)
    if kind == "incidents":
        return geojson_text(fc([to_feature(r) for r in graded_reports(reports, grades)]))
    if kind == "events":
        return geojson_text(fc([event_feature(e) for e in with_grades(group_events(reports), grades)]))
    if kind == "control":
        return geojson_text(D.control_fc(env, filters.day))
    if kind == "places":
        return geojson_text(D.atlas_places_fc(env))
    if kind == "csv":
        return csv_text(graded_reports(reports, grades))
    raise ValueError(f"export kind: expected incidents, events, control, places or csv, got {kind!r}")


# ==========================================================================
# The state every section reads
# ==========================================================================


@dataclasses.dataclass(frozen=True)
class Page:
    """What the sections share in one run: the data, the uploads, the chosen day and filters."""

    gz: gazetteer.Gazetteer
    reports: list[dict]
    period: tuple[str, str]
    uploads: list[dict]
    upload_key: tuple
    uploaded: tuple

    def shown(self, filters: Filters) -> list[dict]:
        return D.shown_reports(ENV, self.upload_key, self.uploaded, filters)

    def every_report(self) -> list[dict]:
        """Every report (curated, accepted and the store's candidates), whatever the filters."""
        return [*self.reports, *(r for u in self.uploads for r in u["reports"])]


def load_page() -> Page:
    """The data (the store's reports); stops the page with one clear message when they cannot be read."""
    try:
        W.require_vendored_assets()
    except W.MissingAssetError as e:
        st.error(f"The map cannot be drawn offline: {e}")
        st.stop()
    try:
        gz = D.atlas_gazetteer(ENV)
        reports = D.load_reports(ENV)
    except Exception as e:  # noqa: BLE001 - show the data problem instead of a traceback
        st.error(f"The atlas data could not be loaded: {type(e).__name__}: {e}")
        st.info("The gazetteer or the curated reports could not be read: see the installation notes in the README.")
        st.stop()
    if STORE_ERROR is not None:
        st.warning(f"The review store could not be opened ({type(STORE_ERROR).__name__}: {STORE_ERROR}); the map "
                   "shows the curated file only, and nothing can be added or reviewed.")
    # added articles live in the store (app.review): their candidates are in the reports, keyed by the
    # store's version; the caches' upload arguments stay empty
    return Page(gz=gz, reports=reports, period=reporting_period(reports), uploads=[], upload_key=(), uploaded=())


# ==========================================================================
# Sections
# ==========================================================================


def apply_focus(page: Page, f: Focus) -> None:
    """Open the page on a report: its day, its place's panel, its sentence; the map framed on the place.

    Runs before the widgets are drawn, so it may set their state.
    """
    if f.day is not None:
        lo, hi = (dt.date.fromisoformat(d) for d in page.period)
        st.session_state["day"] = min(max(f.day, lo), hi)
    has_place = bool(f.place_id) and f.place_id in page.gz
    if has_place:
        st.session_state["place"] = f.place_id
    st.session_state["focus_report"] = f.report_id
    st.session_state["focus_bounds"] = place_bounds(page.gz, f.place_id) if has_place and f.place_id else None


def follow_links(page: Page) -> None:
    """A shared link (``?report=ID`` or ``?event=ID``) opens the page on it, once; a picked table row likewise."""
    link = (st.query_params.get("report"), st.query_params.get("event"))
    if any(link) and st.session_state.get("_link_applied") != link:
        st.session_state["_link_applied"] = link
        focus = focus_of(st.query_params, page.every_report())
        if focus is not None:
            apply_focus(page, focus)
        else:
            st.warning("The link names a report or event the atlas does not hold (it may have been filtered out of "
                       "this data set).")
    elif picked := st.session_state.pop("_picked_row", None):
        focus = focus_of({"report": picked}, page.every_report())
        if focus is not None:
            apply_focus(page, focus)


def header() -> str:
    """The title and the page switch (Map | Review); returns the page chosen."""
    st.html(PAGE_CSS)
    st.html(P.PANEL_CSS)
    title, switch = st.columns([4, 1], vertical_alignment="center")
    with title:
        st.title("Raqqa incident atlas")
    with switch:
        # the options are their own labels: a bound widget puts its label in the URL (?page=Review)
        chosen = st.segmented_control("Page", ["Map", "Review"], default="Map", required=True, key="page",
                                      bind="query-params", label_visibility="collapsed")
    return str(chosen or "Map")


def filters_popover(page: Page) -> tuple:
    """The filters and map options, in a popover of the time bar (they never push the map down)."""
    box = st.popover("Filters", icon=":material/filter_list:", key="filters")
    with box:
        window = st.radio("Incidents shown", list(WINDOW_LABELS), format_func=WINDOW_LABELS.get, key="window")
        all_types = list(W.EVENT_COLOURS)
        types = st.multiselect("Event type", all_types, default=all_types, format_func=TYPE_LABELS.__getitem__,
                               key="f_types")
        claimant_counts = Counter(r["claimed_by"] for r in page.reports)
        claimants = st.multiselect("Claimant (empty: all)", sorted(claimant_counts), key="f_claimants",
                                   format_func=lambda c: f"{c} ({claimant_counts[c]})")
        outlet_counts = Counter(r["outlet"] for r in page.reports)
        outlets = st.multiselect("Outlet (empty: all)", sorted(outlet_counts), key="f_outlets",
                                 format_func=lambda c: f"{c} ({outlet_counts[c]})")
        statuses = st.multiselect("Status", list(STATUSES), default=list(STATUSES), key="f_statuses")
        civilians_only = st.checkbox("Civilian harm only", key="f_civ")
        st.divider()
        tiles = st.toggle("OpenStreetMap tiles (needs the internet)", value=False, key="tiles",
                          help="Off: a plain basemap drawn from our own data (city outline, districts, river); "
                               "works offline. On but offline: the plain basemap stays and the map says so.")
        labels = st.toggle("District names", value=True, key="labels")
    return box, {"window": window, "types": tuple(types), "claimants": tuple(claimants), "outlets": tuple(outlets),
            "statuses": tuple(statuses), "civilians_only": bool(civilians_only), "tiles": bool(tiles),
            "labels": bool(labels)}


def _set_day(iso: str) -> None:
    st.session_state["day"] = dt.date.fromisoformat(iso)


def _date_box_changed() -> None:
    if st.session_state.get("day_box") is not None:
        st.session_state["day"] = st.session_state["day_box"]


def _toggle_play(first: str, last: str) -> None:
    playing = not st.session_state.get("playing", False)
    st.session_state["playing"] = playing
    if playing and st.session_state["day"].isoformat() >= last:
        st.session_state["day"] = dt.date.fromisoformat(first)  # from the start again
    st.session_state["_play_at"] = time.monotonic()


def _url_day(page: Page) -> dt.date:
    """The day a link names (``?day=``), else the default day; kept inside the reporting period."""
    try:
        day = dt.date.fromisoformat(st.query_params.get("day", ""))
    except ValueError:
        return D.default_day(page.period)
    return min(max(day, dt.date.fromisoformat(page.period[0])), dt.date.fromisoformat(page.period[1]))


def time_tools(page: Page) -> tuple[dt.date, dict, str]:
    """The time bar (step buttons, date box, play, view, filters) above the date slider.

    Returns the chosen day, the filter values and the quick view. The slider
    spans the stretch of days that holds most reports (``geo.records.period``),
    or the whole reporting period when widened.
    """
    # Set on every run, not only the first: a slider whose ends change (the frame follows the filters
    # and the uploads) is a new widget to Streamlit, which would start it again at its first day.
    st.session_state["day"] = st.session_state["day"] if "day" in st.session_state else _url_day(page)
    if st.session_state.pop("_play_step", False):  # the play ticker asked for the next day (before the slider)
        nxt = shift_day(st.session_state["day"].isoformat(), 1, period=st.session_state["_play_frame"])
        st.session_state["day"] = dt.date.fromisoformat(nxt)
        if nxt >= st.session_state["_play_frame"][1]:
            st.session_state["playing"] = False
    bar = st.container(horizontal=True, vertical_alignment="center", gap="small")
    slider_box = st.container()
    with bar:  # the time tools first, then the options; filled in the other order (the frame needs the filters)
        time_box = st.container(horizontal=True, vertical_alignment="center", gap="small", width="content",
                                key="atlas_time")
        opts_box = st.container(horizontal=True, vertical_alignment="center", gap="small", width="content")
    with opts_box:
        filters_box, values = filters_popover(page)
        if "view" not in st.session_state and st.query_params.get("view") in VIEW_LABELS:
            st.session_state["view"] = st.query_params.get("view")  # a shared link names the view
        view = st.selectbox("View", list(VIEW_LABELS), format_func=VIEW_LABELS.__getitem__, key="view",
                            label_visibility="collapsed", width=200)
    if view != "city":
        st.query_params["view"] = view
    elif "view" in st.query_params:
        del st.query_params["view"]

    draft = Filters(day=st.session_state["day"].isoformat(), **{k: values[k] for k in (
        "window", "types", "claimants", "outlets", "statuses", "civilians_only")})
    days, frame = time_frame(ENV, page.upload_key, page.uploaded, draft)
    day_s = st.session_state["day"].isoformat()
    with filters_box:
        wide = st.toggle("Slider and timeline over the whole reporting period", key="whole_period",
                         help=f"The slider spans {frame[0]} – {frame[1]}, where most reports fall. "
                              f"On: the whole reporting period, {page.period[0]} – {page.period[1]}.")
    span = widen_to(page.period if wide else frame, day_s)
    lo, hi = dt.date.fromisoformat(span[0]), dt.date.fromisoformat(span[1])
    with slider_box:
        day = st.slider("Day (control as of this day)", min_value=lo, max_value=hi, step=dt.timedelta(days=1),
                        format="ddd D MMM YYYY", key="day", label_visibility="collapsed")
    day_s = day.isoformat()
    if st.query_params.get("day") != day_s:
        st.query_params["day"] = day_s  # a shareable link names the day (as ISO text, not the widget's number)
    prev_report, next_report = step_to_report_day(days, day_s, -1), step_to_report_day(days, day_s, 1)
    back, fwd = shift_day(day_s, -1, period=span), shift_day(day_s, 1, period=span)
    playing = bool(st.session_state.get("playing"))
    with time_box:
        st.button("", icon=":material/skip_previous:", key="t_prev_report", disabled=prev_report is None,
                  on_click=_set_day, args=(prev_report or day_s,),
                  help=f"Previous day with reports ({prev_report})" if prev_report else "No earlier report")
        st.button("", icon=":material/chevron_left:", key="t_back", disabled=back == day_s, on_click=_set_day,
                  args=(back,), help="One day back")
        st.session_state["day_box"] = day
        st.date_input("Day", value=None, key="day_box", min_value=lo, max_value=hi, format="YYYY-MM-DD",
                      on_change=_date_box_changed, label_visibility="collapsed", width=175)
        st.button("", icon=":material/chevron_right:", key="t_fwd", disabled=fwd == day_s, on_click=_set_day,
                  args=(fwd,), help="One day on")
        st.button("", icon=":material/skip_next:", key="t_next_report", disabled=next_report is None,
                  on_click=_set_day, args=(next_report or day_s,),
                  help=f"Next day with reports ({next_report})" if next_report else "No later report")
        st.button("Stop" if playing else "Play", icon=":material/stop:" if playing else ":material/play_arrow:",
                  key="t_play", on_click=_toggle_play, args=span,
                  help=f"Step through the days, one every {PLAY_STEP_S:g} s, to {span[1]}")
    if playing:
        st.session_state["_play_frame"] = span
        play_ticker()
    return day, values, view


def play_ticker() -> None:
    """While playing, ask for the next day every :data:`PLAY_STEP_S` seconds (a full rerun draws it)."""

    @st.fragment(run_every=PLAY_STEP_S)
    def tick() -> None:
        if not st.session_state.get("playing"):
            return
        if time.monotonic() - st.session_state.get("_play_at", 0.0) >= PLAY_STEP_S:
            st.session_state["_play_at"] = time.monotonic()
            st.session_state["_play_step"] = True
            st.rerun(scope="app")

    tick()


def control_summary(day: dt.date, states: list[dict], shown: list[dict], window: str) -> None:
    codes = Counter(s["code"] for s in states)
    contested = sorted(s["name"] for s in states if s["code"] == "contested")
    taken = sorted(s["name"] for s in states if s["code"] == "sdf")
    st.markdown(
        f"**Control as of {day:%a %-d %b %Y}** (claimed): {codes.get('is', 0)} places held by the Islamic State, "
        f"{codes.get('contested', 0)} contested" + (f" ({', '.join(contested)})" if contested else "")
        + f", {codes.get('sdf', 0)} taken by the SDF" + (f" ({', '.join(taken)})" if taken else "") + "."
    )
    n_unres = sum(1 for r in shown if r.get("lat") is None)
    st.caption(f"{len(shown):,} report(s) shown ({WINDOW_LABELS[window].lower()}), {n_unres} without a mapped place "
               "(listed below the map).")


def map_and_panel(page: Page, filters: Filters, shown: list[dict], *, view: str, tiles: bool, labels: bool) -> None:
    """The map, as large as the window allows, and beside it (below it on a phone) the place panel."""
    states = [f["properties"] for f in D.control_fc(ENV, filters.day)["features"]]
    col_map, col_panel = st.columns([7, 3], gap="small")
    with col_map:
        clicked = map_component(D.map_page(ENV, page.upload_key, page.uploaded, filters, view, tiles, labels),
                                key="atlas_map", height=MAP_MIN_HEIGHT, fill_window=True,
                                focus=st.session_state.get("focus_bounds"))
        st.html(P.legend_strip_html(W.CONTROL_STATES, W.EVENT_COLOURS,
                                    unreviewed=any(not r.get("reviewed", True) for r in shown)))
        st.caption("The 2017 battle for Raqqa as the news reported it. **Claims, not facts**: every marker is a claim "
                   "by a named party in a dated article, placed at the named place's reference point (with its "
                   "uncertainty), never at a surveyed impact site. Competing claims stay side by side.")
        if tiles:
            st.caption("Tiles © OpenStreetMap contributors. With tiles on, the map asks tile.openstreetmap.org "
                       "for images.")
    if clicked:
        props = clicked.get("properties") or {}
        pid = props.get("place_id") or props.get("id")
        click_sig = f"{clicked.get('id')}|{pid}"
        if pid in page.gz and st.session_state.get("_last_click") != click_sig:
            st.session_state["_last_click"] = click_sig
            st.session_state["place"] = pid
    with col_panel:
        control_summary(dt.date.fromisoformat(filters.day), states, shown, filters.window)
        place_panel(page, filters, shown, states)


def place_panel(page: Page, filters: Filters, shown: list[dict], states: list[dict]) -> None:
    gz = page.gz
    with_reports: Counter[str] = Counter(r["place_id"] for r in page.reports if r.get("place_id"))
    for u in page.uploads:
        with_reports.update(r["place_id"] for r in u["reports"] if r.get("place_id"))
    pick_ids = place_choices(gz, with_reports)
    if "place" not in st.session_state and st.query_params.get("place") in pick_ids:
        st.session_state["place"] = st.query_params.get("place")  # a shared link names the place
    if st.session_state.get("place") not in (None, "", *pick_ids):
        st.session_state["place"] = None
    place_id = st.selectbox(
        "Place (or click the map)", pick_ids, index=None, key="place",
        placeholder="Choose a district or place…",
        format_func=lambda i: place_label(gz, i, with_reports.get(i, 0)),
    )
    whole = st.toggle("Whole reporting period in the panel", value=True, key="panel_whole",
                      help="Off: only the reports the map shows (the chosen day and window).")
    if place_id and st.query_params.get("place") != place_id:
        st.query_params["place"] = place_id  # shareable link
    elif not place_id and "place" in st.query_params:
        del st.query_params["place"]
    if not place_id:
        st.info("Click a district or a marker on the map, or choose a place above, to read every sourced "
                "report there (and in its sub-places), grouped by event, with competing claims side by side.")
        return
    pool = page.shown(filters.whole_period()) if whole else shown
    rs = reports_at(gz, pool, place_id)
    place = gz.get(place_id)
    pinfo = {"name": place.name, "kind": place.kind, "uncertainty_m": place.uncertainty_m,
             "geometry_quality": place.geometry_quality, "notes": place.notes, "address": gz.address(place)}
    ctl = next((s for s in states if s["place_id"] == place_id), None)
    subs = sorted(gz.get(i).name for i in place_scope(gz, place_id) if i != place_id)
    st.html(P.place_panel_html(pinfo, rs, day=filters.day, control=ctl, max_events=PANEL_MAX_EVENTS, sub_places=subs,
                               grades=D.load_grades(ENV)))
    article_reader(page, [r for r in rs if r.get("article_id") not in (None, SYNTHETIC_ARTICLE_ID)][:300])


def article_reader(page: Page, art_reports: list[dict]) -> None:
    focus_rid = st.session_state.pop("focus_report", None)
    if focus_rid in {r["id"] for r in art_reports}:  # a link or a table row names this report: show it
        st.session_state["show_article"] = True
        st.session_state["article_report"] = focus_rid
    if not (art_reports and st.toggle("Read the full article, sentence highlighted", key="show_article")):
        return
    with st.container(border=True):
        rid = st.selectbox(
            "Report", [r["id"] for r in art_reports], key="article_report",
            # the words a reader knows a report by (its date, outlet, type and sentence), not its id
            format_func=lambda i: next(
                f"{r['date_start']} · {r['outlet']} · {TYPE_LABELS.get(r['event_type'])} · “{_snippet(r['quote'])}”"
                for r in art_reports if r["id"] == i),
        )
        r = next(r for r in art_reports if r["id"] == rid)
        articles = D.load_articles()
        stored = RV.stored_article(r["article_id"]) if ENV.store_version is not None else None
        if r["article_id"] in articles:
            a = articles[r["article_id"]]
            text, title, outlet, published, reviewed = a.text, a.title, a.outlet, a.published, True
        elif stored is not None:  # an article added to the store
            text, title, outlet = stored["text"], stored["title"], stored["outlet"]
            published, reviewed = str(stored["published"]), bool(r.get("reviewed"))
        else:
            text = None
        if text is None:
            st.warning("The article of this report is not available.")
        else:
            st.html(P.article_html(text, span_start=r.get("span_start"), span_end=r.get("span_end"),
                                   place_text=r.get("place_text"), title=title, outlet=outlet,
                                   published=published, reviewed=reviewed))
        if ENV.store_version is not None:
            with st.expander("History of this record (who changed what, when and why)"):
                RV.record_history(RV.store(), rid, key="panel_hist")


def _snippet(quote: str | None, n: int = 60) -> str:
    q = " ".join(str(quote or "").split())
    return q if len(q) <= n else q[: n - 1].rstrip() + "…"

def table_section(page: Page, shown: list[dict]) -> None:
    """Every report shown, as a table; candidates counted, with those the filters hide; a row opens its place."""
    st.subheader("Reports")
    every = page.every_report()
    cands = candidate_count(every, shown)
    every_candidate = False
    if cands.total:
        st.caption(f"{cands.total:,} candidate report(s) not yet reviewed: {cands.shown:,} shown"
                   + (f", **{cands.hidden:,} hidden by the filters**." if cands.hidden else "."))
        every_candidate = st.toggle("List every candidate, whatever the filters", key="table_candidates")
    rows = [r for r in every if not r.get("reviewed", True)] if every_candidate else shown
    picked = incident_table(incident_rows(rows, gz=page.gz), key="incident_table")
    if picked and picked != st.session_state.get("_last_row"):
        st.session_state["_last_row"] = picked
        st.session_state["_picked_row"] = picked
        st.rerun()
    st.caption("Sort by any column (click its header); pick a row to open its place and day; **open** is a link "
               "to that report to share.")


def unresolved_section(shown: list[dict]) -> None:
    unresolved = [r for r in shown if r.get("lat") is None]
    with st.expander(f"Reports with no mapped location ({len(unresolved)}): listed, not mapped"):
        st.html(P.unresolved_html(unresolved))


def timeline_section(page: Page, filters: Filters, frame: tuple[str, str]) -> None:
    """Reports and claimed deaths per day, framed like the slider (``frame``)."""
    st.subheader("Timeline")
    tl = D.timeline_counts(ENV, page.upload_key, page.uploaded, filters)
    if not tl:
        st.info("No report matches the filters.")
        return
    # plain HTML bars, not a Vega chart: Streamlit's chart code is 0.8 MB of JavaScript the
    # browser had to compile before the page settled (see geo/web/timeline.py)
    c1, c2 = st.columns(2)
    for col, chart in zip((c1, c2), timeline_charts(tl, filters.day, frame), strict=True):
        with col:
            st.html(chart)
    outside = sum(1 for d in tl if not frame[0] <= d <= frame[1])
    st.caption("Each report is counted on the first day of its date range. Several reports of one event are "
               "counted separately: these are claims in the press, not a casualty count. Hover a bar for its figures."
               + (f" {outside} day(s) with reports lie outside {frame[0]} – {frame[1]}: widen the slider "
                  "and the timeline in Filters to see them." if outside else ""))


def export_section(page: Page, filters: Filters) -> None:
    st.subheader("Export what is shown")
    day_s = filters.day
    exports = [
        ("incidents", "Incidents (GeoJSON)", "raqqa-incidents.geojson", "application/geo+json"),
        ("events", "Events (GeoJSON)", "raqqa-events.geojson", "application/geo+json"),
        ("control", f"Control on {day_s} (GeoJSON)", f"raqqa-control-{day_s}.geojson", "application/geo+json"),
        ("places", "Places (GeoJSON)", "raqqa-places.geojson", "application/geo+json"),
        ("csv", "Incidents (CSV)", "raqqa-incidents.csv", "text/csv"),
    ]
    cols = st.columns(len(exports))
    for c, (kind, label, fname, mime) in zip(cols, exports, strict=True):
        with c:
            st.download_button(
                label, data=functools.partial(export_texts, kind, ENV, page.upload_key, page.uploaded, filters),
                file_name=fname, mime=mime, key=f"dl_{kind}", on_click="ignore", width="stretch",
            )
    st.caption("RFC 7946 GeoJSON (WGS84 longitude-latitude); reports with no resolved place have a null geometry.")


def upload_section(page: Page) -> None:
    st.subheader("Add an article")
    st.caption(f"Plain text (.txt, at most {RV.MAX_UPLOAD_MB} MB) or pasted, with its source. It is saved in the "
               "store; its incidents are extracted and shown as candidates (hollow dashed markers) until a reviewer "
               "accepts them on the Review page. The same article twice is recognised, not doubled.")
    # behind a toggle: the form's widgets (file uploader, date field) are about 230 kB of
    # browser code that every page load would fetch and compile before the map, for a rare action
    if st.toggle("Add an article", key="upload_open",
                 help="Upload or paste an article; its incidents are extracted and wait for review."):
        RV.reviewer_box()
        RV.add_article_form(page.gz)
    RV.added_articles()


def footer(page: Page) -> None:
    st.caption("Sources: five news articles from June 2017 (AFP, The New Arab, Vocativ, The Jerusalem Post, VOA), "
               "coded by hand, and a curated gazetteer of the places they name, each position with its own source. "
               "Positions are reference points with stated uncertainty; outlines marked approximate are drawn "
               f"from written descriptions. Reporting period {page.period[0]} – {page.period[1]}.")


# ==========================================================================
# The page
# ==========================================================================


def main() -> None:
    chosen = header()
    page = load_page()
    if chosen == "Review":
        RV.review_page(gz=page.gz, places_fc=D.atlas_places_fc(ENV), countries_fc=D.load_countries_fc(),
                       curated=lambda: [r for r in page.reports if r.get("reviewed", True)])
        return
    follow_links(page)
    day, values, view = time_tools(page)
    filters = Filters(day=day.isoformat(), window=values["window"], types=values["types"],
                      claimants=values["claimants"], outlets=values["outlets"], statuses=values["statuses"],
                      civilians_only=values["civilians_only"])
    shown = page.shown(filters)
    map_and_panel(page, filters, shown, view=view, tiles=values["tiles"], labels=values["labels"])
    table_section(page, shown)
    unresolved_section(shown)
    _, frame = time_frame(ENV, page.upload_key, page.uploaded, filters)
    timeline_section(page, filters, page.period if st.session_state.get("whole_period") else
                     widen_to(frame, filters.day))
    export_section(page, filters)
    upload_section(page)
    footer(page)


main()
