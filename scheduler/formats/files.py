"""Reading users' files and writing output files so that a reader never sees half of one.

A plan, report or export is written next to its target and renamed over it only when complete: a
crash, a full disk or a cancelled export leaves the previous file exactly as it was. Every input
file (roster, settings, boundary, incidents) is read the same way: UTF-8 with or without a BOM.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path

from scheduler.domain.errors import InputError

_TEMPORARY_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


def write_atomically(path: Path | str, data: str | bytes) -> None:
    """Replace `path` with `data` (text is written as UTF-8, byte for byte: no newline translation)."""
    staged = StagedFile(path, data)
    try:
        staged.commit()
    except BaseException:
        staged.discard()
        raise


class StagedFile:
    """A file written in full beside its target under a temporary name, and renamed over the target
    only on `commit`: a caller learns that the file cannot be written before it changes anything
    else (a database), and then commits or discards it.

    The temporary file lives in the target's directory because a rename is only atomic within one
    file system; it is synced before the rename so that the new name never points at missing data.
    A new file gets the permissions the user's umask gives new files (plans hold names, e-mail
    addresses and schedules: under umask 077 only the user may read them); a replaced file keeps
    its own, so rewriting a plan does not change who may read it.
    """

    def __init__(self, path: Path | str, data: str | bytes):
        self.target = Path(path)
        payload = data.encode("utf-8") if isinstance(data, str) else data
        handle, self._temp = _create_temporary(self.target)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(payload)
                stream.flush()
                os.fsync(stream.fileno())
        except BaseException:
            self.discard()
            raise

    def commit(self) -> None:
        mode = _existing_mode(self.target)
        if mode is not None:
            os.chmod(self._temp, mode)
        os.replace(self._temp, self.target)
        _sync_directory(self.target.parent)

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            os.unlink(self._temp)


def _existing_mode(target: Path) -> int | None:
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        return None


def _create_temporary(target: Path) -> tuple[int, str]:
    """A new empty file beside `target`, opened for writing. Asked for with mode 0666, so the
    system applies the umask as for any new file (mkstemp's fixed 0600 would not); reading the
    umask instead would mean setting it, which is not safe while other threads create files."""
    while True:
        name = str(target.parent / f".{target.name}.{secrets.token_hex(8)}.tmp")
        try:
            return os.open(name, _TEMPORARY_FLAGS, 0o666), name
        except FileExistsError:  # another writer's temporary file: 64 random bits make it rare
            continue


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable on POSIX; Windows cannot open a directory, and needs not."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        descriptor = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def read_text(path: str | Path) -> str:
    """The file's text without its BOM; unreadable or non-UTF-8 files stop with one line."""
    file = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise InputError(file, f"cannot read the file ({error.strerror or error})") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        row = data.count(b"\n", 0, error.start) + 1
        raise InputError(file, "is not UTF-8 text (save it as UTF-8)", row=row) from None
    return text
