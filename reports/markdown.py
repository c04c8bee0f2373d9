"""The small Markdown subset the editable texts in `resources/` are written in, as flowables.

An agency edits `handout.md` or `plan.md` in any text editor, so the texts use what such a person
already knows: `#`, `##` and `###` headings, paragraphs separated by blank lines, `- ` bullet lists
and `**bold**`. Placeholders such as `{agency}` and `{neighborhood}` are filled in with the
district's values, escaped; anything else in braces is left as written, and the text itself is
escaped too, so a `<` or `&` in it prints as typed. A line holding only `@name` stands for a
part the document draws from data (a table, the map), so an agency may move or drop it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from reportlab.platypus import Flowable, Paragraph, Spacer

from reports.layout import Heading
from reports.markup import escape
from reports.styles import styles

PLACEHOLDER = re.compile(r"\{(\w+)\}")
BOLD = re.compile(r"\*\*(.+?)\*\*")
HEADING = re.compile(r"(#{1,3})\s+(.*)")
BULLET = re.compile(r"[-*]\s+(.*)")
INSERT = re.compile(r"@(\w+)")
LIST_GAP = 4


def markdown_flowables(
    text: str,
    values: Mapping[str, object],
    level: int = 0,
    inserts: Mapping[str, Sequence[Flowable]] | None = None,
) -> list[Flowable]:
    """`#` is the document's title (outside the outline: a packet bookmarks the document itself),
    `##` a section in the outline at `level`, `###` a sub-section; `@name` lines are replaced by
    `inserts[name]` (an unknown name prints as written)."""
    sheet = styles()
    flowables: list[Flowable] = []
    previous = ""
    for kind, content in _blocks(text):
        if previous == "-" and kind != "-":
            flowables.append(Spacer(0, LIST_GAP))  # a list ends with a paragraph's gap
        previous = kind
        if kind == "#":
            flowables.append(Paragraph(_inline(content, values), sheet.title))
        elif kind == "##":
            flowables.append(Heading(_filled(content, values), sheet.heading, level))
        elif kind == "###":
            flowables.append(Paragraph(_inline(content, values), sheet.subheading))
        elif kind == "@":
            flowables += (inserts or {}).get(content) or [Paragraph(escape(f"@{content}"), sheet.body)]
        elif kind == "-":
            flowables.append(Paragraph(_inline(content, values), sheet.bullet, bulletText="•"))
        else:
            flowables.append(Paragraph(_inline(content, values), sheet.body))
    return flowables


def _blocks(text: str) -> list[tuple[str, str]]:
    """(kind, text) per heading, bullet item and paragraph; a line that is neither continues the
    block before it (a wrapped paragraph or bullet)."""
    blocks: list[tuple[str, str]] = []
    current: list[str] = []
    kind = ""

    def close() -> None:
        nonlocal current, kind
        if current:
            blocks.append((kind or "p", " ".join(current)))
        current, kind = [], ""

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            close()
        elif insert := INSERT.fullmatch(line):
            close()
            blocks.append(("@", insert[1]))
        elif heading := HEADING.fullmatch(line):
            close()
            blocks.append((heading[1], heading[2].strip()))
        elif bullet := BULLET.fullmatch(line):
            close()
            kind, current = "-", [bullet[1]]
        else:
            current.append(line)
    close()
    return blocks


def _inline(text: str, values: Mapping[str, object]) -> str:
    """Markup for one block: the text escaped, `**bold**` made bold, placeholders filled in."""
    marked = BOLD.sub(r"<b>\1</b>", escape(text))
    return PLACEHOLDER.sub(lambda match: _value(match, values, escape), marked)


def _filled(text: str, values: Mapping[str, object]) -> str:
    """Plain text (for a heading, escaped later) with placeholders filled in and no bold marks."""
    plain = BOLD.sub(r"\1", text)
    return PLACEHOLDER.sub(lambda match: _value(match, values, str), plain)


def _value(match: re.Match[str], values: Mapping[str, object], convert: Callable[[object], str]) -> str:
    key = match[1]
    return convert(values[key]) if key in values else match[0]
