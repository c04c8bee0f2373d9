"""The validator states every rule: each test breaks one and expects that rule named."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from scheduler.domain import Plan, Shortfall, Walk
from scheduler.rules.validator import validate
from tests.factories import MONTH, district, problem

NY = ZoneInfo("America/New_York")


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=NY)


def squad_walk(wid="w1", start=None, people=("sA", "oA0")) -> Walk:
    return Walk(wid, "squad", start or at(2, 10), 30, people[0], people)


def rules(plan_walks, **problem_fields) -> set[str]:
    p = problem(**problem_fields)
    plan = Plan(MONTH, "America/New_York", tuple(plan_walks))
    return {v.rule for v in validate(p, plan) if v.rule != "minimum"}


def test_a_good_walk_breaks_nothing():
    assert rules([squad_walk()]) == set()


@pytest.mark.parametrize(
    ("walk", "rule"),
    [
        (squad_walk(people=("oA0", "sA")), "composition"),  # coordinator must be the sergeant
        (squad_walk(people=("sA", "c2")), "composition"),  # a captain is not a patrol officer
        (squad_walk(people=("sA",)), "composition"),
        (replace(squad_walk(), minutes=45), "duration"),
        (squad_walk(start=at(2, 19, 45)), "walk_hours"),
        (squad_walk(start=at(5, 10)), "workday"),  # a Saturday
        (squad_walk(start=at(2, 7, 0)), "walk_hours"),
        (squad_walk(people=("sB", "oB0"), start=at(2, 9, 0)), "on_duty"),  # squad B starts at noon
        (squad_walk(people=("sA", "zz")), "roster"),
        (replace(squad_walk(), coordinator="oA1"), "composition"),
        (replace(squad_walk(), start=datetime(2027, 1, 4, 10, 0, tzinfo=NY)), "month"),
    ],
)
def test_each_broken_rule_is_named(walk, rule):
    assert rule in rules([walk])


def test_nobody_on_two_walks_at_once():
    first = squad_walk("w1", at(2, 10))
    second = Walk("w2", "officer", at(2, 10, 15), 20, "oA0", ("oA0", "oA1"))
    assert "overlap" in rules([first, second])
    later = replace(second, start=at(2, 10, 30))
    assert "overlap" not in rules([first, later])


def test_squad_walking_limit():
    first = squad_walk("w1", at(2, 10), ("sA", "oA0"))
    second = Walk("w2", "officer", at(2, 10, 15), 20, "oA1", ("oA1", "oA2"))
    assert "squad_limit" in rules([first, second])
    assert "squad_limit" not in rules([first, replace(second, start=at(2, 10, 30))])


def test_locked_walks_must_stay():
    locked = replace(squad_walk(), locked=True)
    assert "locked" in rules([], locked=(locked,))
    assert "locked" not in rules([locked], locked=(locked,))


def test_missed_minimums_must_be_listed_as_shortfalls():
    p = problem()
    empty = Plan(MONTH, "America/New_York")
    messages = [v for v in validate(p, empty) if v.rule == "minimum"]
    assert len(messages) == 5 * 4 + 1 + 23  # weekly types x weeks, district, cpu per workday
    listed = Plan(MONTH, "America/New_York", (), (Shortfall("district", "2026-12", 2, 0, "reason"),))
    remaining = [v for v in validate(p, listed) if v.rule == "minimum"]
    assert len(remaining) == len(messages) - 1


def test_a_walk_before_now_is_refused_unless_it_already_happened():
    walk = squad_walk(start=at(2, 10))
    assert "past" in rules([walk], not_before=at(3, 9))
    assert "past" not in rules([walk], not_before=at(3, 9), locked=(walk,))  # it started: it stays
    assert "past" not in rules([walk], not_before=at(2, 9))


def test_periods_over_before_now_need_no_shortfall():
    p = problem(not_before=at(14, 0))
    plan = Plan(MONTH, "America/New_York", ())
    listed = {v.message.split(":")[0] for v in validate(p, plan) if v.rule == "minimum"}
    assert not any("2026-12-01" in message or "period 2026-12-07" in message for message in listed)
    assert any("period 2026-12-14" in message for message in listed)


def test_no_walk_on_a_holiday_but_a_post_incident_walk():
    christmas = replace(problem(), district=district(holidays=frozenset({date(2026, 12, 25)})))
    on_christmas = squad_walk(start=at(25, 10))
    found = [v for v in validate(christmas, Plan(MONTH, "America/New_York", (on_christmas,)))]
    assert [v.message for v in found if v.rule == "holiday"] == [
        "Friday 2026-12-25 is a holiday of the district (only post-incident walks then)"
    ]
    assert "holiday" not in {
        v.rule for v in validate(problem(), Plan(MONTH, "America/New_York", (on_christmas,)))
    }
    after_shooting = Walk("p1", "post_incident", at(25, 10), 60, "u1", ("u1", "u2"), locked=True)
    plan = Plan(MONTH, "America/New_York", (after_shooting,))
    assert {v.rule for v in validate(christmas, plan)} <= {"minimum"}
