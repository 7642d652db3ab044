"""Undo of a ward's last import (design.md §4): everything as before it; then the bundle imports
again exactly as the first time."""

import shutil
import sqlite3

import pytest

from app.cli.main import run
from app.db.store import Store
from app.errors import TiepCanError
from app.services import records as svc
from app.services.preferences import put_settings
from app.sync.conflicts import list_conflicts, resolve_conflict
from app.sync.export import export_bundle
from app.sync.importer import import_bundles
from app.sync.outgoing import WITHHOLD_SETTING
from app.sync.undo import undo_last_import
from tests import factories as f
from tests.exchange import introduce, new_pc_from_backup, session_in_conflict

# What the district holds, without the columns an import stamps with its own time.
QUERIES = {
    table: f"SELECT * FROM {table} ORDER BY id"
    for table in (
        "people",
        "teams",
        "trainings",
        "sessions",
        "cases",
        "case_parties",
        "case_mediators",
        "session_presenters",
        "team_members",
        "person_roles",
    )
} | {
    "versions": "SELECT ward_code, kind, uuid, revision, content_sha256, deleted, "
    "accepted_bundle_id, rollback_warned FROM record_versions ORDER BY ward_code, kind, uuid, "
    "revision, content_sha256",
    "conflicts": "SELECT ward_code, kind, uuid, stored_sha256, incoming_sha256, incoming_record, "
    "status FROM conflicts ORDER BY ward_code, kind, uuid, incoming_sha256",
    "accepted": "SELECT ward_code, generation, seq, manifest_sha256 FROM accepted_bundles "
    "ORDER BY id",
    "search": "SELECT rowid, text FROM search_cases UNION ALL SELECT rowid, text FROM "
    "search_sessions ORDER BY 1, 2",
}


def held(store: Store) -> dict:
    connection = sqlite3.connect(f"file:{store.folder.db}?mode=ro", uri=True)
    try:
        return {name: connection.execute(sql).fetchall() for name, sql in QUERIES.items()}
    finally:
        connection.close()


@pytest.fixture
def pair(district, ward):
    introduce(district, ward)
    return district, ward


@pytest.mark.sqlite_only  # compares the district file read directly, search rowids included
def test_undo_puts_everything_back_and_the_bundle_imports_again_the_same(pair, tmp_path):
    district, ward = pair
    member = f.person(ward)
    team = f.team(ward, [member["uuid"]])
    sessions = [svc.create(ward, "sessions", f.session_data(attendees=i)) for i in range(3)]
    svc.create(ward, "cases", f.case_data(team=team["uuid"], mediators=[member["uuid"]]))
    import_bundles(district, [export_bundle(ward, tmp_path / "1.tcb").path])
    svc.update(ward, "sessions", sessions[0]["uuid"], {"attendees": 300})
    svc.delete(ward, "sessions", sessions[1]["uuid"])
    svc.create(ward, "sessions", f.session_data(title="Tọa đàm pháp luật"))
    # The names other records' search text holds change too: undo must put back the old ones.
    svc.update(ward, "people", member["uuid"], {"full_name": "Lê Thị Bình", "gender": "female"})
    svc.update(ward, "teams", team["uuid"], {"name": "Tổ hòa giải số 9"})
    put_settings(ward, {WITHHOLD_SETTING: True})  # every case travels with new text
    second = export_bundle(ward, tmp_path / "2.tcb").path
    before = held(district)
    [first_time] = import_bundles(district, [second])
    after = held(district)
    assert after != before
    assert undo_last_import(district, "00167")["seq"] == 2
    assert held(district) == before
    [again] = import_bundles(district, [second])
    assert again.status == "imported" and again.counts == first_time.counts
    assert held(district) == after


def test_a_second_undo_or_nothing_to_undo_is_refused_in_one_line(pair, tmp_path, capsys):
    district, ward = pair
    args = ["bundle", "undo", "00167", "--data-dir", str(district.folder.root)]
    capsys.readouterr()
    assert run(args) == 1  # nothing imported yet
    svc.create(ward, "sessions", f.session_data())
    import_bundles(district, [export_bundle(ward, tmp_path / "1.tcb").path])
    svc.create(ward, "sessions", f.session_data())
    import_bundles(district, [export_bundle(ward, tmp_path / "2.tcb").path])
    assert run(args) == 0
    capsys.readouterr()
    assert run(args) == 1  # only the last import can be undone
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
    with district.read() as connection:
        seqs = connection.exec_driver_sql("SELECT seq FROM accepted_bundles").scalars().all()
    assert seqs == [1]


def test_an_import_whose_conflict_was_resolved_cannot_be_undone(pair, tmp_path):
    district, ward = pair
    uuid = session_in_conflict(district, ward, tmp_path)
    [conflict] = list_conflicts(district)
    resolve_conflict(district, conflict["id"], "incoming", "Đã xác minh với phường")
    with pytest.raises(TiepCanError):
        undo_last_import(district, "00167")
    assert svc.get(district, "sessions", uuid, ward_code="00167")["data"]["attendees"] == 70


def test_an_import_is_not_undone_over_a_later_decision_on_a_record_it_changed(pair, tmp_path):
    """The ward's next bundle only renews the stored side of an open conflict (its texts are
    now withheld); a person then takes the incoming version: undo would silently reverse that."""
    district, ward = pair
    case = svc.create(ward, "cases", f.case_data(title="Tranh chấp lối đi"))
    ward.close()
    backup = tmp_path / "backup.db"
    shutil.copy(ward.folder.db, backup)
    ward = Store.open(ward.folder.root)
    svc.update(ward, "cases", case["uuid"], {"title": "Tranh chấp lối đi chung"})
    import_bundles(district, [export_bundle(ward, tmp_path / "1.tcb").path])
    pc = new_pc_from_backup(district, backup, tmp_path / "new-pc")
    try:
        svc.update(pc, "cases", case["uuid"], {"title": "Tranh chấp ranh giới đất"})
        import_bundles(district, [export_bundle(pc, tmp_path / "2.tcb").path])
    finally:
        pc.close()
    put_settings(ward, {WITHHOLD_SETTING: True})
    import_bundles(district, [export_bundle(ward, tmp_path / "3.tcb").path])
    [conflict] = list_conflicts(district)
    resolve_conflict(district, conflict["id"], "incoming", "Đã xác minh với phường")
    with pytest.raises(TiepCanError):
        undo_last_import(district, "00167")
    assert svc.get(district, "cases", case["uuid"], ward_code="00167")["data"]["title"] == (
        "Tranh chấp ranh giới đất"
    )
