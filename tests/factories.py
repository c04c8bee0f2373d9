"""Small rosters built in code, so each test shows the people it depends on."""

from __future__ import annotations

from datetime import time
from pathlib import Path

from scheduler.domain import District, Engagement, Month, Person, PlanningProblem, Rank, Unit, WorkPattern
from scheduler.rules.walk_types import default_walk_types

MONTH = Month(2026, 12)
ALL_WEEK = WorkPattern(weekdays=frozenset(range(7)))


def person(
    pid: str,
    rank: Rank,
    unit: Unit = Unit.PATROL,
    *,
    responsible: bool = False,
    squad: str = "",
    start: time = time(8, 0),
    hours: float = 10.0,
    engagement: Engagement = Engagement.UNKNOWN,
    **fields: object,
) -> Person:
    return Person(
        id=pid,
        name=f"{rank.value.title()} {pid}",
        rank=rank,
        unit=unit,
        responsible=responsible,
        squad=squad,
        shift_start=start,
        shift_hours=hours,
        engagement=engagement,
        **fields,  # type: ignore[arg-type]
    )


def small_roster() -> tuple[Person, ...]:
    """The smallest department that can meet every minimum: day and evening patrol squads with
    responsible people, the district captain, non-patrol leaders and a community policing unit."""
    people = [
        person("c1", Rank.CAPTAIN, responsible=True, start=time(8, 0)),
        person("c2", Rank.CAPTAIN, Unit.INVESTIGATIONS),
        person("l1", Rank.LIEUTENANT, responsible=True, start=time(7, 0)),  # leads a shift, not a squad
        person("l2", Rank.LIEUTENANT, responsible=True, start=time(12, 0)),
        person("l3", Rank.LIEUTENANT, Unit.SUPPORT),
        person("s3", Rank.SERGEANT, Unit.INVESTIGATIONS),
        person("u1", Rank.OFFICER, Unit.COMMUNITY_POLICING, start=time(9, 0)),
        person("u2", Rank.OFFICER, Unit.COMMUNITY_POLICING, start=time(9, 0)),
        person("u3", Rank.SERGEANT, Unit.COMMUNITY_POLICING, start=time(11, 0)),
    ]
    for squad, start in (("A", time(7, 0)), ("B", time(12, 0))):
        people.append(person(f"s{squad}", Rank.SERGEANT, responsible=True, squad=squad, start=start))
        for i in range(4):
            engagement = (Engagement.NATURAL, Engagement.DEVELOPING, Engagement.UNKNOWN, Engagement.UNKNOWN)[
                i
            ]
            people.append(
                person(
                    f"o{squad}{i}",
                    Rank.OFFICER,
                    responsible=i < 2,
                    squad=squad,
                    start=start,
                    engagement=engagement,
                )
            )
    return tuple(people)


def district(**fields: object) -> District:
    return District(
        name="Test District", timezone="America/New_York", walk_types=default_walk_types(), **fields
    )  # type: ignore[arg-type]


def problem(
    people: tuple[Person, ...] | None = None, month: Month = MONTH, **fields: object
) -> PlanningProblem:
    return PlanningProblem(district=district(), people=people or small_roster(), month=month, **fields)  # type: ignore[arg-type]


def write_roster(path: Path) -> Path:
    lines = ["id,name,rank,unit,responsible,squad,shift_start,shift_hours,workdays,engagement,email"]
    for p in small_roster():
        lines.append(
            f"{p.id},{p.name},{p.rank.value},{p.unit.value},{'yes' if p.responsible else 'no'},{p.squad},"
            f"{p.shift_start:%H:%M},{p.shift_hours:g},Mon-Fri,{p.engagement.value},{p.id}@example.org"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
