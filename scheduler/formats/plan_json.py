"""Plan JSON, the public, round-trippable form of a plan (see the README, "Plan JSON").

Starts are written in the plan's own time zone with their offset, so a walk on a daylight-saving
change day keeps its real moment."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from scheduler.domain import Month, Plan, PlanQuality, QualityTerm, Shortfall, Walk
from scheduler.domain.errors import InputError
from scheduler.domain.months import check_year
from scheduler.formats.files import read_text
from scheduler.formats.json_text import load_json
from scheduler.formats.text import unprintable
from scheduler.formats.times import local


def plan_to_json(plan: Plan) -> str:
    """Plan JSON; starts are converted to the plan's zone so a reader sees local wall-clock times."""
    zone = ZoneInfo(plan.timezone)
    data: dict[str, Any] = {
        "month": str(plan.month),
        "timezone": plan.timezone,
        "walks": [_walk_to_dict(walk, zone) for walk in plan.walks],
        "shortfalls": [_shortfall_to_dict(shortfall) for shortfall in plan.shortfalls],
    }
    if plan.quality is not None:
        data["quality"] = _quality_to_dict(plan.quality)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _quality_to_dict(quality: PlanQuality) -> dict[str, Any]:
    return {
        "total": quality.total,
        "bound": quality.bound,
        "terms": [
            {"rule": t.rule, "amount": t.amount, "weight": t.weight, "cost": t.cost, "detail": t.detail}
            for t in quality.terms
        ],
    }


def _walk_to_dict(walk: Walk, zone: ZoneInfo) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": walk.id,
        "type": walk.type,
        "start": local(walk.start, zone).isoformat(timespec="seconds"),
        "minutes": walk.minutes,
        "coordinator": walk.coordinator,
        "participants": list(walk.participants),
        "locked": walk.locked,
    }
    if walk.called_in:  # post-incident walks only, and only when someone was called in
        data["called_in"] = list(walk.called_in)
    if walk.partners:
        data["partners"] = list(walk.partners)
    if walk.meeting_point is not None:
        data["meeting_point"] = walk.meeting_point
    if walk.sequence > 0:  # the calendar event's SEQUENCE; 0 (never changed) is left out
        data["sequence"] = walk.sequence
    return data


def _shortfall_to_dict(shortfall: Shortfall) -> dict[str, Any]:
    return {
        "type": shortfall.type,
        "period": shortfall.period,
        "required": shortfall.required,
        "planned": shortfall.planned,
        "reason": shortfall.reason,
    }


def read_plan_file(path: str | Path) -> Plan:
    """Read a Plan JSON file (UTF-8, a BOM is dropped)."""
    return plan_from_json(read_text(path), str(path))


def plan_from_json(text: str, file: str) -> Plan:
    """Read Plan JSON, naming the file, line (for syntax errors) and field of the first mistake.

    `shortfalls` and a walk's `locked` may be left out (a hand-written plan rarely has them);
    unknown keys are ignored so that a newer file still opens. Starts come back in the plan's zone.
    Every number is bounded (the database keeps them in fixed-size columns), no text may hold a
    control character, and every walk must start in the plan's month.
    """
    data = load_json(text, file)
    reader = _JsonReader(file)
    top = reader.object(data, "")
    month = reader.month(top)
    zone_name, zone = reader.timezone(top)
    walks = tuple(
        reader.walk(item, f"walks[{index}]", zone)
        for index, item in enumerate(reader.field(top, "walks", list, ""))
    )
    reader.check_unique_ids(walks)
    reader.check_month(walks, month, zone)
    shortfalls = tuple(
        reader.shortfall(item, f"shortfalls[{index}]")
        for index, item in enumerate(reader.field(top, "shortfalls", list, "", default=[]))
    )
    quality = top.get("quality")
    return Plan(
        month=month,
        timezone=zone_name,
        walks=walks,
        shortfalls=shortfalls,
        quality=None if quality is None else reader.quality(quality, "quality"),
    )


