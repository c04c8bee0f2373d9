"""`beatwalk` without a command opens the app, with the database options it was given."""

from __future__ import annotations

import desktop.app
from desktop.cli import main


def test_without_a_command_the_app_opens_with_the_given_database_and_district(monkeypatch):
    opened = []
    monkeypatch.setattr(desktop.app, "run", lambda **options: opened.append(options) or 0)
    assert main([]) == 0
    assert main(["--db", "sqlite:///x.sqlite3", "--district", "Eastside District"]) == 0
    assert main(["--demo"]) == 0
    assert opened == [
        {"db": None, "district": None, "demo": False},
        {"db": "sqlite:///x.sqlite3", "district": "Eastside District", "demo": False},
        {"db": None, "district": None, "demo": True},
    ]


def test_demo_goes_without_a_command(capsys):
    assert main(["--demo", "export", "--month", "2026-12", "--out", "x.json"]) == 2
    assert "field '--demo'" in capsys.readouterr().err
