"""The few things only one database engine does, behind one small interface (design.md §1).

Every runtime query elsewhere is SQLAlchemy Core over the tables of `app.models`; when it needs
something SQL has no common spelling for, it asks `specific(connection)` for the engine's own:
folded prefix search, date arithmetic, JSON inside a text column, id allocation and writes of
many plain rows at the driver's speed. `app.db.sqlite` and `app.db.postgres` implement it; no
other module writes engine-specific SQL (tests/test_query_layer.py checks that)."""

from collections.abc import Sequence
from typing import Literal, Protocol

from sqlalchemy import Connection, Engine, Select, Table
from sqlalchemy.sql.elements import ColumnElement

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
