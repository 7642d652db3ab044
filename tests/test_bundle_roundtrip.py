"""Wards and a district exchanging bundles: round trips, re-imports, gaps, tombstones, restored
backups, a lost PC with a new key, and the personal data that must not travel."""

import json
import shutil

import pytest

from app.db.sqlite import online_backup
from app.db.store import Store
from app.errors import TiepCanError
from app.services import records as svc
from app.services.status import status
from app.sync.export import export_bundle
from app.sync.importer import import_bundles, verify_bundle
from app.sync.trust import export_card, show_keys, trust_card
from tests import factories as f
from tests.exchange import introduce, table_rows


@pytest.fixture
def pair(district, ward):
    introduce(district, ward)
    return district, ward


def _fill(ward):
    a = f.person(ward)
    b = f.person(
        ward, "Trần Thị Dung", "female", phone="0912345678", ethnic_minority=True, ethnicity="Tày"
    )
    c = f.person(ward, "Lê Văn An")
    team = f.team(ward, [a["uuid"], b["uuid"], c["uuid"]])
    session = svc.create(ward, "sessions", f.session_data(presenters=[b["uuid"]]))
    public = svc.create(
        ward,
        "cases",
        f.case_data(
            team=team["uuid"], mediators=[a["uuid"]], summary="Tranh chấp lối đi giữa hai hộ."
        ),
    )
    private = svc.create(
        ward,
        "cases",
        f.case_data(public=False, summary="Mâu thuẫn vợ chồng.", agreement="Hai bên hòa thuận."),
    )
    return {"session": session, "public": public, "private": private, "person": b}


def test_round_trip_and_reimport(pair, tmp_path):
    district, ward = pair
    made = _fill(ward)
    bundle = export_bundle(ward, tmp_path)
    assert bundle.path.name.startswith("00167-") and bundle.path.name.endswith("-1.tcb")
    assert verify_bundle(district, bundle.path).status == "acceptable"
    first = import_bundles(district, [bundle.path])[0]
    assert first.status == "imported"
    assert first.counts["sessions"]["new"] == 1 and first.counts["people"]["new"] == 3
    again = import_bundles(district, [bundle.path])[0]
    assert again.status == "already-imported"
    assert verify_bundle(district, bundle.path).status == "already-imported"
    ward_status, district_status = status(ward), status(district)
    assert district_status["counts"]["00167"] == ward_status["counts"]["00167"]
    assert district_status["last_seq"] == {"00167": 1} == ward_status["last_seq"]
    # The district holds the ward's own versions and hashes.
    for kind, record in [("sessions", made["session"]), ("cases", made["public"])]:
        held = svc.get(district, kind, record["uuid"], ward_code="00167")
        assert (held["revision"], held["content_sha256"]) == (
            record["revision"],
            record["content_sha256"],
        )


@pytest.mark.sqlite_only  # reads the whole district file (a server database: pg_dump)
def test_personal_data_stays_at_the_ward(pair, tmp_path):
    district, ward = pair
    made = _fill(ward)
    import_bundles(district, [export_bundle(ward, tmp_path).path])
    person = svc.get(district, "people", made["person"]["uuid"], ward_code="00167")["data"]
    assert person["phone"] is None and person["ethnicity"] is None
    assert person["ethnic_minority"] is True and person["full_name"] == "Trần Thị Dung"
    public = svc.get(district, "cases", made["public"]["uuid"], ward_code="00167")["data"]
    assert public["parties"] == [
        {
            "role": "requester",
            "full_name": None,
            "birth_year": None,
            "gender": None,
            "address": None,
            "phone": None,
            "id_number": None,
        }
    ]
    assert public["summary"] == "Tranh chấp lối đi giữa hai hộ."
    private = svc.get(district, "cases", made["private"]["uuid"], ward_code="00167")["data"]
    assert private["summary"] is None and private["agreement"] is None
    with district.read() as connection:
        dump = "\n".join(connection.connection.dbapi_connection.iterdump())
    assert (
        "Trần Văn Hùng" not in dump
        and "0912345678" not in dump
        and "Mâu thuẫn vợ chồng" not in dump
    )


def test_edits_and_tombstones_travel(pair, tmp_path):
    district, ward = pair
    made = _fill(ward)
    import_bundles(district, [export_bundle(ward, tmp_path / "1.tcb").path])
    svc.update(ward, "sessions", made["session"]["uuid"], {"attendees": 150})
    svc.delete(ward, "cases", made["public"]["uuid"])
    second = import_bundles(district, [export_bundle(ward, tmp_path / "2.tcb").path])[0]
    assert second.status == "imported" and second.warnings == []
    assert second.counts["sessions"] == {
        "new": 0,
        "updated": 1,
        "deleted": 0,
        "unchanged": 0,
        "stale": 0,
        "conflict": 0,
    }
    # A tombstone replacing a live record is counted as `deleted` (design.md §4).
    assert second.counts["cases"]["deleted"] == 1 and second.counts["cases"]["updated"] == 0
    assert (
        svc.get(district, "sessions", made["session"]["uuid"], ward_code="00167")["data"][
            "attendees"
        ]
        == 150
    )
    assert svc.get(district, "cases", made["public"]["uuid"], ward_code="00167")["deleted"] is True
    assert status(district)["counts"]["00167"]["cases"] == 1


