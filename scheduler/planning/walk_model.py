"""One district's part of the CP-SAT model of a month of walks, built only from what
`candidates.py` found possible.

Hard rules: each walk's composition, everyone on duty for the whole walk, the squad walking limit,
locked walks kept, and no more walks than a minimum needs (nobody on two walks at once is built
across districts, in `department_model.py`). A missed minimum is not infeasible: it costs more than
anything else, so the solver still returns the best plan and the shortfall can be explained. Every
soft rule adds to its own named `Cost`, so a plan can say what it paid for each rule;
`weights.Weights` puts the rules in their priority order. Fairness (`fairness.py`) is built across
districts too; pairing, spread (`spread.py`) and changed walks are the district's own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date, time
from zoneinfo import ZoneInfo

from ortools.sat.python import cp_model

from scheduler.domain import Crew, Engagement, Person, PlanningProblem
from scheduler.planning import costs
from scheduler.planning.assembly import Assignment, previous_slot_ids
from scheduler.planning.candidates import Candidate, Demand, Slot, slot_key, walk_interval
from scheduler.planning.costs import BusiestLoad, Cost, Definition, Unpaired, Value
from scheduler.planning.groups import RoleKey
from scheduler.planning.spread import add_spread
from scheduler.planning.weights import RULES, Weights
from scheduler.rules.hard_rules import limited_squads, walks_with


class OutOfTime(Exception):
    """The model was not finished in the time the planning call had for it."""


class WalkModel:
    """The CP-SAT model of one month. Variables exist only for slots and candidates that
    `candidates.py` found possible; each constraint is named after the rule it enforces.

    `changes_made` counts walks of a previous plan already changed before this model (a re-plan
    around the walks that are still valid): their cost is a constant of the changed-walk rule.
    Building stops with `OutOfTime` as soon as `in_time` (asked between slots and rules) is false.
    """

    def __init__(
        self,
        problem: PlanningProblem,
        demands: Sequence[Demand],
        model: cp_model.CpModel,
        *,
        changes_made: int = 0,
        in_time: Callable[[], bool] = lambda: True,
    ):
        """The district's variables and rules go into `model`, which `department_model.py` builds
        with every district of the planning call (`add_walks`, `add_limits`, `add_preferences`)."""
        self.problem = problem
        self.demands = demands
        self.changes_made = changes_made
        self._in_time = in_time
        self.model = model
        self.tz = ZoneInfo(problem.district.timezone)
        self.slots: list[Slot] = [slot for demand in demands for slot in demand.slots]
        self.active: dict[str, cp_model.IntVar] = {}
        self.start: dict[str, cp_model.IntVar] = {}
        self.member: dict[tuple[str, str], cp_model.IntVar] = {}
        self.place: dict[tuple[str, str, int], cp_model.IntVar] = {}
        self.places_of: dict[tuple[str, RoleKey], list[cp_model.IntVar]] = defaultdict(list)
        self.companions: dict[str, dict[str, cp_model.IntVar]] = defaultdict(dict)  # slot key -> person
        self.walking: dict[tuple[str, date], list[cp_model.IntervalVar]] = defaultdict(list)
        # Other districts' walks, by walk id: districts planned together list the same ones.
        self.elsewhere: dict[tuple[str, date], dict[str, cp_model.IntervalVar]] = defaultdict(dict)
        self.costs: dict[str, Cost] = {rule: Cost() for rule in RULES}
        self.missed: list[tuple[Demand, cp_model.IntVar]] = []
        self.busiest: list[BusiestLoad] = []
        self.unpaired: list[Unpaired] = []
        self.walkers: list[cp_model.IntVar] = []  # true for each person who could walk and does
        self.places = 0  # on the walks still to plan
        self.weights = Weights.tiered(dict.fromkeys(RULES, 0))  # until the whole model is built
        # Auxiliary variables with the rule that gives their value from the decisions, in order
        # of definition, so a hint can be completed (CP-SAT is much faster with a full hint).
        self._defined: list[tuple[cp_model.IntVar, Definition]] = []

    def check_time(self) -> None:
        if not self._in_time():
            raise OutOfTime

    # -- the stages of building, in the order `department_model` calls them ---------------------

    def add_walks(self) -> None:
        """Every slot's walk and who could fill it, companions, crews, and the fixed walks."""
        for slot in self.slots:
            self.check_time()
            self._add_slot(slot)
        self._add_companions()
        self._add_crews()
        self._add_fixed_walks()

    def add_limits(self, *, squad_limit: bool) -> None:
        """The squad walking limit (unless lifted) and the minimums."""
        if squad_limit:
            self._add_squad_limit()
        self._add_minimums()

    def add_preferences(self) -> None:
        """The district's own soft rules below fairness: pairing, spread and changed walks."""
        self.check_time()
        self._add_pairing()
        self.check_time()
        add_spread(self)
        self._add_changes(self.changes_made)

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
            else:
                places = [m.new_bool_var(f"place[{key},{pid},{index}]") for index in candidate.roles]
                self.place.update(
                    ((key, pid, index), place) for index, place in zip(candidate.roles, places, strict=True)
                )
                m.add(sum(places) == member).with_name(f"one_role_each[{key},{pid}]")
            for index in candidate.roles:
                by_role[index].append(self.place[(key, pid, index)])
                self.places_of[(pid, (walk_type.key, index))].append(self.place[(key, pid, index)])
            self._add_walking(slot, candidate, member)
        for index, role in enumerate(walk_type.roles):
            m.add(sum(by_role[index]) == role.count * active).with_name(f"composition[{key},{role.key}]")
        if slot.index > 0:
            earlier = slot_key(walk_type.key, slot.day, slot.index - 1)
            m.add_implication(active, self.active[earlier]).with_name(f"slots_in_order[{key}]")
            m.add(self.start[earlier] <= start).only_enforce_if(active).with_name(
                f"slots_in_order_of_start[{key}]"
            )

    def _add_walking(self, slot: Slot, candidate: Candidate, present: cp_model.IntVar) -> None:
        """While `present`, the person is on duty for the whole walk and busy for its length."""
        key, pid = slot.key, candidate.person.id
        if len(candidate.starts) < len(slot.starts):
            self.model.add_linear_expression_in_domain(
                self.start[key], cp_model.Domain.from_values(sorted(candidate.starts))
            ).only_enforce_if(present).with_name(f"on_duty_for_whole_walk[{key},{pid}]")
        interval = self.model.new_optional_fixed_size_interval_var(
            self.start[key], slot.walk_type.minutes, present, f"walking[{key},{pid}]"
        )
        self.walking[(pid, slot.day)].append(interval)

    def _add_companions(self) -> None:
        """Minimums are "at least": a natural engager may join a walk beyond its places to pair a
        developing person on it. One a walk, only beside a developing person, never counted as
        someone involved (nobody is added just to walk), counted in their group's load like any
        place, and paid for at the lowest tier, so a companion joins only where it pairs."""
        m, cost = self.model, self.costs["companion"]
        by_demand: dict[str, int] = defaultdict(int)
        for slot in self.slots:
            key = slot.key
            developing = [
                self.member[(key, c.person.id)]
                for c in slot.candidates
                if c.person.engagement is Engagement.DEVELOPING
            ]
            naturals = [
                c
                for c in slot.candidates
                if c.person.engagement is Engagement.NATURAL and any(index > 0 for index in c.roles)
            ]
            if not developing or not naturals:
                continue
            extras = []
            for candidate in naturals:
                pid = candidate.person.id
                extra = self.companions[key][pid] = m.new_bool_var(f"companion[{key},{pid}]")
                m.add(self.member[(key, pid)] + extra <= 1).with_name(f"companion_not_member[{key},{pid}]")
                self._add_walking(slot, candidate, extra)
                role = next(index for index in candidate.roles if index > 0)
                self.places_of[(pid, (slot.walk_type.key, role))].append(extra)
                extras.append(extra)
                cost.add(extra)
            m.add(sum(extras) <= self.active[key]).with_name(f"one_companion_a_walk[{key}]")
            m.add(sum(extras) <= sum(developing)).with_name(f"companion_beside_developing[{key}]")
            by_demand[f"{slot.walk_type.key},{slot.period.key}"] += 1
        required = {f"{d.walk_type.key},{d.period.key}": d.required for d in self.demands}
        cost.ceiling = sum(min(n, required[name]) for name, n in by_demand.items())

    def _add_crews(self) -> None:
        """A squad walk's officers from the sergeant's own squad, a shift walk's people from the
        lieutenant's own shift (`hard_rules.walks_with`). Coordinators who admit the same people
        are one class, so each person needs one constraint per slot, not one per coordinator."""
        for slot in self.slots:
            if slot.walk_type.crew is Crew.ANYONE:
                continue
            leads = [c.person for c in slot.candidates if 0 in c.roles]
            lead_ids = {lead.id for lead in leads}
            classes: dict[tuple[str, time], list[Person]] = defaultdict(list)
            for lead in leads:
                classes[(lead.squad, lead.shift_start)].append(lead)
            for candidate in slot.candidates:
                places = [self.place[(slot.key, candidate.person.id, i)] for i in candidate.roles if i > 0]
                if candidate.person.id in self.companions[slot.key]:
                    places.append(self.companions[slot.key][candidate.person.id])
                allowed = [
                    self.place[(slot.key, lead.id, 0)]
                    for members in classes.values()
                    if walks_with(slot.walk_type, members[0], candidate.person)
                    for lead in members
                    if lead.id != candidate.person.id
                ]
                if places and len(allowed) < len(lead_ids - {candidate.person.id}):
                    self.model.add(sum(places) <= sum(allowed)).with_name(
                        f"crew[{slot.key},{candidate.person.id}]"
                    )

    def _add_fixed_walks(self) -> None:
        """Locked walks are not variables: their people are simply busy then. So are the people
        this district shares on another district's walks, whose squads that limit does not count."""
        for walk in self.problem.locked:
            day, start, end = walk_interval(walk, self.tz)
            for pid in walk.participants:
                interval = self.model.new_fixed_size_interval_var(
                    start, end - start, f"locked[{walk.id},{pid}]"
                )
                self.walking[(pid, day)].append(interval)
        for walk, shared in self.problem.busy_elsewhere:
            day, start, end = walk_interval(walk, self.tz)
            for pid in shared:
                interval = self.model.new_fixed_size_interval_var(
                    start, end - start, f"elsewhere[{walk.id},{pid}]"
                )
                self.elsewhere[(pid, day)][walk.id] = interval

    def _add_squad_limit(self) -> None:
        """At most `max_walking_per_squad` of one patrol squad walking at once, so calls for
        service are still answered (who counts: `hard_rules.limited_squad`)."""
        squad_of = limited_squads(self.problem.people)
        squads: dict[tuple[str, date], list[cp_model.IntervalVar]] = defaultdict(list)
        for (pid, day), intervals in self.walking.items():
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
        cost = self.costs["missed_walk"]
        for demand in self.demands:
            name = f"{demand.walk_type.key},{demand.period.key}"
            actives = [self.active[slot.key] for slot in demand.slots]
            missed = self.model.new_int_var(0, demand.required, f"missed[{name}]")
            self.model.add(sum(actives) + missed == demand.required).with_name(f"minimum[{name}]")
            self.define(missed, costs.shortfall_of(demand.required, actives))
            cost.add(missed)
            cost.ceiling += demand.required
            self.missed.append((demand, missed))

    # -- soft rules ---------------------------------------------------------------------------

    def _add_pairing(self) -> None:
        """(2) A developing person walks with someone for whom engagement comes naturally."""
        cost = self.costs["developing_unpaired"]
        for demand in self.demands:
            found = widest = 0
            for slot in demand.slots:
                self.check_time()
                naturals = [
                    self.member[(slot.key, c.person.id)]
                    for c in slot.candidates
                    if c.person.engagement is Engagement.NATURAL
                ] + list(self.companions[slot.key].values())
                developing = [
                    c.person for c in slot.candidates if c.person.engagement is Engagement.DEVELOPING
                ]
                widest = max(widest, min(len(developing), slot.walk_type.size))
                any_natural = cp_model.LinearExpr.sum(naturals)  # once a slot, not once a person
                for person in developing:
                    member = self.member[(slot.key, person.id)]
                    literal = member
                    if naturals:
                        literal = self.model.new_bool_var(f"unpaired[{slot.key},{person.id}]")
                        self.model.add(member <= literal + any_natural).with_name(
                            f"pair_developing_with_natural[{slot.key},{person.id}]"
                        )
                        self.define(literal, costs.walks_alone(member, naturals))
                    cost.add(literal)
                    self.unpaired.append(Unpaired(slot, person, literal, bool(naturals)))
                    found += 1
            cost.ceiling += min(found, demand.required * widest)

    def _add_changes(self, changes_made: int) -> None:
        """Re-planning: each walk of the previous plan that does not stay as it was is paid for."""
        cost = self.costs["changed_walk"]
        cost.constant = cost.ceiling = changes_made
        if self.problem.previous is None:
            return
        previous = previous_slot_ids(self.problem, self.demands)
        slots = {slot.key: slot for slot in self.slots}
        locked = {w.id for w in self.problem.locked}
        mapped = {w.id for w in previous.values()}
        lost = sum(1 for w in self.problem.previous.walks if w.id not in locked and w.id not in mapped)
        cost.constant += lost + len(previous)  # each costs 1 unless it stays as it was
        cost.ceiling += lost + len(previous)
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
                continue
            same = self.model.new_bool_var(f"unchanged[{key}]")
            self.model.add(self.start[key] == start).only_enforce_if(same).with_name(
                f"unchanged_start[{key}]"
            )
            kept = [self.active[key], self.place[(key, walk.coordinator, 0)]] + [
                self.member[(key, pid)] for pid in walk.participants
            ]
            self.model.add_bool_and(kept).only_enforce_if(same).with_name(f"unchanged_people[{key}]")
            self.define(same, costs.unchanged(kept, self.start[key], start))
            cost.add(same, -1)

    # -- hints and results --------------------------------------------------------------------

    def define(self, var: cp_model.IntVar, definition: Definition) -> None:
        self._defined.append((var, definition))

    def solution(self, decide: Value) -> Value:
        """Every variable's value from the decisions' (held slots, starts, who fills which place):
        each auxiliary variable takes the value its definition gives, the least cost the
        constraints allow, so a plan's cost does not depend on how the solver left them."""
        return complete((self,), decide)

    def add_hint(self, assignments: Sequence[Assignment]) -> Value:
        """Start the search from a valid plan (first-fit's or the previous one), hinting every
        variable: with a complete hint CP-SAT has its first solution right after presolve.
        Returns the hinted solution's values."""
        return add_hints(((self, assignments),))

    def _decisions(self, assignments: Sequence[Assignment]) -> dict[int, tuple[cp_model.IntVar, int]]:
        """The decision variables' values that make the plan of `assignments`."""
        decided: dict[int, tuple[cp_model.IntVar, int]] = {}

        def decide(var: cp_model.IntVar, value: int) -> None:
            decided[var.index] = (var, value)

        chosen = {a.slot.key: a for a in assignments}
        for slot in self.slots:
            a = chosen.get(slot.key)
            decide(self.active[slot.key], a is not None)
            decide(self.start[slot.key], a.start if a else slot.starts[0])
            role_of = _roles_in_order(slot, a.people) if a else {}
            for candidate in slot.candidates:
                pid = candidate.person.id
                decide(self.member[(slot.key, pid)], pid in role_of)
                if pid in self.companions[slot.key]:
                    decide(self.companions[slot.key][pid], False)  # first-fit fills the places only
                for index in candidate.roles:
                    decide(self.place[(slot.key, pid, index)], role_of.get(pid) == index)
        return decided

    def no_worse_than(self, value: Value) -> None:
        """Keep the search to plans at least as good as the one `value` gives (first-fit's) on
        each figure the guide cares about: each group's busiest member, the people walking, and the
        developing people paired. The tiered objective alone would trade one for another (a walk
        less for a busy sergeant against two people left out, or pairing against fairness), and a
        captain comparing with the simple plan would see a step back. Missed minimums need no such
        constraint: their tier outweighs everything below it."""
        m = self.model
        for load in self.busiest:
            m.add(load.load <= value(load.load)).with_name(f"no_busier_than_first_fit[{load.group}]")
        m.add(sum(self.walkers) >= sum(map(value, self.walkers))).with_name("no_fewer_walkers_than_first_fit")
        paired = [(self.member[(u.slot.key, u.person.id)], u.literal) for u in self.unpaired if u.could_pair]
        if paired:
            m.add(
                sum(member - literal for member, literal in paired)
                >= sum(value(member) - value(literal) for member, literal in paired)
            ).with_name("no_fewer_paired_than_first_fit")

    def assignments(self, value: Value) -> list[Assignment]:
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
            ] + [pid for pid, extra in self.companions[slot.key].items() if value(extra)]
            result.append(Assignment(slot, value(self.start[slot.key]), tuple(people)))
        return result

    def walks_held(self, value: Value) -> int:
        """How many walks a solution holds, the locked ones included."""
        return len(self.problem.locked) + sum(value(active) for active in self.active.values())


