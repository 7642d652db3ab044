"""Attacks found in review: each refused with its reason code, the journal written, the tables
unchanged, and quickly (no work proportional to what an attacker can pile up before the
signature is checked)."""

import base64
import os
import struct
import time

import pytest

from app.canonical import canonical_bytes
from app.sync.archive import Limits, read_archive
from app.sync.errors import BundleError
from app.sync.importer import import_bundles
from tests.bundle_helpers import Pair, db_dump, journal, make_template, records_of


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return make_template(tmp_path_factory.mktemp("template"))


@pytest.fixture
def pair(template, tmp_path):
    pair = Pair.copy_of(template, tmp_path / "pair")
    yield pair
    pair.close()


def refused(pair: Pair, path, code: str) -> None:
    before = db_dump(pair.district)
    outcome = import_bundles(pair.district, [path])[0]
    assert (outcome.status, outcome.reason_code) == ("refused", code)
    assert db_dump(pair.district) == before
    assert journal(pair.district)[-1]["reason_code"] == code


def test_a_lone_surrogate_in_a_record_is_refused(pair):
    members = pair.members()
    records = records_of(members, "sessions")
    line = canonical_bytes(records[0])
    at = line.index(b'"title":"') + len(b'"title":"')
    bad = line[:at] + b"\\ud800" + line[at:] + b"\n"
    rest = b"".join(canonical_bytes(r) + b"\n" for r in records[1:])
    path = pair.reseal("surrogate.tcb", {**members, "records/sessions.jsonl": bad + rest})
    refused(pair, path, "record")


def directory_bomb(claimed_entries: int) -> bytes:
    """A ZIP whose central directory holds 300,000 tiny entries while its end record claims
    `claimed_entries` (0xFFFF: "many"; 7: what a bundle has)."""
    name = b"a"
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 0, 0, 0, 0, 0, 0, len(name), 0) + name
    entry = (
        struct.pack(
            "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0
        )
        + b"x"
    )
    directory = entry * 300_000
    end = struct.pack(
        "<IHHHHIIH",
        0x06054B50,
        0,
        0,
        claimed_entries,
        claimed_entries,
        len(directory),
        len(local),
        0,
    )
    return local + directory + end


@pytest.mark.parametrize("claimed_entries", [0xFFFF, 7])
def test_a_zip_directory_of_many_entries_is_refused_at_once(claimed_entries):
    """zipfile walks a directory by its size, whatever the end record's counts say."""
    archive = directory_bomb(claimed_entries)
    started = time.perf_counter()
    with pytest.raises(BundleError) as caught:
        read_archive(archive, Limits())
    assert caught.value.reason_code == "zip"
    assert time.perf_counter() - started < 1


def test_an_age_header_with_thousands_of_recipients_is_refused_at_once(pair):
    def b64(data: bytes) -> str:
        return base64.b64encode(data).decode().rstrip("=")

    lines = ["age-encryption.org/v1"]
    for _ in range(5_000):
        lines += [f"-> X25519 {b64(os.urandom(32))}", b64(os.urandom(32))]
    lines.append(f"--- {b64(os.urandom(32))}")
    path = pair.write("stanzas.tcb", ("\n".join(lines) + "\n").encode() + os.urandom(1024))
    started = time.perf_counter()
    refused(pair, path, "decrypt")
    assert time.perf_counter() - started < 2
