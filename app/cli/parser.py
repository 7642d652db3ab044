"""The argument parser. `--data-dir` is accepted before or after the subcommand."""

import argparse

from app import __version__
from app.db.schema import SCHEMA_HEAD
from app.i18n import N_
from app.i18n import gettext as _

# argparse says its own words ("usage:", "options", "the following arguments are required: …")
# through gettext's `_`: sent through our catalogs, they follow TIEPCAN_LANG like every other
# message. These are its msgids that a user of `tiepcan` can meet (Python 3.11 to 3.13);
# listed here so that the catalogs carry them.
ARGPARSE_MSGIDS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("the following arguments are required: %s"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_("unrecognized arguments: %s"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("ignored explicit argument %r"),
    N_("invalid %(type)s value: %(value)r"),
    N_("one of the arguments %s is required"),
    N_("not allowed with argument %s"),
)
argparse._ = _

COMMANDS = (
    "init", "status", "demo-data", "keys", "trust", "bundle", "receipt", "conflicts", "report",
    "backup", "restore", "check", "import-sheet", "move-to-server",
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


# Files a double-click hands to the window (the installer associates them): a ward's bundle,
# the district's receipt, a key card.
OPENED_BY_THE_WINDOW = (".tcb", ".tcr", ".card")


def gui_arguments(argv: list[str]) -> tuple[str | None, str | None] | None:
    """(data folder, file to open) when `argv` asks for the window — no subcommand, only
    `--data-dir DIR` and perhaps one file of a kind the window opens; None otherwise."""
    rest, folder, opened = list(argv), None, None
    while rest:
        head = rest.pop(0)
        if head == "--data-dir":
            folder = rest.pop(0) if rest else None
        elif head.startswith("--data-dir="):
            folder = head.partition("=")[2]
        elif opened is None and head.lower().endswith(OPENED_BY_THE_WINDOW):
            opened = head
        else:
            return None
    return folder, opened


def is_gui_invocation(argv: list[str]) -> bool:
    """No subcommand at all (only `--data-dir DIR`, perhaps a file to open) means the GUI."""
    return gui_arguments(argv) is not None


def _data_dir_option(parser: argparse.ArgumentParser, default) -> None:
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=default,
        help=_("the data folder (default: TIEPCAN_DATA_DIR or the user data folder)"),
    )


class _Parser(argparse.ArgumentParser):
    """Wrong usage is refused as every refusal is: one line on stderr in the user's language,
    saying where to read more (exit 2) — not argparse's usage block and English "error:"."""

    def error(self, message: str):
        line = _("{prog}: {message} (see “{prog} --help”)").format(
            prog=self.prog, message=" ".join(message.split())
        )
        self.exit(2, line + "\n")


EPILOG = N_(
    "Without a command, tiepcan opens its window.\n"
    "\n"
    "Exit status: 0 done; 1 refused (one line on stderr says why); 2 wrong usage.\n"
    "\n"
    "Environment:\n"
    "  TIEPCAN_DATA_DIR  the data folder when --data-dir is not given\n"
    "  TIEPCAN_LANG      the language of messages: vi (Vietnamese, the default) or en\n"
    "\n"
    "Each command has its own help: tiepcan COMMAND --help"
)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="tiepcan",
        description=_("TiepCan: legal outreach and grassroots mediation records."),
        epilog=_(EPILOG),
        formatter_class=argparse.RawDescriptionHelpFormatter,  # the epilog's lines as written
    )
    _data_dir_option(parser, None)
    parser.add_argument(
        "--version",
        action="version",
        version=f"TiepCan {__version__} (schema {SCHEMA_HEAD})",
        help=_("show the version"),
    )
    commands = parser.add_subparsers(
        dest="command", metavar="COMMAND", help=_("the command to run (none: open the window)")
    )
    commands.required = True

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        # SUPPRESS: an option given after the subcommand overrides one given before it, and its
        # absence does not erase the earlier one.
        _data_dir_option(sub, argparse.SUPPRESS)
        return sub

    init = command("init", _("set up this data folder as a ward or a district"))
    init.add_argument(
        "role",
        choices=("ward", "district"),
        help=_("ward: a ward or commune that keeps records; district: the aggregating office"),
    )
    init.add_argument(
        "--code", required=True, help=_("unit code: 5 digits for a ward, 2 for a district")
    )
    init.add_argument("--name", help=_("unit name (a ward's defaults to the shipped list)"))
    init.add_argument("--province", help=_("province code, 2 digits (ward only)"))
    init.add_argument(
        "--officer", default="", help=_("the officer's name, recorded in the change log")
    )
    init.add_argument(
        "--database",
        metavar="URL",
        help=_(
            "district: keep the records in a PostgreSQL database, postgresql://user@server/database (no password: .pgpass or PGPASSWORD)"
        ),
    )
    init.add_argument(
        "--keys",
        metavar="FILE",
        help=_("with --database: join a database already set up, with this keys backup"),
    )

    status = command("status", _("what this installation holds"))
    status.add_argument("--json", action="store_true", help=_("print JSON"))

    keys = command("keys", _("this installation's keys"))
    key_commands = keys.add_subparsers(dest="action", metavar="ACTION", help=_("what to do"))
    key_commands.required = True
    show = key_commands.add_parser("show", help=_("print the key id and the fingerprint"))
    show.add_argument("--json", action="store_true", help=_("print JSON"))
    _data_dir_option(show, argparse.SUPPRESS)
    export = key_commands.add_parser(
        "export", help=_("write this installation's signed public card")
    )
    export.add_argument(
        "--out", required=True, metavar="FILE", help=_("the card file to write (a new file)")
    )
    _data_dir_option(export, argparse.SUPPRESS)
    backup_keys = key_commands.add_parser(
        "backup", help=_("write the secret keys to a file encrypted with a passphrase")
    )
    backup_keys.add_argument(
        "--out", required=True, metavar="FILE", help=_("the file to write (a new file)")
    )
    _data_dir_option(backup_keys, argparse.SUPPRESS)

    trust = command("trust", _("trust a peer's key card, or revoke a ward's key"))
    trust_commands = trust.add_subparsers(dest="action", metavar="ACTION", help=_("what to do"))
    trust_commands.required = True
    add = trust_commands.add_parser(
        "add", help=_("district: register a ward; ward: trust the district")
    )
    add.add_argument("card", metavar="CARD", help=_("the key card received from the other side"))
    add.add_argument(
        "--fingerprint",
        required=True,
        metavar="F",
        help=_("the fingerprint the other side's officer reads out (6 groups of 5 digits)"),
    )
    add.add_argument(
        "--replace", action="store_true", help=_("register a new key in place of the old")
    )
    _data_dir_option(add, argparse.SUPPRESS)
    revoke = trust_commands.add_parser(
        "revoke", help=_("district: refuse every bundle signed by a key")
    )
    revoke.add_argument(
        "key_id", metavar="KEY_ID", help=_("the key id, as “tiepcan trust list” shows it")
    )
    _data_dir_option(revoke, argparse.SUPPRESS)
    listing = trust_commands.add_parser(
        "list", help=_("district: the wards and their keys; ward: its district")
    )
    listing.add_argument("--json", action="store_true", help=_("print JSON"))
    _data_dir_option(listing, argparse.SUPPRESS)

    conflicts = command("conflicts", _("district: list and settle conflicting versions"))
    conflict_commands = conflicts.add_subparsers(
        dest="action", metavar="ACTION", help=_("what to do")
    )
    conflict_commands.required = True
    listed = conflict_commands.add_parser("list", help=_("every conflict, open ones first"))
    listed.add_argument("--json", action="store_true", help=_("print JSON"))
    _data_dir_option(listed, argparse.SUPPRESS)
    resolve = conflict_commands.add_parser("resolve", help=_("keep one of the two versions"))
    resolve.add_argument(
        "id",
        type=_integer,
        metavar="ID",
        help=_("the conflict's number, as “tiepcan conflicts list” shows it"),
    )
    resolve.add_argument(
        "--keep", required=True, choices=("stored", "incoming"), help=_("the version to keep")
    )
    resolve.add_argument(
        "--reason", required=True, metavar="TEXT", help=_("why; kept with the decision")
    )
    _data_dir_option(resolve, argparse.SUPPRESS)

    bundle = command("bundle", _("export, verify and import bundles"))
    bundle_commands = bundle.add_subparsers(dest="action", metavar="ACTION", help=_("what to do"))
    bundle_commands.required = True
    out = bundle_commands.add_parser("export", help=_("ward: write a bundle for the district"))
    out.add_argument(
        "--out",
        required=True,
        metavar="FILE|FOLDER",
        help=_("a folder (the bundle is named there) or the name of a new file"),
    )
    _data_dir_option(out, argparse.SUPPRESS)
    verify = bundle_commands.add_parser(
        "verify", help=_("district: check a bundle without importing it")
    )
    verify.add_argument("file", metavar="FILE", help=_("the bundle file (.tcb)"))
    verify.add_argument("--json", action="store_true", help=_("print JSON"))
    _data_dir_option(verify, argparse.SUPPRESS)
    imp = bundle_commands.add_parser(
        "import", help=_("district: import bundles (a folder: every .tcb file in it)")
    )
    imp.add_argument(
        "files", nargs="+", metavar="FILE|FOLDER", help=_("bundle files, or folders holding them")
    )
    imp.add_argument("--dry-run", action="store_true", help=_("do everything, then roll it back"))
    imp.add_argument("--json", action="store_true", help=_("print JSON"))
    _data_dir_option(imp, argparse.SUPPRESS)

    undo = bundle_commands.add_parser("undo", help=_("district: undo a ward's last import"))
    undo.add_argument("ward", metavar="WARD_CODE", help=_("the ward's 5-digit code"))
    _data_dir_option(undo, argparse.SUPPRESS)
    receipts = bundle_commands.add_parser(
        "receipts", help=_("district: a signed receipt per ward for its last accepted bundle")
    )
    receipts.add_argument(
        "--out", required=True, metavar="FOLDER", help=_("the folder to write the receipts in")
    )
    receipts.add_argument("--ward", metavar="CODE", help=_("one ward only"))
    _data_dir_option(receipts, argparse.SUPPRESS)

    receipt = command("receipt", _("ward: read the district's receipt"))
    receipt_commands = receipt.add_subparsers(dest="action", metavar="ACTION", help=_("what to do"))
    receipt_commands.required = True
    load = receipt_commands.add_parser("load", help=_("check a receipt and remember it"))
    load.add_argument("file", metavar="FILE", help=_("the receipt file (.tcr)"))
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
    report.add_argument(
        "--format",
        required=True,
        choices=("pdf", "xlsx", "csv"),
        dest="fmt",
        help=_("the file format"),
    )
    report.add_argument("--out", required=True, metavar="FILE", help=_("the file to write"))
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
    demo.add_argument(
        "--sessions",
        type=_count,
        default=120,
        help=_("how many outreach sessions (default: {number})").format(number=120),
    )
    demo.add_argument(
        "--cases",
        type=_count,
        default=80,
        help=_("how many mediation cases (default: {number})").format(number=80),
    )
    demo.add_argument(
        "--people",
        type=_count,
        default=40,
        help=_("how many people (default: {number})").format(number=40),
    )
    demo.add_argument(
        "--seed",
        type=_integer,
        default=1,
        help=_("the same seed gives the same records (default: {number})").format(number=1),
    )
    _add_safety_commands(command)
    _add_sheet_command(command)
    _add_move_command(command)
    return parser


