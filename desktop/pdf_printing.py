"""Printing a PDF that is already built: each page rendered by QtPdf as an image and drawn on the
printer's page, so what is printed is exactly what the preview shows.

Pages are rendered at the printer's resolution, but at most PRINT_DPI: a page at 1,200 dpi is a
half-gigabyte image, and 300 dpi is what office printers print text and thin rules at.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

PRINT_DPI = 300
POINTS_PER_INCH = 72


def print_pdf(document: QPdfDocument, printer: QPrinter) -> int:
    """Print every page of `document` on `printer` (one sheet each, scaled to the printable area,
    proportions kept); returns how many pages were printed (0 if the printer could not start)."""
    painter = QPainter()
    if document.pageCount() == 0 or not painter.begin(printer):
        return 0
    try:
        dpi = min(printer.resolution(), PRINT_DPI)
        area = QRectF(printer.pageLayout().paintRectPixels(printer.resolution()))
        area.moveTo(0, 0)  # the painter's origin is already the printable area's corner
        for page in range(document.pageCount()):
            if page > 0:
                printer.newPage()
            points = document.pagePointSize(page)
            pixels = QSize(
                round(points.width() * dpi / POINTS_PER_INCH), round(points.height() * dpi / POINTS_PER_INCH)
            )
            image = document.render(page, pixels)
            scale = min(area.width() / pixels.width(), area.height() / pixels.height())
            target = QRectF(0, 0, pixels.width() * scale, pixels.height() * scale)
            target.moveCenter(area.center())
            painter.drawImage(target, image)
    finally:
        painter.end()
    return document.pageCount()
