"""`beatwalk report ...`: documents printed from the stored plan, and every mistake refused with
one line, exit status 2 and no file written."""

from __future__ import annotations

import shutil

import pytest
from pypdf import PdfReader

from desktop.cli import main
from tests.factories import write_roster
from tests.reports.department import AYSE, make_department
from tests.reports.pdf_text import text
from tests.store.conftest import sqlite_url


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return make_department(tmp_path_factory.mktemp("reports"))


@pytest.fixture
def db(template, tmp_path) -> str:
    shutil.copyfile(template, tmp_path / "department.sqlite3")
    return sqlite_url(tmp_path / "department.sqlite3")


def test_report_plan_writes_the_pdf(db, tmp_path, capsys):
    out = tmp_path / "plan.pdf"
    args = ["--db", db, "report", "plan", "--month", "2026-12", "--agency", "Gem City PD", "--out", str(out)]
    assert main(args) == 0
    assert capsys.readouterr().out.startswith("implementation plan for 2026-12 of Eastside District (")
    content = text(out.read_bytes())
    assert "Gem City PD · Eastside District · generated 2026-11-27" in content
    assert "Implementation plan" in content and "Calendar of walks" in content


def test_report_schedule_for_one_person_on_a4(db, tmp_path):
    out = tmp_path / "mine.pdf"
    args = [
        "report",
        "schedule",
        "--month",
        "2026-12",
        "--person",
        "oA0",
        "--page-size",
        "a4",
        "--out",
        str(out),
    ]
    assert main(["--db", db, *args]) == 0
    reader = PdfReader(out)
    assert len(reader.pages) == 1 and reader.pages[0].extract_text().startswith(AYSE)
    assert round(float(reader.pages[0].mediabox.height)) == 842


def test_report_handout(db, tmp_path):
    out = tmp_path / "handout.pdf"
    assert main(["--db", db, "report", "handout", "--month", "2026-12", "--out", str(out)]) == 0
    assert "What a walk is not" in text(out.read_bytes())


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            ["schedule", "--month", "2026-12", "--person", "nobody"],
            "command line, field '--person': Eastside District has nobody with id 'nobody'",
        ),
        (
            ["plan", "--month", "2027-01"],
            "Eastside District has no plan for 2027-01 (plan it first with 'beatwalk plan --month 2027-01')",
        ),
        (["plan", "--month", "2026-12", "--page-size", "b5"], "argument --page-size: invalid choice: 'b5'"),
        (
            ["plan", "--month", "2026-12", "--person", "c1"],
            "field '--person': does not go with 'report plan'",
        ),
        (["handout", "--month", "2026-12", "--date", "2026-12-03"], "field '--date': does not go with"),
        (["plan", "--month", "2026-13"], "field '--month': month must be 01 to 12"),
        (["poster", "--month", "2026-12"], "argument kind: invalid choice: 'poster'"),
    ],
)
def test_mistakes_print_one_line_exit_2_and_write_nothing(db, tmp_path, capsys, arguments, message):
    out = tmp_path / "report.pdf"
    out.write_bytes(b"earlier")
    assert main(["--db", db, "report", *arguments, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
    assert out.read_bytes() == b"earlier"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["department.sqlite3", "report.pdf"]


@pytest.mark.parametrize(
    ("name", "message"),
    [("report.txt", "a document file must end in .pdf"), ("missing/r.pdf", "does not exist")],
)
def test_bad_output_paths(db, tmp_path, capsys, name, message):
    assert main(["--db", db, "report", "plan", "--month", "2026-12", "--out", str(tmp_path / name)]) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / name).exists()


@pytest.mark.slow
def test_plan_with_the_database_needs_no_out(db, capsys):
    assert main(["--db", db, "plan", "--month", "2027-01", "--effort", "0.2"]) in (0, 3)
    first = capsys.readouterr().out.splitlines()[0]
    assert first.endswith("saved as version 1 of Eastside District")


def test_plan_from_files_still_needs_out(tmp_path, capsys):
    roster = write_roster(tmp_path / "roster.csv")
    assert main(["plan", "--roster", str(roster), "--month", "2026-12"]) == 2
    assert "field '--out': is required with --roster" in capsys.readouterr().err
