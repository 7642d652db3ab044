"""Everything SQLite-specific in one place: engine and pragmas, explicit BEGIN modes, the error
mapping, the FTS5 search tables and the online backup. The rest of the code is plain SQLAlchemy."""

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import (
    Connection,
    Engine,
    Integer,
    Select,
    cast,
    create_engine,
    event,
    func,
    literal_column,
    select,
)
from sqlalchemy import table as sql_table
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import DatabaseError
from sqlalchemy.pool import NullPool
from sqlalchemy.sql.elements import UnaryExpression
from sqlalchemy.sql.operators import custom_op

from app.db.specific import upsert_with
from app.errors import N_, DatabaseDamaged, EnvironmentProblem, StoreLocked

BUSY_TIMEOUT_MS = 10_000

# One full-text table per searchable kind; rowid = the record's id. The text is folded in Python
# (app.search.fold) because unicode61 does not fold đ. Prefix indexes make "ng*" cheap.
SEARCH_TABLES = {
    "sessions": "search_sessions",
    "cases": "search_cases",
    "people": "search_people",
    "teams": "search_teams",
    "trainings": "search_trainings",
}


def fts_create_sql(table: str) -> str:
    return (
        f"CREATE VIRTUAL TABLE {table} USING fts5("
        "text, prefix='1 2 3', tokenize='unicode61 remove_diacritics 0')"
    )


def is_search_table(name: str) -> bool:
    """Names Alembic must not compare against the models (FTS5 and its shadow tables)."""
    return name.startswith("search_")


def make_engine(path: Path, *, foreign_keys: bool = True) -> Engine:
    # NullPool: a desktop app with one writer gains nothing from pooling, and a closed Store must
    # leave no connection holding the file open (Windows cannot move or back up an open file).
    engine = create_engine(f"sqlite:///{path}", poolclass=NullPool)

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection, _record):
        # Take transactions out of the driver's hands: we emit BEGIN ourselves (below), so DDL is
        # transactional and writers can ask for BEGIN IMMEDIATE.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        # Freed space is overwritten with zeros: text a record no longer holds (a party's name
        # redacted at a district, a deleted case at a ward) does not linger in the file. Some
        # builds have it on by default; Python's on Windows need not.
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.execute("PRAGMA cache_size=-32768")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection):
        mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")

    return engine


def environment_problem(error: BaseException, db: Path | None) -> EnvironmentProblem | None:
    """What an SQLite error means for the user, or None for an error that is our own bug."""
    text = str(getattr(error, "orig", error)).lower()
    folder = str(db.parent) if db else ""
    if "locked" in text or "busy" in text:
        return StoreLocked()
    if "disk is full" in text or "database or disk is full" in text:
        return EnvironmentProblem(
            N_("The disk is full: free some space on the disk of {folder}, then try again."),
            folder=folder,
        )
    if "readonly" in text or "read-only" in text:
        return read_only_problem(folder)
    if "disk i/o error" in text:
        # SQLite says this when a write or a sync fails: most often a full disk (setting the
        # journal mode needs room for the journal), a removed USB disk or a failing one.
        return EnvironmentProblem(
            N_(
                "The disk of {folder} cannot be written or read: it may be full, removed or failing. Free some space or check the disk, then try again."
            ),
            folder=folder,
        )
    if "unable to open" in text:
        if db and db.parent.is_dir() and not os.access(db.parent, os.W_OK):
            return read_only_problem(folder)
        return EnvironmentProblem(
            N_("The database file {path} cannot be opened: check that the folder exists."),
            path=str(db or ""),
        )
    if is_damage(error):
        if db is None:
            return DatabaseDamaged("")
        from app.db.backups import damage_report  # it builds on this module

        return damage_report(db)
    return None


def is_damage(error: BaseException) -> bool:
    text = str(getattr(error, "orig", error)).lower()
    return "malformed" in text or "not a database" in text or "file is encrypted" in text


def read_only_problem(folder: str) -> EnvironmentProblem:
    return EnvironmentProblem(
        N_(
            "The data folder {folder} is read-only: TiepCan cannot save there. Check the folder's permissions, or that the disk is not write-protected."
        ),
        folder=folder,
    )


def _database_path(engine: Engine) -> Path | None:
    name = engine.url.database
    return Path(name) if name else None


@contextmanager
def transaction(engine: Engine, *, write: bool, exclusive: bool = True) -> Iterator[Connection]:
    """One real transaction. Writers take the write lock up front (BEGIN IMMEDIATE), so a busy
    database is noticed before any work is done, after waiting up to BUSY_TIMEOUT_MS. SQLite has
    one writer at a time: every write is `exclusive` (app.db.postgres shares some)."""
    options = {"sqlite_begin": "IMMEDIATE"} if write else {}
    try:
        with engine.connect().execution_options(**options) as connection, connection.begin():
            yield connection
    except (DatabaseError, sqlite3.DatabaseError) as error:
        problem = environment_problem(error, _database_path(engine))
        if problem is None:
            raise
        raise problem from error


def _marks(count: int) -> str:
    return ", ".join("?" for _ in range(count))


