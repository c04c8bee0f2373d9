"""What the printed documents need from the database, as plain values, and the checks of what a
user asks to print (a person, a day, the file to write).

The documents themselves (reportlab) live in `reports/`, above this layer: they get one
`MonthDocuments` and never open the database, so a packet of several documents reads it once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from pathlib import Path

from scheduler.actions.incidents import REQUEST
from scheduler.actions.outputs import check_output
from scheduler.actions.plans import stored_plan
from scheduler.domain import District, Month, Person, Plan
from scheduler.domain.errors import InputError
from scheduler.domain.incident_figures import WINDOWS
from scheduler.domain.incidents import Incident
from scheduler.domain.neighborhood import Profile
from scheduler.domain.resources import resource_path
from scheduler.formats.files import read_text, write_atomically
from scheduler.formats.neighborhood_map import NeighborhoodMap
from scheduler.store import Database, DistrictRef, StoredPlan, all_people, get_district
from scheduler.store.neighborhood import incidents as month_incidents
from scheduler.store.neighborhood import incidents_between
from scheduler.store.neighborhood_map import load_map, neighborhood_name
from scheduler.store.profile import load_profile

DOCUMENT_SUFFIXES = (".pdf",)
INCIDENT_MONTHS = 3  # the map's incident density covers the month and the two before it
FIGURES_DAYS = 2 * max(WINDOWS)  # talking points compare the last 90 days with the 90 before


@dataclass(frozen=True)
class MonthDocuments:
    """Everything a month's documents print: the district and its rules, the stored plan, everyone
    it names, the neighborhood (map and profile) and the recent incidents."""

    district: District
    month: Month
    stored: StoredPlan
    people: tuple[Person, ...]  # everyone the district ever had, active first: plans name both
    neighborhood_name: str
    neighborhood: NeighborhoodMap
    profile: Profile
    incidents: tuple[Incident, ...]  # of the month and the INCIDENT_MONTHS - 1 before it, oldest first
    # Those before `incidents`, back to FIGURES_DAYS before the month: the talking points compare
    # each window of days with the one before it.
    older_incidents: tuple[Incident, ...] = ()

    @property
    def plan(self) -> Plan:
        return self.stored.plan

    @cached_property
    def people_by_id(self) -> dict[str, Person]:
        return {person.id: person for person in self.people}

    def name(self, person_id: str) -> str:
        """A person's name as documents print it (the id, if the person is unknown)."""
        person = self.people_by_id.get(person_id)
        return person.name if person else person_id


def month_documents(db: Database, *, district: DistrictRef, month: Month) -> MonthDocuments:
    """The month's documents' data; NotFound (one line) if the month has no stored plan."""
    stored = stored_plan(db, district=district, month=month)
    months = [month]
    for _ in range(INCIDENT_MONTHS - 1):
        months.insert(0, months[0].previous())
    figures_start = month.first_day - timedelta(days=FIGURES_DAYS)
    return MonthDocuments(
        district=get_district(db, district.id),
        month=month,
        stored=stored,
        people=all_people(db, district.id),
        neighborhood_name=neighborhood_name(db, district.id),
        neighborhood=load_map(db, district.id),
        profile=load_profile(db, district.id),
        incidents=tuple(incident for each in months for incident in month_incidents(db, district.id, each)),
        older_incidents=incidents_between(db, district.id, figures_start, months[0].first_day),
    )


def document_person(documents: MonthDocuments, person_id: str) -> Person:
    """The person a personal document is for; one line if the district has nobody with that id."""
    person = documents.people_by_id.get(person_id.strip())
    if person is None:
        message = f"{documents.district.name} has nobody with id {person_id!r}"
        raise InputError(REQUEST, message, field="person")
    return person


def document_day(month: Month, text: str) -> date:
    """A day of the month, from YYYY-MM-DD; one line if it is not a date or not in the month."""
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(REQUEST, f"expected a date YYYY-MM-DD, got {text!r}", field="date") from None
    check_day(month, day)
    return day


def check_day(month: Month, day: date) -> None:
    """One line if a daily document's day is not in the month."""
    if not month.first_day <= day <= month.last_day:
        raise InputError(REQUEST, f"{day} is not in {month}", field="date")


def check_document_output(out: Path) -> None:
    """Refuse a bad output path before any work: not a .pdf, a missing folder, a folder."""
    check_output(out, suffixes=DOCUMENT_SUFFIXES, what="document")


def write_document(out: Path, data: bytes) -> None:
    """Write a finished document whole: beside `out` first, then renamed over it, so a failure
    leaves an earlier file as it was."""
    check_document_output(out)
    write_atomically(out, data)


def document_text(name: str) -> str:
    """One of the editable texts shipped in `resources/` (e.g. `plan.md`, `handout.md`)."""
    return read_text(resource_path(name))
