"""Receipts (design.md §4): the district proves what arrived; the ward checks the receipt with the
district's key and raises its counters past it, so a restored PC never repeats a seq."""

import json
import shutil
import subprocess
import zipfile

import pytest

from app.cli.main import run
from app.db.store import Store
from app.errors import TiepCanError
from app.services import records as svc
from app.services.setup import set_up
from app.sync.archive import write_archive
from app.sync.export import export_bundle
from app.sync.importer import import_bundles
from app.sync.keys import KeyFolder
from app.sync.receipts import load_receipt, trusted_comment, write_receipts
from app.sync.trust import show_keys, trust_list
from tests import factories as f
from tests.exchange import introduce


@pytest.fixture
def pair(district, ward):
    introduce(district, ward)
    return district, ward


def _send(district, ward, path):
    return import_bundles(district, [export_bundle(ward, path).path])[0]


def test_the_ward_loads_the_districts_receipt_and_its_counters_rise(pair, tmp_path, capsys):
    district, ward = pair
    svc.create(ward, "sessions", f.session_data())
    _send(district, ward, tmp_path / "1.tcb")
    (tmp_path / "usb").mkdir()
    assert run(["bundle", "receipts", "--out", str(tmp_path / "usb"),
                "--data-dir", str(district.folder.root)]) == 0  # fmt: skip
    receipt = tmp_path / "usb" / "00167-1.tcr"
    assert receipt.is_file()
    capsys.readouterr()
    assert run(["receipt", "load", str(receipt), "--data-dir", str(ward.folder.root)]) == 0
    said = capsys.readouterr()
    assert "1" in said.out and said.err == ""
    with zipfile.ZipFile(receipt) as archive:
        content = json.loads(archive.read("receipt.json"))
    assert content["seq"] == 1 and content["ward"] == "00167" and content["district"] == "01"
    assert content["key_id"] == show_keys(ward)["key_id"]
    assert content["max_revision"] == ward.counters.load()["revision"]
    assert content["counts"]["sessions"]["new"] == 1


def test_a_restored_pc_that_loads_the_receipt_never_repeats_a_seq(pair, tmp_path):
    """Database and keys folder restored from before bundle 2: without the receipt its next
    bundle would reuse seq 2 and be refused as equivocation."""
    district, ward = pair
    session = svc.create(ward, "sessions", f.session_data())
    _send(district, ward, tmp_path / "1.tcb")
    ward.close()
    backup = tmp_path / "backup"
    backup.mkdir()
    shutil.copy(ward.folder.db, backup / "tiepcan.db")
    shutil.copytree(ward.folder.keys, backup / "keys")
    ward = Store.open(ward.folder.root)
    svc.update(ward, "sessions", session["uuid"], {"attendees": 99})
    assert _send(district, ward, tmp_path / "2.tcb").status == "imported"
    [receipt] = write_receipts(district, tmp_path)
    ward.close()
    for suffix in ("", "-wal", "-shm"):
        (ward.folder.root / f"tiepcan.db{suffix}").unlink(missing_ok=True)
    shutil.copy(backup / "tiepcan.db", ward.folder.db)
    shutil.rmtree(ward.folder.keys)
    shutil.copytree(backup / "keys", ward.folder.keys)
    restored = Store.open(ward.folder.root)
    try:
        loaded = load_receipt(restored, receipt)
        assert loaded["forked"] is True  # bundle 2 is not in the restored export log
        edit = svc.update(restored, "sessions", session["uuid"], {"attendees": 55})
        assert edit["revision"] > loaded["max_revision"]
        third = _send(district, restored, tmp_path / "3.tcb")
    finally:
        restored.close()
    assert third.status == "imported" and third.seq == 3 and third.warnings == []
    held = svc.get(district, "sessions", session["uuid"], ward_code="00167")
    assert held["data"]["attendees"] == 55  # a higher revision: nothing for a person to decide
    assert trust_list(district)["wards"][0]["last_seq"] == 3


