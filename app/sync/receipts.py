"""Receipts (design.md §4): the district proves to a ward what arrived; the ward checks it
against the district's key, remembers it, and raises its counters past it.

A receipt is a ZIP of exactly `receipt.json` (canonical JSON) and `receipt.json.minisig` (the
district's minisign signature, prehashed, trusted comment `tiepcan receipt ward=<code>
seq=<seq>`), named `<ward code>-<seq>.tcr`. Stock tools check it: `unzip`, then
`minisign -V -p district.pub -m receipt.json`."""

import hashlib
import json
import re
from pathlib import Path

from sqlalchemy import Connection, func, insert, select, update

from app.canonical import MAX_SAFE_INTEGER, canonical_bytes
from app.db.store import Store, counter_floors
from app.errors import N_, EnvironmentProblem, SetupError, TiepCanError
from app.files import read_small_file, write_file
from app.models import (
    AcceptedBundle,
    ExportLogEntry,
    ImportJournalEntry,
    ReceiptEntry,
    RecordVersion,
    WardKey,
)
from app.services.audit import now_iso
from app.sync import strictjson
from app.sync.archive import Limits, read_archive, write_archive
from app.sync.errors import BundleError
from app.sync.importer import require_district
from app.sync.manifest import TIMESTAMP
from app.sync.trust import key_folder, own_keys, trusted_district

FORMAT = "tiepcan-receipt"
MEMBERS = frozenset({"receipt.json", "receipt.json.minisig"})
FIELDS = frozenset(
    {"format", "format_version", "district", "ward", "key_id", "seq", "manifest_sha256",
     "max_revision", "counts", "imported_at"}
)  # fmt: skip
MAX_RECEIPT_BYTES = 256 * 1024
_SHA = re.compile(r"[0-9a-f]{64}")
_KEY_ID = re.compile(r"[0-9A-F]{16}")
_WARD = re.compile(r"[0-9]{5}")
_DISTRICT = re.compile(r"[0-9]{2}")

_accepted = AcceptedBundle.__table__
_keys = WardKey.__table__
_versions = RecordVersion.__table__
_journal = ImportJournalEntry.__table__


def trusted_comment(ward: str, seq: int) -> str:
    return f"tiepcan receipt ward={ward} seq={seq}"


def receipt_name(ward: str, seq: int) -> str:
    return f"{ward}-{seq}.tcr"


# -- at the district ---------------------------------------------------------------------------


def _receipt_for(connection: Connection, district: str, ward: str) -> dict | None:
    last = connection.execute(
        select(_accepted).where(_accepted.c.ward_code == ward).order_by(_accepted.c.id.desc())
    ).first()
    if last is None:
        return None
    key_id = connection.execute(
        select(_keys.c.key_id).where(
            _keys.c.ward_code == ward, _keys.c.generation == last.generation
        )
    ).scalar()
    highest = connection.execute(
        select(func.max(_versions.c.revision)).where(_versions.c.ward_code == ward)
    ).scalar()
    counts = connection.execute(
        select(_journal.c.counts)
        .where(
            _journal.c.ward_code == ward,
            _journal.c.seq == last.seq,
            _journal.c.generation == last.generation,
            _journal.c.outcome == "imported",
            _journal.c.dry_run.is_(False),
        )
        .order_by(_journal.c.id.desc())
    ).scalar()
    return {
        "format": FORMAT,
        "format_version": 1,
        "district": district,
        "ward": ward,
        "key_id": key_id,
        "seq": last.seq,
        "manifest_sha256": last.manifest_sha256,
        "max_revision": highest or 0,
        "counts": json.loads(counts or "{}"),
        "imported_at": last.accepted_at,
    }


def write_receipts(store: Store, folder: Path, ward: str | None = None) -> list[Path]:
    """One signed receipt per ward (or for one ward), for its last accepted bundle."""
    require_district(store)
    if not Path(folder).is_dir():
        raise EnvironmentProblem(
            N_("The folder {path} does not exist. Plug in the USB stick or choose another folder."),
            path=str(folder),
        )
    with store.read() as connection:
        wards = [ward] if ward else connection.execute(
            select(_accepted.c.ward_code).distinct().order_by(_accepted.c.ward_code)
        ).scalars().all()  # fmt: skip
        receipts = [_receipt_for(connection, store.unit_code, code) for code in wards]
    if ward and receipts[0] is None:
        raise TiepCanError(N_("No bundle of ward {ward} has been imported here."), ward=ward)
    secret = key_folder(store).secret_key()
    written = []
    for receipt in filter(None, receipts):
        document = canonical_bytes(receipt)
        comment = trusted_comment(receipt["ward"], receipt["seq"])
        signature = bytes(secret.sign(document, prehash=True, trusted_comment=comment)) + b"\n"
        path = Path(folder) / receipt_name(receipt["ward"], receipt["seq"])
        archive = write_archive({"receipt.json": document, "receipt.json.minisig": signature})
        write_file(path, archive)
        written.append(path)
    return written


# -- at the ward -------------------------------------------------------------------------------


def _not_a_receipt() -> TiepCanError:
    return TiepCanError(N_("This file is not a TiepCan receipt, or it is damaged."))


