"""The demo district: a made-up neighborhood with everything a captain would set up, so that
`beatwalk --demo` shows a working app at once and the tests have a whole district in one call."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from zoneinfo import ZoneInfo

from scheduler.actions.department import district_settings, import_roster, import_settings
from scheduler.actions.incidents import import_boundary, import_incidents
from scheduler.actions.neighborhood import neighborhood_map, read_neighborhood_file, save_neighborhood_map
from scheduler.actions.plans import SolveRequest
from scheduler.actions.profile import import_profile
from scheduler.domain import Month
from scheduler.domain.resources import resource_path
from scheduler.store import Database, DistrictRef

DEMO_FILES = resource_path("demo")
DEMO_STREETS = DEMO_FILES / "streets.geojson"  # shown under the demo's map, as a user's own file is
# Enough search for a valid, reasonable month in a second or two; the demo needs no proof.
DEMO_SOLVE = SolveRequest(time_limit=3.0, effort=1.0, apart=True)  # apart: the app plans it


@dataclass(frozen=True)
class DemoCreated:
    district: DistrictRef
    month: Month  # the month to plan and show: `now`'s, in the district's time zone


def create_demo(db: Database, *, now: datetime) -> DemoCreated:
    """Put the demo district into `db`: settings, roster, boundary, neighborhood profile, the
    sectors its meeting points lie in (as the map page imports them) and incidents (into a
    database that has it already, the files are imported again, which changes nothing). The month
    is left for the caller to plan with `DEMO_SOLVE`, so that a window can show while the solver
    works."""
    district = import_settings(db, path=DEMO_FILES / "district.toml").district
    import_roster(db, district=district, path=DEMO_FILES / "roster.csv")
    import_boundary(db, district=district, path=DEMO_FILES / "boundary.geojson")
    import_profile(db, district=district, path=DEMO_FILES / "profile.toml")
    sectors = read_neighborhood_file(path=DEMO_FILES / "sectors.geojson").sectors
    stored = neighborhood_map(db, district=district)
    save_neighborhood_map(
        db,
        district=district,
        neighborhood=replace(stored.value, sectors=sectors),
        expected_version=stored.version,
        user="the demo",
    )
    import_incidents(db, district=district, path=DEMO_FILES / "incidents.csv", now=now)
    local = now.astimezone(ZoneInfo(district_settings(db, district=district).timezone))
    return DemoCreated(district, Month(local.year, local.month))
