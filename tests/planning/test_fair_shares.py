"""Issue 11 items 4-6: squad and shift walks keep to the coordinator's own crew, every group of
interchangeable people shares its walks, and a monthly type's walks fall in different weeks."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime, time

import pytest
from ortools.sat.python import cp_model

from scheduler.domain import Crew, Engagement, Plan, Rank, Walk
from scheduler.domain.errors import InputError
from scheduler.domain.periods import week_start_of
from scheduler.formats.district_settings import parse_settings
from scheduler.planning.assembly import assemble_plan
from scheduler.planning.candidates import build_demands
from scheduler.planning.department_model import district_model
from scheduler.planning.firstfit import fill as first_fit_assignments
from scheduler.planning.firstfit import first_fit
from scheduler.planning.groups import busiest_in_groups, interchangeable_groups
from scheduler.planning.metrics import plan_metrics
from scheduler.planning.planner import make_plan
from scheduler.rules.hard_rules import walks_with
from scheduler.rules.validator import validate
from tests.factories import MONTH, person, problem
from tests.planning.helpers import only_walk_types

SQUAD = problem().district.walk_type("squad")
SHIFT = problem().district.walk_type("shift")


def test_a_squad_walk_is_the_sergeants_own_squad_where_both_squads_are_given():
    sergeant = person("sA", Rank.SERGEANT, squad="A")
    assert walks_with(SQUAD, sergeant, person("o1", Rank.OFFICER, squad="A"))
    assert not walks_with(SQUAD, sergeant, person("o2", Rank.OFFICER, squad="B"))
    assert walks_with(SQUAD, sergeant, person("o3", Rank.OFFICER))  # squad not given: anyone
    assert walks_with(replace(SQUAD, crew=Crew.ANYONE), sergeant, person("o2", Rank.OFFICER, squad="B"))


def test_a_shift_walk_is_the_lieutenants_shift_by_squad_or_else_by_shift_start():
    lieutenant = person("l1", Rank.LIEUTENANT, start=time(7, 0))  # leads a shift, no squad
    assert walks_with(SHIFT, lieutenant, person("s1", Rank.SERGEANT, squad="A", start=time(7, 0)))
    assert not walks_with(SHIFT, lieutenant, person("s2", Rank.SERGEANT, squad="B", start=time(12, 0)))
    with_squad = person("l2", Rank.LIEUTENANT, squad="A", start=time(7, 0))
    assert not walks_with(SHIFT, with_squad, person("s3", Rank.SERGEANT, squad="C", start=time(7, 0)))


@pytest.fixture(scope="module")
def crews_plan():
    p = only_walk_types(problem(), "squad", "shift")
    return p, make_plan(p, time_limit=60, effort=0.5)


@pytest.mark.parametrize("planner", ["cp-sat", "first-fit"])
def test_planned_squad_and_shift_walks_keep_to_the_coordinators_crew(crews_plan, planner):
    p, result = crews_plan
    plan = result.plan if planner == "cp-sat" else first_fit(p)
    people = p.people_by_id
    assert validate(p, plan) == [] and plan.shortfalls == ()
    assert {w.type for w in plan.walks} == {"squad", "shift"}
    for walk in plan.walks:
        lead = people[walk.coordinator]
        for pid in walk.participants[1:]:
            if walk.type == "squad":
                assert people[pid].squad == lead.squad
            else:
                assert people[pid].shift_start == lead.shift_start


def test_the_validator_names_a_walker_from_another_squad():
    p = only_walk_types(problem(), "squad")
    start = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)  # 10:00 in New York
    walk = Walk("w1", "squad", start, 30, "sA", ("sA", "oB2"))
    found = [v for v in validate(p, Plan(MONTH, "America/New_York", (walk,))) if v.rule == "crew"]
    assert [str(v) for v in found] == ["w1: Officer oB2 (oB2) is not on Sergeant sA (sA)'s squad"]
    relaxed = replace(p, district=replace(p.district, walk_types=(replace(SQUAD, crew=Crew.ANYONE),)))
    assert [v for v in validate(relaxed, Plan(MONTH, "America/New_York", (walk,))) if v.rule == "crew"] == []


def test_a_district_relaxes_the_crew_rule_in_its_settings():
    district = parse_settings('name = "D"\n[walk_types.squad]\ncrew = "anyone"\n', "d.toml")
    assert district.walk_type("squad").crew is Crew.ANYONE
    assert district.walk_type("shift").crew is Crew.OWN_SHIFT
    with pytest.raises(InputError) as error:
        parse_settings('name = "D"\n[walk_types.squad]\ncrew = "own squad"\n', "d.toml")
    assert error.value.field == "walk_types.squad.crew"
    assert "anyone, own_squad, own_shift" in str(error.value)


def test_groups_are_the_people_a_role_admits_each_set_once():
    groups = {g.label: g for g in interchangeable_groups(problem())}
    cpu = groups["community policing unit member"]
    assert cpu.members == {"u1", "u2", "u3"}
    assert cpu.roles == {("cpu", 0), ("cpu", 1)}  # both roles admit the same people: one group
    assert groups["patrol officer"].members == {f"o{s}{i}" for s in "AB" for i in range(4)}
    assert "district captain" not in groups  # one person: nothing to share


def test_the_unit_sergeant_walks_as_often_as_the_unit_officers():
    """The guide's daily unit walk: 23 workdays x 2 places among u1, u2 and the sergeant u3."""
    p = only_walk_types(problem(), "cpu")
    result = make_plan(p, time_limit=60, effort=0.5)
    load = Counter(pid for walk in result.plan.walks for pid in walk.participants)
    assert validate(p, result.plan) == [] and len(result.plan.walks) == 23
    assert sorted(load.values()) == [15, 15, 16]
    groups = interchangeable_groups(p)
    assert busiest_in_groups(result.plan, groups)["community policing unit member"] == 16


