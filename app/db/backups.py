"""Copies of the database: made daily and on demand, verified before they get their name, kept
for a year in a thinning rotation, and found again when the database is damaged.

A copy is written under a hidden `.part` name, checked by SQLite (`integrity_check`), given a
`.sha256` file (the format `sha256sum -c` reads) and only then renamed to its final name: a file
under a final name is always a whole, sound copy. A kill at any moment leaves at most a `.part`
file, which the next backup removes."""

import contextlib
import hashlib
import os
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from app.db.sqlite import integrity_problems, online_backup
from app.errors import N_, DatabaseDamaged, EnvironmentProblem, os_reason
from app.fsutil import fsync_dir, write_atomic

# Kept by the rotation: the newest copy of each of the last 7 days, 4 weeks and 12 months that
# have one. Copies made before an upgrade or a restore are kept apart: the newest few of each.
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12
KEEP_TAGGED = {"before-upgrade": 2, "before-restore": 3}
STALE_AFTER_DAYS = 7  # the overview reminds the officer when the newest copy is older

_NAME = re.compile(
    r"tiepcan-(?:(?P<code>\d+)-)?(?P<stamp>\d{8}(?:-\d{6})?)"
    r"(?:-schema-(?P<schema>\d{4}))?(?:-(?P<tag>before-upgrade|before-restore))?\.db"
)
_STAMP = "%Y%m%d-%H%M%S"


@dataclass(frozen=True)
class Backup:
    path: Path
    created: datetime
    schema: str | None  # the Alembic revision it was made at ("0008")
    tag: str | None  # None for a daily or manual copy

    @property
    def checksum_file(self) -> Path:
        return checksum_path(self.path)


def checksum_path(path: Path) -> Path:
    return path.with_name(f"{path.name}.sha256")


def backup_name(code: str, when: datetime, schema: str | None, tag: str | None = None) -> str:
    parts = [f"tiepcan-{code}-{when.strftime(_STAMP)}"]
    if schema:
        parts.append(f"schema-{schema}")
    if tag:
        parts.append(tag)
    return "-".join(parts) + ".db"


def parse_backup(path: Path) -> Backup | None:
    match = _NAME.fullmatch(path.name)
    if not match:
        return None
    try:
        stamp = match["stamp"]
        created = datetime.strptime(stamp, _STAMP if "-" in stamp else "%Y%m%d")
    except ValueError:
        return None
    return Backup(path, created, match["schema"], match["tag"])


def list_backups(folder: Path) -> list[Backup]:
    """The copies in a folder, newest first."""
    try:
        entries = list(folder.iterdir())
    except OSError:  # no folder yet, or unreadable: no copies to offer
        return []
    found = [backup for path in entries if (backup := parse_backup(path)) and path.is_file()]
    return sorted(found, key=lambda backup: backup.created, reverse=True)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def matches_checksum(path: Path) -> bool:
    """True when the copy still has the bytes its `.sha256` file records."""
    try:
        recorded = checksum_path(path).read_text(encoding="ascii").split()[0]
        return file_sha256(path) == recorded.lower()
    except (OSError, UnicodeDecodeError, IndexError):
        return False


def newest_good_backup(folder: Path) -> Backup | None:
    return next((b for b in list_backups(folder) if matches_checksum(b.path)), None)


def damage_report(db: Path) -> DatabaseDamaged:
    """The refusal for a damaged database, naming the newest good copy in its backups folder."""
    backup = newest_good_backup(db.parent / "backups")
    if backup is None:
        return DatabaseDamaged(db)
    return DatabaseDamaged(db, backup.path, backup.created.strftime("%d/%m/%Y %H:%M"))


# -- writing a copy ------------------------------------------------------------------------


