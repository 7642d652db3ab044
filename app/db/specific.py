"""The few things only one database engine does, behind one small interface (design.md §1).

Every runtime query elsewhere is SQLAlchemy Core over the tables of `app.models`; when it needs
something SQL has no common spelling for, it asks `specific(connection)` for the engine's own:
folded prefix search, date arithmetic, JSON inside a text column, id allocation and writes of
many plain rows at the driver's speed. `app.db.sqlite` and `app.db.postgres` implement it; no
other module writes engine-specific SQL (tests/test_query_layer.py checks that)."""

from collections.abc import Callable, Sequence
from typing import Literal, Protocol

from sqlalchemy import Boolean, Connection, Engine, Select, Table, bindparam
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.visitors import InternalTraversal

OnConflict = Literal["fail", "ignore"]


class EngineSpecific(Protocol):
    name: str  # the SQLAlchemy dialect name: "sqlite" or "postgresql"

    # -- many rows at once, as plain tuples (tens of thousands in an import: SQLAlchemy's
    #    per-row parameter processing would cost more than the writes themselves)

    def insert_many(
        self,
        connection: Connection,
        table: Table,
        columns: Sequence[str],
        rows: Sequence[tuple],
        *,
        on_conflict: OnConflict = "fail",
    ) -> None:
        """Insert rows; "ignore" skips a row whose key is already there."""

    def update_many(
        self,
        connection: Connection,
        table: Table,
        columns: Sequence[str],
        key: str,
        rows: Sequence[tuple],
    ) -> None:
        """Update by key: each row is (*values of `columns`, key value)."""

    def upsert(
        self, connection: Connection, table: Table, rows: Sequence[dict], key: Sequence[str]
    ) -> None:
        """Insert rows, replacing the non-key columns of a row whose key is already there."""

    def allocate_ids(self, connection: Connection, table: Table, count: int) -> list[int]:
        """`count` fresh ids for `table` (its integer primary key `id`), taken inside the
        current write transaction, so parents and children can go in with one write each."""

    def fetch_column(self, connection: Connection, statement: Select) -> list:
        """The first column of every row, straight from the driver (a list of 100,000 ids)."""

    # -- folded prefix search (app.search folds the text and the query in Python)

    def search_ids(self, kind: str, terms: Sequence[str]) -> Select:
        """A select of the ids of `kind` whose folded text has, for every term, a word starting
        with it; best first where the engine ranks. `terms` are folded, non-empty words."""

    def index_search(
        self, connection: Connection, kind: str, entries: Sequence[tuple[int, str]], fresh: bool
    ) -> None:
        """(Re)index (id, folded text) pairs; `fresh`: ids never indexed yet."""

    def unindex_search(self, connection: Connection, kind: str, ids: Sequence[int]) -> None: ...

    def clear_search(self, connection: Connection, kind: str) -> None: ...

    # -- expressions

    def days_between(self, later: ColumnElement, earlier: ColumnElement) -> ColumnElement:
        """Whole days from `earlier` to `later`, both ISO dates (yyyy-mm-dd text)."""

    def json_field(self, document: ColumnElement, key: str) -> ColumnElement:
        """The value under `key` of a JSON object held as text, as SQL text/number."""

    def json_elements(self, document: ColumnElement):
        """A table-valued expression of the elements of a JSON array held as text, with one
        column `value` (join it, then read `json_field(alias.c.value, key)`)."""

    # -- several operators at once

    def ward_lock(
        self, connection: Connection, code: str, waiting: Callable[[str], None] | None = None
    ) -> None:
        """Take ward `code`'s write lock for the rest of this write transaction: an import, an
        undo or a conflict decision on one ward's records waits for another on the same ward
        (without giving up), and runs beside those of other wards. `waiting(code)` is called
        once when the wait has lasted about a second. SQLite: nothing (one writer at a time)."""

    def unindexed(self, expression: ColumnElement) -> ColumnElement:
        """The same value, but the planner may not look it up through an index: SQLite,
        without statistics, prefers a (ward_code, deleted) index that matches every row of a
        one-ward database over a date index or a join's key (app.services.overview). An
        engine that plans from statistics returns `expression` as it is."""

    # -- housekeeping

    def compact(self, engine: Engine) -> None:
        """Reclaim the space of deleted rows so no freed byte still holds old text."""


def specific(bind: Connection | Engine) -> EngineSpecific:
    """The engine-specific half for a connection or an engine."""
    name = bind.dialect.name
    if name == "sqlite":
        from app.db import sqlite

        return sqlite.SPECIFIC
    if name == "postgresql":
        from app.db import postgres

        return postgres.SPECIFIC
    raise ValueError(f"unsupported database engine {name!r}")


class OneOf(ColumnElement):
    """`column` is one of the list bound as `name` when the statement runs, in a statement
    built once for every engine: IN (…) with one parameter per value by default; PostgreSQL
    binds the whole list as one array (app.db.postgres). A report over a national district's
    3,321 wards otherwise sends 3,321 parameters in every query, which the driver and
    SQLAlchemy rewrite on every run (0.3 s a query; tests/benchmarks/national.py)."""

    inherit_cache = True
    _is_implicitly_boolean = True  # a condition of its own: SQLite gets no "= 1" after it
    type = Boolean()
    _traverse_internals = (
        ("column", InternalTraversal.dp_clauseelement),
        ("name", InternalTraversal.dp_string),
    )

    def __init__(self, column: ColumnElement, name: str):
        self.column = column
        self.name = name


@compiles(OneOf)
def _one_of_in(element: OneOf, compiler, **kw) -> str:
    return compiler.process(element.column.in_(bindparam(element.name, expanding=True)), **kw)


def upsert_with(dialect_insert, connection: Connection, table: Table, rows, key) -> None:
    """An upsert with a dialect's own INSERT … ON CONFLICT construct: SQLite and PostgreSQL
    spell it alike, each through its own `insert` (sqlalchemy.dialects.*.insert)."""
    if not rows:
        return
    statement = dialect_insert(table)
    replaced = {column: statement.excluded[column] for column in rows[0] if column not in key}
    if replaced:
        statement = statement.on_conflict_do_update(index_elements=key, set_=replaced)
    else:
        statement = statement.on_conflict_do_nothing(index_elements=key)
    connection.execute(statement, list(rows))
