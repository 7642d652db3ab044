"""Design.md §2: importing any set of bundles of one key generation, in any order, any number of
times, leaves the same records, tombstones and conflicts."""

import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.db.store import Store
from app.services import records as svc
from app.services.setup import set_up
from app.sync.export import export_bundle
from app.sync.importer import import_bundles
from app.sync.trust import export_card, show_keys, trust_card
from tests import factories as f
from tests.exchange import introduce, table_rows


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    """A ward's life in four bundles (creations, edits, a delete and a restore between them),
    and an empty district that has registered the ward's key."""
    root = tmp_path_factory.mktemp("history")
    district = set_up(root / "district", "district", "01", name="Sở Tư pháp Hà Nội").store
    ward = set_up(root / "ward", "ward", "00167", province="01").store
    introduce(district, ward)
    people = [f.person(ward, name) for name in ("Nguyễn Văn Đức", "Lê Văn An", "Trần Văn Bình")]
    sessions = [svc.create(ward, "sessions", f.session_data(attendees=40 + i)) for i in range(4)]
    bundles = [export_bundle(ward, root / "1.tcb").path]
    svc.update(ward, "sessions", sessions[0]["uuid"], {"attendees": 99})
    svc.delete(ward, "sessions", sessions[1]["uuid"])
    svc.create(ward, "cases", f.case_data(mediators=[people[0]["uuid"]]))
    bundles.append(export_bundle(ward, root / "2.tcb").path)
    svc.restore(ward, "sessions", sessions[1]["uuid"])
    svc.update(ward, "people", people[2]["uuid"], {"birth_year": 1980})
    bundles.append(export_bundle(ward, root / "3.tcb").path)
    svc.delete(ward, "people", people[1]["uuid"])
    bundles.append(export_bundle(ward, root / "4.tcb").path)
    ward.close()
    district.close()
    return root, bundles


def _import_in_order(root, bundles, order, target):
    shutil.copytree(root / "district", target)
    store = Store.open(target)
    try:
        for index in order:
            import_bundles(store, [bundles[index]])
        return table_rows(store, "00167")
    finally:
        store.close()


def _property(history, tmp_path_factory, order):
    root, bundles = history
    used = sorted(set(order))
    reference = _import_in_order(root, bundles, used, tmp_path_factory.mktemp("ref") / "d")
    shuffled = _import_in_order(root, bundles, order, tmp_path_factory.mktemp("any") / "d")
    # Any order and repetition ends where the in-order import of the same set ends — except that
    # an older bundle after a newer one is refused as a replay, which loses nothing: each bundle
    # is a full snapshot, so the newest one carries every record's newest version.
    newest = max(used)
    assert shuffled == _import_in_order(
        root, bundles, [newest], tmp_path_factory.mktemp("one") / "d"
    )
    assert reference == shuffled


orders = st.lists(st.integers(min_value=0, max_value=3), min_size=1, max_size=7)


@given(order=orders)
@settings(max_examples=10, deadline=None)
def test_any_order_any_repetition_same_result(history, tmp_path_factory, order):
    _property(history, tmp_path_factory, order)


@pytest.mark.slow
@given(order=orders)
@settings(max_examples=100, deadline=None)
def test_any_order_any_repetition_same_result_thoroughly(history, tmp_path_factory, order):
    _property(history, tmp_path_factory, order)


def test_a_second_ward_cannot_overwrite_the_first(history, tmp_path):
    """Records are keyed by (ward, uuid): the same uuid from another ward is another record."""
    root, bundles = history
    shutil.copytree(root / "district", tmp_path / "d")
    district = Store.open(tmp_path / "d")
    other = set_up(tmp_path / "w2", "ward", "00160", province="01").store
    trust_card(district, export_card(other), show_keys(other)["fingerprint"])
    trust_card(other, export_card(district), show_keys(district)["fingerprint"])
    import_bundles(district, [bundles[3]])
    before = table_rows(district, "00167")
    svc.create(other, "sessions", f.session_data())
    import_bundles(district, [export_bundle(other, tmp_path / "o.tcb").path])
    assert table_rows(district, "00167") == before
    other.close()
    district.close()
