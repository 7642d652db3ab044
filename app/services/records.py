"""The verbs on records: create, update, delete, restore, get, list, history.

Each write is validate → take revisions → write rows, children and search text → audit, in one
transaction. The GUI's save and the command line call the same functions; they get plain dicts
back, never live ORM objects."""

import uuid as uuid_module

from sqlalchemy import Connection, text

from app.canonical import content_sha256
from app.db.sqlite import SEARCH_TABLES
from app.db.store import Store
from app.errors import N_, Msg, NotFound, RecordError, SetupError
from app.search import forget_folded, match_expression
from app.services import audit
from app.services.audit import Actor, Change, now_iso
from app.services.fields import forget_repeats, normalise_object
from app.services.kinds import KINDS, Kind
from app.services.refs import Refs
from app.services.rows import Stored, find_ids, insert_records, load_records, replace_records

DEFAULT_ORDER = {
    "sessions": "held_on DESC, id DESC",
    "cases": "received_on DESC, id DESC",
    "people": "sort_key, id",
    "teams": "name, id",
    "trainings": "held_on DESC, id DESC",
}


def kind_of(name: str) -> Kind:
    try:
        return KINDS[name]
    except KeyError:
        raise ValueError(f"unknown kind {name!r}") from None


def actor_for(store: Store) -> Actor:
    return Actor.current(store.installation["officer_name"])


def _require_ward(store: Store) -> None:
    if store.role != "ward":
        raise SetupError(N_("A district installation keeps no records of its own."))


# -- validation ------------------------------------------------------------------------------


def validate_batch(connection: Connection, kind: Kind, ward_code: str, items: list[dict]):
    """Normalised copies of `items` and the references they use. A problem in item i is raised
    as a RecordError whose `index` is i."""
    normalised = []
    for index, item in enumerate(items):
        try:
            normalised.append(normalise_object(kind.fields, item, ""))
        except RecordError as error:
            error.index = index
            raise
    people = {uuid for data in normalised for uuid in kind.references(data)}
    teams = {data["team"] for data in normalised if data.get("team")}
    refs = Refs.load(connection, ward_code, people, teams)
    for index, data in enumerate(normalised):
        try:
            kind.check(data, refs)
        except RecordError as error:
            error.index = index
            raise
    return normalised, refs


def validate(store: Store, kind_name: str, data: dict) -> dict:
    """Check a record's data without saving it (a form's live check)."""
    with store.read() as connection:
        normalised, _ = validate_batch(connection, kind_of(kind_name), store.unit_code, [data])
    return normalised[0]


# -- writes ----------------------------------------------------------------------------------


def create(store: Store, kind_name: str, data: dict, *, uuid: str | None = None) -> dict:
    return create_many(store, kind_name, [data], uuids=[uuid] if uuid else None)[0]


def create_many(
    store: Store, kind_name: str, items: list[dict], *, uuids: list[str] | None = None
) -> list[dict]:
    """Create records in one transaction (the GUI saves one; imports and demo data save many)."""
    _require_ward(store)
    kind = kind_of(kind_name)
    ward = store.unit_code
    actor = actor_for(store)
    with store.write() as connection:
        normalised, refs = validate_batch(connection, kind, ward, items)
        new_uuids = uuids or [str(uuid_module.uuid4()) for _ in normalised]
        first = store.counters.allocate_revisions(len(normalised))
        at = now_iso()
        records = [
            Stored(uid, ward, first + i, at, False, content_sha256(data), data)
            for i, (uid, data) in enumerate(zip(new_uuids, normalised, strict=True))
        ]
        insert_records(connection, kind_name, records, refs)
        audit.record_changes(
            connection,
            actor,
            at,
            [Change(kind_name, r.uuid, ward, "create", r.revision, None, r.data) for r in records],
        )
    forget_repeats()
    forget_folded()
    return [record.as_dict() for record in records]


def _load_one(connection: Connection, kind_name: str, ward: str, uuid: str) -> tuple[int, Stored]:
    ids = find_ids(connection, kind_name, ward, [uuid])
    if uuid not in ids:
        raise NotFound(
            N_("No {kind} with this identifier was found."), kind=Msg(KINDS[kind_name].label)
        )
    record_id = ids[uuid]
    return record_id, load_records(connection, kind_name, [record_id])[record_id]


