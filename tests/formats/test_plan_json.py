"""Plan JSON, the format Beatwalk reads back (README, "Exchange formats"): exact round trips in the
plan's zone, and every mistake named by its field."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest

from scheduler.domain import Month, Plan, Shortfall
from scheduler.domain.errors import InputError
from scheduler.formats.plan_json import plan_from_json, plan_to_json
from tests.formats.plan_examples import NEW_YORK, december_plan, march_plan, walk

DESIGN_EXAMPLE = """
{"month": "2026-12", "timezone": "America/New_York",
 "walks": [{"id": "w17", "type": "squad", "start": "2026-12-03T14:00:00-05:00", "minutes": 30,
            "coordinator": "1042", "participants": ["1042", "1107"], "locked": false}],
 "shortfalls": [{"type": "district", "period": "2026-12", "required": 2, "planned": 0,
                 "reason": "no non-patrol captain on the roster"}]}
"""


@pytest.mark.parametrize("plan", [december_plan(), march_plan(), Plan(Month(2027, 1), "America/Phoenix")])
def test_json_round_trip(plan: Plan) -> None:
    assert plan_from_json(plan_to_json(plan), "plan.json") == plan


def test_json_starts_come_back_in_the_plans_zone() -> None:
    plan = plan_from_json(plan_to_json(march_plan()), "plan.json")
    assert all(walk.start.tzinfo == NEW_YORK for walk in plan.walks)
    assert plan.walks[0].start.hour == 14


def test_json_starts_carry_the_offset_of_winter_and_summer() -> None:
    data = json.loads(plan_to_json(march_plan()))
    assert [walk["start"] for walk in data["walks"]] == [
        "2026-03-06T14:00:00-05:00",
        "2026-03-10T14:00:00-04:00",
    ]


def test_json_writes_starts_in_the_plans_zone_whatever_zone_the_walk_has() -> None:
    utc_walk = walk("w1", datetime(2026, 12, 3, 19, 0, tzinfo=UTC), "1042", "1107")
    data = json.loads(plan_to_json(Plan(Month(2026, 12), "America/New_York", (utc_walk,))))
    assert data["walks"][0]["start"] == "2026-12-03T14:00:00-05:00"


def test_json_is_pretty_printed_and_keeps_non_latin_text() -> None:
    plan = replace(december_plan(), shortfalls=(Shortfall("cpu", "2026-12", 21, 3, "Иванова on leave"),))
    text = plan_to_json(plan)
    assert text.startswith('{\n  "month": "2026-12",\n  "timezone": "America/New_York",\n  "walks": [\n')
    assert "Иванова on leave" in text
    assert [walk["id"] for walk in json.loads(text)["walks"]] == ["w1", "w2", "w3"]


def test_json_refuses_a_naive_start_rather_than_guess_the_zone() -> None:
    naive = walk("w1", datetime(2026, 12, 3, 14, 0), "1042")
    with pytest.raises(ValueError, match="no time zone"):
        plan_to_json(Plan(Month(2026, 12), "America/New_York", (naive,)))


def test_design_example_parses() -> None:
    plan = plan_from_json(DESIGN_EXAMPLE, "plan.json")
    assert plan.month == Month(2026, 12)
    assert plan.timezone == "America/New_York"
    assert plan.walks == (walk("w17", datetime(2026, 12, 3, 14, 0, tzinfo=NEW_YORK), "1042", "1107"),)
    assert plan.shortfalls == (Shortfall("district", "2026-12", 2, 0, "no non-patrol captain on the roster"),)


def test_optional_parts_may_be_left_out_and_a_bom_is_ignored() -> None:
    data = json.loads(DESIGN_EXAMPLE)
    del data["shortfalls"], data["walks"][0]["locked"]
    plan = plan_from_json("\ufeff" + json.dumps(data), "plan.json")
    assert plan.shortfalls == ()
    assert plan.walks[0].locked is False


def _example() -> dict[str, Any]:
    return json.loads(DESIGN_EXAMPLE)


def _set(path: str, value: Any) -> dict[str, Any]:
    """The DESIGN example with one value replaced (or removed, for `...`)."""
    data = _example()
    *parents, last = [int(part) if part.isdigit() else part for part in re.findall(r"\w+", path)]
    target = data
    for part in parents:
        target = target[part]
    if value is ...:
        del target[last]
    else:
        target[last] = value
    return data


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ([], None, "JSON object"),
        (_set("month", ...), "month", "missing"),
        (_set("month", "2026-13"), "month", "01 to 12"),
        (_set("month", "Dec 2026"), "month", "YYYY-MM"),
        (_set("month", 202612), "month", "a string"),
        (_set("timezone", "Eastern"), "timezone", "unknown time zone"),
        (_set("timezone", "../../etc/passwd"), "timezone", "unknown time zone"),
        (_set("walks", ...), "walks", "missing"),
        (_set("walks", {}), "walks", "a list"),
        (_set("walks[0]", "w17"), "walks[0]", "JSON object"),
        (_set("walks[0].id", ...), "walks[0].id", "missing"),
        (_set("walks[0].id", " "), "walks[0].id", "empty"),
        (_set("walks[0].start", "2026-12-03T14:00:00"), "walks[0].start", "no UTC offset"),
        (_set("walks[0].start", "2026-12-03"), "walks[0].start", "no UTC offset"),
        (_set("walks[0].start", "3 Dec 2026 2pm"), "walks[0].start", "ISO 8601"),
        (_set("walks[0].minutes", "30"), "walks[0].minutes", "whole number"),
        (_set("walks[0].minutes", 30.5), "walks[0].minutes", "whole number"),
        (_set("walks[0].minutes", True), "walks[0].minutes", "whole number"),
        (_set("walks[0].minutes", 0), "walks[0].minutes", "must be 1 to 480, got 0"),
        (_set("walks[0].participants", ["1107"]), "walks[0].participants", "coordinator '1042'"),
        (_set("walks[0].participants", "1042"), "walks[0].participants", "a list"),
        (_set("walks[0].participants", ["1042", 1107]), "walks[0].participants[1]", "roster id"),
        (_set("walks[0].participants", ["1042", "1042"]), "walks[0].participants", "twice"),
        (_set("walks[0].locked", "no"), "walks[0].locked", "true or false"),
        (_set("shortfalls[0].required", -1), "shortfalls[0].required", "must be 0 to 10,000, got -1"),
        (_set("shortfalls[0].reason", ...), "shortfalls[0].reason", "missing"),
    ],
)
def test_bad_json_names_the_field(data: Any, field: str | None, message: str) -> None:
    with pytest.raises(InputError) as caught:
        plan_from_json(json.dumps(data), "plan.json")
    assert (caught.value.file, caught.value.field, caught.value.row) == ("plan.json", field, None)
    assert message in caught.value.message


def test_a_walk_id_used_twice_is_refused() -> None:
    data = _example()
    data["walks"].append(dict(data["walks"][0]))
    with pytest.raises(InputError) as caught:
        plan_from_json(json.dumps(data), "plan.json")
    assert caught.value.field == "walks[1].id"


def test_the_error_for_a_later_walk_names_its_index() -> None:
    data = _example()
    data["walks"] += [dict(data["walks"][0], id=f"w{i}") for i in range(3)]
    data["walks"][3]["start"] = "2026-12-03 14:00"
    with pytest.raises(InputError) as caught:
        plan_from_json(json.dumps(data), "plan.json")
    assert str(caught.value).startswith("plan.json, field 'walks[3].start': ")


def test_invalid_json_gives_its_line_as_row() -> None:
    text = '{"month": "2026-12",\n "timezone": "America/New_York",\n "walks": [,]}'
    with pytest.raises(InputError) as caught:
        plan_from_json(text, "plan.json")
    assert (caught.value.row, caught.value.field) == (3, None)
    assert "not valid JSON" in caught.value.message


def test_json_carries_meeting_point_and_a_raised_sequence_only_when_set() -> None:
    plan = december_plan()
    first = replace(plan.walks[0], meeting_point="Plaza Market", sequence=2)
    plan = replace(plan, walks=(first, *plan.walks[1:]))
    data = json.loads(plan_to_json(plan))
    assert (data["walks"][0]["meeting_point"], data["walks"][0]["sequence"]) == ("Plaza Market", 2)
    assert "sequence" not in data["walks"][1] and "meeting_point" not in data["walks"][1]
    assert plan_from_json(plan_to_json(plan), "plan.json") == plan


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"sequence": -1}, "walks[0].sequence"),
        ({"sequence": "2"}, "walks[0].sequence"),
        ({"meeting_point": " "}, "walks[0].meeting_point"),
    ],
)
def test_json_refuses_a_bad_sequence_or_meeting_point(change: dict[str, Any], field: str) -> None:
    data = json.loads(plan_to_json(december_plan()))
    data["walks"][0].update(change)
    with pytest.raises(InputError) as error:
        plan_from_json(json.dumps(data), "plan.json")
    assert error.value.field == field
