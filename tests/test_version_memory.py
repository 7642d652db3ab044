"""The district's memory of versions (design.md §2): a ward that restores a backup and keeps
working never loses an edit at the district; what it sends again is stale, with one warning."""

import shutil

import pytest

from app.db.store import Store
from app.services import records as svc
from app.sync.export import export_bundle
from app.sync.importer import import_bundles
from tests import factories as f
from tests.exchange import introduce, new_pc_from_backup, table_rows


@pytest.fixture
def pair(district, ward):
    introduce(district, ward)
    return district, ward


def _send(district, ward, path):
    return import_bundles(district, [export_bundle(ward, path).path])[0]


def _snapshot(store: Store, folder):
    """A copy of the database (and, with it, whatever else the officer copies)."""
    folder.mkdir()
    store.close()
    shutil.copy(store.folder.db, folder / "tiepcan.db")
    shutil.copytree(store.folder.keys, folder / "keys")


def _restore(store: Store, folder, *, keys: bool) -> Store:
    root = store.folder.root
    for suffix in ("", "-wal", "-shm"):
        (root / f"tiepcan.db{suffix}").unlink(missing_ok=True)
    shutil.copy(folder / "tiepcan.db", root / "tiepcan.db")
    if keys:
        shutil.rmtree(root / "keys")
        shutil.copytree(folder / "keys", root / "keys")
    return Store.open(root)


def test_edits_after_restoring_database_and_keys_become_conflicts_not_losses(pair, tmp_path):
    district, ward = pair
    sessions = [svc.create(ward, "sessions", f.session_data(attendees=10 + i)) for i in range(3)]
    assert _send(district, ward, tmp_path / "1.tcb").status == "imported"
    _snapshot(ward, tmp_path / "backup")
    ward = Store.open(ward.folder.root)
    for session in sessions:
        svc.update(ward, "sessions", session["uuid"], {"attendees": 200})
    assert _send(district, ward, tmp_path / "2.tcb").counts["sessions"]["updated"] == 3
    # The PC breaks; the officer restores last week's database and keys folder, and works on.
    ward = _restore(ward, tmp_path / "backup", keys=True)
    try:
        for session in sessions:
            svc.update(ward, "sessions", session["uuid"], {"attendees": 77})
        # Its counters came back with the backup: the first bundle repeats a seq, and is refused.
        first = _send(district, ward, tmp_path / "3.tcb")
        assert first.status == "refused" and first.reason_code == "equivocation"
        second = _send(district, ward, tmp_path / "4.tcb")
    finally:
        ward.close()
    assert second.status == "imported"
    # Same revisions, other contents: never "unchanged", each kept for a person to decide.
    assert second.counts["sessions"]["conflict"] == 3
    assert second.counts["sessions"]["unchanged"] == 0
    rows = table_rows(district, "00167")
    assert [row[4] for row in rows["conflicts"]] == ["open"] * 3
    for session in sessions:
        held = svc.get(district, "sessions", session["uuid"], ward_code="00167")
        assert held["data"]["attendees"] == 200  # the stored version stays current meanwhile


def test_a_restored_database_sends_stale_versions_and_is_warned_once(pair, tmp_path):
    district, ward = pair
    session = svc.create(ward, "sessions", f.session_data())
    _send(district, ward, tmp_path / "1.tcb")
    _snapshot(ward, tmp_path / "backup")
    ward = Store.open(ward.folder.root)
    svc.update(ward, "sessions", session["uuid"], {"attendees": 150})
    later = svc.create(ward, "sessions", f.session_data(title="Tọa đàm Luật Hòa giải"))
    _send(district, ward, tmp_path / "2.tcb")
    # Only the database is restored: the keys folder (and its counters) survived.
    ward = _restore(ward, tmp_path / "backup", keys=False)
    try:
        third = _send(district, ward, tmp_path / "3.tcb")
        fourth = _send(district, ward, tmp_path / "4.tcb")
    finally:
        ward.close()
    assert third.status == "imported"
    assert third.counts["sessions"]["stale"] == 1 and third.counts["sessions"]["conflict"] == 0
    assert "rollback" in third.warnings and "missing" in third.warnings
    assert third.missing == [{"kind": "sessions", "uuid": later["uuid"]}]
    assert "rollback" not in fourth.warnings  # the same stale version warns once
    assert fourth.counts["sessions"]["stale"] == 1
    held = svc.get(district, "sessions", session["uuid"], ward_code="00167")
    assert held["data"]["attendees"] == 150  # nothing older replaced the newer version


