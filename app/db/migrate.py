"""Bring a database to the schema head: backup, upgrade in one transaction, check foreign keys.

A database is an SQLite file (a Path) or a PostgreSQL district's server database (its URL, a
str): the same migrations build both (they branch where only one engine does a thing)."""

from pathlib import Path

from sqlalchemy import Connection, inspect, text

from app.db import sqlite
from app.db.backups import make_backup
from app.db.peek import unit_code
from app.db.schema import SCHEMA_HEAD
from app.errors import N_, EnvironmentProblem

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection: Connection):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def current_revision(connection: Connection) -> str | None:
    if connection.dialect.name == "sqlite":
        exists = connection.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).first()
    else:
        exists = inspect(connection).has_table("alembic_version")
    if not exists:
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _engine_and_transaction(database: Path | str, **options):
    """The engine of an SQLite file (a Path) or of a server database (a URL), and its
    transaction helper."""
    if isinstance(database, str):
        from app.db import postgres

        return postgres.make_engine(database), postgres.transaction
    return sqlite.make_engine(database, **options), sqlite.transaction


def needs_upgrade(database: Path | str) -> tuple[bool, str | None]:
    engine, transaction = _engine_and_transaction(database)
    try:
        with transaction(engine, write=False) as connection:
            revision = current_revision(connection)
    finally:
        engine.dispose()
    return revision != SCHEMA_HEAD, revision


def upgrade_to_head(
    db_path: Path | str, backups: Path, revision: str | None, target: str = "head"
) -> None:
    """Run the migrations on one connection inside one real transaction.

    SQLite: foreign keys are off on that connection, as SQLite's table-rebuild procedure requires
    (a dropped parent would otherwise cascade into its children); `foreign_key_check` then proves
    the result consistent before the commit. PostgreSQL alters tables in place and enforces
    foreign keys itself; its backups are the server's own (pg_dump), not a copy made here."""
    if isinstance(db_path, str):
        _upgrade_server_database(db_path, target)
        return
    if revision is not None:
        # Verified, named with the schema it holds, and rotated: a retried upgrade does not pile
        # up copies, and a kill while copying leaves no file that looks like a backup.
        make_backup(
            db_path, backups, code=unit_code(db_path) or "0", schema=revision, tag="before-upgrade"
        )
    from alembic import command

    engine = sqlite.make_engine(db_path, foreign_keys=False)
    try:
        with sqlite.transaction(engine, write=True) as connection:
            command.upgrade(alembic_config(connection), target)
            broken = connection.execute(text("PRAGMA foreign_key_check")).fetchall()
            if broken:
                raise EnvironmentProblem(
                    N_("The database upgrade found {count} broken links and was undone."),
                    count=len(broken),
                )
    finally:
        engine.dispose()


def _upgrade_server_database(url: str, target: str) -> None:
    # Under the write lock: two operators opening an older schema at once upgrade it once (the
    # second finds it at head).
    from alembic import command

    from app.db import postgres

    engine = postgres.make_engine(url)
    try:
        with postgres.transaction(engine, write=True) as connection:
            command.upgrade(alembic_config(connection), target)
    finally:
        engine.dispose()
