"""The district's agency: kept by the store, brought by migration 0008 (districts saved before name
none), and printed by the documents when the command line names no other."""

from __future__ import annotations

from dataclasses import replace

from pypdf import PdfReader

from desktop.cli import main
from scheduler import actions
from scheduler.formats.district_settings import default_district
from scheduler.store import get_district, list_districts, open_database, save_settings
from scheduler.store.database import run_migrations
from tests.actions.conftest import plan_department
from tests.store.conftest import sqlite_url

AGENCY = "Eastside Police Department"


def test_the_agency_is_stored_and_changed(db):
    ref = save_settings(db, replace(default_district(), agency=AGENCY)).district
    assert get_district(db, ref.id).agency == AGENCY
    stored = actions.walk_rules(db, district=ref)
    actions.update_settings(
        db, district=ref, settings=replace(stored.value, agency=""), expected_version=stored.version, user="a"
    )
    assert get_district(db, ref.id).agency == ""


def test_the_guides_defaults_keep_the_agency():
    assert actions.guide_defaults(replace(default_district(), agency=AGENCY)).agency == AGENCY


def test_a_database_at_0007_gets_an_empty_agency_and_goes_back(tmp_path):
    path = tmp_path / "beatwalk.sqlite3"
    db = open_database(sqlite_url(path))
    save_settings(db, replace(default_district(), agency=AGENCY))
    run_migrations(db.engine, "downgrade", "0007")  # what Beatwalk before the agency setting left
    db.close()

    db = open_database(sqlite_url(path))
    try:
        (ref,) = list_districts(db)
        assert get_district(db, ref.id) == default_district()  # agency "", nothing else changed
        settings = replace(default_district(), agency=AGENCY)
        actions.update_settings(db, district=ref, settings=settings, expected_version=1, user="alvarez")
        run_migrations(db.engine, "downgrade", "0007")
        assert list_districts(db) == (ref,)
    finally:
        db.close()


def test_documents_print_the_districts_agency_unless_the_command_names_another(tmp_path):
    url = sqlite_url(plan_department(tmp_path, f'name = "Eastside District"\nagency = "{AGENCY}"\n'))
    for extra, agency in (((), AGENCY), (("--agency", "Gem City PD"), "Gem City PD")):
        out = tmp_path / "handout.pdf"
        assert main(["--db", url, "report", "handout", "--month", "2026-12", *extra, "--out", str(out)]) == 0
        first = PdfReader(out).pages[0].extract_text()
        assert f"{agency} · Eastside District" in first