def _add_move_command(command) -> None:
    """move-to-server (issue #17): a district's SQLite file into an empty PostgreSQL database."""
    move = command(
        "move-to-server",
        _("district: move the records from the SQLite file into an empty PostgreSQL database"),
    )
    move.add_argument(
        "--database",
        required=True,
        metavar="URL",
        help=_(
            "the empty database, postgresql://user@server/database (no password: .pgpass or PGPASSWORD)"
        ),
    )


def _add_sheet_command(command) -> None:
    """import-sheet (design.md §4, issue #15); --template is ours."""
    sheet = command("import-sheet", _("ward: bring in an office's own spreadsheet"))
    sheet.epilog = _(
        "Bring in the people first (their team column makes the teams), then teams, then cases and sessions: a case or session names people already in the list. Check with --dry-run before importing."
    )
    sheet.add_argument(
        "file", nargs="?", metavar="FILE", help=_("the spreadsheet: .xlsx, .xls, .ods or .csv")
    )
    sheet.add_argument(
        "--kind",
        required=True,
        choices=("people", "teams", "cases", "sessions"),
        help=_("what the rows are"),
    )
    sheet.add_argument("--sheet", metavar="NAME", help=_("the sheet to read (default: the first)"))
    sheet.add_argument(
        "--mapping",
        metavar="FILE",
        help=_(
            'a JSON file mapping each header text to a field name, or to null to ignore the column; a key "=FIELD" gives every row its value for a field no column fills, e.g. "=basis": "party_request"'
        ),
    )
    sheet.add_argument("--dry-run", action="store_true", help=_("check every row, import nothing"))
    sheet.add_argument("--json", action="store_true", help=_("print JSON"))
    sheet.add_argument(
        "--template",
        metavar="OUT",
        help=_("write an empty spreadsheet for --kind with the columns TiepCan reads, and stop"),
    )


def _add_safety_commands(command) -> None:
    """backup, restore, check (design.md §4)."""
    backup = command("backup", _("copy the database, verified, with its checksum"))
    backup.add_argument(
        "--out",
        metavar="FILE|FOLDER",
        help=_("where to put the copy (a USB stick); default: the data folder's backups folder"),
    )
    restore = command("restore", _("put a backup copy back; the current database is kept"))
    restore.add_argument("file", metavar="FILE", help=_("the backup copy (.db)"))
    command("check", _("check the database file (integrity and foreign keys)"))


def _integer(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("not a whole number: {value}").format(value=value)
        ) from None


def _count(value: str) -> int:
    number = _integer(value)
    if not 0 <= number <= 1_000_000:
        raise argparse.ArgumentTypeError(_("must be between 0 and 1000000"))
    return number
