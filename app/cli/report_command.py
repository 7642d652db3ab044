"""`tiepcan report NAME --period P --format pdf|xlsx|csv --out FILE [--ward] [--team] [--estimates]`."""

import json
from pathlib import Path

from app.cli.main import EXIT_OK, open_store
from app.errors import N_, Msg, os_reason
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
    """A JSON object of {figure key: whole number}; the engine checks the keys and values.

    Read with a bound (a FIFO or /dev/zero has no size to check first), parsed without letting
    Python's own limits escape as tracebacks: nesting deeper than the recursion limit, integers
    of thousands of digits. A key given twice is refused: which of the two was meant?"""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_ESTIMATES_BYTES + 1)
    except OSError as error:
        raise ReportError(
            N_("The estimates file cannot be read: {path} ({error})"),
            path=str(path),
            error=os_reason(error),
        ) from error
    if len(raw) > MAX_ESTIMATES_BYTES:
        raise ReportError(N_("The estimates file is too large: {path}"), path=str(path))
    try:
        data = _DECODER.decode(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise ReportError(
            N_("The estimates file is not valid JSON: {path} ({error})"),
            path=str(path),
            error=_json_reason(error),
        ) from None
    if not isinstance(data, dict):
        raise ReportError(
            N_('The estimates file must hold one JSON object, like {{"direct_sessions": 4}}.')
        )
    return data


class _Refused(ValueError):
    """A JSON file well formed but not acceptable; its message is a msgid."""


def _json_reason(error: Exception) -> str:
    # Said in the reader's language: where the syntax breaks, or what the file asks too much of.
    if isinstance(error, RecursionError):
        return Msg(N_("nesting too deep"))
    if isinstance(error, _Refused):
        return Msg(str(error))
    if isinstance(error, UnicodeDecodeError):
        return Msg(N_("not UTF-8 text"))
    if isinstance(error, json.JSONDecodeError):
        return _("line {line}, column {column}").format(line=error.lineno, column=error.colno)
    return str(error)[:200]


def _object(pairs: list[tuple[str, object]]) -> dict:
    data = dict(pairs)
    if len(data) != len(pairs):
        raise _Refused(N_("a key is given twice"))
    return data


def _integer(digits: str) -> int:
    # Checked on the digits, before Python builds the number (or refuses 4,300+ digits itself).
    if len(digits.lstrip("-")) > MAX_ESTIMATE_DIGITS:
        raise _Refused(N_("a number is too large"))
    return int(digits)


MAX_ESTIMATE_DIGITS = 18
_DECODER = json.JSONDecoder(object_pairs_hook=_object, parse_int=_integer)
