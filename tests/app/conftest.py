"""Every dashboard test runs against its own throwaway review store, never the user's (``ATLAS_STORE``)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module", autouse=True)
def throwaway_store(tmp_path_factory):
    """``ATLAS_STORE`` names a new embedded store file for the test module (AppTest and servers read it)."""
    path = tmp_path_factory.mktemp("store") / "atlas.gpkg"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ATLAS_STORE", str(path))
        yield path
