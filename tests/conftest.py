"""Shared fixtures: the shipped gazetteer, the small test fixture, the seed articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# CI runs on a shared 2-core machine: a per-example deadline there measures the machine, not us.
settings.register_profile("atlas", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("atlas")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def gz():
    import gazetteer

    return gazetteer.load()


@pytest.fixture(scope="session")
def small():
    import gazetteer

    return gazetteer.load(DATA / "places_small.geojson")


@pytest.fixture()
def small_data() -> dict:
    """A fresh, mutable copy of the small fixture's GeoJSON."""
    return json.loads((DATA / "places_small.geojson").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_texts() -> dict[str, str]:
    import gazetteer

    return {p.stem[:3]: gazetteer.read_article(p) for p in sorted(SEEDS.glob("*.txt"))}


# -- the review store ----------------------------------------------------------------------------

@pytest.fixture(autouse=True)
def _own_store(tmp_path_factory, monkeypatch):
    """Every test gets its own (not yet created) embedded store: none writes the user's data/atlas.gpkg."""
    monkeypatch.setenv("ATLAS_STORE", str(tmp_path_factory.mktemp("store") / "atlas.gpkg"))


@pytest.fixture(scope="session")
def postgis_server():
    """A throwaway PostgreSQL 15 with PostGIS (:mod:`tools.postgis`) for the session; yields ``new_db() -> URL``."""
    import os

    from tools.postgis import available, throwaway_postgis

    if not available():
        why = "PostgreSQL 15 with PostGIS is not installed (./run tests installs it: ensure_postgis)"
        if os.environ.get("CI"):  # in CI ./run installs it: its absence is a failure, not a reason to skip
            pytest.fail(why)
        pytest.skip(why)
    with throwaway_postgis() as new_db:
        yield new_db


@pytest.fixture(params=["embedded", "postgis"])
def store_url(request, tmp_path) -> str:
    """A fresh store's URL, once for each back end: the embedded GeoPackage file, and PostGIS."""
    if request.param == "embedded":
        return str(tmp_path / "atlas.gpkg")
    return request.getfixturevalue("postgis_server")()
