"""The dashboard's tests share one throwaway review store per module (``ATLAS_STORE``), never the user's.

A module's AppTest sessions live across its tests, so the store they write must too: the
root conftest's per-test store (``_own_store``) is replaced by the module's.
"""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module", autouse=True)
def module_store(tmp_path_factory):
    """A new embedded store file for the module, named by ``ATLAS_STORE`` while its module-scoped fixtures run."""
    path = tmp_path_factory.mktemp("store") / "atlas.gpkg"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ATLAS_STORE", str(path))
        yield path


@pytest.fixture(autouse=True)
def _module_store_for_each_test(_own_store, module_store, monkeypatch):
    """Each test of the module sees the module's store (after the root conftest gave it its own)."""
    monkeypatch.setenv("ATLAS_STORE", str(module_store))