def test_a_gap_is_harmless_and_an_older_bundle_is_a_replay(pair, tmp_path):
    district, ward = pair
    _fill(ward)
    one = export_bundle(ward, tmp_path / "1.tcb").path
    two = export_bundle(ward, tmp_path / "2.tcb").path
    outcome = import_bundles(district, [two])[0]
    assert (outcome.status, outcome.warnings) == ("imported", ["gap"])
    late = import_bundles(district, [one])[0]
    assert (late.status, late.reason_code) == ("refused", "replay")


def test_dry_run_changes_nothing_but_the_journal(pair, tmp_path):
    district, ward = pair
    _fill(ward)
    path = export_bundle(ward, tmp_path).path
    before = table_rows(district, "00167")
    dry = import_bundles(district, [path], dry_run=True)[0]
    assert dry.status == "acceptable" and dry.counts["people"]["new"] == 3
    assert table_rows(district, "00167") == before
    assert status(district)["last_seq"] == {}
    with district.read() as connection:
        journal = connection.exec_driver_sql(
            "SELECT outcome, dry_run FROM import_journal"
        ).fetchall()
    assert journal == [("acceptable", 1)]
    assert import_bundles(district, [path])[0].status == "imported"


def test_export_refuses_before_a_district_is_trusted(ward, tmp_path):
    f.person(ward)
    with pytest.raises(TiepCanError):
        export_bundle(ward, tmp_path)
    assert list(tmp_path.glob("*.tcb")) == []
    assert ward.counters.load()["seq"] == 0


@pytest.mark.parametrize("target", ["existing file", "link", "device", "bundle of that name"])
def test_export_replaces_nothing_and_writes_only_to_a_folder_or_a_new_file(pair, tmp_path, target):
    """An existing file is never replaced, and a link or a device is no place for a bundle;
    each refusal uses no seq and writes nothing."""
    import os

    _district, ward = pair
    f.person(ward)
    first = export_bundle(ward, tmp_path)  # seq 1, named in the folder
    if target == "existing file":
        out = tmp_path / "report.pdf"
        out.write_bytes(b"an officer's other file")
    elif target == "link":
        out = tmp_path / "to-folder"
        out.symlink_to(tmp_path)
    elif target == "device":
        if not os.path.exists(os.devnull) or os.name != "posix":
            pytest.skip("needs a POSIX device file")
        out = type(tmp_path)(os.devnull)
    else:  # the very file a second export to this folder on the same day would write
        out = first.path.with_name(first.path.name.replace("-1.tcb", "-2.tcb"))
        out.write_bytes(b"someone else's")
        out = tmp_path
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    with pytest.raises(TiepCanError) as refused:
        export_bundle(ward, out)
    message = refused.value.message()
    assert "\n" not in message and message
    assert ward.counters.load()["seq"] == 1
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()} == before


def test_a_restored_ward_database_keeps_exporting_and_loses_no_later_edit(pair, tmp_path):
    district, ward = pair
    made = _fill(ward)
    backup = tmp_path / "backup.db"
    online_backup(ward.folder.db, backup)
    import_bundles(district, [export_bundle(ward, tmp_path / "1.tcb").path])
    svc.update(ward, "sessions", made["session"]["uuid"], {"attendees": 111})
    import_bundles(district, [export_bundle(ward, tmp_path / "2.tcb").path])
    # The PC's disk fails; the officer restores last week's database. keys/ survived.
    root = ward.folder.root
    ward.close()
    shutil.copy(backup, root / "tiepcan.db")
    for suffix in ("-wal", "-shm"):
        (root / f"tiepcan.db{suffix}").unlink(missing_ok=True)
    restored = Store.open(root)
    later = svc.update(restored, "sessions", made["session"]["uuid"], {"attendees": 95})
    third = import_bundles(district, [export_bundle(restored, tmp_path / "3.tcb").path])[0]
    assert third.status == "imported"
    held = svc.get(district, "sessions", made["session"]["uuid"], ward_code="00167")
    assert held["data"]["attendees"] == 95 and held["revision"] == later["revision"]
    restored.close()


