"""The one stylesheet of every printed document: page sizes, margins, fonts, paragraph and table
styles, and how walk types are told apart.

Documents are printed on office printers and photocopied, so everything is black, white and
greys: walk types differ by a short label and a fill pattern, never by colour alone. The font is
DejaVu Sans, shipped in `resources/fonts/` and embedded, because the PDF base fonts have no
Vietnamese, Turkish or Cyrillic letters and print names such as Nguyễn or Иванова as boxes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from reportlab.lib.colors import Color, black, white
from reportlab.lib.pagesizes import A4, letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import TableStyle

from scheduler.actions import resource_path

PAGE_SIZES: dict[str, tuple[float, float]] = {"letter": letter, "a4": A4}

MARGIN = 18 * mm
FOOTER_GAP = 8 * mm  # from the bottom edge to the footer's baseline

FONT, FONT_BOLD, FONT_ITALIC = "BeatwalkSans", "BeatwalkSans-Bold", "BeatwalkSans-Oblique"
FONT_FILES = {FONT: "DejaVuSans.ttf", FONT_BOLD: "DejaVuSans-Bold.ttf", FONT_ITALIC: "DejaVuSans-Oblique.ttf"}

# Greys only: they print the same on every black-and-white printer and copier.
INK = black
GREY_DARK = Color(0.25, 0.25, 0.25)
GREY = Color(0.5, 0.5, 0.5)
GREY_LIGHT = Color(0.8, 0.8, 0.8)
GREY_PALE = Color(0.92, 0.92, 0.92)
PAPER = white

BODY_SIZE, SMALL_SIZE, TINY_SIZE = 10, 8, 6.5


@cache
def register_fonts() -> str:
    """Register the embedded fonts with reportlab once per process; returns the body font's name."""
    for name, file in FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(resource_path(f"fonts/{file}"))))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD)
    return FONT


@dataclass(frozen=True)
class Styles:
    """The paragraph styles documents use; `styles()` builds them once."""

    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle  # a document's sections (level 1 in the outline)
    subheading: ParagraphStyle
    body: ParagraphStyle
    bullet: ParagraphStyle
    small: ParagraphStyle
    small_bullet: ParagraphStyle  # lists on a sheet that must fit one page (the daily briefing)
    cell: ParagraphStyle  # text in table cells
    cell_header: ParagraphStyle
    tiny: ParagraphStyle  # calendar cells
    tiny_bold: ParagraphStyle


@cache
def styles() -> Styles:
    register_fonts()
    body = ParagraphStyle(
        "body", fontName=FONT, fontSize=BODY_SIZE, leading=13.5, spaceAfter=5, textColor=INK
    )
    small = ParagraphStyle("small", body, fontSize=SMALL_SIZE, leading=10, spaceAfter=3)
    cell = ParagraphStyle("cell", small, spaceAfter=0)
    tiny = ParagraphStyle("tiny", cell, fontSize=TINY_SIZE, leading=7.8)
    return Styles(
        title=ParagraphStyle("title", body, fontName=FONT_BOLD, fontSize=24, leading=29, spaceAfter=10),
        subtitle=ParagraphStyle("subtitle", body, fontSize=14, leading=18, spaceAfter=6, textColor=GREY_DARK),
        heading=ParagraphStyle(
            "heading", body, fontName=FONT_BOLD, fontSize=15, leading=19, spaceBefore=10, spaceAfter=6
        ),
        subheading=ParagraphStyle(
            "subheading", body, fontName=FONT_BOLD, fontSize=11.5, leading=15, spaceBefore=6, spaceAfter=3
        ),
        body=body,
        bullet=ParagraphStyle("bullet", body, leftIndent=14, bulletIndent=4, spaceAfter=2),
        small=small,
        small_bullet=ParagraphStyle("small_bullet", small, leftIndent=11, bulletIndent=3, spaceAfter=1.5),
        cell=cell,
        cell_header=ParagraphStyle("cell_header", cell, fontName=FONT_BOLD),
        tiny=tiny,
        tiny_bold=ParagraphStyle("tiny_bold", tiny, fontName=FONT_BOLD),
    )


def table_style(*, header_rows: int = 1, zebra: bool = True) -> TableStyle:
    """Ruled tables: a grey header band, hairlines between rows, pale bands on every other row."""
    commands: list[Any] = [  # reportlab's command tuples
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), SMALL_SIZE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, GREY),
        ("BOX", (0, 0), (-1, -1), 0.5, GREY_DARK),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    if header_rows:
        last = header_rows - 1
        commands += [
            ("BACKGROUND", (0, 0), (-1, last), GREY_LIGHT),
            ("FONTNAME", (0, 0), (-1, last), FONT_BOLD),
            ("LINEBELOW", (0, last), (-1, last), 0.75, INK),
        ]
    if zebra:
        commands.append(("ROWBACKGROUNDS", (0, header_rows), (-1, -1), [PAPER, GREY_PALE]))
    return TableStyle(commands)


def calendar_style() -> TableStyle:
    """The month grid: a box per day, weekday names in a grey band."""
    return TableStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.5, GREY_DARK),
            ("BACKGROUND", (0, 0), (-1, 0), GREY_LIGHT),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 2),
            ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ]
    )


@dataclass(frozen=True)
class WalkMark:
    """How a walk type shows on paper: a short label in every listing, and a fill (grey and
    hatching) for swatches, so types stay apart in black and white."""

    label: str
    fill: Color
    hatch: str  # "" | "/" | "\\" | "x" | "-" | "|"


WALK_MARKS = {
    "officer": WalkMark("OFC", PAPER, ""),
    "squad": WalkMark("SQD", GREY_PALE, "/"),
    "shift": WalkMark("SHF", GREY_LIGHT, "\\"),
    "district": WalkMark("DST", GREY_LIGHT, "x"),
    "captain": WalkMark("CPT", GREY_PALE, "-"),
    "cpu": WalkMark("CPU", PAPER, "|"),
    "post_incident": WalkMark("PI", GREY, ""),
}


def walk_mark(key: str) -> WalkMark:
    """A district's own walk type gets a label from its key."""
    return WALK_MARKS.get(key) or WalkMark(key[:3].upper(), PAPER, "")


@dataclass(frozen=True)
class MapStyle:
    """Line widths and fills of the neighborhood map."""

    boundary_width: float = 1.6
    sector_width: float = 0.6
    sector_dash: tuple[float, float] = (3, 2)
    density_greys: tuple[float, ...] = (0.93, 0.85, 0.75, 0.62, 0.5)  # lightest to darkest cell
    point_size: float = 6.0


MAP = MapStyle()
