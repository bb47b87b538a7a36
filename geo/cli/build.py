"""``geo build``: seeds + curated data + gazetteer → every layer on disk (the I/O loop)."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import gazetteer
from gazetteer.files import atomic_dir, write_text_atomic
from geo.records.articles import parse_date
from geo.records.control import timelines
from geo.records.export import csv_columns, write_csv, write_geojson, write_geoparquet
from geo.records.incidents import curated_reports
from geo.records.layers import LAYERS, build_layers, reporting_period


def store_reports(store: str | None = None, *, include_candidates: bool = False) -> list[dict]:
    """The store's reports as flat dicts (accepted; and candidates, marked ``reviewed: false``, when asked)."""
    from geo.store import open_store

    with open_store(store) as s:
        return s.report_dicts(include_candidates=include_candidates)


def build(
    out_dir: str | Path,
    *,
    day: str | None = None,
    parquet: bool = True,
    progress: bool | None = None,
    curated: str | None = None,
    store: str | None = None,
    include_candidates: bool = False,
) -> dict[str, int]:
    """Write every layer as GeoJSON (and GeoParquet) in ``out_dir``; return feature counts.

    The folder is built beside ``out_dir`` and swapped in whole: a failure or a
    kill leaves the previous build as it was, never a mix of old and new files.

    ``control`` is as of ``day`` (default: the last day of the reporting
    period); ``control_timeline.json`` holds every district's changes.

    The reports are the store's accepted ones (``store``: its URL, default the
    usual store), with its candidates too when ``include_candidates``; a
    ``curated`` file instead of the store is read as it is.
    """
    if day is not None:
        day = parse_date(day, what="--day").isoformat()
    gz = gazetteer.load()
    reports = (
        store_reports(store, include_candidates=include_candidates)
        if curated is None
        else (curated_reports(gz=gz, curated=curated))
    )
    first, last = reporting_period(reports)
    layers = build_layers(gz, reports, day=day or last)
    with atomic_dir(out_dir) as out:
        counts = _write(out, gz, reports, layers, parquet=parquet, progress=progress)
        meta = {
            "built": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "reporting_period": [first, last],
            "control_day": day or last,
            "layers": {k: {"features": counts[k], "about": LAYERS[k]} for k in counts},
        }
        write_text_atomic(out / "manifest.json", json.dumps(meta, ensure_ascii=False, indent=1) + "\n")
    return counts


def _write(
    out: Path,
    gz: gazetteer.Gazetteer,
    reports: list[dict],
    layers: dict[str, dict],
    *,
    parquet: bool,
    progress: bool | None,
) -> dict[str, int]:
    """Every layer, the CSV and the control timeline into ``out``; feature counts by layer."""
    items = list(layers.items())
    if progress is None:
        progress = sys.stderr.isatty()
    if progress:
        from tqdm import tqdm

        items = tqdm(items, desc="layers", unit="layer")
    counts = {}
    for name, coll in items:
        write_geojson(coll, out / f"{name}.geojson")
        if parquet:
            write_geoparquet(coll, out / f"{name}.parquet")
        counts[name] = len(coll["features"])
    write_csv(reports, out / "incidents.csv", columns=csv_columns(reports))
    write_text_atomic(
        out / "control_timeline.json", json.dumps(timelines(gz, reports), ensure_ascii=False, indent=1) + "\n"
    )
    return counts
