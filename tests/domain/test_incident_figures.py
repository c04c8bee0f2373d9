"""Incident figures and the sentences officers say, on a dozen incidents checked by hand.

Reference day 2026-12-10: the 30-day window is Nov 10 - Dec 9 (the one before: Oct 11 - Nov 9),
the 90-day window Sep 11 - Dec 9 (the one before: Jun 13 - Sep 10). SectorArea North is the northern
half of the neighborhood, South the southern; their shared edge belongs to North, named first.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from shapely import box

from scheduler.domain.incident_figures import SectorCount, incident_figures, incident_sentences
from scheduler.domain.incidents import Incident
from scheduler.domain.neighborhood import SectorArea

ZONE = "America/New_York"
DAY = date(2026, 12, 10)
NORTH = SectorArea("North", box(-84.21, 39.78, -84.18, 39.79))
SOUTH = SectorArea("South", box(-84.21, 39.77, -84.18, 39.78))
IN_NORTH, IN_SOUTH, ON_EDGE = (39.785, -84.20), (39.775, -84.20), (39.78, -84.20)


def incident(iid: str, kind: str, when: str, at: tuple[float, float] | None = IN_NORTH, **fields) -> Incident:
    latitude, longitude = at if at is not None else (None, None)
    occurred = datetime.fromisoformat(when).replace(tzinfo=ZoneInfo(ZONE))
    return Incident(iid, kind, occurred, latitude=latitude, longitude=longitude, **fields)


INCIDENTS = (
    incident("s1", "shooting", "2026-12-01T21:00"),
    incident("s2", "shooting", "2026-11-20T02:00", ON_EDGE),
    incident("s3", "shooting", "2026-11-15T14:00", IN_SOUTH),
    incident("s4", "shooting", "2026-12-09T23:30"),  # 04:30 UTC on the 10th: still the 9th locally
    incident("s5", "shooting", "2026-12-10T08:00"),  # the reference day itself: not counted
    incident("s6", "shooting", "2026-10-20T20:00"),
    incident("s7", "shooting", "2026-11-01T20:00", IN_SOUTH),
    incident("b1", "burglary", "2026-11-30T10:00", None),  # no coordinates: in no sector
    incident("b2", "burglary", "2026-11-25T10:00", outside=True),  # outside the neighborhood
    incident("t1", "theft", "2026-10-01T10:00", IN_SOUTH),
    incident("r1", "robbery", "2026-08-01T10:00"),
)


def sentences(incidents=INCIDENTS, sectors=(NORTH, SOUTH)) -> tuple[str, ...]:
    return incident_sentences(incident_figures(incidents, sectors, DAY, ZONE))


def test_counts_changes_and_sectors_per_window():
    figures = incident_figures(INCIDENTS, (NORTH, SOUTH), DAY, ZONE)
    month = figures.window(30)
    assert (month.first, month.last) == (date(2026, 11, 10), date(2026, 12, 9))
    assert (month.count, month.previous) == (5, 2)
    shootings = month.kind("shooting")
    assert (shootings.count, shootings.previous) == (4, 2)
    assert shootings.sectors == (SectorCount("North", 3), SectorCount("South", 1))
    assert month.kind("burglary").sectors == ()
    assert month.kind("homicide").count == 0
    quarter = figures.window(90)
    assert (quarter.count, quarter.previous) == (8, 1)
    assert [(kind.kind, kind.count) for kind in quarter.kinds] == [
        ("shooting", 6),
        ("burglary", 1),
        ("theft", 1),
        ("robbery", 0),
    ]
    assert quarter.sectors == (SectorCount("North", 4), SectorCount("South", 3))


def test_sentences_an_officer_can_say():
    assert sentences() == (
        "No homicide incidents were recorded in the last 30 days.",
        "In the last 30 days there were 4 shooting incidents in the neighborhood, 2 more than in the "
        "30 days before; 3 of them were in sector North.",
        "In the last 30 days there was 1 burglary incident in the neighborhood, 1 more than in the "
        "30 days before.",
        "In the last 90 days there were 8 incidents in the neighborhood, 7 more than in the 90 days "
        "before. The most common types were shooting (6), burglary (1) and theft (1). "
        "By sector: 4 in North and 3 in South.",
    )


def test_no_incidents_invents_no_figures():
    assert sentences(()) == (
        "No homicide incidents were recorded in the last 30 days.",
        "No shooting incidents were recorded in the last 30 days.",
        "No incidents were recorded in the last 90 days.",
    )


def test_fewer_than_before_and_none_now():
    older = (
        incident("h1", "homicide", "2026-10-15T10:00"),
        incident("h2", "homicide", "2026-10-16T10:00"),
        incident("s1", "shooting", "2026-11-12T10:00", IN_SOUTH),
        incident("s2", "shooting", "2026-10-12T10:00"),
        incident("s3", "shooting", "2026-10-13T10:00"),
    )
    assert sentences(older)[:2] == (
        "No homicide incidents were recorded in the last 30 days, down from 2 in the 30 days before.",
        "In the last 30 days there was 1 shooting incident in the neighborhood, 1 fewer than in the "
        "30 days before; it was in sector South.",
    )
    assert sentences(older)[2] == (
        "In the last 90 days there were 5 incidents in the neighborhood, 5 more than in the 90 days "
        "before. The most common types were shooting (3) and homicide (2). "
        "By sector: 4 in North and 1 in South."
    )


def test_all_in_one_sector_a_tie_and_the_same_number():
    all_north = tuple(incident(f"s{n}", "shooting", f"2026-12-0{n}T10:00") for n in (1, 2))
    assert sentences(all_north)[1] == (
        "In the last 30 days there were 2 shooting incidents in the neighborhood, 2 more than in the "
        "30 days before; all of them were in sector North."
    )
    tie = (
        *all_north,
        incident("s3", "shooting", "2026-12-03T10:00", IN_SOUTH),
        incident("s4", "shooting", "2026-12-04T10:00", IN_SOUTH),
        *(incident(f"p{n}", "shooting", f"2026-10-2{n}T10:00") for n in range(4)),
    )
    assert sentences(tie)[1] == (
        "In the last 30 days there were 4 shooting incidents in the neighborhood, the same number as "
        "in the 30 days before; 2 each in sectors North and South."
    )


def test_one_type_only_is_named_in_the_summary_and_no_sectors_no_places():
    one = (incident("v1", "vandalism", "2026-11-01T10:00"),)
    assert sentences(one, sectors=()) == (
        "No homicide incidents were recorded in the last 30 days.",
        "No shooting incidents were recorded in the last 30 days.",
        "In the last 90 days there was 1 vandalism incident in the neighborhood, 1 more than in the 90 "
        "days before.",
    )


def test_the_three_most_frequent_other_types_get_a_sentence():
    many = tuple(
        incident(f"{kind}{n}", kind, f"2026-12-0{n + 1}T10:00")
        for kind, times in (("theft", 4), ("assault", 3), ("burglary", 2), ("vandalism", 1))
        for n in range(times)
    )
    said = sentences(many, sectors=())
    assert [sentence.split(" there ")[1].split(" in the ")[0] for sentence in said[2:5]] == [
        "were 4 theft incidents",
        "were 3 assault incidents",
        "were 2 burglary incidents",
    ]
    assert len(said) == 6


def test_incidents_in_no_sector_still_count_but_are_not_placed():
    mostly_unplaced = (
        incident("s1", "shooting", "2026-12-01T10:00"),
        incident("s2", "shooting", "2026-12-02T10:00", None),
        incident("s3", "shooting", "2026-12-03T10:00", (39.70, -84.30)),  # in the boundary, in no sector
    )
    assert sentences(mostly_unplaced)[1] == (
        "In the last 30 days there were 3 shooting incidents in the neighborhood, 3 more than in the "
        "30 days before; 1 of them was in sector North."
    )
