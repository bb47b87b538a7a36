"""Places and aliases reviewers add to the gazetteer, kept in the store.

An addition is checked with the rules of ``python -m gazetteer check``
(:func:`gazetteer.validate.collect_places` and
:func:`~gazetteer.validate.check_parents`) against the shipped places and
every earlier addition, before it is saved. :func:`additions_geojson` gives
them in the format of ``gazetteer/data/places.geojson``: each new place, and
each shipped place that gained an alias with its aliases, ready to be proposed
back as a file.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from sqlalchemy import Connection, Engine, insert, select

from gazetteer import Gazetteer
from gazetteer.files import DEFAULT_PATH, read_json
from gazetteer.validate import check_parents, collect_places
from geo.settings import from_environment
from geo.store import schema as t
from geo.store.engine import write_transaction
from geo.store.errors import BadChange


def shipped_places() -> dict[str, Any]:
    """The shipped places file (or ``ATLAS_GAZETTEER``'s) as parsed GeoJSON."""
    return read_json(from_environment().gazetteer or DEFAULT_PATH)


def _additions(conn: Connection) -> list[dict[str, Any]]:
    rows = conn.execute(select(t.places_added).order_by(t.places_added.c.fid)).mappings()
    return [dict(r) for r in rows]


def combined(base: dict[str, Any], additions: list[dict[str, Any]]) -> dict[str, Any]:
    """The shipped places with the additions made: new features appended, aliases added to their place."""
    data = copy.deepcopy(base)
    feats = data["features"]
    by_id = {f.get("id"): f for f in feats if isinstance(f, dict)}
    for a in additions:
        if a["kind"] == "place":
            feats.append(copy.deepcopy(a["feature"]))
            by_id[a["place_id"]] = feats[-1]
        else:
            props = by_id[a["place_id"]].setdefault("properties", {})
            props["aliases"] = [*(props.get("aliases") or []), a["alias"]]
    return data


def _check(data: dict[str, Any], *, about: str) -> None:
    places, problems = collect_places(data, source=about)
    problems += check_parents(places)
    if problems:
        raise BadChange([f"place {p.place_id!r}: {p.field}: expected {p.expected}, found {p.found}" for p in problems])


def add_place(engine: Engine, feature: dict[str, Any], *, by: str, why: str | None) -> str:
    """Check and store a new place (a places.geojson feature); returns its id."""
    pid = feature.get("id") if isinstance(feature, dict) else None
    if not isinstance(pid, str) or not pid:
        raise BadChange(f"place {pid!r}: id: expected a new place id (text), found {pid!r}")
    with write_transaction(engine) as conn:
        base = shipped_places()
        adds = _additions(conn)
        _check(combined(base, [*adds, {"kind": "place", "place_id": pid, "feature": feature}]), about="new place")
        conn.execute(
            insert(t.places_added).values(
                kind="place", place_id=pid, feature=feature, alias=None, by=by, at=dt.datetime.now(dt.UTC), why=why
            )
        )
    return pid


def add_alias(engine: Engine, place_id: str, alias: str, *, by: str, why: str | None) -> None:
    """Check and store one more name of a known place."""
    if not isinstance(alias, str) or not alias.strip():
        raise BadChange(f"place {place_id!r}: aliases: expected a name (text), found {alias!r}")
    with write_transaction(engine) as conn:
        base = shipped_places()
        adds = _additions(conn)
        data = combined(base, adds)
        if place_id not in {f.get("id") for f in data["features"] if isinstance(f, dict)}:
            raise BadChange(f"place {place_id!r}: id: expected the id of a place in the gazetteer, found {place_id!r}")
        _check(combined(base, [*adds, {"kind": "alias", "place_id": place_id, "alias": alias}]), about="new alias")
        conn.execute(
            insert(t.places_added).values(
                kind="alias", place_id=place_id, feature=None, alias=alias, by=by, at=dt.datetime.now(dt.UTC), why=why
            )
        )


def additions_geojson(engine: Engine) -> dict[str, Any]:
    """The additions in the places.geojson format: the new places, and the places given new aliases (whole)."""
    with engine.connect() as conn:
        adds = _additions(conn)
    base = shipped_places()
    data = combined(base, adds)
    touched = list(dict.fromkeys(a["place_id"] for a in adds))
    by_id = {f.get("id"): f for f in data["features"]}
    return {
        "type": "FeatureCollection",
        "about": "Places and aliases added by reviewers in the atlas's review store, in the format of "
        "gazetteer/data/places.geojson: new places, and shipped places with their added aliases.",
        "features": [by_id[pid] for pid in touched],
    }


def gazetteer_with_additions(engine: Engine) -> Gazetteer | None:
    """The gazetteer of the shipped places and the additions, ``None`` when there are none."""
    from gazetteer.validate import parse_places

    with engine.connect() as conn:
        adds = _additions(conn)
    if not adds:
        return None
    return Gazetteer(parse_places(combined(shipped_places(), adds), source="the store's gazetteer"))
