"""The command line under attack: every bad invocation is one line on stderr, exit status 2, no
traceback, and the database and every file exactly as they were (issue 12's table)."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from desktop.cli import main
from tests.cli.conftest import EASTSIDE
from tests.factories import write_roster
from tests.store.conftest import sqlite_url

PLAN = ("plan", "--month", "2026-12")


@pytest.fixture(scope="module")
def template(tmp_path_factory, planned_department):
    """The planned department (department.sqlite3), a roster, settings, and a plan file of December."""
    folder = tmp_path_factory.mktemp("hostile")
    shutil.copyfile(planned_department(EASTSIDE), folder / "department.sqlite3")
    (folder / "district.toml").write_text(EASTSIDE, encoding="utf-8")
    write_roster(folder / "roster.csv")
    (folder / "header.csv").write_text("id,name,rank,unit\n", encoding="utf-8")
    rows = "".join(f"o{n},Officer {n},officer,patrol\n" for n in range(5001))
    (folder / "huge.csv").write_text("id,name,rank,unit\n" + rows, encoding="utf-8")
    roster, out = str(folder / "roster.csv"), str(folder / "p.json")
    assert main([*PLAN, "--roster", roster, "--out", out, "--effort", "0.6"]) == 0
    return folder


@pytest.fixture
def folder(template, tmp_path, monkeypatch):
    """A copy of the template to work in, with a folder whose name looks like a plan file."""
    work = tmp_path / "work"
    shutil.copytree(template, work)
    (work / "folder.json").mkdir()
    monkeypatch.chdir(work)
    return work


def snapshot(folder: Path) -> dict[str, str]:
    """Every file's content (the database by its rows, since SQLite may touch the file's header)."""
    files = {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.name.startswith("department.sqlite3")
    }
    with closing(sqlite3.connect(folder / "department.sqlite3")) as db:
        for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"):
            rows = db.execute(f'SELECT * FROM "{table}" ORDER BY 1').fetchall()
            files[f"table {table}"] = hashlib.sha256(repr(rows).encode()).hexdigest()
    return files


DB = ("--db", "DB")  # replaced by the copied database's URL
IN_FILE = ("incident", "add", "--roster", "roster.csv", "--plan", "p.json", "--type", "shooting")
IN_FILE += ("--out", "p.json")
FULL_WIDTH_MONTH = "\uff12\uff10\uff12\uff16-\uff11\uff12"  # 2026-12 in full-width digits

CASES = [
    # (arguments, text expected in the one line)
    ((*PLAN, "--roster", "roster.csv", "--out", "roster.csv"), "is the input file roster.csv"),
    ((*PLAN, "--roster", "roster.csv", "--out", "folder.json"), "is a folder"),
    ((*PLAN, "--roster", "roster.csv", "--out", "p.json", "--time-limit", "-1"), "--time-limit"),
    ((*PLAN, "--roster", "roster.csv", "--out", "p.json", "--time-limit", "0"), "--time-limit"),
    ((*PLAN, "--roster", "roster.csv", "--out", "p.json", "--time-limit", "nan"), "--time-limit"),
    ((*PLAN, "--roster", "roster.csv", "--out", "p.json", "--time-limit", "inf"), "--time-limit"),
    ((*PLAN, "--roster", "roster.csv", "--out", "p.json", "--time-limit", "1e308"), "--time-limit"),
    ((*PLAN, "--roster", "roster.csv", "--out", "p.json", "--seed", "2147483648"), "--seed"),
    ((*PLAN, "--roster", "roster.csv", "--out", "p.json", "--seed", "-1"), "--seed"),
    ((*DB, *PLAN, "--out", "folder.json"), "is a folder"),
    ((*DB, *PLAN, "--out", "/proc/plan.json"), "/proc/plan.json, field '--out': cannot write"),
    ((*DB, "import", "roster", "header.csv"), "would make 19 of the district's 19 active people inactive"),
    (
        (*DB, "incident", "add", "--type", "shooting", "--at", "2026-12-10T21:30", "--out", "folder.json"),
        "is a folder",
    ),
    (
        (*DB, "incident", "add", "--type", "shooting", "--at", "2026-12-10T21:30", "--out", "/proc/p.json"),
        "/proc/p.json, field '--out': cannot write",
    ),
    ((*IN_FILE, "--at", "2027-01-05T10:00"), "outside the plan's month 2026-12"),
    ((*IN_FILE, "--at", "1999-03-05T10:00"), "outside the plan's month 2026-12"),
    ((*PLAN, "--roster", "huge.csv", "--out", "big.json"), "huge.csv: has 5001 active people"),
    ((*DB, "import", "roster", "huge.csv"), "huge.csv: has 5001 active people"),
    (
        (*DB, "incident", "add", "--type", "shooting", "--at", "2026-12-10"),
        "field '--at': '2026-12-10' is a date",
    ),
    ((*DB, "incident", "add", "--type", "shooting", "--at", "9999-12-31T23:00"), "outside 1900 to 2200"),
    ((*DB, "incident", "add", "--type", "shooting", "--at", "0001-01-01T00:00"), "outside 1900 to 2200"),
    ((*DB, "incident", "add", "--type", "shooting", "--at", "2026-12-10T21:30", "--id", "C\x00"), "NUL"),
    ((*DB, *PLAN[:2], "0000-01", "--out", "x.json"), "field '--month'"),
    ((*DB, "export", "--month", "9999-12", "--out", "x.json"), "field '--month'"),
    ((*DB, *PLAN[:2], FULL_WIDTH_MONTH, "--out", "x.json"), "field '--month'"),
    (("--demo", "export", "--month", "2026-12", "--out", "x.json"), "field '--demo'"),
]


@pytest.mark.parametrize(("args", "expected"), CASES, ids=[" ".join(args) or "(none)" for args, _ in CASES])
def test_refused_with_one_line_and_nothing_changed(folder, capsys, args, expected):
    url = sqlite_url(folder / "department.sqlite3")
    before = snapshot(folder)
    capsys.readouterr()
    code = main([url if arg == "DB" else arg for arg in args])
    err = capsys.readouterr().err
    assert code == 2
    assert expected in err and "Traceback" not in err
    assert err.count("\n") == 1
    assert snapshot(folder) == before


def test_a_roster_that_deactivates_most_people_is_imported_when_meant(folder, capsys):
    url = sqlite_url(folder / "department.sqlite3")
    assert main(["--db", url, "import", "roster", "header.csv"]) == 2
    assert "import it again with --deactivate-missing" in capsys.readouterr().err
    assert main(["--db", url, "import", "roster", "header.csv", "--deactivate-missing"]) == 0
    assert "19 now inactive" in capsys.readouterr().out
