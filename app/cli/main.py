"""Dispatch and the exit-status contract: 0 done, 1 refused (one plain line on stderr), 2 usage."""

import json
import os
import sys
from pathlib import Path

from app.cli.parser import build_parser
from app.db.store import Store
from app.errors import N_, SetupError, TiepCanError
from app.i18n import gettext as _
from app.paths import default_data_dir
from app.services.maintenance import open_installation

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


def say_error(error: TiepCanError) -> None:
    print(error.message(), file=sys.stderr)


def print_json(value) -> None:
    print(json.dumps(value, ensure_ascii=False, sort_keys=True))


def open_store(args, role: str | None = None) -> Store:
    store = open_installation(data_dir(args))
    for notice in store.notices:
        print(notice.message(), file=sys.stderr)
    if role and store.role != role:
        store.close()
        if role == "ward":
            raise SetupError(N_("This command is for a ward installation; this one is a district."))
        raise SetupError(N_("This command is for a district installation; this one is a ward."))
    return store


def data_dir(args) -> Path:
    return Path(args.data_dir) if args.data_dir else default_data_dir()


def run(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)  # exits 2 on wrong usage
    from app.cli import commands

    handler = commands.HANDLERS[args.command]
    try:
        return handler(args)
    except TiepCanError as error:
        say_error(error)
        if getattr(args, "json", False):
            commands.print_refusal_json(args)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        print(_("Interrupted."), file=sys.stderr)
        return EXIT_REFUSED
    except BrokenPipeError:
        # The reader went away (`tiepcan … | head`): what was done is done; say nothing more.
        # stdout points at nothing from here, so the interpreter's final flush cannot fail.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
