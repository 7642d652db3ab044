"""Reading a bundle at the district, in the order design.md §3 fixes, each step refusing with its
reason code. Nothing reaches the database here; no exception but BundleError escapes."""

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import orjson
from sqlalchemy import Connection, select

from app.canonical import canonical_bytes
from app.db.schema import SCHEMA_VERSION
from app.errors import N_, Msg, os_reason
from app.models import WardKey
from app.services.kinds import KINDS
from app.services.rows import Stored
from app.sync import strictjson
from app.sync.archive import Limits, read_archive
from app.sync.errors import BundleError
from app.sync.keys import KeyFolder, key_id_from_line
from app.sync.manifest import KINDS_IN_BUNDLE, check_manifest, trusted_comment
from app.sync.travel import (
    FIRST_REDACTING_SCHEMA,
    blank_free_text,
    check_record,
    stored_line,
)
from app.text import human_size

CHUNK = 5_000  # records parsed at once when merging: memory stays flat whatever the bundle


@dataclass
class CheckedRecords:
    """A records member that passed every check. Only its bytes are kept: it is read again, a
    chunk at a time, as it is merged (a bundle of 50,000 records held parsed would take
    hundreds of megabytes)."""

    kind: str
    content: bytes
    count: int
    legacy: bool

    def chunks(self, size: int = CHUNK) -> Iterator[list[tuple[Stored, bytes]]]:
        """(version, travelling line) pairs; a legacy record as blanked, with its new line."""
        chunk, start = [], 0
        while start < len(self.content):
            end = self.content.index(b"\n", start)
            chunk.append(self._record(self.content[start:end]))
            start = end + 1
            if len(chunk) == size:
                yield chunk
                chunk = []
        if chunk:
            yield chunk

    def _record(self, line: bytes) -> tuple[Stored, bytes]:
        value = orjson.loads(line)  # checked already: strict parsing is not needed again
        data = value["data"]
        if self.legacy:
            data = blank_free_text(self.kind, data)
        record = Stored(
            value["uuid"],
            value["ward_code"],
            value["revision"],
            value["updated_at"],
            value["deleted"],
            value["content_sha256"],
            data,
        )
        return record, stored_line(record) if self.legacy else line


@dataclass
class OpenedBundle:
    file_sha256: str
    manifest: dict
    manifest_sha256: str
    key: dict  # the ward_keys row of the signing key
    records: dict[str, CheckedRecords] = field(default_factory=dict)

    @property
    def ward_code(self) -> str:
        return self.manifest["ward"]["code"]

    @property
    def generation(self) -> int:
        return self.key["generation"]


def read_file(path: Path, limits: Limits) -> bytes:
    try:
        if not path.is_file():  # a folder, a pipe or a device is not a bundle
            raise BundleError("unreadable", N_("{name} is not a bundle file."), name=path.name)
        size = path.stat().st_size
        if size > limits.bundle_bytes:
            raise BundleError(
                "too-large",
                N_("The bundle file is larger than the limit of {limit}."),
                limit=human_size(limits.bundle_bytes),
            )
        with open(path, "rb") as handle:
            data = handle.read(limits.bundle_bytes + 1)
    except OSError as error:
        raise BundleError(
            "unreadable",
            N_("The bundle file cannot be read: {error}"),
            error=os_reason(error),
        ) from None
    if len(data) > limits.bundle_bytes:
        raise BundleError(
            "too-large",
            N_("The bundle file is larger than the limit of {limit}."),
            limit=human_size(limits.bundle_bytes),
        )
    return data


MAX_RECIPIENTS = 16  # a bundle is made for the district and the ward; a few more by hand


def _too_many_recipients(data: bytes) -> bool:
    """Count the recipient stanzas of the age header (text up to its "---" line) before
    decrypting: each one costs a key agreement, and a forged header could hold thousands."""
    end = data.find(b"\n---", 0, 64 * 1024)
    header = data[: end if end >= 0 else 64 * 1024]
    return end < 0 or header.count(b"\n-> ") > MAX_RECIPIENTS


def decrypt(data: bytes, keys: KeyFolder) -> bytes:
    import pyrage

    if not data.startswith(b"age-encryption.org/v1\n") or _too_many_recipients(data):
        raise BundleError(
            "decrypt",
            N_(
                "The bundle cannot be decrypted: it is damaged, or it was not made for this office."
            ),
        )
    try:
        identity = keys.identity()
    except Exception:
        raise BundleError(
            "decrypt", N_("This installation's decryption key cannot be read.")
        ) from None
    try:
        return pyrage.decrypt(data, [identity])
    except Exception:
        raise BundleError(
            "decrypt",
            N_(
                "The bundle cannot be decrypted: it is damaged, or it was not made for this office."
            ),
        ) from None


def _signing_key(connection: Connection, signature_text: bytes) -> tuple[object, dict]:
    import minisign

    try:
        signature = minisign.Signature.from_bytes(signature_text)
        lines = signature_text.split(b"\n")
        key_id = key_id_from_line(lines[1].strip())
    except Exception:
        raise BundleError("signature", N_("The bundle's signature is malformed.")) from None
    keys_table = WardKey.__table__
    row = connection.execute(select(keys_table).where(keys_table.c.key_id == key_id)).first()
    if row is None:
        raise BundleError(
            "unknown-key",
            N_("The bundle is signed by key {key_id}, which is not registered here."),
            key_id=key_id,
        )
    return signature, dict(row._mapping)


