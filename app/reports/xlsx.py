"""XLSX (openpyxl): the paper form as a spreadsheet — the NĐ 30/2020 heading, merged header
cells as on the form, numbers in numeric cells, column widths, the header frozen and repeated on
every printed page, A4 fitted to the page width. One sheet per table (a logbook has one per
team).

Every row carries its height, worked out from the text it wraps to: LibreOffice Calc and Excel
print a row at its stored height, and wrapped text with none stored prints over the next row."""

import math
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from app.i18n import N_, gettext
from app.reports import document, fonts
from app.reports.csvfile import plain_value
from app.reports.pagination import TAIL_UNDER_HEADER, plan_pages
from app.reports.progress import Progress, Tally
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
    label_span,
)

FONT = "Times New Roman"  # what the office PC has; the PDF embeds its metric twin
SIZE = 12  # points: the sheet's text, and its default font's
CHARS_PER_WIDTH = 11  # a column of relative width 1.0 is about 11 characters wide
# A column-width character is the digit width of the workbook's default font. That font is set
# to Times New Roman 12 pt, whose digits are half an em wide (6 pt) in Excel and in LibreOffice
# (Liberation Serif, its metric twin) alike; the stock Calibri is missing from LibreOffice on
# Linux, which then measures columns with whatever font stands in for it.
POINTS_PER_CHAR = SIZE / 2
CELL_PADDING = 6.0  # points of a cell's width text does not use (Excel keeps 5 px)
SCREEN_SLACK = 1.05  # Excel's hinted screen text runs a little wider than the font's metrics
LINE_SPACING = 1.3125  # Excel's row height per line of Times New Roman: 15.75 pt at 12 pt
ROW_STEP = 0.75  # points: Excel keeps row heights in whole pixels
GAP = 7.5  # points: a blank row parting two blocks (the heading from the title, the table from
# what follows it), as the PDF's spacing
MAX_WIDENING = 1.6  # a column grows at most this much to keep its longest word whole
BOLD_ROWS = (TOTAL, SUBTOTAL)
_INVALID_TITLE = str.maketrans({c: " " for c in "[]:*?/\\"})


