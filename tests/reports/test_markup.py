"""Users' text prints as text: escaping, and the Markdown subset of the editable texts."""

from __future__ import annotations

from reportlab.platypus import Paragraph

from reports.layout import Heading
from reports.markdown import markdown_flowables
from reports.markup import escape, fill


def test_markup_in_users_text_is_escaped():
    assert escape("Olu <b>Bold</b>") == "Olu &lt;b&gt;Bold&lt;/b&gt;"
    assert escape("Smith & Sons") == "Smith &amp; Sons"
    assert escape('say "hi"') == "say &quot;hi&quot;"


def test_control_characters_are_dropped_and_line_breaks_kept():
    assert escape("a\x00b\x07c\r\nd") == "abc<br/>d"


def test_fill_escapes_values_but_not_the_template():
    assert fill("<b>{name}</b> walks", name="A & <i>B</i>") == "<b>A &amp; &lt;i&gt;B&lt;/i&gt;</b> walks"


def test_markdown_blocks_become_title_sections_bullets_and_paragraphs():
    text = (
        "# Title {agency}\n\n## Section\n\nA paragraph\nwrapped **bold**.\n\n"
        "- one\n- two\n  continued\n\n### Sub\n"
    )
    flowables = markdown_flowables(text, {"agency": "Smith & Sons"}, level=1)
    kinds = [type(flowable).__name__ for flowable in flowables]
    assert kinds == ["Paragraph", "Heading", "Paragraph", "Paragraph", "Paragraph", "Spacer", "Paragraph"]
    title, heading, body, first, second, _, _ = flowables
    assert isinstance(title, Paragraph) and "Smith &amp; Sons" in title.text
    assert isinstance(heading, Heading) and heading.title == "Section" and heading.level == 1
    assert isinstance(body, Paragraph) and body.text == "A paragraph wrapped <b>bold</b>."
    assert isinstance(second, Paragraph) and second.text == "two continued" and second.bulletText == "•"
    assert first.text == "one"


def test_placeholders_are_escaped_unknown_ones_and_the_text_itself_print_as_written():
    (paragraph,) = markdown_flowables("{agency} {unknown} a < b", {"agency": "<b>X</b>"})
    assert isinstance(paragraph, Paragraph)
    assert paragraph.text == "&lt;b&gt;X&lt;/b&gt; {unknown} a &lt; b"


def test_insert_lines_are_replaced_and_unknown_ones_print():
    marker = Paragraph("inserted")
    flowables = markdown_flowables("@table\n\n@missing", {}, inserts={"table": [marker]})
    assert flowables[0] is marker
    assert isinstance(flowables[1], Paragraph) and flowables[1].text == "@missing"
