"""Data steps a migration leaves for after the upgrade, because they need the record kinds:
rebuilding search tables it emptied, compacting the file, removing backups that hold what the
upgrade removed. A migration asks for them in the setting `maintenance.pending`; they run once,
the next time the folder is opened through `open_installation` (every entry point does), and
say in one line each what they did."""

import json
from pathlib import Path

from sqlalchemy import delete, select

from app.db.backups import list_backups
from app.db.specific import specific
from app.db.store import Store
from app.errors import N_, Notice
from app.models import Setting
from app.services.rows import rebuild_search_index

PENDING_KEY = "maintenance.pending"  # written by migration 0004
_settings = Setting.__table__


def _pending(store: Store) -> dict | None:
    with store.read() as connection:
        value = connection.execute(
            select(_settings.c.value).where(_settings.c.key == PENDING_KEY)
        ).scalar()
    return json.loads(value) if value else None


def open_installation(root: Path | str) -> Store:
    """Store.open, then what the last upgrade left to do; its notices are on `store.notices`."""
    store = Store.open(root)
    try:
        store.notices += run_pending(store)
    except BaseException:
        store.close()
        raise
    return store


def run_pending(store: Store) -> list[Notice]:
    """Run what the last upgrade asked for; returns what the user should be told. The request
    is cleared only once every step has succeeded: a failure (a full disk during VACUUM) leaves
    it for the next opening, and each step can run again."""
    pending = _pending(store)
    if not pending:
        return []
    with store.write() as connection:
        for kind in pending.get("reindex", []):
            rebuild_search_index(connection, kind)
    specific(store.engine).compact(store.engine)
    notices = [
        Notice(
            N_(
                "Case texts received before names were redacted have been removed from this office's database; each ward's next bundle brings them back without names."
            )
        )
    ]
    before = pending.get("purge_before_schema")
    removed = remove_backups_before(store.folder.backups, int(before)) if before else 0
    if removed:
        notices.append(
            Notice(
                N_(
                    "{count} backup copies made before the upgrade, which still held those texts, were deleted."
                ),
                count=removed,
            )
        )
    with store.write() as connection:
        connection.execute(delete(_settings).where(_settings.c.key == PENDING_KEY))
    return notices


def remove_backups_before(folder: Path, schema: int) -> int:
    """Delete the copies made at schemas older than `schema` (with their checksums)."""
    removed = 0
    for backup in list_backups(folder):
        if backup.schema is not None and int(backup.schema) < schema:
            backup.path.unlink(missing_ok=True)
            backup.checksum_file.unlink(missing_ok=True)
            removed += 1
    return removed