def test_counts_partition_the_bundle(pair, tmp_path):
    district, ward = pair
    kept = svc.create(ward, "sessions", f.session_data())
    edited = svc.create(ward, "sessions", f.session_data(attendees=5))
    gone = svc.create(ward, "sessions", f.session_data(attendees=6))
    _send(district, ward, tmp_path / "1.tcb")
    svc.update(ward, "sessions", edited["uuid"], {"attendees": 50})
    svc.delete(ward, "sessions", gone["uuid"])
    never = svc.create(ward, "sessions", f.session_data(attendees=7))
    svc.delete(ward, "sessions", never["uuid"])
    outcome = _send(district, ward, tmp_path / "2.tcb")
    assert outcome.counts["sessions"] == {
        "new": 1,  # a tombstone of a record never stored is new
        "updated": 1,
        "deleted": 1,
        "unchanged": 1,
        "stale": 0,
        "conflict": 0,
    }
    assert sum(outcome.counts["sessions"].values()) == outcome.records["sessions"]
    assert kept["uuid"] not in {item["uuid"] for item in outcome.missing}


def test_a_replaced_keys_late_last_bundle_is_imported_not_refused(pair, tmp_path):
    """Acceptance is per key (design.md §3): the old PC's last bundle, carried in after the new
    PC's first, still arrives; its versions meet the version memory like any others."""
    district, ward = pair
    session = svc.create(ward, "sessions", f.session_data())
    _send(district, ward, tmp_path / "1.tcb")
    svc.update(ward, "sessions", session["uuid"], {"attendees": 120})
    late = export_bundle(ward, tmp_path / "late.tcb").path  # seq 2, left on the old PC's stick
    _snapshot(ward, tmp_path / "copy")
    # A new PC from the same database, with new keys, registered with --replace.
    replacement = new_pc_from_backup(district, tmp_path / "copy" / "tiepcan.db", tmp_path / "pc")
    try:
        assert _send(district, replacement, tmp_path / "new-1.tcb").status == "imported"
    finally:
        replacement.close()
    [outcome] = import_bundles(district, [late])
    assert outcome.status == "imported", outcome.reason
    assert outcome.generation == 1 and outcome.seq == 2
    assert outcome.counts["sessions"]["unchanged"] == 1  # the new PC had already sent this edit
    [again] = import_bundles(district, [late])
    assert again.status == "already-imported"


def test_a_forked_tombstone_is_a_conflict_of_its_own(pair, tmp_path):
    """A delete keeps the content hash: the fork's tombstone is another version than its edit,
    and is held as a conflict of its own (not dropped as the pair already decided)."""
    from app.sync.conflicts import list_conflicts, resolve_conflict

    district, ward = pair
    session = svc.create(ward, "sessions", f.session_data(attendees=10))
    _snapshot(ward, tmp_path / "backup")
    ward = Store.open(ward.folder.root)
    for attendees in range(11, 15):
        svc.update(ward, "sessions", session["uuid"], {"attendees": attendees})
    _send(district, ward, tmp_path / "1.tcb")
    ward.close()
    pc = new_pc_from_backup(district, tmp_path / "backup" / "tiepcan.db", tmp_path / "pc")
    try:
        svc.update(pc, "sessions", session["uuid"], {"attendees": 70})
        assert _send(district, pc, tmp_path / "2.tcb").counts["sessions"]["conflict"] == 1
        [first] = list_conflicts(district)
        resolve_conflict(district, first["id"], "stored", "Số liệu của phường đúng")
        svc.delete(pc, "sessions", session["uuid"])
        third = _send(district, pc, tmp_path / "3.tcb")
    finally:
        pc.close()
    assert third.counts["sessions"]["conflict"] == 1
    opened = [c for c in list_conflicts(district) if c["status"] == "open"]
    assert len(opened) == 1 and opened[0]["incoming"]["deleted"] is True
