"""Migrations: empty → head, head equals the models, the upgrade path backs up first."""

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from app.canonical import content_sha256
from app.db.migrate import MIGRATIONS, alembic_config, needs_upgrade, upgrade_to_head
from app.db.schema import SCHEMA_HEAD
from app.db.sqlite import SEARCH_TABLES, is_search_table, make_engine, transaction
from app.db.store import Store
from app.models import metadata
from app.services import records as svc
from tests import factories as f

pytestmark = pytest.mark.sqlite_only  # upgrades of SQLite files, with their backups


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


FIXTURE_0001 = Path(__file__).parent / "fixtures" / "schema-0001"
RECORD_TABLES = ("people", "teams", "trainings", "sessions", "cases")


def _snapshot(db: Path) -> dict:
    with sqlite3.connect(db) as connection:
        snapshot = {
            table: connection.execute(
                f"SELECT uuid, revision, deleted, content_sha256 FROM {table} ORDER BY uuid"
            ).fetchall()
            for table in RECORD_TABLES
        }
        for table in (
            "case_parties",
            "case_mediators",
            "person_roles",
            "team_members",
            "audit_log",
        ):
            snapshot[table] = connection.execute(f"SELECT count(*) FROM {table}").fetchone()
    return snapshot


def test_a_schema_0001_database_upgrades_without_loss(tmp_path):
    """The fixture was written by the 0001 code through its services (see tests/fixtures)."""
    folder = tmp_path / "ward"
    shutil.copytree(FIXTURE_0001, folder)
    before = _snapshot(folder / "tiepcan.db")
    assert needs_upgrade(folder / "tiepcan.db") == (True, "0001")
    store = Store.open(folder)
    try:
        assert len(list((folder / "backups").glob("*-schema-0001-before-upgrade.db"))) == 1
        assert _snapshot(folder / "tiepcan.db") == before
        for kind in RECORD_TABLES:
            for record in svc.list_records(store, kind, include_deleted=True, limit=1000):
                # Every record's data still hashes to what the ward computed before the upgrade.
                assert content_sha256(record["data"]) == record["content_sha256"]
        assert svc.list_records(store, "cases")[0]["data"]["parties"][0]["full_name"]
        assert svc.list_records(store, "sessions", search="dat dai")
    finally:
        store.close()
    assert needs_upgrade(folder / "tiepcan.db") == (False, SCHEMA_HEAD)
