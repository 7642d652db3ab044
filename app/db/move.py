"""`tiepcan move-to-server --database URL`: a district that outgrew its SQLite file moves its
records into an empty PostgreSQL database (issue #17).

Everything is copied as it is, ids included (a conflict, an undo step and a version name rows
by id): every table of `app.models` in dependency order, then the search index. The copy is one
transaction on the server, schema included, and the SQLite file is held under its write lock
meanwhile, so no import slips in between. Each table's rows are counted on both sides; any
difference and nothing stays on the server. Only then the switch: the SQLite file is renamed
aside (never deleted) with a note beside it, and `database.url` is written last."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, column, func, inspect, select
from sqlalchemy import table as sql_table

from app.db import postgres, sqlite
from app.db.instance import InstanceLock
from app.db.migrate import alembic_config
from app.db.store import Store
from app.errors import N_, EnvironmentProblem, SetupError, os_reason
from app.files import write_file
from app.i18n import gettext as _
from app.models import Setting, metadata
from app.paths import DataDir

BATCH = 5_000  # rows read from the file at a time: memory stays flat whatever the district's size
MOVED_ASIDE = "tiepcan-before-server-{moment}.db"  # the SQLite file after the move
NOTE_SUFFIX = ".txt"

Progress = Callable[[str, int], None]  # (table, rows copied)


@dataclass
class Moved:
    database: str  # the URL as people read it
    kept_as: Path  # the SQLite file, renamed aside
    counts: dict[str, int] = field(default_factory=dict)  # table → rows copied


def move_to_server(
    root: Path,
    url: str,
    progress: Progress | None = None,
    settings: Callable[[Store], dict[str, str]] | None = None,
) -> Moved:
    """Copy the district in `root` into the empty database `url`, check, then switch.
    `settings(store)`: rows of the settings table the server database must hold besides the
    copied ones (what `init district --database` records: the district's public keys)."""
    postgres.check_url(url)
    folder = DataDir(root)
    if folder.database_url.exists():
        raise SetupError(
            N_("This district's records are already on a server database: {database}"),
            database=postgres.shown_url(postgres.read_url(folder.root) or ""),
        )
    lock = InstanceLock(folder.gui_lock)
    try:
        lock.acquire()
    except EnvironmentProblem:
        raise EnvironmentProblem(
            N_("Close the TiepCan window on this data folder first, then move it.")
        ) from None
    try:
        with Store.open(folder.root) as store:
            if store.role != "district":
                raise SetupError(
                    N_("This command is for a district installation; this one is a ward.")
                )
            store.ensure_sound()  # a damaged file is not carried over
            counts = _copy_everything(
                store,
                url,
                progress or (lambda _table, _rows: None),
                settings(store) if settings else {},
            )
            officer = store.installation.get("officer_name") or ""
        kept = _switch(folder, url, officer)
    finally:
        lock.release()
    return Moved(postgres.shown_url(url), kept, counts)


# -- the copy -------------------------------------------------------------------------------


def _search_table(name: str, key: str):
    return sql_table(name, column(key), column("text"))


def _copy_everything(
    store: Store, url: str, progress: Progress, settings: dict[str, str]
) -> dict[str, int]:
    engine = postgres.make_engine(url)
    try:
        # The file's write lock (BEGIN IMMEDIATE) for the whole copy: one consistent snapshot,
        # and no import or edit lands in the file after its table was copied.
        with store.write() as source, postgres.transaction(engine, write=True) as target:
            _refuse_a_database_not_empty(target, url)
            from alembic import command

            command.upgrade(alembic_config(target), "head")
            counts = {}
            for table in metadata.sorted_tables:
                columns = [c.name for c in table.columns]
                rows = _read(source, select(*table.c).order_by(*table.primary_key.columns))
                counts[table.name] = postgres.copy_rows(target, table, columns, rows)
                _check_count(source, target, table, table, counts[table.name])
                progress(table.name, counts[table.name])
            for name in sqlite.SEARCH_TABLES.values():
                source_index, target_index = _search_table(name, "rowid"), _search_table(name, "id")
                rows = _read(source, select(*source_index.c))
                counts[name] = postgres.copy_rows(target, target_index, ["id", "text"], rows)
                _check_count(source, target, source_index, target_index, counts[name])
                progress(name, counts[name])
            postgres.advance_sequences(target, metadata.sorted_tables)
            _add_settings(target, settings)
    finally:
        engine.dispose()
    return counts


def _refuse_a_database_not_empty(target: Connection, url: str) -> None:
    if inspect(target).get_table_names():
        raise SetupError(
            N_(
                "The database {database} is not empty: a district moves only into a new, empty database (createdb)."
            ),
            database=postgres.shown_url(url),
        )


def _read(source: Connection, statement):
    """The rows of `statement` from the file, as plain tuples straight from the driver, a
    batch at a time (no per-row processing: a district holds a million rows)."""
    cursor = source.connection.dbapi_connection.cursor()
    try:
        cursor.execute(str(statement.compile(dialect=source.dialect)))
        while batch := cursor.fetchmany(BATCH):
            yield from batch
    finally:
        cursor.close()


def _check_count(source: Connection, target: Connection, read, written, copied: int) -> None:
    """Rows in = rows out, counted by each database itself; refused (and rolled back) if not."""
    there = source.execute(select(func.count()).select_from(read)).scalar()
    here = target.execute(select(func.count()).select_from(written)).scalar()
    if not there == here == copied:
        raise EnvironmentProblem(
            N_(
                "The copy of the table {table} does not match: {source} rows in the file, {target} on the server. Nothing was moved."
            ),
            table=written.name,
            source=there,
            target=here,
        )


def _add_settings(target: Connection, settings: dict[str, str]) -> None:
    """Settings the server database needs and the file may lack, added when absent."""
    table = Setting.__table__
    for key, value in settings.items():
        if target.execute(select(table.c.key).where(table.c.key == key)).first() is None:
            target.execute(table.insert().values(key=key, value=value))


# -- the switch -----------------------------------------------------------------------------


def _switch(folder: DataDir, url: str, officer: str) -> Path:
    """The file renamed aside with its note, then `database.url`: a folder stopped half way
    holds the renamed file and the note, never a URL without the records behind it."""
    kept = folder.root / MOVED_ASIDE.format(moment=datetime.now().strftime("%Y%m%d-%H%M%S"))
    try:
        sqlite.checkpoint(folder.db)  # the write-ahead log into the file: the file alone is whole
        for suffix in ("", "-wal", "-shm"):
            moved = Path(f"{folder.db}{suffix}")
            if moved.exists():
                moved.rename(f"{kept}{suffix}")
        write_file(kept.with_suffix(NOTE_SUFFIX), _note(url, kept).encode("utf-8"))
        folder.database_url.parent.mkdir(parents=True, exist_ok=True)
        # On a server each PC keeps its own "who" (Store.officer_name): this PC's stays.
        write_file(folder.officer_file, (officer + "\n").encode("utf-8"))
        write_file(folder.database_url, (url + "\n").encode("utf-8"))
    except (OSError, EnvironmentProblem) as error:
        _undo_switch(folder, kept, url)
        if isinstance(error, EnvironmentProblem):
            raise
        raise EnvironmentProblem(
            N_("The data folder {folder} cannot be changed: {error}. Nothing was moved."),
            folder=str(folder.root),
            error=os_reason(error),
        ) from error
    return kept


def _undo_switch(folder: DataDir, kept: Path, url: str) -> None:
    """Back as before: the file under its name, nothing on the server."""
    folder.database_url.unlink(missing_ok=True)
    folder.officer_file.unlink(missing_ok=True)
    for suffix in ("", "-wal", "-shm"):
        moved = Path(f"{kept}{suffix}")
        if moved.exists():
            moved.rename(f"{folder.db}{suffix}")
    postgres.drop_our_schema(url)


def _note(url: str, kept: Path) -> str:
    return (
        _(
            "On {date} this district's records were moved to the PostgreSQL database {database}; TiepCan now works there (the URL is in database.url). {file} is this district's SQLite database as it was just before the move, kept untouched. To go back to it: delete database.url and rename {file} to tiepcan.db."
        ).format(
            date=datetime.now().strftime("%d/%m/%Y %H:%M"),
            database=postgres.shown_url(url),
            file=kept.name,
        )
        + "\n"
    )
