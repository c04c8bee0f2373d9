"""The formats post-incident walks add to: the two settings, the partners CSV, and the walk's
`called_in` and `partners` in Plan JSON."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from scheduler.domain import Partner
from scheduler.domain.errors import InputError, InputErrors
from scheduler.formats.district_settings import parse_settings
from scheduler.formats.partners import parse_partners
from scheduler.formats.plan_json import plan_from_json, plan_to_json
from tests.formats.plan_examples import december_plan


def test_settings_default_to_2_hours_and_60_minutes_and_take_the_districts_own():
    assert (
        parse_settings("", "d.toml").post_incident_delay_hours,
        parse_settings("", "d.toml").post_incident_minutes,
    ) == (2, 60)
    district = parse_settings("post_incident_delay_hours = 0\npost_incident_minutes = 90\n", "d.toml")
    assert (district.post_incident_delay_hours, district.post_incident_minutes) == (0, 90)


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("post_incident_delay_hours = 24\n", "post_incident_delay_hours"),
        ("post_incident_delay_hours = 1.5\n", "post_incident_delay_hours"),
        ('post_incident_minutes = "60"\n', "post_incident_minutes"),
        ("post_incident_minutes = 600\n", "post_incident_minutes"),
        ("post_incident_minutes = true\n", "post_incident_minutes"),
    ],
)
def test_settings_out_of_bounds_name_the_setting(text, field):
    with pytest.raises(InputError, match="must be a whole number") as error:
        parse_settings(text, "d.toml")
    assert error.value.field == field


PARTNERS = """Name,Organization,Kind,Email,Phone
Dana Reyes,City Council,city official,dana@city.example,555-0100
"Ode, Sam",Family Services,social services,,
"""


def test_partners_file_reads_every_column():
    assert parse_partners("\ufeff" + PARTNERS, "partners.csv") == (
        Partner("Dana Reyes", "City Council", "city official", "dana@city.example", "555-0100"),
        Partner("Ode, Sam", "Family Services", "social services", "", ""),
    )


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (
            "name,email\nDana,dana-at-city\n",
            "partners.csv, row 2, field 'email': email 'dana-at-city' is not an email address "
            "(expected name@example.org or empty)",
        ),
        (
            "name,kind\n,counselor\n",
            "partners.csv, row 2, field 'name': name is empty (expected the partner's name)",
        ),
        (
            "name\nDana\n\nDana\n",
            "partners.csv, row 4, field 'name': 'Dana' is already on row 2 (names must be unique)",
        ),
        (
            "organization\nCity\n",
            "partners.csv, row 1, field 'name': missing required column 'name' (the header must name name)",
        ),
    ],
)
def test_a_bad_partners_row_is_one_line_with_row_and_field(text, line):
    with pytest.raises(InputError) as error:
        parse_partners(text, "partners.csv")
    assert str(error.value) == line


def test_every_bad_partners_row_is_reported():
    with pytest.raises(InputErrors) as errors:
        parse_partners("name,email\n,x@y\nDana,nope\n", "partners.csv")
    assert [(error.row, error.field) for error in errors.value.errors] == [(2, "name"), (3, "email")]


def test_called_in_and_partners_are_in_plan_json_only_when_there_are_some():
    plan = december_plan()
    first = plan.walks[0]
    called = replace(first, called_in=(first.participants[-1],), partners=("Dana Reyes", "Ode, Sam"))
    with_them = replace(plan, walks=(called, *plan.walks[1:]))
    data = json.loads(plan_to_json(with_them))
    assert data["walks"][0]["called_in"] == [first.participants[-1]]
    assert data["walks"][0]["partners"] == ["Dana Reyes", "Ode, Sam"]
    assert "called_in" not in data["walks"][1] and "partners" not in data["walks"][1]
    assert plan_from_json(plan_to_json(with_them), "plan.json") == with_them


def test_plan_json_refuses_a_partner_listed_twice():
    data = json.loads(plan_to_json(december_plan()))
    data["walks"][0]["partners"] = ["Dana", "Dana"]
    with pytest.raises(InputError, match="lists someone twice") as error:
        plan_from_json(json.dumps(data), "plan.json")
    assert error.value.field == "walks[0].partners"
