"""The demonstration data generator: deterministic, refuses a ward with records, realistic enough
that every report row and every check of the app has something to show."""

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from app import enums
from app.cli.main import run
from app.demo import fill_demo_data
from app.errors import SetupError
from app.services import records as svc
from app.services.setup import set_up

KINDS = ("people", "teams", "trainings", "sessions", "cases")
DEFAULTS = {"sessions": 120, "cases": 80, "people": 40}


def make_ward(folder):
    return set_up(folder, "ward", "00167", province="01", officer="Cán bộ Tư pháp").store


def everything(store, kind, include_deleted=True):
    return svc.list_records(store, kind, include_deleted=include_deleted, limit=10**6)


def fingerprint(store):
    return sorted(
        (kind, record["uuid"], record["content_sha256"], record["deleted"])
        for kind in KINDS
        for record in everything(store, kind)
    )


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    """One ward with the default demo data, shared by the read-only tests below."""
    store = make_ward(tmp_path_factory.mktemp("demo") / "w")
    summary = fill_demo_data(store, seed=1, **DEFAULTS)
    yield store, summary
    store.close()


def live(store, kind):
    return [record["data"] for record in everything(store, kind, include_deleted=False)]


def test_same_seed_and_ward_give_the_same_records(tmp_path):
    fingerprints = []
    for name, seed in (("a", 7), ("b", 7), ("c", 8)):
        store = make_ward(tmp_path / name)
        try:
            fill_demo_data(store, sessions=60, cases=40, people=30, seed=seed)
            fingerprints.append(fingerprint(store))
        finally:
            store.close()
    assert len(fingerprints[0]) > 100
    assert fingerprints[0] == fingerprints[1]
    assert fingerprints[0] != fingerprints[2]


FINGERPRINT_SCRIPT = """
import json, sys
sys.path.insert(0, sys.argv[2])
from test_demo_data import fill_demo_data, fingerprint, make_ward
store = make_ward(sys.argv[1])
fill_demo_data(store, sessions=60, cases=40, people=30, seed=7)
print(json.dumps(fingerprint(store)))
store.close()
"""


