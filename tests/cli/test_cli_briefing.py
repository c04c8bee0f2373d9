"""`beatwalk report talking-points|briefing|packet` on a planned department: files written, and
bad arguments refused in one line with exit status 2 and no file."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest

from desktop.cli import main

PROFILE = Path(__file__).parents[2] / "resources" / "demo" / "profile.toml"


@pytest.fixture
def planned(planned):
    """The planned district with the demo neighborhood profile."""
    assert main(["--db", planned, "import", "profile", str(PROFILE)]) == 0
    return planned


def report(url: str, *arguments: str) -> int:
    return main(["--db", url, "report", *arguments])


def test_a_briefing_sheet_for_a_day(planned, tmp_path, capsys):
    out = tmp_path / "briefing.pdf"
    assert report(planned, "briefing", "--month", "2026-12", "--date", "2026-12-03", "--out", str(out)) == 0
    assert "daily briefing sheet for 2026-12 of Eastside District" in capsys.readouterr().out
    said = " ".join(pypdf.PdfReader(out).pages[0].extract_text().split())
    assert "Daily briefing: Thursday, 3 December 2026" in said
    assert "Leaders at briefing" in said
    assert "988" in said  # the crisis line from the profile


def test_talking_points_and_the_packet(planned, tmp_path):
    points, packet = tmp_path / "points.pdf", tmp_path / "packet.pdf"
    assert report(planned, "talking-points", "--month", "2026-12", "--out", str(points)) == 0
    assert "Winter coat drive" in pypdf.PdfReader(points).pages[0].extract_text()
    arguments = ("packet", "--month", "2026-12", "--page-size", "a4", "--agency", "Dayton PD", "--out")
    assert report(planned, *arguments, str(packet)) == 0
    reader = pypdf.PdfReader(packet)
    titles = [entry.title for entry in reader.outline if not isinstance(entry, list)]
    assert titles == ["Implementation plan", "Training handout", "Talking points", "Daily briefing sheets"]
    assert "Dayton PD · Eastside District" in reader.pages[-1].extract_text()


@pytest.mark.parametrize(
    "arguments, message",
    [
        (("briefing", "--month", "2026-12"), "field '--date': is required with 'report briefing'"),
        (("briefing", "--month", "2026-12", "--date", "2027-01-04"), "2027-01-04 is not in 2026-12"),
        (("briefing", "--month", "2026-12", "--date", "12/04/2026"), "expected a date YYYY-MM-DD"),
        (("packet", "--month", "2026-12", "--date", "2026-12-04"), "does not go with 'report packet'"),
        (("talking-points", "--month", "2027-01"), "has no plan for 2027-01"),
    ],
)
def test_bad_arguments_get_one_line_and_no_file(planned, tmp_path, capsys, arguments, message):
    out = tmp_path / "out.pdf"
    assert report(planned, *arguments, "--out", str(out)) == 2
    error = capsys.readouterr().err
    assert message in error
    assert len(error.strip().splitlines()) == 1
    assert not out.exists()