def write_copy(db: Path, target: Path) -> str:
    """A verified copy of `db` at `target` (a new file) with `target.sha256` beside it; returns
    the checksum. Refuses to replace anything."""
    if target.exists() or target.is_symlink():
        raise EnvironmentProblem(
            N_("{path} already exists; TiepCan does not replace a file. Choose another name."),
            path=str(target),
        )
    part = target.with_name(f".{target.name}.part")
    try:
        part.unlink(missing_ok=True)
        online_backup(db, part)
        problems = integrity_problems(part)
        if problems:
            raise EnvironmentProblem(
                N_("The backup copy written to {path} did not pass the check: {problem}"),
                path=str(target),
                problem=problems[0],
            )
        _fsync_file(part)
        checksum = file_sha256(part)
        # The checksum first: a copy under its final name always has one beside it.
        write_atomic(checksum_path(target), f"{checksum}  {target.name}\n".encode(), mode=0o600)
        os.replace(part, target)
        fsync_dir(target.parent)
    except OSError as error:
        raise EnvironmentProblem(
            N_("The backup cannot be written to {path}: {error}"),
            path=str(target),
            error=os_reason(error),
        ) from error
    finally:
        _remove_quietly(part)
        _remove_quietly(part.with_name(f"{part.name}-journal"))
    return checksum


def make_backup(
    db: Path,
    folder: Path,
    *,
    code: str,
    schema: str | None,
    tag: str | None = None,
    now: datetime | None = None,
) -> Backup:
    """A new verified copy in the installation's backups folder, then the rotation."""
    when = now or datetime.now()
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        raise EnvironmentProblem(
            N_("The backup cannot be written to {path}: {error}"),
            path=str(folder),
            error=os_reason(error),
        ) from error
    remove_leftovers(folder)
    target = folder / backup_name(code, when, schema, tag)
    while target.exists():  # two copies in one second (an upgrade retried at once)
        when += timedelta(seconds=1)
        target = folder / backup_name(code, when, schema, tag)
    write_copy(db, target)
    rotate(folder)
    return Backup(target, when.replace(microsecond=0), schema, tag)


def remove_leftovers(folder: Path) -> None:
    """What a killed backup left: hidden `.part` files and checksums without their copy."""
    try:
        entries = list(folder.iterdir())
    except OSError:
        return
    for path in entries:
        name = path.name
        part = name.startswith(".tiepcan-") and name.endswith((".part", ".part-journal"))
        orphan = (
            name.endswith(".db.sha256") and not path.with_name(name[: -len(".sha256")]).exists()
        )
        if part or orphan:
            _remove_quietly(path)


# -- rotation ------------------------------------------------------------------------------


def kept_by_rotation(backups: list[Backup]) -> set[Path]:
    """Which copies the rotation keeps (grandfather-father-son): of the daily and manual
    copies, the newest of each of the last KEEP_DAILY days, KEEP_WEEKLY ISO weeks and
    KEEP_MONTHLY months that have one; of the tagged copies, the newest few of each tag."""
    plain = sorted((b for b in backups if b.tag is None), key=lambda b: b.created, reverse=True)
    periods = (
        (lambda d: d.date(), KEEP_DAILY),
        (lambda d: d.isocalendar()[:2], KEEP_WEEKLY),
        (lambda d: (d.year, d.month), KEEP_MONTHLY),
    )
    kept: set[Path] = set()
    for period_of, count in periods:
        seen: set = set()
        for backup in plain:
            period = period_of(backup.created)
            if period in seen:
                continue
            if len(seen) == count:
                break
            seen.add(period)
            kept.add(backup.path)
    for tag, count in KEEP_TAGGED.items():
        tagged = sorted((b for b in backups if b.tag == tag), key=lambda b: b.created)
        kept.update(b.path for b in tagged[-count:])
    return kept


def rotate(folder: Path) -> list[Path]:
    """Delete the copies the rotation does not keep, with their checksums; returns them."""
    backups = list_backups(folder)
    kept = kept_by_rotation(backups)
    removed = [b.path for b in backups if b.path not in kept]
    for path in removed:
        _remove_quietly(path)
        _remove_quietly(checksum_path(path))
    return removed


def daily_backup_due(folder: Path, today: date | None = None) -> bool:
    day = today or date.today()
    return not any(b.tag is None and b.created.date() == day for b in list_backups(folder))


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove_quietly(path: Path) -> None:
    # A leftover that cannot be removed now is removed next time.
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)