def complete(models: Sequence[WalkModel], decide: Value) -> Value:
    """`WalkModel.solution` for the districts of one model together."""
    known: dict[int, int] = {}

    def value(var: cp_model.IntVar) -> int:
        found = known.get(var.index)
        return decide(var) if found is None else found

    for walk_model in models:
        for var, definition in walk_model._defined:
            known[var.index] = definition(value)
    return value


def add_hints(plans: Sequence[tuple[WalkModel, Sequence[Assignment]]]) -> Value:
    """`WalkModel.add_hint` for the districts of one model together, each with its plan."""
    decided = {
        index: found for walk_model, chosen in plans for index, found in walk_model._decisions(chosen).items()
    }
    models = [walk_model for walk_model, _ in plans]
    value = complete(models, lambda var: decided[var.index][1])
    model = models[0].model
    for var, hinted in decided.values():
        model.add_hint(var, hinted)
    for walk_model in models:
        for var, _ in walk_model._defined:
            model.add_hint(var, value(var))
    return value


def _roles_in_order(slot: Slot, people: Sequence[str]) -> dict[str, int]:
    """Which role each person of an assignment fills: people are listed role by role."""
    roles = [index for index, role in enumerate(slot.walk_type.roles) for _ in range(role.count)]
    return dict(zip(people, roles, strict=True))
