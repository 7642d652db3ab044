"""The installation's counters on every opening (design.md §2): raised to the floors the database
gives, never lowered; a damaged keys/state.json is rebuilt from them, and the user told."""

import json

import pytest

from app.db.store import Store
from app.services import records as svc
from app.services.maintenance import open_installation
from app.sync.export import export_bundle
from app.sync.importer import import_bundles
from tests import factories as f
from tests.exchange import introduce


@pytest.fixture
def sent(district, ward, tmp_path):
    """A ward that made three records and sent two bundles."""
    introduce(district, ward)
    for i in range(3):
        svc.create(ward, "sessions", f.session_data(attendees=i))
    for name in ("1.tcb", "2.tcb"):
        assert import_bundles(district, [export_bundle(ward, tmp_path / name).path])[0].status == (
            "imported"
        )
    state = ward.counters.load()
    ward.close()
    return district, ward.folder, state


DAMAGED = ["null", "[]", '"x"', "{}", '{"revision": -100, "seq": 2}', '{"revision": 1.5e300}',
           '{"revision": true, "seq": 1, "last_manifest_sha256": ""}', "{not json", "\x00\x01"]  # fmt: skip


@pytest.mark.parametrize("content", DAMAGED)
def test_a_damaged_counter_file_is_rebuilt_from_the_database(sent, content, tmp_path):
    district, folder, before = sent
    folder.state_file.write_text(content, encoding="utf-8")
    store = open_installation(folder.root)
    try:
        assert len(store.notices) == 1  # told in one line
        state = store.counters.load()
        assert state["revision"] >= before["revision"] and state["seq"] == before["seq"]
        assert state["last_manifest_sha256"] == before["last_manifest_sha256"]
        # Work goes on: a new edit takes a new revision, the next bundle the next seq.
        session = svc.create(store, "sessions", f.session_data())
        assert session["revision"] > before["revision"]
        outcome = import_bundles(district, [export_bundle(store, tmp_path / "3.tcb").path])[0]
    finally:
        store.close()
    assert outcome.status == "imported" and outcome.seq == 3 and outcome.warnings == []


def test_a_deleted_counter_file_continues_from_the_export_log(sent, tmp_path):
    district, folder, _before = sent
    folder.state_file.unlink()
    store = Store.open(folder.root)
    try:
        assert store.notices == []  # a missing file is a new PC, not damage
        outcome = import_bundles(district, [export_bundle(store, tmp_path / "3.tcb").path])[0]
    finally:
        store.close()
    assert outcome.status == "imported" and outcome.seq == 3


def test_counters_are_raised_never_lowered(sent):
    _district, folder, before = sent
    higher = {**before, "revision": before["revision"] + 50, "seq": before["seq"] + 5}
    folder.state_file.write_text(json.dumps(higher), encoding="utf-8")
    Store.open(folder.root).close()
    assert json.loads(folder.state_file.read_text(encoding="utf-8")) == higher
