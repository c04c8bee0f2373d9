"""The document builder: footer on every page, page sizes, repeated table headers, outline,
embedded fonts, and files written whole or not at all."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader
from reportlab.platypus import Flowable, Paragraph

from reports.layout import Bookmark, DocumentInfo, Heading, build_pdf, table, write_pdf
from reports.styles import styles
from tests.reports.department import AYSE
from tests.reports.pdf_text import pages

INFO = DocumentInfo(title="Test", agency="Gem City Police", district="Eastside", generated=date(2026, 11, 28))
NAMES = ("Nguyễn Văn An", AYSE, "Zoë O'Brien-Núñez", "Иванова", "Olu <b>Bold</b>", "Smith & Sons")


def long_table() -> list[Flowable]:
    rows = [(f"row {number}", f"value {number}") for number in range(150)]
    return [table(("Walker name", "Walk count"), rows, [200, 100])]


def test_every_page_has_the_footer_with_page_n_of_m():
    texts = pages(build_pdf(long_table(), INFO))
    assert len(texts) >= 2
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {len(texts)}" in text
        assert "Gem City Police · Eastside · generated 2026-11-28" in text


def test_a_split_table_repeats_its_header_on_every_page():
    texts = pages(build_pdf(long_table(), INFO))
    assert all("Walker name" in text and "Walk count" in text for text in texts)
    assert "row 149" in texts[-1] and "row 149" not in texts[0]


@pytest.mark.parametrize(("size", "width", "height"), [("letter", 612, 792), ("a4", 595.28, 841.89)])
def test_page_sizes(size, width, height):
    info = DocumentInfo("Test", "A", "D", date(2026, 11, 28), page_size=size)
    box = PdfReader(io.BytesIO(build_pdf([Paragraph("x", styles().body)], info))).pages[0].mediabox
    assert float(box.width) == pytest.approx(width, abs=0.01)
    assert float(box.height) == pytest.approx(height, abs=0.01)


def test_names_in_any_script_and_markup_like_names_print_literally_in_the_embedded_font():
    story: list[Flowable] = [table(("Name",), [(name,) for name in NAMES])]
    data = build_pdf(story, INFO)
    text = pages(data)[0]
    for name in NAMES:
        assert name in text
    fonts = {
        str(font["/BaseFont"])
        for page in PdfReader(io.BytesIO(data)).pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert fonts and all("BeatwalkSans" in font or "DejaVu" in font for font in fonts), fonts


def test_headings_and_bookmarks_make_the_outline():
    sheet = styles()
    story = [Bookmark("Plan"), Heading("Walk types", sheet.heading, 1), Heading("Calendar", sheet.heading, 1)]
    outline = PdfReader(io.BytesIO(build_pdf(story, INFO))).outline
    assert outline[0].title == "Plan"
    assert [entry.title for entry in outline[1]] == ["Walk types", "Calendar"]


class Broken(Flowable):
    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        raise RuntimeError("the build failed half-way")


def test_a_failing_build_leaves_the_earlier_file_as_it_was(tmp_path):
    out = tmp_path / "plan.pdf"
    out.write_bytes(b"the earlier plan")
    with pytest.raises(RuntimeError):
        write_pdf(out, [Paragraph("first page", styles().body), Broken()], INFO)
    assert out.read_bytes() == b"the earlier plan"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["plan.pdf"]


def test_a_finished_build_replaces_the_file(tmp_path):
    out = tmp_path / "plan.pdf"
    out.write_bytes(b"the earlier plan")
    size = write_pdf(out, [Paragraph("new", styles().body)], INFO)
    assert out.read_bytes().startswith(b"%PDF") and out.stat().st_size == size
    assert sorted(path.name for path in tmp_path.iterdir()) == ["plan.pdf"]
