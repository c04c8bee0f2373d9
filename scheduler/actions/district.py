"""Creating a district in the app and editing its settings and walk rules there.

The app's forms make District values; these actions check them against the same bounds a settings
file is held to, so a rule that a file could not set cannot be set by hand either. The settings are
read with a version and saved against it: a save made after a colleague saved theirs is a
SettingsConflict, and nothing is written.
"""

from __future__ import annotations

import json
from dataclasses import replace

from scheduler.domain import District
from scheduler.domain.errors import InputError
from scheduler.formats.district_settings import (
    MAX_WALKING_PER_SQUAD,
    POST_INCIDENT_DELAY_HOURS,
    POST_INCIDENT_MINUTES,
    default_district,
    parse_settings,
)
from scheduler.formats.text import unprintable
from scheduler.rules.walk_types import COUNT, MINIMUM, MINUTES, default_walk_types
from scheduler.store import Database, DistrictRef, add_district, stored_settings, update_district
from scheduler.store.versions import Versioned

NEW_DISTRICT = "new district"  # names the user's entry (not a file) in InputError
WALK_RULES = "walk rules"


def create_district(db: Database, *, name: str, timezone: str) -> DistrictRef:
    """A new district with the guide's rules. The name and time zone are read as a settings file's
    would be, so the app refuses what `import settings` refuses, in the same words."""
    settings = _name_and_zone(name, timezone, NEW_DISTRICT)
    return add_district(db, replace(default_district(), name=settings.name, timezone=settings.timezone))


def _name_and_zone(name: str, timezone: str, source: str) -> District:
    text = f"name = {json.dumps(name)}\ntimezone = {json.dumps(timezone)}\n"
    return parse_settings(text, source)


def guide_defaults(settings: District) -> District:
    """The guide's rules and calendar for this district: its name, agency, time zone and holidays
    stay."""
    return replace(
        default_district(),
        name=settings.name,
        agency=settings.agency,
        timezone=settings.timezone,
        holidays=settings.holidays,
        walk_types=default_walk_types(),
    )


def walk_rules(db: Database, *, district: DistrictRef) -> Versioned[District]:
    """The district's settings and rules with the version to save an edit of them against."""
    return stored_settings(db, district.id)


def update_settings(
    db: Database, *, district: DistrictRef, settings: District, expected_version: int | None, user: str
) -> Versioned[DistrictRef]:
    """Make `settings` the district's name, time zone, settings, rules and holidays, all or nothing,
    if they are still at `expected_version`. Returns the district's reference (new after a rename)
    with the new version; a name another district has is a Conflict."""
    _check(settings)
    return update_district(db, district.id, settings, expected_version, user)


def _check(settings: District) -> None:
    def bounded(value: int, bounds: tuple[int, int], field: str) -> None:
        if not bounds[0] <= value <= bounds[1]:
            message = f"must be from {bounds[0]} to {bounds[1]}, got {value}"
            raise InputError(WALK_RULES, message, field=field)

    for field, text in (("name", settings.name), ("walk_call_type", settings.walk_call_type)):
        problem = unprintable(text) if text.strip() else "is empty"
        if problem:
            raise InputError(WALK_RULES, problem, field=field)
    agency_problem = unprintable(settings.agency)  # may be empty: documents then print none
    if agency_problem:
        raise InputError(WALK_RULES, agency_problem, field="agency")
    _name_and_zone(settings.name, settings.timezone, WALK_RULES)  # refused as in a settings file
    if settings.walk_start >= settings.walk_end:
        raise InputError(WALK_RULES, "walks must start before the walk hours end", field="walk_hours")
    if not settings.workdays:
        raise InputError(WALK_RULES, "at least one workday is needed", field="workdays")
    bounded(settings.max_walking_per_squad, MAX_WALKING_PER_SQUAD, "max_walking_per_squad")
    bounded(settings.post_incident_delay_hours, POST_INCIDENT_DELAY_HOURS, "post_incident_delay_hours")
    bounded(settings.post_incident_minutes, POST_INCIDENT_MINUTES, "post_incident_minutes")
    for walk_type in settings.walk_types:
        where = f"walk_types.{walk_type.key}"
        bounded(walk_type.minutes, MINUTES, f"{where}.minutes")
        bounded(walk_type.minimum, MINIMUM, f"{where}.minimum")
        for index, role in enumerate(walk_type.roles[1:], start=1):
            bounded(role.count, COUNT, f"{where}.roles[{index}].count")
