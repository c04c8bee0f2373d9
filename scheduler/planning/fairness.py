"""(1) Fairness, the first tier of the guide's preferences: involve as many people as possible,
and keep each group of interchangeable people's busiest member's load low.

A person of several districts is one person: they are left out (or walk) once, in the first
district that could have them, and their load in each of a district's groups counts their walks in
the group's roles in every district.

The two figures pull against each other where some people can walk only beside a few coordinators:
one more walk for the coordinators' busiest lets more of them walk. The LP relaxation that bounds
the search sees the busiest load as a fraction and trades a fraction of a walk for whole people,
so the bound stays below the best plan and the search cannot prove it; `_add_beside_coordinators`
states the trade as it is for whole walks.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

from scheduler.domain import WalkType
from scheduler.planning import costs
from scheduler.planning.candidates import Leads
from scheduler.planning.costs import BusiestLoad
from scheduler.planning.groups import Group, RoleKey, group_loads, interchangeable_groups
from scheduler.planning.load_bounds import LoadFloors, most_walks

if TYPE_CHECKING:
    from scheduler.planning.walk_model import WalkModel


def add_fairness(models: Sequence[WalkModel]) -> None:
    """The people left out and each group's busiest load, over the districts of one model."""
    walks_of: dict[str, list[cp_model.IntVar]] = defaultdict(list)
    walking: dict[str, cp_model.IntVar] = {}  # true for each person who could walk and does
    first: dict[str, WalkModel] = {}
    for walk_model in models:
        for (_, pid), member in walk_model.member.items():
            walks_of[pid].append(member)
            first.setdefault(pid, walk_model)
    # Walks already given count: locked ones, and those of people shared with other districts.
    given = list(
        {
            **{(index, walk.id): walk for index, m in enumerate(models) for walk in m.problem.locked},
            **{(-1, walk.id): walk for m in models for walk, _ in m.problem.busy_elsewhere},
        }.values()
    )
    fixed_load = Counter(pid for walk in given for pid in dict.fromkeys(walk.participants))
    for pid, members in walks_of.items():
        if fixed_load[pid]:
            continue  # already walking on a locked walk
        owner = first[pid]
        walks = owner.model.new_bool_var(f"walks[{pid}]")
        owner.model.add(walks <= sum(members)).with_name(f"walks_only_on_a_walk[{pid}]")
        owner.define(walks, costs.walks_at_all(members))
        owner.costs["person_left_out"].add(walks, -1)
        owner.walkers.append(walks)
        walking[pid] = walks
    # No more people can walk than the places the minimums still ask for.
    for walk_model in models:
        walk_model.places = sum(d.required * d.walk_type.size for d in walk_model.demands)
    places = sum(walk_model.places for walk_model in models)
    for walk_model in models:
        left_out = walk_model.costs["person_left_out"]
        left_out.constant = left_out.ceiling = min(len(walk_model.walkers), places)
    most = most_walks([d for walk_model in models for d in walk_model.demands], fixed_load)
    places_of = _kinds_of_places(models)
    for index, walk_model in enumerate(models):
        floors = LoadFloors(walk_model.demands)
        busiest: dict[RoleKey, BusiestLoad] = {}
        for group in interchangeable_groups(walk_model.problem):
            walk_model.check_time()
            fixed = group_loads(group, given)
            loads = {
                pid: (
                    [var for m in models for role in group.roles for var in m.places_of.get((pid, role), ())],
                    fixed[pid],
                )
                for pid in sorted(group.members)
                if pid in walks_of
            }
            if len(loads) > 1:
                load = _add_busiest(walk_model, group, loads, max(most[pid] for pid in loads), floors)
                busiest.update(dict.fromkeys(group.roles, load))
        for walk_type in walk_model.problem.district.walk_types:
            only_beside = {
                pid
                for pid, kinds in places_of.items()
                if kinds == {(index, walk_type.key, False)} and pid in walking
            }
            if only_beside and (walk_type.key, 0) in busiest:
                walk_model.check_time()
                _add_beside_coordinators(
                    walk_model, walk_type, only_beside, walking, busiest[(walk_type.key, 0)]
                )


