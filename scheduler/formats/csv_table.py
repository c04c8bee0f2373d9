"""What every CSV import shares: reading the file as UTF-8, numbered rows, forgiving header names.

The files come from spreadsheets and agency exports, so every importer reads them the same way: a
BOM (Excel's "CSV UTF-8") is dropped, blank rows are skipped but still counted, and row numbers
are the lines a user sees in a text editor, so an error message points at the right place.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass

from scheduler.domain.errors import InputError


def rows(text: str, file: str) -> Iterator[tuple[int, list[str]]]:
    """Non-blank rows, stripped, each with the line it starts on (header = 1), so the number
    matches what the user sees in a text editor and, unless cells hold line breaks, a spreadsheet."""
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    while True:
        row = reader.line_num + 1
        try:
            cells = [cell.strip() for cell in next(reader)]
        except StopIteration:
            return
        except csv.Error as error:
            raise InputError(file, f"is not readable CSV ({error})", row=row) from None
        if any(cells):
            yield row, cells


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

    def values(self, row: int, cells: list[str]) -> dict[str, str]:
        """The row's known cells by column name; raises InputError if the row is too wide."""
        problem = width_problem(cells, self.width)
        if problem:
            raise InputError(self.file, problem, row=row)
        return {name: cells[index] if index < len(cells) else "" for name, index in self.columns.items()}


def table(text: str, file: str, required: tuple[str, ...], optional: tuple[str, ...]) -> Table:
    """Read the header row (the first non-blank one) and leave the data rows to the caller."""
    lines = rows(text, file)
    first = next(lines, None)
    if first is None:
        raise InputError(file, f"is empty (expected a header row naming {', '.join(required)})", row=1)
    header_row, cells = first
    return Table(file, len(cells), header(cells, file, header_row, required, optional), lines)