def test_records_do_not_depend_on_the_process_hash_seed(tmp_path):
    """Set and dict order vary between processes; the records must not."""
    prints = []
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        env["PYTHONPATH"] = os.pathsep.join(
            [str(Path(__file__).parents[1]), env.get("PYTHONPATH", "")]
        )
        folder = tmp_path / hash_seed
        output = subprocess.run(
            [sys.executable, "-c", FINGERPRINT_SCRIPT, str(folder), str(Path(__file__).parent)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        prints.append(json.loads(output))
    assert prints[0] == prints[1] and len(prints[0]) > 100


def test_a_ward_with_records_is_refused(tmp_path):
    store = make_ward(tmp_path / "w")
    try:
        person = svc.create(store, "people", {"full_name": "Lê Văn An", "gender": "male"})
        svc.delete(store, "people", person["uuid"])  # a tombstone is a record too
        with pytest.raises(SetupError):
            fill_demo_data(store, seed=1, **DEFAULTS)
        assert len(everything(store, "sessions")) == 0
    finally:
        store.close()


def test_counts_are_the_live_records(filled):
    store, summary = filled
    assert summary == {kind: len(live(store, kind)) for kind in KINDS}
    assert summary["sessions"] == 120 and summary["cases"] == 80 and summary["people"] == 40
    assert summary["teams"] >= 3 and summary["trainings"] >= 1


def test_every_form_and_audience_is_used(filled):
    store, _ = filled
    sessions = live(store, "sessions")
    assert {s["form"] for s in sessions} == set(enums.SESSION_FORMS.codes)
    assert {a for s in sessions for a in s["audiences"]} == set(enums.AUDIENCES.codes)
    for session in sessions:
        men, women = session["attendees_men"] or 0, session["attendees_women"] or 0
        assert men + women <= session["attendees"]
        if session["form"] == "direct":
            assert 30 <= session["attendees"] <= 200
        assert session["funding_regular"] % 1000 == 0
    assert any(s["broadcasts"] for s in sessions if s["form"] == "loudspeaker")
    assert all(s["quiz_entries"] for s in sessions if s["form"] in ("quiz", "online_quiz"))


def test_about_85_percent_of_concluded_cases_succeed(filled):
    store, _ = filled
    results = Counter(case["result"] for case in live(store, "cases"))
    concluded = results["success"] + results["failure"]
    assert concluded > 50
    assert 0.75 <= results["success"] / concluded <= 0.95
    assert results["in_progress"] >= 1 and results["not_started"] >= 1
    assert any(case["scope_group"] == "out_of_scope" for case in live(store, "cases"))
    assert any(not case["public"] for case in live(store, "cases"))


def test_cases_are_consistent(filled):
    store, _ = filled
    for case in live(store, "cases"):
        steps = [case[k] for k in ("received_on", "assigned_on", "started_on", "ended_on")]
        present = [day for day in steps if day]
        assert present == sorted(present)
        assert present[0] >= "2025-01-01" and present[-1] <= "2026-10-31"
        expected = {"success": {"agreement"}, "failure": {"party_stopped", "mediator_ended"}}
        assert case["end_reason"] in expected.get(case["result"], {None})
        assert case["fee_amount"] in (0, 300_000, 400_000)
        assert len(case["parties"]) >= 2


def test_mediators_are_recognised_team_members(filled):
    store, _ = filled
    people = {record["uuid"]: record["data"] for record in everything(store, "people")}
    teams = {record["uuid"]: record["data"] for record in everything(store, "teams")}
    mediated = 0
    for case in live(store, "cases"):
        on = case["assigned_on"] or case["received_on"]
        members = {m["person"] for m in teams[case["team"]]["members"]} if case["team"] else set()
        for uuid in case["mediators"]:
            mediated += 1
            assert uuid in members
            assert any(
                role["role"] == "HGV"
                and role["decision_date"] <= on
                and (role["end_date"] is None or on <= role["end_date"])
                for role in people[uuid]["roles"]
            )
    assert mediated > 50


def test_people_teams_and_roles_look_real(filled):
    store, _ = filled
    people = live(store, "people")
    assert {p["gender"] for p in people} == {"male", "female"}
    assert any(p["ethnic_minority"] and p["ethnicity"] for p in people)
    assert all(1950 <= p["birth_year"] <= 2000 for p in people)
    roles = Counter(role["role"] for p in people for role in p["roles"])
    assert roles["HGV"] and roles["TTV"] and roles["BCV"]
    assert any(role["end_date"] for p in people for role in p["roles"])
    assert any(len({r["role"] for r in p["roles"]}) > 1 for p in people)
    by_uuid = {r["uuid"]: r["data"] for r in everything(store, "people")}
    without_women = [
        team
        for team in live(store, "teams")
        if not any(by_uuid[m["person"]]["gender"] == "female" for m in team["members"])
    ]
    assert len(without_women) == 1  # the one team the app should flag
    assert all(sum(m["leader"] for m in team["members"]) == 1 for team in live(store, "teams"))


def test_some_records_were_edited_deleted_and_restored(filled):
    store, _ = filled
    actions = Counter()
    for kind in KINDS:
        for record in everything(store, kind):
            history = svc.history(store, kind, record["uuid"])
            actions.update((kind, entry["action"]) for entry in history)
    assert actions["sessions", "update"] >= 1
    assert actions["cases", "update"] >= 1
    assert actions["teams", "update"] >= 1
    assert actions["sessions", "delete"] >= 2
    assert actions["cases", "delete"] >= 1
    assert actions["sessions", "restore"] >= 1
    assert sum(r["deleted"] for r in everything(store, "sessions")) >= 1


def test_cli_fills_once_then_refuses(tmp_path, capsys):
    folder = tmp_path / "w"
    assert run(["--data-dir", str(folder), "init", "ward", "--code", "00167"]) == 0
    assert run(["--data-dir", str(folder), "demo-data", "--seed", "3"]) == 0
    capsys.readouterr()
    assert run(["--data-dir", str(folder), "demo-data", "--seed", "3"]) == 1
    assert capsys.readouterr().err.strip()
