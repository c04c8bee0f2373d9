"""Turning a document's flowables into a PDF: pages, the footer on every page, outline bookmarks,
tables that repeat their header, and writing the file whole or not at all.

Every document (and the packet that binds several) is a list of flowables built from plain data;
this module is the only one that knows page templates and canvases.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.graphics.shapes import Drawing, Line, Rect
from reportlab.pdfbase.pdfdoc import Destination
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table

from reports.markup import escape
from reports.story import DEFAULT_PAGE_SIZE
from reports.styles import (
    FONT,
    FOOTER_GAP,
    GREY,
    INK,
    MARGIN,
    PAGE_SIZES,
    Styles,
    WalkMark,
    register_fonts,
    styles,
    table_style,
)
from scheduler.actions import write_document

FOOTER_SIZE = 7.5
SEPARATOR = " · "


@dataclass(frozen=True)
class DocumentInfo:
    """What every page's footer and the PDF's properties say about a document."""

    title: str
    agency: str
    district: str
    generated: date  # injected by the caller: documents never read the clock
    page_size: str = DEFAULT_PAGE_SIZE  # a key of PAGE_SIZES

    @property
    def footer(self) -> str:
        parts = (self.agency, self.district, f"generated {self.generated.isoformat()}")
        return SEPARATOR.join(part for part in parts if part)


def page_size(name: str) -> tuple[float, float]:
    return PAGE_SIZES[name]


def content_width(name: str) -> float:
    """The width flowables may take on a page of this size."""
    return PAGE_SIZES[name][0] - 2 * MARGIN


def content_height(name: str) -> float:
    return PAGE_SIZES[name][1] - 2 * MARGIN


def build_pdf(story: Sequence[Flowable], info: DocumentInfo) -> bytes:
    """The document as PDF bytes; nothing touches the disk."""
    register_fonts()
    buffer = io.BytesIO()
    template = SimpleDocTemplate(
        buffer,
        pagesize=page_size(info.page_size),
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=info.title,
        author=info.agency,
        subject=info.footer,
        creator="Beatwalk",
    )
    template.build(list(story), canvasmaker=_footer_canvas(info))
    return buffer.getvalue()


def write_pdf(out: Path, story: Sequence[Flowable], info: DocumentInfo) -> int:
    """Build the document in memory, then write it beside `out` and rename it into place: a build
    that fails leaves any earlier file as it was. Returns the file's size in bytes."""
    data = build_pdf(story, info)
    write_document(out, data)
    return len(data)


def _footer_canvas(info: DocumentInfo) -> type[Canvas]:
    """A canvas that holds each page back until the document ends, so every footer can say
    "Page N of M" (the usual reportlab recipe: one build, no second pass).

    A bookmark names its page when it is made, and while pages are held back that is always the
    first; so the bookmarks of each page are kept with it and pointed at it when it is written.
    """

    class FooterCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs["initialFontName"] = FONT  # else every page names Helvetica, unused and not embedded
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []
            self._page_bookmarks: list[Destination] = []  # the bookmarks made on this page

        def bookmarkPage(  # reportlab names it so
            self,
            key: Any,
            fit: str = "Fit",
            left: Any = None,
            top: Any = None,
            bottom: Any = None,
            right: Any = None,
            zoom: Any = None,
        ) -> Destination:
            destination = super().bookmarkPage(key, fit, left, top, bottom, right, zoom)
            self._page_bookmarks.append(destination)
            return destination

        def showPage(self) -> None:  # reportlab names it so
            self._pages.append(dict(self.__dict__))
            self._page_bookmarks = []
            self._startPage()  # type: ignore[attr-defined]  # reportlab's page reset, not in its stubs

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                for destination in self._page_bookmarks:
                    destination.setPage(self._doc.thisPageRef())  # type: ignore[attr-defined]
                self._draw_footer(number, total)
                super().showPage()
            super().save()

        def _draw_footer(self, number: int, total: int) -> None:
            width = page_size(info.page_size)[0]
            self.saveState()
            self.setFont(FONT, FOOTER_SIZE)
            self.setFillColor(GREY)
            self.setStrokeColor(GREY)
            self.setLineWidth(0.3)
            self.line(MARGIN, FOOTER_GAP + 9, width - MARGIN, FOOTER_GAP + 9)
            self.drawString(MARGIN, FOOTER_GAP, info.footer)
            self.drawRightString(width - MARGIN, FOOTER_GAP, f"Page {number} of {total}")
            self.restoreState()

    return FooterCanvas


