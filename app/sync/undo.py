"""Undo of a ward's last import at the district (design.md §4): its records, tombstones,
versions, open conflicts and last accepted seq go back exactly as they were before it, and the
bundle can be imported again. Refused when a conflict it raised has since been resolved."""

import json
from collections.abc import Callable

from sqlalchemy import Connection, delete, insert, select, update

from app.db.specific import specific
from app.db.store import Store
from app.errors import N_, TiepCanError
from app.models import (
    AcceptedBundle,
    Conflict,
    ImportJournalEntry,
    ImportUndoStep,
    RecordVersion,
    metadata,
)
from app.search import unindex_records
from app.services.audit import now_iso
from app.services.kinds import KINDS
from app.services.records import actor_for
from app.services.refs import Refs
from app.services.rows import Stored, find_ids, replace_records
from app.sync.merge import MERGE_ORDER

_steps = ImportUndoStep.__table__
_accepted = AcceptedBundle.__table__
_conflicts = Conflict.__table__
_versions = RecordVersion.__table__


def keep_undo(connection: Connection, ward: str, bundle_id: int, steps: list[dict]) -> None:
    """Remember what this import changed; forget what the ward's earlier import did (only the
    last one can be undone)."""
    connection.execute(delete(_steps).where(_steps.c.ward_code == ward))
    rows = [{"kind": None, "step": "import", "payload": {}}, *steps]
    connection.execute(
        insert(_steps),
        [
            {
                "accepted_bundle_id": bundle_id,
                "ward_code": ward,
                "kind": row["kind"],
                "step": row["step"],
                "payload": json.dumps(row["payload"], ensure_ascii=False),
            }
            for row in rows
        ],
    )


def _last_import(connection: Connection, ward: str):
    last = connection.execute(
        select(_accepted).where(_accepted.c.ward_code == ward).order_by(_accepted.c.id.desc())
    ).first()
    if last is None:
        raise TiepCanError(N_("Nothing to undo: no bundle of ward {ward} was imported."), ward=ward)
    marker = connection.execute(
        select(_steps.c.id).where(_steps.c.accepted_bundle_id == last.id, _steps.c.step == "import")
    ).first()
    if marker is None:
        raise TiepCanError(
            N_(
                "The last import of ward {ward} was already undone; only the last import can be undone."
            ),
            ward=ward,
        )
    return last


def import_to_undo(store: Store, ward: str) -> dict:
    """What `undo_last_import` would undo, to name it before asking: seq, key generation and
    when it was accepted. Refuses as the undo itself would when there is nothing to undo."""
    with store.read() as connection:
        last = _last_import(connection, ward)
    return {"seq": last.seq, "generation": last.generation, "accepted_at": last.accepted_at}


def undo_last_import(store: Store, ward: str, waiting: Callable[[str], None] | None = None) -> dict:
    """`waiting(ward)`: told when the undo waits for another operator's work on the ward."""
    from app.sync.importer import require_district

    require_district(store)
    with store.write(exclusive=False) as connection:
        specific(connection).ward_lock(connection, ward, waiting)  # after its import, whole
        last = _last_import(connection, ward)
        steps = connection.execute(
            select(_steps)
            .where(_steps.c.accepted_bundle_id == last.id)
            .order_by(_steps.c.id.desc())
        ).all()
        _refuse_if_settled(connection, steps)
        _refuse_if_decided_since(connection, ward, last, steps)
        # Each kind's steps backwards, the kinds in merge order: people and teams are as they
        # were before the cases and sessions whose search text names them are put back.
        steps = sorted(steps, key=lambda step: MERGE_ORDER.index(step.kind) if step.kind else -1)
        for step in steps:
            _undo_step(connection, ward, step.kind, step.step, json.loads(step.payload))
        connection.execute(delete(_versions).where(_versions.c.accepted_bundle_id == last.id))
        connection.execute(delete(_steps).where(_steps.c.accepted_bundle_id == last.id))
        connection.execute(delete(_accepted).where(_accepted.c.id == last.id))
        actor = actor_for(store)
        connection.execute(
            insert(ImportJournalEntry.__table__).values(
                at=now_iso(), officer=actor.officer, os_user=actor.os_user, file_name="",
                ward_code=ward, seq=last.seq, generation=last.generation, outcome="undone",
            )
        )  # fmt: skip
    return {"ward_code": ward, "seq": last.seq, "generation": last.generation}


def _touched(steps) -> set[tuple[str, str]]:
    """(kind, uuid) of every record the import inserted or replaced."""
    touched = set()
    for step in steps:
        payload = json.loads(step.payload)
        if step.step == "inserted":
            touched |= {(step.kind, uuid) for uuid in payload["uuids"]}
        elif step.step == "replaced":
            touched.add((step.kind, payload["uuid"]))
    return touched


def _refuse_if_decided_since(connection: Connection, ward: str, last, steps) -> None:
    """A person's decision on a record this import changed would be silently reversed."""
    decided = connection.execute(
        select(_conflicts.c.id, _conflicts.c.kind, _conflicts.c.uuid).where(
            _conflicts.c.ward_code == ward,
            _conflicts.c.status != "open",
            _conflicts.c.decided_at >= last.accepted_at,
        )
    ).all()
    touched = _touched(steps) if decided else set()
    for conflict_id, kind, uuid in decided:
        if (kind, uuid) in touched:
            raise TiepCanError(
                N_(
                    "This import cannot be undone: conflict number {id}, on a record it changed, has since been resolved."
                ),
                id=conflict_id,
            )


def _refuse_if_settled(connection: Connection, steps) -> None:
    raised = [json.loads(s.payload)["id"] for s in steps if s.step == "conflict"]
    if not raised:
        return
    settled = connection.execute(
        select(_conflicts.c.id).where(_conflicts.c.id.in_(raised), _conflicts.c.status != "open")
    ).first()
    if settled:
        raise TiepCanError(
            N_(
                "This import cannot be undone: conflict number {id}, which it raised, has since been resolved."
            ),
            id=settled.id,
        )


def _undo_step(connection: Connection, ward: str, kind: str | None, step: str, payload) -> None:
    if step == "inserted":
        table = metadata.tables[KINDS[kind].table]
        ids = list(find_ids(connection, kind, ward, payload["uuids"]).values())
        unindex_records(connection, kind, ids)
        for start in range(0, len(ids), 500):
            connection.execute(delete(table).where(table.c.id.in_(ids[start : start + 500])))
    elif step == "replaced":
        record_id = payload.pop("id")
        before = Stored(**payload)
        spec = KINDS[kind]
        teams = {before.data["team"]} if before.data.get("team") else set()
        refs = Refs.load(connection, ward, spec.references(before.data), teams)
        replace_records(connection, kind, [(record_id, before)], refs)
    elif step == "conflict":
        connection.execute(delete(_conflicts).where(_conflicts.c.id == payload["id"]))
    elif step == "copy":
        connection.execute(
            update(_conflicts)
            .where(_conflicts.c.id == payload["id"])
            .values(incoming_record=payload["incoming_record"])
        )
    elif step == "warned":
        connection.execute(
            update(_versions)
            .where(_versions.c.id.in_(payload["ids"]))
            .values(rollback_warned=False)
        )
