"""The errors a user is told about in one line; everything else is a bug and may show a traceback.

One base, `BeatwalkError`, so the command line and the app's workers catch one thing; its few
subclasses are the cases a caller must tell apart. Messages are in the domain's words: whoever
shows one may add its own hint (the command line names its flags, the app its menus).
"""

from __future__ import annotations


class BeatwalkError(Exception):
    """A problem the user can act on; `str()` is one line (InputErrors: one line per mistake)."""


class InputError(BeatwalkError):
    """Bad input from a user's file or entry: shown as one line, and nothing is written or changed."""

    def __init__(self, file: str, message: str, row: int | None = None, field: str | None = None):
        self.file, self.row, self.field, self.message = file, row, field, message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.field:
            where += f", field '{self.field}'"
        return f"{where}: {self.message}"


class InputErrors(InputError):
    """Several mistakes in one file, all reported at once (an import that lists every bad row, so
    the user fixes the file in one pass). `str()` is one line per mistake; still an InputError, so
    whoever shows an InputError shows these too."""

    def __init__(self, file: str, errors: list[InputError] | tuple[InputError, ...]):
        self.errors = tuple(errors)
        super().__init__(file, f"{len(self.errors)} mistake{'s' if len(self.errors) != 1 else ''}")

    def __str__(self) -> str:
        return "\n".join(str(error) for error in self.errors)


class NotFound(BeatwalkError):
    """Something the user named (a district, a month's plan, an incident) is not there.

    `what` says which kind of thing and `key` which one (e.g. the month of a missing plan), so a
    caller can add its own hint; `choices` lists what there is instead, where that helps (e.g. the
    districts of the database).
    """

    def __init__(self, message: str, *, what: str, key: str = "", choices: tuple[str, ...] = ()):
        self.what, self.key, self.choices = what, key, choices
        super().__init__(message)


class Conflict(BeatwalkError):
    """The change would overwrite or repeat someone else's: a plan saved by a colleague meanwhile,
    a district that already exists, an incident that already has its walk. Nothing was changed."""


class StoreError(BeatwalkError):
    """The database cannot be opened or used (wrong URL, server down, written by a newer version)."""
