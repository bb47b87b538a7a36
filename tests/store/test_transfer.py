"""Curated records out of the store and back in, in the format of geo/data/incidents.json."""

from __future__ import annotations

import json

import pytest

from geo.exc import CuratedDataError
from geo.settings import CURATED_PATH
from geo.store.transfer import export_curated, import_curated


def test_export_of_a_fresh_store_is_the_seed_file(store):
    assert json.dumps(export_curated(store), ensure_ascii=False, indent=2) + "\n" == CURATED_PATH.read_text("utf-8")


def test_import_checks_every_record_before_storing_any(store, article_of, tmp_path):
    (res,) = store.add_articles([article_of("t01_old_city_wall")], by="ann")
    store.accept(res.candidate_ids[0], changes={"notes": "checked"}, by="ann")
    data = export_curated(store)
    f = tmp_path / "curated.json"
    f.write_text(json.dumps(data), encoding="utf-8")
    assert import_curated(store, f, by="bob") == (0, len(data["reports"]))  # all stored as they are

    # a new record quoting an article of the store, and one whose quote is not at its offsets
    new = dict(data["reports"][-1], id="r-new-01", notes="imported")
    bad = dict(new, id="r-new-02", span_start=0)
    f.write_text(json.dumps({"reports": [new, bad]}), encoding="utf-8")
    with pytest.raises(CuratedDataError) as err:
        import_curated(store, f, by="bob")
    assert "record 'r-new-02': quote: expected the text at 0.." in str(err.value)
    assert "r-new-01" not in {r.id for r in store.reports()}
    f.write_text(json.dumps({"reports": [new]}), encoding="utf-8")
    assert import_curated(store, f, by="bob") == (1, 0)
    rec, version, status = store.get("r-new-01")
    assert (rec.notes, rec.origin, rec.reviewed, status) == ("imported", "curated", True, "accepted")
    assert store.history("r-new-01")[0].by == "bob"

    # a stored id with other values is refused, naming the fields
    f.write_text(json.dumps({"reports": [dict(new, notes="changed")]}), encoding="utf-8")
    with pytest.raises(CuratedDataError, match="record 'r-new-01': id: expected a new id .* other notes"):
        import_curated(store, f, by="bob")
