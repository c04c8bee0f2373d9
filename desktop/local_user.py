"""Who is using Beatwalk and when, as the operating system says: the command line and the app both
record the user with each saved plan and stamp imports and files with the time."""

from __future__ import annotations

import getpass
from datetime import UTC, datetime


def utc_now() -> datetime:
    return datetime.now(UTC)


def user_name() -> str:
    """Who saved a plan, for the plan's history and for a colleague's conflict message."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no user name in the environment or the password database
        return "unknown user"