_keys = itertools.count(1)


class Heading(Paragraph):
    """A section title that is also an entry of the PDF's outline (bookmarks), at `level`
    (0: a document of a packet or a standalone document's sections; each level may be at most
    one deeper than the entry before it)."""

    def __init__(self, text: str, style: Any, level: int = 0) -> None:
        super().__init__(escape(text), style)
        self.title, self.level = text, level
        self.keepWithNext = True

    def draw(self) -> None:
        super().draw()
        _bookmark(self.canv, self.title, self.level, self.height)


class Bookmark(Flowable):
    """An outline entry with nothing printed: where a packet's document starts."""

    def __init__(self, title: str, level: int = 0) -> None:
        super().__init__()
        self.title, self.level = title, level
        self.width = self.height = 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        _bookmark(self.canv, self.title, self.level, 0)


def _bookmark(canvas: Canvas, title: str, level: int, top: float) -> None:
    key = f"beatwalk-{next(_keys)}"
    canvas.bookmarkHorizontal(key, 0, top)
    canvas.addOutlineEntry(title, key, level=level, closed=level > 0)
    canvas.showOutline()


def swatch(mark: WalkMark, width: float = 16, height: float = 9) -> Drawing:
    """A walk type's fill and hatching in a small box: types stay apart in black and white."""
    drawing = Drawing(width, height)
    box = Rect(0, 0, width, height)
    box.fillColor, box.strokeColor, box.strokeWidth = mark.fill, INK, 0.5
    drawing.add(box)
    step = 3.0
    lines: list[tuple[float, float, float, float]] = []
    if mark.hatch in ("/", "x"):
        lines += [(x, 0, x + height, height) for x in _steps(-height, width, step)]
    if mark.hatch in ("\\", "x"):
        lines += [(x + height, 0, x, height) for x in _steps(-height, width, step)]
    if mark.hatch == "-":
        lines += [(0, y, width, y) for y in _steps(step / 2, height, step)]
    if mark.hatch == "|":
        lines += [(x, 0, x, height) for x in _steps(step / 2, width, step)]
    for x1, y1, x2, y2 in lines:
        line = Line(*_clip(x1, y1, x2, y2, width))
        line.strokeWidth, line.strokeColor = 0.4, INK
        drawing.add(line)
    return drawing


def _steps(start: float, stop: float, step: float) -> list[float]:
    count = int((stop - start) / step) + 1
    return [start + i * step for i in range(count)]


def _clip(x1: float, y1: float, x2: float, y2: float, width: float) -> tuple[float, float, float, float]:
    """A hatching line cut to the box's left and right edges (its ends lie on the top and bottom)."""

    def at(x: float) -> float:
        return y1 + (y2 - y1) * (x - x1) / (x2 - x1) if x2 != x1 else y1

    points = sorted(((x1, y1), (x2, y2)))
    (ax, ay), (bx, by) = points
    if ax < 0:
        ax, ay = 0, at(0)
    if bx > width:
        bx, by = width, at(width)
    return ax, ay, bx, by


def table(
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    widths: Sequence[float] | None = None,
    *,
    sheet: Styles | None = None,
) -> Table:
    """A ruled table of users' data: every cell is escaped text (or a flowable, kept as it is),
    wraps within its column, and the header row repeats on every page the table runs onto."""
    sheet = sheet or styles()
    data: list[list[object]] = [[Paragraph(escape(title), sheet.cell_header) for title in header]]
    data += [[_cell(value, sheet) for value in row] for row in rows]
    return Table(data, colWidths=list(widths) if widths else None, repeatRows=1, style=table_style())


def _cell(value: object, sheet: Styles) -> object:
    if isinstance(value, Flowable):
        return value
    return Paragraph(escape("" if value is None else value), sheet.cell)
