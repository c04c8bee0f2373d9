"""Beside the calendar: how good the plan is (its cost by rule, as the solver priced it), which
minimums it cannot meet and why, and every rule a hand edit broke. Choosing a problem selects its
walk."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.calendar.plan_state import PlanState
from desktop.calendar.selection import WalkSelection
from scheduler.actions import Plan, QualityTerm

HIDDEN_RULES = ("missed_walk",)  # listed as shortfalls, with their reasons, instead


def shown_terms(plan: Plan) -> tuple[QualityTerm, ...]:
    """The terms a captain reads: missed minimums are the shortfalls, and an unpaid 'changed
    walks' term says nothing."""
    if plan.quality is None:
        return ()
    return tuple(
        term
        for term in plan.quality.terms
        if term.rule not in HIDDEN_RULES and (term.amount or term.rule != "changed_walk")
    )


class PlanSummary(QWidget):
    def __init__(self, state: PlanState, selection: WalkSelection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.selection = selection
        self._shown: tuple[object, ...] = ()  # the month, stored plan and findings shown
        self.saved = QLabel()
        self.saved.setWordWrap(True)
        self.quality = QTableWidget(0, 2)
        self.quality.setHorizontalHeaderLabels(("Rule", "Cost"))
        self.quality.verticalHeader().hide()
        self.quality.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.quality.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.quality.setWordWrap(True)
        self.quality.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.quality.horizontalHeader().sectionResized.connect(self.quality.resizeRowsToContents)
        self.quality.setAccessibleName("Plan quality by rule")
        self.total = QLabel()
        self.shortfalls = QListWidget()
        self.shortfalls.setWordWrap(True)
        self.shortfalls.setAccessibleName("Shortfalls")
        self.problems = QListWidget()
        self.problems.setWordWrap(True)
        self.problems.setAccessibleName("Problems the validator found")
        # By row, not by item: a signal carrying None wears out None's reference count in
        # PySide6 on Python 3.11 (the list is cleared on every change, which sends None).
        self.problems.currentRowChanged.connect(self._problem_chosen)
        layout = QVBoxLayout(self)
        layout.addWidget(self.saved)
        for text, widget in (
            ("Plan &quality (cost by rule):", self.quality),
            ("&Shortfalls:", self.shortfalls),
            ("Pro&blems:", self.problems),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            layout.addWidget(label)
            layout.addWidget(widget, 1)
            if widget is self.quality:
                layout.addWidget(self.total)
        state.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Shows the plan as stored: an edit still being saved changes nothing here until it is."""
        shown = (self.state.session.month, self.state.stored, self.state.violations)
        if len(shown) == len(self._shown) and all(a is b for a, b in zip(shown, self._shown, strict=True)):
            return
        self._shown = shown
        stored = self.state.stored
        self.quality.setRowCount(0)
        self.shortfalls.clear()
        self.problems.clear()
        if stored is None:
            self.saved.setText(f"{self.state.session.month} has no plan yet: choose Build plan.")
            self.total.clear()
            return
        saved_at = stored.saved_at.astimezone(self.state.zone)
        self.saved.setText(
            f"Version {stored.version}, saved by {stored.saved_by} on {saved_at:%d %B %Y at %H:%M}."
        )
        plan = stored.plan
        for term in shown_terms(plan):
            row = self.quality.rowCount()
            self.quality.insertRow(row)
            detail = QTableWidgetItem(term.detail)
            detail.setToolTip(term.detail)
            self.quality.setItem(row, 0, detail)
            cost = QTableWidgetItem(str(term.cost))
            cost.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.quality.setItem(row, 1, cost)
        self.quality.resizeRowsToContents()
        if plan.quality is None:
            self.total.setText("Edited by hand: the cost is worked out again when the plan is built.")
        else:
            bound = (
                "" if plan.quality.bound is None else f" (no plan costs less than {plan.quality.bound:.0f})"
            )
            self.total.setText(f"Total cost {plan.quality.total}{bound}.")
        for shortfall in plan.shortfalls:
            self.shortfalls.addItem(
                f"{shortfall.type.replace('_', ' ')} walks, {shortfall.period}: {shortfall.planned} of "
                f"{shortfall.required} planned — {shortfall.reason}"
            )
        if not plan.shortfalls:
            self.shortfalls.addItem("Every minimum is met.")
        for violation in self.state.violations:
            item = QListWidgetItem(str(violation))
            item.setData(Qt.ItemDataRole.UserRole, violation.walk)
            self.problems.addItem(item)
        if not self.state.violations:
            self.problems.addItem("The plan keeps every rule.")

    def _problem_chosen(self, row: int) -> None:
        item = self.problems.item(row)
        walk_id = item.data(Qt.ItemDataRole.UserRole) if item is not None else ""
        if walk_id:
            self.selection.select(str(walk_id))
