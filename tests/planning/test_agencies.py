"""The benchmark's synthetic rosters: deterministic, and shaped so the guide's walks can happen."""

from __future__ import annotations

from collections import Counter
from zoneinfo import ZoneInfo

import pytest

from scheduler.domain import Month, Person, Rank, Unit
from scheduler.domain.availability import duty_windows
from tests.benchmarks.agencies import AGENCIES, AgencySpec, agency, make_problem, make_roster

MONTH = Month(2026, 12)


@pytest.fixture(scope="module", params=AGENCIES, ids=lambda spec: spec.name)
def roster(request: pytest.FixtureRequest) -> tuple[AgencySpec, tuple[Person, ...]]:
    spec: AgencySpec = request.param
    return spec, make_problem(spec, MONTH, seed=7).people


def test_same_seed_same_roster_and_another_seed_another() -> None:
    def build(seed: int) -> tuple[Person, ...]:
        return make_roster(125, shift_system="10h", seed=seed, month=MONTH, civilians=35)

    assert build(3) == build(3)
    assert build(3) != build(4)


def test_only_leave_depends_on_the_month() -> None:
    def build(month: Month) -> tuple[Person, ...]:
        return make_roster(79, shift_system="12h", seed=1, month=month)

    december, january = build(MONTH), build(MONTH.next())
    assert [p.id for p in december] == [p.id for p in january]
    assert [(p.name, p.pattern, p.squad) for p in december] == [(p.name, p.pattern, p.squad) for p in january]
    assert all(
        entry.first >= MONTH.first_day and entry.last <= MONTH.last_day for p in december for entry in p.leave
    )


def test_sizes_follow_the_spec(roster: tuple[AgencySpec, tuple[Person, ...]]) -> None:
    spec, people = roster
    ranks = Counter(p.rank for p in people)
    assert ranks[Rank.CIVILIAN] == spec.civilians
    assert len(people) - ranks[Rank.CIVILIAN] == spec.sworn
    assert ranks[Rank.CHIEF] == 1


def test_ids_are_unique(roster: tuple[AgencySpec, tuple[Person, ...]]) -> None:
    _, people = roster
    assert len({p.id for p in people}) == len(people)


def test_exactly_one_district_captain(roster: tuple[AgencySpec, tuple[Person, ...]]) -> None:
    spec, people = roster
    captains = [p for p in people if p.rank is Rank.CAPTAIN]
    district = [p for p in captains if p.unit is Unit.PATROL and p.responsible]
    assert len(district) == 1
    if spec.sworn >= 100:
        assert any(p.unit is not Unit.PATROL for p in captains)


def test_community_policing_unit_has_two_or_more(roster: tuple[AgencySpec, tuple[Person, ...]]) -> None:
    _, people = roster
    assert sum(1 for p in people if p.unit is Unit.COMMUNITY_POLICING) >= 2


def test_squads_are_six_to_ten_officers_and_a_sergeant(roster: tuple[AgencySpec, tuple[Person, ...]]) -> None:
    _, people = roster
    squads: dict[str, Counter[Rank]] = {}
    for p in people:
        if p.squad:
            squads.setdefault(p.squad, Counter())[p.rank] += 1
    assert squads
    for squad, ranks in squads.items():
        assert ranks[Rank.SERGEANT] == 1, squad
        assert 6 <= ranks[Rank.OFFICER] <= 10, squad
        assert set(ranks) == {Rank.SERGEANT, Rank.OFFICER}, squad


def test_responsible_leaders_exist(roster: tuple[AgencySpec, tuple[Person, ...]]) -> None:
    _, people = roster
    responsible = Counter(p.rank for p in people if p.responsible and p.unit is Unit.PATROL)
    assert responsible[Rank.LIEUTENANT] >= 1
    assert responsible[Rank.SERGEANT] >= 1
    assert responsible[Rank.OFFICER] >= 6


def test_responsible_officers_on_duty_on_most_workdays(roster: tuple[AgencySpec, tuple[Person, ...]]) -> None:
    spec, people = roster
    district = make_problem(spec, MONTH, seed=7).district
    tz = ZoneInfo(district.timezone)
    officers = [p for p in people if p.responsible and p.rank is Rank.OFFICER]
    workdays = [day for day in MONTH.days() if day.weekday() in district.workdays]
    covered = [day for day in workdays if any(duty_windows(p, day, district, tz) for p in officers)]
    assert len(covered) >= 0.8 * len(workdays)


def test_target_agencies_have_the_planned_head_counts() -> None:
    assert agency("target-160").sworn + agency("target-160").civilians == 160
    assert 900 <= agency("target-900").sworn + agency("target-900").civilians <= 950
    with pytest.raises(KeyError):
        agency("nowhere")
