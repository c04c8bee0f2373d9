"""Reading users' files and writing output files so that a reader never sees half of one.

A plan, report or export is written next to its target and renamed over it only when complete: a
crash, a full disk or a cancelled export leaves the previous file exactly as it was. Every input
file (roster, settings, boundary, incidents) is read the same way: UTF-8 with or without a BOM.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from scheduler.domain.errors import InputError

_NEW_FILE_MODE = 0o644  # mkstemp's 0600 would hide a shared plan from colleagues


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
    only on `commit`: a caller can learn that the file cannot be written before it changes anything
    else (a database), and then either commit or discard.

    The temporary file lives in the target's directory because a rename is only atomic within one
    file system; it is synced before the rename so that the new name never points at missing data.
    """

    def __init__(self, path: Path | str, data: str | bytes):
        self.target = Path(path)
        payload = data.encode("utf-8") if isinstance(data, str) else data
        handle, self._temp = tempfile.mkstemp(
            dir=self.target.parent, prefix=f".{self.target.name}.", suffix=".tmp"
        )
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(payload)
                stream.flush()
                os.fsync(stream.fileno())
        except BaseException:
            self.discard()
            raise

    def commit(self) -> None:
        os.chmod(self._temp, _mode_for(self.target))
        os.replace(self._temp, self.target)
        _sync_directory(self.target.parent)

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            os.unlink(self._temp)


def _mode_for(target: Path) -> int:
    """Keep an existing file's permissions, so rewriting a plan does not change who may read it."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        return _NEW_FILE_MODE


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
