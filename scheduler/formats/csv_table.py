"""What every CSV import shares: reading the file as UTF-8, numbered rows, forgiving header names.

The files come from spreadsheets and agency exports, so every importer reads them the same way: a
BOM (Excel's "CSV UTF-8") is dropped, blank rows are skipped but still counted, and row numbers
are the lines a user sees in a text editor, so an error message points at the right place.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

from scheduler.domain.errors import InputError, InputErrors
from scheduler.formats.text import unprintable

T = TypeVar("T")


def rows(text: str, file: str) -> Iterator[tuple[int, list[str]]]:
    """Non-blank rows, stripped, each with the line it starts on (header = 1), so the number
    matches what the user sees in a text editor and, unless cells hold line breaks, a spreadsheet.

    Strict about quotes: a lenient reader takes an unclosed quote as one cell running to the end
    of the file, and the user is then told about an empty column instead of the quote."""
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), strict=True)
    while True:
        row = reader.line_num + 1
        try:
            cells = [cell.strip() for cell in next(reader)]
        except StopIteration:
            return
        except csv.Error as error:
            raise InputError(file, _csv_problem(error), row=row) from None
        if any(cells):
            yield row, cells


def _csv_problem(error: csv.Error) -> str:
    """The csv module's complaint in the words of someone who edits the file (the error names
    the row the quoted value starts in)."""
    if str(error) == "unexpected end of data":
        return (
            "a quote opened in this row is never closed "
            '(end the quoted value with ", and write a quote inside it twice: "")'
        )
    if "expected after" in str(error):
        return (
            "has text after the closing quote of a value "
            '(quote the whole value, and write a quote inside it twice: "Jo ""JJ"" Smith")'
        )
    return f"is not readable CSV ({error})"


def header_name(text: str) -> str:
    """Lower case, with runs of spaces or hyphens read as one underscore ("Shift Start", "shift-start")."""
    return re.sub(r"[\s\-_]+", "_", text.strip().lower())


def header(
    cells: list[str], file: str, row: int, required: tuple[str, ...], optional: tuple[str, ...]
) -> dict[str, int]:
    """Map known column names to their positions; other columns are the agency's own and ignored."""
    known = required + optional
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        name = header_name(cell)
        if name not in known:
            continue
        if name in columns:
            raise InputError(file, f"column '{name}' appears twice (keep one)", row=row, field=name)
        columns[name] = index
    for name in required:
        if name not in columns:
            message = f"missing required column '{name}' (the header must name {', '.join(required)})"
            raise InputError(file, message, row=row, field=name)
    return columns


def width_problem(cells: list[str], header_width: int) -> str | None:
    """Extra filled cells usually mean an unquoted comma inside a name, which shifts every column."""
    if any(cells[header_width:]):
        return (
            f"has {len(cells)} values but the header has {header_width} columns "
            "(put values that contain commas in double quotes)"
        )
    return None


@dataclass(frozen=True)
class Table:
    """A CSV file's known columns and its data rows, each with the line it starts on."""

    file: str
    width: int
    columns: dict[str, int]
    rows: Iterator[tuple[int, list[str]]]

    def data(self, errors: list[InputError]) -> Iterator[tuple[int, list[str]]]:
        """The data rows; a break in the CSV itself (an unclosed quote) ends them as one more
        mistake in `errors`, so the rows read before it are still all reported."""
        try:
            yield from self.rows
        except InputError as error:
            errors.append(error)

    def values(self, row: int, cells: list[str]) -> dict[str, str]:
        """The row's known cells by column name; raises InputError if the row is too wide or a
        cell holds a NUL character (which no stored text may hold)."""
        problem = width_problem(cells, self.width)
        if problem:
            raise InputError(self.file, problem, row=row)
        values = {name: cells[index] if index < len(cells) else "" for name, index in self.columns.items()}
        for name, value in values.items():
            problem = unprintable(value, only_nul=True)
            if problem:
                raise InputError(self.file, f"{name} {problem}", row=row, field=name)
        return values

    def records(
        self,
        errors: list[InputError],
        parse: Callable[[dict[str, str], int], T],
        key: Callable[[T], str],
        field: str,
        clash: Callable[[str, int], str],
    ) -> Iterator[tuple[int, dict[str, str], T]]:
        """Each good row with its values and what `parse` made of them. A bad row's mistake goes
        to `errors` instead, and so does a row whose `key` an earlier row has (`clash` words the
        message from the key and that row), so the file is fixed in one pass."""
        first_rows: dict[str, int] = {}
        for row, cells in self.data(errors):
            try:
                values = self.values(row, cells)
                record = parse(values, row)
                if key(record) in first_rows:
                    message = clash(key(record), first_rows[key(record)])
                    raise InputError(self.file, message, row=row, field=field)
            except InputError as error:
                errors.append(error)
                continue
            first_rows[key(record)] = row
            yield row, values, record


def raise_mistakes(file: str, errors: Sequence[InputError]) -> None:
    """Stop on the file's mistakes, if any: one as itself, several as one InputErrors."""
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise InputErrors(file, tuple(errors))


def table(text: str, file: str, required: tuple[str, ...], optional: tuple[str, ...]) -> Table:
    """Read the header row (the first non-blank one) and leave the data rows to the caller."""
    lines = rows(text, file)
    first = next(lines, None)
    if first is None:
        raise InputError(file, f"is empty (expected a header row naming {', '.join(required)})", row=1)
    header_row, cells = first
    return Table(file, len(cells), header(cells, file, header_row, required, optional), lines)
