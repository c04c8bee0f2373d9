"""Reading printed documents back: the text of each page, as a reader's copy-and-paste gives it."""

from __future__ import annotations

import io

from pypdf import PdfReader


def pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def text(data: bytes) -> str:
    return "\n".join(pages(data))
