"""What every document function takes and gives back."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from scheduler.actions import MonthDocuments, Person

if TYPE_CHECKING:  # reportlab is not imported at start-up: `reports.kinds` needs this module
    from reportlab.platypus import Flowable

DEFAULT_PAGE_SIZE = "letter"  # a key of `reports.styles.PAGE_SIZES`


@dataclass(frozen=True)
class ReportRequest:
    """Who asks for a document and how: the same for every document of a packet."""

    generated: date  # the day printed on the cover and in the footer: injected, never today's
    agency: str = ""
    page_size: str = DEFAULT_PAGE_SIZE
    person: Person | None = None  # a personal document for one person (None: everyone)
    day: date | None = None  # a daily document for one day
    outline_level: int = 0  # the outline level of the document's sections (1 inside a packet)


@dataclass(frozen=True)
class Story:
    title: str  # the document's title: the PDF's title and a packet's bookmark
    flowables: list[Flowable]


def month_name(documents: MonthDocuments) -> str:
    """The month as documents print it: "December 2026"."""
    return f"{calendar.month_name[documents.month.month]} {documents.month.year}"


def local_zone(documents: MonthDocuments) -> ZoneInfo:
    """Documents print every time in the district's own time zone."""
    return ZoneInfo(documents.district.timezone)
