"""Neighborhood profile TOML: the neighborhood's own facts (meeting points, landmarks, community
groups, upcoming events, resources), read strictly.

A profile replaces the district's stored one as a whole, so a mistake anywhere refuses the whole
file, with one line naming the entry (`meeting_points[3]`, counted from 1 as a reader counts the
`[[meeting_points]]` blocks, with the line it starts on) and the field. Unknown keys are refused
too: a misspelt `lattitude` silently dropped would put a walk's meeting point nowhere.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

from scheduler.domain.errors import InputError
from scheduler.domain.neighborhood import Event, Group, Landmark, MeetingPoint, Place, Profile, Resource
from scheduler.formats.district_settings import parse_toml
from scheduler.formats.files import read_text
from scheduler.formats.text import unprintable
from scheduler.rules.walk_types import shown

PLACE_KEYS = {"name": True, "latitude": True, "longitude": True, "sector": False}  # key: required
GROUP_KEYS = {"name": True, "contact": False, "phone": False}
EVENT_KEYS = {"name": True, "date": True, "place": False}
RESOURCE_KEYS = {"name": True, "service": False, "phone": False}
SECTIONS = ("meeting_points", "landmarks", "groups", "events", "resources")

T = TypeVar("T")
P = TypeVar("P", bound=Place)


def load_profile(path: str | Path, sectors: Collection[str] = ()) -> Profile:
    return parse_profile(read_text(path), str(path), sectors)


def parse_profile(text: str, file: str, sectors: Collection[str] = ()) -> Profile:
    """Parse profile TOML; `sectors` are the stored boundary's sector names (empty: none stored, so
    any sector name is taken as written). `file` only names the source in messages."""
    reader = _Reader(file, text, frozenset(sectors))
    table = parse_toml(text.removeprefix("\ufeff"), file)
    for key in table:
        if key not in SECTIONS:
            raise InputError(file, f"unknown section {key!r} (expected {', '.join(SECTIONS)})", field=key)
    return Profile(
        meeting_points=reader.section(table, "meeting_points", reader.place_of(MeetingPoint)),
        landmarks=reader.section(table, "landmarks", reader.place_of(Landmark)),
        groups=reader.section(table, "groups", reader.group),
        events=reader.section(table, "events", reader.event),
        resources=reader.section(table, "resources", reader.resource),
    )


class _Reader:
    """Checks each entry against its keys; every failure names the entry, its line and the field."""

    def __init__(self, file: str, text: str, sectors: frozenset[str]):
        self.file, self.text, self.sectors = file, text, sectors

    def fail(self, where: str, message: str, section: str = "", index: int = 0) -> InputError:
        return InputError(self.file, message, row=self.line_of(section, index), field=where)

    def line_of(self, section: str, index: int) -> int | None:
        """The line of the `index`-th (from 1) `[[section]]` header, if the file uses that form."""
        if not section:
            return None
        header = re.compile(rf"^\s*\[\[\s*{section}\s*\]\]", re.MULTILINE)
        starts = [match.start() for match in header.finditer(self.text)]
        if index > len(starts):
            return None
        return self.text.count("\n", 0, starts[index - 1]) + 1

    def section(self, table: dict[str, Any], name: str, read: Callable[[_Entry], T]) -> tuple[T, ...]:
        items = table.get(name, [])
        if not isinstance(items, list):
            raise self.fail(name, f"expected a list of entries, written [[{name}]], got {shown(items)}")
        values, seen = [], set()
        for index, item in enumerate(items, start=1):
            where = f"{name}[{index}]"
            if not isinstance(item, dict):
                raise self.fail(where, f"expected a table of keys, got {shown(item)}", name, index)
            entry = _Entry(self, item, name, index)
            value = read(entry)
            key = entry.text("name").casefold()
            if key in seen:
                message = f"the name {entry.text('name')!r} is used twice in {name} (names must be unique)"
                raise entry.fail("name", message)
            seen.add(key)
            values.append(value)
        return tuple(values)

    def place_of(self, kind: type[P]) -> Callable[[_Entry], P]:
        def read(entry: _Entry) -> P:
            entry.check_keys(PLACE_KEYS)
            sector = entry.optional_text("sector") or None
            if sector is not None and self.sectors and sector not in self.sectors:
                known = ", ".join(sorted(self.sectors))
                raise entry.fail("sector", f"unknown sector {sector!r} (the stored boundary has: {known})")
            return kind(
                name=entry.text("name"),
                latitude=entry.degrees("latitude", 90),
                longitude=entry.degrees("longitude", 180),
                sector=sector,
            )

        return read

    def group(self, entry: _Entry) -> Group:
        entry.check_keys(GROUP_KEYS)
        return Group(entry.text("name"), entry.optional_text("contact"), entry.optional_text("phone"))

    def event(self, entry: _Entry) -> Event:
        entry.check_keys(EVENT_KEYS)
        return Event(entry.text("name"), entry.day("date"), entry.optional_text("place"))

    def resource(self, entry: _Entry) -> Resource:
        entry.check_keys(RESOURCE_KEYS)
        return Resource(entry.text("name"), entry.optional_text("service"), entry.optional_text("phone"))


class _Entry:
    """One `[[section]]` entry being read."""

    def __init__(self, reader: _Reader, data: dict[str, Any], section: str, index: int):
        self.reader, self.data, self.section, self.index = reader, data, section, index

    def fail(self, key: str, message: str) -> InputError:
        where = f"{self.section}[{self.index}].{key}" if key else f"{self.section}[{self.index}]"
        return self.reader.fail(where, message, self.section, self.index)

    def check_keys(self, keys: dict[str, bool]) -> None:
        for key in self.data:
            if key not in keys:
                raise self.fail(key, f"unknown key {key!r} (expected {', '.join(keys)})")
        for key, required in keys.items():
            if required and key not in self.data:
                raise self.fail(key, "missing")

    def text(self, key: str) -> str:
        value = self.data.get(key)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, f"expected non-empty text in quotes, got {shown(value)}")
        problem = unprintable(value)
        if problem:
            raise self.fail(key, problem)
        return value.strip()

    def optional_text(self, key: str) -> str:
        return self.text(key) if key in self.data else ""

    def degrees(self, key: str, limit: int) -> float:
        value = self.data.get(key)
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            raise self.fail(key, f"expected decimal degrees (WGS 84), e.g. 39.2904, got {shown(value)}")
        if not -limit <= value <= limit:
            raise self.fail(key, f"must be from -{limit} to {limit} degrees, got {value}")
        return float(value)

    def day(self, key: str) -> date:
        value = self.data.get(key)
        if isinstance(value, str):
            try:
                value = date.fromisoformat(value.strip())
            except ValueError:
                value = None
        if not isinstance(value, date) or isinstance(value, datetime):
            raise self.fail(key, f"expected a date such as 2026-12-12, got {shown(value)}")
        return value
