"""Control over time, as the curated seed data says it."""

from __future__ import annotations

import pytest

from geo.records.control import state_on, timelines


@pytest.fixture(scope="module")
def reports(gz):
    from geo.records.incidents import curated_reports

    return curated_reports(gz=gz)


def states(gz, reports, day):
    return {s["place_id"]: s for s in state_on(gz, reports, day)}


@pytest.mark.parametrize(
    ("place", "day", "code", "state"),
    [
        ("raqqa-mishlab", "2017-06-05", "is", "held"),  # before the SDF broke in (003: Tuesday 6 June)
        ("raqqa-mishlab", "2017-06-06", "contested", "contested"),
        ("raqqa-mishlab", "2017-06-07", "sdf", "taken"),  # captured early Wednesday, per the command (003)
        ("raqqa-mishlab", "2017-06-11", "sdf", "taken"),
        ("heraqla", "2017-06-06", "is", "held"),
        ("heraqla", "2017-06-07", "sdf", "taken"),
        ("raqqa-jazra", "2017-06-08", "is", "held"),
        ("raqqa-jazra", "2017-06-09", "contested", "contested"),  # Observatory: parts taken on Friday (000)
        ("raqqa-sabahia", "2017-06-09", "is", "held"),
        ("raqqa-sabahia", "2017-06-10", "sdf", "taken"),  # SDF: seized (002), reported by Saturday
        ("raqqa-romania", "2017-06-10", "is", "held"),
        ("raqqa-romania", "2017-06-11", "contested", "contested"),  # "now advancing into al-Romania" (002)
    ],
)
def test_control_on_a_day(gz, reports, place, day, code, state):
    s = states(gz, reports, day)[place]
    assert (s["code"], s["state"]) == (code, state)


def test_competing_claims_stay_side_by_side(gz, reports):
    mishlab = states(gz, reports, "2017-06-11")["raqqa-mishlab"]
    claimants = {c["claimed_by"] for c in mishlab["claims"]}
    assert {"SDF", "Syrian Observatory for Human Rights"} <= claimants
    dates = {c["date_end"] for c in mishlab["claims"]}
    assert "2017-06-07" in dates and "2017-06-09" in dates  # AFP/command Wednesday vs Reuters/SDF Friday
    sabahia = states(gz, reports, "2017-06-11")["raqqa-sabahia"]
    assert sabahia["disputed"]  # SDF: seized; Observatory: more than half
    assert {c["extent"] for c in sabahia["claims"]} == {"full", "partial"}


def test_no_state_before_its_report(gz, reports):
    # every change is dated on or after the last day of the report behind it
    by_id = {r["id"]: r for r in reports}
    for pid, tl in timelines(gz, reports).items():
        for ch in tl["changes"][1:]:
            for rid in ch["report_ids"]:
                assert ch["date"] >= by_id[rid]["date_end"], (pid, rid)


def test_zones_and_the_city_are_not_painted(gz, reports):
    covered = set(timelines(gz, reports))
    assert not covered & {"raqqa", "raqqa-west", "raqqa-east", "syria"}
    assert {"raqqa-mishlab", "raqqa-sabahia", "raqqa-romania", "raqqa-jazra"} <= covered
