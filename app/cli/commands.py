"""The handlers of the subcommands. Each returns the exit status."""

from app.cli.main import EXIT_OK, data_dir, open_store, print_json, say_error
from app.i18n import gettext as _
from app.services.kinds import KINDS
from app.services.setup import set_up
from app.services.status import status


def cmd_init(args) -> int:
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
}

__all__ = ["HANDLERS", "print_refusal_json"]
