"""Why a minimum cannot be met, in words a captain can act on.

Each reason comes from relaxing the planning model one step at a time and finding the first
relaxation that is already infeasible:
1. the roster alone: is there anyone at all for each role?
2. each role alone: is anyone in that role on duty in walk hours in the period (or on leave)?
3. the roles together, without the other walks: the smallest set of roles that is never on
   duty at the same time (found exactly, over every start time of every day);
4. this walk type alone, with the full model: how many of its walks could be staffed at all;
5. otherwise the walk competes with the other walks or the squad walking limit.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from itertools import combinations

from ortools.sat.python import cp_model

from scheduler.candidates import Demand, DutyTable, eligible_people, person_starts, start_grid
from scheduler.model import Per, Person, PlanningProblem, Role, WalkType
from scheduler.periods import Period
from scheduler.walk_model import WalkModel


class Diagnosis:
    def __init__(self, problem: PlanningProblem):
        self.problem = problem
        self.duty = DutyTable(problem)

    def explain(self, demand: Demand, planned: int) -> str:
        walk_type, period = demand.walk_type, demand.period
        when = _when(walk_type, period)
        reason = (
            self._missing_from_roster(walk_type)
            or self._never_on_duty(walk_type, period, when)
            or self._never_together(walk_type, period, when)
            or self._too_few_alone(demand, when)
            or (
                "the people who could fill it are on other walks at those times, or their squads "
                f"already have {self.problem.district.max_walking_per_squad} walking"
            )
        )
        return f"{walk_type.name.lower()}, {when}: {reason}"

    def _missing_from_roster(self, walk_type: WalkType) -> str:
        problems = []
        for role in walk_type.roles:
            count = sum(1 for person in self.problem.people if role.admits(person))
            if count == 0:
                problems.append(f"no {role.label} on the roster")
            elif count < role.count:
                problems.append(f"only {count} {role.label} on the roster, {role.count} needed")
        if len(walk_type.roles) > 1 and not problems:
            others = sum(1 for p in self.problem.people if any(r.admits(p) for r in walk_type.roles))
            if others < walk_type.size:
                problems.append(f"only {others} people on the roster can fill its {walk_type.size} places")
        return "; ".join(problems)

    def _never_on_duty(self, walk_type: WalkType, period: Period, when: str) -> str:
        grid = start_grid(walk_type, self.problem)
        for role in walk_type.roles:
            people = [p for p in self.problem.people if role.admits(p)]
            if any(self._can_walk(p, day, grid, walk_type) for p in people for day in period.days):
                continue
            span = (
                "all week"
                if walk_type.per is Per.WORK_WEEK
                else "that day"
                if len(period.days) == 1
                else "all month"
            )
            the = f"the {role.label} ({people[0].name})" if len(people) == 1 else f"every {role.label}"
            if not period.days:
                return f"no workday of the district falls {when}"
            if all(p.on_leave(day) for p in people for day in period.days):
                return f"{the} is on leave {span}"
            hours = f"{self.problem.district.walk_start:%H:%M}-{self.problem.district.walk_end:%H:%M}"
            return f"{the} is off duty or on leave in walk hours ({hours}) {span}"
        return ""

    def _can_walk(self, person: Person, day: date, grid: Sequence[int], walk_type: WalkType) -> bool:
        return bool(person_starts(self.duty.windows(person, day), grid, walk_type.minutes))

    def _never_together(self, walk_type: WalkType, period: Period, when: str) -> str:
        """The smallest set of roles that no start time of the period can fill at once."""
        grid = start_grid(walk_type, self.problem)
        eligible = eligible_people(walk_type, self.problem.people)
        moments: list[list[int]] = []  # per start time: how many people each role could take
        for day in period.days:
            starts_of = [
                (roles, person_starts(self.duty.windows(person, day), grid, walk_type.minutes))
                for person, roles in eligible
            ]
            for start in grid:
                present = [roles for roles, starts in starts_of if start in starts]
                moments.append(
                    [sum(1 for roles in present if i in roles) for i in range(len(walk_type.roles))]
                )
        indices = range(len(walk_type.roles))
        for size in range(2, len(walk_type.roles) + 1):
            for subset in combinations(indices, size):
                if not any(all(m[i] >= walk_type.roles[i].count for i in subset) for m in moments):
                    labels = _joined([_a(walk_type.roles[i]) for i in subset])
                    return f"there is no time {when} when {labels} are on duty together"
        return ""

    def _too_few_alone(self, demand: Demand, when: str) -> str:
        """Solve this walk type's period on its own; if even that falls short, say how far."""
        if not demand.slots:
            return ""
        alone = WalkModel(self.problem, [demand])
        solver = cp_model.CpSolver()
        solver.parameters.max_deterministic_time = 2.0
        solver.parameters.num_workers = 1
        status = solver.solve(alone.model)
        if status != cp_model.OPTIMAL:
            return ""
        possible = sum(solver.value(alone.active[slot.key]) for slot in demand.slots) + demand.locked
        if possible >= demand.period.required:
            return ""
        coordinator = demand.walk_type.coordinator_role.label
        return (
            f"even with no other walks only {possible} of {demand.period.required} can be staffed "
            f"{when}: the {coordinator} and the others it needs are on duty together too seldom"
        )


def _when(walk_type: WalkType, period: Period) -> str:
    if walk_type.per is Per.WORK_WEEK:
        return f"week of {period.key}"
    if walk_type.per is Per.WORKDAY:
        return f"{period.first:%A} {period.key}"
    return period.key


def _a(role: Role) -> str:
    return f"a {role.label}" if role.count == 1 else f"{role.count} {role.label}s"


def _joined(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
