"""Keeping an installation's records safe: backups on demand and daily, the check of the file,
and restoring a copy — the parts the command line and the window share."""

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from app.db.backups import (
    STALE_AFTER_DAYS,
    Backup,
    daily_backup_due,
    damage_report,
    list_backups,
    make_backup,
    write_copy,
)
from app.db.instance import InstanceLock
from app.db.peek import schema_revision
from app.db.restore import Restored, restore_copy
from app.db.sqlite import integrity_problems
from app.db.store import Store
from app.errors import N_, EnvironmentProblem, SetupError, TiepCanError
from app.paths import DataDir
from app.services.preferences import get_settings, put_settings

_OUT_STAMP = "%Y%m%d-%H%M%S"
COPY_OUT_SETTING = "backup.last_copy_out"
COPY_OUT_STALE_DAYS = 30  # a copy off this PC at least monthly: a stolen or burnt PC loses little


@dataclass(frozen=True)
class Written:
    path: Path
    sha256: str
    size: int


SERVER_BACKUP = N_(
    "This district's database is on a PostgreSQL server ({database}): back it up with the server's own tools, for example “pg_dump -Fc -f FILE {name}”."
)


def server_backup_refusal(store: Store) -> SetupError:
    """design.md §4: a PostgreSQL district uses the server's own tools, not a copy made here."""
    return SetupError(SERVER_BACKUP, database=store.database_name, name=store.engine.url.database)


def back_up(store: Store, out: Path | None = None, *, now: datetime | None = None) -> Written:
    """A verified copy: into the backups folder (then rotated), or to `out` — a folder, where
    it is named `tiepcan-<code>-<yyyymmdd-HHMMSS>.db` (design.md §4), or a new file's name."""
    if store.on_server:
        raise server_backup_refusal(store)
    when = now or datetime.now()
    if store.damaged:
        raise damage_report(store.folder.db)
    if out is None:
        backup = make_backup(
            store.folder.db,
            store.folder.backups,
            code=store.unit_code,
            schema=schema_revision(store.folder.db),
            now=when,
        )
        target = backup.path
        sha = backup.checksum_file.read_text(encoding="ascii").split()[0]
    else:
        target = _target_of(Path(out), store.unit_code, when)
        # Recorded before the copy is made, so that the copy holds it too: restoring it must
        # not say that no copy was ever made. A copy that fails puts the old date back.
        before = get_settings(store, COPY_OUT_SETTING).get(COPY_OUT_SETTING)
        put_settings(store, {COPY_OUT_SETTING: when.isoformat(timespec="seconds")})
        try:
            sha = write_copy(store.folder.db, target)
        except BaseException:
            put_settings(store, {COPY_OUT_SETTING: before})
            raise
    return Written(target, sha, target.stat().st_size)


def _target_of(out: Path, code: str, when: datetime) -> Path:
    if out.is_symlink():
        raise TiepCanError(
            N_("{path} is a link; name a folder or a new file instead."), path=str(out)
        )
    if out.is_dir():
        return out / f"tiepcan-{code}-{when.strftime(_OUT_STAMP)}.db"
    if out.exists():
        raise TiepCanError(
            N_("{path} already exists; TiepCan does not replace a file. Choose another name."),
            path=str(out),
        )
    if not out.parent.is_dir():
        raise EnvironmentProblem(
            N_("The folder {path} does not exist. Plug in the USB stick or choose another folder."),
            path=str(out.parent),
        )
    return out


def back_up_daily(store: Store, today: date | None = None) -> Backup | None:
    """Today's automatic copy, if there is none yet; None when there already was one."""
    day = today or date.today()
    if store.on_server:  # the server's own backups; a copy here would make an empty file
        return None
    if store.damaged or not daily_backup_due(store.folder.backups, day):
        return None
    now = datetime.now()
    when = now if now.date() == day else datetime.combine(day, now.time())
    return make_backup(
        store.folder.db,
        store.folder.backups,
        code=store.unit_code,
        schema=schema_revision(store.folder.db),
        now=when,
    )


def last_backup(folder: DataDir) -> Backup | None:
    """The newest copy in the backups folder (automatic, manual or before an upgrade)."""
    backups = list_backups(folder.backups)
    return backups[0] if backups else None


def backup_is_old(backup: Backup | None, today: date | None = None) -> bool:
    day = today or date.today()
    return backup is None or (day - backup.created.date()).days > STALE_AFTER_DAYS


def last_copy_out(store: Store) -> datetime | None:
    """When a backup was last written off this PC (`backup --out`, “Back up to…”)."""
    value = get_settings(store, COPY_OUT_SETTING).get(COPY_OUT_SETTING)
    try:
        return datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def copy_out_is_old(moment: datetime | None, today: date | None = None) -> bool:
    day = today or date.today()
    return moment is None or (day - moment.date()).days > COPY_OUT_STALE_DAYS


def check_database(store: Store) -> list[str]:
    """SQLite's full check and the foreign keys; marks the store damaged when it finds any.
    A server database: it answers, its schema is current, its search tables are there (the
    server itself enforces integrity and foreign keys on every write)."""
    if store.on_server:
        from app.db.postgres import check_problems

        with store.read() as connection:
            return check_problems(connection)
    problems = integrity_problems(store.folder.db)
    if problems:
        store.damaged = True
    return problems


def restore(root: Path, source: Path, *, window_open_here: bool = False) -> Restored:
    """Restore `source` into the data folder `root`. Refused while a window has the folder open
    (it would go on writing into the replaced file) unless the caller is that window."""
    folder = DataDir(root)
    if folder.database_url.exists():
        raise SetupError(
            N_(
                "This district's database is on a PostgreSQL server: restore it with the server's own tools (pg_restore)."
            )
        )
    if not folder.root.is_dir():
        raise SetupError(
            N_("This data folder is not set up yet. Run “tiepcan init” first: {folder}"),
            folder=str(folder.root),
        )
    lock = InstanceLock(folder.gui_lock)
    if not window_open_here:
        try:
            lock.acquire()
        except EnvironmentProblem:
            raise EnvironmentProblem(
                N_("Close the TiepCan window on this data folder first, then restore.")
            ) from None
    try:
        return restore_copy(folder, Path(source))
    finally:
        lock.release()
