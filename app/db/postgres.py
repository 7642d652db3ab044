"""Everything PostgreSQL-specific in one place (design.md §1): a district with several operators
keeps its records in a server database. The engine and its small pool, the transaction helper
(writes to every ward one at a time, as on SQLite; imports of different wards side by side, of
one ward in turn), the error mapping, the search tables (a `tsvector` column with a GIN index)
and PostgreSQL's half of the query layer (app.db.specific).

The URL names the server and the database, never a password: libpq reads it from the user's
.pgpass file or PGPASSWORD, as every PostgreSQL tool does. The data folder keeps the URL in
`database.url`; the keys stay in the folder's `keys/`."""

import hashlib
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import (
    BigInteger,
    Boolean,
    Connection,
    Date,
    Engine,
    Integer,
    Select,
    any_,
    bindparam,
    case,
    cast,
    create_engine,
    func,
    inspect,
    literal_column,
    select,
    text,
)
from sqlalchemy import table as sql_table
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.ext.compiler import compiles

# The search tables of app.db.sqlite, under the same names: one per searchable kind.
from app.db.specific import OneOf, upsert_with
from app.db.sqlite import SEARCH_TABLES
from app.errors import N_, EnvironmentProblem, SetupError, StoreLocked

URL_FILE = "database.url"
LOCK_TIMEOUT = "10s"  # design.md §4: a command that finds the database locked waits up to 10 s
# Writers take this transaction-level advisory lock first. A write that touches every ward
# (keys registered or revoked, settings, the installation) takes it exclusively: it runs alone,
# as under SQLite's BEGIN IMMEDIATE. A write confined to one ward's records (an import, an undo,
# a conflict decided) or to rows of its own (the import journal, an operator's presence) takes
# it shared, so several run at once; those on one ward's records then take that ward's lock
# (`ward_lock`): what the merge rules (design.md §2) read of a ward is never half written.
WRITE_LOCK_KEY = 0x7469_6570  # "tiep"
WARD_LOCK_SPACE = 0x7761_7264  # "ward": the first key of a ward's lock, the ward the second
WAIT_NOTICE_SECONDS = 1.0  # a wait for a ward's lock is shown once it has lasted this long
WARD_POLL_SECONDS = 0.1
# The tables that tell "this database already holds TiepCan's schema".
OUR_TABLES = ("alembic_version", "installation")


# -- the URL ---------------------------------------------------------------------------------


def check_url(url: str) -> str:
    """The URL as given, if it names a PostgreSQL database without a password; refused if not."""
    try:
        parsed = make_url(url)
    except Exception:
        raise SetupError(
            N_("Not a database URL: {url}. Write it as postgresql://user@server/database."),
            url=url,
        ) from None
    if parsed.get_backend_name() != "postgresql":
        raise SetupError(
            N_("Not a database URL: {url}. Write it as postgresql://user@server/database."),
            url=url,
        )
    if parsed.password is not None or "password" in parsed.query:
        raise SetupError(
            N_(
                "The database URL must not hold a password: put it in the .pgpass file or PGPASSWORD instead."
            )
        )
    if not parsed.database:
        raise SetupError(
            N_(
                "The database URL names no database: {url}. Write it as postgresql://user@server/database."
            ),
            url=url,
        )
    return url


def shown_url(url: str) -> str:
    """The URL as people read it: as they wrote it (check_url let no password in), but that a
    password slipped into the file by hand is masked."""
    parsed = make_url(url)
    return parsed.render_as_string(hide_password=True) if parsed.password else url


def read_url(folder_root: Path) -> str | None:
    """The database URL a data folder keeps, None for a folder with an SQLite file."""
    path = Path(folder_root) / URL_FILE
    try:
        value = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    except OSError as error:
        raise EnvironmentProblem(
            N_("The file {path} cannot be read: {error}"), path=str(path), error=str(error)
        ) from error
    return value or None


def _driver_url(url: str):
    return make_url(url).set(drivername="postgresql+psycopg")


# -- engine and transactions ----------------------------------------------------------------


def make_engine(url: str) -> Engine:
    """A small pool: a desktop window or a command holds one or two connections at a time."""
    return create_engine(
        _driver_url(url),
        pool_size=2,
        max_overflow=3,
        pool_pre_ping=True,  # a server restarted overnight: the next use reconnects
        connect_args={"connect_timeout": 10, "application_name": "tiepcan"},
    )


