"""Small builders every page uses, so that each control gets a visible label, an accessible name
and a mnemonic in the same way, and every table looks and behaves the same."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QWidget,
)


def labelled(text: str, buddy: QWidget) -> QLabel:
    """A visible label ("&Rank:") that gives `buddy` its mnemonic and its accessible name."""
    label = QLabel(text)
    label.setBuddy(buddy)
    buddy.setAccessibleName(text.replace("&", "").rstrip(":"))
    return label


def named_button(text: str, name: str) -> QPushButton:
    """A button whose accessible name and tooltip say what it does where its text ("◀", "&New walk…")
    is short."""
    button = QPushButton(text)
    button.setAccessibleName(name)
    button.setToolTip(name)
    return button


def choice(items: list[str]) -> QComboBox:
    box = QComboBox()
    box.addItems(items)
    return box


def record_table(model: QAbstractItemModel, name: str) -> QTableView:
    """A read-only table of whole rows, one selected at a time."""
    table = QTableView()
    table.setModel(model)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    # Columns fit the rows on screen, not all of them: measuring every row of a 160-person roster
    # took 0.7 s on a table's first show (a longer text further down is elided; its tooltip has it).
    table.horizontalHeader().setResizeContentsPrecision(0)
    table.horizontalHeader().setStretchLastSection(True)
    return table
