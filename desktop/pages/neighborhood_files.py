"""The Neighborhood page's file actions: which file each asks for and how, so the toolbar and the
dialogs are written once for import, export and streets."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

GEOJSON = "GeoJSON (*.geojson *.json)"


@dataclass(frozen=True)
class FileChoice:
    text: str  # the toolbar's
    hint: str
    title: str  # the dialog's
    suggested: str  # a file name to save under; empty when a file is opened
    filter: str


IMPORT = FileChoice(
    "Import…",
    "Replace the boundary, sectors and places with a GeoJSON file's",
    "Import the neighborhood",
    "",
    GEOJSON,
)
EXPORT = FileChoice(
    "Export…",
    "Save the boundary, sectors and places as GeoJSON",
    "Export the neighborhood",
    "neighborhood.geojson",
    "GeoJSON (*.geojson)",
)
STREETS = FileChoice(
    "Streets…", "Show a GeoJSON file of streets under the map (not saved)", "Show streets", "", GEOJSON
)


def ask_path(parent: QWidget, choice: FileChoice) -> Path | None:
    """The file the user picked, or None when they cancelled."""
    if choice.suggested:
        path, _ = QFileDialog.getSaveFileName(parent, choice.title, choice.suggested, choice.filter)
    else:
        path, _ = QFileDialog.getOpenFileName(parent, choice.title, "", choice.filter)
    return Path(path) if path else None
