"""Districts that share people: another district's walks are busy time for them, the validator
says so, and they count in the shared people's load."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from scheduler.domain import Rank, Unit, Walk
from scheduler.planning.firstfit import first_fit
from scheduler.planning.planner import make_plan
from scheduler.rules.validator import validate
from tests.factories import person, problem, small_roster
from tests.planning.conftest import clashes

NEW_YORK = ZoneInfo("America/New_York")


def elsewhere(walks: tuple[Walk, ...]) -> tuple[Walk, ...]:
    """Walks as another district's: ids carry its name."""
    return tuple(replace(w, id=f"North:{w.id}") for w in walks)


@pytest.mark.slow
def test_a_plan_never_puts_shared_people_on_two_districts_walks_at_once():
    north = first_fit(problem())
    south = problem(elsewhere=elsewhere(north.walks))
    result = make_plan(south, time_limit=60, effort=0.1, seed=1)
    assert validate(south, result.plan) == []
    assert clashes(result.plan.walks, south.elsewhere) == []


def test_first_fit_keeps_shared_people_free_too():
    north = first_fit(problem())
    south = problem(elsewhere=elsewhere(north.walks))
    plan = first_fit(south)
    assert validate(south, plan) == []
    assert clashes(plan.walks, south.elsewhere) == []


def test_the_validator_names_the_other_districts_walk():
    north = first_fit(problem())
    south = problem(elsewhere=elsewhere(north.walks))
    found = [v for v in validate(south, north) if v.rule == "other_district"]
    assert found and all("is on walk North:" in v.message for v in found)
    # Walks of people this district does not have are none of its business.
    unrelated = problem(people=small_roster()[:1], elsewhere=elsewhere(north.walks[:0]))
    assert [v for v in validate(unrelated, north) if v.rule == "other_district"] == []


@pytest.mark.slow
def test_walks_in_other_districts_count_in_a_shared_persons_load():
    """Two non-patrol captains; the investigations captain already walked both of the other
    district's district walks, so this district's go to the other captain."""
    people = (*small_roster(), person("c3", Rank.CAPTAIN, Unit.SUPPORT))
    given = tuple(
        Walk(
            id=f"North:d{day}",
            type="district",
            start=datetime(2026, 12, day, 16, 0, tzinfo=NEW_YORK),
            minutes=30,
            coordinator="n-captain",
            participants=("n-captain", "c2"),
        )
        for day in (7, 14)
    )
    south = problem(people=people, elsewhere=given)
    result = make_plan(south, time_limit=60, effort=0.1, seed=1)
    assert validate(south, result.plan) == []
    district_walks = [w for w in result.plan.walks if w.type == "district"]
    assert len(district_walks) == 2
    assert all("c3" in w.participants and "c2" not in w.participants for w in district_walks)
