"""The calendar month a plan covers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

# The years a plan, an incident or a walk may fall in. Far wider than any schedule needs, and far
# enough from datetime's 1..9999 that converting a time between zones can never overflow.
FIRST_YEAR = 1900
LAST_YEAR = 2200

MONTH_PATTERN = re.compile(r"([0-9]{4})-([0-9]{2})")  # ASCII: isdigit() takes full-width digits too


def check_year(year: int) -> None:
    """Raise ValueError, saying the range, for a year outside FIRST_YEAR..LAST_YEAR."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"year {year:04d} is outside {FIRST_YEAR} to {LAST_YEAR}")


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Month:
        """Parse `YYYY-MM` (years 1900 to 2200); raises ValueError on anything else."""
        match = MONTH_PATTERN.fullmatch(text.strip())
        if match is None:
            raise ValueError(f"expected YYYY-MM, got {text!r}")
        result = cls(int(match[1]), int(match[2]))
        if not 1 <= result.month <= 12:
            raise ValueError(f"month must be 01 to 12, got {text!r}")
        check_year(result.year)
        return result

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        return self.next().first_day - timedelta(days=1)

    def days(self) -> list[date]:
        count = (self.last_day - self.first_day).days + 1
        return [self.first_day + timedelta(days=i) for i in range(count)]

    def next(self) -> Month:
        return Month(self.year + self.month // 12, self.month % 12 + 1)

    def previous(self) -> Month:
        return Month(self.year - (self.month == 1), (self.month - 2) % 12 + 1)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"
