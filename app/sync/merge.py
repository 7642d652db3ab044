"""Merging a verified bundle into the district's records (design.md §2).

Per incoming record, against the stored current version and the district's memory of every
version the ward has sent:
- never stored → `new` (tombstones included);
- a higher revision → `updated`, or `deleted` for a tombstone replacing a live record;
- the same version → `unchanged` (taking the incoming travelling line when the ward's redaction
  changed it);
- not higher, and seen before → `stale` (the first time, the import warns `rollback`);
- not higher, never seen → `conflict`: both kept, the stored one current until a person decides.
A stored live record absent from the bundle (every bundle is a full snapshot) warns `missing`."""

import hashlib
from dataclasses import asdict, dataclass, field
from typing import NamedTuple

from sqlalchemy import Connection, bindparam, insert, select, update

from app.db.specific import specific
from app.models import Conflict, RecordVersion, metadata
from app.services.audit import now_iso
from app.services.kinds import KINDS
from app.services.refs import Refs
from app.services.rows import Stored, insert_records, load_records, replace_records
from app.sync.manifest import KINDS_IN_BUNDLE

# People first: the search text of the other kinds names them.
MERGE_ORDER = ("people", "teams", "trainings", "sessions", "cases")
assert set(MERGE_ORDER) == set(KINDS_IN_BUNDLE)

_conflicts = Conflict.__table__
_versions = RecordVersion.__table__
VERSION_COLUMNS = ("ward_code", "kind", "uuid", "revision", "content_sha256", "deleted",
                   "first_seen_at", "accepted_bundle_id", "rollback_warned")  # fmt: skip


def empty_counts() -> dict[str, int]:
    return {"new": 0, "updated": 0, "deleted": 0, "unchanged": 0, "stale": 0, "conflict": 0}


@dataclass
class MergeResult:
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)  # "rollback", "missing"
    missing: list[dict] = field(default_factory=list)  # {"kind", "uuid"} of records not sent
    undo: list[dict] = field(default_factory=list)  # import_undo rows: what it takes to go back


class _Current(NamedTuple):
    id: int
    revision: int
    content_sha256: str
    deleted: bool
    key_generation: int | None
    line_sha256: str | None


@dataclass
class _Batch:
    """One kind's merge: the context and what it decided."""

    connection: Connection
    kind: str
    ward: str
    generation: int
    bundle_id: int
    counts: dict = field(default_factory=empty_counts)
    inserts: list = field(default_factory=list)
    replaces: list = field(default_factory=list)
    conflicts: list = field(default_factory=list)
    remembered: list = field(default_factory=list)  # versions received for the first time, maybe
    undecided: list = field(default_factory=list)  # (record, line, current): stale or conflict
    rolled_back: bool = False
    undo: list = field(default_factory=list)

    def next_chunk(self) -> None:
        """A bundle is merged a chunk at a time; counts, warnings and undo steps add up."""
        for name in ("inserts", "replaces", "conflicts", "remembered", "undecided"):
            setattr(self, name, [])

    def remember_undo(self, step: str, **payload) -> None:
        self.undo.append({"kind": self.kind, "step": step, "payload": payload})


def merge_bundle(
    connection: Connection, ward: str, generation: int, records: dict, bundle_id: int
) -> MergeResult:
    """`records`: per kind, the checked records (app.sync.reader.CheckedRecords); `bundle_id`:
    the accepted_bundles row of this import (versions remember it)."""
    result = MergeResult()
    for kind in MERGE_ORDER:
        batch = _Batch(connection, kind, ward, generation, bundle_id)
        missing = _merge_kind(batch, records[kind].chunks())
        result.counts[kind] = batch.counts
        result.undo += batch.undo
        result.missing += [{"kind": kind, "uuid": uuid} for uuid in missing]
        if batch.rolled_back and "rollback" not in result.warnings:
            result.warnings.append("rollback")
    if result.missing:
        result.warnings.append("missing")
    return result


def _stored_versions(connection: Connection, kind: str, ward: str) -> dict[str, _Current]:
    table = metadata.tables[KINDS[kind].table]
    rows = connection.execute(
        select(
            table.c.uuid,
            table.c.id,
            table.c.revision,
            table.c.content_sha256,
            table.c.deleted,
            table.c.key_generation,
            table.c.line_sha256,
        ).where(table.c.ward_code == ward)
    )
    return {uuid: _Current(*rest) for uuid, *rest in rows}


def _version(record: Stored) -> tuple:
    return (record.revision, record.content_sha256, record.deleted)


def _merge_kind(batch: _Batch, chunks) -> list[str]:
    """Merge one kind, a chunk of records at a time; returns the uuids of stored live records
    the bundle did not carry."""
    stored = _stored_versions(batch.connection, batch.kind, batch.ward)
    sent = set()
    for chunk in chunks:
        batch.next_chunk()
        for record, line in chunk:
            record.key_generation = batch.generation
            record.line_sha256 = hashlib.sha256(line).hexdigest()
            _decide(batch, record, line, stored.get(record.uuid))
            sent.add(record.uuid)
        _settle_undecided(batch)
        _write(batch)
    return [uuid for uuid, current in stored.items() if not current.deleted and uuid not in sent]


def _decide(batch: _Batch, record: Stored, line: bytes, current: _Current | None) -> None:
    counts = batch.counts
    if current is None:
        batch.inserts.append(record)
        batch.remembered.append(record)
        counts["new"] += 1
    elif record.revision > current.revision:
        batch.replaces.append((current.id, record))
        batch.remembered.append(record)
        counts["deleted" if record.deleted and not current.deleted else "updated"] += 1
    elif _version(record) == (current.revision, current.content_sha256, current.deleted):
        counts["unchanged"] += 1
        if record.line_sha256 != current.line_sha256:
            # The same version, redacted anew at the ward: the district keeps what came last.
            record.key_generation = current.key_generation
            batch.replaces.append((current.id, record))
    else:
        batch.undecided.append((record, line, current))


