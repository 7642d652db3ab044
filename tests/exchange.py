"""Setting up wards and a district that trust each other, through the real services."""

import shutil
from pathlib import Path

from sqlalchemy import select

from app.db.store import Store
from app.models import metadata
from app.services import records as svc
from app.sync.export import export_bundle
from app.sync.importer import import_bundles
from app.sync.keys import KeyFolder
from app.sync.trust import export_card, show_keys, trust_card
from tests import factories as f


def introduce(district: Store, ward: Store, replace: bool = False) -> None:
    """Both sides exchange cards and check fingerprints, as officers do by phone."""
    trust_card(district, export_card(ward), show_keys(ward)["fingerprint"], replace=replace)
    trust_card(ward, export_card(district), show_keys(district)["fingerprint"], replace=replace)


def table_rows(store: Store, ward_code: str) -> dict:
    """What the district holds for a ward: every kind's versions, tombstones included (in Core,
    so a district on PostgreSQL answers too)."""
    rows = {}
    conflicts = metadata.tables["conflicts"]
    with store.read() as connection:
        for name in ("people", "teams", "trainings", "sessions", "cases"):
            table = metadata.tables[name]
            rows[name] = sorted(
                tuple(row)
                for row in connection.execute(
                    select(
                        table.c.uuid, table.c.revision, table.c.deleted, table.c.content_sha256
                    ).where(table.c.ward_code == ward_code)
                )
            )
        rows["conflicts"] = sorted(
            tuple(row)
            for row in connection.execute(
                select(
                    conflicts.c.kind,
                    conflicts.c.uuid,
                    conflicts.c.stored_sha256,
                    conflicts.c.incoming_sha256,
                    conflicts.c.status,
                )
            )
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


def session_in_conflict(district: Store, ward: Store, folder: Path) -> str:
    """A ward sends an edit (130 attendees); a PC replaced from last week's database edits the
    same session otherwise (70) and sends it: one open conflict. Closes `ward`; returns the
    session's uuid."""
    session = svc.create(ward, "sessions", f.session_data(attendees=10))
    ward.close()
    backup = folder / "backup.db"
    shutil.copy(ward.folder.db, backup)
    ward = Store.open(ward.folder.root)
    try:
        svc.update(ward, "sessions", session["uuid"], {"attendees": 130})
        assert import_bundles(district, [export_bundle(ward, folder / "1.tcb").path])[0].status == (
            "imported"
        )
    finally:
        ward.close()
    replacement = new_pc_from_backup(district, backup, folder / "new-pc")
    try:
        svc.update(replacement, "sessions", session["uuid"], {"attendees": 70})
        outcome = import_bundles(district, [export_bundle(replacement, folder / "2.tcb").path])[0]
    finally:
        replacement.close()
    assert outcome.counts["sessions"]["conflict"] == 1
    return session["uuid"]