def test_busiest_in_groups_counts_walks_in_the_groups_roles_only():
    p = problem()
    day = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)
    walks = (
        Walk("w1", "cpu", day, 45, "u3", ("u3", "u1")),
        Walk("w2", "cpu", day.replace(day=2), 45, "u3", ("u3", "u2")),
        Walk("w3", "district", day.replace(day=3), 30, "c1", ("c1", "l1", "sA", "c2", "l3", "u3")),
    )
    loads = busiest_in_groups(Plan(MONTH, "America/New_York", walks), interchangeable_groups(p))
    assert loads["community policing unit member"] == 2  # u3's district walk is another role
    assert loads["non-patrol sergeant"] == 1


def test_a_monthly_types_walks_fall_in_different_weeks():
    p = only_walk_types(problem(), "district")
    result = make_plan(p, time_limit=60, effort=0.5)
    weeks = [week_start_of(w.start.date(), p.district.week_start) for w in result.plan.walks]
    assert len(weeks) == 2 and len(set(weeks)) == 2
    assert result.plan.quality.term("crowded_week").amount == 0


def test_cp_sat_is_never_worse_than_first_fit_on_what_the_guide_cares_about(december):
    p, result = december
    baseline = first_fit(p)
    groups = interchangeable_groups(p)
    ours, theirs = busiest_in_groups(result.plan, groups), busiest_in_groups(baseline, groups)
    assert len(result.plan.shortfalls) <= len(baseline.shortfalls)
    assert all(ours[label] <= theirs[label] for label in ours), (ours, theirs)
    ours_figures, theirs_figures = (
        plan_metrics(result.plan, p.people_by_id),
        plan_metrics(baseline, p.people_by_id),
    )
    assert ours_figures.distinct_people >= theirs_figures.distinct_people
    assert ours_figures.developing_paired >= theirs_figures.developing_paired


def test_first_fit_shares_the_walks_of_a_coordinator_on_duty_at_one_hour_only():
    """Officer walks led by a0 (from 07:00) or b0-b3 (from 12:00). First-fit aims every third walk
    at 10:00, when only a0 is on duty: taking the nearest start first, a0 led those 5 of the 13
    walks (with a1, the only other officer then, beside). Choosing the coordinator over every
    start first, a0 leads no more than b0 does: four walks, against 13 / 5 = 2.6 each at best."""
    people = [
        person("a0", Rank.OFFICER, responsible=True, squad="A", start=time(7, 0)),
        person("a1", Rank.OFFICER, squad="A", start=time(7, 0)),
    ]
    people += [
        person(f"b{i}", Rank.OFFICER, responsible=i < 4, squad="B", start=time(12, 0)) for i in range(6)
    ]
    p = only_walk_types(problem(tuple(people)), "officer")
    plan = first_fit(p)
    assert validate(p, plan) == []
    assert len(plan.walks) == 13
    busiest = busiest_in_groups(plan, interchangeable_groups(p))
    assert busiest == {"responsible patrol officer": 4, "second patrol officer": 3}


def test_the_search_keeps_to_plans_no_worse_than_first_fit():
    """The promise above is a constraint, not luck: each figure of first-fit's plan bounds the model."""
    p = problem()
    demands = build_demands(p)
    model = district_model(p, demands)
    model.no_worse_than(model.add_hint(first_fit_assignments(p, demands)))
    names = {c.name.split("[")[0] for c in model.model.proto.constraints}
    assert {
        "no_busier_than_first_fit",
        "no_fewer_walkers_than_first_fit",
        "no_fewer_paired_than_first_fit",
    } <= names


def test_a_walk_may_carry_more_people_than_its_roles_need():
    """Minimums are "at least": an extra patrol officer on an officer walk breaks no rule."""
    p = only_walk_types(problem(), "officer")
    start = datetime(2026, 12, 1, 18, 0, tzinfo=UTC)  # 13:00 in New York: squads A and B on duty
    walk = Walk("w1", "officer", start, 20, "oA0", ("oA0", "oA2", "oB3"))
    violations = validate(p, Plan(MONTH, "America/New_York", (walk,)))
    assert [v for v in violations if v.walk == "w1"] == []


def test_a_companion_joins_a_walk_beyond_its_places_and_the_plan_keeps_every_rule():
    """The model may add a natural engager beside a developing person (forced here on one walk, as
    the solver would where it pairs without costing a higher rule): the walk carries one person
    more than its places, the plan is valid, and the cost names the companion."""
    p = only_walk_types(problem(), "officer")
    demands = build_demands(p)
    walk_model = district_model(p, demands)
    key, natural = next((key, pid) for key, extras in walk_model.companions.items() for pid in extras)
    assert p.people_by_id[natural].engagement is Engagement.NATURAL
    walk_model.model.add(walk_model.companions[key][natural] == 1)
    walk_model.model.clear_objective()  # any plan with the companion will do
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    assert solver.solve(walk_model.model) == cp_model.OPTIMAL
    value = walk_model.solution(solver.value)
    plan = assemble_plan(p, demands, walk_model.assignments(value))
    assert validate(p, plan) == []
    joined = [w for w in plan.walks if natural in w.participants and len(w.participants) == 3]
    assert len(joined) == 1
    engagements = {p.people_by_id[pid].engagement for pid in joined[0].participants}
    assert Engagement.DEVELOPING in engagements
    assert walk_model.costs["companion"].amount(value) == 1