def _settle_undecided(batch: _Batch) -> None:
    """Not higher, not the same: stale if the district has seen it, else a conflict."""
    if not batch.undecided:
        return
    seen = _seen_versions(batch, [record.uuid for record, _line, _current in batch.undecided])
    warned_now = []
    for record, line, current in batch.undecided:
        known = seen.get((record.uuid, *_version(record)))
        if known is None:
            batch.conflicts.append((record, line, current))
            batch.remembered.append(record)
            batch.counts["conflict"] += 1
            continue
        batch.counts["stale"] += 1
        version_id, warned = known
        if not warned:
            warned_now.append(version_id)
    if warned_now:
        batch.remember_undo("warned", ids=warned_now)
        batch.rolled_back = True
        batch.connection.execute(
            update(_versions)
            .where(_versions.c.id.in_(bindparam("ids", expanding=True)))
            .values(rollback_warned=True),
            {"ids": warned_now},
        )


def _seen_versions(batch: _Batch, uuids: list[str]) -> dict[tuple, tuple[int, bool]]:
    found = {}
    for start in range(0, len(uuids), 500):
        rows = batch.connection.execute(
            select(
                _versions.c.uuid,
                _versions.c.revision,
                _versions.c.content_sha256,
                _versions.c.deleted,
                _versions.c.id,
                _versions.c.rollback_warned,
            ).where(
                _versions.c.ward_code == batch.ward,
                _versions.c.kind == batch.kind,
                _versions.c.uuid.in_(uuids[start : start + 500]),
            )
        )
        found.update({(u, r, s, bool(d)): (i, bool(w)) for u, r, s, d, i, w in rows})
    return found


def _write(batch: _Batch) -> None:
    changed = batch.inserts + [record for _, record in batch.replaces]
    if batch.inserts:  # one step for them all: a new ward's first bundle inserts thousands
        batch.remember_undo("inserted", uuids=[record.uuid for record in batch.inserts])
    if batch.replaces:
        previous = load_records(batch.connection, batch.kind, [i for i, _ in batch.replaces])
        for record_id, before in previous.items():
            batch.remember_undo("replaced", id=record_id, **asdict(before))
    if changed:
        refs = _refs_for(batch.connection, batch.kind, batch.ward, changed)
        insert_records(batch.connection, batch.kind, batch.inserts, refs)
        replace_records(batch.connection, batch.kind, batch.replaces, refs)
    _remember(batch)
    _record_conflicts(batch)
    _refresh_conflict_copies(batch)


def _refs_for(connection, kind: str, ward: str, records: list[Stored]) -> Refs:
    spec = KINDS[kind]
    people = {uuid for record in records for uuid in spec.references(record.data)}
    teams = {record.data["team"] for record in records if record.data.get("team")}
    return Refs.load(connection, ward, people, teams)


def _remember(batch: _Batch) -> None:
    if not batch.remembered:
        return
    at = now_iso()
    # A version the district remembers already keeps its first sighting (and its bundle).
    specific(batch.connection).insert_many(
        batch.connection,
        _versions,
        VERSION_COLUMNS,
        [
            (batch.ward, batch.kind, record.uuid, record.revision, record.content_sha256,
             record.deleted, at, batch.bundle_id, False)
            for record in batch.remembered
        ],
        on_conflict="ignore",
    )  # fmt: skip


def _record_conflicts(batch: _Batch) -> None:
    """Each pair of versions is raised once (the version memory makes the incoming one stale
    next time). Conflicts are few: one insert each, so that undo knows exactly which."""
    at = now_iso()
    for record, line, current in batch.conflicts:
        result = batch.connection.execute(
            insert(_conflicts).values(
                ward_code=batch.ward,
                kind=batch.kind,
                uuid=record.uuid,
                stored_revision=current.revision,
                stored_sha256=current.content_sha256,
                stored_deleted=current.deleted,
                stored_generation=current.key_generation,
                incoming_revision=record.revision,
                incoming_sha256=record.content_sha256,
                incoming_deleted=record.deleted,
                incoming_generation=batch.generation,
                incoming_record=line.decode("utf-8"),
                raised_at=at,
                status="open",
            )
        )
        batch.remember_undo("conflict", id=result.inserted_primary_key[0])


def _refresh_conflict_copies(batch: _Batch) -> None:
    """A version held in a conflict that arrives again with another travelling line keeps only
    the new line: the district holds no text the ward has since redacted."""
    held = batch.connection.execute(
        select(
            _conflicts.c.id,
            _conflicts.c.uuid,
            _conflicts.c.incoming_sha256,
            _conflicts.c.incoming_record,
        ).where(_conflicts.c.ward_code == batch.ward, _conflicts.c.kind == batch.kind)
    ).all()
    if not held:
        return
    lines = {(record.uuid, record.content_sha256): line for record, line, _ in batch.undecided}
    for conflict_id, uuid, sha, before in held:
        line = lines.get((uuid, sha))
        if line is not None and line.decode("utf-8") != before:
            text = line.decode("utf-8")
            batch.remember_undo("copy", id=conflict_id, incoming_record=before)
            batch.connection.execute(
                update(_conflicts)
                .where(_conflicts.c.id == conflict_id, _conflicts.c.incoming_record != text)
                .values(incoming_record=text)
            )
