"""Users' text into reportlab paragraphs, always as text and never as markup.

reportlab's Paragraph reads a small XML-like markup, so a person called `Olu <b>Bold</b>` would
print in bold, and `Smith & Sons` or a stray `<` would stop the whole document. Every string that
comes from the database or a user's file goes through `escape` (or `paragraph`, `fill`), which is
the only place documents turn data into markup.
"""

from __future__ import annotations

from xml.sax.saxutils import escape as _xml_escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

CONTROL = {code: None for code in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F)}


def escape(text: object) -> str:
    """`text` as markup that prints exactly it: <, > and & escaped, control characters dropped
    (they have no glyph), and line breaks kept as breaks."""
    plain = str(text).translate(CONTROL).replace("\r\n", "\n").replace("\r", "\n")
    return _xml_escape(plain, {'"': "&quot;"}).replace("\n", "<br/>")


def paragraph(text: object, style: ParagraphStyle) -> Paragraph:
    """A paragraph that prints `text` literally."""
    return Paragraph(escape(text), style)


def fill(template: str, **values: object) -> str:
    """The markup `template` (our own, e.g. "<b>{name}</b> walks {count} times") with users' values
    escaped into its `{placeholders}`."""
    return template.format(**{key: escape(value) for key, value in values.items()})
