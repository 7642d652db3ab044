"""Records as table rows: writing a record's data (parent row, child rows, search text) and
reading it back. Shared by the services and the district's import, so both store alike."""

import json
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

import orjson
from sqlalchemy import Connection, Select, bindparam, delete, select

from app.db.specific import specific
from app.models import metadata
from app.names import name_sort_key
from app.search import clear_index, folded_text, index_records, unindex_records
from app.services.fields import Spec
from app.services.kinds import KINDS, Child, Kind
from app.services.refs import Refs

SYNC_COLUMNS = (
    "uuid",
    "ward_code",
    "revision",
    "updated_at",
    "deleted",
    "content_sha256",
    "key_generation",
    "line_sha256",
)
_JSON_TYPES = ("codes", "strings", "objects")


@dataclass
class Stored:
    """One version of a record: its sync fields and its data."""

    uuid: str
    ward_code: str
    revision: int
    updated_at: str
    deleted: bool
    content_sha256: str
    data: dict
    key_generation: int | None = None  # at the district only (design.md §2)
    line_sha256: str | None = None  # at the district only: the travelling line it came from

    def as_dict(self) -> dict:
        """The plain result the services hand back (no deep copy: `data` is not shared)."""
        return {
            "uuid": self.uuid,
            "ward_code": self.ward_code,
            "revision": self.revision,
            "updated_at": self.updated_at,
            "deleted": self.deleted,
            "content_sha256": self.content_sha256,
            "data": self.data,
        }

    def sync_values(self) -> tuple:
        return (
            self.uuid,
            self.ward_code,
            self.revision,
            self.updated_at,
            self.deleted,
            self.content_sha256,
            self.key_generation,
            self.line_sha256,
        )


# -- layout, computed once per kind ----------------------------------------------------------


@cache
def parent_specs(kind_name: str) -> tuple[Spec, ...]:
    kind = KINDS[kind_name]
    return tuple(spec for spec in kind.fields if kind.child(spec.name) is None)


@cache
def parent_columns(kind_name: str) -> tuple[str, ...]:
    columns = SYNC_COLUMNS + tuple(spec.column_name for spec in parent_specs(kind_name))
    return (*columns, "sort_key") if kind_name == "people" else columns


@cache
def child_columns(kind_name: str, field: str) -> tuple[str, ...]:
    kind = KINDS[kind_name]
    spec = kind.by_name[field]
    own = ("person_uuid",) if spec.type == "uuids" else tuple(s.column_name for s in spec.fields)
    return ("position", kind.child(field).parent_column, *own)


# -- data → rows -----------------------------------------------------------------------------


def _encode(value: list) -> str:
    # Compact UTF-8 JSON, as json.dumps(separators=(",", ":"), ensure_ascii=False) writes it.
    return orjson.dumps(value).decode("utf-8")


@cache
def _json_columns(kind_name: str) -> tuple[bool, ...]:
    return tuple(spec.type in _JSON_TYPES for spec in parent_specs(kind_name))


def _parent_values(kind: Kind, record: Stored) -> tuple:
    data = record.data
    values = []
    for spec, is_json in zip(parent_specs(kind.name), _json_columns(kind.name), strict=True):
        value = data[spec.name]
        if is_json:
            value = _encode(value) if value else "[]"
        values.append(value)
    if kind.name == "people":
        values.append(name_sort_key(data["full_name"]))
    return record.sync_values() + tuple(values)


def _child_rows(kind: Kind, child: Child, parent_id: int, data: dict) -> list[tuple]:
    spec = kind.by_name[child.field]
    if spec.type == "uuids":
        return [(i, parent_id, uuid) for i, uuid in enumerate(data[child.field])]
    names = [s.name for s in spec.fields]
    return [
        (i, parent_id, *(item[name] for name in names)) for i, item in enumerate(data[child.field])
    ]


def _write_children(connection: Connection, kind: Kind, pairs: list[tuple[int, dict]]) -> None:
    for child in kind.children:
        rows = [
            row for parent_id, data in pairs for row in _child_rows(kind, child, parent_id, data)
        ]
        table = metadata.tables[child.table]
        columns = child_columns(kind.name, child.field)
        specific(connection).insert_many(connection, table, columns, rows)


def _search_entries(kind: Kind, pairs: list[tuple[int, Stored]], refs: Refs) -> list:
    return [
        (record_id, folded_text(kind.search_text(record.data, refs)))
        for record_id, record in pairs
        if not record.deleted
    ]


def insert_records(
    connection: Connection, kind_name: str, records: list[Stored], refs: Refs
) -> list[int]:
    """Insert new records with their children and search text; returns their ids.

    Ids are assigned here, under the write lock, so parents and children go in with one
    executemany each instead of a round trip per row."""
    if not records:
        return []
    kind = KINDS[kind_name]
    table = metadata.tables[kind.table]
    engine = specific(connection)
    ids = engine.allocate_ids(connection, table, len(records))
    engine.insert_many(
        connection,
        table,
        ("id", *parent_columns(kind_name)),
        [(i, *_parent_values(kind, r)) for i, r in zip(ids, records, strict=True)],
    )
    pairs = list(zip(ids, records, strict=True))
    _write_children(connection, kind, [(i, r.data) for i, r in pairs])
    index_records(connection, kind_name, _search_entries(kind, pairs, refs), fresh=True)
    return ids