# What the database's columns hold, and far beyond any real plan.
MINUTES = (1, 480)  # a walk's length, as in the settings (up to a full 8-hour shift)
WALK_COUNT = (0, 10_000)  # walks a period requires or has
SEQUENCE = (0, 2**31 - 1)  # a calendar event's SEQUENCE (a 32-bit integer in the database)
AMOUNT = (0, 1_000_000_000)  # units of one rule a plan pays
WEIGHT = (0, 10**18)  # what one unit costs (a missed walk costs about 10^6 in a real month)
RULE_LENGTH = 40

_MISSING = object()
_KIND_NAMES = {
    str: "a string",
    int: "a whole number",
    bool: "true or false",
    list: "a list",
    dict: "an object",
}


class _JsonReader:
    """Checks decoded JSON against the Plan format; every failure names the field it is in."""

    def __init__(self, file: str):
        self.file = file

    def fail(self, where: str, message: str) -> InputError:
        return InputError(self.file, message, field=where or None)

    def object(self, value: Any, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, "expected a JSON object {...}")
        return value

    def field(self, data: dict[str, Any], key: str, kind: type, prefix: str, default: Any = _MISSING) -> Any:
        where = f"{prefix}.{key}" if prefix else key
        value = data.get(key, default)
        if value is _MISSING:
            raise self.fail(where, "missing")
        # bool is a subclass of int in Python, but `true` is no number of minutes
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise self.fail(where, f"expected {_KIND_NAMES[kind]}, got {_shorten(value)}")
        if isinstance(value, str):
            self.check_text(value, where)
        return value

    def check_text(self, value: str, where: str) -> None:
        problem = unprintable(value)
        if problem:
            raise self.fail(where, problem)

    def text(self, data: dict[str, Any], key: str, prefix: str) -> str:
        value: str = self.field(data, key, str, prefix)
        if not value.strip():
            raise self.fail(f"{prefix}.{key}", "must not be empty")
        return value

    def count(
        self, data: dict[str, Any], key: str, prefix: str, limits: tuple[int, int], default: Any = _MISSING
    ) -> int:
        value: int = self.field(data, key, int, prefix, default=default)
        low, high = limits
        if not low <= value <= high:
            raise self.fail(f"{prefix}.{key}", f"must be {low:,} to {high:,}, got {value:,}")
        return value

    def month(self, top: dict[str, Any]) -> Month:
        try:
            return Month.parse(self.field(top, "month", str, ""))
        except ValueError as error:
            raise self.fail("month", str(error)) from None

    def timezone(self, top: dict[str, Any]) -> tuple[str, ZoneInfo]:
        name = self.field(top, "timezone", str, "")
        try:
            return name, ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            message = f"unknown time zone {name!r} (expected e.g. America/New_York)"
            raise self.fail("timezone", message) from None

    def walk(self, value: Any, where: str, zone: ZoneInfo) -> Walk:
        data = self.object(value, where)
        coordinator = self.text(data, "coordinator", where)
        participants = self.participants(data, where, coordinator)
        return Walk(
            id=self.text(data, "id", where),
            type=self.text(data, "type", where),
            start=self.start(data, where, zone),
            minutes=self.count(data, "minutes", where, MINUTES),
            coordinator=coordinator,
            participants=participants,
            locked=self.field(data, "locked", bool, where, default=False),
            called_in=self.texts(data, "called_in", where),
            partners=self.texts(data, "partners", where),
            meeting_point=self.optional_text(data, "meeting_point", where),
            sequence=self.count(data, "sequence", where, SEQUENCE, default=0),
        )

    def optional_text(self, data: dict[str, Any], key: str, prefix: str) -> str | None:
        return None if data.get(key) is None else self.text(data, key, prefix)

    def start(self, data: dict[str, Any], where: str, zone: ZoneInfo) -> datetime:
        text = self.field(data, "start", str, where)
        example = "e.g. 2026-12-03T14:00:00-05:00"
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            raise self.fail(f"{where}.start", f"expected an ISO 8601 date and time, {example}") from None
        if moment.tzinfo is None:
            raise self.fail(f"{where}.start", f"{text!r} has no UTC offset, {example}")
        try:
            check_year(moment.year)  # before converting: year 9999 would overflow
        except ValueError as error:
            raise self.fail(f"{where}.start", str(error)) from None
        return moment.astimezone(zone)

    def participants(self, data: dict[str, Any], where: str, coordinator: str) -> tuple[str, ...]:
        values = self.field(data, "participants", list, where)
        for index, value in enumerate(values):
            if not isinstance(value, str) or not value.strip():
                raise self.fail(f"{where}.participants[{index}]", "expected a roster id (a non-empty string)")
            self.check_text(value, f"{where}.participants[{index}]")
        if coordinator not in values:
            raise self.fail(f"{where}.participants", f"must include the coordinator {coordinator!r}")
        if len(set(values)) != len(values):
            raise self.fail(f"{where}.participants", "lists someone twice")
        return tuple(values)

    def texts(self, data: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
        """An optional list of names or ids (empty when left out), each one line, none twice."""
        values = self.field(data, key, list, where, default=[])
        for index, value in enumerate(values):
            if not isinstance(value, str) or not value.strip():
                raise self.fail(f"{where}.{key}[{index}]", "expected a non-empty string")
            self.check_text(value, f"{where}.{key}[{index}]")
        if len(set(values)) != len(values):
            raise self.fail(f"{where}.{key}", "lists someone twice")
        return tuple(values)

    def check_unique_ids(self, walks: Sequence[Walk]) -> None:
        seen: set[str] = set()
        for index, walk in enumerate(walks):
            if walk.id in seen:
                raise self.fail(f"walks[{index}].id", f"walk id {walk.id!r} is used twice")
            seen.add(walk.id)

    def check_month(self, walks: Sequence[Walk], month: Month, zone: ZoneInfo) -> None:
        """A plan holds its month's walks only: one outside it would be lost or shown in the
        wrong month's schedule."""
        for index, walk in enumerate(walks):
            day = walk.start.astimezone(zone).date()
            if not month.first_day <= day <= month.last_day:
                message = f"starts on {day.isoformat()}, outside the plan's month {month}"
                raise self.fail(f"walks[{index}].start", message)

    def shortfall(self, value: Any, where: str) -> Shortfall:
        data = self.object(value, where)
        return Shortfall(
            type=self.text(data, "type", where),
            period=self.text(data, "period", where),
            required=self.count(data, "required", where, WALK_COUNT),
            planned=self.count(data, "planned", where, WALK_COUNT),
            reason=self.field(data, "reason", str, where),
        )

    def quality(self, value: Any, where: str) -> PlanQuality:
        """`total` and each term's `cost` are derived, so they are not read back."""
        data = self.object(value, where)
        bound = data.get("bound")
        if bound is not None and (not _is_number(bound) or not 0 <= bound <= WEIGHT[1]):
            message = f"expected a number from 0 to {WEIGHT[1]:,} or null, got {_shorten(bound)}"
            raise self.fail(f"{where}.bound", message)
        terms = []
        for index, item in enumerate(self.field(data, "terms", list, where)):
            at = f"{where}.terms[{index}]"
            term = self.object(item, at)
            terms.append(
                QualityTerm(
                    rule=self.rule(term, at),
                    amount=self.count(term, "amount", at, AMOUNT),
                    weight=self.count(term, "weight", at, WEIGHT),
                    detail=self.field(term, "detail", str, at),
                )
            )
        return PlanQuality(tuple(terms), None if bound is None else float(bound))

    def rule(self, term: dict[str, Any], where: str) -> str:
        rule = self.text(term, "rule", where)
        if len(rule) > RULE_LENGTH:
            raise self.fail(f"{where}.rule", f"must be at most {RULE_LENGTH} characters, got {len(rule)}")
        return rule


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _shorten(value: Any) -> str:
    """The offending value as JSON, cut short: a message must stay one readable line."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."
