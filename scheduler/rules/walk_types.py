"""Walk-type rules as data: the guide's defaults from `resources/walk_types.toml`, and a
district's overrides of any field of any type."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from typing import Any, TypeVar

from scheduler.domain import Per, Rank, Role, Unit, WalkType
from scheduler.domain.errors import InputError
from scheduler.domain.resources import resource_path

E = TypeVar("E", Rank, Unit)

DEFAULTS_FILE = "walk_types.toml"
WALK_TYPE_FIELDS = {"name", "minutes", "minimum", "per", "roles"}
ROLE_FIELDS = {"key", "label", "count", "ranks", "units", "exclude_units", "responsible"}


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
    unknown = set(table) - WALK_TYPE_FIELDS
    if unknown:
        raise InputError(file, f"unknown field(s): {', '.join(sorted(unknown))}", field=where)
    missing = WALK_TYPE_FIELDS - set(table)
    if missing:
        raise InputError(file, f"missing field(s): {', '.join(sorted(missing))}", field=where)
    minutes, minimum = table["minutes"], table["minimum"]
    if not isinstance(minutes, int) or not 5 <= minutes <= 480:
        raise InputError(file, "must be a whole number of minutes from 5 to 480", field=f"{where}.minutes")
    if not isinstance(minimum, int) or minimum < 0:
        raise InputError(file, "must be a whole number, 0 or more", field=f"{where}.minimum")
    try:
        per = Per(table["per"])
    except ValueError:
        choices = ", ".join(p.value for p in Per)
        raise InputError(file, f"must be one of {choices}", field=f"{where}.per") from None
    roles = table["roles"]
    if not isinstance(roles, list) or not roles:
        raise InputError(file, "must list at least the coordinator's role", field=f"{where}.roles")
    parsed = tuple(_role(role, file, f"{where}.roles[{i}]") for i, role in enumerate(roles))
    if parsed[0].count != 1:
        raise InputError(
            file, "the coordinator's role (the first) must have count 1", field=f"{where}.roles[0]"
        )
    return WalkType(key, str(table["name"]), minutes, minimum, per, parsed)


def _role(table: Any, file: str, where: str) -> Role:
    if not isinstance(table, Mapping):
        raise InputError(file, "must be a table", field=where)
    unknown = set(table) - ROLE_FIELDS
    if unknown:
        raise InputError(file, f"unknown field(s): {', '.join(sorted(unknown))}", field=where)
    if "key" not in table:
        raise InputError(file, "missing field 'key'", field=where)
    count = table.get("count", 1)
    if not isinstance(count, int) or count < 1:
        raise InputError(file, "must be a whole number, 1 or more", field=f"{where}.count")
    return Role(
        key=str(table["key"]),
        label=str(table.get("label", table["key"])),
        count=count,
        ranks=_members(Rank, table.get("ranks", []), file, f"{where}.ranks"),
        units=_members(Unit, table.get("units", []), file, f"{where}.units"),
        exclude_units=_members(Unit, table.get("exclude_units", []), file, f"{where}.exclude_units"),
        responsible=bool(table.get("responsible", False)),
    )


def _members(enum: type[E], values: Any, file: str, where: str) -> frozenset[E]:
    if not isinstance(values, list):
        raise InputError(file, "must be a list", field=where)
    try:
        return frozenset(enum(value) for value in values)
    except ValueError:
        choices = ", ".join(member.value for member in enum)
        raise InputError(file, f"values must be among {choices}", field=where) from None
