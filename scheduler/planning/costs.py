"""What a plan pays for each rule, as the CP-SAT model states it.

Each soft rule (and each missed minimum and changed walk) adds to one named `Cost`, so the
objective can be read back rule by rule, and records what its detail line needs (`BusiestLoad`,
`Unpaired`). The `Definition`s give each auxiliary variable the least value its constraints allow,
from the decisions: they complete a hint and price a plan whatever values the solver left them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from scheduler.domain import Person
from scheduler.planning.candidates import Slot

Value = Callable[[cp_model.IntVar], int]  # a variable's value in a (hinted) solution
Definition = Callable[[Value], int]  # an auxiliary variable's value, from the others'


@dataclass
class Cost:
    """What a plan pays for one rule, in the rule's units (walks missed, people left out...): a
    constant plus a weighted sum of the model's variables. `ceiling` is the most it can come to on
    any plan the model allows, from which `Weights.tiered` makes the tiers strict."""

    constant: int = 0
    parts: list[tuple[cp_model.IntVar, int]] = field(default_factory=list)
    ceiling: int = 0

    def add(self, var: cp_model.IntVar, coefficient: int = 1) -> None:
        self.parts.append((var, coefficient))

    def amount(self, value: Value) -> int:
        return self.constant + sum(coefficient * value(var) for var, coefficient in self.parts)


@dataclass(frozen=True)
class BusiestLoad:
    """The busiest member of a group of interchangeable people (`groups.Group`, by its label):
    `load` walks, of which no plan can do with fewer than `floor`."""

    group: str
    load: cp_model.IntVar
    floor: int


@dataclass(frozen=True)
class Unpaired:
    """A developing person on a slot's walk, true when no natural engager walks with them.
    `could_pair`: a natural engager is among the slot's candidates."""

    slot: Slot
    person: Person
    literal: cp_model.IntVar
    could_pair: bool


# -- definitions of the auxiliary variables, each the least its constraints allow ---------------


def shortfall_of(required: int, actives: Sequence[cp_model.IntVar]) -> Definition:
    return lambda value: required - sum(map(value, actives))


def walks_at_all(members: Sequence[cp_model.IntVar]) -> Definition:
    return lambda value: int(any(map(value, members)))


def busiest_of(floor: int, loads: Sequence[tuple[list[cp_model.IntVar], int]]) -> Definition:
    return lambda value: max([floor] + [sum(map(value, members)) + fixed for members, fixed in loads])


def walks_alone(member: cp_model.IntVar, naturals: Sequence[cp_model.IntVar]) -> Definition:
    return lambda value: int(bool(value(member)) and not any(map(value, naturals)))


def excess_over(members: Sequence[cp_model.IntVar], share: int) -> Definition:
    return lambda value: max(0, sum(map(value, members)) - share)


def held_at(active: cp_model.IntVar, start: cp_model.IntVar, starts: frozenset[int]) -> Definition:
    return lambda value: int(bool(value(active)) and value(start) in starts)


def unchanged(kept: Sequence[cp_model.IntVar], start: cp_model.IntVar, at: int) -> Definition:
    return lambda value: int(all(map(value, kept)) and value(start) == at)
