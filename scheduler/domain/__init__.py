"""Plain, immutable domain values: the planner takes these in and gives these back.

Nothing here knows about files, databases, Qt or PDFs, so the planner and the validator can be
tested and benchmarked on values built in a few lines.
"""

from scheduler.domain.district import Crew, District, Per, Role, WalkType
from scheduler.domain.months import Month
from scheduler.domain.people import DateRange, Engagement, Partner, Person, Rank, Unit, WorkPattern
from scheduler.domain.plans import Plan, PlanningProblem, PlanQuality, QualityTerm, Shortfall, Walk

__all__ = [
    "Crew",
    "DateRange",
    "District",
    "Engagement",
    "Month",
    "Partner",
    "Per",
    "Person",
    "Plan",
    "PlanQuality",
    "PlanningProblem",
    "QualityTerm",
    "Rank",
    "Role",
    "Shortfall",
    "Unit",
    "Walk",
    "WalkType",
    "WorkPattern",
]
