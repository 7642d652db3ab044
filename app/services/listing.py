"""The lists the GUI shows, as SQL in one place: columns, filters, order, and paging by id.

A list is first a query for the ordered ids of the matching records (cheap even for 100,000
rows), then the display rows of whichever ids come into view."""

from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache

from sqlalchemy import bindparam, select, text

from app.db.sqlite import SEARCH_TABLES
from app.db.store import Store
from app.i18n import N_
from app.models import WardKey, metadata
from app.search import match_expression
from app.text import fold


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # msgid
    sql: str  # expression over the kind's table, aliased `r`
    sort: str | None = None  # expression to order by, if not `sql`
    # text | names (a list of people: cut at its end, never into a made-up name) | date | int |
    # year (a plain number) | bool | enum:<name> | roles
    type: str = "text"
    width: int = 120


@dataclass(frozen=True)
class ListSpec:
    table: str
    columns: tuple[Column, ...]
    default_sort: str  # a column key
    default_descending: bool = False
    date_column: str | None = None  # what a period filter applies to
    filters: dict[str, str] = field(default_factory=dict)  # filter name → SQL with :value


# A deleted person or team is left out of every column: the record keeps its reference (an
# undo brings it back), but the list shows and counts only what is live, as the overview and
# the reports do.
_PRESENTERS = (
    "(SELECT group_concat(p.full_name, ', ') FROM session_presenters sp JOIN people p "
    "ON p.uuid = sp.person_uuid AND p.ward_code = r.ward_code AND p.deleted = 0 "
    "WHERE sp.session_id = r.id)"
)
_MEDIATORS = (
    "(SELECT group_concat(p.full_name, ', ') FROM case_mediators cm JOIN people p "
    "ON p.uuid = cm.person_uuid AND p.ward_code = r.ward_code AND p.deleted = 0 "
    "WHERE cm.case_id = r.id)"
)
_TEAM_NAME = (
    "(SELECT t.name FROM teams t WHERE t.uuid = r.team_uuid AND t.ward_code = r.ward_code "
    "AND t.deleted = 0)"
)
_MEMBER_COUNT = (
    "(SELECT count(DISTINCT p.id) FROM team_members m JOIN people p ON p.uuid = m.person_uuid "
    "AND p.ward_code = r.ward_code AND p.deleted = 0 WHERE m.team_id = r.id)"
)
_WOMEN_COUNT = (
    "(SELECT count(DISTINCT p.id) FROM team_members m JOIN people p ON p.uuid = m.person_uuid "
    "AND p.ward_code = r.ward_code AND p.deleted = 0 WHERE m.team_id = r.id "
    "AND p.gender = 'female')"
)
_LEADER = (
    "(SELECT p.full_name FROM team_members m JOIN people p ON p.uuid = m.person_uuid "
    "AND p.ward_code = r.ward_code AND p.deleted = 0 WHERE m.team_id = r.id AND m.is_leader)"
)
_ROLES = "(SELECT group_concat(role, ' ') FROM person_roles pr WHERE pr.person_id = r.id)"
_ATTENDEE_COUNT = (
    "(SELECT count(DISTINCT p.id) FROM training_attendees a JOIN people p "
    "ON p.uuid = a.person_uuid AND p.ward_code = r.ward_code AND p.deleted = 0 "
    "WHERE a.training_id = r.id)"
)

