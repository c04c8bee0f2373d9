"""write_atomically: a reader sees the old file or the new one, never half of one."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
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


@pytest.fixture
def umask() -> Iterator[Callable[[int], int]]:
    """Set the process umask for one test, and put the old one back whatever happens."""
    previous = os.umask(0o022)
    try:
        yield os.umask
    finally:
        os.umask(previous)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664), (0o027, 0o640)])
def test_a_new_file_follows_the_users_umask(
    tmp_path: Path, umask: Callable[[int], int], mask: int, mode: int
) -> None:
    """Plans hold names, e-mail addresses and schedules: under umask 077 nobody else may read them,
    and a shared setup (umask 002) lets the group in, as for any file the user creates."""
    umask(mask)
    target = tmp_path / "plan.json"
    write_atomically(target, "new")
    assert stat.S_IMODE(target.stat().st_mode) == mode


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_replaced_file_keeps_its_mode_whatever_the_umask(
    tmp_path: Path, umask: Callable[[int], int]
) -> None:
    target = tmp_path / "plan.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o644)
    umask(0o077)
    write_atomically(target, "new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert target.read_text(encoding="utf-8") == "new"


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
