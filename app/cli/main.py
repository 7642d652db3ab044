"""Dispatch and the exit-status contract: 0 done, 1 refused (one plain line on stderr), 2 usage."""

import json
import os
import sys
from contextlib import contextmanager
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
    with _stdout_whose_reader_may_leave():
        parser = build_parser()
        args = parser.parse_args(argv)  # exits 2 on wrong usage
        return _dispatch(args)


def _dispatch(args) -> int:
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
        # A pipe closed under the command itself, not under stdout (which is guarded below):
        # what was done is done; say nothing more.
        _point_at_nothing(sys.stdout)
        return EXIT_OK


class _GuardedStdout:
    """sys.stdout while a command runs. `tiepcan … | head` closes the pipe early: what the
    command still prints then goes nowhere, and the command finishes and exits with its real
    status (an import is committed whatever its reader did) instead of ending in a traceback."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            _point_at_nothing(self._stream)
            return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            _point_at_nothing(self._stream)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def _point_at_nothing(stream) -> None:
    # What is still buffered, and the interpreter's last flush on its way out, go to devnull.
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, stream.fileno())
    finally:
        os.close(devnull)


@contextmanager
def _stdout_whose_reader_may_leave():
    original = sys.stdout
    if original is None:  # no console at all (a windowed build): nothing to guard
        yield
        return
    guarded = sys.stdout = _GuardedStdout(original)
    try:
        yield
    finally:
        guarded.flush()  # here, not at exit, where a closed pipe could only be reported
        sys.stdout = original
