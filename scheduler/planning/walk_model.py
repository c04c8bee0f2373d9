"""The CP-SAT model of one month of walks, built only from what `candidates.py` found possible.

Hard rules: each walk's composition, everyone on duty for the whole walk, nobody on two walks at
once, the squad walking limit, locked walks kept, and no more walks than a minimum needs. A
missed minimum is not infeasible: it costs more than anything else, so the solver still returns
the best plan and the shortfall can be explained. Soft rules are weighted in `WEIGHTS`, in the
issue's priority order.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import combinations
from zoneinfo import ZoneInfo

from ortools.sat.python import cp_model

from scheduler.domain import Engagement, Per, PlanningProblem, Rank, Unit
from scheduler.domain.periods import week_start_of
from scheduler.planning.assembly import Assignment, previous_slot_ids
from scheduler.planning.candidates import Demand, Slot, walk_interval

Value = Callable[[cp_model.IntVar], int]  # a variable's value in a (hinted) solution

# Boundaries (minutes after midnight) between morning, afternoon and evening walks.
TIME_OF_DAY_BOUNDS = (12 * 60, 16 * 60)


@dataclass(frozen=True)
class Weights:
    """Objective weights, highest priority first. Each unit of a higher tier outweighs any
    realistic amount of the tiers below it."""

    missed_walk: int = 1_000_000  # a minimum not met
    changed_walk: int = 10_000  # re-planning: a walk of the previous plan that had to change
    busiest_officer: int = 60  # (1) each walk the busiest officer does above the lower bound
    person_left_out: int = 20  # (1) each person who could walk but is on no walk
    developing_unpaired: int = 6  # (2) a developing officer on a walk without a natural one
    second_walk_same_day: int = 3  # (3) two walks of one type on one day
    crowded_time_of_day: int = 1  # (3) a type's walks bunched in one part of the day


WEIGHTS = Weights()


class WalkModel:
    """The CP-SAT model of one month. Variables exist only for slots and candidates that
    `candidates.py` found possible; each constraint is named after the rule it enforces."""

    def __init__(self, problem: PlanningProblem, demands: Sequence[Demand], *, squad_limit: bool = True):
        self.problem = problem
        self.demands = demands
        self.model = cp_model.CpModel()
        self.tz = ZoneInfo(problem.district.timezone)
        self.slots: list[Slot] = [slot for demand in demands for slot in demand.slots]
        self._slot_type = {slot.key: slot.walk_type.key for slot in self.slots}
        self.active: dict[str, cp_model.IntVar] = {}
        self.start: dict[str, cp_model.IntVar] = {}
        self.member: dict[tuple[str, str], cp_model.IntVar] = {}
        self.place: dict[tuple[str, str, int], cp_model.IntVar] = {}
        self._intervals: dict[tuple[str, date], list[cp_model.IntervalVar]] = defaultdict(list)
        self._penalties: list[tuple[cp_model.LinearExprT, int]] = []
        # Auxiliary variables with the rule that gives their value from the decisions, in order
        # of definition, so a hint can be completed (CP-SAT is much faster with a full hint).
        self._defined: list[tuple[cp_model.IntVar, Callable[[Value], int]]] = []
        for slot in self.slots:
            self._add_slot(slot)
        self._add_fixed_walks()
        self._add_no_double_booking()
        if squad_limit:  # lifted only by the diagnosis, to see whether the limit is the cause
            self._add_squad_limit()
        self._add_minimums()
        self._add_fairness()
        self._add_pairing()
        self._add_spread()
        self._add_changes()
        self.model.minimize(sum(weight * term for term, weight in self._penalties))

    # -- hard rules ---------------------------------------------------------------------------

    def _add_slot(self, slot: Slot) -> None:
        """Composition and duty: the slot's walk, if held, starts at one of its feasible times and
        has exactly each role's count of people, each on duty at that time."""
        m, key, walk_type = self.model, slot.key, slot.walk_type
        active = self.active[key] = m.new_bool_var(f"active[{key}]")
        start = self.start[key] = m.new_int_var_from_domain(
            cp_model.Domain.from_values(slot.starts), f"start[{key}]"
        )
        m.add(start == slot.starts[0]).only_enforce_if(~active).with_name(f"idle_slot_start[{key}]")
        by_role: dict[int, list[cp_model.IntVar]] = defaultdict(list)
        for candidate in slot.candidates:
            pid = candidate.person.id
            member = self.member[(key, pid)] = m.new_bool_var(f"member[{key},{pid}]")
            if len(candidate.roles) == 1:
                self.place[(key, pid, candidate.roles[0])] = member
                by_role[candidate.roles[0]].append(member)
            else:
                places = []
                for role in candidate.roles:
                    place = self.place[(key, pid, role)] = m.new_bool_var(f"place[{key},{pid},{role}]")
                    places.append(place)
                    by_role[role].append(place)
                m.add(sum(places) == member).with_name(f"one_role_each[{key},{pid}]")
            if len(candidate.starts) < len(slot.starts):
                m.add_linear_expression_in_domain(
                    start, cp_model.Domain.from_values(sorted(candidate.starts))
                ).only_enforce_if(member).with_name(f"on_duty_for_whole_walk[{key},{pid}]")
            interval = m.new_optional_fixed_size_interval_var(
                start, walk_type.minutes, member, f"walking[{key},{pid}]"
            )
            self._intervals[(pid, slot.day)].append(interval)
        for index, role in enumerate(walk_type.roles):
            m.add(sum(by_role[index]) == role.count * active).with_name(f"composition[{key},{role.key}]")
        if slot.index > 0:
            earlier = f"{walk_type.key}-{slot.day.isoformat()}-{slot.index - 1}"
            m.add_implication(active, self.active[earlier]).with_name(f"slots_in_order[{key}]")
            m.add(self.start[earlier] <= start).only_enforce_if(active)

    def _add_fixed_walks(self) -> None:
        """Locked walks are not variables: their people are simply busy then."""
        for walk in self.problem.locked:
            day, start, end = walk_interval(walk, self.tz)
            for pid in walk.participants:
                interval = self.model.new_fixed_size_interval_var(
                    start, end - start, f"locked[{walk.id},{pid}]"
                )
                self._intervals[(pid, day)].append(interval)

    def _add_no_double_booking(self) -> None:
        for (pid, day), intervals in self._intervals.items():
            if len(intervals) > 1:
                self.model.add_no_overlap(intervals).with_name(f"one_walk_at_a_time[{pid},{day}]")

    def _add_squad_limit(self) -> None:
        """At most `max_walking_per_squad` of one patrol squad walking at once, so calls for
        service are still answered."""
        squad_of = {p.id: p.squad for p in self.problem.people if p.squad and p.unit is Unit.PATROL}
        squads: dict[tuple[str, date], list[cp_model.IntervalVar]] = defaultdict(list)
        for (pid, day), intervals in self._intervals.items():
            if pid in squad_of:
                squads[(squad_of[pid], day)].extend(intervals)
        limit = self.problem.district.max_walking_per_squad
        for (squad, day), intervals in squads.items():
            if len(intervals) > limit:
                self.model.add_cumulative(intervals, [1] * len(intervals), limit).with_name(
                    f"squad_walking_limit[{squad},{day}]"
                )

    def _add_minimums(self) -> None:
        """Each period's minimum, and no more walks than it needs; a missed walk is paid for."""
        for demand in self.demands:
            name = f"{demand.walk_type.key},{demand.period.key}"
            held = sum(self.active[slot.key] for slot in demand.slots)
            missed = self.model.new_int_var(0, demand.required, f"missed[{name}]")
            self.model.add(held + missed == demand.required).with_name(f"minimum[{name}]")
            actives = [self.active[slot.key] for slot in demand.slots]
            self._define(missed, lambda v, need=demand.required, xs=actives: need - sum(map(v, xs)))
            self._penalties.append((missed, WEIGHTS.missed_walk))

    # -- soft rules ---------------------------------------------------------------------------

    def _add_fairness(self) -> None:
        """(1) Involve as many people as possible; keep the busiest officer's load low."""
        m = self.model
        walks_of: dict[str, list[cp_model.IntVar]] = defaultdict(list)
        for (_, pid), member in self.member.items():
            walks_of[pid].append(member)
        fixed_load: dict[str, int] = defaultdict(int)
        for walk in self.problem.locked:
            for pid in walk.participants:
                fixed_load[pid] += 1
        people = self.problem.people_by_id
        positions = sum(d.required * d.walk_type.size for d in self.demands)
        used = []
        for pid, members in walks_of.items():
            if fixed_load[pid]:
                continue  # already walking on a locked walk
            walks = m.new_bool_var(f"walks[{pid}]")
            m.add(walks <= sum(members))
            self._define(walks, lambda v, xs=members: int(any(map(v, xs))))
            used.append(walks)
        left_out = min(len(used), positions) - sum(used)
        self._penalties.append((left_out, WEIGHTS.person_left_out))
        units: dict[Unit, list[str]] = defaultdict(list)
        for pid in walks_of:
            if people[pid].rank is Rank.OFFICER:
                units[people[pid].unit].append(pid)
        for unit, officers in units.items():
            self._add_busiest_officer(unit, officers, walks_of, fixed_load)

    def _add_busiest_officer(
        self,
        unit: Unit,
        officers: Sequence[str],
        walks_of: dict[str, list[cp_model.IntVar]],
        fixed_load: dict[str, int],
    ) -> None:
        """The busiest officer of each unit, so that patrol's load is balanced too and not hidden
        behind the community policing unit's daily walks."""
        lower = self._officer_load_lower_bound(unit)
        upper = max(len(walks_of[pid]) + fixed_load[pid] for pid in officers)
        busiest = self.model.new_int_var(lower, max(upper, lower), f"busiest_officer_load[{unit}]")
        for pid in officers:
            self.model.add(busiest >= sum(walks_of[pid]) + fixed_load[pid]).with_name(
                f"busiest_officer_load[{unit},{pid}]"
            )
        loads = [(walks_of[pid], fixed_load[pid]) for pid in officers]
        self._define(busiest, lambda v, lo=lower, ls=loads: max([lo] + [sum(map(v, xs)) + f for xs, f in ls]))
        self._penalties.append((busiest - lower, WEIGHTS.busiest_officer))

    def _officer_load_lower_bound(self, unit: Unit) -> int:
        """No plan has a busiest officer below this. For every group of roles the unit's officers
        can fill: the places left after everyone else takes all they could (at most the group's
        places on each walk), shared evenly among those officers. A tight bound lets the solver
        prove a plan optimal instead of searching on."""
        officer_ids = {p.id for p in self.problem.people if p.rank is Rank.OFFICER and p.unit is unit}
        places: dict[tuple[str, int], int] = defaultdict(int)  # (walk type, role) -> places
        counts: dict[tuple[str, int], int] = {}
        seats: dict[tuple[str, int], set[tuple[str, str]]] = defaultdict(set)  # (slot key, person)
        for demand in self.demands:
            for index, role in enumerate(demand.walk_type.roles):
                key = (demand.walk_type.key, index)
                places[key] += demand.required * role.count
                counts[key] = role.count
                seats[key] |= {
                    (slot.key, c.person.id)
                    for slot in demand.slots
                    for c in slot.candidates
                    if index in c.roles
                }
        keys = [key for key in places if any(pid in officer_ids for _, pid in seats[key])]
        best = 0
        for size in range(1, min(len(keys), 4) + 1):
            for group in combinations(keys, size):
                group_seats = set().union(*(seats[key] for key in group))
                own = {pid for _, pid in group_seats if pid in officer_ids}
                others: dict[str, int] = defaultdict(int)
                for slot_key, pid in group_seats:
                    others[slot_key] += pid not in officer_ids
                width = {t: sum(counts[key] for key in group if key[0] == t) for t, _ in group}
                taken = sum(min(n, width[self._slot_type[k]]) for k, n in others.items())
                best = max(best, math.ceil((sum(places[key] for key in group) - taken) / len(own)))
        return best

    def _add_pairing(self) -> None:
        """(2) A developing officer walks with someone for whom engagement comes naturally."""
        for slot in self.slots:
            naturals = [
                self.member[(slot.key, c.person.id)]
                for c in slot.candidates
                if c.person.engagement is Engagement.NATURAL
            ]
            for c in slot.candidates:
                if c.person.engagement is not Engagement.DEVELOPING:
                    continue
                member = self.member[(slot.key, c.person.id)]
                if not naturals:
                    self._penalties.append((member, WEIGHTS.developing_unpaired))
                    continue
                unpaired = self.model.new_bool_var(f"unpaired[{slot.key},{c.person.id}]")
                self.model.add(member <= unpaired + sum(naturals)).with_name(
                    f"pair_developing_with_natural[{slot.key},{c.person.id}]"
                )
                self._define(unpaired, lambda v, x=member, ns=naturals: int(v(x) and not any(map(v, ns))))
                self._penalties.append((unpaired, WEIGHTS.developing_unpaired))

    def _add_spread(self) -> None:
        """(3) Walks of a type on different days and at different times of day."""
        locked_days = defaultdict(int)
        for walk in self.problem.locked:
            locked_days[(walk.type, walk.start.astimezone(self.tz).date())] += 1
        groups: dict[tuple[str, date], list[cp_model.IntVar]] = defaultdict(list)
        required: dict[tuple[str, date], int] = defaultdict(int)
        for demand in self.demands:
            group = self._spread_group(demand.walk_type.per, demand.period.first)
            required[(demand.walk_type.key, group)] += demand.required
        for slot in self.slots:
            if slot.index + locked_days[(slot.walk_type.key, slot.day)] > 0:
                self._penalties.append((self.active[slot.key], WEIGHTS.second_walk_same_day))
            for part in self._time_of_day_parts(slot):
                groups[(slot.walk_type.key, self._spread_group(slot.walk_type.per, slot.day), part)].append(
                    self._in_part(slot, part)
                )
        for (type_key, group, part), members in groups.items():
            fair_share = math.ceil(required[(type_key, group)] / len(TIME_OF_DAY_BOUNDS) + 1)
            if len(members) <= fair_share:
                continue
            crowding = self.model.new_int_var(0, len(members), f"crowded[{type_key},{group},{part}]")
            self.model.add(crowding >= sum(members) - fair_share)
            self._define(crowding, lambda v, xs=members, share=fair_share: max(0, sum(map(v, xs)) - share))
            self._penalties.append((crowding, WEIGHTS.crowded_time_of_day))

    @staticmethod
    def _spread_group(per: Per, day: date) -> date:
        return day.replace(day=1) if per is Per.MONTH else week_start_of(day, 0)

    def _time_of_day_parts(self, slot: Slot) -> list[int]:
        return sorted({self._part_of(start) for start in slot.starts})

    @staticmethod
    def _part_of(start: int) -> int:
        return sum(1 for bound in TIME_OF_DAY_BOUNDS if start >= bound)

    def _in_part(self, slot: Slot, part: int) -> cp_model.IntVar:
        """A literal true when the slot's walk is held and starts in that part of the day."""
        m, key = self.model, slot.key
        literal = m.new_bool_var(f"part_of_day[{key},{part}]")
        m.add_implication(literal, self.active[key])
        self._define(
            literal,
            lambda v, a=self.active[key], s=self.start[key]: int(bool(v(a)) and self._part_of(v(s)) == part),
        )
        starts = [s for s in slot.starts if self._part_of(s) == part]
        others = [s for s in slot.starts if self._part_of(s) != part]
        m.add_linear_expression_in_domain(
            self.start[key], cp_model.Domain.from_values(starts)
        ).only_enforce_if(literal)
        if others:
            m.add_linear_expression_in_domain(
                self.start[key], cp_model.Domain.from_values(others)
            ).only_enforce_if([self.active[key], ~literal])
        return literal

    def _add_changes(self) -> None:
        """Re-planning: each walk of the previous plan that does not stay as it was is paid for."""
        previous = previous_slot_ids(self.problem, self.demands)
        slots = {slot.key: slot for slot in self.slots}
        if self.problem.previous is None:
            return
        locked = {w.id for w in self.problem.locked}
        mapped = {w.id for w in previous.values()}
        lost = sum(1 for w in self.problem.previous.walks if w.id not in locked and w.id not in mapped)
        if lost:
            self._penalties.append((lost, WEIGHTS.changed_walk))
        for key, walk in previous.items():
            slot = slots[key]
            _, start, _ = walk_interval(walk, self.tz)
            keepable = (
                start in slot.starts
                and walk.minutes == slot.walk_type.minutes
                and len(walk.participants) == slot.walk_type.size
                and all((key, pid) in self.member for pid in walk.participants)
                and (key, walk.coordinator, 0) in self.place
            )
            if not keepable:
                self._penalties.append((1, WEIGHTS.changed_walk))
                continue
            same = self.model.new_bool_var(f"unchanged[{key}]")
            self.model.add(self.start[key] == start).only_enforce_if(same)
            kept = [self.active[key], self.place[(key, walk.coordinator, 0)]] + [
                self.member[(key, pid)] for pid in walk.participants
            ]
            self.model.add_bool_and(kept).only_enforce_if(same)
            self._define(
                same, lambda v, xs=kept, s=self.start[key], at=start: int(all(map(v, xs)) and v(s) == at)
            )
            self._penalties.append((1 - same, WEIGHTS.changed_walk))

    # -- hints and results --------------------------------------------------------------------

    def _define(self, var: cp_model.IntVar, rule: Callable[[Value], int]) -> None:
        self._defined.append((var, rule))

    def add_hint(self, assignments: Sequence[Assignment]) -> None:
        """Start the search from a valid plan (first-fit's or the previous one), hinting every
        variable: with a complete hint CP-SAT has its first solution right after presolve."""
        chosen = {a.slot.key: a for a in assignments}
        hinted: dict[int, int] = {}

        def hint(var: cp_model.IntVar, value: int) -> None:
            hinted[var.index] = int(value)
            self.model.add_hint(var, int(value))

        for slot in self.slots:
            a = chosen.get(slot.key)
            hint(self.active[slot.key], a is not None)
            hint(self.start[slot.key], a.start if a else slot.starts[0])
            role_of = _roles_in_order(slot, a.people) if a else {}
            for candidate in slot.candidates:
                pid = candidate.person.id
                hint(self.member[(slot.key, pid)], pid in role_of)
                if len(candidate.roles) > 1:
                    for index in candidate.roles:
                        hint(self.place[(slot.key, pid, index)], role_of.get(pid) == index)
        for var, rule in self._defined:
            hint(var, rule(lambda x: hinted[x.index]))

    def assignments(self, value: Callable[[cp_model.LinearExprT], int]) -> list[Assignment]:
        """The held walks of a solution, people ordered by role (the coordinator first)."""
        result = []
        for slot in self.slots:
            if not value(self.active[slot.key]):
                continue
            people = [
                c.person.id
                for index in range(len(slot.walk_type.roles))
                for c in slot.candidates
                if index in c.roles and value(self.place[(slot.key, c.person.id, index)])
            ]
            result.append(Assignment(slot, value(self.start[slot.key]), tuple(people)))
        return result


def _roles_in_order(slot: Slot, people: Sequence[str]) -> dict[str, int]:
    """Which role each person of an assignment fills: people are listed role by role."""
    roles = [index for index, role in enumerate(slot.walk_type.roles) for _ in range(role.count)]
    return dict(zip(people, roles, strict=True))
