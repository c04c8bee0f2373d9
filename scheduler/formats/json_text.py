"""Decoding a user's JSON file (a plan, a boundary) so that anything odd is one clean line.

`json.loads` alone fails in ways that are not JSON errors: an integer of thousands of digits
raises a plain ValueError (Python converts at most 4,300 digits), and brackets nested a hundred
thousand deep a RecursionError. No tool writes such a file, so both are reported like a syntax
error: one line naming the file and, where it is known, the line (as the row) and column.
"""

from __future__ import annotations

import json
from typing import Any

from scheduler.domain.errors import InputError

# A double has 17 significant digits; with sign, point and exponent no tool writes 40 characters.
MAX_NUMBER_LENGTH = 40


class _LongNumber(Exception):
    def __init__(self, literal: str):
        self.literal = literal


def load_json(text: str, file: str) -> Any:
    """The decoded text (a BOM is dropped); raises InputError naming `file`."""
    text = text.removeprefix("\ufeff")
    try:
        return json.loads(text, parse_int=_integer, parse_float=_decimal)
    except json.JSONDecodeError as error:
        message = f"not valid JSON: {error.msg} (column {error.colno})"
        raise InputError(file, message, row=error.lineno) from None
    except _LongNumber as error:
        raise _long_number(text, error.literal, file) from None
    except RecursionError:
        message = "has brackets nested too deeply to be read (hundreds of levels inside each other)"
        raise InputError(file, message) from None


def _integer(literal: str) -> int:
    if len(literal) > MAX_NUMBER_LENGTH:
        raise _LongNumber(literal)
    return int(literal)


def _decimal(literal: str) -> float:
    if len(literal) > MAX_NUMBER_LENGTH:
        raise _LongNumber(literal)
    return float(literal)


def _long_number(text: str, literal: str, file: str) -> InputError:
    """Where the number is: the decoder does not say, so it is the literal's first occurrence in
    the text (which only a string holding the same 40-odd digits earlier could get wrong), and
    the message shows the number's first digits as well."""
    offset = text.find(literal)
    row = text.count("\n", 0, offset) + 1
    column = offset - text.rfind("\n", 0, offset)
    message = (
        f"number {literal[:12]}... is {len(literal)} characters long (column {column}); "
        f"a plain number has at most {MAX_NUMBER_LENGTH}"
    )
    return InputError(file, message, row=row)
