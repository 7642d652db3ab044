"""The lists the GUI shows, as SQL in one place: columns, filters, order, and paging by id.

A list is first a query for the ordered ids of the matching records (cheap even for 100,000
rows), then the display rows of whichever ids come into view."""

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache

from sqlalchemy import ColumnElement, Table, and_, bindparam, exists, func, literal, or_, select

from app.db.specific import specific
from app.db.store import Store
from app.i18n import N_
from app.models import WardKey, metadata
from app.search import search_select
from app.text import fold


@dataclass(frozen=True, eq=False)  # eq=False: SQL expressions do not compare as values
class Column:
    key: str
    label: str  # msgid
    sql: ColumnElement  # expression over the kind's table
    sort: ColumnElement | None = None  # expression to order by, if not `sql`
    # text | names (a list of people: cut at its end, never into a made-up name) | date | int |
    # year (a plain number) | bool | enum:<name> | roles
    type: str = "text"
    width: int = 120

    @property
    def order_key(self) -> ColumnElement:
        return self.sql if self.sort is None else self.sort


Filter = Callable[[object], ColumnElement]  # the filter's value → a condition


@dataclass(frozen=True)
class ListSpec:
    table: Table
    columns: tuple[Column, ...]
    default_sort: str  # a column key
    default_descending: bool = False
    date_column: ColumnElement | None = None  # what a period filter applies to
    filters: dict[str, Filter] = field(default_factory=dict)


_sessions = metadata.tables["sessions"]
_cases = metadata.tables["cases"]
_people = metadata.tables["people"]
_teams = metadata.tables["teams"]
_trainings = metadata.tables["trainings"]
_presenters = metadata.tables["session_presenters"]
_mediators = metadata.tables["case_mediators"]
_members = metadata.tables["team_members"]
_roles = metadata.tables["person_roles"]
_attendees = metadata.tables["training_attendees"]
_keys = WardKey.__table__


# A deleted person or team is left out of every column: the record keeps its reference (an
# undo brings it back), but the list shows and counts only what is live, as the overview and
# the reports do.
def _live_people(link: Table, parent: Table):
    """People `link` names for a row of `parent`, live and of the row's ward."""
    person = _people.alias("p")
    joined = link.join(
        person,
        and_(
            person.c.uuid == link.c.person_uuid,
            person.c.ward_code == parent.c.ward_code,
            person.c.deleted.is_(False),
        ),
    )
    return person, joined


def _names(link: Table, parent: Table, parent_key: str) -> ColumnElement:
    person, joined = _live_people(link, parent)
    return (
        select(func.aggregate_strings(person.c.full_name, ", "))
        .select_from(joined)
        .where(link.c[parent_key] == parent.c.id)
        .correlate(parent)
        .scalar_subquery()
    )


def _head_count(link: Table, parent: Table, parent_key: str, *only) -> ColumnElement:
    person, joined = _live_people(link, parent)
    return (
        select(func.count(func.distinct(person.c.id)))
        .select_from(joined)
        .where(link.c[parent_key] == parent.c.id, *(condition(person) for condition in only))
        .correlate(parent)
        .scalar_subquery()
    )


def _leader() -> ColumnElement:
    person, joined = _live_people(_members, _teams)
    return (
        select(person.c.full_name)
        .select_from(joined)
        .where(_members.c.team_id == _teams.c.id, _members.c.is_leader.is_(True))
        .correlate(_teams)
        .limit(1)  # a scalar subquery gives its first row
        .scalar_subquery()
    )


_PRESENTERS = _names(_presenters, _sessions, "session_id")
_MEDIATORS = _names(_mediators, _cases, "case_id")
_TEAM_NAME = (
    select(_teams.c.name)
    .where(
        _teams.c.uuid == _cases.c.team_uuid,
        _teams.c.ward_code == _cases.c.ward_code,
        _teams.c.deleted.is_(False),
    )
    .correlate(_cases)
    .scalar_subquery()
)
_MEMBER_COUNT = _head_count(_members, _teams, "team_id")
_WOMEN_COUNT = _head_count(_members, _teams, "team_id", lambda person: person.c.gender == "female")
_LEADER = _leader()
_ROLES = (
    select(func.aggregate_strings(_roles.c.role, " "))
    .where(_roles.c.person_id == _people.c.id)
    .correlate(_people)
    .scalar_subquery()
)
_ATTENDEE_COUNT = _head_count(_attendees, _trainings, "training_id")


