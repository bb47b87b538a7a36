"""The learned-labeller experiment's first step runs in the project's environment; its second step needs
a scratch one and says so."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import compare_embeddings as ce  # noqa: E402


@pytest.fixture(scope="module")
def dumped(tmp_path_factory) -> list[dict]:
    path = tmp_path_factory.mktemp("emb") / "sentences.json"
    ce.dump(path)
    return json.loads(path.read_text(encoding="utf-8"))


def test_every_sentence_of_both_halves_is_labelled_by_the_gold_and_the_rules(dumped) -> None:
    assert {r["split"] for r in dumped} == {"tune", "heldout"}
    types = {"none", "air_strike", "shelling", "armed_clash", "territory_change", "displacement", "other"}
    assert {r["gold"] for r in dumped} <= types and {r["rules"] for r in dumped} <= types
    # some sentences tell incidents and most tell none; the rules find some, not all of them
    told = [r for r in dumped if r["gold"] != "none"]
    assert 0 < len(told) < len(dumped)
    assert 0 < sum(r["rules"] != "none" for r in told) < len(told)


def test_the_second_step_without_its_packages_prints_the_set_up(tmp_path, capsys) -> None:
    try:
        import sentence_transformers  # noqa: F401
    except ImportError:
        path = tmp_path / "sentences.json"
        path.write_text("[]", encoding="utf-8")
        assert ce.main(["--score", str(path)]) == 0
        assert "pip install torch" in capsys.readouterr().out
    else:  # pragma: no cover - only in the scratch environment
        pytest.skip("sentence-transformers is installed here")
