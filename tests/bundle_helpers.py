"""Taking a good bundle apart and putting hostile ones together (tests/test_bundle_hostile.py).

A `Pair` is a ward and a district that trust each other, with one good bundle exported. The
ward is one of its own bundles' recipients, so its age identity opens them; its minisign key
re-signs a forged manifest, so a test can make *only* the part it means to break wrong."""

import copy
import hashlib
import io
import json
import shutil
import sqlite3
import struct
import warnings
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import pyrage

from app.canonical import canonical_bytes
from app.db.store import Store
from app.services import records as svc
from app.services.setup import set_up
from app.sync.archive import Limits, read_archive, write_archive
from app.sync.export import export_bundle
from app.sync.keys import KeyFolder
from app.sync.manifest import trusted_comment
from app.sync.trust import export_card, show_keys, trust_card
from tests import factories as f

WARD = "00167"
DISTRICT = "01"


# -- setting up ------------------------------------------------------------------------------


def exchange_cards(district: Store, ward: Store) -> None:
    """Both sides register the other's card with the right fingerprint, as by phone."""
    trust_card(district, export_card(ward), show_keys(ward)["fingerprint"])
    trust_card(ward, export_card(district), show_keys(district)["fingerprint"])


def fill_ward(ward: Store) -> None:
    """A few records of every kind, children included (a case with a named party)."""
    mediator = f.person(ward)
    member = f.person(ward, "Trần Thị Dung", "female")
    team = f.team(ward, [mediator["uuid"], member["uuid"]])
    svc.create(ward, "sessions", f.session_data(presenters=[member["uuid"]]))
    svc.create(ward, "cases", f.case_data(team=team["uuid"], mediators=[mediator["uuid"]]))
    svc.create(ward, "trainings", f.training_data([mediator["uuid"]]))


def make_template(root: Path) -> Path:
    """`root/ward`, `root/district` and `root/good.tcb` (seq 1); the stores are left closed, so
    the folders can be copied for each test."""
    district = set_up(root / "district", "district", DISTRICT, name="Sở Tư pháp Hà Nội").store
    ward = set_up(root / "ward", "ward", WARD, province=DISTRICT, officer="Nguyễn Thị Hà").store
    try:
        exchange_cards(district, ward)
        fill_ward(ward)
        export_bundle(ward, root / "good.tcb")
    finally:
        ward.close()
        district.close()
    return root


@dataclass
class Pair:
    ward: Store
    district: Store
    good: Path  # the ward's first bundle (seq 1), never imported yet
    folder: Path  # where hostile files are written

    @classmethod
    def copy_of(cls, template: Path, folder: Path) -> "Pair":
        shutil.copytree(template / "ward", folder / "ward")
        shutil.copytree(template / "district", folder / "district")
        shutil.copy(template / "good.tcb", folder / "good.tcb")
        return cls(
            Store.open(folder / "ward"),
            Store.open(folder / "district"),
            folder / "good.tcb",
            folder,
        )

    def close(self) -> None:
        self.ward.close()
        self.district.close()

    # -- files -------------------------------------------------------------------------------

    def write(self, name: str, data: bytes) -> Path:
        path = self.folder / name
        path.write_bytes(data)
        return path

    @property
    def ward_keys(self) -> KeyFolder:
        return KeyFolder(self.ward.folder.keys)

    def members(self, path: Path | None = None) -> dict[str, bytes]:
        """The members of a bundle (the good one by default), opened with the ward's own key."""
        return read_archive(self.decrypt((path or self.good).read_bytes()), Limits())

    def decrypt(self, data: bytes) -> bytes:
        return pyrage.decrypt(data, [self.ward_keys.identity()])

    def seal(self, name: str, archive: bytes) -> Path:
        """Encrypt an archive to the district (and to the ward, as export does) into a file."""
        district = KeyFolder(self.district.folder.keys).public().age_recipient
        recipients = [
            pyrage.x25519.Recipient.from_str(district),
            self.ward_keys.identity().to_public(),
        ]
        return self.write(name, pyrage.encrypt(archive, recipients))

    def reseal(
        self,
        name: str,
        members: dict[str, bytes],
        edit=None,
        *,
        comment: str | None = None,
        secret_key=None,
    ) -> Path:
        """A bundle of these members with a manifest fixed up to match them (sizes, hashes,
        counts), then `edit(manifest)` applied — it changes the dict in place or returns the
        manifest's bytes — and signed validly (the ward's key, the matching trusted comment)
        unless told otherwise."""
        members = dict(members)
        manifest = json.loads(members["manifest.json"])
        manifest["members"] = [member_entry(n, members[n]) for n in _record_names(manifest)]
        original = copy.deepcopy(manifest)
        edited = edit(manifest) if edit else None
        manifest_bytes = edited if isinstance(edited, bytes) else canonical_bytes(manifest)
        members["manifest.json"] = manifest_bytes
        if comment is None:
            comment = comment_for(manifest, original)
        members["manifest.json.minisig"] = sign(
            manifest_bytes, comment, secret_key or self.ward_keys.secret_key()
        )
        return self.seal(name, write_archive(members))


