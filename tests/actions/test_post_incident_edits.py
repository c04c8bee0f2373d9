"""A post-incident walk removed by hand leaves its incident listed as a shortfall."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

from scheduler import actions
from scheduler.domain import Month, Plan, Walk
from scheduler.domain.incidents import Incident
from tests.factories import problem
from tests.planning.helpers import only_walk_types

NY = ZoneInfo("America/New_York")


def test_deleting_a_post_incident_walk_lists_its_incident_as_a_shortfall():
    shooting = Incident("C-1", "shooting", datetime(2026, 12, 10, 19, 0, tzinfo=NY))
    walk = Walk("pi-C-1", "post_incident", datetime(2026, 12, 11, 9, 0, tzinfo=NY), 60, "u1", ("u1",), True)
    p = replace(
        only_walk_types(problem(), "post_incident"), incidents=(shooting,), incident_walks={walk.id: "C-1"}
    )
    plan = Plan(Month(2026, 12), "America/New_York", (walk,))
    assert actions.check_plan(p, plan).violations == ()
    edited = actions.delete_walk(p, plan, walk_id=walk.id)
    assert [(s.type, s.period) for s in edited.plan.shortfalls] == [("post_incident", "incident C-1")]
    assert edited.violations == ()
