"""Writing a ward's bundle (design.md §3): a full snapshot of its records with tombstones,
minus personal data; signed, zipped, encrypted, written durably, then read back and checked."""

import contextlib
import hashlib
import os
import re
import uuid as uuid_module
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, insert, select

from app.canonical import canonical_bytes
from app.db.schema import SCHEMA_VERSION
from app.db.specific import specific
from app.db.store import Store
from app.errors import N_, EnvironmentProblem, SetupError, TiepCanError, os_reason
from app.fsutil import fsync_dir
from app.models import ExportLogEntry, metadata
from app.services.audit import now_iso
from app.services.kinds import KINDS
from app.services.rows import load_records
from app.sync.archive import Limits, read_archive, write_archive
from app.sync.manifest import FORMAT, FORMAT_VERSION, KINDS_IN_BUNDLE, trusted_comment
from app.sync.outgoing import outgoing_for
from app.sync.travel import Outgoing, record_line
from app.sync.trust import key_folder, own_keys, trusted_district
from app.text import clean_line

CHUNK = 2_000


@dataclass
class ExportResult:
    path: Path
    seq: int
    manifest_sha256: str
    counts: dict[str, int]
    names_replaced: int = 0  # names in free text turned into initials (design.md §3)
    numbers_replaced: int = 0  # runs of nine or more digits replaced
    case_texts_withheld: bool = False


def bundle_path(out: Path, ward_code: str, seq: int) -> Path:
    if out.is_dir():
        return out / f"{ward_code}-{datetime.now():%Y%m%d}-{seq}.tcb"
    return out


def _records_file(
    connection, kind_name: str, ward_code: str, outgoing: Outgoing, progress
) -> tuple[bytes, int, int]:
    """(the records file, its number of records, their highest revision)."""
    table = metadata.tables[KINDS[kind_name].table]
    ids = specific(connection).fetch_column(
        connection, select(table.c.id).where(table.c.ward_code == ward_code).order_by(table.c.id)
    )
    lines, highest = [], 0
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        records = load_records(connection, kind_name, chunk)
        lines += [record_line(kind_name, records[i], outgoing) for i in chunk]
        highest = max([highest, *(record.revision for record in records.values())])
        if progress:
            progress(len(chunk))
    return b"".join(lines), len(lines), highest


def export_bundle(store: Store, out: Path, progress=None) -> ExportResult:
    """`progress(n)` is called as records are written, for a progress bar."""
    installation = store.installation
    if installation["role"] != "ward":
        raise SetupError(N_("Only a ward exports bundles."))
    district = trusted_district(store)
    if district is None:
        raise TiepCanError(
            N_("No district is trusted yet: add the district's key card first (tiepcan trust add).")
        )
    public = own_keys(store)
    keys = key_folder(store)
    _check_out(Path(out))  # before a seq is used up
    ward = installation["unit_code"]
    remove_stale_parts(Path(out), ward)
    with store.write() as connection:  # the lock keeps seq and snapshot in step
        members, counts, highest = {}, {}, 0
        outgoing = outgoing_for(connection, ward)
        for kind_name in KINDS_IN_BUNDLE:
            content, number, top = _records_file(connection, kind_name, ward, outgoing, progress)
            members[f"records/{kind_name}.jsonl"] = content
            counts[kind_name] = number
            highest = max(highest, top)
        state = store.counters.load()
        seq = state["seq"] + 1
        bundle_id = str(uuid_module.uuid4())
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "schema_version": SCHEMA_VERSION,
            "bundle_id": bundle_id,
            "ward": {
                "code": ward,
                "name": clean_line(installation["unit_name"]),
                "province": installation["province_code"],
            },
            "key_id": public.key_id,
            "seq": seq,
            "prev_manifest_sha256": state["last_manifest_sha256"],
            "created_at": now_iso(),
            "audience": district["district_code"],
            "members": [
                {
                    "name": name,
                    "size": len(content),
                    "sha256": hashlib.sha256(content).hexdigest(),
                    "records": counts[name[len("records/") : -len(".jsonl")]],
                }
                for name, content in members.items()
            ],
        }
        manifest_bytes = canonical_bytes(manifest)
        signature = keys.secret_key().sign(
            manifest_bytes, prehash=True, trusted_comment=trusted_comment(ward, seq, bundle_id)
        )
        archive = write_archive(
            {
                "manifest.json": manifest_bytes,
                "manifest.json.minisig": bytes(signature) + b"\n",
                **members,
            }
        )
        import pyrage

        recipients = [
            pyrage.x25519.Recipient.from_str(district["age_recipient"]),
            keys.identity().to_public(),
        ]
        encrypted = pyrage.encrypt(archive, recipients)
        manifest_sha = hashlib.sha256(manifest_bytes).hexdigest()
        path = bundle_path(Path(out), ward, seq)
        if path.exists() or path.is_symlink():  # refused before the counters move
            raise _already_there(path)
        # The whole file is on the stick before the counters move: a stick that refuses it
        # (write-protected, full, pulled out) uses up no seq. It gets its name only after they
        # moved: a seq is never handed out twice.
        partial = _write_partial(path, encrypted)
        try:
            store.counters.save({**state, "seq": seq, "last_manifest_sha256": manifest_sha})
            connection.execute(
                insert(ExportLogEntry.__table__).values(
                    seq=seq,
                    manifest_sha256=manifest_sha,
                    bundle_id=bundle_id,
                    key_id=public.key_id,
                    exported_at=manifest["created_at"],
                    file_name=path.name,
                    records=sum(counts.values()),
                    max_revision=highest,
                )
            )
        except BaseException:
            _discard(partial)
            raise
    _move_into_place(partial, path)
    _read_back(path, keys, manifest_bytes)
    return ExportResult(
        path,
        seq,
        manifest_sha,
        counts,
        names_replaced=outgoing.counts.names,
        numbers_replaced=outgoing.counts.numbers,
        case_texts_withheld=outgoing.withhold_case_texts,
    )