def _verify(signature, key: dict, manifest_bytes: bytes) -> None:
    import minisign

    try:
        if not signature.is_prehashed():
            raise ValueError("legacy signature")
        minisign.PublicKey.from_base64(key["minisign_public"]).verify(manifest_bytes, signature)
    except Exception:
        raise BundleError(
            "signature", N_("The bundle's signature does not verify: the manifest was altered.")
        ) from None


def _parse_manifest(manifest_bytes: bytes, limits: Limits) -> dict:
    try:
        manifest = strictjson.loads(manifest_bytes, limits.depth)
        canonical = canonical_bytes(manifest)
    except ValueError:
        raise BundleError(
            "manifest", N_("The bundle's manifest is not valid: {detail}."), detail="JSON"
        ) from None
    if canonical != manifest_bytes:
        raise BundleError(
            "manifest", N_("The bundle's manifest is not valid: {detail}."), detail="not canonical"
        )
    return check_manifest(manifest, SCHEMA_VERSION)


def _check_key(manifest: dict, key: dict, signature, district_code: str) -> None:
    expected = trusted_comment(manifest["ward"]["code"], manifest["seq"], manifest["bundle_id"])
    if signature.trusted_comment != expected:
        raise BundleError(
            "comment", N_("The signature's trusted comment does not match the manifest.")
        )
    if key["ward_code"] != manifest["ward"]["code"] or key["key_id"] != manifest["key_id"]:
        raise BundleError(
            "unknown-key",
            N_("Key {key_id} is not registered for ward {ward}."),
            key_id=key["key_id"],
            ward=manifest["ward"]["code"],
        )
    if key["revoked_at"]:
        raise BundleError(
            "revoked-key",
            N_("Key {key_id} of ward {ward} has been revoked."),
            key_id=key["key_id"],
            ward=key["ward_code"],
        )
    if manifest["audience"] != district_code:
        raise BundleError(
            "audience", N_("This bundle is addressed to office {audience}, not to this one ({own})."),
            audience=manifest["audience"], own=district_code,
        )  # fmt: skip


def _check_members(manifest: dict, members: dict[str, bytes]) -> None:
    for entry in manifest["members"]:
        content = members[entry["name"]]
        lines = content.count(b"\n")
        if (
            len(content) != entry["size"]
            or hashlib.sha256(content).hexdigest() != entry["sha256"]
            or lines != entry["records"]
            or (content and not content.endswith(b"\n"))
        ):
            raise BundleError(
                "hash",
                N_("The bundle's member {name} does not match its manifest."),
                name=entry["name"],
            )


def _records(kind: str, content: bytes, ward: str, limits: Limits, legacy: bool) -> CheckedRecords:
    """Check every line of a records member; what passes is read again when merged."""
    count, seen = 0, set()
    label = Msg(KINDS[kind].plural)
    for line in content.split(b"\n")[:-1]:
        if len(line) > limits.line_bytes:
            raise BundleError(
                "too-large", N_("A line of {kind} is longer than the limit."), kind=label
            )
        if not line:
            raise BundleError("record", N_("The {kind} records contain a blank line."), kind=label)
        try:
            value = strictjson.loads_record(line, limits.depth)
        except ValueError:
            raise BundleError(
                "record", N_("A line of {kind} is not valid JSON of the format."), kind=label
            ) from None
        stored = check_record(kind, value, ward, limits.text_chars, len(line), legacy)
        if stored.uuid in seen:
            raise BundleError("record", N_("A record appears twice in {kind}."), kind=label)
        seen.add(stored.uuid)
        count += 1
    return CheckedRecords(kind, content, count, legacy)


def open_bundle(
    path: Path, connection: Connection, keys: KeyFolder, district_code: str, limits: Limits
) -> OpenedBundle:
    """Every check up to, not including, acceptance (replay rules need the journal of accepted
    bundles and are the importer's)."""
    data = read_file(path, limits)
    file_sha = hashlib.sha256(data).hexdigest()
    members = read_archive(decrypt(data, keys), limits)
    signature, key = _signing_key(connection, members["manifest.json.minisig"])
    _verify(signature, key, members["manifest.json"])
    manifest = _parse_manifest(members["manifest.json"], limits)
    _check_key(manifest, key, signature, district_code)
    _check_members(manifest, members)
    opened = OpenedBundle(
        file_sha, manifest, hashlib.sha256(members["manifest.json"]).hexdigest(), key
    )
    ward = manifest["ward"]["code"]
    legacy = manifest["schema_version"] < FIRST_REDACTING_SCHEMA
    for kind in KINDS_IN_BUNDLE:
        content = members.pop(f"records/{kind}.jsonl")
        opened.records[kind] = _records(kind, content, ward, limits, legacy)
    return opened


def bundle_order(path: Path, keys: KeyFolder, connection: Connection, limits: Limits) -> tuple:
    """Where a bundle goes when a folder is imported: by ward, key generation and seq as its own
    manifest says (never by file name: "…-10.tcb" sorts before "…-9.tcb"). Unchecked: the import
    checks everything; a file that cannot be read this far goes last, and is refused there."""
    try:
        members = read_archive(decrypt(read_file(path, limits), keys), limits)
        manifest = strictjson.loads(members["manifest.json"], limits.depth)
        ward, seq = manifest["ward"]["code"], manifest["seq"]
        keys_table = WardKey.__table__
        generation = connection.execute(
            select(keys_table.c.generation).where(keys_table.c.key_id == manifest["key_id"])
        ).scalar()
        if not (isinstance(ward, str) and isinstance(seq, int)):
            raise ValueError("not a manifest")
    except Exception:  # whatever it is, the import will say so
        return (1, "", 0, 0, path.name)
    return (0, ward, generation or 0, seq, path.name)
