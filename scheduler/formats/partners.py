"""Partners CSV import: the people outside the agency a district invites to post-incident walks.

The guide asks for city officials, social services and counselors on the walk after a homicide or
shooting. They are never scheduled by shift, so the file holds only who they are and how to reach
them: `name` (required, unique: the walk names its partners by it), `organization`, `kind` (the
agency's own word, e.g. "city official"), `email` and `phone`. Read like the roster: header names
in any case and order, every bad row reported with its row and column, nothing kept from a bad file.
"""

from __future__ import annotations

from pathlib import Path

from scheduler.domain import Partner
from scheduler.domain.errors import InputError
from scheduler.formats.csv_table import raise_mistakes
from scheduler.formats.csv_table import table as read_table
from scheduler.formats.files import read_text
from scheduler.formats.text import email_problem, unprintable

REQUIRED = ("name",)
OPTIONAL = ("organization", "kind", "email", "phone")


def load_partners(path: str | Path) -> tuple[Partner, ...]:
    """Read a partners file; a BOM (as Excel writes "CSV UTF-8") is dropped."""
    return parse_partners(read_text(path), str(path))


def parse_partners(text: str, file: str) -> tuple[Partner, ...]:
    """Parse partners CSV text; `file` only names the source in error messages."""
    table = read_table(text, file, REQUIRED, OPTIONAL)
    errors: list[InputError] = []
    partners = tuple(
        partner
        for _, _, partner in table.records(
            errors,
            lambda values, row: _partner(values, file, row),
            key=lambda partner: partner.name,
            field="name",
            clash=lambda name, first: f"{name!r} is already on row {first} (names must be unique)",
        )
    )
    raise_mistakes(file, errors)
    return partners


def _partner(values: dict[str, str], file: str, row: int) -> Partner:
    for column, value in values.items():
        problem = unprintable(value)
        if problem:
            raise InputError(file, f"{column} {problem}", row=row, field=column)
    name = values["name"]
    if not name:
        raise InputError(file, "name is empty (expected the partner's name)", row=row, field="name")
    problem = email_problem(values.get("email", ""))
    if problem:
        raise InputError(file, problem, row=row, field="email")
    return Partner(
        name=name,
        organization=values.get("organization", ""),
        kind=values.get("kind", ""),
        email=values.get("email", ""),
        phone=values.get("phone", ""),
    )