LISTS: dict[str, ListSpec] = {
    "sessions": ListSpec(
        "sessions",
        (
            Column("held_on", N_("Date"), "r.held_on", type="date", width=90),
            Column("title", N_("Title"), "r.title", width=320),
            Column("hamlet", N_("Village / residential group"), "r.hamlet", width=150),
            Column("form", N_("Form"), "r.form", type="enum:session_form", width=200),
            Column("direct", N_("Direct"), "r.direct", type="bool", width=60),
            Column("attendees", N_("Number attending"), "r.attendees", type="int", width=130),
            Column("presenters", N_("Presenters"), _PRESENTERS, type="names", width=200),
        ),
        "held_on",
        True,
        date_column="r.held_on",
        filters={"form": "r.form = :form", "direct": "r.direct = :direct"},
    ),
    "cases": ListSpec(
        "cases",
        (
            Column("received_on", N_("Date received"), "r.received_on", type="date", width=120),
            Column("book_number", N_("Logbook number"), "r.book_number", type="year", width=110),
            Column("title", N_("Case title"), "r.title", width=280),
            Column("team", N_("Mediation team"), _TEAM_NAME, width=170),
            Column(
                "scope_group",
                N_("Kind of dispute"),
                "r.scope_group",
                type="enum:scope_group",
                width=170,
            ),
            Column("result", N_("Result"), "r.result", type="enum:result", width=140),
            Column("mediators", N_("Mediators"), _MEDIATORS, type="names", width=200),
        ),
        "received_on",
        True,
        date_column="r.received_on",
        filters={"result": "r.result = :result", "team": "r.team_uuid = :team"},
    ),
    "people": ListSpec(
        "people",
        (
            Column("full_name", N_("Full name"), "r.full_name", sort="r.sort_key", width=200),
            Column("gender", N_("Gender"), "r.gender", type="enum:gender", width=70),
            Column("birth_year", N_("Year of birth"), "r.birth_year", type="year", width=90),
            Column("roles", N_("Roles"), _ROLES, type="roles", width=120),
            Column("hamlet", N_("Village / residential group"), "r.hamlet", width=160),
            Column("position", N_("Position"), "r.position", width=160),
        ),
        "full_name",
        filters={
            "role": "EXISTS (SELECT 1 FROM person_roles pr WHERE pr.person_id = r.id AND pr.role = :role)"
        },
    ),
    "teams": ListSpec(
        "teams",
        (
            Column("name", N_("Team name"), "r.name", width=220),
            Column("hamlet", N_("Village / residential group"), "r.hamlet", width=170),
            Column("leader", N_("Team leader"), _LEADER, width=180),
            Column("members", N_("Mediators"), _MEMBER_COUNT, type="int", width=90),
            Column("women", N_("Women"), _WOMEN_COUNT, type="int", width=70),
        ),
        "name",
    ),
    "trainings": ListSpec(
        "trainings",
        (
            Column("held_on", N_("Date"), "r.held_on", type="date", width=90),
            Column("topic", N_("Topic"), "r.topic", width=320),
            Column("organiser", N_("Organised by"), "r.organiser", width=200),
            Column("attendees", N_("Attendees"), _ATTENDEE_COUNT, type="int", width=90),
        ),
        "held_on",
        True,
        date_column="r.held_on",
    ),
}


# The ward's name as its latest key card gave it: a district lists every ward's records.
_WARD_NAME = (
    "(SELECT k.ward_name FROM ward_keys k WHERE k.ward_code = r.ward_code "
    "ORDER BY k.generation DESC LIMIT 1)"
)


@cache
def _merged(kind: str) -> ListSpec:
    spec = LISTS[kind]
    ward = Column("ward", N_("Ward"), _WARD_NAME, sort="r.ward_code", width=170)
    return replace(
        spec,
        columns=(ward, *spec.columns),
        filters={**spec.filters, "ward": "r.ward_code = :ward"},
    )


def list_spec(store: Store, kind: str) -> ListSpec:
    """A ward lists its own records; a district every ward's, with the ward first and a filter
    by ward."""
    return _merged(kind) if store.role == "district" else LISTS[kind]


@dataclass
class Query:
    kind: str
    search: str = ""
    date_from: str | None = None  # ISO, inclusive
    date_to: str | None = None
    filters: dict[str, object] = field(default_factory=dict)
    sort: str | None = None  # column key
    descending: bool | None = None


