"""The argument parser. `--data-dir` is accepted before or after the subcommand."""

import argparse

from app import __version__
from app.i18n import gettext as _

COMMANDS = (
    "init", "status", "demo-data", "keys", "trust", "bundle", "receipt", "conflicts", "report"
)  # fmt: skip

# Listed in the help; the definitions in resources/reports/ are the truth (a test keeps them equal).
REPORT_NAMES = (
    "sessions-log",
    "mediation-logbook",
    "people-roster",
    "pbgdpl-stats",
    "mediation-stats",
    "legal-access",
)


def is_gui_invocation(argv: list[str]) -> bool:
    """No subcommand at all (only `--data-dir DIR` perhaps) means the GUI."""
    rest = list(argv)
    while rest:
        head = rest.pop(0)
        if head == "--data-dir":
            if rest:
                rest.pop(0)
        elif head.startswith("--data-dir="):
            continue
        else:
            return False
    return True


def _data_dir_option(parser: argparse.ArgumentParser, default) -> None:
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=default,
        help=_("the data folder (default: TIEPCAN_DATA_DIR or the user data folder)"),
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tiepcan",
        description=_("TiepCan: legal outreach and grassroots mediation records."),
    )
    _data_dir_option(parser, None)
    parser.add_argument(
        "--version", action="version", version=f"TiepCan {__version__}", help=_("show the version")
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        # SUPPRESS: an option given after the subcommand overrides one given before it, and its
        # absence does not erase the earlier one.
        _data_dir_option(sub, argparse.SUPPRESS)
        return sub

    init = command("init", _("set up this data folder as a ward or a district"))
    init.add_argument("role", choices=("ward", "district"))
    init.add_argument(
        "--code", required=True, help=_("unit code: 5 digits for a ward, 2 for a district")
    )
    init.add_argument("--name", help=_("unit name (a ward's defaults to the shipped list)"))
    init.add_argument("--province", help=_("province code, 2 digits (ward only)"))
    init.add_argument(
        "--officer", default="", help=_("the officer's name, recorded in the change log")
    )

    status = command("status", _("what this installation holds"))
    status.add_argument("--json", action="store_true", help=_("print JSON"))

    keys = command("keys", _("this installation's keys"))
    key_commands = keys.add_subparsers(dest="action", metavar="ACTION")
    key_commands.required = True
    show = key_commands.add_parser("show", help=_("print the key id and the fingerprint"))
    show.add_argument("--json", action="store_true", help=_("print JSON"))
    _data_dir_option(show, argparse.SUPPRESS)
    export = key_commands.add_parser(
        "export", help=_("write this installation's signed public card")
    )
    export.add_argument("--out", required=True, metavar="FILE")
    _data_dir_option(export, argparse.SUPPRESS)

    trust = command("trust", _("trust a peer's key card, or revoke a ward's key"))
    trust_commands = trust.add_subparsers(dest="action", metavar="ACTION")
    trust_commands.required = True
    add = trust_commands.add_parser(
        "add", help=_("district: register a ward; ward: trust the district")
    )
    add.add_argument("card", metavar="CARD")
    add.add_argument("--fingerprint", required=True, metavar="F")
    add.add_argument(
        "--replace", action="store_true", help=_("register a new key in place of the old")
    )
    _data_dir_option(add, argparse.SUPPRESS)
    revoke = trust_commands.add_parser(
        "revoke", help=_("district: refuse every bundle signed by a key")
    )
    revoke.add_argument("key_id", metavar="KEY_ID")
    _data_dir_option(revoke, argparse.SUPPRESS)
    listing = trust_commands.add_parser(
        "list", help=_("district: the wards and their keys; ward: its district")
    )
    listing.add_argument("--json", action="store_true", help=_("print JSON"))
    _data_dir_option(listing, argparse.SUPPRESS)

    conflicts = command("conflicts", _("district: list and settle conflicting versions"))
    conflict_commands = conflicts.add_subparsers(dest="action", metavar="ACTION")
    conflict_commands.required = True
    listed = conflict_commands.add_parser("list", help=_("every conflict, open ones first"))
    listed.add_argument("--json", action="store_true", help=_("print JSON"))
    _data_dir_option(listed, argparse.SUPPRESS)
    resolve = conflict_commands.add_parser("resolve", help=_("keep one of the two versions"))
    resolve.add_argument("id", type=int, metavar="ID")
    resolve.add_argument("--keep", required=True, choices=("stored", "incoming"))
    resolve.add_argument("--reason", required=True, metavar="TEXT")
    _data_dir_option(resolve, argparse.SUPPRESS)

    bundle = command("bundle", _("export, verify and import bundles"))
    bundle_commands = bundle.add_subparsers(dest="action", metavar="ACTION")
    bundle_commands.required = True
    out = bundle_commands.add_parser("export", help=_("ward: write a bundle for the district"))
    out.add_argument("--out", required=True, metavar="FILE|FOLDER")
    _data_dir_option(out, argparse.SUPPRESS)
    verify = bundle_commands.add_parser(
        "verify", help=_("district: check a bundle without importing it")
    )
    verify.add_argument("file", metavar="FILE")
    verify.add_argument("--json", action="store_true", help=_("print JSON"))
    _data_dir_option(verify, argparse.SUPPRESS)
    imp = bundle_commands.add_parser(
        "import", help=_("district: import bundles (a folder: every .tcb file in it)")
    )
    imp.add_argument("files", nargs="+", metavar="FILE|FOLDER")
    imp.add_argument("--dry-run", action="store_true", help=_("do everything, then roll it back"))
    imp.add_argument("--json", action="store_true", help=_("print JSON"))
    _data_dir_option(imp, argparse.SUPPRESS)

    undo = bundle_commands.add_parser("undo", help=_("district: undo a ward's last import"))
    undo.add_argument("ward", metavar="WARD_CODE")
    _data_dir_option(undo, argparse.SUPPRESS)
    receipts = bundle_commands.add_parser(
        "receipts", help=_("district: a signed receipt per ward for its last accepted bundle")
    )
    receipts.add_argument("--out", required=True, metavar="FOLDER")
    receipts.add_argument("--ward", metavar="CODE", help=_("one ward only"))
    _data_dir_option(receipts, argparse.SUPPRESS)

    receipt = command("receipt", _("ward: read the district's receipt"))
    receipt_commands = receipt.add_subparsers(dest="action", metavar="ACTION")
    receipt_commands.required = True
    load = receipt_commands.add_parser("load", help=_("check a receipt and remember it"))
    load.add_argument("file", metavar="FILE")
    _data_dir_option(load, argparse.SUPPRESS)

    report = command("report", _("compute a report and save it as PDF, XLSX or CSV"))
    report.add_argument(
        "name", metavar="NAME", help=_("the report: {names}").format(names=", ".join(REPORT_NAMES))
    )
    report.add_argument(
        "--period",
        required=True,
        metavar="P",
        help=_("2026-H1, 2026-Y, 2026 or 2026-01-01..2026-06-30"),
    )
    report.add_argument("--format", required=True, choices=("pdf", "xlsx", "csv"), dest="fmt")
    report.add_argument("--out", required=True, metavar="FILE")
    report.add_argument("--ward", metavar="CODE", help=_("district: one ward only"))
    report.add_argument(
        "--team", metavar="ID", help=_("one mediation team (its identifier or name)")
    )
    report.add_argument(
        "--estimates",
        metavar="FILE",
        help=_('a JSON file of estimated figures, e.g. {"direct_sessions": 4}'),
    )

    demo = command("demo-data", _("fill an empty ward with realistic demonstration records"))
    demo.add_argument("--sessions", type=_count, default=120)
    demo.add_argument("--cases", type=_count, default=80)
    demo.add_argument("--people", type=_count, default=40)
    demo.add_argument("--seed", type=int, default=1)
    return parser


def _count(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("not a whole number: {value}").format(value=value)
        ) from None
    if not 0 <= number <= 1_000_000:
        raise argparse.ArgumentTypeError(_("must be between 0 and 1000000"))
    return number
