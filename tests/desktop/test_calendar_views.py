"""The Calendar page shows the stored plan: month, week and list views, the selected walk's people,
the per-person view and the plan's quality."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.calendar.walk_style import walk_style
from desktop.pages.calendar import CalendarPage
from scheduler import actions
from tests.desktop.conftest import screenshot, shown_calendar_page


@pytest.fixture
def page(session, qtbot) -> CalendarPage:
    return shown_calendar_page(session, qtbot)


def stored(session):
    return actions.stored_plan(session.db, district=session.district, month=session.month).plan


def test_the_views_show_every_stored_walk_with_its_label(page, session):
    plan = stored(session)
    assert page.walks.rowCount() == len(plan.walks) > 0
    month_walks = [walk for _, walk in page.month_view.chips]
    hidden = sum(count for _, count in page.month_view.more.values())
    assert len(month_walks) + hidden == len(plan.walks)
    first = plan.walks[0]
    text = page.month_view.chip_text(first)
    assert walk_style(first.type).short in text and page.state.name(first.coordinator) in text
    assert page.walks.index(0, 2).data().startswith(walk_style(first.type).short)
    screenshot(page, "calendar-month")
    page.open_week(first.start.date())
    week_walks = {walk.id for _, walk in page.week_view.chips}
    assert first.id in week_walks and week_walks <= {w.id for w in plan.walks}
    screenshot(page, "calendar-week")


def test_clicking_a_walk_shows_its_people_roles_and_meeting_point(page, session, qtbot):
    rect, walk = page.month_view.chips[0]
    qtbot.mouseClick(page.month_view, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert page.selection.walk_id == walk.id
    people = page.details.people
    assert people.rowCount() == len(walk.participants)
    roles = {people.item(row, 0).data(): people.item(row, 3).text() for row in range(people.rowCount())}
    assert roles[walk.coordinator] == "coordinator"
    assert page.details.place.text() == (walk.meeting_point or "not set")
    assert page.table.currentIndex().data(Qt.ItemDataRole.UserRole) == walk.id
    screenshot(page, "calendar-selected")


def test_the_keyboard_walks_through_the_calendar(page, qtbot):
    page.month_view.setFocus()
    first, second = (walk.id for _, walk in page.month_view.chips[:2])
    page.selection.select(first)
    qtbot.keyClick(page.month_view, Qt.Key.Key_Right)
    assert page.selection.walk_id == second
    qtbot.keyClick(page.month_view, Qt.Key.Key_Left)
    assert page.selection.walk_id == first


def test_the_per_person_view_lists_only_that_persons_walks(page, session):
    plan = stored(session)
    person = plan.walks[0].coordinator
    page.person.setCurrentIndex(page.person.findData(person))
    theirs = [walk for walk in plan.walks if person in walk.participants]
    assert page.person_filter.rowCount() == len(theirs)
    assert page.person_count.text().startswith(f"{len(theirs)} walk")
    page.show_view(2)
    screenshot(page, "calendar-person")


def test_the_quality_summary_and_shortfalls_are_shown(page, session):
    plan = stored(session)
    page.side.setCurrentWidget(page.summary)
    assert page.summary.quality.rowCount() > 0
    assert page.summary.total.text().startswith(f"Total cost {plan.quality.total}")
    assert page.summary.shortfalls.count() == max(1, len(plan.shortfalls))
    screenshot(page, "calendar-quality")


def test_accessible_names_on_the_main_controls(page):
    for button, name in (
        (page.planning_bar.build_button, "Build plan"),
        (page.planning_bar.replan_button, "Re-plan"),
        (page.planning_bar.cancel_button, "Cancel"),
    ):
        assert button.text() == name and button.accessibleName() == name
    assert page.month_view.accessibleName() == "Month calendar"
    assert page.month_view.focusPolicy() & Qt.FocusPolicy.TabFocus


def test_another_month_without_a_plan_shows_an_empty_calendar(page, session):
    session.set_month(session.month.next())
    assert page.walks.rowCount() == 0 and page.state.plan is None
    assert page.views.currentIndex() == 0 and not page.month_view.chips
    assert "has no plan yet" in page.summary.saved.text()
    assert page.week_view.first_day <= session.month.first_day
    screenshot(page, "calendar-no-plan")


def test_the_list_keeps_its_sort_order_across_changes_made_while_hidden(page, session):
    page.show_view(2)
    page.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)  # by coordinator, Z first
    page.show_view(0)
    page.state.reload()  # a change while the month view is shown: the list is not sorted then
    page.show_view(2)
    coordinators = [page.person_filter.index(row, 3).data() for row in range(page.person_filter.rowCount())]
    assert coordinators == sorted(coordinators, reverse=True)
    header = page.table.horizontalHeader()
    assert header.sortIndicatorSection() == 3 and header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
