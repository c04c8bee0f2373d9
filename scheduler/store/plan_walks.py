"""A plan's walks onto their rows: only what changed is touched, so walk logs keep their walks."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from zoneinfo import ZoneInfo

from scheduler.domain import Plan, Walk
from scheduler.domain.errors import InputError
from scheduler.domain.incidents import POST_INCIDENT
from scheduler.domain.sequence import next_sequence
from scheduler.store.convert import walk_from_row
from scheduler.store.schema import PlanRow, WalkParticipantRow, WalkPartnerRow, WalkRow


def store_walks(
    row: PlanRow, plan: Plan, person_ids: Mapping[str, int], partner_ids: Mapping[str, int], source: str
) -> str:
    """Sync the plan's walks onto `row.walks` by walk id, touching only what changed (walk logs
    point at walk rows, so an unchanged walk keeps its row), raising the calendar sequence of each
    walk whose time, place or people changed. Returns a summary of the change."""
    _check_people(plan, person_ids)
    _check_partners(plan, partner_ids)
    external = {internal: external for external, internal in person_ids.items()}
    zone = ZoneInfo(plan.timezone)
    existing = {walk.key: walk for walk in row.walks}
    rows, added, changed = [], 0, 0
    for position, walk in enumerate(plan.walks):
        walk_row = existing.pop(walk.id, None)
        before = None if walk_row is None else walk_from_row(walk_row, external, zone)
        walk = replace(walk, sequence=next_sequence(before, walk))
        if walk_row is None:
            walk_row = WalkRow(key=walk.id)
            added += 1
        elif before == walk:
            walk_row.position = position
            rows.append(walk_row)
            continue
        else:
            changed += 1
        _apply_walk(walk_row, walk, position, person_ids, partner_ids, source)
        rows.append(walk_row)
    row.walks = rows
    return f"{len(plan.walks)} walks: {added} added, {changed} changed, {len(existing)} removed"


def _apply_walk(
    row: WalkRow,
    walk: Walk,
    position: int,
    person_ids: Mapping[str, int],
    partner_ids: Mapping[str, int],
    source: str,
) -> None:
    row.position = position
    row.type = walk.type
    row.start = walk.start
    row.minutes = walk.minutes
    row.coordinator_id = person_ids[walk.coordinator]
    row.locked = walk.locked
    row.sequence = walk.sequence
    row.meeting_point = walk.meeting_point
    row.source = POST_INCIDENT if walk.type == POST_INCIDENT else source
    # Reuse participant rows by person: a new row with the same key would be inserted before
    # the old one is deleted.
    current = {item.person_id: item for item in row.participants}
    items = []
    for index, person in enumerate(walk.participants):
        item = current.pop(person_ids[person], None) or WalkParticipantRow(person_id=person_ids[person])
        item.position = index
        item.called_in = person in walk.called_in
        items.append(item)
    row.participants = items
    invited = {item.partner_id: item for item in row.partners}
    wanted = sorted(partner_ids[name] for name in walk.partners)  # the order they are read back in
    row.partners = [invited.get(pid) or WalkPartnerRow(partner_id=pid) for pid in wanted]


def _check_people(plan: Plan, person_ids: Mapping[str, int]) -> None:
    for index, walk in enumerate(plan.walks):
        for person in (walk.coordinator, *walk.participants):
            if person not in person_ids:
                raise InputError(
                    f"plan {plan.month}",
                    f"walk {walk.id} names {person!r}, who is not in the department",
                    field=f"walks[{index}]",
                )


def _check_partners(plan: Plan, partner_ids: Mapping[str, int]) -> None:
    for index, walk in enumerate(plan.walks):
        for name in walk.partners:
            if name not in partner_ids:
                raise InputError(
                    f"plan {plan.month}",
                    f"walk {walk.id} invites {name!r}, who is not among the district's partners",
                    field=f"walks[{index}]",
                )