def remove_stale_parts(out: Path, ward_code: str) -> None:
    """An export killed while writing leaves its hidden `.part` file on the stick; the next
    export of this ward to the same folder removes those of its own bundles (named by
    `bundle_path`), and nothing else."""
    folder = out if out.is_dir() else out.parent
    pattern = re.compile(rf"\.{re.escape(ward_code)}-\d{{8}}-\d+\.tcb\.part")
    try:
        stale = [path for path in folder.iterdir() if pattern.fullmatch(path.name)]
    except OSError:
        return
    for path in stale:
        with contextlib.suppress(OSError):  # removed next time, then
            path.unlink()


def _already_there(path: Path) -> TiepCanError:
    return TiepCanError(
        N_(
            "{path} already exists; TiepCan does not replace a file. Choose a folder or a new name."
        ),
        path=str(path),
    )


def _check_out(out: Path) -> None:
    """`--out` is a folder (the file is named there) or the name of a new file in a folder.
    An existing file is never replaced; a link, a device or a pipe is not a place for a bundle."""
    if out.is_symlink():
        raise TiepCanError(
            N_("{path} is a link; name a folder or a new file instead."), path=str(out)
        )
    if out.exists():
        if out.is_dir():
            return
        if out.is_file():
            raise _already_there(out)
        raise TiepCanError(
            N_("{path} is neither a folder nor a file; name a folder or a new file instead."),
            path=str(out),
        )
    if not out.parent.is_dir():
        raise EnvironmentProblem(
            N_("The folder {path} does not exist. Plug in the USB stick or choose another folder."),
            path=str(out.parent),
        )


def _write_partial(path: Path, data: bytes) -> Path:
    """The bundle in full on disk beside its final name; returns that partial file."""
    partial = path.with_name(f".{path.name}.part")
    try:
        with open(partial, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as error:
        _discard(partial)
        raise _cannot_write(path, error) from error
    return partial


def _move_into_place(partial: Path, path: Path) -> None:
    try:
        os.replace(partial, path)
        fsync_dir(path.parent)
    except OSError as error:
        _discard(partial)
        raise _cannot_write(path, error) from error


def _discard(path: Path) -> None:
    # Best effort: on a write-protected stick even removing a file never made fails, and that
    # failure must not hide the reason the user needs to read.
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


def _cannot_write(path: Path, error: OSError) -> EnvironmentProblem:
    return EnvironmentProblem(
        N_("The bundle cannot be written to {path}: {error}"),
        path=str(path),
        error=os_reason(error),
    )


def _read_back(path: Path, keys, manifest_bytes: bytes) -> None:
    """Reopen what was written: a faulty USB stick is found now, not at the district."""
    import pyrage

    try:
        members = read_archive(pyrage.decrypt(path.read_bytes(), [keys.identity()]), Limits())
        ok = members["manifest.json"] == manifest_bytes
    except Exception:  # whatever went wrong, the file on disk is not the bundle we made
        ok = False
    if not ok:
        _discard(path)
        raise EnvironmentProblem(
            N_(
                "The bundle written to {path} could not be read back. Try another folder or USB stick."
            ),
            path=str(path),
        )


def records_to_export(store: Store) -> int:
    """How many records a bundle of this ward will carry, tombstones included (a progress bar's
    total)."""
    ward = store.unit_code
    with store.read() as connection:
        tables = [metadata.tables[KINDS[kind].table] for kind in KINDS_IN_BUNDLE]
        return sum(
            connection.execute(
                select(func.count()).select_from(table).where(table.c.ward_code == ward)
            ).scalar()
            for table in tables
        )
