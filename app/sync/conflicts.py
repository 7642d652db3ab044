"""Conflicts at the district (design.md §2, §4): two versions of a ward's record that cannot be
ordered by revision. The stored one stays current until a person decides which to keep; who,
when and why are recorded, and a decided pair is never raised again (the version memory holds
both)."""

import hashlib
import json
from collections.abc import Callable

from sqlalchemy import Connection, select, update

from app.db.specific import specific
from app.db.store import Store
from app.errors import N_, NotFound, TiepCanError
from app.models import Conflict, metadata
from app.services.audit import now_iso
from app.services.kinds import KINDS
from app.services.records import actor_for
from app.services.refs import Refs
from app.services.rows import Stored, find_ids, load_records, replace_records
from app.sync.importer import require_district
from app.text import display_date

_conflicts = Conflict.__table__
KEEP = ("stored", "incoming")


def _as_json(row) -> dict:
    return {
        "id": row.id,
        "ward_code": row.ward_code,
        "kind": row.kind,
        "uuid": row.uuid,
        "status": row.status,
        "stored": {
            "revision": row.stored_revision,
            "content_sha256": row.stored_sha256,
            "deleted": bool(row.stored_deleted),
        },
        "incoming": {
            "revision": row.incoming_revision,
            "content_sha256": row.incoming_sha256,
            "deleted": bool(row.incoming_deleted),
        },
        "raised_at": row.raised_at,
        "kept": row.decision,
        "decided_at": row.decided_at,
        "decided_by": row.decided_by,
        "reason": row.reason,
    }


def list_conflicts(store: Store, ward_code: str | None = None) -> list[dict]:
    """Every conflict, open ones first, then by the order they were raised."""
    require_district(store)
    query = select(_conflicts).order_by((_conflicts.c.status != "open"), _conflicts.c.id)
    if ward_code:
        query = query.where(_conflicts.c.ward_code == ward_code)
    with store.read() as connection:
        return [_as_json(row) for row in connection.execute(query)]


def resolve_conflict(
    store: Store,
    conflict_id: int,
    keep: str,
    reason: str,
    waiting: Callable[[str], None] | None = None,
) -> dict:
    """Keep the stored version (nothing changes but the conflict) or take the incoming one.
    `waiting(ward)`: told when the decision waits for another operator's import of the ward."""
    require_district(store)
    if keep not in KEEP:
        raise TiepCanError(N_("Say which version to keep: stored or incoming."))
    reason = " ".join((reason or "").split())
    if not reason:
        raise TiepCanError(N_("Give the reason for the decision (--reason)."))
    if not 0 < conflict_id < 2**63:  # SQLite's integers: a larger number is no conflict's
        raise NotFound(N_("There is no conflict number {id}."), id=conflict_id)
    actor = actor_for(store)
    with store.write(exclusive=False) as connection:
        row = _conflict_row(connection, conflict_id)
        # The ward's lock, then the row again: an import or undo of that ward that ran
        # meanwhile may have replaced the record, or removed the conflict.
        specific(connection).ward_lock(connection, row.ward_code, waiting)
        row = _conflict_row(connection, conflict_id)
        if row.status != "open":
            raise TiepCanError(
                N_("Conflict number {id} was already resolved on {date} by {who}."),
                id=conflict_id,
                date=display_date((row.decided_at or "")[:10]),
                who=row.decided_by or "",
            )
        if keep == "incoming":
            _take_incoming(connection, row)
        connection.execute(
            update(_conflicts)
            .where(_conflicts.c.id == conflict_id)
            .values(
                status="resolved",
                decision=keep,
                decided_at=now_iso(),
                decided_by=f"{actor.officer} ({actor.os_user})",
                reason=reason,
            )
        )
        resolved = connection.execute(
            select(_conflicts).where(_conflicts.c.id == conflict_id)
        ).first()
    return _as_json(resolved)


def _conflict_row(connection: Connection, conflict_id: int):
    row = connection.execute(select(_conflicts).where(_conflicts.c.id == conflict_id)).first()
    if row is None:
        raise NotFound(N_("There is no conflict number {id}."), id=conflict_id)
    return row


