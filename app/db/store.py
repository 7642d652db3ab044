"""Opening an installation's folder: the database, its schema, its identity and its counters."""

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, func, select, text

from app.db import sqlite
from app.db.backups import damage_report
from app.db.migrate import needs_upgrade, upgrade_to_head
from app.errors import N_, EnvironmentProblem, Notice, SetupError, os_reason
from app.models import metadata
from app.paths import DataDir
from app.sync.state import CounterState, Floors

RECORD_TABLES = ("sessions", "cases", "people", "teams", "trainings")
SOUND_FOR_SECONDS = 300  # how long a passed quick check vouches for the file before an import


class Store:
    """An open installation. Hand it to the services; close it when done."""

    def __init__(self, folder: DataDir, database_url: str | None = None):
        self.folder = folder
        # None: the folder's SQLite file; a URL: a PostgreSQL district's server database.
        self.database_url = database_url
        if database_url is None:
            self.engine = sqlite.make_engine(folder.db)
            self._transaction = sqlite.transaction
        else:
            from app.db import postgres

            self.engine = postgres.make_engine(database_url)
            self._transaction = postgres.transaction
        self.counters = CounterState(folder.state_file)
        self._installation: dict | None = None
        # Notices: what opening did that the user should know (CLI and window show them)
        self.notices: list = []
        # Set once a check found the file damaged: from then on nothing is written to it.
        self.damaged = False
        self._found_sound_at = -SOUND_FOR_SECONDS  # when the last quick check passed
        self._shared = threading.local()  # the connection of `one_transaction`, per thread

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, root: Path | str) -> "Store":
        """Open a folder that `init` has set up, upgrading its schema first if it is behind."""
        folder = DataDir(root)
        url = database_url_of(folder)
        if url is None and not folder.db.is_file():
            raise SetupError(
                N_("This data folder is not set up yet. Run “tiepcan init” first: {folder}"),
                folder=str(folder.root),
            )
        database = url if url is not None else folder.db
        behind, revision = needs_upgrade(database)
        if behind:
            upgrade_to_head(database, folder.backups, revision)
        store = cls(folder, url)
        if store.installation is None:
            store.close()
            raise SetupError(
                N_("This data folder is not set up yet. Run “tiepcan init” first: {folder}"),
                folder=str(folder.root),
            )
        if store.role == "ward":  # a district draws no revision and exports nothing
            store._ensure_counters()
        return store

    @classmethod
    def create(cls, root: Path | str) -> "Store":
        """A new, empty database at head, for `init`. Refuses a folder already set up.

        A folder whose `database.url` names a server database (written by `init district
        --database`) gets its schema there; a database that already holds it is refused."""
        folder = DataDir(root)
        url = database_url_of(folder)
        if folder.db.exists() or (url is not None and _server_schema_present(url)):
            raise SetupError(
                N_("This data folder is already set up: {folder}"), folder=str(folder.root)
            )
        try:
            folder.root.mkdir(parents=True, exist_ok=True)
            folder.keys.mkdir(mode=0o700, exist_ok=True)
        except OSError as error:
            raise EnvironmentProblem(
                N_("The data folder cannot be created: {error}"), error=os_reason(error)
            ) from error
        upgrade_to_head(url if url is not None else folder.db, folder.backups, None)
        return cls(folder, url)

    def close(self) -> None:
        self.engine.dispose()

    @property
    def on_server(self) -> bool:
        """A PostgreSQL district: no file here to copy, check page by page or restore."""
        return self.database_url is not None

    @property
    def database_name(self) -> str:
        """Where the records are, as people read it: the file's path or the server's URL."""
        if self.database_url is None:
            return str(self.folder.db)
        from app.db.postgres import shown_url

        return shown_url(self.database_url)

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- transactions ----------------------------------------------------------------------

    @contextmanager
    def read(self) -> Iterator[Connection]:
        shared = getattr(self._shared, "connection", None)
        if shared is not None:
            yield shared
            return
        with self._transaction(self.engine, write=False) as connection:
            yield connection

    @contextmanager
    def write(self, *, exclusive: bool = True) -> Iterator[Connection]:
        """A write transaction. `exclusive=False`: a write confined to one ward's records (it
        takes that ward's lock, app.db.specific's ward_lock) or to rows of its own, which a
        PostgreSQL district runs beside other such writes; SQLite runs every write alone."""
        if self.damaged:
            raise damage_report(self.folder.db)
        shared = getattr(self._shared, "connection", None)
        if shared is not None:
            yield shared
            return
        with self._transaction(self.engine, write=True, exclusive=exclusive) as connection:
            yield connection

    @contextmanager
    def one_transaction(self) -> Iterator[Connection]:
        """Every read and write this thread makes inside is one transaction: all of it is
        saved, or none (demonstration data killed half way leaves an empty ward, not half)."""
        with self.write() as connection:
            self._shared.connection = connection
            try:
                yield connection
            finally:
                self._shared.connection = None

    # -- health ----------------------------------------------------------------------------

    def find_damage(self, *, quick: bool = True) -> list[str]:
        """SQLite's own checks of the file; a problem found marks the store damaged. A server
        database has no file to check: the server keeps its own pages sound."""
        if self.on_server:
            self._found_sound_at = time.monotonic()
            return []
        problems = sqlite.integrity_problems(self.folder.db, quick=quick)
        if problems:
            self.damaged = True
        else:
            self._found_sound_at = time.monotonic()
        return problems

    def ensure_sound(self) -> None:
        """Before a large write (an import): a damaged database is never written to. The quick
        check takes seconds on a large district (2.3 s at 500,000 records), so a pass counts
        for a few minutes: an inbox of 130 bundles is checked once, not 130 times."""
        recent = time.monotonic() - self._found_sound_at < SOUND_FOR_SECONDS
        if self.damaged or (not recent and self.find_damage(quick=True)):
            raise damage_report(self.folder.db)

    # -- identity --------------------------------------------------------------------------

    @property
    def installation(self) -> dict | None:
        if self._installation is None:
            with self.read() as connection:
                row = connection.execute(text("SELECT * FROM installation WHERE id = 1")).first()
            self._installation = dict(row._mapping) if row else None
        return self._installation

    @property
    def officer_name(self) -> str:
        """ "Who" on this PC (design.md §1): the officer name set at set-up or in Settings. On a
        server district each operator's PC keeps its own (officer.txt in the data folder), so
        one operator's imports are never signed with another's name; elsewhere the database
        holds it."""
        if self.on_server:
            try:
                return self.folder.officer_file.read_text(encoding="utf-8").strip()
            except (OSError, UnicodeDecodeError):
                return ""  # none set on this PC: "who" is then the OS user alone
        return self.installation.get("officer_name") or ""

    def forget_installation(self) -> None:
        """Drop the cached identity after Settings changed it."""
        self._installation = None

    @property
    def role(self) -> str:
        return self.installation["role"]

    @property
    def unit_code(self) -> str:
        return self.installation["unit_code"]

    def _ensure_counters(self) -> None:
        # A restored database, a lost or damaged counter file: the counters must start above
        # what the database already holds, or revisions and seqs would be reused (design.md §2).
        with self.read() as connection:
            floors = counter_floors(connection)
        if self.counters.raise_to(floors):
            self.notices.append(
                Notice(
                    N_(
                        "The counter file keys/state.json was damaged; it has been rebuilt from the database."
                    )
                )
            )


