"""What no text in a user's file may hold: NUL and other control characters.

PostgreSQL refuses a NUL inside text (SQLite stores it), and a control character in a name breaks
every line it is printed on (a calendar entry, a message, a printed schedule). No real name, id or
address holds one, so a file that does was damaged or exported wrongly.
"""

from __future__ import annotations

import re

NUL = "\x00"
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # Unicode category Cc: C0, DEL and C1
_NAMES = {"\t": "a tab", "\n": "a line break", "\r": "a line break"}


def unprintable(text: str, *, only_nul: bool = False) -> str | None:
    """Why `text` cannot be kept, as "contains ..." for a message; None if it can.

    Every text is refused for a NUL; names and other one-line text (the default) also for any
    other control character. `only_nul` is for free text such as an address, where a line break
    or a tab is the writer's business.
    """
    if NUL in text:
        return "contains a NUL character (an invisible zero byte that no text may hold)"
    match = None if only_nul else CONTROL.search(text)
    if match is None:
        return None
    character = _NAMES.get(match[0], f"control character U+{ord(match[0]):04X}")
    return f"contains {character} (expected one line of plain text)"


def quoted(text: str, limit: int = 40) -> str:
    """`text` in quotes for a message, cut short: a 5,000-character cell must not make the
    message that points at it 5,000 characters long."""
    return repr(text) if len(text) <= limit else repr(text[: limit - 3] + "...")


def email_problem(text: str) -> str | None:
    """Why `text` is no email address, or None (empty is fine). Only catches an obvious slip (a
    name or phone number in the column); mail servers judge the rest."""
    local, _, domain = text.partition("@")
    if text and (not local or not domain or "@" in domain):
        return f"email {text!r} is not an email address (expected name@example.org or empty)"
    return None