def write_xlsx(report: Report, path: Path | str, progress: Progress | None = None) -> None:
    """`progress(done, total)` hears of the rows filled in, then of the file saved (counted as
    half as much work again: openpyxl writes the whole file in one call), and may raise to
    stop."""
    from openpyxl import Workbook

    rows = sum(len(section.rows) for section in report.sections)
    tally = Tally(progress, rows + rows // 2)
    book = Workbook()
    _use_default_font(book)
    book.remove(book.active)
    used: set[str] = set()
    for number, section in enumerate(report.sections, start=1):
        sheet = book.create_sheet(_sheet_title(section, report.title, used))
        if section.form:  # a form of its own: its sheet is whole, head to signatures
            form = section.form
            whole = replace(
                report,
                title=form.title,
                period_line=form.period_line or report.period_line,
                legal_basis=form.legal_basis,
                notes=form.notes,
                form_left=form.form_left or report.form_left,
            )
            _fill(sheet, whole, replace(section, title=""), True, tally)  # its title heads it
        else:
            _fill(sheet, report, section, number == len(report.sections), tally)
    book.properties.title = report.title
    book.properties.creator = "TiepCan"
    book.save(str(path))
    tally.finish()


def _sheet_title(section: Section, fallback: str, used: set[str]) -> str:
    # Excel: at most 31 characters, none of []:*?/\, unique regardless of case.
    base = section.sheet or (section.title.split(" — ")[-1] if section.title else "") or fallback
    if section.form:
        base = section.form.sheet
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


def _split(widths: list[float], share: float) -> int:
    """How many columns from the left hold the nearest to `share` of the sheet's width,
    leaving at least one to the right."""
    total, running, best, nearest = sum(widths), 0.0, 1, 2.0
    for index, width in enumerate(widths[:-1], start=1):
        running += width
        if abs(running / total - share) < nearest:
            best, nearest = index, abs(running / total - share)
    return best


def _column_widths(section: Section, limit: float | None = None) -> list[float]:
    """Each column's width in characters: its share of the form, widened where a word of its
    label or of a value would not fit whole (a date cut into "13/01/202" and "6"), the room
    taken from the columns with some to spare, so the sheet keeps its width (as the PDF).
    With a `limit` (characters), wider columns give up what they have over their longest word
    until the sheet is no wider than that: a statistical form's labels wrap to more lines, and
    the form prints at 9 pt or more across the page."""
    wanted = [max(5.0, column.width * CHARS_PER_WIDTH) for column in section.columns]
    floors = [
        min(_widest_word(section, column), want * MAX_WIDENING)
        for column, want in zip(section.columns, wanted, strict=True)
    ]
    if limit is not None and sum(wanted) > limit:
        spare = sum(max(0.0, want - floor) for want, floor in zip(wanted, floors, strict=True))
        cut = min(1.0, (sum(wanted) - limit) / spare) if spare else 0.0
        wanted = [
            want - max(0.0, want - floor) * cut for want, floor in zip(wanted, floors, strict=True)
        ]
    short = sum(max(0.0, floor - want) for floor, want in zip(floors, wanted, strict=True))
    spare = sum(max(0.0, want - floor) for floor, want in zip(floors, wanted, strict=True))
    given = min(1.0, short / spare) if spare else 0.0
    return [
        round(floor if floor > want else want - (want - floor) * given, 2)
        for floor, want in zip(floors, wanted, strict=True)
    ]


def _widest_word(section: Section, column) -> float:
    """Characters of column width the longest word of the column's label or values needs."""
    texts = [(column.label, True)] + [
        (_shown(plain_value(row.values.get(column.key), column.kind)), row.style in BOLD_ROWS)
        for row in section.rows
    ]
    widest = max(
        (
            _word_width(word, _face(bold, False)) * SIZE
            for text, bold in texts
            for word in str(text).split()
        ),
        default=0.0,
    )
    return (widest + CELL_PADDING) / POINTS_PER_CHAR


def _shown(value) -> str:
    """The value as the sheet shows it ("#,##0" groups an integer's digits)."""
    return f"{value:,}" if isinstance(value, int) else str(value)


def _fill(sheet, report: Report, section: Section, last: bool, tally: Tally) -> None:
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    language = report.language
    columns = section.columns
    count = len(columns)
    widths = _column_widths(section, _form_width(report, len(section.columns)))
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
    split = _split(widths, 0.4) if count > 1 else 1
    motto_top, motto_bottom = document.motto(language)
    top = _form_band(report, merged, _split(widths, 0.5) if count > 1 else 1, count)
    # The blank rows that only part one block from the next: half a line each, so that a
    # ward's form keeps 9 pt or more on its one page (see _set_row_heights).
    gaps = {top - 1} if top > 1 else set()
    for offset, line in enumerate(report.unit_lines):
        font = bold if report.unit_line_bold(offset) else regular
        merged(top + offset, 1, split, line, font)
    merged(top, split + 1, count, motto_top, bold)
    merged(
        top + 1,
        split + 1,
        count,
        motto_bottom,
        Font(name=FONT, size=13, bold=True, underline="single"),
    )
    merged(
        top + 2,
        split + 1,
        count,
        document.place_and_date(report.place, report.issued_on, language),
        italic,
    )
    row = top + max(3, len(report.unit_lines)) + 1
    gaps.add(row - 1)
    merged(row, 1, count, report.title.upper(), Font(name=FONT, size=14, bold=True))
    merged(row + 1, 1, count, report.period_line, italic)
    merged(row + 2, 1, count, report.legal_basis, italic)
    row += 4
    gaps.add(row - 1)
    left = Alignment(horizontal="left", vertical="top", wrap_text=True)
    if section.facts:
        # Two facts a line, as the cover of the paper book (and the PDF) sets them out.
        pairs = [f"{label}: {value}" for label, value in section.facts if value]
        facts = "\n".join("; ".join(pairs[i : i + 2]) for i in range(0, len(pairs), 2))
        merged(row, 1, count, facts, regular, left)
        row += 1
    table_lead = row  # what opens the table: its title, then its header
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
    first_data = row
    sheet.freeze_panes = sheet.cell(row=row, column=2)
    sheet.print_title_rows = f"{first_header}:{row - 1}"

    # The rows.
    formats = {COUNT: "#,##0", MONEY: "#,##0", PERCENT: "0.0"}
    if not section.rows:
        merged(row, 1, count, section.empty_text, italic)
        row += 1
    for data in tally.counted(section.rows):
        font = bold if data.style in BOLD_ROWS else italic if data.style == ESTIMATE else regular
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
        span = label_span(data, columns)
        if span:  # a total's label across the blank cells beside it, as on paper
            spanned = [sheet.cell(row=row, column=index + 1) for index in range(span[1] + 1)]
            label = next(cell.value for cell in spanned if cell.value is not None)
            for cell in spanned:
                cell.value = None
            spanned[0].value, spanned[0].alignment = label, left
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=span[1] + 1)
        row += 1

    # Part II, the notes and the signatures.
    end_data = row
    gaps.add(row)
    row += 1
    if section.summary:
        merged(row, 1, count, section.summary_title, bold, left)
        row += 1
        # A team's leader signs beside its Part II, on the same rows, so no page break of
        # the spreadsheet program parts them; the figures then stand mid-sheet.
        split_sign = _split(widths, 0.5) if count > 1 else 1
        signed = bool(section.signer_title) and split_sign > 1
        figures = split_sign if signed else count
        first = row
        for label, value in section.summary:
            merged(row, 1, max(1, figures - 1), label, regular, left)
            sheet.cell(row=row, column=figures, value=_number(value)).font = regular
            row += 1
        if signed:
            row = max(row, _sign_beside(section, merged, first, split_sign + 1, count, language))
        gaps.add(row)
        row += 1
    if last and not report.signed:
        for note in report.notes:
            merged(row, 1, count, note, italic, left)
            row += 1
    elif last:
        for note in report.notes:
            merged(row, 1, count, note, italic, left)
            row += 1
        gaps.add(row)
        row += 1
        split_sign = _split(widths, 0.5) if count > 1 else 1
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

    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    heights = _set_row_heights(sheet, widths, gaps)
    parts = _Parts(table_lead, first_header, first_data, end_data, section.closing_rows)
    _set_up_pages(sheet, widths, heights, report, parts)


