"""CSV: UTF-8 with a byte-order mark, so Excel on a Vietnamese Windows opens the diacritics right.

Numbers are plain digits (a rate with a dot: 84.8) so other programs can read them; a report of
one table is that table, with one header line ("group – label" where the form groups columns).
A report of several tables (a logbook per team, the roster) writes each as a block: its title
line, its header line, its rows, then an empty line. A table's footnotes (the PDF prints them
among its notes) follow its rows after an empty line, one per line."""

import csv
from pathlib import Path

from app.reports.progress import Progress, Tally
from app.reports.table import COUNT, MONEY, PERCENT, Report, Section


def header_labels(section: Section) -> list[str]:
    return [" – ".join([*column.groups, column.label]) for column in section.columns]


def plain_value(value, kind: str):
    if value is None:
        return ""
    if kind in (COUNT, MONEY) and not isinstance(value, str):
        return int(value)
    if kind == PERCENT and not isinstance(value, str):
        return f"{float(value):.1f}"
    return value


def write_csv(report: Report, path: Path | str, progress: Progress | None = None) -> None:
    """`progress(done, total)` hears of the rows written and may raise to stop."""
    blocks = len(report.sections) > 1
    tally = Tally(progress, sum(len(section.rows) for section in report.sections))
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        for number, section in enumerate(report.sections):
            if blocks:
                if number:
                    writer.writerow([])
                facts = "; ".join(f"{label}: {value}" for label, value in section.facts if value)
                writer.writerow([section.title] + ([facts] if facts else []))
            writer.writerow(header_labels(section))
            for row in tally.counted(section.rows):
                writer.writerow(
                    [plain_value(row.values.get(c.key), c.kind) for c in section.columns]
                )
            for label, value in section.summary:
                writer.writerow([label, value])
            if section.footnotes:  # after an empty line, so the table above stays a table
                writer.writerow([])
                for footnote in section.footnotes:
                    writer.writerow([footnote])
    tally.finish()
