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