@dataclass
class _Parts:
    """Where a sheet's parts begin: its table's title (the head and a book's cover facts
    above it), its column header, its rows, and what follows them (Part II, the notes, the
    signatures), as row numbers; and how many of its last rows are totals."""

    table: int
    header: int
    rows: int
    tail: int
    closing: int


# The printed page (NĐ 30/2020 margins, as set on each sheet), in points.
A4_SHORT, A4_LONG = 210 * 72 / 25.4, 297 * 72 / 25.4
PRINT_ACROSS = (0.98 + 0.59) * 72  # the left and right margins
PRINT_DOWN = (0.79 + 0.71) * 72  # the top and bottom margins
COLUMN_PADDING = 3.75  # points Calc and Excel add to a column's width in characters (5 px)
LEAST_SIZE = 9  # points: a form shrunk to one page is read at this size or more
# Points of each printed page left unplanned: the programs round row heights to their own
# units (Calc fits about 1% more than the margins leave), so a planned page never overflows
# into a break of the program's own.
PAGE_SAFETY = 6.0


def _set_up_pages(
    sheet, widths: list[float], heights: list[float], report: Report, parts: _Parts
) -> None:
    """A4 with the NĐ 30/2020 margins, as the PDF. A ward's form fits one page at 9 pt or
    more (Calc and Excel shrink it). Anything longer prints at a fixed scale that fits the
    width, with its page breaks set where plan_pages puts them, as in the PDF: Excel ignores
    page breaks set by hand on a sheet fitted to its page, and Calc left to itself parts Part
    II from its title and sets a header alone at a page's foot."""
    from openpyxl.worksheet.pagebreak import Break

    margins = sheet.page_margins
    margins.top, margins.bottom, margins.left, margins.right = 0.79, 0.71, 0.98, 0.59
    margins.header, margins.footer = 0.3, 0.3
    setup = sheet.page_setup
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.orientation = "landscape" if report.orientation == "landscape" else "portrait"
    sheet.print_options.horizontalCentered = True
    sheet.oddFooter.center.text = gettext(N_("Page &P/&N"), report.language)
    across, down = (A4_LONG, A4_SHORT) if report.orientation == "landscape" else (A4_SHORT, A4_LONG)
    wide = sum(width * POINTS_PER_CHAR + COLUMN_PADDING for width in widths)
    scale = min(1.0, (across - PRINT_ACROSS) / wide)
    printable = down - PRINT_DOWN
    whole = sum(heights)  # every row's, from the first (see _set_row_heights)
    if (report.form_left or report.form_right) and (
        whole * scale <= printable or min(scale, printable / whole) * SIZE >= LEAST_SIZE
    ):
        # A ward's form, head to signatures, on one page: the programs shrink it to fit.
        setup.fitToWidth, setup.fitToHeight = 1, 1
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        return
    percent = max(10, min(100, math.floor(scale * 100)))
    setup.scale = percent
    page = (printable - PAGE_SAFETY) * 100 / percent  # a page's height in the sheet's points

    def total(first: int, end: int) -> float:
        return sum(heights[first - 1 : end - 1])

    header = total(parts.header, parts.rows)
    rows = [min(height, page - header) for height in heights[parts.rows - 1 : parts.tail - 1]]
    cover, lead = total(1, parts.table), total(parts.table, parts.header)
    tail = total(parts.tail, sheet.max_row + 1)
    # A row cannot be cut across pages here (the PDF cuts one taller than its page): where the
    # first row cannot follow the head, the head (a book's cover) may keep its page alone.
    room = page - cover if rows and cover + lead + header + rows[0] > page else page
    if room == page:
        lead += cover
    plan = plan_pages(rows, header, page, room, lead, tail, parts.closing, TAIL_UNDER_HEADER)
    if plan.fresh_start:
        sheet.row_breaks.append(Break(id=parts.table - 1))
    ends = [end for _, end in plan.slices[:-1]]
    if plan.tail_alone:
        ends.append(len(rows))
    for end in ends:
        if end > 0:  # the page's last row: Calc and Excel break under it
            sheet.row_breaks.append(Break(id=parts.rows + end - 1))


