"""The hard rules that the model, first-fit, post-incident placement and the validator share."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import datetime, time
from zoneinfo import ZoneInfo

from scheduler.domain import Month, Plan, Rank, Unit, Walk
from scheduler.planning.firstfit import first_fit
from scheduler.rules.hard_rules import (
    limited_squad,
    limited_squads,
    may_join,
    overlaps,
    start_minutes,
    within_squad_limit,
)
from scheduler.rules.validator import validate
from tests.factories import district, person, problem

NY = ZoneInfo("America/New_York")


def test_only_patrol_members_with_a_squad_count_for_the_squad_limit():
    patrol = person("o1", Rank.OFFICER, squad="A")
    assert limited_squad(patrol) == "A"
    assert limited_squad(replace(patrol, squad="")) == ""
    assert limited_squad(person("u1", Rank.OFFICER, Unit.COMMUNITY_POLICING, squad="A")) == ""
    assert limited_squads([patrol, person("u1", Rank.OFFICER, Unit.COMMUNITY_POLICING, squad="A")]) == {
        "o1": "A"
    }


def test_the_limit_allows_max_walking_per_squad_at_once():
    two = district()
    assert within_squad_limit(2, two) and not within_squad_limit(3, two)
    walking = Counter({"A": 1})
    assert may_join(person("o1", Rank.OFFICER, squad="A"), walking.__getitem__, two)
    walking["A"] = 2
    assert not may_join(person("o1", Rank.OFFICER, squad="A"), walking.__getitem__, two)
    assert may_join(person("u1", Rank.OFFICER, Unit.COMMUNITY_POLICING, squad="A"), walking.__getitem__, two)


def test_validator_does_not_count_a_non_patrol_squad():
    """The validator asks the same rule as the planner: community policing keeps no squad limit."""
    people = (
        *problem().people,
        *(person(f"x{i}", Rank.OFFICER, Unit.COMMUNITY_POLICING, squad="A") for i in range(4)),
    )
    at = datetime(2026, 12, 2, 10, 0, tzinfo=NY)
    walks = tuple(Walk(f"w{i}", "cpu", at, 45, f"x{2 * i}", (f"x{2 * i}", f"x{2 * i + 1}")) for i in range(2))
    plan = Plan(Month(2026, 12), "America/New_York", walks)
    assert "squad_limit" not in {v.rule for v in validate(problem(people), plan)}


def test_walks_start_on_the_quarter_hour_inside_walk_hours():
    starts = start_minutes(district(), 45)
    assert starts[0] == 9 * 60 and starts[-1] == 20 * 60 - 45 and starts.step == 15
    evening = replace(district(), walk_start=time(17, 0), walk_end=time(18, 0))
    assert list(start_minutes(evening, 45)) == [17 * 60, 17 * 60 + 15]


def test_walks_that_only_touch_do_not_overlap():
    assert overlaps(600, 630, 615, 645)
    assert not overlaps(600, 630, 630, 660)
    assert overlaps(
        datetime(2026, 12, 2, 10, 0),
        datetime(2026, 12, 2, 11),
        datetime(2026, 12, 2, 10, 59),
        datetime(2026, 12, 2, 12),
    )


def test_first_fit_keeps_a_squad_limit_of_one():
    p = replace(problem(), district=replace(district(), max_walking_per_squad=1))
    assert [v for v in validate(p, first_fit(p)) if v.rule == "squad_limit"] == []
