"""The verbs on records: create, update, delete, restore, get, list, history.

Each write is validate → take revisions → write rows, children and search text → audit, in one
transaction. The GUI's save and the command line call the same functions; they get plain dicts
back, never live ORM objects."""

import uuid as uuid_module
from functools import cache

from sqlalchemy import Connection, Select, bindparam, select

from app.canonical import content_sha256
from app.db.store import Store
from app.errors import N_, Msg, NotFound, RecordError, SetupError
from app.models import metadata
from app.search import forget_folded, search_select
from app.services import audit
from app.services.audit import Actor, Change, now_iso
from app.services.fields import forget_repeats, normalise_object
from app.services.kinds import KINDS, Kind
from app.services.refs import Refs
from app.services.rows import Stored, find_ids, insert_records, load_records, replace_records

# Each kind's natural order: (column, descending), then the id the same way.
DEFAULT_ORDER = {
    "sessions": ("held_on", True),
    "cases": ("received_on", True),
    "people": ("sort_key", False),
    "teams": ("name", False),
    "trainings": ("held_on", True),
}


@cache
def _page_of_ids(kind_name: str, include_deleted: bool) -> Select:
    """A page of one ward's record ids in the kind's natural order (built once per kind)."""
    table = metadata.tables[KINDS[kind_name].table]
    column, descending = DEFAULT_ORDER[kind_name]
    order = (table.c[column], table.c.id)
    query = select(table.c.id).where(table.c.ward_code == bindparam("ward"))
    if not include_deleted:
        query = query.where(table.c.deleted.is_(False))
    return (
        query.order_by(*(c.desc() for c in order) if descending else order)
        .limit(bindparam("limit"))
        .offset(bindparam("offset"))
    )


def kind_of(name: str) -> Kind:
    try:
        return KINDS[name]
    except KeyError:
        raise ValueError(f"unknown kind {name!r}") from None


def actor_for(store: Store) -> Actor:
    return Actor.current(store.officer_name)


def _require_ward(store: Store) -> None:
    if store.role != "ward":
        raise SetupError(N_("A district installation keeps no records of its own."))


# -- validation ------------------------------------------------------------------------------


_SEAL = object()  # only this module makes a Normalised


class Normalised:
    """A record's data exactly as the services' validation left it (normalised, then checked),
    sealed: made only here (validate_each), and holding data no caller holds. create_many takes
    it in place of a dict and writes a copy of it without normalising it a second time; its
    references are checked again in the writing transaction, as every item's are. (A
    spreadsheet's dry run validates 20,000 rows; the import then need not redo it.)"""

    __slots__ = ("_data", "kind")

    def __init__(self, seal: object, kind: str, data: dict):
        if seal is not _SEAL:
            raise TypeError("only the records service makes a Normalised")
        self.kind, self._data = kind, data

    def copy(self) -> dict:
        return _copy(KINDS[self.kind].fields, self._data)

    def matches(self, data: dict) -> bool:
        """Whether `data` still equals what was validated (the caller's copy was not changed)."""
        return self._data == data

    def data_for(self, kind: Kind) -> dict:
        if kind.name != self.kind:
            raise ValueError(f"{self.kind} data sealed, written as {kind.name}")
        return _copy(kind.fields, self._data)


_LISTS: dict[int, tuple] = {}  # per tuple of specs: its list fields, and their members' specs


def _copy(specs: tuple, data: dict) -> dict:
    """A copy of normalised data sharing no list or dict with it: every key is there, and only
    the list fields (of codes, texts, uuids, or entries of their own) hold anything mutable."""
    lists = _LISTS.get(id(specs))
    if lists is None:
        lists = _LISTS[id(specs)] = tuple(
            (spec.name, spec.fields if spec.type == "objects" else None)
            for spec in specs
            if spec.empty == []
        )
    copied = data.copy()
    for name, members in lists:
        value = data[name]
        copied[name] = [_copy(members, item) for item in value] if members else value.copy()
    return copied


def validate_each(store: Store, kind_name: str, items: list[dict]) -> list:
    """Each item validated as create_many validates it (normalised, then checked against the
    ward's people and teams), without stopping at the first problem: per item, its data sealed
    (a Normalised, for create_many; `copy()` gives them) or its RecordError. Writes nothing."""
    kind = kind_of(kind_name)
    results: list = []
    for item in items:
        try:
            results.append(normalise_object(kind.fields, item, ""))
        except RecordError as error:
            results.append(error)
    valid = [data for data in results if type(data) is dict]
    people = {uuid for data in valid for uuid in kind.references(data)}
    teams = {data["team"] for data in valid if data.get("team")}
    with store.read() as connection:
        refs = Refs.load(connection, store.unit_code, people, teams)
    for index, data in enumerate(results):
        if type(data) is not dict:
            continue
        try:
            kind.check(data, refs)
        except RecordError as error:
            results[index] = error
        else:
            results[index] = Normalised(_SEAL, kind_name, data)
    return results


def validate_batch(connection: Connection, kind: Kind, ward_code: str, items: list):
    """Normalised copies of `items` (dicts, or Normalised taken as sealed) and the references
    they use. A problem in item i is raised as a RecordError whose `index` is i."""
    normalised = []
    for index, item in enumerate(items):
        if type(item) is Normalised:
            normalised.append(item.data_for(kind))
            continue
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
    store: Store,
    kind_name: str,
    items: list,
    *,
    uuids: list[str] | None = None,
    sources: list[str] | None = None,
) -> list[dict]:
    """Create records in one transaction (the GUI saves one; imports and demo data save many).
    Each item is a dict, or a Normalised (validate_each's seal, written without normalising
    it again). `sources`: per item, where it came from, for the audit (audit.sheet_source)."""
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
            [
                Change(kind_name, r.uuid, ward, "create", r.revision, None, r.data, source)
                for r, source in zip(records, sources or [None] * len(records), strict=True)
            ],
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
    kind_of(kind_name)
    query = _page_of_ids(kind_name, include_deleted)
    params = {"ward": ward_code or store.unit_code, "limit": limit, "offset": offset}
    with store.read() as connection:
        found = search_select(connection, kind_name, search)
        if found is not None:
            query = query.where(query.selected_columns.id.in_(found.order_by(None)))
        ids = list(connection.execute(query, params).scalars())
        records = load_records(connection, kind_name, ids)
    return [records[i].as_dict() for i in ids]


def history(store: Store, kind_name: str, uuid: str) -> list[dict]:
    kind_of(kind_name)
    with store.read() as connection:
        return audit.history(connection, kind_name, uuid)
