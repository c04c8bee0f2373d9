"""When a walk's calendar event must be re-sent: the rule behind its SEQUENCE.

Outlook and Google Calendar only take an updated event whose SEQUENCE is higher than the one they
hold, so it must rise whenever what an attendee acts on changes (when, where, with whom), and stay
put otherwise (a re-export of an unchanged walk must not look like news).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from scheduler.domain.plans import Walk


def calendar_facts(walk: Walk) -> tuple[object, ...]:
    """What attendees act on: time, place and people (order of participants aside)."""
    return (
        walk.start,
        walk.minutes,
        walk.meeting_point,
        walk.coordinator,
        frozenset(walk.participants),
        frozenset(walk.partners),
    )


def next_sequence(before: Walk | None, walk: Walk) -> int:
    """`walk`'s SEQUENCE given its previous version `before` (None: a new walk). A value carried by
    `walk` itself (e.g. from a plan file) is never lowered."""
    if before is None:
        return walk.sequence
    bump = 1 if calendar_facts(before) != calendar_facts(walk) else 0
    return max(walk.sequence, before.sequence + bump)


def with_sequences(before: Iterable[Walk], walks: Sequence[Walk]) -> tuple[Walk, ...]:
    """`walks` with their SEQUENCE set against the previous version's walk of the same id."""
    previous = {walk.id: walk for walk in before}
    return tuple(replace(walk, sequence=next_sequence(previous.get(walk.id), walk)) for walk in walks)
