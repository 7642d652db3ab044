"""Migrations: empty → head, head equals the models, the upgrade path backs up first."""

import sqlite3

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from app.db.migrate import MIGRATIONS, alembic_config, needs_upgrade, upgrade_to_head
from app.db.schema import SCHEMA_HEAD
from app.db.sqlite import SEARCH_TABLES, is_search_table, make_engine, transaction
from app.db.store import Store
from app.models import metadata
from app.services import records as svc
from tests import factories as f


def test_schema_head_constant_matches_the_migrations(tmp_path):
    engine = make_engine(tmp_path / "x.db")
    with transaction(engine, write=False) as connection:
        script = ScriptDirectory.from_config(alembic_config(connection))
    assert script.get_current_head() == SCHEMA_HEAD
    assert MIGRATIONS.is_dir()


def test_empty_to_head_and_head_equals_the_models(tmp_path):
    db = tmp_path / "new.db"
    upgrade_to_head(db, tmp_path / "backups", None)
    assert needs_upgrade(db) == (False, SCHEMA_HEAD)
    engine = make_engine(db)
    with transaction(engine, write=False) as connection:
        context = MigrationContext.configure(
            connection,
            opts={
                "include_object": lambda obj, name, type_, reflected, other: (
                    not (type_ == "table" and is_search_table(name))
                )
            },
        )
        differences = compare_metadata(context, metadata)
        tables = {
            row[0]
            for row in connection.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type='table'"
            )
        }
    engine.dispose()
    assert differences == []
    assert set(SEARCH_TABLES.values()) <= tables
    assert not (tmp_path / "backups").exists()  # nothing to back up on a new database


def test_upgrading_an_existing_database_backs_it_up_first(ward):
    svc.create(ward, "sessions", f.session_data())
    ward.close()
    # Pretend the database is one step behind: the upgrade must back it up before touching it.
    with sqlite3.connect(ward.folder.db) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'behind'")
    behind, revision = needs_upgrade(ward.folder.db)
    assert behind and revision == "behind"
    with sqlite3.connect(ward.folder.db) as connection:
        connection.execute("UPDATE alembic_version SET version_num = :v", {"v": SCHEMA_HEAD})
    upgrade_to_head(ward.folder.db, ward.folder.backups, "0000-test")
    backups = list(ward.folder.backups.glob("*.db"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as copy:
        assert copy.execute("SELECT count(*) FROM sessions").fetchone() == (1,)
    reopened = Store.open(ward.folder.root)
    assert len(svc.list_records(reopened, "sessions")) == 1
    reopened.close()