def test_stock_minisign_verifies_a_receipt(pair, tmp_path):
    if not (shutil.which("minisign") and shutil.which("unzip")):
        pytest.skip("needs minisign and unzip")
    district, ward = pair
    svc.create(ward, "sessions", f.session_data())
    _send(district, ward, tmp_path / "1.tcb")
    [receipt] = write_receipts(district, tmp_path)
    work = tmp_path / "open"
    subprocess.run(["unzip", "-q", str(receipt), "-d", str(work)], check=True)
    keys = KeyFolder(district.folder.keys).public()
    pub = tmp_path / "district.pub"
    pub.write_text(
        f"untrusted comment: minisign public key {keys.key_id}\n{keys.minisign_public}\n"
    )
    checked = subprocess.run(
        ["minisign", "-V", "-p", str(pub), "-m", str(work / "receipt.json")],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert trusted_comment("00167", 1) in checked.stdout


def _resigned(tmp_path, receipt, edit, secret) -> "object":
    with zipfile.ZipFile(receipt) as archive:
        content = json.loads(archive.read("receipt.json"))
    edit(content)
    # Canonical in form, whatever the values (canonical_bytes refuses unsafe integers).
    document = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    document = document.encode("utf-8")
    comment = trusted_comment(content["ward"], content["seq"])
    signature = bytes(secret.sign(document, prehash=True, trusted_comment=comment)) + b"\n"
    path = tmp_path / "forged.tcr"
    path.write_bytes(write_archive({"receipt.json": document, "receipt.json.minisig": signature}))
    return path


def test_a_receipt_is_refused_unless_the_trusted_district_signed_it_for_this_ward(pair, tmp_path):
    district, ward = pair
    svc.create(ward, "sessions", f.session_data())
    _send(district, ward, tmp_path / "1.tcb")
    [receipt] = write_receipts(district, tmp_path)
    before = ward.counters.load()
    district_key = KeyFolder(district.folder.keys).secret_key()
    other = set_up(tmp_path / "other", "district", "01", name="Another office").store
    try:
        other_key = KeyFolder(other.folder.keys).secret_key()
    finally:
        other.close()

    def tampered(content):
        content["max_revision"] = 10**6

    def for_another_ward(content):
        content["ward"] = "00160"

    def out_of_range(content):
        content["seq"] = 2**53

    cases = [
        _resigned(tmp_path, receipt, tampered, other_key),  # not the trusted district's key
        _resigned(tmp_path, receipt, for_another_ward, district_key),
        _resigned(tmp_path, receipt, out_of_range, district_key),
    ]
    raw = bytearray(receipt.read_bytes())
    raw[len(raw) // 2] ^= 0xFF
    (tmp_path / "damaged.tcr").write_bytes(bytes(raw))
    for path in [*cases, tmp_path / "damaged.tcr"]:
        with pytest.raises(TiepCanError):
            load_receipt(ward, path)
    assert ward.counters.load() == before
    with ward.read() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM receipts").scalar() == 0


def test_a_receipt_with_odd_counts_is_refused_and_a_higher_revision_raises_the_counter(
    pair, tmp_path
):
    district, ward = pair
    svc.create(ward, "sessions", f.session_data())
    _send(district, ward, tmp_path / "1.tcb")
    [receipt] = write_receipts(district, tmp_path)
    key = KeyFolder(district.folder.keys).secret_key()

    def odd_counts(content):
        content["counts"] = {"sessions": {"new": "x"}}

    with pytest.raises(TiepCanError):
        load_receipt(ward, _resigned(tmp_path, receipt, odd_counts, key))
    load_receipt(ward, receipt)

    def higher(content):
        content["max_revision"] = 500

    load_receipt(ward, _resigned(tmp_path, receipt, higher, key))
    assert ward.counters.load()["revision"] >= 500
