"""`tiepcan import-sheet FILE --kind K [--sheet NAME] [--mapping FILE] [--dry-run] [--json]
[--template OUT]`: an office's own spreadsheet into the ward's records (design.md §4)."""

import json
from pathlib import Path

from app.cli.main import EXIT_OK, EXIT_REFUSED, open_store, print_json
from app.errors import N_, os_reason
from app.i18n import format_number
from app.i18n import gettext as _
from app.sheets import SheetError, apply_import, plan_import, write_template

MAX_MAPPING_BYTES = 1_000_000


def run_import_sheet(args) -> int:
    if args.template:
        write_template(args.kind, Path(args.template))
        print(_("Template written: {path}").format(path=args.template))
        return EXIT_OK
    if not args.file:
        raise SheetError(N_("Name the spreadsheet to import (or --template OUT)."))
    mapping = read_mapping(Path(args.mapping)) if args.mapping else None
    with open_store(args, role="ward") as store:
        plan = plan_import(store, Path(args.file), args.kind, sheet=args.sheet, mapping=mapping)
        if not args.dry_run:
            apply_import(store, plan)
    counts = plan.counts
    refused = [
        {"row": problem.row, "column": problem.column, "reason": problem.reason}
        for problem in plan.problems
    ]
    if args.json:
        print_json({"dry_run": args.dry_run, "kind": args.kind, "rows": counts, "refused": refused})
    else:
        _print_summary(counts, args.dry_run)
        for problem in refused:
            if problem["column"]:
                line = _("Row {row}, column “{column}”: {reason}")
            else:
                line = _("Row {row}: {reason}")
            print(line.format(**problem))
    return EXIT_REFUSED if counts["refused"] else EXIT_OK


SUMMARY = (
    ("duplicate", N_("Likely duplicates, not imported: {count}")),
    ("refused", N_("Rows refused: {count}")),
    ("skipped", N_("Rows skipped (blank, totals, below the table): {count}")),
)


def _print_summary(counts: dict[str, int], dry_run: bool) -> None:
    first = (
        N_("New rows that would be imported: {count}")
        if dry_run
        else N_("New rows imported: {count}")
    )
    for status, line in (("new", first), *SUMMARY):
        print(_(line).format(count=format_number(counts[status])))


def read_mapping(path: Path) -> dict[str, str | None]:
    """A JSON object {"header text": "field" or null}, as `--mapping FILE` gives it."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_MAPPING_BYTES + 1)
    except OSError as error:
        raise SheetError(
            N_("The mapping file cannot be read: {path} ({error})"),
            path=str(path),
            error=os_reason(error),
        ) from error
    try:
        data = json.loads(raw.decode("utf-8-sig")) if len(raw) <= MAX_MAPPING_BYTES else None
    except (UnicodeDecodeError, ValueError, RecursionError):
        data = None
    if not isinstance(data, dict) or not all(
        isinstance(key, str) and (value is None or isinstance(value, str))
        for key, value in data.items()
    ):
        raise SheetError(
            N_(
                'The mapping file must hold one JSON object of header texts and fields, like {{"Họ và tên": "full_name", "STT": null}}: {path}'
            ),
            path=str(path),
        )
    return data
