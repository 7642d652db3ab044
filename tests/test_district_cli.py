"""The district's command line (design.md §4): trust list, conflicts list and resolve, a folder
of bundles imported in each ward's seq order, dry runs that say what they would do."""

import json
import os
import shutil

import pytest

from app.cli.main import run
from app.db.store import Store
from app.services import records as svc
from app.sync.export import export_bundle
from app.sync.trust import export_card, show_keys
from tests import factories as f
from tests.exchange import introduce, session_in_conflict


@pytest.fixture
def pair(district, ward):
    introduce(district, ward)
    return district, ward


def cli(store: Store, *args: str) -> int:
    return run([*args, "--data-dir", str(store.folder.root)])


def out_json(capsys, store, *args) -> dict:
    capsys.readouterr()
    assert cli(store, *args, "--json") == 0
    return json.loads(capsys.readouterr().out)


def test_trust_list_at_both_roles(pair, capsys):
    district, ward = pair
    listing = out_json(capsys, district, "trust", "list")
    [entry] = listing["wards"]
    assert entry["code"] == "00167" and entry["last_seq"] is None
    [key] = entry["keys"]
    assert key["key_id"] == show_keys(ward)["key_id"]
    assert key["fingerprint"] == show_keys(ward)["fingerprint"]
    assert key["generation"] == 1 and key["revoked"] is False and key["last_seq"] is None
    assert set(key) >= {"key_id", "fingerprint", "generation", "registered_at", "revoked"}
    at_ward = out_json(capsys, ward, "trust", "list")
    assert at_ward["district"]["code"] == "01"
    assert at_ward["district"]["key_id"] == show_keys(district)["key_id"]


def test_a_revoked_key_cannot_be_registered_again(pair, tmp_path, capsys):
    district, ward = pair
    key_id = show_keys(ward)["key_id"]
    assert cli(district, "trust", "revoke", key_id) == 0
    card = tmp_path / "ward.card"
    card.write_bytes(export_card(ward))
    fingerprint = show_keys(ward)["fingerprint"]
    capsys.readouterr()
    assert cli(district, "trust", "add", str(card), "--fingerprint", fingerprint, "--replace") == 1
    said = capsys.readouterr().err
    assert key_id in said and "thu hồi" in said  # "revoked", in Vietnamese by default
    listing = out_json(capsys, district, "trust", "list")
    assert listing["wards"][0]["keys"][0]["revoked"] is True


def test_a_folder_is_imported_in_each_wards_seq_order(pair, tmp_path, capsys):
    district, ward = pair
    stick = tmp_path / "usb"
    stick.mkdir()
    session = svc.create(ward, "sessions", f.session_data())
    for seq in range(1, 11):
        svc.update(ward, "sessions", session["uuid"], {"attendees": 10 + seq})
        path = export_bundle(ward, tmp_path / f"made-{seq}.tcb").path
        # Named so that the file names sort wrongly ("-10" before "-2"), one in upper case.
        shutil.move(path, stick / (f"00167-{seq}.TCB" if seq == 3 else f"00167-{seq}.tcb"))
    (stick / "notes.txt").write_text("not a bundle")
    report = out_json(capsys, district, "bundle", "import", str(stick))
    seqs = [int(b["file"].rsplit("-", 1)[1].split(".")[0]) for b in report["bundles"]]
    assert seqs == list(range(1, 11))
    assert {b["status"] for b in report["bundles"]} == {"imported"}
    held = svc.get(district, "sessions", session["uuid"], ward_code="00167")
    assert held["data"]["attendees"] == 20


def test_a_folder_without_bundles_is_refused_in_one_line(district, tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    capsys.readouterr()
    assert cli(district, "bundle", "import", str(tmp_path / "empty")) == 1
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_a_dry_run_says_it_would_import(pair, tmp_path, capsys, monkeypatch):
    district, ward = pair
    monkeypatch.setattr("app.i18n._current", "en")
    svc.create(ward, "sessions", f.session_data())
    path = export_bundle(ward, tmp_path / "1.tcb").path
    capsys.readouterr()
    assert cli(district, "bundle", "import", str(path), "--dry-run") == 0
    said = capsys.readouterr().out
    assert "would be imported" in said and ": imported" not in said
    report = out_json(capsys, district, "bundle", "import", str(path), "--dry-run")
    assert report["dry_run"] is True and report["bundles"][0]["status"] == "acceptable"


def test_conflicts_are_listed_and_settled_by_a_person(pair, tmp_path, capsys):
    district, ward = pair
    uuid = session_in_conflict(district, ward, tmp_path)
    [conflict] = out_json(capsys, district, "conflicts", "list")["conflicts"]
    assert conflict["uuid"] == uuid and conflict["status"] == "open"
    assert conflict["kind"] == "sessions" and conflict["ward_code"] == "00167"
    assert set(conflict["stored"]) == {"revision", "content_sha256", "deleted"}
    assert conflict["incoming"]["deleted"] is False
    assert isinstance(conflict["id"], int)
    number = str(conflict["id"])
    args = ("conflicts", "resolve", number, "--keep", "incoming")
    assert cli(district, *args, "--reason", "Tổ trưởng xác nhận số liệu mới") == 0
    assert svc.get(district, "sessions", uuid, ward_code="00167")["data"]["attendees"] == 70
    [settled] = out_json(capsys, district, "conflicts", "list")["conflicts"]
    assert settled["status"] == "resolved" and settled["kept"] == "incoming"
    assert settled["reason"] == "Tổ trưởng xác nhận số liệu mới"
    assert "Lê Văn Tâm" in settled["decided_by"]  # the officer set at set-up
    capsys.readouterr()
    assert cli(district, *args, "--reason", "again") == 1  # already resolved
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
    assert cli(district, "conflicts", "resolve", "999", "--keep", "stored", "--reason", "x") == 1


def test_keeping_the_stored_version_changes_no_record(pair, tmp_path, capsys):
    district, ward = pair
    uuid = session_in_conflict(district, ward, tmp_path)
    [conflict] = out_json(capsys, district, "conflicts", "list")["conflicts"]
    args = ("conflicts", "resolve", str(conflict["id"]), "--keep", "stored")
    assert cli(district, *args, "--reason", "  ") == 1  # a reason is required
    assert cli(district, *args, "--reason", "Số liệu cũ đúng") == 0
    assert svc.get(district, "sessions", uuid, ward_code="00167")["data"]["attendees"] == 130


def test_odd_input_gets_one_line_not_a_traceback(pair, tmp_path, capsys):
    district, ward = pair
    capsys.readouterr()
    too_big = ["conflicts", "resolve", str(10**30), "--keep", "stored", "--reason", "x"]
    assert cli(district, *too_big) == 1
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
    # A file name in no known encoding, as an odd USB stick may hold one.
    svc.create(ward, "sessions", f.session_data())
    stick = tmp_path / "usb"
    stick.mkdir()
    path = export_bundle(ward, tmp_path / "1.tcb").path
    odd = os.fsdecode(bytes(stick) + b"/00167-\xff.tcb")
    shutil.move(path, odd)
    report = out_json(capsys, district, "bundle", "import", str(stick))
    assert [b["status"] for b in report["bundles"]] == ["imported"]
    assert "\ufffd" in report["bundles"][0]["file"]