def _equal_to(column: ColumnElement) -> Filter:
    return lambda value: column == value


def _has_role(role) -> ColumnElement:
    return exists().where(_roles.c.person_id == _people.c.id, _roles.c.role == role)


s, c, p, t, tr = _sessions.c, _cases.c, _people.c, _teams.c, _trainings.c
LISTS: dict[str, ListSpec] = {
    "sessions": ListSpec(
        _sessions,
        (
            Column("held_on", N_("Date"), s.held_on, type="date", width=90),
            Column("title", N_("Title"), s.title, width=320),
            Column("hamlet", N_("Village / residential group"), s.hamlet, width=150),
            Column("form", N_("Form"), s.form, type="enum:session_form", width=200),
            Column("direct", N_("Direct"), s.direct, type="bool", width=60),
            Column("attendees", N_("Number attending"), s.attendees, type="int", width=130),
            Column("presenters", N_("Presenters"), _PRESENTERS, type="names", width=200),
        ),
        "held_on",
        True,
        date_column=s.held_on,
        filters={"form": _equal_to(s.form), "direct": _equal_to(s.direct)},
    ),
    "cases": ListSpec(
        _cases,
        (
            Column("received_on", N_("Date received"), c.received_on, type="date", width=120),
            Column("book_number", N_("Logbook number"), c.book_number, type="year", width=110),
            Column("title", N_("Case title"), c.title, width=280),
            Column("team", N_("Mediation team"), _TEAM_NAME, width=170),
            Column(
                "scope_group",
                N_("Kind of dispute"),
                c.scope_group,
                type="enum:scope_group",
                width=170,
            ),
            Column("result", N_("Result"), c.result, type="enum:result", width=140),
            Column("mediators", N_("Mediators"), _MEDIATORS, type="names", width=200),
        ),
        "received_on",
        True,
        date_column=c.received_on,
        filters={
            "result": _equal_to(c.result),
            "team": _equal_to(c.team_uuid),
        },
    ),
    "people": ListSpec(
        _people,
        (
            Column("full_name", N_("Full name"), p.full_name, sort=p.sort_key, width=200),
            Column("gender", N_("Gender"), p.gender, type="enum:gender", width=70),
            Column("birth_year", N_("Year of birth"), p.birth_year, type="year", width=90),
            Column("roles", N_("Roles"), _ROLES, type="roles", width=120),
            Column("hamlet", N_("Village / residential group"), p.hamlet, width=160),
            Column("position", N_("Position"), p.position, width=160),
        ),
        "full_name",
        filters={"role": _has_role},
    ),
    "teams": ListSpec(
        _teams,
        (
            Column("name", N_("Team name"), t.name, width=220),
            Column("hamlet", N_("Village / residential group"), t.hamlet, width=170),
            Column("leader", N_("Team leader"), _LEADER, width=180),
            Column("members", N_("Mediators"), _MEMBER_COUNT, type="int", width=90),
            Column("women", N_("Women"), _WOMEN_COUNT, type="int", width=70),
        ),
        "name",
    ),
    "trainings": ListSpec(
        _trainings,
        (
            Column("held_on", N_("Date"), tr.held_on, type="date", width=90),
            Column("topic", N_("Topic"), tr.topic, width=320),
            Column("organiser", N_("Organised by"), tr.organiser, width=200),
            Column("attendees", N_("Attendees"), _ATTENDEE_COUNT, type="int", width=90),
        ),
        "held_on",
        True,
        date_column=tr.held_on,
    ),
}
del s, c, p, t, tr


def _ward_name(table: Table) -> ColumnElement:
    """The ward's name as its latest key card gave it: a district lists every ward's records."""
    return (
        select(_keys.c.ward_name)
        .where(_keys.c.ward_code == table.c.ward_code)
        .correlate(table)
        .order_by(_keys.c.generation.desc())
        .limit(1)
        .scalar_subquery()
    )


