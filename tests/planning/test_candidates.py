"""A person is a candidate only for the places they could really take: the model makes a variable for
each, and a large department has thousands that no coordinator could ever walk with."""

from __future__ import annotations

from datetime import time

from scheduler.domain import Rank
from scheduler.planning.candidates import build_demands
from scheduler.planning.firstfit import first_fit
from scheduler.rules.validator import validate
from tests.factories import person, problem, small_roster
from tests.planning.helpers import only_walk_types


def candidates_of(demands, type_key):
    slots = [s for d in demands if d.walk_type.key == type_key for s in d.slots]
    return {c.person.id for s in slots for c in s.candidates}


def test_an_officer_whose_squad_has_no_responsible_sergeant_is_no_candidate_for_squad_walks():
    """oC0's squad C has no responsible sergeant, so no squad walk can take oC0; an officer walk
    (anyone's crew) still can."""
    people = (*small_roster(), person("oC0", Rank.OFFICER, squad="C", start=time(7, 0)))
    p = only_walk_types(problem(people), "squad", "officer")
    demands = build_demands(p)
    assert "oC0" not in candidates_of(demands, "squad")
    assert {"oC0", "oA2", "oB2"} <= candidates_of(demands, "officer")
    assert {"oA2", "oB2"} <= candidates_of(demands, "squad")
    assert validate(p, first_fit(p)) == []


def test_a_later_place_needs_a_coordinator_on_duty_at_the_same_time():
    """e0 of squad A works from 18:00 and walks end by 20:00: squad A's sergeant (07:00-17:00)
    is never on duty with e0, so no squad walk can take e0; squad B's responsible officers
    (12:00-22:00) can lead e0 on an officer walk."""
    people = (*small_roster(), person("e0", Rank.OFFICER, squad="A", start=time(18, 0)))
    demands = build_demands(only_walk_types(problem(people), "squad", "officer"))
    assert "e0" not in candidates_of(demands, "squad")
    assert "e0" in candidates_of(demands, "officer")
