"""Plan-quality figures on a plan small enough to count by hand."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from scheduler.domain import Engagement, Month, Person, Plan, Rank, Shortfall, Unit, Walk
from scheduler.planning.metrics import PlanMetrics, plan_metrics

TZ = ZoneInfo("America/New_York")
NATURAL, DEVELOPING, UNKNOWN = Engagement.NATURAL, Engagement.DEVELOPING, Engagement.UNKNOWN


def _person(pid: str, rank: Rank, engagement: Engagement) -> Person:
    return Person(id=pid, name=pid, rank=rank, unit=Unit.PATROL, engagement=engagement)


PEOPLE = {
    p.id: p
    for p in (
        _person("o1", Rank.OFFICER, NATURAL),
        _person("o2", Rank.OFFICER, DEVELOPING),
        _person("o3", Rank.OFFICER, DEVELOPING),
        _person("s1", Rank.SERGEANT, NATURAL),
        _person("l1", Rank.LIEUTENANT, DEVELOPING),
        _person("c1", Rank.CAPTAIN, UNKNOWN),
    )
}


def _walk(n: int, kind: str, *participants: str) -> Walk:
    start = datetime(2026, 12, 1, 10, 0, tzinfo=TZ) + timedelta(days=n)
    return Walk(f"w{n}", kind, start, 30, participants[0], participants)


def test_counts_a_hand_built_plan() -> None:
    plan = Plan(
        month=Month(2026, 12),
        timezone="America/New_York",
        walks=(
            _walk(1, "officer", "o1", "o2"),  # o2 developing, paired with natural o1
            _walk(2, "squad", "s1", "o3"),  # o3 paired with natural s1
            _walk(3, "shift", "l1", "o2", "o3"),  # three developing, nobody natural
            _walk(4, "captain", "c1", "o2"),  # o2 with someone of unknown engagement
            _walk(5, "officer", "o1", "o3", "x9"),  # o3 paired; x9 is no longer on the roster
            _walk(6, "squad", "s1", "o2"),  # o2 paired with natural s1
        ),
        shortfalls=(
            Shortfall("district", "2026-12", required=2, planned=0, reason="no non-patrol captain"),
            Shortfall("officer", "2026-11-30", required=3, planned=2, reason="leave"),
        ),
    )

    assert plan_metrics(plan, PEOPLE) == PlanMetrics(
        walks=6,
        shortfall_walks=3,
        busiest_officer_load=4,  # o2 walks in w1, w3, w4 and w6
        distinct_people=7,  # o1, o2, o3, s1, l1, c1 and x9
        developing_total=8,  # o2 x4, o3 x3, l1 x1
        developing_paired=4,  # o2 in w1 and w6, o3 in w2 and w5
    )


def test_busiest_officer_load_ignores_other_ranks() -> None:
    plan = Plan(
        month=Month(2026, 12),
        timezone="America/New_York",
        walks=tuple(_walk(n, "captain", "c1", "s1") for n in range(5)),
    )

    metrics = plan_metrics(plan, PEOPLE)

    assert metrics.busiest_officer_load == 0
    assert metrics.distinct_people == 2
    assert (metrics.developing_total, metrics.developing_paired) == (0, 0)


def test_an_empty_plan_has_all_zero_figures() -> None:
    empty = Plan(month=Month(2026, 12), timezone="America/New_York")

    assert plan_metrics(empty, PEOPLE) == PlanMetrics(0, 0, 0, 0, 0, 0)
