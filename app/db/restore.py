"""Putting a backup copy back in place of the database.

Everything is checked on a private copy inside the data folder before anything is replaced: that
it is a sound SQLite file (and still matches its `.sha256` if one is beside it), that its schema
is not newer than this program's, and that it belongs to this unit. The current database is kept
first — as a verified backup when it is sound, moved aside whole when it is damaged — so a restore
never loses anything. The counters in `keys/state.json` are not touched here: the next opening
only raises them (design.md §2), so a restored database never reuses a revision or a seq."""

import contextlib
import os
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.db import peek
from app.db.backups import (
    backup_name,
    checksum_path,
    file_sha256,
    list_backups,
    make_backup,
    parse_backup,
)
from app.db.schema import SCHEMA_HEAD
from app.db.sqlite import checkpoint, integrity_problems
from app.errors import N_, EnvironmentProblem, SetupError, TiepCanError, os_reason
from app.fsutil import fsync_dir
from app.paths import DataDir

SQLITE_MAGIC = b"SQLite format 3\x00"
_SIDE_FILES = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class CopyIdentity:
    role: str
    code: str
    name: str
    schema: str


@dataclass(frozen=True)
class Restored:
    identity: CopyIdentity
    made_at: datetime  # when the copy was made: from its name, else the file's time
    kept: Path | None  # where the database it replaced was kept
    kept_damaged: bool  # the replaced database was damaged and was moved aside whole


def restore_copy(folder: DataDir, source: Path, *, now: datetime | None = None) -> Restored:
    """Replace the database of `folder` with the copy at `source`, after checking it."""
    source = Path(source)
    if not source.is_file():
        raise TiepCanError(N_("{path} is not a file."), path=str(source))
    if folder.db.exists() and source.resolve() == folder.db.resolve():
        raise TiepCanError(
            N_("{path} is the database itself, not a backup copy."), path=str(source)
        )
    expected = _current_identity(folder)
    if expected is None and not folder.keys.is_dir():
        raise SetupError(
            N_("This data folder is not set up yet. Run “tiepcan init” first: {folder}"),
            folder=str(folder.root),
        )
    private = folder.root / ".tiepcan.db.restore.part"
    try:
        _copy_in(source, private)
        identity = check_copy(private, source, expected)
        kept, damaged = _keep_current(folder, identity.code, now or datetime.now())
        _put_in_place(private, folder.db)
    finally:
        for path in (private, *(Path(f"{private}{side}") for side in _SIDE_FILES)):
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)
    made = parse_backup(source)
    made_at = made.created if made else datetime.fromtimestamp(source.stat().st_mtime)
    return Restored(identity, made_at, kept, damaged)


def check_copy(path: Path, original: Path, expected: tuple[str, str] | None) -> CopyIdentity:
    """Refuse a copy that is not a sound TiepCan database of this unit at a schema we know."""
    with open(path, "rb") as handle:
        if handle.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            raise TiepCanError(N_("{path} is not a TiepCan backup."), path=str(original))
    recorded = checksum_path(original)
    if recorded.is_file():
        try:
            wanted = recorded.read_text(encoding="ascii").split()[0].lower()
        except (OSError, UnicodeDecodeError, IndexError):
            wanted = ""
        if file_sha256(path) != wanted:
            raise TiepCanError(
                N_(
                    "{path} no longer matches its checksum file: the copy was changed or damaged after it was made. Choose another backup."
                ),
                path=str(original),
            )
    problems = integrity_problems(path)
    if problems:
        raise TiepCanError(
            N_("{path} is damaged ({problem}). Choose another backup."),
            path=str(original),
            problem=problems[0],
        )
    schema = peek.schema_revision(path)
    name, role = peek.unit_identity(path)
    code = peek.unit_code(path)
    if schema is None or not code:
        raise TiepCanError(N_("{path} is not a TiepCan backup."), path=str(original))
    if not schema.isdigit() or schema > SCHEMA_HEAD:
        raise TiepCanError(
            N_(
                "{path} was made by a newer version of TiepCan (schema {schema}; this version knows up to {head}). Install the newer version first."
            ),
            path=str(original),
            schema=schema,
            head=SCHEMA_HEAD,
        )
    if expected is not None and (role, code) != expected:
        raise TiepCanError(
            N_(
                "{path} is a backup of {name} ({code}), not of this data folder's unit ({expected}). Nothing was changed."
            ),
            path=str(original),
            name=name,
            code=code,
            expected=expected[1],
        )
    return CopyIdentity(role, code, name, schema)


def _current_identity(folder: DataDir) -> tuple[str, str] | None:
    """(role, code) of the database being replaced; when it cannot be read (damaged), what the
    names of its own backups say; None when nothing says."""
    if folder.db.exists():
        code = peek.unit_code(folder.db)
        if code:
            return peek.unit_identity(folder.db)[1], code
    for backup in list_backups(folder.backups):
        code = peek.unit_code(backup.path)
        if code:
            return peek.unit_identity(backup.path)[1], code
    return None


def _copy_in(source: Path, private: Path) -> None:
    try:
        with open(source, "rb") as src, open(private, "wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
            dst.flush()
            os.fsync(dst.fileno())
    except OSError as error:
        raise EnvironmentProblem(
            N_("{path} cannot be copied into the data folder: {error}"),
            path=str(source),
            error=os_reason(error),
        ) from error


def _keep_current(folder: DataDir, code: str, now: datetime) -> tuple[Path | None, bool]:
    """Keep the database about to be replaced: a verified backup when it is sound; moved aside
    whole (with its write-ahead log) when it is damaged, since a copy of it could lose more."""
    if not folder.db.exists():
        return None, False
    if not integrity_problems(folder.db, quick=True):
        checkpoint(folder.db)
        kept = make_backup(
            folder.db,
            folder.backups,
            code=code,
            schema=peek.schema_revision(folder.db),
            tag="before-restore",
            now=now,
        )
        return kept.path, False
    target = folder.backups / backup_name(code, now, None, "damaged")
    try:
        folder.backups.mkdir(mode=0o700, parents=True, exist_ok=True)
        for side in ("", *_SIDE_FILES):
            current = Path(f"{folder.db}{side}")
            if current.exists():
                os.replace(current, Path(f"{target}{side}"))
        fsync_dir(folder.backups)
    except OSError as error:
        raise EnvironmentProblem(
            N_("The damaged database cannot be moved to {path}: {error}"),
            path=str(folder.backups),
            error=os_reason(error),
        ) from error
    return target, True


def _put_in_place(private: Path, db: Path) -> None:
    try:
        # The replaced database's log must not be replayed into the restored file.
        for side in _SIDE_FILES:
            Path(f"{db}{side}").unlink(missing_ok=True)
        os.replace(private, db)
        fsync_dir(db.parent)
    except OSError as error:
        raise EnvironmentProblem(
            N_("The backup cannot be put in place of {path}: {error}"),
            path=str(db),
            error=os_reason(error),
        ) from error
