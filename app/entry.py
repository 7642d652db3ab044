"""The `tiepcan` command: no subcommand opens the GUI, a subcommand runs the command line.

`ui` (and so Qt) is imported only inside `_run_gui`, so the command line never loads it."""

import sys


def _wants_gui(argv: list[str]) -> bool:
    from app.cli.parser import is_gui_invocation

    return is_gui_invocation(argv)


def _run_gui(argv: list[str]) -> int:
    from ui.main import run

    return run(argv)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if _wants_gui(argv):
        return _run_gui(argv)
    from app.cli.main import run

    return run(argv)


if __name__ == "__main__":
    sys.exit(main())
