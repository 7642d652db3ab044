"""`tiepcan import-sheet FILE --kind K [--sheet NAME] [--mapping FILE] [--dry-run] [--json]
[--template OUT]`: an office's own spreadsheet into the ward's records (design.md §4)."""

import json
from pathlib import Path

from app.cli.main import EXIT_OK, EXIT_REFUSED, open_store, print_json
from app.errors import N_
from app.files import read_small_file
from app.i18n import format_number
from app.i18n import gettext as _
from app.sheets import SheetError, apply_import, plan_import, target_fields, write_template

MAX_MAPPING_BYTES = 1_000_000


def run_import_sheet(args) -> int:
    if args.template:
        write_template(args.kind, Path(args.template))
        print(_("Template written: {path}").format(path=args.template))
        return EXIT_OK
    if not args.file:
        raise SheetError(N_("Name the spreadsheet to import (or --template OUT)."))
    given = read_mapping(Path(args.mapping)) if args.mapping else None
    mapping, defaults = split_defaults(given)
    with open_store(args, role="ward") as store:
        plan = plan_import(
            store, Path(args.file), args.kind, sheet=args.sheet, mapping=mapping, defaults=defaults
        )
        if not args.dry_run:
            apply_import(store, plan)
    counts = plan.counts
    refused = [
        {"row": problem.row, "column": problem.column, "reason": problem.reason}
        for problem in plan.problems
    ]
    missing = [field.name for field in plan.unmapped_required]
    if args.json:
        report = {"dry_run": args.dry_run, "kind": args.kind, "rows": counts, "refused": refused}
        if missing:
            report["unmapped_required"] = missing
        if plan.teams:
            report["teams"] = plan.teams_summary
        print_json(report)
    else:
        if args.dry_run:
            _print_mapping(plan)
        _print_summary(counts, args.dry_run)
        if plan.teams:
            _print_teams(plan.teams_summary, args.dry_run)
        if plan.unmapped_required:
            # With the key --mapping takes ("=basis": …), so the officer can give each a value.
            labels = ", ".join(
                f"“{field.label}” (={field.name})" for field in plan.unmapped_required
            )
            print(_("Fields no column fills, needed by the rows: {fields}").format(fields=labels))
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


def _print_mapping(plan) -> None:
    """What each column is read as, first: a wrong guess shows before the rows it refuses."""
    ignored = []
    for column in plan.columns:
        if column.field is None:
            ignored.append(f"“{column.header}”")
            continue
        label = _label_of(plan.kind, column.field)
        print(_("Column “{header}” → {field}").format(header=column.header, field=label))
    for name, value in plan.defaults.items():
        label = _label_of(plan.kind, name)
        print(_("Every row: {field} = {value}").format(field=label, value=value))
    if ignored:
        print(_("Columns ignored: {columns}").format(columns=", ".join(ignored)))


def _label_of(kind: str, name: str) -> str:
    return next((f.label for f in target_fields(kind) if f.name == name), name)


def _print_teams(summary: dict[str, int], dry_run: bool) -> None:
    line = (
        N_(
            "Mediation teams that would be created: {created}; teams that would gain members: {extended}"
        )
        if dry_run
        else N_("Mediation teams created: {created}; teams that gained members: {extended}")
    )
    print(
        _(line).format(
            created=format_number(summary["created"]), extended=format_number(summary["extended"])
        )
    )


def split_defaults(given: dict | None) -> tuple[dict | None, dict]:
    """The mapping file's {"=field": value} entries apart: values for every row."""
    if given is None:
        return None, {}
    mapping = {key: value for key, value in given.items() if not key.startswith("=")}
    defaults = {key[1:]: value for key, value in given.items() if key.startswith("=")}
    return (mapping or None) if defaults else mapping, defaults


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
    too_large = SheetError(N_("The mapping file is too large: {path}"), path=str(path))
    raw = read_small_file(path, MAX_MAPPING_BYTES, too_large)
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        data = None
    if not isinstance(data, dict) or not all(
        isinstance(key, str)
        and (
            value is None
            or isinstance(value, str)
            or (key.startswith("=") and isinstance(value, int | float | bool))
        )
        for key, value in data.items()
    ):
        raise SheetError(
            N_(
                'The mapping file must hold one JSON object of header texts and fields, like {{"Họ và tên": "full_name", "STT": null}}: {path}'
            ),
            path=str(path),
        )
    return data
