"""Writing a plan to a file: the format follows the suffix, and a failed write leaves nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from scheduler.domain.errors import InputError
from scheduler.formats.plan_files import write_plan
from scheduler.formats.plan_json import plan_from_json
from tests.formats.plan_examples import PEOPLE, WALK_NAMES, december_plan


@pytest.mark.parametrize(
    ("suffix", "start"), [(".json", "{"), (".csv", "id,type,"), (".ICS", "BEGIN:VCALENDAR")]
)
def test_write_plan_chooses_the_format_by_suffix(tmp_path: Path, suffix: str, start: str) -> None:
    target = tmp_path / f"plan{suffix}"
    write_plan(december_plan(), target, PEOPLE, WALK_NAMES, "Fifth District")
    assert target.read_bytes().decode("utf-8").startswith(start)


def test_write_plan_json_reads_back(tmp_path: Path) -> None:
    target = tmp_path / "plan.json"
    write_plan(december_plan(), target, PEOPLE, WALK_NAMES, "Fifth District")
    assert plan_from_json(target.read_text(encoding="utf-8"), str(target)) == december_plan()


def test_write_plan_refuses_an_unknown_suffix_and_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "plan.txt"
    with pytest.raises(InputError) as caught:
        write_plan(december_plan(), target, PEOPLE, WALK_NAMES, "Fifth District")
    assert (caught.value.file, caught.value.field) == (str(target), None)
    assert caught.value.message == "a plan file must end in .json, .csv or .ics"
    assert os.listdir(tmp_path) == []


def test_write_plan_into_a_missing_folder_is_an_input_error(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "plan.json"
    with pytest.raises(InputError) as caught:
        write_plan(december_plan(), target, PEOPLE, WALK_NAMES, "Fifth District")
    assert caught.value.file == str(target) and caught.value.field is None
    assert "cannot write" in caught.value.message
    assert os.listdir(tmp_path) == []