def database_url_of(folder: DataDir) -> str | None:
    """The server database a folder names in `database.url`; None: its SQLite file."""
    if not folder.database_url.exists():
        return None
    from app.db.postgres import read_url

    return read_url(folder.root)


def _server_schema_present(url: str) -> bool:
    from app.db.postgres import holds_our_schema

    return holds_our_schema(url)


def counter_floors(connection: Connection) -> Floors:
    """The highest revision of any record or receipt; the highest seq of the export log or of
    a receipt, with that bundle's manifest (the next bundle's `prev_manifest_sha256`)."""
    tables = [metadata.tables[name] for name in RECORD_TABLES]
    receipts, log = metadata.tables["receipts"], metadata.tables["export_log"]
    revisions = [select(func.max(table.c.revision)) for table in tables]
    revisions.append(select(func.max(receipts.c.max_revision)))
    revision = max((connection.execute(query).scalar() or 0) for query in revisions)
    last = [
        connection.execute(
            select(table.c.seq, table.c.manifest_sha256).order_by(table.c.seq.desc()).limit(1)
        ).first()
        for table in (log, receipts)
    ]
    top = max((row for row in last if row), key=lambda row: row.seq, default=None)
    return Floors(revision, top.seq if top else 0, top.manifest_sha256 if top else "")
