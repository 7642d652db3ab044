"""`tiepcan report NAME --period P --format pdf|xlsx|csv --out FILE [--ward] [--team] [--estimates]`."""

import json
from pathlib import Path

from app.cli.main import EXIT_OK, open_store
from app.errors import N_
from app.i18n import gettext as _
from app.reports.engine import ReportError, Request, build_report
from app.reports.export import save_report

MAX_ESTIMATES_BYTES = 1_000_000


def run_report(args) -> int:
    estimates = read_estimates(Path(args.estimates)) if args.estimates else None
    with open_store(args) as store:
        report = build_report(
            store,
            Request(args.name, args.period, ward=args.ward, team=args.team, estimates=estimates),
        )
    out = Path(args.out)
    if out.is_dir():
        raise ReportError(N_("--out must name a file, not a folder: {path}"), path=str(out))
    save_report(report, out, args.fmt)
    print(_("Report saved: {path}").format(path=out))
    return EXIT_OK


def read_estimates(path: Path) -> dict:
    """A JSON object of {figure key: whole number}; the engine checks the keys and values."""
    try:
        if path.stat().st_size > MAX_ESTIMATES_BYTES:
            raise ReportError(N_("The estimates file is too large: {path}"), path=str(path))
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as error:
        raise ReportError(
            N_("The estimates file cannot be read: {path} ({error})"),
            path=str(path),
            error=error.strerror or str(error),
        ) from error
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ReportError(
            N_("The estimates file is not valid JSON: {path} ({error})"),
            path=str(path),
            error=str(error),
        ) from error
    if not isinstance(data, dict):
        raise ReportError(
            N_('The estimates file must hold one JSON object, like {{"direct_sessions": 4}}.')
        )
    return data
