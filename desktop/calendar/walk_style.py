"""How a walk type looks on the calendar: a short label that reads in black and white, and a colour
that tells the types apart at a glance. Colours are tinted toward the palette's base colour so that
chips stay readable in light and dark themes alike."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette


@dataclass(frozen=True)
class WalkStyle:
    short: str
    colour: str


_STYLES = {
    "officer": WalkStyle("OFC", "#1f77b4"),
    "squad": WalkStyle("SQD", "#2ca02c"),
    "shift": WalkStyle("SHF", "#9467bd"),
    "district": WalkStyle("DST", "#d62728"),
    "captain": WalkStyle("CPT", "#ff7f0e"),
    "cpu": WalkStyle("CPU", "#17becf"),
    "post_incident": WalkStyle("PI", "#8c564b"),
}
_OTHER = "#7f7f7f"


def walk_style(walk_type: str) -> WalkStyle:
    """The style of a walk type; a type an agency added itself gets its key's first letters."""
    return _STYLES.get(walk_type, WalkStyle(walk_type[:3].upper(), _OTHER))


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def chip_fill(walk_type: str, palette: QPalette) -> QColor:
    """The type's colour mixed into the palette's base, light enough (or dark enough) for text."""
    colour = QColor(walk_style(walk_type).colour)
    base = palette.color(QPalette.ColorRole.Base)
    share = 0.35 if is_dark(palette) else 0.22
    return QColor(
        round(base.red() + (colour.red() - base.red()) * share),
        round(base.green() + (colour.green() - base.green()) * share),
        round(base.blue() + (colour.blue() - base.blue()) * share),
    )