def test_a_lost_pc_re_registers_and_conflicts_wait_for_a_person(pair, tmp_path):
    district, ward = pair
    made = _fill(ward)
    backup = tmp_path / "backup.db"
    online_backup(ward.folder.db, backup)
    import_bundles(district, [export_bundle(ward, tmp_path / "1.tcb").path])
    svc.update(ward, "sessions", made["session"]["uuid"], {"attendees": 130})
    import_bundles(district, [export_bundle(ward, tmp_path / "2.tcb").path])
    ward.close()
    # A new PC: the old database comes back from a backup, but keys and counters are gone.
    fresh = tmp_path / "new-pc"
    fresh.mkdir()
    shutil.copy(backup, fresh / "tiepcan.db")
    replacement = Store.open(fresh)
    from app.sync.keys import KeyFolder

    KeyFolder(replacement.folder.keys).generate()
    with pytest.raises(TiepCanError):  # the district insists on --replace for a ward's new key
        trust_card(district, export_card(replacement), show_keys(replacement)["fingerprint"])
    introduce(district, replacement, replace=True)
    # The restored database edits the same session differently, with a revision the district
    # has already seen from the old key: a conflict, not a silent overwrite.
    svc.update(replacement, "sessions", made["session"]["uuid"], {"attendees": 70})
    outcome = import_bundles(district, [export_bundle(replacement, tmp_path / "3.tcb").path])[0]
    assert outcome.status == "imported"
    assert outcome.counts["sessions"]["conflict"] == 1
    held = svc.get(district, "sessions", made["session"]["uuid"], ward_code="00167")
    assert held["data"]["attendees"] == 130  # the stored version stays current
    rows = table_rows(district, "00167")
    assert len(rows["conflicts"]) == 1 and rows["conflicts"][0][4] == "open"
    again = import_bundles(district, [export_bundle(replacement, tmp_path / "4.tcb").path])[0]
    assert table_rows(district, "00167")["conflicts"] == rows["conflicts"]
    assert again.status == "imported"
    replacement.close()


def test_two_wards_and_a_district_through_the_command_line(tmp_path, capsys):
    from app.cli.main import run

    district_dir = str(tmp_path / "district")
    assert (
        run(
            [
                "init",
                "district",
                "--code",
                "01",
                "--name",
                "Sở Tư pháp Hà Nội",
                "--data-dir",
                district_dir,
            ]
        )
        == 0
    )
    assert (
        run(["--data-dir", district_dir, "keys", "export", "--out", str(tmp_path / "d.card")]) == 0
    )
    capsys.readouterr()
    assert run(["--data-dir", district_dir, "keys", "show", "--json"]) == 0
    district_fp = json.loads(capsys.readouterr().out)["fingerprint"]
    bundles = []
    for code, seed in (("00167", "1"), ("00160", "2")):
        ward_dir = str(tmp_path / code)
        card = str(tmp_path / f"{code}.card")
        assert (
            run(["init", "ward", "--code", code, "--province", "01", "--data-dir", ward_dir]) == 0
        )
        assert (
            run(
                [
                    "trust",
                    "add",
                    str(tmp_path / "d.card"),
                    "--fingerprint",
                    district_fp.replace(" ", ""),
                    "--data-dir",
                    ward_dir,
                ]
            )
            == 0
        )
        assert (
            run(
                [
                    "demo-data",
                    "--sessions",
                    "30",
                    "--cases",
                    "20",
                    "--people",
                    "15",
                    "--seed",
                    seed,
                    "--data-dir",
                    ward_dir,
                ]
            )
            == 0
        )
        assert run(["keys", "export", "--out", card, "--data-dir", ward_dir]) == 0
        capsys.readouterr()
        run(["keys", "show", "--json", "--data-dir", ward_dir])
        ward_fp = json.loads(capsys.readouterr().out)["fingerprint"]
        assert (
            run(["trust", "add", card, "--fingerprint", ward_fp, "--data-dir", district_dir]) == 0
        )
        assert run(["bundle", "export", "--out", str(tmp_path), "--data-dir", ward_dir]) == 0
        bundles.append(next(tmp_path.glob(f"{code}-*.tcb")))
    capsys.readouterr()
    assert run(["bundle", "import", *map(str, bundles), "--json", "--data-dir", district_dir]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [b["status"] for b in report["bundles"]] == ["imported", "imported"]
    assert report["dry_run"] is False
    assert run(["bundle", "import", *map(str, bundles), "--json", "--data-dir", district_dir]) == 0
    again = json.loads(capsys.readouterr().out)
    assert [b["status"] for b in again["bundles"]] == ["already-imported", "already-imported"]
    run(["status", "--json", "--data-dir", district_dir])
    district_status = json.loads(capsys.readouterr().out)
    for code in ("00167", "00160"):
        run(["status", "--json", "--data-dir", str(tmp_path / code)])
        ward_status = json.loads(capsys.readouterr().out)
        assert district_status["counts"][code] == ward_status["counts"][code]
        assert district_status["last_seq"][code] == 1
