"""Saving a computed report in the format the user picked: PDF, XLSX or CSV."""

import contextlib
from collections.abc import Callable
from pathlib import Path

from app.errors import N_, EnvironmentProblem, os_reason
from app.reports.table import Report

FORMATS = ("pdf", "xlsx", "csv")

Progress = Callable[[int, int], None]


def save_report(
    report: Report, path: Path | str, fmt: str, progress: Progress | None = None
) -> Path:
    """Write `report` to `path` as `fmt`. The file appears whole or not at all: it is written
    beside the target and moved into place, so a failure never leaves half a document, nor a
    stop: `progress(done, total)` hears how far the writing has come and may raise to stop it."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    target = Path(path)
    partial = target.with_name(f".{target.name}.partial")
    try:
        if fmt == "pdf":
            from app.reports.pdf import write_pdf

            write_pdf(report, partial, progress)
        elif fmt == "xlsx":
            from app.reports.xlsx import write_xlsx

            write_xlsx(report, partial, progress)
        else:
            from app.reports.csvfile import write_csv

            write_csv(report, partial, progress)
        partial.replace(target)
    except OSError as error:
        _discard(partial)
        raise EnvironmentProblem(
            N_("The report cannot be saved to {path}: {error}"),
            path=str(target),
            error=os_reason(error),
        ) from error
    except BaseException:
        _discard(partial)
        raise
    return target


def _discard(partial: Path) -> None:
    # Best effort: in a write-protected folder even removing a file never made fails, and that
    # failure must not hide the reason the user needs to read.
    with contextlib.suppress(OSError):
        partial.unlink(missing_ok=True)
