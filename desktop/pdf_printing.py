"""Printing a PDF that is already built: each page rendered by QtPdf as an image and drawn on the
printer's page, so what is printed is exactly what the preview shows.

Pages are rendered at the printer's resolution, but at most PRINT_DPI: a page at 1,200 dpi is a
half-gigabyte image, and 300 dpi is what office printers print text and thin rules at. Drawing a
page on a printer takes a good part of a second (the image is compressed into the print job), so
`print_pdf` is meant for a worker: it opens its own QPdfDocument there, and Qt allows painting on a
QPrinter outside the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPrintSupport import QPrinter

PRINT_DPI = 300
# Pages are rendered and drawn a band of rows at a time: QtPdf and the print job keep Python's lock
# while they work, and a whole page at once would hold the GUI thread for a quarter of a second.
BAND_ROWS = 256
POINTS_PER_INCH = 72


def print_pdf(data: bytes, printer: QPrinter) -> int:
    """Print every page of the PDF `data` on `printer` (one sheet each, scaled to the printable
    area, proportions kept); returns how many pages were printed (0 if the printer could not
    start)."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    pages = document.pageCount()
    painter = QPainter()
    if pages == 0 or not painter.begin(printer):
        return 0
    try:
        dpi = min(printer.resolution(), PRINT_DPI)
        area = QRectF(printer.pageLayout().paintRectPixels(printer.resolution()))
        area.moveTo(0, 0)  # the painter's origin is already the printable area's corner
        for page in range(pages):
            if page > 0:
                printer.newPage()
            points = document.pagePointSize(page) * (dpi / POINTS_PER_INCH)
            pixels = QSize(round(points.width()), round(points.height()))
            scale = min(area.width() / pixels.width(), area.height() / pixels.height())
            target = QRectF(0, 0, pixels.width() * scale, pixels.height() * scale)
            target.moveCenter(area.center())
            _draw_page(painter, document, page, pixels, target)
    finally:
        painter.end()
        document.close()
    return pages


def _draw_page(painter: QPainter, document: QPdfDocument, page: int, pixels: QSize, target: QRectF) -> None:
    """The page rendered at `pixels`, drawn into `target` band by band."""
    scale = target.height() / pixels.height()
    for top in range(0, pixels.height(), BAND_ROWS):
        band = QRect(0, top, pixels.width(), min(BAND_ROWS, pixels.height() - top))
        rows = QRectF(target.left(), target.top() + top * scale, target.width(), band.height() * scale)
        painter.drawImage(rows, _on_white(_render_band(document, page, pixels, band)))


def _render_band(document: QPdfDocument, page: int, pixels: QSize, band: QRect) -> QImage:
    options = QPdfDocumentRenderOptions()
    options.setScaledSize(pixels)
    options.setScaledClipRect(band)
    return document.render(page, band.size(), options)


def _on_white(page: QImage) -> QImage:
    """QtPdf renders a page on a transparent background; on white paper it is drawn as an opaque
    image, which a print job holds without an alpha mask (a third faster to print)."""
    opaque = QImage(page.size(), QImage.Format.Format_RGB32)
    opaque.fill(Qt.GlobalColor.white)
    painter = QPainter(opaque)
    painter.drawImage(0, 0, page)
    painter.end()
    return opaque
