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
