"""Where a post-incident walk goes and who is on it, on the small roster (checkable by hand):
Mon-Fri shifts; CPU u1, u2 09:00-19:00 and u3 11:00-21:00; district captain c1 08:00-18:00;
walk hours 09:00-20:00; the walk waits 2 hours and lasts 60 minutes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

from scheduler.domain import DateRange, Month, Plan, Rank, Unit
from scheduler.domain.incidents import Incident
from scheduler.planning.planner import make_plan
from scheduler.planning.post_incident import NOBODY, add_post_incident
from scheduler.rules.validator import validate
from tests.factories import ALL_WEEK, person, problem, small_roster
from tests.planning.helpers import only_walk_types

NY = ZoneInfo("America/New_York")
EMPTY = Plan(Month(2026, 12), "America/New_York")


def walk_only(people=None, **district):
    """The month with post-incident walks only: the re-plan around the walk has nothing to do."""
    p = only_walk_types(problem(people), "post_incident")
    return replace(p, district=replace(p.district, **district))


def placed(p, incident, partners=()):
    result = add_post_incident(p, EMPTY, incident, partners=partners, effort=0.1)
    assert result.walk is not None, result.reason
    followed = replace(p, incidents=(incident,), incident_walks={result.walk.id: incident.id})
    assert validate(replace(followed, locked=(result.walk,)), result.plan) == []
    return result


def test_a_homicide_at_10_05_gets_its_walk_at_12_15_when_everyone_is_on_duty():
    homicide = Incident("H-1", "homicide", datetime(2026, 12, 10, 10, 5, tzinfo=NY))  # a Thursday
    walk = placed(walk_only(), homicide).walk
    assert walk.start == datetime(2026, 12, 10, 12, 15, tzinfo=NY)  # first quarter hour after 12:05
    assert walk.minutes == 60 and walk.called_in == ()


def test_a_shooting_at_19_00_gets_its_walk_the_next_morning_inside_walk_hours():
    shooting = Incident("S-1", "shooting", datetime(2026, 12, 10, 19, 0, tzinfo=NY))
    result = placed(walk_only(), shooting)
    assert result.walk.start == datetime(2026, 12, 11, 9, 0, tzinfo=NY)  # not 21:00 the same evening
    assert not result.outside_walk_hours


def test_a_friday_night_shooting_calls_in_the_cpu_member_whose_shift_is_nearest():
    """Nobody works on Saturday: u3's shift ended at 21:00 on Friday, nearer than u1's and u2's
    (19:00), so u3 is called in to coordinate at 09:00 on Saturday rather than no walk at all."""
    shooting = Incident("S-2", "shooting", datetime(2026, 12, 11, 21, 30, tzinfo=NY))
    walk = placed(walk_only(), shooting).walk
    assert walk.start == datetime(2026, 12, 12, 9, 0, tzinfo=NY)
    assert walk.coordinator == "u3" and "u3" in walk.called_in
    assert set(walk.called_in) == set(walk.participants)  # everyone is off duty on Saturday


def test_the_district_captain_is_the_patrol_commander_even_when_called_in():
    """c9, another patrol captain, works on Saturday; c1, the district captain, does not."""
    c9 = person("c9", Rank.CAPTAIN, Unit.PATROL, pattern=ALL_WEEK)
    shooting = Incident("S-3", "shooting", datetime(2026, 12, 11, 21, 30, tzinfo=NY))
    walk = placed(walk_only((*small_roster(), c9)), shooting).walk
    assert "c1" in walk.participants and "c1" in walk.called_in and "c9" not in walk.participants
    on_thursday = Incident("H-2", "homicide", datetime(2026, 12, 10, 10, 5, tzinfo=NY))
    walk = placed(walk_only((*small_roster(), c9)), on_thursday).walk
    assert "c1" in walk.participants and "c1" not in walk.called_in


def test_nobody_on_leave_is_called_in():
    saturday = DateRange(date(2026, 12, 12), date(2026, 12, 12))
    on_leave = tuple(replace(x, leave=(saturday,)) if x.id == "u3" else x for x in small_roster())
    shooting = Incident("S-4", "shooting", datetime(2026, 12, 11, 21, 30, tzinfo=NY))
    walk = placed(walk_only(on_leave), shooting).walk
    assert walk.coordinator in {"u1", "u2"} and "u3" not in walk.participants


def test_partners_are_invited_by_name():
    homicide = Incident("H-3", "homicide", datetime(2026, 12, 10, 10, 5, tzinfo=NY))
    walk = placed(walk_only(), homicide, partners=("Dana Reyes", "Sam Ode")).walk
    assert walk.partners == ("Dana Reyes", "Sam Ode")


def test_outside_walk_hours_only_when_no_start_inside_them_is_left():
    """Waiting 20 hours after 08:00 leaves starts from 04:00 to 07:00 the next day: none in walk
    hours, so the walk goes outside them, and the result says so. At 07:00 squad A's lieutenant
    and officers are on duty (fewest called in), so 07:00 it is."""
    early = Incident("S-5", "shooting", datetime(2026, 12, 9, 8, 0, tzinfo=NY))
    result = placed(walk_only(post_incident_delay_hours=20), early)
    assert result.outside_walk_hours
    assert result.walk.start == datetime(2026, 12, 10, 7, 0, tzinfo=NY)
    assert {"l1", "oA0"} <= set(result.walk.participants) - set(result.walk.called_in)


def test_the_walk_lasts_the_districts_post_incident_minutes():
    homicide = Incident("H-4", "homicide", datetime(2026, 12, 10, 10, 5, tzinfo=NY))
    assert placed(walk_only(post_incident_minutes=90), homicide).walk.minutes == 90


def test_nobody_at_all_is_a_shortfall_listed_by_every_plan_until_the_walk_exists():
    no_cpu = tuple(x for x in small_roster() if x.unit is not Unit.COMMUNITY_POLICING)
    p = walk_only(no_cpu)
    shooting = Incident("S-6", "shooting", datetime(2026, 12, 11, 21, 30, tzinfo=NY))
    result = add_post_incident(p, EMPTY, shooting, effort=0.1)
    assert result.walk is None
    assert result.reason == NOBODY.format(role="community policing unit coordinator")
    owed = replace(p, incidents=(shooting,))
    assert [v.rule for v in validate(owed, EMPTY)] == ["minimum"]  # silently missing is refused
    for _ in range(2):  # every later plan of the month
        plan = make_plan(owed, effort=0.1).plan
        (shortfall,) = plan.shortfalls
        assert (shortfall.type, shortfall.period, shortfall.required, shortfall.planned) == (
            "post_incident",
            "incident S-6",
            1,
            0,
        )
        assert "S-6" in shortfall.reason and validate(owed, plan) == []
        owed = replace(owed, previous=plan)


def test_validator_checks_a_post_incident_walk_like_any_other():
    homicide = Incident("H-5", "homicide", datetime(2026, 12, 10, 10, 5, tzinfo=NY))
    p = walk_only()
    walk = placed(p, homicide).walk
    followed = replace(p, incidents=(homicide,), incident_walks={walk.id: homicide.id})

    def rules(**changes):
        changed = replace(walk, **changes)
        return {v.rule for v in validate(followed, replace(EMPTY, walks=(changed,)))}

    assert rules() == set()
    assert rules(start=datetime(2026, 12, 10, 11, 0, tzinfo=NY)) == {"incident_window"}  # 55 min after
    assert "incident_window" in rules(start=datetime(2026, 12, 11, 9, 30, tzinfo=NY))  # ends after 24 h
    assert rules(start=datetime(2026, 12, 10, 20, 0, tzinfo=NY)) >= {"walk_hours"}
    assert rules(minutes=45) == {"duration"}
    assert rules(called_in=("nobody",)) == {"called_in"}
    assert "on_duty" in rules(start=datetime(2026, 12, 10, 19, 0, tzinfo=NY))  # u1's shift is over
