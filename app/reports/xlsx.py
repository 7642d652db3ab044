"""XLSX (openpyxl): the paper form as a spreadsheet — the NĐ 30/2020 heading, merged header
cells as on the form, numbers in numeric cells, column widths, the header frozen and repeated on
every printed page, A4 fitted to the page width. One sheet per table (a logbook has one per
team)."""

from pathlib import Path

from app.i18n import N_, gettext
from app.reports import document
from app.reports.csvfile import plain_value
from app.reports.table import (
    COUNT,
    ESTIMATE,
    MARK,
    MONEY,
    NUMERIC,
    PERCENT,
    SUBTOTAL,
    TOTAL,
    Report,
    Section,
)

FONT = "Times New Roman"  # what the office PC has; the PDF embeds its metric twin
CHARS_PER_WIDTH = 11  # a column of relative width 1.0 is about 11 characters wide
_INVALID_TITLE = str.maketrans({c: " " for c in "[]:*?/\\"})


def write_xlsx(report: Report, path: Path | str) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for number, section in enumerate(report.sections, start=1):
        sheet = book.create_sheet(_sheet_title(section, report.title, used))
        _fill(sheet, report, section, last=number == len(report.sections))
    book.properties.title = report.title
    book.properties.creator = "TiepCan"
    book.save(str(path))


def _sheet_title(section: Section, fallback: str, used: set[str]) -> str:
    # Excel: at most 31 characters, none of []:*?/\, unique regardless of case.
    base = (section.title.split(" — ")[-1] if section.title else "") or fallback
    base = _cut(base.translate(_INVALID_TITLE).strip(), 28) or "1"
    title, suffix = base, 2
    while title.lower() in used:
        title = f"{_cut(base, 25)} ({suffix})"
        suffix += 1
    used.add(title.lower())
    return title


def _cut(text: str, limit: int) -> str:
    """At most `limit` characters, cut between words, not inside one."""
    if len(text) <= limit:
        return text
    head = text[: limit + 1].rsplit(" ", 1)[0] if " " in text[: limit + 1] else text[:limit]
    return head[:limit].rstrip(" ,;–-")


def _split(columns, share: float) -> int:
    """How many columns from the left hold the nearest to `share` of the sheet's width,
    leaving at least one to the right."""
    widths = [_column_width(column) for column in columns]
    total, running, best, nearest = sum(widths), 0.0, 1, 2.0
    for index, width in enumerate(widths[:-1], start=1):
        running += width
        if abs(running / total - share) < nearest:
            best, nearest = index, abs(running / total - share)
    return best


def _column_width(column) -> float:
    return max(5.0, column.width * CHARS_PER_WIDTH)


