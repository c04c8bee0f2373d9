"""The command line on the neighborhood profile: `import profile`, all or nothing, and the meeting
points planned walks get from it."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main
from scheduler.domain.neighborhood import Profile
from scheduler.formats.profile import load_profile
from scheduler.store import open_database
from scheduler.store.profile import load_profile as stored_profile
from tests.cli.conftest import copied

DISTRICT = "Eastside District"
DEMO = Path(__file__).parents[2] / "resources" / "demo" / "profile.toml"


def run(*args: object) -> int:
    return main([str(arg) for arg in args])


@pytest.fixture(scope="module")
def planned_template(planned_department):
    return planned_department(f'name = "{DISTRICT}"\ntimezone = "America/New_York"\n')


@pytest.fixture
def planned(planned_template, tmp_path):
    return copied(planned_template, tmp_path)


def profile_of(url: str) -> Profile:
    db = open_database(url)
    try:
        return stored_profile(db, 1)
    finally:
        db.close()


def test_import_profile_saves_the_demo_profile(planned, capsys):
    assert run("--db", planned, "import", "profile", DEMO) == 0
    assert capsys.readouterr().out == (
        f"{DEMO}: neighborhood profile of {DISTRICT} saved "
        "(5 meeting points, 3 landmarks, 2 groups, 2 events, 3 resources)\n"
    )
    assert profile_of(planned) == load_profile(DEMO)
    assert run("--db", planned, "--district", DISTRICT, "import", "profile", DEMO) == 0
    assert " replaced " in capsys.readouterr().out


def test_a_bad_profile_is_one_line_and_changes_nothing(planned, tmp_path, capsys):
    assert run("--db", planned, "import", "profile", DEMO) == 0
    capsys.readouterr()
    bad = tmp_path / "bad.toml"
    bad.write_text(
        '[[meeting_points]]\nname = "Plaza"\nlatitude = 39.78\nlongitude = -200\n', encoding="utf-8"
    )
    assert run("--db", planned, "import", "profile", bad) == 2
    err = capsys.readouterr().err
    assert err == (
        f"beatwalk: {bad}, row 1, field 'meeting_points[1].longitude': must be from -180 to 180 degrees, "
        "got -200\n"
    )
    assert profile_of(planned) == load_profile(DEMO)