def _record_names(manifest: dict) -> list[str]:
    return [entry["name"] for entry in manifest["members"]]


def member_entry(name: str, content: bytes) -> dict:
    return {
        "name": name,
        "size": len(content),
        "sha256": hashlib.sha256(content).hexdigest(),
        "records": content.count(b"\n"),
    }


def comment_for(manifest: dict, fallback: dict) -> str:
    """The trusted comment that matches the manifest, as far as it still has the fields."""
    try:
        return trusted_comment(manifest["ward"]["code"], manifest["seq"], manifest["bundle_id"])
    except (KeyError, TypeError):
        return trusted_comment(fallback["ward"]["code"], fallback["seq"], fallback["bundle_id"])


def sign(data: bytes, comment: str, secret_key) -> bytes:
    """A minisign signature file, prehashed, as `minisign -S` writes it."""
    return bytes(secret_key.sign(data, prehash=True, trusted_comment=comment)) + b"\n"


# -- records ---------------------------------------------------------------------------------


def records_of(members: dict[str, bytes], kind: str) -> list[dict]:
    return [json.loads(line) for line in members[f"records/{kind}.jsonl"].splitlines()]


def with_records(members: dict[str, bytes], kind: str, records: list[dict]) -> dict[str, bytes]:
    lines = b"".join(canonical_bytes(record) + b"\n" for record in records)
    return {**members, f"records/{kind}.jsonl": lines}


def edit_first_record(members: dict[str, bytes], kind: str, edit) -> dict[str, bytes]:
    """The members with `edit(record)` applied to the first record of a kind."""
    records = records_of(members, kind)
    edit(records[0])
    return with_records(members, kind, records)


# -- archives --------------------------------------------------------------------------------


def zip_entries(entries: list[tuple[str, bytes]]) -> bytes:
    """An archive of exactly these (name, data) entries, duplicates and odd names included —
    what `write_archive` will not make."""
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about duplicate names
        with zipfile.ZipFile(buffer, "w") as archive:
            for name, data in entries:
                info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, data)
    return buffer.getvalue()


def declare_size(archive: bytes, name: str, size: int, crc: int) -> bytes:
    """The archive with one member's uncompressed size and CRC rewritten in both its local and
    its central header (the compressed data left as it is)."""
    data = bytearray(archive)
    info = zipfile.ZipFile(io.BytesIO(archive)).getinfo(name)
    struct.pack_into("<I", data, info.header_offset + 14, crc)
    struct.pack_into("<I", data, info.header_offset + 22, size)
    entry = _central_entry(data, name)
    struct.pack_into("<I", data, entry + 16, crc)
    struct.pack_into("<I", data, entry + 24, size)
    return bytes(data)


def patch_local_name(archive: bytes, name: str, new_name: bytes) -> bytes:
    """The archive with one member's name rewritten (same length) in its local header only."""
    assert len(new_name) == len(name.encode())
    data = bytearray(archive)
    info = zipfile.ZipFile(io.BytesIO(archive)).getinfo(name)
    start = info.header_offset + 30
    data[start : start + len(new_name)] = new_name
    return bytes(data)


def patch_name(archive: bytes, name: str, new_name: bytes) -> bytes:
    """The archive with one member's name rewritten (same length) in both of its headers."""
    data = bytearray(patch_local_name(archive, name, new_name))
    entry = _central_entry(data, name)
    data[entry + 46 : entry + 46 + len(new_name)] = new_name
    return bytes(data)


def _central_entry(data: bytearray, name: str) -> int:
    end = len(data) - 22
    (offset,) = struct.unpack_from("<I", data, end + 16)
    while data[offset : offset + 4] == b"PK\x01\x02":
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", data, offset + 28)
        if data[offset + 46 : offset + 46 + name_len] == name.encode():
            return offset
        offset += 46 + name_len + extra_len + comment_len
    raise KeyError(name)


def crc(data: bytes) -> int:
    return zlib.crc32(data)


# -- the database ------------------------------------------------------------------------------


def db_dump(store: Store) -> list[str]:
    """Every table's rows (and the schema), except the import journal's."""
    connection = sqlite3.connect(f"file:{store.folder.db}?mode=ro", uri=True)
    try:
        return [line for line in connection.iterdump() if "import_journal" not in line]
    finally:
        connection.close()


def journal(store: Store) -> list[dict]:
    connection = sqlite3.connect(f"file:{store.folder.db}?mode=ro", uri=True)
    connection.row_factory = sqlite3.Row
    try:
        return [dict(row) for row in connection.execute("SELECT * FROM import_journal ORDER BY id")]
    finally:
        connection.close()