def replace_records(
    connection: Connection, kind_name: str, pairs: list[tuple[int, Stored]], refs: Refs
) -> None:
    """Overwrite existing records (by id) with new versions: row, children, search text."""
    if not pairs:
        return
    kind = KINDS[kind_name]
    specific(connection).update_many(
        connection,
        metadata.tables[kind.table],
        parent_columns(kind_name),
        "id",
        [(*_parent_values(kind, record), record_id) for record_id, record in pairs],
    )
    ids = [record_id for record_id, _ in pairs]
    for child in kind.children:
        table = metadata.tables[child.table]
        for start in range(0, len(ids), CHUNK):
            connection.execute(
                delete(table).where(table.c[child.parent_column].in_(ids[start : start + CHUNK]))
            )
    _write_children(connection, kind, [(i, r.data) for i, r in pairs])
    unindex_records(connection, kind_name, [record_id for record_id, _ in pairs])
    index_records(connection, kind_name, _search_entries(kind, pairs, refs))


def rebuild_search_index(connection: Connection, kind_name: str) -> int:
    """Index every live record of a kind afresh (after a migration emptied its search table, or
    to repair it). Returns how many records were indexed."""
    clear_index(connection, kind_name)
    kind = KINDS[kind_name]
    table = metadata.tables[kind.table]
    wards = connection.execute(select(table.c.ward_code).distinct()).scalars().all()
    indexed = 0
    for ward in wards:
        ids = (
            connection.execute(
                select(table.c.id)
                .where(table.c.ward_code == ward, table.c.deleted.is_(False))
                .order_by(table.c.id)
            )
            .scalars()
            .all()
        )
        for start in range(0, len(ids), 2_000):
            records = load_records(connection, kind_name, ids[start : start + 2_000])
            people = {uuid for r in records.values() for uuid in kind.references(r.data)}
            teams = {r.data["team"] for r in records.values() if r.data.get("team")}
            refs = Refs.load(connection, ward, people, teams)
            entries = _search_entries(kind, list(records.items()), refs)
            index_records(connection, kind_name, entries, fresh=True)
            indexed += len(entries)
    return indexed


# -- rows → data -----------------------------------------------------------------------------


def _from_column(spec: Spec, value):
    if value is None:
        return spec.empty
    if spec.type in _JSON_TYPES:
        return json.loads(value)
    if spec.type == "bool":
        return bool(value)
    return value


CHUNK = 500  # ids per statement: far below SQLite's bound-parameter limit


@cache
def _records_statement(kind_name: str) -> Select:
    table = metadata.tables[KINDS[kind_name].table]
    columns = ("id", *SYNC_COLUMNS, *(spec.column_name for spec in parent_specs(kind_name)))
    return select(*(table.c[name] for name in columns)).where(
        table.c.id.in_(bindparam("ids", expanding=True))
    )


def load_records(connection: Connection, kind_name: str, ids: list[int]) -> dict[int, Stored]:
    """The stored versions of the given record ids (missing ids are left out)."""
    if len(ids) > CHUNK:
        records: dict[int, Stored] = {}
        for start in range(0, len(ids), CHUNK):
            records.update(load_records(connection, kind_name, ids[start : start + CHUNK]))
        return records
    if not ids:
        return {}
    kind = KINDS[kind_name]
    specs = parent_specs(kind_name)
    rows = connection.execute(_records_statement(kind_name), {"ids": ids}).all()
    records: dict[int, Stored] = {}
    for row in rows:
        record_id, uuid, ward, revision, updated, deleted, sha, generation, line, *values = row
        data = {spec.name: _from_column(spec, v) for spec, v in zip(specs, values, strict=True)}
        records[record_id] = Stored(
            uuid, ward, revision, updated, bool(deleted), sha, data, generation, line
        )
    for child in kind.children:
        _load_children(connection, kind, child, records)
    # Keep the data's keys in the kind's field order: the same dict whoever built it.
    for record in records.values():
        record.data = {spec.name: record.data[spec.name] for spec in kind.fields}
    return records


@cache
def _children_statement(kind_name: str, field: str) -> Select:
    child = KINDS[kind_name].child(field)
    table = metadata.tables[child.table]
    parent = table.c[child.parent_column]
    return (
        select(*(table.c[name] for name in child_columns(kind_name, field)))
        .where(parent.in_(bindparam("ids", expanding=True)))
        .order_by(parent, table.c.position)
    )


def _load_children(connection: Connection, kind: Kind, child: Child, records: dict) -> None:
    spec = kind.by_name[child.field]
    found: dict[int, list] = defaultdict(list)
    rows = connection.execute(_children_statement(kind.name, child.field), {"ids": list(records)})
    for _position, parent_id, *values in rows:
        if spec.type == "uuids":
            found[parent_id].append(values[0])
        else:
            found[parent_id].append(
                {s.name: _from_column(s, v) for s, v in zip(spec.fields, values, strict=True)}
            )
    for record_id, record in records.items():
        record.data[child.field] = found.get(record_id, [])


def find_ids(connection: Connection, kind_name: str, ward_code: str, uuids: list[str]) -> dict:
    """uuid → id for the records of one ward."""
    statement = _ids_statement(kind_name)
    found = {}
    for start in range(0, len(uuids), 900):
        rows = connection.execute(statement, {"w": ward_code, "u": uuids[start : start + 900]})
        found.update(dict(rows.all()))
    return found


@cache
def _ids_statement(kind_name: str) -> Select:
    table = metadata.tables[KINDS[kind_name].table]
    return select(table.c.uuid, table.c.id).where(
        table.c.ward_code == bindparam("w"), table.c.uuid.in_(bindparam("u", expanding=True))
    )