def update(store: Store, kind_name: str, uuid: str, changes: dict) -> dict:
    """Change some fields of a live record. A save that changes nothing takes no revision."""
    _require_ward(store)
    kind = kind_of(kind_name)
    ward = store.unit_code
    with store.write() as connection:
        record_id, current = _load_one(connection, kind_name, ward, uuid)
        if current.deleted:
            raise RecordError("", N_("This record has been deleted; restore it before editing."))
        merged = {**current.data, **changes}
        normalised, refs = validate_batch(connection, kind, ward, [merged])
        data = normalised[0]
        digest = content_sha256(data)
        if digest == current.content_sha256:
            return current.as_dict()
        updated = Stored(uuid, ward, 0, now_iso(), False, digest, data)
        updated.revision = store.counters.allocate_revisions(1)
        replace_records(connection, kind_name, [(record_id, updated)], refs)
        change = Change(kind_name, uuid, ward, "update", updated.revision, current.data, data)
        audit.record_changes(connection, actor_for(store), updated.updated_at, [change])
    return updated.as_dict()


def _set_deleted(store: Store, kind_name: str, uuid: str, deleted: bool) -> dict:
    _require_ward(store)
    kind = kind_of(kind_name)
    ward = store.unit_code
    with store.write() as connection:
        record_id, current = _load_one(connection, kind_name, ward, uuid)
        if current.deleted == deleted:
            return current.as_dict()
        people = kind.references(current.data)
        teams = {current.data["team"]} if current.data.get("team") else set()
        refs = Refs.load(connection, ward, people, teams)
        changed = Stored(uuid, ward, 0, now_iso(), deleted, current.content_sha256, current.data)
        changed.revision = store.counters.allocate_revisions(1)
        replace_records(connection, kind_name, [(record_id, changed)], refs)
        action, before, after = (
            ("delete", current.data, None) if deleted else ("restore", None, current.data)
        )
        change = Change(kind_name, uuid, ward, action, changed.revision, before, after)
        audit.record_changes(connection, actor_for(store), changed.updated_at, [change])
    return changed.as_dict()


def delete(store: Store, kind_name: str, uuid: str) -> dict:
    """A tombstone with a new revision (design.md §2); `restore` undoes it."""
    return _set_deleted(store, kind_name, uuid, True)


def restore(store: Store, kind_name: str, uuid: str) -> dict:
    return _set_deleted(store, kind_name, uuid, False)


# -- reads -----------------------------------------------------------------------------------


def get(store: Store, kind_name: str, uuid: str, *, ward_code: str | None = None) -> dict:
    with store.read() as connection:
        _, record = _load_one(connection, kind_name, ward_code or store.unit_code, uuid)
    return record.as_dict()


def list_records(
    store: Store,
    kind_name: str,
    *,
    search: str = "",
    include_deleted: bool = False,
    ward_code: str | None = None,
    limit: int = 100,
    offset: int = 0,
) -> list[dict]:
    """Records of one ward (this one by default), in the kind's natural order, optionally
    filtered by folded search."""
    kind = kind_of(kind_name)
    where, params = ["ward_code = :ward"], {"ward": ward_code or store.unit_code}
    if not include_deleted:
        where.append("deleted = 0")
    expression = match_expression(search)
    if expression:
        table = SEARCH_TABLES[kind_name]
        where.append(f"id IN (SELECT rowid FROM {table} WHERE {table} MATCH :q)")
        params["q"] = expression
    sql = (
        f"SELECT id FROM {kind.table} WHERE {' AND '.join(where)} "
        f"ORDER BY {DEFAULT_ORDER[kind_name]} LIMIT :limit OFFSET :offset"
    )
    with store.read() as connection:
        ids = [
            row[0]
            for row in connection.execute(text(sql), {**params, "limit": limit, "offset": offset})
        ]
        records = load_records(connection, kind_name, ids)
    return [records[i].as_dict() for i in ids]


def history(store: Store, kind_name: str, uuid: str) -> list[dict]:
    kind_of(kind_name)
    with store.read() as connection:
        return audit.history(connection, kind_name, uuid)
