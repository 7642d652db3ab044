"""Merging a verified bundle into the district's records (design.md §2): per record, a higher
revision replaces, the same is unchanged (but takes the incoming travelling line when the ward's
redaction changed it), a lower is stale; across key generations a differing version that cannot
be ordered is kept as a conflict for a person to decide."""

import hashlib

from sqlalchemy import Connection, select, update

from app.models import Conflict, metadata
from app.services.audit import now_iso
from app.services.kinds import KINDS
from app.services.refs import Refs
from app.services.rows import Stored, insert_records, replace_records
from app.sync.manifest import KINDS_IN_BUNDLE

# People first: the search text of the other kinds names them.
MERGE_ORDER = ("people", "teams", "trainings", "sessions", "cases")
assert set(MERGE_ORDER) == set(KINDS_IN_BUNDLE)


def empty_counts() -> dict[str, int]:
    return {"new": 0, "updated": 0, "unchanged": 0, "stale": 0, "conflict": 0}


def merge_bundle(connection: Connection, ward: str, generation: int, records: dict) -> dict:
    return {
        kind: _merge_kind(connection, kind, ward, generation, records[kind]) for kind in MERGE_ORDER
    }


def _stored_versions(connection: Connection, kind: str, ward: str) -> dict:
    table = metadata.tables[KINDS[kind].table]
    rows = connection.execute(
        select(
            table.c.uuid,
            table.c.id,
            table.c.revision,
            table.c.content_sha256,
            table.c.key_generation,
            table.c.line_sha256,
        ).where(table.c.ward_code == ward)
    )
    return {uuid: tuple(rest) for uuid, *rest in rows}


def _merge_kind(connection, kind: str, ward: str, generation: int, incoming: list) -> dict:
    counts = empty_counts()
    stored = _stored_versions(connection, kind, ward)
    inserts: list[Stored] = []
    replaces: list[tuple[int, Stored]] = []
    conflicts = []
    for record, line in incoming:
        record.key_generation = generation
        record.line_sha256 = hashlib.sha256(line).hexdigest()
        current = stored.get(record.uuid)
        if current is None:
            inserts.append(record)
            counts["new"] += 1
            continue
        record_id, revision, sha, stored_generation, stored_line = current
        from_older_key = (stored_generation or 0) < generation
        if from_older_key and record.revision <= revision and record.content_sha256 != sha:
            conflicts.append((record, line, current))
            counts["conflict"] += 1
        elif record.revision > revision:
            replaces.append((record_id, record))
            counts["updated"] += 1
        elif record.revision == revision:
            counts["unchanged"] += 1
            if record.content_sha256 == sha and record.line_sha256 != stored_line:
                # The same version, redacted anew at the ward: the district keeps what came last.
                record.key_generation = stored_generation
                replaces.append((record_id, record))
        else:
            counts["stale"] += 1
    changed = inserts + [record for _, record in replaces]
    if changed:
        refs = _refs_for(connection, kind, ward, changed)
        insert_records(connection, kind, inserts, refs)
        replace_records(connection, kind, replaces, refs)
    _record_conflicts(connection, kind, ward, generation, conflicts)
    _refresh_conflict_copies(connection, kind, ward, incoming)
    return counts


def _refs_for(connection, kind: str, ward: str, records: list[Stored]) -> Refs:
    spec = KINDS[kind]
    people = {uuid for record in records for uuid in spec.references(record.data)}
    teams = {record.data["team"] for record in records if record.data.get("team")}
    return Refs.load(connection, ward, people, teams)


def _record_conflicts(connection, kind: str, ward: str, generation: int, conflicts: list) -> None:
    """Each pair of hashes is raised once: a decided conflict is not raised again."""
    if not conflicts:
        return
    at = now_iso()
    connection.exec_driver_sql(
        "INSERT OR IGNORE INTO conflicts (ward_code, kind, uuid, stored_revision, stored_sha256, "
        "stored_generation, incoming_revision, incoming_sha256, incoming_generation, "
        "incoming_record, raised_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open')",
        [
            (ward, kind, record.uuid, current[1], current[2], current[3], record.revision,
             record.content_sha256, generation, line.decode("utf-8"), at)
            for record, line, current in conflicts
        ],
    )  # fmt: skip


_conflicts = Conflict.__table__


def _refresh_conflict_copies(connection: Connection, kind: str, ward: str, incoming: list) -> None:
    """A version held in a conflict that arrives again with another travelling line keeps only
    the new line: the district holds no text the ward has since redacted."""
    held = connection.execute(
        select(_conflicts.c.id, _conflicts.c.uuid, _conflicts.c.incoming_sha256).where(
            _conflicts.c.ward_code == ward, _conflicts.c.kind == kind
        )
    ).all()
    if not held:
        return
    lines = {(record.uuid, record.content_sha256): line for record, line in incoming}
    for conflict_id, uuid, sha in held:
        line = lines.get((uuid, sha))
        if line is not None:
            connection.execute(
                update(_conflicts)
                .where(
                    _conflicts.c.id == conflict_id, _conflicts.c.incoming_record != line.decode()
                )
                .values(incoming_record=line.decode("utf-8"))
            )
