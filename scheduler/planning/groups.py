"""Groups of interchangeable people, within which the walking is shared fairly.

The people one role of one walk type admits could take each other's place in it, so among them no
one should take that place much more often than the others: the community policing unit's
sergeant as often as its officers, one non-patrol captain as often as another. Roles that admit the
same people make one group, whose load is the walks in any of those roles: a patrol officer's
places as second officer, squad officer, shift officer and the captain's companion are weighed
together among all patrol officers.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from scheduler.domain import Per, Plan, PlanningProblem, Walk

RoleKey = tuple[str, int]  # (walk type key, index of the role)


@dataclass(frozen=True)
class Group:
    """People whom the `roles` admit alike; `label` names them as the shortest of the roles does."""

    label: str
    members: frozenset[str]
    roles: frozenset[RoleKey]


def interchangeable_groups(problem: PlanningProblem) -> list[Group]:
    """Every group of two or more people that some role of a scheduled walk type admits, each set
    of people once, in the order of the walk types and their roles. Two groups that the shortest
    label would name alike are told apart by their walk type."""
    roles: dict[frozenset[str], list[RoleKey]] = defaultdict(list)
    label: dict[frozenset[str], tuple[str, str]] = {}  # members -> (role label, walk type name)
    for walk_type in problem.district.walk_types:
        if walk_type.per is Per.INCIDENT:
            continue
        for index, role in enumerate(walk_type.roles):
            members = frozenset(p.id for p in problem.people if role.admits(p))
            if len(members) < 2:
                continue
            roles[members].append((walk_type.key, index))
            if members not in label or len(role.label) < len(label[members][0]):
                label[members] = (role.label, walk_type.name)
    named = Counter(name for name, _ in label.values())
    return [
        Group(
            name if named[name] == 1 else f"{name} ({walk_type.lower()})", members, frozenset(roles[members])
        )
        for members, (name, walk_type) in label.items()
    ]


def busiest_in_groups(plan: Plan, groups: Sequence[Group]) -> dict[str, int]:
    """The most walks one member of each group has in the group's roles, by the group's label: the
    figure a captain compares between two plans."""
    return {group.label: max(group_loads(group, plan.walks).values(), default=0) for group in groups}


def group_loads(group: Group, walks: Iterable[Walk]) -> Counter[str]:
    """How many of `walks` each member is on in one of the group's roles. The coordinator holds the
    first role; anyone else holds a later role of the walk's type that admits them, so they count
    where the group has one of that type's later roles."""
    leads = {key for key, index in group.roles if index == 0}
    others = {key for key, index in group.roles if index > 0}
    load: Counter[str] = Counter()
    for walk in walks:
        for pid in dict.fromkeys(walk.participants):
            if pid in group.members and walk.type in (leads if pid == walk.coordinator else others):
                load[pid] += 1
    return load
