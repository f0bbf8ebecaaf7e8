"""Territorial control per place as each side claims it, and the claims that contradict each other.  Rows shaped
as `store.tables.event_rows` gives them (synthetic)."""

from __future__ import annotations

from wiretrace.link.control import contradictions, control_points, timelines


def row(day, type_, controller, speaker_side, *, denied=False, actor=None, place="geonames:1", article="a",
        event_date=None, speaker="someone"):
    return {"day": day, "event_date": event_date, "type": type_, "controller": controller, "denied": int(denied),
            "actor_side": actor or controller, "speaker": speaker, "speaker_side": speaker_side, "place_id": place,
            "place": "Town", "article_id": article, "site": "example.org", "text": type_}


def test_a_capture_denied_the_next_day_is_one_contradiction():
    rows = [row("2025-10-07", "territory_captured", "russia", "russia", article="mod", event_date="2025-10-07"),
            row("2025-10-08", "territory_captured", None, "ukraine", denied=True, actor="russia", article="gs"),
            row("2025-10-08", "shelling", None, "ukraine", article="gs")]  # not a control claim
    points = control_points(rows)
    assert [p.article_id for p in points] == ["mod", "gs"]
    assert points[0].dated_by == "claim" and points[1].dated_by == "published"
    assert points[1].denied_side == "russia" and points[1].controller is None
    [clash] = contradictions(points)
    assert clash["kind"] == "denial" and clash["days_apart"] == 1
    assert clash["claim"]["article_id"] == "mod" and clash["answer"]["claimant"] == "ukraine"


def test_two_counter_claims_are_reported_once_and_only_within_the_window():
    rows = [row("2025-10-07", "territory_captured", "russia", "russia", article="mod"),
            row("2025-10-09", "control_held", "ukraine", "ukraine", article="gs"),
            row("2025-11-30", "territory_liberated", "ukraine", "ukraine", article="late")]
    clashes = contradictions(control_points(rows), window_days=14)
    assert len(clashes) == 1 and clashes[0]["kind"] == "counter-claim"
    assert {clashes[0]["claim"]["article_id"], clashes[0]["answer"]["article_id"]} == {"mod", "gs"}
    assert len(contradictions(control_points(rows), window_days=60)) == 2  # the late liberation now answers too


def test_claims_of_one_side_or_other_places_never_contradict():
    rows = [row("2025-10-07", "territory_captured", "russia", "russia", article="mod"),
            row("2025-10-08", "territory_liberated", "russia", "russia", article="tass"),
            row("2025-10-08", "control_held", "ukraine", "ukraine", article="gs", place="geonames:2"),
            row("2025-10-08", "withdrawal", "russia", None, actor="ukraine", article="own", speaker=None)]
    points = control_points(rows)
    assert sorted(timelines(points)) == ["geonames:1", "geonames:2"]
    # an own-voice withdrawal of Ukrainian troops counts as a claim that Russia holds the town: no contradiction
    assert contradictions(points) == []
