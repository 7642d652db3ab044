"""Bring a database to the schema head: backup, upgrade in one transaction, check foreign keys."""

from pathlib import Path

from sqlalchemy import Connection, text

from app.db.backups import make_backup
from app.db.peek import unit_code
from app.db.schema import SCHEMA_HEAD
from app.db.sqlite import make_engine, transaction
from app.errors import N_, EnvironmentProblem

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection: Connection):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def current_revision(connection: Connection) -> str | None:
    exists = connection.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
    ).first()
    if not exists:
        return None
    return connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def needs_upgrade(db_path: Path) -> tuple[bool, str | None]:
    engine = make_engine(db_path)
    try:
        with transaction(engine, write=False) as connection:
            revision = current_revision(connection)
    finally:
        engine.dispose()
    return revision != SCHEMA_HEAD, revision


def upgrade_to_head(
    db_path: Path, backups: Path, revision: str | None, target: str = "head"
) -> None:
    """Run the migrations on one connection inside one real transaction.

    Foreign keys are off on that connection, as SQLite's table-rebuild procedure requires (a
    dropped parent would otherwise cascade into its children); `foreign_key_check` then proves
    the result consistent before the commit."""
    if revision is not None:
        # Verified, named with the schema it holds, and rotated: a retried upgrade does not pile
        # up copies, and a kill while copying leaves no file that looks like a backup.
        make_backup(
            db_path, backups, code=unit_code(db_path) or "0", schema=revision, tag="before-upgrade"
        )
    from alembic import command

    engine = make_engine(db_path, foreign_keys=False)
    try:
        with transaction(engine, write=True) as connection:
            command.upgrade(alembic_config(connection), target)
            broken = connection.execute(text("PRAGMA foreign_key_check")).fetchall()
            if broken:
                raise EnvironmentProblem(
                    N_("The database upgrade found {count} broken links and was undone."),
                    count=len(broken),
                )
    finally:
        engine.dispose()
