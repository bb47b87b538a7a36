"""The parser experiment's pure mapping (a parse -> winner and loser names), and its runs.

The mapping is tested on parses written out by hand (as the small English model parses these
constructions), so it runs without spaCy; the tests that parse with spaCy are skipped where spaCy or
the model is absent (CI: the experiment lives in a scratch virtualenv, see the script's docstring).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

import compare_parser as cp

IS = "Islamic State"


def parse(*rows: str) -> tuple[cp.Tok, ...]:
    """Tokens from rows ``"text lemma POS dep head"`` (head: the head's index; the root's own)."""
    out = []
    for i, row in enumerate(rows):
        text, lemma, pos, dep, head = row.split()
        out.append(cp.Tok(i, text, lemma, pos, "", dep, int(head), " "))
    return tuple(out)


ACTIVE_FROM = parse(
    "The the DET det 1",
    "SDF SDF PROPN nsubj 2",
    "captured capture VERB ROOT 2",
    "al-Mishlab al-Mishlab PROPN dobj 2",
    "from from ADP prep 2",
    "Islamic Islamic PROPN compound 6",
    "State State PROPN pobj 4",
)


def test_active_capture_names_subject_as_winner_and_from_as_loser() -> None:
    r = cp.resolve(ACTIVE_FROM)
    assert r == cp.Resolution(winner="SDF", loser=IS, construction="active", verb="captured")


def test_passive_capture_names_the_agent() -> None:
    p = parse(
        "Tabqa Tabqa PROPN nsubjpass 2",
        "was be AUX auxpass 2",
        "captured capture VERB ROOT 2",
        "by by ADP agent 2",
        "the the DET det 5",
        "SDF SDF PROPN pobj 3",
    )
    r = cp.resolve(p)
    assert r is not None and (r.winner, r.construction) == ("SDF", "passive")


def test_fell_to_ignores_the_apposition_naming_the_former_holder() -> None:
    # "Mayadeen, an ISIS stronghold, fell to the Syrian army": ISIS is in the subject's apposition,
    # the winner is after "to"
    p = parse(
        "Mayadeen Mayadeen PROPN nsubj 6",
        ", , PUNCT punct 0",
        "an an DET det 4",
        "ISIS ISIS NOUN compound 4",
        "stronghold stronghold NOUN appos 0",
        ", , PUNCT punct 0",
        "fell fall VERB ROOT 6",
        "to to ADP prep 6",
        "the the DET det 10",
        "Syrian syrian ADJ amod 10",
        "army army NOUN pobj 7",
    )
    r = cp.resolve(p)
    assert r is not None and (r.winner, r.loser, r.construction) == ("Syrian army", None, "fell_to")


def test_lost_to_and_withdrew_leaving_make_the_subject_the_loser() -> None:
    lost = parse(
        "Islamic Islamic PROPN compound 1",
        "State State PROPN nsubj 2",
        "lost lose VERB ROOT 2",
        "Tabqa Tabqa PROPN dobj 2",
        "to to ADP prep 2",
        "the the DET det 6",
        "SDF SDF PROPN pobj 4",
    )
    assert cp.resolve(lost) == cp.Resolution(winner="SDF", loser=IS, construction="lost_to", verb="lost")
    left = parse(
        "IS IS PROPN compound 1",
        "jihadists jihadist NOUN nsubj 2",
        "abandoned abandon VERB ROOT 2",
        "five five NUM nummod 4",
        "districts district NOUN dobj 2",
        ", , PUNCT punct 2",
        "leaving leave VERB advcl 2",
        "US-backed US-backed ADJ amod 8",
        "fighters fighter NOUN dobj 6",
        "in in ADP prep 6",
        "control control NOUN pobj 9",
    )
    assert cp.resolve(left) == cp.Resolution(winner="SDF", loser=IS, construction="withdrew_leaving", verb="abandoned")


def test_pronoun_subject_is_the_speaker_and_backed_by_the_us_is_the_sdf() -> None:
    # "Syrian militias backed by the United States said they had seized the hospital"
    p = parse(
        "Syrian syrian ADJ amod 1",
        "militias militia NOUN nsubj 7",
        "backed back VERB acl 1",
        "by by ADP agent 2",
        "the the DET det 6",
        "United United PROPN compound 6",
        "States States PROPN pobj 3",
        "said say VERB ROOT 7",
        "they they PRON nsubj 10",
        "had have AUX aux 10",
        "seized seize VERB ccomp 7",
        "the the DET det 12",
        "hospital hospital NOUN dobj 10",
    )
    assert cp.actor_name(cp.phrase(p, 1)) is None  # the rules' aliases alone do not name it
    r = cp.resolve(p)
    assert r is not None and (r.winner, r.construction) == ("SDF", "active_pronoun")


def test_holding_out_is_not_a_gain_and_an_unnamed_subject_resolves_nothing() -> None:
    p = parse(
        "jihadists jihadists NOUN nsubj 2",
        "were be AUX aux 2",
        "holding hold VERB ROOT 2",
        "out out ADP prt 2",
    )
    assert cp.resolve(p) is None
    assert cp.resolve(parse("Fighters fighter NOUN nsubj 1", "entered enter VERB ROOT 1", "it it PRON dobj 1")) is None


def test_override_replaces_only_what_the_parser_names() -> None:
    tc = {"event_type": "territory_change", "control_actor": IS, "control_from": None}
    # the parse names the rules' winner as the loser: unknown winner, never inverted
    out = cp.override(tc, cp.Resolution(winner=None, loser=IS, construction="active", verb="wrested"))
    assert (out["control_actor"], out["control_from"]) == (None, IS)
    # a named winner without a named loser gets the rules' default loser
    out = cp.override(tc, cp.Resolution(winner="SDF", loser=None, construction="active", verb="took"))
    assert (out["control_actor"], out["control_from"]) == ("SDF", IS)
    assert tc["control_actor"] == IS  # the rules' report is not changed in place
    other = {"event_type": "air_strike", "control_actor": None, "control_from": None}
    assert cp.override(other, cp.Resolution("SDF", IS, "active", "took")) == other
    assert cp.override(tc, None) == tc


def test_a_main_clause_capture_beside_another_type_adds_a_territory_change() -> None:
    # "After a night of heavy air strikes, the SDF stormed al-Mishlab": the rules see the strikes
    p = parse(
        "After after ADP prep 7",
        "a a DET det 2",
        "night night NOUN pobj 0",
        "of of ADP prep 2",
        "air air NOUN compound 5",
        "strikes strike NOUN pobj 3",
        "the the DET det 7",
        "SDF SDF PROPN nsubj 8",
        "stormed storm VERB ROOT 8",
        "al-Mishlab al-Mishlab PROPN dobj 8",
    )
    r = cp.resolve(p)
    assert r is not None and r.main and r.winner == "SDF"
    strike = {"id": "x-a-01", "event_id": "e1", "event_type": "air_strike", "quote": "... stormed al-Mishlab"}
    kept, added = cp.with_change(strike, r)
    assert kept == strike
    assert (added["event_type"], added["control_actor"], added["control_from"]) == ("territory_change", "SDF", IS)
    assert added["id"] != strike["id"] and added["event_id"] != strike["event_id"]
    # a capture told in a subordinate clause does not carry the sentence: nothing is added
    assert cp.with_change(strike, cp.Resolution("SDF", None, "active", "took", main=False)) == [strike]
    # nor does one whose winner the parse cannot name
    assert cp.with_change(strike, cp.Resolution(None, IS, "active", "took", main=True)) == [strike]
    # a report the rules already call a change is overridden, never doubled
    tc = dict(strike, event_type="territory_change", control_actor=IS, control_from=None)
    assert [x["control_actor"] for x in cp.with_change(tc, r)] == ["SDF"]


def test_main_clause_is_the_root_or_what_its_speaker_said() -> None:
    assert cp.is_main(ACTIVE_FROM, 2)
    said = parse(
        "Observers observer NOUN nsubj 1",
        "said say VERB ROOT 1",
        "the the DET det 3",
        "SDF SDF PROPN nsubj 4",
        "captured capture VERB ccomp 1",
        "Kasab Kasab PROPN dobj 4",
    )
    assert cp.is_main(said, 4)
    hoped = parse(
        "Observers observer NOUN nsubj 1",
        "feared fear VERB ROOT 1",
        "the the DET det 3",
        "SDF SDF PROPN nsubj 4",
        "captured capture VERB ccomp 1",
        "Kasab Kasab PROPN dobj 4",
    )
    assert not cp.is_main(hoped, 4)


@pytest.mark.parametrize(
    ("text", "stripped"),
    [
        ("BEIRUT, June 21 (Reuters) - Syrian militias", "Syrian militias"),
        ("RAQA, Syria, Oct 17, 2017 (AFP) - US-backed fighters", "US-backed fighters"),
        ("ERBIL, Kurdistan Region \u2013 With the capture", "With the capture"),
        ("SDF units, the SDF said - x", "SDF units, the SDF said - x"),
    ],
)
def test_dateline_is_cut_before_parsing(text: str, stripped: str) -> None:
    assert cp.DATELINE.sub("", text, count=1) == stripped


def test_without_the_model_it_says_how_to_set_up_and_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert cp.main(["--model", "no_such_pipeline_for_this_test", "--speed", "0"]) == 0
    out = capsys.readouterr().out
    assert "cannot be loaded" in out and "python3.11 -m venv" in out


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    pytest.importorskip("spacy")
    try:
        return cp.load_model(cp.MODEL)[0]
    except OSError:
        pytest.skip(f"the spaCy pipeline {cp.MODEL} is not installed")


@pytest.mark.parametrize(
    ("sentence", "winner", "loser"),
    [
        ("The SDF captured al-Mishlab from Islamic State on Tuesday.", "SDF", IS),
        ("Last week the SDF said it had captured the final districts of the old city from IS.", "SDF", IS),
        (
            "Mayadeen, an ISIS stronghold in Deir Ezzor province, fell to the Syrian army on Saturday.",
            "Syrian army",
            None,
        ),
    ],
)
def test_spacy_parses_map_to_the_projects_actor_names(nlp, sentence: str, winner: str, loser: str | None) -> None:  # type: ignore[no-untyped-def]
    r = cp.resolve(cp.parse_sentence(nlp, sentence))
    assert r is not None and (r.winner, r.loser) == (winner, loser)


def test_on_the_tune_half_the_parser_never_adds_an_inversion(nlp) -> None:  # type: ignore[no-untyped-def]
    import gazetteer

    res = cp.run_split(nlp, gazetteer.load(), "tune")
    assert res["rules+parser"].inverted <= res["rules"].inverted
    assert res["rules+parser"].control_right >= res["rules"].control_right
    assert res["rules+parser+type"].type_right >= res["rules"].type_right
