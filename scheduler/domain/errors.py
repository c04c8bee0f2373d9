"""The one error a user's bad input raises, carrying where the mistake is."""

from __future__ import annotations


class InputError(Exception):
    """Bad input from a user's file: shown as one line, and nothing is written or changed."""

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
