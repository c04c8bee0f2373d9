"""Walk-type rules as data: the guide's defaults from `resources/walk_types.toml`, and a
district's overrides of any field of any type.

Every field must have its TOML type (`responsible = "no"` is text, not false; `minimum = true` is
no number, though Python counts a bool as an int) and every number stays within bounds the
planner is built for, said in the message: a minimum of three billion walks would be accepted by
the database and then run the planner out of memory.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from typing import Any, TypeVar

from scheduler.domain import Crew, Per, Rank, Role, Unit, WalkType
from scheduler.domain.errors import InputError
from scheduler.domain.resources import resource_path

E = TypeVar("E", Rank, Unit)
C = TypeVar("C", Per, Crew)

DEFAULTS_FILE = "walk_types.toml"
WALK_TYPE_FIELDS = {"name", "minutes", "minimum", "per", "roles"}  # each required
OPTIONAL_FIELDS = {"crew"}
ROLE_FIELDS = {"key", "label", "count", "ranks", "units", "exclude_units", "responsible"}

MINUTES = (5, 480)  # a walk's length: up to a whole 8-hour shift
MINIMUM = (0, 50)  # walks per period
COUNT = (1, 20)  # people in one role of a walk
ROLES = (1, 20)  # roles of a walk type, the coordinator's first


def default_rule_tables() -> dict[str, dict[str, Any]]:
    with resource_path(DEFAULTS_FILE).open("rb") as handle:
        return tomllib.load(handle)


def default_walk_types() -> tuple[WalkType, ...]:
    return walk_types_from_tables(default_rule_tables(), DEFAULTS_FILE)


def walk_types_from_tables(
    tables: Mapping[str, Mapping[str, Any]],
    file: str,
    overrides: Mapping[str, Mapping[str, Any]] | None = None,
) -> tuple[WalkType, ...]:
    """Build walk types from TOML tables, each override table replacing the fields it names.

    An override for a key that is not a default adds a new walk type (it must then give every field).
    """
    merged = {key: dict(table) for key, table in tables.items()}
    for key, table in (overrides or {}).items():
        if not isinstance(table, Mapping):
            raise InputError(file, "must be a table of walk-type fields", field=f"walk_types.{key}")
        merged.setdefault(key, {}).update(table)
    return tuple(_walk_type(key, table, file) for key, table in merged.items())


def _walk_type(key: str, table: Mapping[str, Any], file: str) -> WalkType:
    where = f"walk_types.{key}"
    unknown = set(table) - WALK_TYPE_FIELDS - OPTIONAL_FIELDS
    if unknown:
        raise InputError(file, f"unknown field(s): {', '.join(sorted(unknown))}", field=where)
    missing = WALK_TYPE_FIELDS - set(table)
    if missing:
        raise InputError(file, f"missing field(s): {', '.join(sorted(missing))}", field=where)
    roles = table["roles"]
    if not isinstance(roles, list) or not ROLES[0] <= len(roles) <= ROLES[1]:
        got = f"{len(roles)} roles" if isinstance(roles, list) else shown(roles)
        message = f"must be a list of {ROLES[0]} to {ROLES[1]} roles, the coordinator's first, got {got}"
        raise InputError(file, message, field=f"{where}.roles")
    parsed = tuple(_role(role, file, f"{where}.roles[{i}]") for i, role in enumerate(roles))
    if parsed[0].count != 1:
        raise InputError(
            file, "the coordinator's role (the first) must have count 1", field=f"{where}.roles[0]"
        )
    return WalkType(
        key,
        _text(table["name"], file, f"{where}.name"),
        whole_number(table["minutes"], file, f"{where}.minutes", MINUTES),
        whole_number(table["minimum"], file, f"{where}.minimum", MINIMUM),
        _choice(Per, table["per"], file, f"{where}.per"),
        parsed,
        _choice(Crew, table.get("crew", Crew.ANYONE.value), file, f"{where}.crew"),
    )


def _choice(enum: type[C], value: Any, file: str, where: str) -> C:
    choices = [member.value for member in enum]
    if not isinstance(value, str) or value not in choices:
        message = f"must be one of {', '.join(choices)} (in quotes), got {shown(value)}"
        raise InputError(file, message, field=where)
    return enum(value)


def _role(table: Any, file: str, where: str) -> Role:
    if not isinstance(table, Mapping):
        message = f'must be a table such as {{ key = "officer", ranks = ["officer"] }}, got {shown(table)}'
        raise InputError(file, message, field=where)
    unknown = set(table) - ROLE_FIELDS
    if unknown:
        raise InputError(file, f"unknown field(s): {', '.join(sorted(unknown))}", field=where)
    if "key" not in table:
        raise InputError(file, "missing field 'key'", field=where)
    key = _text(table["key"], file, f"{where}.key")
    responsible = table.get("responsible", False)
    if not isinstance(responsible, bool):
        message = f"must be true or false (without quotes), got {shown(responsible)}"
        raise InputError(file, message, field=f"{where}.responsible")
    return Role(
        key=key,
        label=_text(table.get("label", key), file, f"{where}.label"),
        count=whole_number(table.get("count", 1), file, f"{where}.count", COUNT),
        ranks=_members(Rank, table.get("ranks", []), file, f"{where}.ranks"),
        units=_members(Unit, table.get("units", []), file, f"{where}.units"),
        exclude_units=_members(Unit, table.get("exclude_units", []), file, f"{where}.exclude_units"),
        responsible=responsible,
    )


def _members(enum: type[E], values: Any, file: str, where: str) -> frozenset[E]:
    choices = [member.value for member in enum]
    if not isinstance(values, list):
        message = f'must be a list of names in quotes such as ["{choices[0]}"], got {shown(values)}'
        raise InputError(file, message, field=where)
    for value in values:
        if not isinstance(value, str) or value not in choices:
            message = f"{shown(value)} is not among {', '.join(choices)}"
            raise InputError(file, message, field=where)
    return frozenset(enum(value) for value in values)


def whole_number(value: Any, file: str, where: str, bounds: tuple[int, int]) -> int:
    """A TOML integer within `bounds` (inclusive), which the message states."""
    low, high = bounds
    if type(value) is not int or not low <= value <= high:  # type(): a bool is an int in Python
        message = f"must be a whole number from {low} to {high}, got {shown(value)}"
        raise InputError(file, message, field=where)
    return value


def _text(value: Any, file: str, where: str) -> str:
    """Non-empty TOML text, trimmed (whatever else text may not hold, its file format decides)."""
    if not isinstance(value, str) or not value.strip():
        raise InputError(file, f"must be non-empty text in quotes, got {shown(value)}", field=where)
    return value.strip()


def shown(value: Any) -> str:
    """A TOML value as a message shows it: short, and a table or list by its kind, not its repr."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        digits = str(abs(value))
        return str(value) if len(digits) <= 20 else f"a number of {len(digits)} digits"
    if isinstance(value, str):
        return repr(value) if len(value) <= 40 else repr(value[:37] + "...")
    if isinstance(value, Mapping):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return str(value)[:40]  # a decimal number, a date or a time