@contextmanager
def transaction(engine: Engine, *, write: bool, exclusive: bool = True) -> Iterator[Connection]:
    """One real transaction. A writer takes the write lock first, exclusive or shared (waiting
    up to LOCK_TIMEOUT for a writer holding it the other way); a reader sees one snapshot of the
    database from its first query to its last."""
    options = {} if write else {"isolation_level": "REPEATABLE READ"}
    try:
        with engine.connect().execution_options(**options) as connection, connection.begin():
            if write:
                connection.execute(text(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'"))
                take = (
                    func.pg_advisory_xact_lock if exclusive else func.pg_advisory_xact_lock_shared
                )
                connection.execute(select(take(literal_column(str(WRITE_LOCK_KEY)))))
            yield connection
    except DBAPIError as error:
        problem = environment_problem(error, engine.url)
        if problem is None:
            raise
        raise problem from error


def ward_key(code: str) -> int:
    """The second key of a ward's lock: its code as a number (readable in pg_locks), or a
    stable 32-bit hash of a code that is not one."""
    if code.isdigit() and len(code) <= 9:
        return int(code)
    return int.from_bytes(hashlib.sha256(code.encode("utf-8")).digest()[:4], "big", signed=True)


def ward_lock(
    connection: Connection, code: str, waiting: Callable[[str], None] | None = None
) -> None:
    """Take ward `code`'s lock for the rest of the transaction. Another operator's import of the
    same ward holds it for as long as its import takes: this waits its turn without giving up
    (it is no locked database, design.md §4's 10 s do not apply), and once the wait has lasted
    WAIT_NOTICE_SECONDS calls `waiting(code)`, once, so the operator is told why nothing moves.
    Polled rather than blocking: a blocking wait would run into the transaction's lock_timeout."""
    attempt = select(
        func.pg_try_advisory_xact_lock(
            literal_column(str(WARD_LOCK_SPACE)), literal_column(str(ward_key(code)))
        )
    )
    started = time.monotonic()
    told = False
    while not connection.execute(attempt).scalar():
        if not told and waiting is not None and time.monotonic() - started >= WAIT_NOTICE_SECONDS:
            waiting(code)
            told = True
        time.sleep(WARD_POLL_SECONDS)


def environment_problem(error: BaseException, url=None) -> EnvironmentProblem | None:
    """What a server error means for the user, or None for an error that is our own bug."""
    original = getattr(error, "orig", error)
    state = getattr(original, "sqlstate", None) or ""
    words = str(original).lower()
    server = _server_of(url)
    database = (url.database if url is not None else "") or ""
    if state in ("40001", "40P01", "55P03") or "lock timeout" in words:
        return StoreLocked()
    if state == "53100" or "no space left" in words or "disk full" in words:
        return EnvironmentProblem(
            N_(
                "The database server's disk is full: ask its administrator to free some space, then try again."
            )
        )
    if (
        state in ("28P01", "28000")
        or "password authentication failed" in words
        or ("no password supplied" in words)
    ):
        return EnvironmentProblem(
            N_(
                "The database server {server} refused the login of {user}: check the user name, and the password in the .pgpass file or PGPASSWORD."
            ),
            server=server,
            user=(url.username if url is not None else "") or "",
        )
    if state == "3D000" or ("database" in words and "does not exist" in words):
        return EnvironmentProblem(
            N_(
                "The database {database} does not exist on the server {server}: ask its administrator to create it (createdb), then try again."
            ),
            database=database,
            server=server,
        )
    if (
        state.startswith("08")
        or state in ("57P01", "57P02", "57P03")
        or (isinstance(error, (OperationalError, InterfaceError)) and _is_connection_failure(words))
    ):
        return EnvironmentProblem(
            N_(
                "The database server {server} cannot be reached: check the network and that the server is running, then try again."
            ),
            server=server,
        )
    return None


def _is_connection_failure(words: str) -> bool:
    return any(
        phrase in words
        for phrase in (
            "connection failed",
            "could not connect",
            "connection refused",
            "connection is closed",
            "server closed the connection",
            "terminating connection",
            "timeout expired",
            "no such file or directory",
            "could not translate host name",
            "name or service not known",
        )
    )


def _server_of(url) -> str:
    if url is None:
        return ""
    host = url.host or url.query.get("host") or "localhost"
    if isinstance(host, tuple):
        host = host[0]
    return f"{host}:{url.port}" if url.port else str(host)


# -- the schema -----------------------------------------------------------------------------


def holds_our_schema(url: str) -> bool:
    """Whether the database already holds TiepCan's tables (set up by another PC, perhaps)."""
    engine = make_engine(url)
    try:
        with transaction(engine, write=False) as connection:
            names = set(inspect(connection).get_table_names())
    finally:
        engine.dispose()
    return bool(names & set(OUR_TABLES))


def drop_our_schema(url: str) -> None:
    """Undo a set-up that failed half way: the tables it made go, nothing else on the server."""
    from app.models import metadata

    engine = make_engine(url)
    try:
        with transaction(engine, write=True) as connection:
            names = [*metadata.tables, *SEARCH_TABLES.values(), "alembic_version"]
            for name in names:
                connection.execute(text(f'DROP TABLE IF EXISTS "{name}" CASCADE'))
    finally:
        engine.dispose()


def search_create_sql(table: str) -> list[str]:
    """A search table: the folded text, its words as a `tsvector` ('simple': no stemming, no
    stop words — the text is folded in Python) and a GIN index for prefix queries."""
    return [
        f"CREATE TABLE {table} (id BIGINT PRIMARY KEY, text TEXT NOT NULL, "
        "words TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple', text)) STORED)",
        f"CREATE INDEX ix_{table}_words ON {table} USING GIN (words)",
    ]


def check_problems(connection: Connection) -> list[str]:
    """What `tiepcan check` can honestly say of a server database: it answers, its schema is
    at head, and the search tables are there. Integrity and foreign keys are the server's job:
    it enforces them on every write."""
    from app.db.migrate import current_revision
    from app.db.schema import SCHEMA_HEAD

    problems = []
    revision = current_revision(connection)
    if revision != SCHEMA_HEAD:
        problems.append(f"schema {revision} is not {SCHEMA_HEAD}")
    present = set(inspect(connection).get_table_names())
    problems += [f"missing table {name}" for name in SEARCH_TABLES.values() if name not in present]
    return problems


# -- the query layer's PostgreSQL half ---------------------------------------------------------


def _quoted_prefix(term: str) -> str:
    # A lexeme in to_tsquery's syntax: quoted (a quote inside doubled), a prefix match.
    return "'{}':*".format(term.replace("\\", "").replace("'", "''"))


class PostgresSpecific:
    """What only PostgreSQL does, for the query layer (app.db.specific)."""

    name = "postgresql"

    def insert_many(self, connection, table, columns, rows, *, on_conflict="fail") -> None:
        if not rows:
            return
        marks = ", ".join("%s" for _ in columns)
        tail = " ON CONFLICT DO NOTHING" if on_conflict == "ignore" else ""
        connection.exec_driver_sql(
            f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({marks}){tail}",
            _typed(table, columns, rows),
        )

    def update_many(self, connection, table, columns, key, rows) -> None:
        if not rows:
            return
        assignments = ", ".join(f"{column} = %s" for column in columns)
        connection.exec_driver_sql(
            f"UPDATE {table.name} SET {assignments} WHERE {key} = %s",
            _typed(table, [*columns, key], rows),
        )

    def upsert(self, connection, table, rows, key) -> None:
        upsert_with(pg_insert, connection, table, rows, key)

    def allocate_ids(self, connection, table, count) -> list[int]:
        # The table's own sequence: several operators at once never draw the same id.
        if count <= 0:
            return []
        sequence = func.pg_get_serial_sequence(table.name, "id")
        drawn = select(func.nextval(sequence)).select_from(func.generate_series(1, count))
        return sorted(connection.execute(drawn).scalars())

    def fetch_column(self, connection, statement) -> list:
        compiled = statement.compile(
            dialect=connection.dialect, compile_kwargs={"render_postcompile": True}
        )
        cursor = connection.connection.dbapi_connection.cursor()
        try:
            cursor.execute(str(compiled), compiled.construct_params())
            return [row[0] for row in cursor.fetchall()]
        finally:
            cursor.close()

    def search_ids(self, kind, terms) -> Select:
        name = SEARCH_TABLES[kind]
        query = func.to_tsquery("simple", " & ".join(_quoted_prefix(term) for term in terms))
        words = literal_column(f"{name}.words")
        return (
            select(literal_column(f"{name}.id"))
            .select_from(sql_table(name))
            .where(words.op("@@")(query))
            .order_by(func.ts_rank(words, query).desc(), literal_column(f"{name}.id"))
        )

    def index_search(self, connection, kind, entries, fresh) -> None:
        if not entries:
            return
        name = SEARCH_TABLES[kind]
        tail = "" if fresh else " ON CONFLICT (id) DO UPDATE SET text = excluded.text"
        connection.exec_driver_sql(
            f"INSERT INTO {name} (id, text) VALUES (%s, %s){tail}", [tuple(e) for e in entries]
        )

    def unindex_search(self, connection, kind, ids) -> None:
        if ids:
            connection.exec_driver_sql(
                f"DELETE FROM {SEARCH_TABLES[kind]} WHERE id = ANY(%s)", (list(ids),)
            )

    def clear_search(self, connection, kind) -> None:
        connection.exec_driver_sql(f"DELETE FROM {SEARCH_TABLES[kind]}")

    def days_between(self, later, earlier):
        # date - date is a whole number of days in PostgreSQL.
        return cast(cast(later, Date) - cast(earlier, Date), Integer)

    def json_field(self, document, key):
        """SQLite's json_extract on a number or a boolean gives a number (true → 1); so does
        this. A string value gives NULL here: ask for text with json_text (not needed yet)."""
        value = cast(document, JSONB)[key]
        kind = func.jsonb_typeof(value)
        return case(
            (kind == "number", cast(value.astext, BigInteger)),
            (
                kind == "boolean",
                case((cast(value.astext, Boolean), 1), else_=0),
            ),
            else_=None,
        )

    def json_elements(self, document):
        """A table of the elements of a JSON array held as text: one column, `value`."""
        return func.jsonb_array_elements(cast(document, JSONB)).table_valued("value")

    def ward_lock(self, connection, code, waiting=None) -> None:
        ward_lock(connection, code, waiting)

    def unindexed(self, expression):
        # PostgreSQL plans from statistics: it needs no hint to leave an index aside.
        return expression

    def compact(self, engine) -> None:
        """VACUUM marks the space of deleted rows free and drops dead index entries. It runs
        outside a transaction and does not lock out the other operators (VACUUM FULL would)."""
        try:
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                for table in SEARCH_TABLES.values():
                    connection.exec_driver_sql(f"VACUUM {table}")
                connection.exec_driver_sql("VACUUM")
        except DBAPIError as error:
            problem = environment_problem(error, engine.url)
            if problem is None:
                raise
            raise problem from error


def _typed(table, columns, rows) -> list[tuple]:
    """Rows as PostgreSQL takes them: SQLite's 0/1 in a boolean column become False/True (the
    server refuses an integer there; SQLite takes either)."""
    flags = [isinstance(table.c[column].type, Boolean) for column in columns]
    if not any(flags):
        return [tuple(row) for row in rows]
    return [
        tuple(
            bool(value) if flag and value is not None else value
            for value, flag in zip(row, flags, strict=True)
        )
        for row in rows
    ]


# -- bulk copies (moving a district from its SQLite file; the benchmarks' baseline) -----------


def copy_rows(connection: Connection, table, columns, rows) -> int:
    """Write rows (plain tuples, SQLite's 0/1 in boolean columns allowed) into `table` with
    COPY, the server's fastest way in; returns how many were written."""
    quote = connection.dialect.identifier_preparer.quote
    names = ", ".join(quote(column) for column in columns)
    flags = [isinstance(table.c[column].type, Boolean) for column in columns]
    booleans = any(flags)
    written = 0
    cursor = connection.connection.dbapi_connection.cursor()
    try:
        with cursor.copy(f"COPY {quote(table.name)} ({names}) FROM STDIN") as copy:
            for row in rows:  # one at a time: a table of a million rows is never all in memory
                if booleans:
                    row = [
                        bool(v) if f and v is not None else v
                        for v, f in zip(row, flags, strict=True)
                    ]
                copy.write_row(row)
                written += 1
    finally:
        cursor.close()
    return written


def advance_sequences(connection: Connection, tables) -> None:
    """After rows came in with their own ids: each table's id sequence continues past its
    highest id, so the next row drawn there never takes a copied id."""
    for table in tables:
        if "id" not in table.c or not table.c.id.primary_key:
            continue
        sequence = func.pg_get_serial_sequence(table.name, "id")
        highest = select(func.max(table.c.id)).scalar_subquery()
        connection.execute(
            select(func.setval(sequence, func.coalesce(highest, 1), highest.is_not(None))).where(
                sequence.is_not(None)
            )
        )


@compiles(OneOf, "postgresql")
def _one_of_array(element: OneOf, compiler, **kw) -> str:
    """The list as one array parameter: `column = ANY(%(name)s)`, whatever its length."""
    values = bindparam(element.name, type_=ARRAY(element.column.type))
    return compiler.process(element.column == any_(values), **kw)


SPECIFIC = PostgresSpecific()

__all__ = [
    "SPECIFIC",
    "URL_FILE",
    "PostgresSpecific",
    "advance_sequences",
    "check_problems",
    "check_url",
    "copy_rows",
    "drop_our_schema",
    "environment_problem",
    "holds_our_schema",
    "make_engine",
    "read_url",
    "search_create_sql",
    "shown_url",
    "transaction",
    "ward_key",
    "ward_lock",
]
