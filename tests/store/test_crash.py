"""A process killed in the middle of saving a plan leaves the previous plan, on both backends."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import text

from scheduler.domain import PlanningProblem
from scheduler.formats.district_settings import default_district
from scheduler.formats.plan_json import plan_to_json
from scheduler.planning.firstfit import first_fit
from scheduler.store import import_roster, load_plan, open_database, plan_changes, save_plan, save_settings
from tests.factories import MONTH, small_roster
from tests.store.conftest import plan_and_version

ROOT = Path(__file__).resolve().parents[2]
DISTRICT = 1  # the id of the first district of a new database

# Saves the plan in the file, but stops for good once its rows have gone to the database and
# before the commit, so the test can kill it exactly there.
SAVER = """
import sys, time
from sqlalchemy import event
from sqlalchemy.orm import Session
from scheduler.formats.plan_json import plan_from_json
from scheduler.store import open_database, save_plan

url, plan_file, district = sys.argv[1:4]
db = open_database(url)
plan = plan_from_json(open(plan_file, encoding="utf-8").read(), plan_file)

@event.listens_for(Session, "after_flush")
def stall(session, context):
    print("rows written, not committed", flush=True)
    time.sleep(120)

save_plan(db, int(district), plan, 1, "killed")
print("saved", flush=True)
"""


@pytest.mark.slow  # starts a second Python process with the whole store in it
def test_a_save_killed_before_its_commit_leaves_the_previous_plan(db_url, tmp_path):
    db = open_database(db_url)
    try:
        save_settings(db, default_district())
        import_roster(db, DISTRICT, small_roster(), "roster.csv")
        before = first_fit(PlanningProblem(default_district(), small_roster(), MONTH))
        save_plan(db, DISTRICT, before, None, "alvarez")
    finally:
        db.close()
    after = replace(before, walks=tuple(replace(walk, locked=True) for walk in before.walks[5:]))
    plan_file = tmp_path / "after.json"
    plan_file.write_text(plan_to_json(after), encoding="utf-8")

    saver = subprocess.Popen(
        [sys.executable, "-c", SAVER, db_url, str(plan_file), str(DISTRICT)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = saver.stdout.readline()
        assert line.strip() == "rows written, not committed", saver.stderr.read()
        os.kill(saver.pid, signal.SIGKILL)
        assert saver.wait(timeout=30) == -signal.SIGKILL
    finally:
        if saver.poll() is None:
            saver.kill()
            saver.wait()
        saver.stdout.close()
        saver.stderr.close()

    db = open_database(db_url)
    try:
        assert plan_and_version(load_plan(db, DISTRICT, MONTH)) == (before, 1)
        assert [change.changed_by for change in plan_changes(db, DISTRICT, MONTH)] == ["alvarez"]
        if db.is_sqlite:
            with db.session() as session:
                assert session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        # and the database takes the next save as usual
        assert save_plan(db, DISTRICT, after, 1, "alvarez").version == 2
    finally:
        db.close()
