"""Why a minimum cannot be met, in words a captain can act on.

Each reason comes from relaxing the planning model one step at a time and finding the first
relaxation that is already infeasible:
1. the roster alone: is there anyone at all for each role?
2. each role alone: is anyone in that role on duty in walk hours in the period (or on leave)?
3. the roles together, without the other walks: the smallest set of roles that is never on
   duty at the same time with enough different people (exactly, over every start time);
4. this walk type alone in the full model, with and without the squad limit: how many of its
   walks could be staffed at all, and whether the squad limit is what holds it back;
5. otherwise the walk competes with the other walks or the squad walking limit.

The diagnosis takes its time from the planning call's deadline: each sub-solve stops at the
deadline as well as at its deterministic limit, and a shortfall it has no time left for is said to
be unexplained for lack of time rather than given a reason that may not be the right one.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from itertools import combinations
from zoneinfo import ZoneInfo

from ortools.sat.python import cp_model

from scheduler.domain import Per, Person, PlanningProblem, Role, WalkType
from scheduler.domain.periods import Period
from scheduler.planning.candidates import (
    Demand,
    DutyTable,
    eligible_people,
    person_starts,
    start_grid,
    starts_on,
)
from scheduler.planning.deadline import Deadline
from scheduler.planning.department_model import district_model
from scheduler.planning.walk_model import OutOfTime

OUT_OF_TIME = "the time limit ran out before the reason could be worked out"
SUB_SOLVE_EFFORT = 2.0  # deterministic units for each sub-solve
SUB_SOLVE_LEAST_SECONDS = 0.05  # a sub-solve is not started with less time left


class Diagnosis:
    def __init__(self, problem: PlanningProblem, deadline: Deadline | None = None):
        self.problem = problem
        self.deadline = deadline
        self.duty = DutyTable(problem)
        self.tz = ZoneInfo(problem.district.timezone)

    def explain(self, demand: Demand, planned: int) -> str:
        walk_type, period = demand.walk_type, demand.period
        span = {Per.WORK_WEEK: "that week", Per.WORKDAY: "that day"}.get(walk_type.per, "that month")
        try:
            self._check_time()
            reason = (
                self._missing_from_roster(walk_type)
                or self._no_start_left(walk_type, period, span)
                or self._never_on_duty(walk_type, period, span)
                or self._never_together(walk_type, period, span)
                or self._too_few_alone(demand, span)
                or (
                    "the people who could fill it are on other walks at those times, or their squads "
                    f"already have {self.problem.district.max_walking_per_squad} walking"
                )
            )
        except OutOfTime:
            reason = OUT_OF_TIME
        return f"{walk_type.name.lower()}, {_when(walk_type, period)}: {reason}"

    def _check_time(self, least: float = 0.0) -> None:
        if self.deadline is not None and self.deadline.remaining() <= least:
            raise OutOfTime

    def _starts(self, walk_type: WalkType, day: date) -> list[int]:
        return starts_on(day, start_grid(walk_type, self.problem), self.problem, self.tz)

    def _no_start_left(self, walk_type: WalkType, period: Period, span: str) -> str:
        """Planning from `not_before` on: no start time of the period is left."""
        not_before = self.problem.not_before
        if not_before is None or not period.days or any(self._starts(walk_type, d) for d in period.days):
            return ""
        moment = f"{not_before.astimezone(self.tz):%Y-%m-%d %H:%M}"
        return f"no walk can start in what is left of {span} after {moment}"

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

    def _never_on_duty(self, walk_type: WalkType, period: Period, span: str) -> str:
        grids = {day: self._starts(walk_type, day) for day in period.days}
        for role in walk_type.roles:
            self._check_time()
            people = [p for p in self.problem.people if role.admits(p)]
            if any(self._can_walk(p, day, grids[day], walk_type) for p in people for day in period.days):
                continue
            the = f"the {role.label} ({people[0].name})" if len(people) == 1 else f"every {role.label}"
            if not period.days:
                return f"no workday of the district falls in {span}"
            whole = {"that week": "all week", "that month": "all month"}.get(span, span)
            hours = f"{self.problem.district.walk_start:%H:%M}-{self.problem.district.walk_end:%H:%M}"
            holidays = [
                day
                for day in period.holidays
                if any(self._can_walk(p, day, self._starts(walk_type, day), walk_type) for p in people)
            ]
            if holidays:
                return (
                    f"{the} is on duty in walk hours ({hours}) {span} only on {_holidays(holidays)}, "
                    "when no walks are planned"
                )
            if all(p.on_leave(day) for p in people for day in period.days):
                return f"{the} is on leave {whole}"
            return f"{the} is off duty or on leave in walk hours ({hours}) {whole}"
        return ""

    def _can_walk(self, person: Person, day: date, grid: Sequence[int], walk_type: WalkType) -> bool:
        return bool(person_starts(self.duty.windows(person, day), grid, walk_type.minutes))

    def _never_together(self, walk_type: WalkType, period: Period, span: str) -> str:
        """The smallest set of roles that no start time of the period can fill with different
        people at once (Hall's condition over every start time of every day)."""
        eligible = eligible_people(walk_type, self.problem.people)
        moments: list[list[tuple[int, ...]]] = []  # per start time: the roles of each person present
        for day in period.days:
            self._check_time()
            grid = self._starts(walk_type, day)
            starts_of = [
                (roles, person_starts(self.duty.windows(person, day), grid, walk_type.minutes))
                for person, roles in eligible
            ]
            for start in grid:
                moments.append([roles for roles, starts in starts_of if start in starts])
        roles = walk_type.roles
        for size in range(1, len(roles) + 1):
            for subset in combinations(range(len(roles)), size):
                if not any(_fillable(roles, subset, present) for present in moments):
                    labels = _joined([_a(roles[i]) for i in subset])
                    reason = f"there is no time {span} when {labels} are on duty together"
                    reason += _not_counting(period.holidays)
                    away = sorted(
                        {
                            p.name
                            for p in self.problem.people
                            if any(roles[i].admits(p) for i in subset)
                            and any(p.on_leave(day) for day in period.days)
                        }
                    )
                    return reason + (f" (on leave: {', '.join(away)})" if away else "")
        return ""

    def _too_few_alone(self, demand: Demand, span: str) -> str:
        """Solve this walk type's period on its own, with and then without the squad limit."""
        if not demand.slots:
            return ""
        required = demand.period.required
        possible = self._most_walks(demand, squad_limit=True)
        if possible is None or possible >= required:
            return ""
        without_limit = self._most_walks(demand, squad_limit=False)
        limit = self.problem.district.max_walking_per_squad
        if without_limit is not None and without_limit > possible:
            return (
                f"only {possible} of {required} can be staffed {span} without more than {limit} of "
                "one patrol squad walking at once: add people from other squads or raise the limit"
            )
        coordinator = demand.walk_type.coordinator_role.label
        return (
            f"even with no other walks only {possible} of {required} can be staffed {span}: the "
            f"{coordinator} and the others it needs are on duty together too seldom"
            + _not_counting(demand.period.holidays)
        )

    def _most_walks(self, demand: Demand, *, squad_limit: bool) -> int | None:
        """The most walks of the demand that can be staffed on their own (None: not proven within
        the sub-solve's effort); OutOfTime when the deadline stops it first."""
        self._check_time(SUB_SOLVE_LEAST_SECONDS)
        deadline = self.deadline
        in_time = (lambda: not deadline.expired()) if deadline is not None else (lambda: True)
        alone = district_model(self.problem, [demand], squad_limit=squad_limit, in_time=in_time)
        solver = cp_model.CpSolver()
        solver.parameters.max_deterministic_time = SUB_SOLVE_EFFORT
        solver.parameters.num_workers = 1
        if deadline is not None:
            self._check_time(SUB_SOLVE_LEAST_SECONDS)
            solver.parameters.max_time_in_seconds = deadline.remaining()
        status = solver.solve(alone.model)
        if status != cp_model.OPTIMAL:
            stopped_by_clock = solver.deterministic_time < SUB_SOLVE_EFFORT
            if deadline is not None and status in (cp_model.FEASIBLE, cp_model.UNKNOWN) and stopped_by_clock:
                raise OutOfTime
            return None
        return sum(solver.value(alone.active[slot.key]) for slot in demand.slots) + demand.locked


def _fillable(roles: Sequence[Role], subset: Sequence[int], present: Sequence[tuple[int, ...]]) -> bool:
    """Hall's condition: every group of the roles has at least as many people present as places."""
    for size in range(1, len(subset) + 1):
        for group in combinations(subset, size):
            places = sum(roles[i].count for i in group)
            if sum(1 for person_roles in present if any(i in person_roles for i in group)) < places:
                return False
    return True


def _when(walk_type: WalkType, period: Period) -> str:
    if walk_type.per is Per.WORK_WEEK:
        return f"week of {period.key}"
    if walk_type.per is Per.WORKDAY:
        return f"{period.first:%A} {period.key}"
    return period.key


def _holidays(days: Sequence[date]) -> str:
    """The holidays as a captain says them: the holiday Friday 2026-12-25."""
    listed = _joined([f"{day:%A} {day.isoformat()}" for day in days])
    return f"the holiday{'s' if len(days) > 1 else ''} {listed}"


def _not_counting(holidays: Sequence[date]) -> str:
    return f" (not counting {_holidays(holidays)}, when no walks are planned)" if holidays else ""


def _a(role: Role) -> str:
    return f"a {role.label}" if role.count == 1 else f"{role.count} {role.label}s"


def _joined(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