def _take_incoming(connection: Connection, row) -> None:
    """The incoming version becomes the current one, as if it had replaced the stored one."""
    table = metadata.tables[KINDS[row.kind].table]
    current = connection.execute(
        select(table.c.id, table.c.revision, table.c.content_sha256).where(
            table.c.ward_code == row.ward_code, table.c.uuid == row.uuid
        )
    ).first()
    if current is None or (current.revision, current.content_sha256) != (
        row.stored_revision,
        row.stored_sha256,
    ):
        raise TiepCanError(
            N_(
                "A newer version of this record has arrived since the conflict was raised: keep the stored version."
            )
        )
    line = json.loads(row.incoming_record)
    record = Stored(
        line["uuid"],
        line["ward_code"],
        line["revision"],
        line["updated_at"],
        line["deleted"],
        line["content_sha256"],
        line["data"],
        key_generation=row.incoming_generation,
        line_sha256=hashlib.sha256(row.incoming_record.encode("utf-8")).hexdigest(),
    )
    spec = KINDS[row.kind]
    teams = {record.data["team"]} if record.data.get("team") else set()
    refs = Refs.load(connection, row.ward_code, spec.references(record.data), teams)
    replace_records(connection, row.kind, [(current.id, record)], refs)


# -- for the district's window: the queue and the two versions side by side ------------------

# The field that names a record of each kind in a list (design.md §2's kinds).
TITLE_FIELD = {
    "sessions": "title",
    "cases": "title",
    "people": "full_name",
    "teams": "name",
    "trainings": "topic",
}


def _ward_names(connection: Connection) -> dict[str, str]:
    keys = metadata.tables["ward_keys"]
    rows = connection.execute(
        select(keys.c.ward_code, keys.c.ward_name).order_by(keys.c.generation)
    )
    return dict(rows.all())  # the latest card's name wins, as in the list of wards


def conflict_queue(store: Store) -> list[dict]:
    """`list_conflicts`' entries, each with the ward's name and the record's title (as the
    incoming version names it: that copy is held whole, whatever the decision was)."""
    require_district(store)
    conflicts = list_conflicts(store)
    with store.read() as connection:
        wards = _ward_names(connection)
        lines = dict(
            connection.execute(select(_conflicts.c.id, _conflicts.c.incoming_record)).all()
        )
    for conflict in conflicts:
        # .get: an undo may have removed a conflict between the two reads.
        data = json.loads(lines.get(conflict["id"], "{}")).get("data") or {}
        conflict["ward_name"] = wards.get(conflict["ward_code"], conflict["ward_code"])
        conflict["title"] = data.get(TITLE_FIELD[conflict["kind"]]) or ""
    return conflicts


def conflict_versions(store: Store, conflict_id: int) -> dict:
    """Both versions of a conflict's record, to be compared field by field.

    {"conflict": the list entry, "stored": {"revision", "deleted", "data"}, "incoming": {…},
    "differing": field names, "names": uuid → name of the people and teams either refers to}.
    The stored side's data is None once the current row is no longer that version (the
    incoming one was taken, or a later version replaced it): the district keeps no old copies."""
    require_district(store)
    with store.read() as connection:
        row = connection.execute(select(_conflicts).where(_conflicts.c.id == conflict_id)).first()
        if row is None:
            raise NotFound(N_("There is no conflict number {id}."), id=conflict_id)
        spec = KINDS[row.kind]
        ids = find_ids(connection, row.kind, row.ward_code, [row.uuid])
        current = load_records(connection, row.kind, list(ids.values())).get(ids.get(row.uuid))
        held = current is not None and (
            current.revision,
            current.content_sha256,
            current.deleted,
        ) == (row.stored_revision, row.stored_sha256, bool(row.stored_deleted))
        stored = current.data if held else None
        incoming = json.loads(row.incoming_record)["data"]
        versions = [data for data in (stored, incoming) if data is not None]
        people = {uuid for data in versions for uuid in spec.references(data)}
        teams = {data["team"] for data in versions if data.get("team")}
        refs = Refs.load(connection, row.ward_code, people, teams)
    names = {uuid: refs.person_name(uuid) for uuid in people}
    names.update({uuid: refs.team_name(uuid) for uuid in teams})
    differing = (
        [f.name for f in spec.fields if stored.get(f.name) != incoming.get(f.name)]
        if stored is not None
        else []
    )
    return {
        "conflict": _as_json(row),
        "title": incoming.get(TITLE_FIELD[row.kind]) or "",
        "stored": {
            "revision": row.stored_revision,
            "deleted": bool(row.stored_deleted),
            "data": stored,
        },
        "incoming": {
            "revision": row.incoming_revision,
            "deleted": bool(row.incoming_deleted),
            "data": incoming,
        },
        "differing": differing,
        "names": {uuid: name for uuid, name in names.items() if name},
    }