def _add_busiest(
    walk_model: WalkModel,
    group: Group,
    loads: Mapping[str, tuple[list[cp_model.IntVar], int]],
    most: int,
    floors: LoadFloors,
) -> BusiestLoad:
    """The busiest member of each group of interchangeable people (walks in the group's roles),
    so those places are shared among everyone who could take them, whatever their rank. Its
    floor (the least any plan can do) is free, and a tight floor lets the solver prove a plan
    optimal instead of searching on."""
    floor = floors.floor(group.roles, frozenset(loads))
    top = max(most, floor)
    name = group.label
    busiest = walk_model.model.new_int_var(floor, top, f"busiest_load[{name}]")
    for pid, (members, fixed) in loads.items():
        walk_model.model.add(busiest >= sum(members) + fixed).with_name(f"busiest_load[{name},{pid}]")
    walk_model.define(busiest, costs.busiest_of(floor, list(loads.values())))
    cost = walk_model.costs["busiest_person"]
    cost.add(busiest)
    cost.constant -= floor
    cost.ceiling += top - floor
    load = BusiestLoad(group.label, busiest, floor)
    walk_model.busiest.append(load)
    return load


def _kinds_of_places(models: Sequence[WalkModel]) -> dict[str, set[tuple[int, str, bool]]]:
    """The places each person could take: (index of the district's model, walk type, whether it is
    the coordinator's). A later place counts only beside a coordinator who could lead them."""
    kinds: dict[str, set[tuple[int, str, bool]]] = defaultdict(set)
    for index, walk_model in enumerate(models):
        for slot in walk_model.slots:
            leads = Leads(slot.walk_type, slot.candidates)
            for candidate in slot.candidates:
                pid, type_key = candidate.person.id, slot.walk_type.key
                if 0 in candidate.roles:
                    kinds[pid].add((index, type_key, True))
                if any(i > 0 for i in candidate.roles) and leads.of(candidate) - {pid}:
                    kinds[pid].add((index, type_key, False))
    return kinds


def _add_beside_coordinators(
    walk_model: WalkModel,
    walk_type: WalkType,
    people: set[str],
    walking: Mapping[str, cp_model.IntVar],
    busiest: BusiestLoad,
) -> None:
    """`people` can walk only in later places of `walk_type`'s walks, so each of them who walks
    needs one of those walks, led by one of the few coordinators who could lead them; a
    coordinator leads at most their group's busiest load. With c such coordinators and w of
    `people`'s places on a walk, at most min(w*c*b, most) of them walk when the busiest load is
    b, where `most` is how many the minimums leave room for. Between two whole loads the LP
    would follow w*c*b; the constraint follows the straight line from one whole load's figure
    to the next, which every plan keeps to. In target-160, 18 evening officers can only be second
    officers beside 8 responsible officers, of whom 13 walks are needed: at one walk each 8 of
    them walk, at two 13, and one walk more for the busiest is worth it; without this the bound
    saw 1.6 walks each and the search never proved its plan."""
    coordinators: set[str] = set()
    roles: set[int] = set()
    most = 0
    for demand in walk_model.demands:
        if demand.walk_type.key != walk_type.key:
            continue
        slots = 0
        for slot in demand.slots:
            theirs = [c for c in slot.candidates if c.person.id in people]
            if theirs:
                slots += 1
                roles.update(i for c in theirs for i in c.roles)
                leads = Leads(slot.walk_type, slot.candidates)
                coordinators.update(*(leads.of(c) for c in theirs))
        most += min(demand.required, slots)
    per_walk = sum(walk_type.roles[i].count for i in roles)
    most = min(len(people), per_walk * most)
    per_load = per_walk * len(coordinators)
    walkers = sum(walking[pid] for pid in sorted(people))
    load = busiest.floor
    while per_load * load < most:
        step = min(most, per_load * (load + 1)) - per_load * load
        walk_model.model.add(walkers <= per_load * load + step * (busiest.load - load)).with_name(
            f"walkers_beside_coordinators[{walk_type.key},{load}]"
        )
        load += 1