def list_ids(store: Store, query: Query) -> list[int]:
    spec = list_spec(store, query.kind)
    where, params = ["r.deleted = 0"], {}
    if store.role != "district":
        where.append("r.ward_code = :own_ward")
        params["own_ward"] = store.unit_code
    expression = match_expression(query.search)
    if expression:
        table = SEARCH_TABLES[query.kind]
        where.append(f"r.id IN (SELECT rowid FROM {table} WHERE {table} MATCH :q)")
        params["q"] = expression
    if spec.date_column and query.date_from:
        where.append(f"{spec.date_column} >= :date_from")
        params["date_from"] = query.date_from
    if spec.date_column and query.date_to:
        where.append(f"{spec.date_column} <= :date_to")
        params["date_to"] = query.date_to
    for name, value in query.filters.items():
        if value is not None and name in spec.filters:
            where.append(spec.filters[name])
            params[name] = value
    columns = {column.key: column for column in spec.columns}
    column = columns.get(query.sort or spec.default_sort, columns[spec.default_sort])
    descending = spec.default_descending if query.descending is None else query.descending
    direction = "DESC" if descending else "ASC"
    order = f"{column.sort or column.sql} {direction}, r.id {direction}"
    sql = f"SELECT r.id FROM {spec.table} r WHERE {' AND '.join(where)} ORDER BY {order}"
    with store.read() as connection:
        # Straight from the driver: a list can hold 100,000 ids, and per-row wrapping would
        # cost more than the query itself.
        cursor = connection.connection.dbapi_connection.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def list_rows(store: Store, kind: str, ids: list[int]) -> dict[int, tuple]:
    """Display values (in column order) of the given ids; the uuid comes first."""
    spec = list_spec(store, kind)
    select = ", ".join(column.sql for column in spec.columns)
    sql = text(f"SELECT r.id, r.uuid, {select} FROM {spec.table} r WHERE r.id IN :ids").bindparams(
        bindparam("ids", expanding=True)
    )
    rows: dict[int, tuple] = {}
    with store.read() as connection:
        for start in range(0, len(ids), 500):
            for row in connection.execute(sql, {"ids": ids[start : start + 500]}):
                rows[row[0]] = tuple(row[1:])
    return rows


# A mediator today: an HGV role whose decision (if dated) is not in the future and which has not
# ended (no end date, or one not before today), as the overview counts people holding a role.
_MEDIATOR_TODAY = (
    "EXISTS (SELECT 1 FROM person_roles pr WHERE pr.person_id = r.id AND pr.role = 'HGV' "
    "AND (pr.decision_date IS NULL OR pr.decision_date <= :today) "
    "AND (pr.end_date IS NULL OR pr.end_date >= :today))"
)


def choices(store: Store, kind: str, ward_code: str | None = None) -> list[tuple[str, str]]:
    """(uuid, label) of live people or teams of a ward (this one's by default), for pickers;
    kind "mediators" gives the people recognised as mediators today."""
    if kind == "teams":
        sql = "SELECT uuid, name || ' – ' || hamlet FROM teams WHERE ward_code = :w AND deleted = 0 ORDER BY name"
    else:
        only = f"AND {_MEDIATOR_TODAY}" if kind == "mediators" else ""
        sql = (
            "SELECT r.uuid, r.full_name || coalesce(' – ' || r.hamlet, '') || coalesce(' (' || "
            f"{_ROLES} || ')', '') FROM people r WHERE r.ward_code = :w AND r.deleted = 0 {only} "
            "ORDER BY r.sort_key"
        )
    params = {"w": ward_code or store.unit_code, "today": date.today().isoformat()}
    with store.read() as connection:
        return [tuple(row) for row in connection.execute(text(sql), params)]


def ward_of(store: Store, kind: str, uuid: str) -> str:
    """The ward a record listed at a district belongs to (a uuid is one record's everywhere)."""
    table = metadata.tables[LISTS[kind].table]
    query = select(table.c.ward_code).where(table.c.uuid == uuid).order_by(table.c.deleted)
    with store.read() as connection:
        found = connection.execute(query.limit(1)).scalar()
    return found or store.unit_code


def row_ids(store: Store, kind: str, uuid: str) -> set[int]:
    """The ids of the rows that hold the record `uuid` (one row; at a district, one per ward
    that holds it), to find the record among a list's ids."""
    table = metadata.tables[LISTS[kind].table]
    query = select(table.c.id).where(table.c.uuid == uuid)
    if store.role != "district":  # the (ward_code, uuid) key finds it at once
        query = query.where(table.c.ward_code == store.unit_code)
    with store.read() as connection:
        return set(connection.execute(query).scalars())


def ward_choices(store: Store) -> list[tuple[str, str]]:
    """(code, "name (code)") of every ward registered at a district, for a filter."""
    keys = WardKey.__table__
    latest = select(keys.c.ward_code, keys.c.ward_name).order_by(
        keys.c.ward_code, keys.c.generation
    )
    with store.read() as connection:
        names = {code: name for code, name in connection.execute(latest)}
    ordered = sorted(names.items(), key=lambda item: (fold(item[1]), item[0]))
    return [(code, f"{name} ({code})") for code, name in ordered]
