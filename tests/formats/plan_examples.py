"""Plans and people the plan format tests share: non-Latin names, a locked walk, a shortfall,
and a month across the start of daylight saving time."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from scheduler.domain import Month, Person, Plan, Rank, Shortfall, Unit, Walk

NEW_YORK = ZoneInfo("America/New_York")
STAMP = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
WALK_NAMES = {"squad": "Squad walk", "officer": "Officer walk", "cpu": "Community Policing Unit walk"}

PEOPLE = {
    person.id: person
    for person in (
        Person("1042", "Nguyễn Văn An", Rank.SERGEANT, Unit.PATROL, email="an.nguyen@pd.example.org"),
        Person("1107", "Иванова Мария", Rank.OFFICER, Unit.PATROL, email="m.ivanova@pd.example.org"),
        Person("1200", "Müller, Jo; Jr.", Rank.OFFICER, Unit.PATROL, email="jo.muller@pd.example.org"),
        Person("1300", "Ayşe Demir", Rank.OFFICER, Unit.COMMUNITY_POLICING),  # no email
    )
}


def walk(walk_id: str, start: datetime, *participants: str, kind: str = "squad", minutes: int = 30) -> Walk:
    return Walk(walk_id, kind, start, minutes, participants[0], participants)


def december_plan() -> Plan:
    return Plan(
        month=Month(2026, 12),
        timezone="America/New_York",
        walks=(
            walk("w1", datetime(2026, 12, 3, 14, 0, tzinfo=NEW_YORK), "1042", "1107"),
            walk(
                "w2", datetime(2026, 12, 4, 10, 15, tzinfo=NEW_YORK), "1300", "1200", kind="cpu", minutes=45
            ),
            replace(walk("w3", datetime(2026, 12, 7, 18, 0, tzinfo=NEW_YORK), "1107", "1200"), locked=True),
        ),
        shortfalls=(Shortfall("district", "2026-12", 2, 0, "no non-patrol captain on the roster"),),
    )


def march_plan() -> Plan:
    """Daylight saving starts on 8 March 2026 in New York: -05:00 before, -04:00 after."""
    return Plan(
        month=Month(2026, 3),
        timezone="America/New_York",
        walks=(
            walk("winter", datetime(2026, 3, 6, 14, 0, tzinfo=NEW_YORK), "1042", "1107"),
            walk("summer", datetime(2026, 3, 10, 14, 0, tzinfo=NEW_YORK), "1042", "1107"),
        ),
    )
