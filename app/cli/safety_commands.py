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
        if store.on_server:  # design.md §4: a PostgreSQL district uses the server's own tools
            print(safekeeping.server_backup_refusal(store).message(), file=sys.stderr)
            return EXIT_REFUSED
        written = safekeeping.back_up(store, args.out and _path(args.out))
    print(
        _("Backup written to {path} ({size} MB), checked. SHA-256: {sha}").format(
            path=written.path, size=_megabytes(written.size), sha=written.sha256
        )
    )
    return EXIT_OK


def cmd_restore(args) -> int:
    from app.paths import DataDir

    if DataDir(data_dir(args)).database_url.exists():
        print(
            _(
                "This district's database is on a PostgreSQL server: restore it with the server's own tools (pg_restore)."
            ),
            file=sys.stderr,
        )
        return EXIT_REFUSED
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
        if store.on_server:
            return _check_server(store)
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


def _check_server(store) -> int:
    """A server database: it answers, its schema is at head, its search tables are there.
    Integrity and foreign keys are the server's job: it enforces them on every write."""
    from app.db.postgres import check_problems

    with store.read() as connection:
        problems = check_problems(connection)
    if problems:
        print(
            _("The database {database} is not as TiepCan expects: {problems}").format(
                database=store.database_name, problems="; ".join(problems)
            ),
            file=sys.stderr,
        )
        return EXIT_REFUSED
    print(
        _(
            "The database {database} answers and its schema is current; the PostgreSQL server itself enforces integrity and foreign keys."
        ).format(database=store.database_name)
    )
    return EXIT_OK


def _path(value: str) -> Path:
    return Path(value)


def _megabytes(size: int) -> str:
    return format_number(round(size / 1_000_000, 1))
