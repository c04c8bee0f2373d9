"""What a proposed plan changes against the current one, as the what-if re-plan shows it."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from scheduler.domain import Month, Plan, Shortfall, Walk
from scheduler.domain.plan_diff import plan_differences

NY = ZoneInfo("America/New_York")
MORNING = datetime(2026, 12, 3, 10, 0, tzinfo=NY)


def walk(walk_id: str, start: datetime = MORNING, people: tuple[str, ...] = ("1", "2")) -> Walk:
    return Walk(walk_id, "officer", start, 20, people[0], people)


def plan(*walks: Walk, shortfalls: tuple[Shortfall, ...] = ()) -> Plan:
    return Plan(Month(2026, 12), "America/New_York", walks, shortfalls)


def test_the_same_plan_has_no_differences():
    current = plan(walk("w1"), walk("w2", MORNING + timedelta(days=1)))
    assert plan_differences(current, current).unchanged


def test_moved_swapped_added_and_dropped_walks():
    later = MORNING + timedelta(hours=3)
    current = plan(walk("w1"), walk("w2"), walk("w3"), walk("w4"))
    proposed = plan(walk("w1", later), walk("w2", people=("3", "2")), walk("w4"), walk("w5"))
    differences = plan_differences(current, proposed)
    assert [(m.walk.id, m.start) for m in differences.moved] == [("w1", MORNING)]
    [swap] = differences.swapped
    assert (swap.walk.id, swap.joining, swap.leaving, swap.coordinator) == ("w2", ("3",), ("1",), "1")
    assert [w.id for w in differences.added] == ["w5"]
    assert [w.id for w in differences.dropped] == ["w3"]
    assert not differences.unchanged


def test_a_new_coordinator_among_the_same_people_is_a_swap():
    current = plan(walk("w1"))
    proposed = plan(replace(walk("w1"), coordinator="2"))
    [swap] = plan_differences(current, proposed).swapped
    assert (swap.joining, swap.leaving, swap.coordinator) == ((), (), "1")


def test_shortfalls_gained_lost_and_narrowed():
    district = Shortfall("district", "2026-12", 2, 0, "no non-patrol captain on the roster")
    squad = Shortfall("squad", "2026-W50", 3, 1, "no sergeant free")
    cpu = Shortfall("cpu", "2026-12-04", 1, 0, "CPU on leave")
    current = plan(shortfalls=(district, squad))
    proposed = plan(shortfalls=(replace(squad, planned=2), cpu))
    differences = plan_differences(current, proposed)
    assert differences.shortfalls_gained == (cpu,)
    assert differences.shortfalls_lost == (district, squad)
    worse = plan_differences(proposed, current)
    assert worse.shortfalls_gained == (district, squad) and worse.shortfalls_lost == (cpu,)
