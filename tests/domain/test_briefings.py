"""The daily briefing and the talking points, on a plan and a profile written out by hand."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from scheduler.domain import Month, Plan, Rank, Unit, Walk
from scheduler.domain.briefings import daily_briefing
from scheduler.domain.incident_figures import incident_figures
from scheduler.domain.neighborhood import Event, Group, Landmark, Profile, Resource
from scheduler.domain.talking_points import talking_points
from tests.factories import district, person

ZONE = ZoneInfo("America/New_York")
DAY = date(2026, 12, 10)
PEOPLE = (
    person("c1", Rank.CAPTAIN, responsible=True),
    person("l1", Rank.LIEUTENANT, responsible=True),
    person("s1", Rank.SERGEANT, responsible=True),
    person("o1", Rank.OFFICER, responsible=True),
    person("o2", Rank.OFFICER),
    person("u1", Rank.OFFICER, Unit.COMMUNITY_POLICING),
    person("u2", Rank.OFFICER, Unit.COMMUNITY_POLICING),
)
PROFILE = Profile(
    landmarks=(Landmark("St. Mary's Church", 39.785, -84.196, "North"),),
    groups=(Group("Oak Street Block Watch", "Kwame Mensah", "937-555-0188"),),
    events=(
        Event("Winter coat drive", date(2026, 12, 5), "Northside Rec Center"),  # before the day
        Event("Association meeting", date(2027, 1, 9), "Church hall"),  # the 30th day after it
        Event("Tree lighting", date(2026, 12, 10), "Main St"),  # on the day
        Event("Spring cleanup", date(2027, 1, 10), "Park"),  # 31 days after
    ),
    resources=(Resource("Crisis line", "24-hour counseling", "988"),),
)


def at(hour: int, minute: int = 0, day: int = 10) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=ZONE)


PLAN = Plan(
    Month(2026, 12),
    "America/New_York",
    walks=(
        Walk("w3", "captain", at(15), 45, "c1", ("c1", "o2"), meeting_point="Riverside Park gate"),
        Walk("w1", "squad", at(9, 30), 30, "s1", ("s1", "o1"), meeting_point="Library steps"),
        Walk("w2", "shift", at(11), 30, "l1", ("l1", "s1", "o1")),
        Walk(
            "w4",
            "post_incident",
            at(16),
            60,
            "u1",
            ("u1", "u2", "c1", "gone"),
            called_in=("u2",),
            partners=("Dana Cole",),
        ),
        Walk("w5", "officer", at(9, day=11), 20, "o1", ("o1", "o2")),  # the next day
        Walk("w6", "officer", at(23, 30, day=9), 20, "o1", ("o1", "o2")),  # late the day before
    ),
)


def briefing():
    figures = incident_figures((), (), DAY, "America/New_York")
    return daily_briefing(PLAN, district(), PEOPLE, DAY, talking_points("Test District", PROFILE, figures))


def test_the_days_walks_in_order_with_the_coordinator_first_and_called_in_people_marked():
    walks = briefing().walks
    assert [walk.id for walk in walks] == ["w1", "w2", "w3", "w4"]
    assert [member.id for member in walks[1].participants] == ["l1", "s1", "o1"]
    assert walks[0].type_name == "Squad walk"
    assert (walks[0].start.hour, walks[0].start.minute, walks[0].end.minute) == (9, 30, 0)
    assert walks[0].meeting_point == "Library steps"
    post = walks[3]
    assert [(member.name, member.called_in) for member in post.participants] == [
        ("Officer u1", False),
        ("Officer u2", True),
        ("Captain c1", False),
        ("gone", False),  # no longer on the roster: shown by id
    ]
    assert post.partners == ("Dana Cole",)


def test_leaders_are_coordinators_and_lieutenants_and_above_most_senior_first():
    leaders = briefing().leaders
    assert [(leader.member.id, [walk.id for walk in leader.walks]) for leader in leaders] == [
        ("c1", ["w3", "w4"]),
        ("l1", ["w2"]),
        ("s1", ["w1", "w2"]),
        ("u1", ["w4"]),
    ]
    captain = leaders[0]
    assert [captain.coordinates(walk) for walk in captain.walks] == [True, False]


def test_a_day_without_walks_has_no_leaders():
    figures = incident_figures((), (), date(2026, 12, 12), "America/New_York")
    points = talking_points("Test District", PROFILE, figures)
    empty = daily_briefing(PLAN, district(), PEOPLE, date(2026, 12, 12), points)
    assert (empty.walks, empty.leaders) == ((), ())


def test_talking_points_hold_the_profile_and_the_events_of_the_next_30_days():
    points = briefing().talking_points
    assert [event.name for event in points.events] == ["Tree lighting", "Association meeting"]
    assert points.resources[0].phone == "988"
    assert points.groups == PROFILE.groups
    assert points.landmarks == PROFILE.landmarks
    assert points.incidents[0] == "No homicide incidents were recorded in the last 30 days."