def _fill(sheet, report: Report, section: Section, last: bool) -> None:
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    language = report.language
    columns = section.columns
    count = len(columns)
    regular, bold, italic = (
        Font(name=FONT, size=12),
        Font(name=FONT, size=12, bold=True),
        Font(name=FONT, size=12, italic=True),
    )
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)

    def merged(row, first, last_column, value, font=regular, align=centre):
        last_column = max(first, last_column)
        cell = sheet.cell(row=row, column=first, value=value)
        cell.font, cell.alignment = font, align
        if last_column > first:
            sheet.merge_cells(
                start_row=row, start_column=first, end_row=row, end_column=last_column
            )

    # The heading: the unit top left, the national motto top right (NĐ 30/2020).
    # The unit's block takes about 40% of the width, as on paper, however narrow the first
    # columns are (an STT column and a date would clip "ỦY BAN NHÂN DÂN").
    split = _split(columns, 0.4) if count > 1 else 1
    motto_top, motto_bottom = document.motto(language)
    for offset, line in enumerate(report.unit_lines):
        merged(
            1 + offset, 1, split, line, bold if offset == len(report.unit_lines) - 1 else regular
        )
    merged(1, split + 1, count, motto_top, bold)
    merged(
        2, split + 1, count, motto_bottom, Font(name=FONT, size=13, bold=True, underline="single")
    )
    merged(
        3,
        split + 1,
        count,
        document.place_and_date(report.place, report.issued_on, language),
        italic,
    )
    # A merged cell does not grow with its text in Excel: its row is given the height of the
    # lines the text wraps to across the sheet's width.
    span = sum(_column_width(column) for column in columns)

    def fit(row, text, size=12):
        lines = sum(-(-len(line) * size // (12 * span)) or 1 for line in str(text).split("\n"))
        if lines > 1:
            sheet.row_dimensions[row].height = lines * size * 1.3

    row = 5
    merged(row, 1, count, report.title.upper(), Font(name=FONT, size=14, bold=True))
    fit(row, report.title, 15)
    merged(row + 1, 1, count, report.period_line, italic)
    fit(row + 1, report.period_line)
    merged(row + 2, 1, count, report.legal_basis, italic)
    fit(row + 2, report.legal_basis)
    row += 4
    left = Alignment(horizontal="left", vertical="top", wrap_text=True)
    if section.facts:
        # Two facts a line, as the cover of the paper book (and the PDF) sets them out.
        pairs = [f"{label}: {value}" for label, value in section.facts if value]
        facts = "\n".join("; ".join(pairs[i : i + 2]) for i in range(0, len(pairs), 2))
        merged(row, 1, count, facts, regular, left)
        fit(row, facts)
        row += 1
    if section.title:
        merged(row, 1, count, section.title, bold, left)
        row += 1

    # The header: group rows, the labels, the column numbers; merged as on the form.
    depth = section.header_depth
    first_header = row
    for index, column in enumerate(columns, start=1):
        for level, group in enumerate(column.groups):
            sheet.cell(row=row + level, column=index, value=group)
        sheet.cell(row=row + len(column.groups), column=index, value=column.label)
        if len(column.groups) + 1 < depth:
            sheet.merge_cells(
                start_row=row + len(column.groups),
                start_column=index,
                end_row=row + depth - 1,
                end_column=index,
            )
        sheet.cell(row=row + depth, column=index, value=column.number)
    for level in range(depth - 1):
        index = 0
        while index < count:
            groups = columns[index].groups
            if level >= len(groups):
                index += 1
                continue
            end = index
            while end + 1 < count and columns[end + 1].groups[: level + 1] == groups[: level + 1]:
                end += 1
            if end > index:
                sheet.merge_cells(
                    start_row=row + level,
                    start_column=index + 1,
                    end_row=row + level,
                    end_column=end + 1,
                )
            index = end + 1
    for r in range(row, row + depth + 1):
        for c in range(1, count + 1):
            cell = sheet.cell(row=r, column=c)
            cell.font = italic if r == row + depth else bold
            cell.alignment = centre
            cell.border = box
    row += depth + 1
    sheet.freeze_panes = sheet.cell(row=row, column=2)
    sheet.print_title_rows = f"{first_header}:{row - 1}"

    # The rows.
    formats = {COUNT: "#,##0", MONEY: "#,##0", PERCENT: "0.0"}
    if not section.rows:
        merged(row, 1, count, section.empty_text, italic)
        row += 1
    for data in section.rows:
        font = (
            bold
            if data.style in (TOTAL, SUBTOTAL)
            else italic
            if data.style == ESTIMATE
            else regular
        )
        for index, column in enumerate(columns, start=1):
            value = plain_value(data.values.get(column.key), column.kind)
            if column.kind == PERCENT and value != "":
                value = float(value)
            cell = sheet.cell(row=row, column=index, value=None if value == "" else value)
            cell.font, cell.border = font, box
            if column.kind in NUMERIC:
                cell.number_format = formats[column.kind]
                cell.alignment = Alignment(
                    horizontal="right" if column.kind == MONEY else "center", vertical="top"
                )
            elif column.kind == MARK or column.key == "seq":
                cell.alignment = Alignment(horizontal="center", vertical="top")
            else:
                cell.alignment = left
        row += 1

    # Part II, the notes and the signatures.
    row += 1
    if section.summary:
        merged(row, 1, count, section.summary_title, bold, left)
        row += 1
        for label, value in section.summary:
            merged(row, 1, max(1, count - 1), label, regular, left)
            sheet.cell(row=row, column=count, value=_number(value)).font = regular
            row += 1
        row += 1
    if last:
        for note in report.notes:
            merged(row, 1, count, note, italic, left)
            fit(row, note)
            row += 1
        row += 1
        split_sign = _split(columns, 0.5) if count > 1 else 1
        # Each title line on its own row ("TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH"), as on paper; the
        # captions under the titles, both names on one row under the room to sign.
        signer = [line.upper() for line in report.signer_title.split("\n") if line.strip()]
        preparer = [report.preparer_title.upper()]
        lines = max(len(signer), len(preparer))
        for offset in range(lines):
            if offset < len(preparer):
                merged(row + offset, 1, split_sign, preparer[offset], bold)
            if offset < len(signer):
                merged(row + offset, split_sign + 1, count, signer[offset], bold)
        merged(row + len(preparer), 1, split_sign, gettext(document.SIGN_HINT, language), italic)
        merged(
            row + len(signer),
            split_sign + 1,
            count,
            gettext(document.SIGN_AND_SEAL_HINT, language),
            italic,
        )
        merged(row + lines + 4, 1, split_sign, report.preparer_name, bold)
        merged(row + lines + 4, split_sign + 1, count, report.signer_name, bold)

    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = _column_width(column)
    # NĐ 30/2020 margins, as the PDF: top 20 mm, bottom 18, left 25, right 15 (inches here).
    margins = sheet.page_margins
    margins.top, margins.bottom, margins.left, margins.right = 0.79, 0.71, 0.98, 0.59
    margins.header, margins.footer = 0.3, 0.3
    setup = sheet.page_setup
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.orientation = "landscape" if report.orientation == "landscape" else "portrait"
    setup.fitToWidth, setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.oddFooter.center.text = gettext(N_("Page &P/&N"), language)


def _number(text: str):
    digits = text.replace(".", "").replace(",", "")
    return int(digits) if digits.isdigit() else text
