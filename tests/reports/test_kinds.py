"""The document list the command line and the app read at start-up, kept apart from reportlab."""

from __future__ import annotations

import subprocess
import sys

from reports.catalog import RENDERERS
from reports.kinds import DOCUMENTS, PAGE_SIZE_NAMES
from reports.styles import PAGE_SIZES


def test_every_listed_document_and_page_size_can_be_printed() -> None:
    assert tuple(RENDERERS) == tuple(DOCUMENTS)
    assert tuple(PAGE_SIZES) == PAGE_SIZE_NAMES


def test_starting_the_command_line_and_the_app_does_not_load_reportlab() -> None:
    # A fresh interpreter: this test process has loaded reportlab already.
    probe = (
        "import sys, desktop.cli, desktop.navigation; "
        "print(sorted(m for m in sys.modules if m.startswith('reportlab')))"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
