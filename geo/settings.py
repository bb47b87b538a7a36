"""Settings of the atlas in one place: file locations and the options read from the environment.

Every path the package reads by default is named here, so a module never works
out a location from its own ``__file__``. The environment options are the
dashboard's hidden ones (see ``dashboard.py``); reading them never fails:
a bad value falls back to the default.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

#: The repository (or installed tree) root: the folder above the ``geo`` package.
ROOT = Path(__file__).resolve().parent.parent
#: The five seed articles and their catalog.
SEEDS_DIR = ROOT / "seeds"
#: The curated incident reports of the seed articles.
CURATED_PATH = ROOT / "geo" / "data" / "incidents.json"
#: Country outlines for the offline base map (Natural Earth 1:110m).
COUNTRIES_PATH = ROOT / "geo" / "data" / "basemap" / "ne_110m_countries.geojson"
#: The review store's embedded file (a GeoPackage), created on first use; ``ATLAS_STORE`` names another
#: (a path or a ``postgresql://`` URL). The ``data/`` folder is the users' own, ignored by git.
DATA_DIR = ROOT / "data"
DEFAULT_STORE = DATA_DIR / "atlas.gpkg"
#: The folder Streamlit serves as ``/app/static`` (the one beside ``dashboard.py``).
STATIC_DIR = ROOT / "static"

#: The earliest plausible date of an article or an event: the Syrian war's start (March 2011).
EARLIEST_DATE = dt.date(2011, 3, 1)


@dataclass(frozen=True, kw_only=True)
class Environment:
    """The dashboard's options from the environment (all optional)."""

    gazetteer: str | None = None
    """``ATLAS_GAZETTEER``: another gazetteer file."""
    incidents: str | None = None
    """``ATLAS_INCIDENTS``: another curated incidents file."""
    synthetic: int = 0
    """``ATLAS_SYNTHETIC_INCIDENTS``: add this many generated reports (benchmarks only)."""
    store: str | None = None
    """``ATLAS_STORE``: the review store, a file path or a ``postgresql://`` URL (default: ``DEFAULT_STORE``)."""


def from_environment(environ: dict[str, str] | None = None) -> Environment:
    """Read :class:`Environment` from ``environ`` (default: ``os.environ``)."""
    env = os.environ if environ is None else environ
    try:
        synthetic = max(0, int(env.get("ATLAS_SYNTHETIC_INCIDENTS", "0") or 0))
    except ValueError:
        synthetic = 0
    return Environment(
        gazetteer=env.get("ATLAS_GAZETTEER") or None,
        incidents=env.get("ATLAS_INCIDENTS") or None,
        synthetic=synthetic,
        store=env.get("ATLAS_STORE") or None,
    )
