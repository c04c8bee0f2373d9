"""The what-if re-plan: the proposed plan against the current one — walks moved, people swapped,
walks added or dropped, shortfalls gained or lost — for the captain to apply or discard."""

from __future__ import annotations

from collections.abc import Callable
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.calendar.walk_style import walk_style
from scheduler.actions import Plan, PlanDifferences, Shortfall, Walk


def walk_text(walk: Walk, zone: ZoneInfo, name: Callable[[str], str]) -> str:
    local = walk.start.astimezone(zone)
    return f"{walk_style(walk.type).short} {local:%a %d %b %H:%M}, {name(walk.coordinator)}"


def shortfall_text(shortfall: Shortfall) -> str:
    return (
        f"{shortfall.type.replace('_', ' ')} walks, {shortfall.period}: "
        f"{shortfall.planned} of {shortfall.required} — {shortfall.reason}"
    )


def _counted(plan: Plan) -> str:
    walks, short = len(plan.walks), len(plan.shortfalls)
    return f"{walks} walk{'s' if walks != 1 else ''}, {short} shortfall{'s' if short != 1 else ''}"


def difference_lines(
    differences: PlanDifferences, zone: ZoneInfo, name: Callable[[str], str]
) -> list[tuple[str, list[str]]]:
    """Each kind of difference with one line per item, as the dialog lists them."""

    def names(ids: tuple[str, ...]) -> str:
        return ", ".join(name(pid) for pid in ids) or "nobody"

    return [
        (
            "Walks moved",
            [
                f"{walk_text(m.walk, zone, name)} (was {m.start.astimezone(zone):%a %d %b %H:%M})"
                for m in differences.moved
            ],
        ),
        (
            "People swapped",
            [
                f"{walk_text(s.walk, zone, name)}: {names(s.joining)} join, {names(s.leaving)} leave"
                + (f"; {name(s.coordinator)} no longer coordinates" if s.coordinator else "")
                for s in differences.swapped
            ],
        ),
        ("Walks added", [walk_text(w, zone, name) for w in differences.added]),
        ("Walks dropped", [walk_text(w, zone, name) for w in differences.dropped]),
        ("Shortfalls gained", [shortfall_text(s) for s in differences.shortfalls_gained]),
        ("Shortfalls lost", [shortfall_text(s) for s in differences.shortfalls_lost]),
    ]


class ReplanDialog(QDialog):
    """Accepted: apply the proposal; rejected: discard it."""

    def __init__(
        self,
        current: Plan | None,
        proposed: Plan,
        differences: PlanDifferences,
        zone: ZoneInfo,
        name: Callable[[str], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Re-plan: proposed plan against the current one")
        self.resize(720, 520)
        before = _counted(current) if current else "no plan"
        cost = f", cost {proposed.quality.total}" if proposed.quality else ""
        summary = QLabel(
            f"Current plan: {before}. Proposed: {_counted(proposed)}{cost}. "
            "Nothing is saved until you apply it."
        )
        summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(("Change",))
        self.tree.setAccessibleName("Differences between the current and the proposed plan")
        for title, lines in difference_lines(differences, zone, name):
            section = QTreeWidgetItem(self.tree, [f"{title} ({len(lines)})"])
            for line in lines:
                QTreeWidgetItem(section, [line])
            section.setExpanded(bool(lines))
        if differences.unchanged:
            QTreeWidgetItem(self.tree, ["The proposed plan is the same as the current one."])
        buttons = QDialogButtonBox()
        self.apply_button = buttons.addButton("&Apply", QDialogButtonBox.ButtonRole.AcceptRole)
        self.discard_button = buttons.addButton("&Discard", QDialogButtonBox.ButtonRole.RejectRole)
        self.apply_button.setAccessibleName("Apply the proposed plan")
        self.discard_button.setAccessibleName("Discard the proposed plan")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
