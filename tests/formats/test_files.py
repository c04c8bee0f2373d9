"""write_atomically: a reader sees the old file or the new one, never half of one."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from scheduler.formats import files
from scheduler.formats.files import write_atomically


def test_writes_text_as_utf8_bytes_without_newline_translation(tmp_path: Path) -> None:
    target = tmp_path / "plan.ics"
    text = "Nguyễn\r\n" + "Иванова\n"
    write_atomically(target, text)
    assert target.read_bytes() == text.encode("utf-8")


def test_writes_bytes_and_accepts_a_str_path(tmp_path: Path) -> None:
    target = tmp_path / "plan.bin"
    write_atomically(str(target), b"\x00\x01")
    assert target.read_bytes() == b"\x00\x01"


def test_replaces_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "plan.json"
    target.write_text("old", encoding="utf-8")
    write_atomically(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert os.listdir(tmp_path) == ["plan.json"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_keeps_the_permissions_of_the_file_it_replaces(tmp_path: Path) -> None:
    target = tmp_path / "plan.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    write_atomically(target, "new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_new_file_is_readable_by_others_not_private_like_a_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "plan.json"
    write_atomically(target, "new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_failed_rename_leaves_the_target_unchanged_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "plan.json"
    target.write_text("old", encoding="utf-8")

    def fail(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(files.os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        write_atomically(target, "new")
    assert target.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["plan.json"]


def test_failure_while_writing_leaves_the_target_unchanged_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "plan.json"
    target.write_text("old", encoding="utf-8")

    def fail(descriptor: int) -> None:
        raise OSError("I/O error")

    monkeypatch.setattr(files.os, "fsync", fail)
    with pytest.raises(OSError, match="I/O error"):
        write_atomically(target, "new " * 100_000)
    assert target.read_text(encoding="utf-8") == "old"
    assert os.listdir(tmp_path) == ["plan.json"]


def test_interrupt_also_cleans_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "plan.json"

    def interrupt(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(files.os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(target, "new")
    assert os.listdir(tmp_path) == []


def test_missing_folder_raises_and_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_atomically(tmp_path / "missing" / "plan.json", "new")
    assert os.listdir(tmp_path) == []