class SqliteSpecific:
    """What only SQLite does, for the query layer (app.db.specific)."""

    name = "sqlite"

    def insert_many(self, connection, table, columns, rows, *, on_conflict="fail") -> None:
        if rows:
            verb = "INSERT OR IGNORE" if on_conflict == "ignore" else "INSERT"
            connection.exec_driver_sql(
                f"{verb} INTO {table.name} ({', '.join(columns)}) VALUES ({_marks(len(columns))})",
                list(rows),
            )

    def update_many(self, connection, table, columns, key, rows) -> None:
        if rows:
            assignments = ", ".join(f"{column} = ?" for column in columns)
            connection.exec_driver_sql(
                f"UPDATE {table.name} SET {assignments} WHERE {key} = ?", list(rows)
            )

    def upsert(self, connection, table, rows, key) -> None:
        upsert_with(sqlite_insert, connection, table, rows, key)

    def allocate_ids(self, connection, table, count) -> list[int]:
        # Under BEGIN IMMEDIATE this connection is the only writer: max + 1 is free.
        first = connection.execute(select(func.coalesce(func.max(table.c.id), 0) + 1)).scalar()
        return list(range(first, first + count))

    def fetch_column(self, connection, statement) -> list:
        compiled = statement.compile(
            dialect=connection.dialect, compile_kwargs={"render_postcompile": True}
        )
        values = compiled.construct_params()
        parameters = tuple(values[name] for name in compiled.positiontup or ())
        cursor = connection.connection.dbapi_connection.execute(str(compiled), parameters)
        return [row[0] for row in cursor.fetchall()]

    def search_ids(self, kind, terms) -> Select:
        name = SEARCH_TABLES[kind]
        expression = " ".join('"{}"*'.format(term.replace('"', "")) for term in terms)
        return (
            select(literal_column("rowid"))
            .select_from(sql_table(name))
            .where(literal_column(name).op("MATCH")(expression))
            .order_by(literal_column("rank"))
        )

    def index_search(self, connection, kind, entries, fresh) -> None:
        if not entries:
            return
        name = SEARCH_TABLES[kind]
        if not fresh:
            self.unindex_search(connection, kind, [record_id for record_id, _ in entries])
        connection.exec_driver_sql(f"INSERT INTO {name}(rowid, text) VALUES (?, ?)", list(entries))

    def unindex_search(self, connection, kind, ids) -> None:
        if ids:
            connection.exec_driver_sql(
                f"DELETE FROM {SEARCH_TABLES[kind]} WHERE rowid = ?", [(i,) for i in ids]
            )

    def clear_search(self, connection, kind) -> None:
        connection.exec_driver_sql(f"DELETE FROM {SEARCH_TABLES[kind]}")

    def days_between(self, later, earlier):
        return cast(func.julianday(later) - func.julianday(earlier), Integer)

    def json_field(self, document, key):
        return func.json_extract(document, f"$.{key}")

    def json_elements(self, document):
        """A table of the elements of a JSON array held as text: one column, `value`."""
        return func.json_each(document).table_valued("value")

    def ward_lock(self, connection, code, waiting=None) -> None:
        """Nothing to take: BEGIN IMMEDIATE already made this the only writer."""

    def unindexed(self, expression):
        # SQLite's own idiom: a unary + makes a term that no index serves.
        return UnaryExpression(expression, operator=custom_op("+"), type_=expression.type)

    def compact(self, engine) -> None:
        compact(engine)


SPECIFIC = SqliteSpecific()


def compact(engine: Engine) -> None:
    """Drop deleted entries from the search indexes, rewrite the file without free pages, and
    empty the write-ahead log: afterwards no byte of the file holds text the records no longer
    hold. Runs outside any transaction (VACUUM cannot run inside one)."""
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        for table in SEARCH_TABLES.values():
            cursor.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")
        cursor.execute("VACUUM")
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        cursor.close()
    except sqlite3.DatabaseError as error:
        problem = environment_problem(error, _database_path(engine))
        if problem is None:
            raise
        raise problem from error
    finally:
        connection.close()


def online_backup(source: Path, target: Path) -> None:
    """Copy a live database with SQLite's backup API (a file copy would miss WAL content).
    The copy is a plain rollback-journal file, so it opens anywhere, read-only included."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        src = sqlite3.connect(source, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            dst = sqlite3.connect(target)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.DatabaseError as error:
        # Reading a sound database rarely fails; writing the copy (a full USB stick) does.
        problem = environment_problem(error, source if is_damage(error) else target)
        if problem is None:
            raise
        raise problem from error


def integrity_problems(path: Path, *, quick: bool = False, limit: int = 20) -> list[str]:
    """What SQLite's own checks find wrong with a database file: empty when it is sound.
    `quick` skips the index-content comparison (seconds instead of minutes on a large file).
    A file that is not a database at all gives one problem, never an exception."""
    check = "quick_check" if quick else "integrity_check"
    try:
        connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            found = [row[0] for row in connection.execute(f"PRAGMA {check}({limit})")]
            if found == ["ok"]:
                found = []
            if not quick:
                broken = connection.execute("PRAGMA foreign_key_check").fetchmany(limit)
                found += [f"foreign key: {row[0]} row {row[1]} → {row[2]}" for row in broken]
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        if is_damage(error):
            return [str(error)]
        problem = environment_problem(error, path)
        if problem is None:
            raise
        raise problem from error
    return found


def checkpoint(path: Path) -> None:
    """Move the write-ahead log into the file and empty it, so the file alone is the database
    (before it is moved aside or replaced)."""
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
