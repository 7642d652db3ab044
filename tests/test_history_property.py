"""design.md §2, over generated histories of a ward: edits, deletes, restores, exports, backups
restored (database only; database and keys), the counter file lost, keys replaced, and imports.
Whatever happens, nothing an accepted bundle carried is lost at the district: each of its
versions is the current one, superseded by a higher revision, or remembered — and when it
cannot be ordered against the current one, held in a conflict for a person to decide."""

import contextlib
import json
import shutil
from pathlib import Path

import pyrage
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.db.store import Store
from app.errors import TiepCanError
from app.services import records as svc
from app.services.setup import set_up
from app.sync.archive import Limits, read_archive
from app.sync.export import export_bundle
from app.sync.importer import import_bundles
from app.sync.keys import KeyFolder
from tests import factories as f
from tests.exchange import introduce

# Repeated entries are drawn more often: a restore only matters between edits and exports.
WHOLE = ("create", "export", "export", "export", "backup", "backup", "restore_db", "restore_all",
         "restore_all", "lose_state", "replace_key")  # fmt: skip
ACTIONS = st.one_of(
    st.tuples(st.sampled_from(("edit", "delete", "restore")), st.integers(0, 3)),
    st.tuples(st.sampled_from(WHOLE)),
)
# What the district must survive, as one move: a backup, work sent, the backup put back (with
# or without its keys folder), and work done again on the same records.
FORK = st.builds(
    lambda i, j, restore: [("backup",), ("edit", i), ("export",), (restore,), ("edit", j)],
    st.integers(0, 3),
    st.integers(0, 3),
    st.sampled_from(("restore_all", "restore_db")),
)
HISTORIES = st.lists(
    st.one_of(ACTIONS.map(lambda action: [action]), FORK), min_size=2, max_size=8
).map(lambda moves: [action for move in moves for action in move])


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    root = tmp_path_factory.mktemp("history-template")
    district = set_up(root / "district", "district", "01", name="Sở Tư pháp Hà Nội").store
    ward = set_up(root / "ward", "ward", "00167", province="01").store
    introduce(district, ward)
    for i in range(4):
        svc.create(ward, "sessions", f.session_data(attendees=i))
    ward.close()
    district.close()
    return root


class Life:
    """A ward's PC through a history, and the bundles it made."""

    def __init__(self, root, district: Store):
        self.root, self.district = root, district
        self.ward = Store.open(root / "ward")
        self.sessions = [s["uuid"] for s in svc.list_records(self.ward, "sessions")]
        self.bundles, self.saved, self.step = [], None, 0

    def do(self, action: tuple) -> None:
        self.step += 1
        getattr(self, action[0])(*action[1:])

    def edit(self, i):
        with contextlib.suppress(TiepCanError):  # a deleted record is not edited
            svc.update(self.ward, "sessions", self.sessions[i], {"attendees": 100 + self.step})

    def delete(self, i):
        svc.delete(self.ward, "sessions", self.sessions[i])

    def restore(self, i):
        svc.restore(self.ward, "sessions", self.sessions[i])

    def create(self):
        svc.create(self.ward, "sessions", f.session_data(attendees=500 + self.step))

    def export(self):
        path = self.root / f"b{self.step}.tcb"
        self.bundles.append(export_bundle(self.ward, path).path)

    def backup(self):
        self.ward.close()
        self.saved = self.root / f"backup{self.step}"
        self.saved.mkdir()
        shutil.copy(self.ward.folder.db, self.saved / "tiepcan.db")
        shutil.copytree(self.ward.folder.keys, self.saved / "keys")
        self.ward = Store.open(self.ward.folder.root)

    def _put_back(self, keys: bool):
        if self.saved is None:
            return
        folder = self.ward.folder
        self.ward.close()
        for suffix in ("", "-wal", "-shm"):
            (folder.root / f"tiepcan.db{suffix}").unlink(missing_ok=True)
        shutil.copy(self.saved / "tiepcan.db", folder.db)
        if keys:
            shutil.rmtree(folder.keys)
            shutil.copytree(self.saved / "keys", folder.keys)
        self.ward = Store.open(folder.root)

    def restore_db(self):
        self._put_back(keys=False)

    def restore_all(self):
        self._put_back(keys=True)

    def lose_state(self):
        self.ward.close()
        self.ward.folder.state_file.unlink(missing_ok=True)
        self.ward = Store.open(self.ward.folder.root)

    def replace_key(self):
        KeyFolder(self.ward.folder.keys).generate()
        introduce(self.district, self.ward, replace=True)


def _versions_in(path, district: Store) -> list[dict]:
    identity = KeyFolder(district.folder.keys).identity()
    members = read_archive(pyrage.decrypt(path.read_bytes(), [identity]), Limits())
    return [json.loads(line) for line in members["records/sessions.jsonl"].decode().splitlines()]


def _nothing_lost(district: Store, accepted: list) -> None:
    with district.read() as connection:
        current = {
            uuid: (revision, sha, bool(deleted))
            for uuid, revision, sha, deleted in connection.exec_driver_sql(
                "SELECT uuid, revision, content_sha256, deleted FROM sessions"
            )
        }
        remembered = {
            (uuid, revision, sha, bool(deleted))
            for uuid, revision, sha, deleted in connection.exec_driver_sql(
                "SELECT uuid, revision, content_sha256, deleted FROM record_versions"
            )
        }
        held = {
            (uuid, sha)
            for uuid, stored, incoming in connection.exec_driver_sql(
                "SELECT uuid, stored_sha256, incoming_sha256 FROM conflicts"
            )
            for sha in (stored, incoming)
        }
    for path in accepted:
        for line in _versions_in(path, district):
            version = (line["revision"], line["content_sha256"], line["deleted"])
            now = current[line["uuid"]]
            assert (line["uuid"], *version) in remembered
            assert now[0] >= version[0], "a higher revision was not taken"
            if now[0] == version[0] and now != version:
                # Same revision, other content: both kept until a person decides.
                assert (line["uuid"], line["content_sha256"]) in held
                assert (line["uuid"], now[1]) in held


def _run(template, tmp_path_factory, history):
    root = tmp_path_factory.mktemp("history")
    shutil.copytree(template / "ward", root / "ward")
    shutil.copytree(template / "district", root / "district")
    district = Store.open(root / "district")
    life = Life(root, district)
    try:
        for action in [*history, ("export",)]:
            life.do(action)
        outcomes = import_bundles(district, life.bundles)
        # A PC restored with its keys folder repeats seqs that the district took from its
        # other life, and they are refused (equivocation); a refused bundle's records arrive
        # with the next accepted one, so the officer exports again.
        for _ in range(len(life.bundles)):
            if outcomes[-1].status != "refused":
                break
            assert outcomes[-1].reason_code == "equivocation", outcomes[-1].reason
            life.do(("export",))
            outcomes += import_bundles(district, life.bundles[-1:])
        assert outcomes[-1].status == "imported", outcomes[-1].reason
        accepted = [Path(o.file) for o in outcomes if o.status == "imported"]
        _nothing_lost(district, accepted)
    finally:
        life.ward.close()
        district.close()


FEW = settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck))
MANY = settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck))


@FEW
@given(history=HISTORIES)
def test_nothing_an_accepted_bundle_carried_is_lost(template, tmp_path_factory, history):
    _run(template, tmp_path_factory, history)


@pytest.mark.slow
@MANY
@given(history=HISTORIES)
def test_nothing_an_accepted_bundle_carried_is_lost_thoroughly(template, tmp_path_factory, history):
    _run(template, tmp_path_factory, history)
