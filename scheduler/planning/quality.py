"""A plan's cost told rule by rule, in a captain's words.

The planner prices the plan it returns on the model's own terms (`WalkModel.costs`), so the
breakdown adds up to the objective the solver minimised and says what each rule cost: how busy the
busiest officer is against the least any plan can do, who is left out, who walks unpaired and why.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

from scheduler.domain import PlanQuality, QualityTerm
from scheduler.planning.costs import Value
from scheduler.planning.walk_model import WalkModel
from scheduler.planning.weights import RULES


def plan_quality(walk_model: WalkModel, value: Value, bound: float | None) -> PlanQuality:
    """The cost of the solution `value` (completed by `WalkModel.solution`), one term per rule in
    priority order, zero amounts included; `bound` is the solver's best bound on the total."""
    terms = []
    for rule in RULES:
        amount = walk_model.costs[rule].amount(value)
        terms.append(
            QualityTerm(rule, amount, walk_model.weights.of(rule), DETAILS[rule](walk_model, value, amount))
        )
    return PlanQuality(terms=tuple(terms), bound=bound)


def _missed(walk_model: WalkModel, value: Value, amount: int) -> str:
    by_type = Counter[str]()
    for demand, missed in walk_model.missed:
        by_type[demand.walk_type.name.lower()] += value(missed)
    short = ", ".join(f"{name} {n}" for name, n in by_type.items() if n)
    return f"{_count(amount, 'walk')} short of the minimums" + (f" ({short})" if short else "")


def _changed(walk_model: WalkModel, value: Value, amount: int) -> str:
    if walk_model.problem.previous is None and amount == 0:
        return "0 walks changed (no previous plan to keep)"
    return f"{_count(amount, 'walk')} of the previous plan changed"


def _busiest(walk_model: WalkModel, value: Value, amount: int) -> str:
    """Every group above its floor, busiest first; the rest in one clause."""
    if not walk_model.busiest:
        return "busiest person: nobody can walk"
    loads = sorted(
        ((value(b.load), b.floor, b.group) for b in walk_model.busiest),
        key=lambda item: (item[1] - item[0], -item[0], item[2]),
    )
    above = [
        f"busiest {group}: {_count(load, 'walk')} (no plan can do with fewer than {floor})"
        for load, floor, group in loads
        if load > floor
    ]
    at_floor = len(loads) - len(above)
    if at_floor:
        groups = "group" if at_floor == 1 else "groups"
        above.append(
            ("every" if not above else f"the other {at_floor}")
            + f" {groups} of interchangeable people: the fewest walks any plan can give the busiest"
        )
    return "; ".join(above)


def _left_out(walk_model: WalkModel, value: Value, amount: int) -> str:
    could = len(walk_model.walkers)
    left = could - sum(map(value, walk_model.walkers))
    said = (
        "1 person who could walk is on no walk"
        if left == 1
        else f"{left} people who could walk are on no walk"
    )
    if could > walk_model.places:  # not everyone can have a place: only places given twice count
        said += f" ({amount} of the {walk_model.places} places go to people walking again)"
    return said


def _unpaired(walk_model: WalkModel, value: Value, amount: int) -> str:
    unpaired = [u for u in walk_model.unpaired if value(u.literal)]
    people = len({u.person.id for u in unpaired})
    if not unpaired:
        return "0 developing people walk without a natural engager"
    said = f"{_count(people, 'developing person', 'developing people')} walk{'s' if people == 1 else ''}"
    said += " without a natural engager"
    if people != len(unpaired):
        said += f" ({len(unpaired)} times)"
    alone = [u for u in unpaired if not u.could_pair]
    chosen = len(unpaired) - len(alone)
    why = []
    if alone:
        where = _joined(sorted({u.slot.walk_type.name.lower() + "s" for u in alone}))
        why.append(f"{len(alone) if chosen else 'all'} on {where}, where no natural engager could join")
    if chosen:
        why.append(
            f"{chosen if alone else 'all'} where a natural engager was on duty, but taking one would "
            "have cost a rule above pairing (a fairer share, more people involved) or was not found"
        )
    return f"{said} — " + "; ".join(why)


def _same_day(walk_model: WalkModel, value: Value, amount: int) -> str:
    return f"{_count(amount, 'walk')} of one type on the same day"


def _crowded_week(walk_model: WalkModel, value: Value, amount: int) -> str:
    return f"{_count(amount, 'walk')} of a monthly type beyond its fair share of one work week"


def _crowded(walk_model: WalkModel, value: Value, amount: int) -> str:
    return f"{_count(amount, 'walk')} of a type beyond its fair share of one part of the day"


def _companions(walk_model: WalkModel, value: Value, amount: int) -> str:
    return (
        f"{_count(amount, 'natural engager')} added to a walk beyond its places to pair a developing person"
    )


DETAILS: dict[str, Callable[[WalkModel, Value, int], str]] = {
    "missed_walk": _missed,
    "changed_walk": _changed,
    "busiest_person": _busiest,
    "person_left_out": _left_out,
    "developing_unpaired": _unpaired,
    "second_walk_same_day": _same_day,
    "crowded_week": _crowded_week,
    "crowded_time_of_day": _crowded,
    "companion": _companions,
}


def _count(n: int, one: str, many: str = "") -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


def _joined(items: Iterable[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