def _form_width(report: Report, count: int) -> float | None:
    """The widest a statistical form's sheet may be, in characters, to print across its page
    at LEAST_SIZE or more; None for any other sheet (a list keeps its proportions)."""
    if not (report.form_left or report.form_right):
        return None
    across = A4_LONG if report.orientation == "landscape" else A4_SHORT
    # A hair under: the programs print at a whole percentage, rounded down.
    points = (across - PRINT_ACROSS) * SIZE / LEAST_SIZE * 0.99 - count * COLUMN_PADDING
    return points / POINTS_PER_CHAR


def _sign_beside(section: Section, merged, row: int, first: int, last: int, language) -> int:
    """The leader's title, "(Ký, ghi rõ họ tên)", room to sign and the name, in the columns
    `first`…`last` from `row` on. Returns the row after them."""
    from openpyxl.styles import Font

    bold, italic = Font(name=FONT, size=SIZE, bold=True), Font(name=FONT, size=SIZE, italic=True)
    titles = [line.upper() for line in section.signer_title.split("\n") if line.strip()]
    for line in titles:
        merged(row, first, last, line, bold)
        row += 1
    merged(row, first, last, gettext(document.SIGN_HINT, language), italic)
    merged(row + 4, first, last, section.signer_name, bold)
    return row + 5


def _form_band(report: Report, merged, split: int, count: int) -> int:
    """A statistical form's band on the first rows: "Biểu số …" and the circular on the
    left, the reporting and receiving units on the right. Returns the heading's first row."""
    from openpyxl.styles import Alignment, Font

    if not (report.form_left or report.form_right):
        return 1
    left = Alignment(horizontal="left", vertical="top", wrap_text=True)
    fonts = (Font(name=FONT, size=SIZE, bold=True), Font(name=FONT, size=SIZE, italic=True))
    for offset, line in enumerate(report.form_left):
        merged(1 + offset, 1, split, line, fonts[min(offset, 1)], left)
    for offset, line in enumerate(report.form_right):
        merged(1 + offset, split + 1, count, line, Font(name=FONT, size=SIZE), left)
    return max(len(report.form_left), len(report.form_right)) + 2


