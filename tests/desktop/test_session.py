from __future__ import annotations

from tests.desktop.conftest import DECEMBER, NOW


def test_a_session_tells_pages_what_changed_and_which_month_is_shown(session, qtbot):
    assert session.district.name == "Eastside District"
    assert session.now() == NOW
    with qtbot.waitSignal(session.changed) as changed:
        session.notify("plan")
    assert changed.args == ["plan"]
    with qtbot.waitSignal(session.month_changed) as moved:
        session.set_month(DECEMBER.next())
    assert session.month == moved.args[0] != DECEMBER
