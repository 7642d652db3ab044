"""backup, restore and check: the officer's way back from a damaged file or a lost PC."""

import sys
from pathlib import Path

from app.cli.main import EXIT_OK, EXIT_REFUSED, data_dir, open_store
from app.db.backups import damage_report
from app.i18n import format_number
from app.i18n import gettext as _
from app.services import safekeeping


def cmd_backup(args) -> int:
    with open_store(args) as store:
        written = safekeeping.back_up(store, args.out and _path(args.out))
    print(
        _("Backup written to {path} ({size} MB), checked. SHA-256: {sha}").format(
            path=written.path, size=_megabytes(written.size), sha=written.sha256
        )
    )
    return EXIT_OK


def cmd_restore(args) -> int:
    restored = safekeeping.restore(data_dir(args), _path(args.file))
    open_store(args).close()  # migrates an older copy, raises the counters, says what it did
    when = restored.made_at.strftime("%d/%m/%Y %H:%M")
    print(
        _("Restored {name} ({code}) from {path}, a copy made {date}.").format(
            name=restored.identity.name, code=restored.identity.code, path=args.file, date=when
        )
    )
    if restored.kept is not None:
        message = (
            _("The damaged database was moved to {path}.")
            if restored.kept_damaged
            else _("The database it replaced is kept as {path}.")
        )
        print(message.format(path=restored.kept))
    return EXIT_OK


def cmd_check(args) -> int:
    with open_store(args) as store:
        problems = safekeeping.check_database(store)
        if problems:
            print(damage_report(store.folder.db).message(), file=sys.stderr)  # one line
            return EXIT_REFUSED
        size = store.folder.db.stat().st_size
    print(
        _("The database {path} is sound ({size} MB): integrity and foreign keys checked.").format(
            path=store.folder.db, size=_megabytes(size)
        )
    )
    return EXIT_OK


def _path(value: str) -> Path:
    return Path(value)


def _megabytes(size: int) -> str:
    return format_number(round(size / 1_000_000, 1))