def _use_default_font(book) -> None:
    """Make the sheet's own font the workbook's default (the Normal style's, the first in the
    font table): column widths are counted in its digits. openpyxl has no public setter."""
    from openpyxl.styles import Font
    from openpyxl.utils.indexed_list import IndexedList

    book._fonts = IndexedList([Font(name=FONT, size=SIZE)])
    book._named_styles["Normal"].font = Font(name=FONT, size=SIZE)


def lines_needed(
    text: str, chars: float, size: float = SIZE, bold: bool = False, italic: bool = False
) -> int:
    """How many lines `text` wraps to in a column `chars` column-width characters wide, set in
    the sheet's font at `size` points: words are measured on the font itself (Liberation Serif,
    Times New Roman's metric twin), lines break at spaces and at each line break of the text,
    and a word wider than the column is cut across lines, as Calc and Excel do."""
    room = max(1.0, chars * POINTS_PER_CHAR - CELL_PADDING)
    face = _face(bold, italic)
    space = _word_width(" ", face) * size
    lines = 0
    for paragraph in str(text).split("\n"):
        lines += 1
        used = 0.0
        for word in paragraph.split():
            width = _word_width(word, face) * size
            if used and used + space + width <= room:
                used += space + width
                continue
            if used:
                lines += 1
            extra = math.ceil(width / room) - 1 if width > room else 0
            lines += extra
            used = width - extra * room
    return lines


def row_height(lines: int, size: float = SIZE) -> float:
    """Points a row needs for `lines` lines of text at `size` points, in whole pixels."""
    return math.ceil(lines * size * LINE_SPACING / ROW_STEP) * ROW_STEP


def _face(bold: bool, italic: bool) -> str:
    fonts.register_fonts()
    return {
        (False, False): fonts.REGULAR,
        (True, False): fonts.BOLD,
        (False, True): fonts.ITALIC,
        (True, True): fonts.BOLD_ITALIC,
    }[bold, italic]


@lru_cache(maxsize=65536)
def _word_width(word: str, face: str) -> float:
    """Width of `word` at 1 pt, with room for Excel's screen hinting (words repeat a lot)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(word, face, 1) * SCREEN_SLACK


def _set_row_heights(sheet, widths: list[float], gaps: set[int]) -> list[float]:
    """Give each row the height of its tallest cell: the lines the cell's text wraps
    to across its columns (a merged cell spans several). A cell merged down several rows (a
    header label under no group) spreads what the rows lack between them. The blank rows in
    `gaps` take half a line. Returns the heights set, row 1 first."""
    from openpyxl.cell.cell import MergedCell

    merges = {(block.min_row, block.min_col): block for block in sheet.merged_cells.ranges}
    heights: dict[int, float] = {}
    tall: list[tuple[range, float]] = []
    for cells in sheet.iter_rows():
        for cell in cells:
            if cell.value is None or isinstance(cell, MergedCell):
                continue
            block = merges.get((cell.row, cell.column))
            first, last = (block.min_col, block.max_col) if block else (cell.column, cell.column)
            needed = _cell_height(cell, sum(widths[first - 1 : last]))
            if block and block.max_row > cell.row:
                tall.append((range(cell.row, block.max_row + 1), needed))
            else:
                heights[cell.row] = max(heights.get(cell.row, 0.0), needed)
    for rows, needed in tall:
        short = needed - sum(heights.get(r, row_height(1)) for r in rows)
        if short > 0:
            for r in rows:
                heights[r] = heights.get(r, row_height(1)) + short / len(rows)
    # An empty row too carries one line's height: the programs' own default for it differs
    # (Calc's for Times New Roman 12 pt is taller), and the page breaks are planned on these.
    stored = []
    for r in range(1, sheet.max_row + 1):
        height = heights.get(r, GAP if r in gaps else row_height(1))
        stored.append(math.ceil(height / ROW_STEP - 1e-9) * ROW_STEP)
        sheet.row_dimensions[r].height = stored[-1]
    return stored


def _cell_height(cell, chars: float) -> float:
    font = cell.font
    size = float(font.sz or SIZE)
    text = str(cell.value)
    if cell.alignment.wrap_text:
        lines = lines_needed(text, chars, size, bool(font.b), bool(font.i))
    else:
        lines = text.count("\n") + 1
    return row_height(lines, size)


def _number(text: str):
    digits = text.replace(".", "").replace(",", "")
    return int(digits) if digits.isdigit() else text
