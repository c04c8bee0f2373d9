"""Meeting points rotate over the sectors, and within a sector over its points; kept walks keep
theirs. Small enough to check by hand."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from scheduler.domain import Month, Plan, Walk
from scheduler.domain.neighborhood import MeetingPoint
from scheduler.planning.meeting_points import assign_meeting_points

NY = ZoneInfo("America/New_York")
POINTS = (
    MeetingPoint("N1", 39.79, -84.20, "North"),
    MeetingPoint("N2", 39.79, -84.19, "North"),
    MeetingPoint("S1", 39.77, -84.20, "South"),
    MeetingPoint("X", 39.78, -84.20),  # no sector: a group of its own
)


def walks(count: int) -> tuple[Walk, ...]:
    start = datetime(2026, 12, 1, 9, 0, tzinfo=NY)
    return tuple(
        Walk(f"w{n}", "officer", start + timedelta(days=n), 20, "o1", ("o1", "o2"))
        for n in range(1, count + 1)
    )


def points(planned: tuple[Walk, ...]) -> list[str | None]:
    return [walk.meeting_point for walk in planned]


def test_walks_take_the_sectors_in_turn_and_each_sectors_points_in_turn() -> None:
    assert points(assign_meeting_points(walks(7), POINTS)) == ["N1", "S1", "X", "N2", "S1", "X", "N1"]


def test_walks_are_taken_in_start_order_and_come_back_in_their_own_order() -> None:
    planned = assign_meeting_points(tuple(reversed(walks(3))), POINTS)
    assert [walk.id for walk in planned] == ["w3", "w2", "w1"]
    assert points(planned) == ["X", "S1", "N1"]


def test_a_walk_that_keeps_its_id_keeps_its_meeting_point_and_the_rotation_goes_on_after_it() -> None:
    first = assign_meeting_points(walks(3), POINTS)
    previous = Plan(Month(2026, 12), "America/New_York", first)
    again = walks(4)  # the planner made the walks again: no meeting point on them
    moved = (again[0], replace(again[1], start=again[1].start + timedelta(hours=2)), again[2], again[3])
    assert points(assign_meeting_points(moved, POINTS, previous)) == ["N1", "S1", "X", "N2"]


def test_a_point_no_longer_in_the_profile_is_replaced_and_no_points_change_nothing() -> None:
    stale = (replace(walks(1)[0], meeting_point="Old corner"),)
    assert points(assign_meeting_points(stale, POINTS)) == ["N1"]
    assert assign_meeting_points(stale, ()) == stale


def test_a_walk_with_a_known_point_keeps_it() -> None:
    chosen = (replace(walks(1)[0], meeting_point="S1"), *walks(3)[1:])
    assert points(assign_meeting_points(chosen, POINTS)) == ["S1", "X", "N1"]
