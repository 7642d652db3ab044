"""Setting up wards and a district that trust each other, through the real services."""

import shutil
from pathlib import Path

from app.db.store import Store
from app.sync.keys import KeyFolder
from app.sync.trust import export_card, show_keys, trust_card


def introduce(district: Store, ward: Store, replace: bool = False) -> None:
    """Both sides exchange cards and check fingerprints, as officers do by phone."""
    trust_card(district, export_card(ward), show_keys(ward)["fingerprint"], replace=replace)
    trust_card(ward, export_card(district), show_keys(district)["fingerprint"], replace=replace)


def table_rows(store: Store, ward_code: str) -> dict:
    """What the district holds for a ward: every kind's versions, tombstones included."""
    rows = {}
    with store.read() as connection:
        for table in ("people", "teams", "trainings", "sessions", "cases"):
            rows[table] = sorted(
                connection.exec_driver_sql(
                    f"SELECT uuid, revision, deleted, content_sha256 FROM {table} WHERE ward_code = ?",
                    (ward_code,),
                ).fetchall()
            )
        rows["conflicts"] = sorted(
            connection.exec_driver_sql(
                "SELECT kind, uuid, stored_sha256, incoming_sha256, status FROM conflicts"
            ).fetchall()
        )
    return rows


def new_pc_from_backup(district: Store, backup_db: Path, folder: Path) -> Store:
    """A lost PC replaced: last week's database copied onto a new PC, whose keys are new and
    registered at the district with --replace (the keys folder did not survive)."""
    folder.mkdir()
    shutil.copy(backup_db, folder / "tiepcan.db")
    replacement = Store.open(folder)
    KeyFolder(replacement.folder.keys).generate()
    introduce(district, replacement, replace=True)
    return replacement