def _safe_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_SAFE_INTEGER


def _parse(document: bytes) -> dict:
    try:
        receipt = strictjson.loads(document, 8)
    except ValueError:
        raise _not_a_receipt() from None
    if not isinstance(receipt, dict) or set(receipt) != FIELDS:
        raise _not_a_receipt()
    if receipt["format"] != FORMAT or receipt["format_version"] != 1:
        raise _not_a_receipt()
    if not (_safe_int(receipt["seq"]) and _safe_int(receipt["max_revision"])):
        raise TiepCanError(N_("The receipt's numbers are out of range."))
    try:
        canonical = canonical_bytes(receipt)
    except ValueError:  # a count out of range, say
        raise _not_a_receipt() from None
    if canonical != document:
        raise _not_a_receipt()
    checks = (
        (_DISTRICT, receipt["district"]),
        (_WARD, receipt["ward"]),
        (_KEY_ID, receipt["key_id"]),
        (_SHA, receipt["manifest_sha256"]),
        (TIMESTAMP, receipt["imported_at"]),
    )
    counts = receipt["counts"]
    if not all(isinstance(value, str) and pattern.fullmatch(value) for pattern, value in checks):
        raise _not_a_receipt()
    if not _counts_ok(counts):
        raise _not_a_receipt()
    return receipt


def _counts_ok(counts) -> bool:
    """{kind: {count name: number}}, as an import reports them."""
    return isinstance(counts, dict) and all(
        isinstance(kind, dict)
        and all(isinstance(name, str) and _safe_int(number) for name, number in kind.items())
        for kind in counts.values()
    )


def _verify(document: bytes, signature_text: bytes, district: dict, receipt: dict) -> None:
    import minisign

    try:
        signature = minisign.Signature.from_bytes(signature_text)
        if not signature.is_prehashed():
            raise ValueError("legacy signature")
        minisign.PublicKey.from_base64(district["minisign_public"]).verify(document, signature)
    except Exception:
        raise TiepCanError(N_("The receipt is not signed by the trusted district's key.")) from None
    if signature.trusted_comment != trusted_comment(receipt["ward"], receipt["seq"]):
        raise TiepCanError(N_("The receipt's signed comment does not match its content."))


def load_receipt(store: Store, path: Path) -> dict:
    """Check a receipt, remember it and raise the counters past it. Returns the receipt with
    `forked`: its bundle is not one this installation exported (design.md §4)."""
    if store.role != "ward":
        raise SetupError(N_("This command is for a ward installation; this one is a district."))
    district = trusted_district(store)
    if district is None:
        raise TiepCanError(N_("No district is trusted yet: add the district's key card first."))
    try:
        data = read_small_file(path, MAX_RECEIPT_BYTES, _not_a_receipt())
        members = read_archive(data, Limits(member_bytes=MAX_RECEIPT_BYTES), MEMBERS)
    except BundleError:
        raise _not_a_receipt() from None
    document = members["receipt.json"]
    receipt = _parse(document)
    _verify(document, members["receipt.json.minisig"], district, receipt)
    if receipt["district"] != district["district_code"]:
        raise TiepCanError(
            N_("The receipt comes from another office ({code})."), code=receipt["district"]
        )
    if receipt["ward"] != store.unit_code:
        raise TiepCanError(
            N_("The receipt is for ward {ward}, not for this one ({own})."),
            ward=receipt["ward"],
            own=store.unit_code,
        )
    with store.write() as connection:
        known_keys = set(
            connection.execute(select(ExportLogEntry.__table__.c.key_id).distinct()).scalars()
        ) | {own_keys(store).key_id}
        if receipt["key_id"] not in known_keys:
            raise TiepCanError(
                N_("The receipt names key {key_id}, which is not this ward's."),
                key_id=receipt["key_id"],
            )
        log = ExportLogEntry.__table__
        forked = not connection.execute(
            select(log.c.id).where(log.c.manifest_sha256 == receipt["manifest_sha256"])
        ).first()
        table = ReceiptEntry.__table__
        seen = connection.execute(
            select(table.c.id).where(
                table.c.district_code == receipt["district"],
                table.c.seq == receipt["seq"],
                table.c.manifest_sha256 == receipt["manifest_sha256"],
            )
        ).first()
        if seen:
            # The same bundle acknowledged again, perhaps with a higher revision since.
            connection.execute(
                update(table)
                .where(table.c.id == seen.id, table.c.max_revision < receipt["max_revision"])
                .values(max_revision=receipt["max_revision"])
            )
        else:
            connection.execute(
                insert(table).values(
                    district_code=receipt["district"],
                    key_id=receipt["key_id"],
                    seq=receipt["seq"],
                    manifest_sha256=receipt["manifest_sha256"],
                    max_revision=receipt["max_revision"],
                    counts=json.dumps(receipt["counts"], ensure_ascii=False),
                    imported_at=receipt["imported_at"],
                    loaded_at=now_iso(),
                    forked=forked,
                )
            )
        # Counters on disk before the commit, as for every write (design.md §2).
        store.counters.raise_to(counter_floors(connection))
    return {**receipt, "forked": forked, "file_sha256": hashlib.sha256(document).hexdigest()}
