"""(1) Fairness, the first tier of the guide's preferences: involve as many people as possible,
and keep each group of interchangeable people's busiest member's load low.

A person of several districts is one person: they are left out (or walk) once, in the first
district that could have them, and their load in each of a district's groups counts their walks in
the group's roles in every district.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

from scheduler.planning import costs
from scheduler.planning.costs import BusiestLoad
from scheduler.planning.groups import Group, group_loads, interchangeable_groups
from scheduler.planning.load_bounds import LoadFloors, most_walks

if TYPE_CHECKING:
    from scheduler.planning.walk_model import WalkModel


def add_fairness(models: Sequence[WalkModel]) -> None:
    """The people left out and each group's busiest load, over the districts of one model."""
    walks_of: dict[str, list[cp_model.IntVar]] = defaultdict(list)
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
    # No more people can walk than the places the minimums still ask for.
    for walk_model in models:
        walk_model.places = sum(d.required * d.walk_type.size for d in walk_model.demands)
    places = sum(walk_model.places for walk_model in models)
    for walk_model in models:
        left_out = walk_model.costs["person_left_out"]
        left_out.constant = left_out.ceiling = min(len(walk_model.walkers), places)
    most = most_walks([d for walk_model in models for d in walk_model.demands], fixed_load)
    for walk_model in models:
        floors = LoadFloors(walk_model.demands)
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
                _add_busiest(walk_model, group, loads, max(most[pid] for pid in loads), floors)


def _add_busiest(
    walk_model: WalkModel,
    group: Group,
    loads: Mapping[str, tuple[list[cp_model.IntVar], int]],
    most: int,
    floors: LoadFloors,
) -> None:
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
    walk_model.busiest.append(BusiestLoad(group.label, busiest, floor))
