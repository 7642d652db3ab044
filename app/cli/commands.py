"""The handlers of the subcommands. Each returns the exit status."""

from pathlib import Path

from app.cli.main import EXIT_OK, data_dir, open_store, print_json, say_error
from app.i18n import gettext as _
from app.services.kinds import KINDS
from app.services.setup import set_up
from app.services.status import status


def cmd_init(args) -> int:
    if args.database or args.keys:
        return _init_on_server(args)
    result = set_up(
        data_dir(args),
        args.role,
        args.code,
        name=args.name,
        province=args.province,
        officer=args.officer,
    )
    with result.store as store:
        for warning in result.warnings:
            say_error(warning)
        installation = store.installation
        message = (
            _("Ward {code} – {name} is set up in {folder}")
            if installation["role"] == "ward"
            else _("District {code} – {name} is set up in {folder}")
        )
        print(
            message.format(
                code=installation["unit_code"],
                name=installation["unit_name"],
                folder=store.folder.root,
            )
        )
    return EXIT_OK


def _init_on_server(args) -> int:
    """A district on a PostgreSQL database: set it up, or join it from another PC (--keys)."""
    from app.cli import district_server
    from app.errors import N_, SetupError

    if args.role != "district" or not args.database:
        raise SetupError(N_("--database is for a district, and --keys needs --database."))
    if args.keys:
        store = district_server.join_server(
            data_dir(args), args.database, args.code, Path(args.keys), args.officer
        )
        message = _(
            "District {code} – {name}: this PC now works on the shared database {database}, with the district's keys, from {folder}"
        )
    else:
        result = district_server.set_up_on_server(
            data_dir(args), args.database, args.code, args.name, args.officer
        )
        for warning in result.warnings:
            say_error(warning)
        store = result.store
        message = _("District {code} – {name} is set up on the database {database}, from {folder}")
    with store:
        installation = store.installation
        print(
            message.format(
                code=installation["unit_code"],
                name=installation["unit_name"],
                database=store.database_name,
                folder=store.folder.root,
            )
        )
    return EXIT_OK


def cmd_status(args) -> int:
    with open_store(args) as store:
        report = status(store)
    if args.json:
        print_json(report)
        return EXIT_OK
    unit = report["unit"]
    role = _("ward") if unit["role"] == "ward" else _("district (aggregating office)")
    print(f"{unit['name']} ({unit['code']}) – {role}")
    for ward, counts in sorted(report["counts"].items()):
        print(f"  {ward}: {describe_counts(counts)}")
    return EXIT_OK


def describe_counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{_(KINDS[kind].plural)}: {number}" for kind, number in counts.items())


def cmd_demo_data(args) -> int:
    with open_store(args, role="ward") as store:
        from app.demo import fill_demo_data

        summary = fill_demo_data(
            store, sessions=args.sessions, cases=args.cases, people=args.people, seed=args.seed
        )
    print(_("Demonstration data added: {summary}").format(summary=describe_counts(summary)))
    return EXIT_OK


def print_refusal_json(args) -> None:
    """Commands with --json still print their JSON shape when refused as a whole."""
    if args.command == "bundle" and args.action in ("import", "verify"):
        print_json({"dry_run": bool(getattr(args, "dry_run", False)), "bundles": []})
    elif args.command == "conflicts":
        print_json({"conflicts": []})
    elif args.command == "trust":
        print_json({"wards": []})
    elif args.command == "import-sheet":
        rows = dict.fromkeys(("new", "duplicate", "refused", "skipped"), 0)
        print_json({"dry_run": args.dry_run, "kind": args.kind, "rows": rows, "refused": []})


def _sync_handler(name: str):
    def handler(args) -> int:
        from app.cli import sync_commands  # crypto libraries only when a sync command runs

        return getattr(sync_commands, name)(args)

    return handler


def _safety_handler(name: str):
    def handler(args) -> int:
        from app.cli import safety_commands

        return getattr(safety_commands, name)(args)

    return handler


def cmd_import_sheet(args) -> int:
    from app.cli.sheet_command import run_import_sheet  # spreadsheet readers only when asked

    return run_import_sheet(args)


def cmd_move_to_server(args) -> int:
    from app.db.move import move_to_server
    from app.i18n import format_number

    def progress(table: str, rows: int) -> None:
        line = _("{table}: {count} rows copied").format(table=table, count=format_number(rows))
        print(line, flush=True)

    from app.cli.district_server import KEYS_SETTING, public_keys_setting
    from app.sync.keys import KeyFolder

    def settings(store) -> dict[str, str]:
        # Other PCs joining with --keys are checked against the district's public keys.
        return {KEYS_SETTING: public_keys_setting(KeyFolder(store.folder.keys).public())}

    moved = move_to_server(data_dir(args), args.database, progress, settings)
    print(
        _(
            "The district now works on the database {database}. Its SQLite file is kept as {path}."
        ).format(database=moved.database, path=moved.kept_as)
    )
    return EXIT_OK


def cmd_report(args) -> int:
    from app.cli.report_command import run_report  # reportlab and openpyxl only when asked

    return run_report(args)


HANDLERS = {
    "init": cmd_init,
    "status": cmd_status,
    "demo-data": cmd_demo_data,
    "keys": _sync_handler("cmd_keys"),
    "trust": _sync_handler("cmd_trust"),
    "bundle": _sync_handler("cmd_bundle"),
    "conflicts": _sync_handler("cmd_conflicts"),
    "receipt": _sync_handler("cmd_receipt"),
    "report": cmd_report,
    "backup": _safety_handler("cmd_backup"),
    "restore": _safety_handler("cmd_restore"),
    "check": _safety_handler("cmd_check"),
    "import-sheet": cmd_import_sheet,
    "move-to-server": cmd_move_to_server,
}

__all__ = ["HANDLERS", "print_refusal_json"]