@cache
def _merged(kind: str) -> ListSpec:
    spec = LISTS[kind]
    table = spec.table
    ward = Column("ward", N_("Ward"), _ward_name(table), sort=table.c.ward_code, width=170)
    return replace(
        spec,
        columns=(ward, *spec.columns),
        filters={**spec.filters, "ward": _equal_to(table.c.ward_code)},
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
    table = spec.table
    where = [table.c.deleted.is_(False)]
    if store.role != "district":
        where.append(table.c.ward_code == store.unit_code)
    if spec.date_column is not None and query.date_from:
        where.append(spec.date_column >= query.date_from)
    if spec.date_column is not None and query.date_to:
        where.append(spec.date_column <= query.date_to)
    for name, value in query.filters.items():
        if value is not None and name in spec.filters:
            where.append(spec.filters[name](value))
    columns = {column.key: column for column in spec.columns}
    column = columns.get(query.sort or spec.default_sort, columns[spec.default_sort])
    descending = spec.default_descending if query.descending is None else query.descending
    order = (column.order_key, table.c.id)
    with store.read() as connection:
        found = search_select(connection, query.kind, query.search)
        if found is not None:
            where.append(table.c.id.in_(found.order_by(None)))
        statement = (
            select(table.c.id)
            .where(*where)
            .order_by(*(o.desc() for o in order) if descending else order)
        )
        # Straight from the driver: a list can hold 100,000 ids, and per-row wrapping would
        # cost more than the query itself.
        return specific(connection).fetch_column(connection, statement)


@cache
def _rows_statement(kind: str, district: bool):
    spec = _merged(kind) if district else LISTS[kind]
    table = spec.table
    return select(table.c.id, table.c.uuid, *(column.sql for column in spec.columns)).where(
        table.c.id.in_(bindparam("ids", expanding=True))
    )


def list_rows(store: Store, kind: str, ids: list[int]) -> dict[int, tuple]:
    """Display values (in column order) of the given ids; the uuid comes first."""
    statement = _rows_statement(kind, store.role == "district")
    rows: dict[int, tuple] = {}
    with store.read() as connection:
        for start in range(0, len(ids), 500):
            for row in connection.execute(statement, {"ids": ids[start : start + 500]}):
                rows[row[0]] = tuple(row[1:])
    return rows


def _mediator_today(today: str) -> ColumnElement:
    """A mediator today: an HGV role whose decision (if dated) is not in the future and which
    has not ended (no end date, or one not before today), as the overview counts people holding
    a role."""
    r = _roles.c
    return exists().where(
        r.person_id == _people.c.id,
        r.role == "HGV",
        or_(r.decision_date.is_(None), r.decision_date <= today),
        or_(r.end_date.is_(None), r.end_date >= today),
    )


def choices(store: Store, kind: str, ward_code: str | None = None) -> list[tuple[str, str]]:
    """(uuid, label) of live people or teams of a ward (this one's by default), for pickers;
    kind "mediators" gives the people recognised as mediators today."""
    ward = ward_code or store.unit_code
    if kind == "teams":
        t = _teams.c
        query = (
            select(t.uuid, t.name + " – " + t.hamlet)
            .where(t.ward_code == ward, t.deleted.is_(False))
            .order_by(t.name)
        )
    else:
        p = _people.c
        label = (
            p.full_name
            + func.coalesce(literal(" – ") + p.hamlet, "")
            + func.coalesce(literal(" (") + _ROLES + ")", "")
        )
        query = (
            select(p.uuid, label)
            .where(p.ward_code == ward, p.deleted.is_(False))
            .order_by(p.sort_key)
        )
        if kind == "mediators":
            query = query.where(_mediator_today(date.today().isoformat()))
    with store.read() as connection:
        return [tuple(row) for row in connection.execute(query)]


def ward_of(store: Store, kind: str, uuid: str) -> str:
    """The ward a record listed at a district belongs to (a uuid is one record's everywhere)."""
    table = LISTS[kind].table
    query = select(table.c.ward_code).where(table.c.uuid == uuid).order_by(table.c.deleted)
    with store.read() as connection:
        found = connection.execute(query.limit(1)).scalar()
    return found or store.unit_code


def row_ids(store: Store, kind: str, uuid: str) -> set[int]:
    """The ids of the rows that hold the record `uuid` (one row; at a district, one per ward
    that holds it), to find the record among a list's ids."""
    table = LISTS[kind].table
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
