"""The PDF: A4, the NĐ 30/2020 layout, the shipped serif font embedded, header rows repeated on
every page and "Trang x/y" at the foot.

Pages are laid out before anything is drawn: every row's height is measured once (text wrapped
to its column), rows are packed into pages, and each page's slice becomes one small reportlab
Table with the header rows on top. So a 20,000-row log costs one pass, the total page count is
known for the footer, and memory holds one page of drawing at a time."""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.i18n import N_, gettext
from app.reports import document
from app.reports.fonts import BOLD, ITALIC, REGULAR, register_fonts
from app.reports.progress import Progress, Tally
from app.reports.table import (
    ESTIMATE,
    MARK,
    NUMERIC,
    SUBTOTAL,
    TOTAL,
    Column,
    Report,
    Section,
)
from app.reports.values import format_value

MM = 72 / 25.4
MARGINS = {"top": 20 * MM, "bottom": 18 * MM, "left": 25 * MM, "right": 15 * MM}
FOOTER_GAP = 8 * MM  # the footer line sits this far below the text area
PAD = 2.5  # points of padding inside a cell
KEEP_WITH_SIGNATURE = 2  # table rows carried over so the signature block is not alone
KEEP_ROWS = 2  # a table never starts or ends a page with a single row (no orphan, no widow)
SHORT_TABLE = 100  # rows: a statistics form this short has its text columns fitted to its values
TEXT_SIZE = 12  # the lines around the tables: the book's cover facts, Part II, the notes
BODY_SIZE = 13  # NĐ 30/2020: 13–14 pt for the text
HEAD_SIZE = 12.5

# Drawing a row on its page takes about twice as long as measuring it: the progress gives the
# drawing twice the rows' share, so the bar moves at an even pace.
DRAW_WEIGHT = 2


def write_pdf(report: Report, path: Path | str, progress: Progress | None = None) -> int:
    """Write the report; returns the number of pages. `progress(done, total)` hears how far
    the work has come, on one scale: the rows measured, then the pages drawn (a page counting
    for its share of the rows). It may raise to stop the work; the partial file is removed."""
    register_fonts()
    from reportlab import rl_config
    from reportlab.lib.pagesizes import A4, landscape

    rl_config.useA85 = 0  # binary compressed streams: smaller files, no ASCII85 pass

    size = landscape(A4) if report.orientation == "landscape" else A4
    rows = max(1, sum(len(section.rows) for section in report.sections))
    tally = Tally(progress, rows * (1 + DRAW_WEIGHT))
    layout = _Layout(report, size, tally)
    pages = layout.paginate()
    target = Path(path)
    try:
        _draw(report, pages, size, target, tally)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return len(pages)


# -- measuring ----------------------------------------------------------------------------------


def _width(text: str, font: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, font, size)


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Lines of `text` no wider than `width`; a word longer than the width is cut."""
    from reportlab.lib.utils import simpleSplit

    lines = []
    for paragraph in str(text).split("\n"):
        if _width(paragraph, font, size) <= width:
            lines.append(paragraph)
            continue
        for line in simpleSplit(paragraph, font, size, width):
            while _width(line, font, size) > width and len(line) > 1:
                cut = len(line) - 1
                while cut > 1 and _width(line[:cut], font, size) > width:
                    cut -= 1
                lines.append(line[:cut])
                line = line[cut:]
            lines.append(line)
    return lines or [""]


@dataclass
class _Block:
    """Something placed on a page: a height, and how to draw it at (x, top)."""

    height: float
    draw: Callable
    carry: bool = False  # content that may go over with the signature block (Part II)
    rows: int = 0  # the table's body rows a slice holds


def _stack(blocks: list[_Block]) -> _Block:
    """Blocks drawn one under the other that no page break may part."""

    def draw(canvas, x, top):
        for block in blocks:
            block.draw(canvas, x, top)
            top -= block.height

    return _Block(sum(block.height for block in blocks), draw)


@dataclass
class _Page:
    blocks: list[_Block]


class _Layout:
    def __init__(self, report: Report, size: tuple[float, float], tally: Tally | None = None):
        self.tally = tally or Tally()  # told of each row measured
        self.report = report
        self.language = report.language
        self.page_width, self.page_height = size
        self.width = self.page_width - MARGINS["left"] - MARGINS["right"]
        self.height = self.page_height - MARGINS["top"] - MARGINS["bottom"]

    def t(self, msgid: str) -> str:
        return gettext(msgid, self.language)

    # -- pagination --------------------------------------------------------------------------

    def paginate(self) -> list[_Page]:
        pages = [_Page([])]
        room = self.height

        def place(block: _Block) -> None:
            nonlocal room
            if block.height > room and pages[-1].blocks:
                pages.append(_Page([]))
                room = self.height
            pages[-1].blocks.append(block)
            room -= block.height

        def new_page() -> None:
            nonlocal room
            if pages[-1].blocks:
                pages.append(_Page([]))
                room = self.height

        def keep_with_rows(blocks: list[_Block]) -> None:
            """Place what follows a table (Part II, the signature) so it never starts a page
            alone: the table's last rows go over with it, or, when they cannot, the Part II
            already placed after them."""
            nonlocal last_slice
            if sum(block.height for block in blocks) > room:
                table, start, end, page, index = last_slice
                after = pages[-1].blocks[index + 1 :] if page == len(pages) - 1 else []
                carried = [block for block in after if block.carry]
                # Up to two rows go over; two stay under the header they leave, or one where
                # the rows are tall and only two or three stand on the page.
                moved = min(KEEP_WITH_SIGNATURE, max(end - start - KEEP_ROWS, 1), end - start - 1)
                if page == len(pages) - 1 and moved >= 1:
                    pages[-1].blocks[index:] = [table.block(start, end - moved)]
                    new_page()
                    place(table.block(end - moved, end))
                    last_slice = (table, end - moved, end, len(pages) - 1, 0)
                    for block in after:
                        place(block)
                elif carried:
                    del pages[-1].blocks[index + 1 :]
                    new_page()
                    for block in carried:
                        place(block)
                else:
                    new_page()
            for block in blocks:
                place(block)

        last_slice = (None, 0, 0, -1, -1)  # the last rows placed: (table, start, end, page, block)
        for block in self._heading():
            place(block)
        per_team = len(self.report.sections) > 1 and any(s.facts for s in self.report.sections)
        for number, section in enumerate(self.report.sections):
            if per_team and number:
                new_page()
            lead = self._section_lead(section)
            table = _TableLayout(self, section)
            # The lead stays with the first rows of its table: no table starts a page's foot
            # with a single row.
            first = table.first_height()
            if sum(b.height for b in lead) + first > room:
                new_page()
            for block in lead:
                place(block)
            start = 0
            while start < table.row_count or start == 0:
                end = table.rows_fitting(start, room)
                if end == start and table.row_count:
                    new_page()
                    end = max(table.rows_fitting(start, room), start + 1)
                if 0 < table.row_count - end < KEEP_ROWS and end - start > KEEP_ROWS:
                    # No widow: the table's last row does not stand alone under a repeated header.
                    end = table.row_count - KEEP_ROWS
                place(table.block(start, end))
                last_slice = (table, start, end, len(pages) - 1, len(pages[-1].blocks) - 1)
                start = end
                if start >= table.row_count:
                    break
                new_page()
            tail = self._section_tail(section)
            if len(tail) > 1:
                keep_with_rows(tail)
            elif tail[0].height <= room:  # the space under a table is not carried to a page
                place(tail[0])
        keep_with_rows([*self._notes(), self._signature()])
        return pages

    # -- blocks --------------------------------------------------------------------------------

    def _lines_block(self, lines, font, size, align="center", space_after=0.0, width=None):
        width = width or self.width
        wrapped = [line for text in lines for line in wrap(text, font, size, width)]
        leading = size * 1.25

        def draw(canvas, x, top):
            canvas.setFont(font, size)
            y = top - size
            for line in wrapped:
                if align == "center":
                    canvas.drawCentredString(x + width / 2, y, line)
                else:
                    canvas.drawString(x, y, line)
                y -= leading

        return _Block(len(wrapped) * leading + space_after, draw)

    def _heading(self) -> list[_Block]:
        report = self.report
        half = self.width * (0.42 if self.page_width < self.page_height else 0.38)
        right = self.width * 0.55
        motto_top, motto_bottom = document.motto(self.language)
        unit = list(report.unit_lines)

        def draw(canvas, x, top):
            # Top left: the unit; its own name in bold with a short rule under it.
            y = top - HEAD_SIZE
            for index, line in enumerate(unit):
                bold = index == len(unit) - 1
                canvas.setFont(BOLD if bold else REGULAR, HEAD_SIZE)
                canvas.drawCentredString(x + half / 2, y, line)
                y -= HEAD_SIZE * 1.25
            rule = min(_width(unit[-1], BOLD, HEAD_SIZE), half) / 2.5
            canvas.setLineWidth(0.6)
            rule_y = y + HEAD_SIZE * 0.55
            canvas.line(x + half / 2 - rule / 2, rule_y, x + half / 2 + rule / 2, rule_y)
            # Top right: the national motto, the second line underlined its full length.
            cx = x + self.width - right / 2
            y = top - HEAD_SIZE
            canvas.setFont(BOLD, HEAD_SIZE)
            canvas.drawCentredString(cx, y, motto_top)
            y -= HEAD_SIZE * 1.3
            canvas.setFont(BOLD, BODY_SIZE)
            canvas.drawCentredString(cx, y, motto_bottom)
            length = _width(motto_bottom, BOLD, BODY_SIZE)
            canvas.line(cx - length / 2, y - 2.5, cx + length / 2, y - 2.5)
            y -= BODY_SIZE * 1.9
            canvas.setFont(ITALIC, BODY_SIZE)
            canvas.drawCentredString(
                cx, y, document.place_and_date(report.place, report.issued_on, self.language)
            )

        height = (
            max(len(unit) * HEAD_SIZE * 1.25, HEAD_SIZE * 1.3 + BODY_SIZE * 1.9 + BODY_SIZE) + 14
        )
        blocks = [_Block(height, draw)]
        blocks.append(self._lines_block([report.title.upper()], BOLD, 14))
        blocks.append(self._lines_block([report.period_line], ITALIC, 12))
        blocks.append(self._lines_block([report.legal_basis], ITALIC, 10.5, space_after=8))
        return blocks

    def _section_lead(self, section: Section) -> list[_Block]:
        blocks = []
        if section.facts:
            pairs = [f"{label}: {value}" for label, value in section.facts if value]
            # Two facts a line, as the cover of the paper book sets them out.
            lines = ["; ".join(pairs[i : i + 2]) for i in range(0, len(pairs), 2)]
            blocks.append(self._lines_block(lines, REGULAR, TEXT_SIZE, align="left", space_after=4))
        if section.title:
            blocks.append(
                self._lines_block([section.title], BOLD, TEXT_SIZE, align="left", space_after=4)
            )
        return blocks

    def _section_tail(self, section: Section) -> list[_Block]:
        space = _Block(8, lambda canvas, x, top: None)
        if not section.summary:
            return [space]
        lines = [f"{label}: {value}" for label, value in section.summary]
        # Part II's title and its lines are one block: the title never ends a page alone.
        summary = _stack(
            [
                self._lines_block(
                    [section.summary_title], BOLD, TEXT_SIZE, align="left", space_after=2
                ),
                self._lines_block(lines, REGULAR, TEXT_SIZE, align="left", space_after=6),
            ]
        )
        summary.carry = True
        return [space, summary]

    def _notes(self) -> list[_Block]:
        if not self.report.notes:
            return []
        return [self._lines_block(self.report.notes, ITALIC, 10.5, align="left", space_after=10)]

    def _signature(self) -> _Block:
        report = self.report
        column = self.width * 0.4
        # A title wider than its column (a long English one, a portrait page) wraps inside it.
        left = wrap(report.preparer_title.upper(), BOLD, BODY_SIZE, column)
        right = [
            part
            for line in report.signer_title.split("\n")
            if line.strip()
            for part in wrap(line.upper(), BOLD, BODY_SIZE, column)
        ]
        hint = self.t(document.SIGN_HINT)
        seal = self.t(document.SIGN_AND_SEAL_HINT)
        gap = 60  # room to sign

        lines = max(len(left), len(right))
        # Both names sit on one line under the room to sign, whatever each title's length.
        name_drop = BODY_SIZE + lines * BODY_SIZE * 1.25 + gap

        def draw(canvas, x, top):
            for cx, titles, caption, name in (
                (x + column / 2, left, hint, report.preparer_name),
                (x + self.width - column / 2, right, seal, report.signer_name),
            ):
                y = top - BODY_SIZE
                canvas.setFont(BOLD, BODY_SIZE)
                for line in titles:
                    canvas.drawCentredString(cx, y, line)
                    y -= BODY_SIZE * 1.25
                canvas.setFont(ITALIC, 11)
                canvas.drawCentredString(cx, y, caption)
                if name:
                    canvas.setFont(BOLD, BODY_SIZE)
                    canvas.drawCentredString(cx, top - name_drop, name)

        return _Block(lines * BODY_SIZE * 1.25 + 11 + gap + BODY_SIZE * 2, draw)


class _TableLayout:
    """One section's table: column widths, header rows, each body row measured once."""

    def __init__(self, layout: _Layout, section: Section):
        self.layout = layout
        self.section = section
        self.columns = section.columns
        count = len(self.columns)
        self.size = 10 if count <= 10 else 9 if count <= 14 else 8 if count <= 20 else 7.2
        self.leading = self.size * 1.2
        total = sum(column.width for column in self.columns)
        self.widths = [layout.width * column.width / total for column in self.columns]
        self._fit_widths()
        self.cell_sizes: dict[int, list[tuple[int, float]]] = {}  # row: (column, smaller size)
        self.header_sizes: dict[tuple[int, int], float] = {}  # (column, row): a smaller size
        self.header, self.spans, self.header_heights = self._header()
        self.cells: list[list[str]] = []
        self.heights: list[float] = []
        self.styles: list[str] = []
        for row in section.rows:
            self._add(row)
            layout.tally.add()
        if not section.rows:
            self.empty = True
            self.cells.append([section.empty_text] + [""] * (count - 1))
            self.heights.append(self.leading + 2 * PAD + 4)
            self.styles.append("empty")
        else:
            self.empty = False
        self.row_count = len(self.cells)
        self.header_height = sum(self.header_heights)

    def _fit_widths(self) -> None:
        """The definition's proportions, corrected where paper shows it: every column is at
        least as wide as its header's longest word (taken from the columns with room to
        spare), and on a short statistics form (mostly figure columns) every figure fits and a
        text column whose values would just wrap — a team's name — takes room the figure
        columns spare. A long list keeps its proportions: its rows are not read twice."""
        columns, widths, size = self.columns, self.widths, self.size
        language = self.layout.language
        figures = [i for i, c in enumerate(columns) if c.kind in NUMERIC or c.kind == MARK]
        form = len(figures) * 2 > len(columns) and len(self.section.rows) <= SHORT_TABLE
        rows = self.section.rows if form else []
        floor, value = [], []
        for column in columns:
            words = [word for text in (column.label, column.number) for word in text.split()]
            floor.append(max((_width(word, BOLD, size) for word in words), default=0))
            value.append(0.0)
        for row in rows:
            font = self._font(row.style)
            for index, column in enumerate(columns):
                text = format_value(row.values.get(column.key), column.kind, language)
                if text:
                    wide = max(_width(line, font, size) for line in text.split("\n"))
                    value[index] = max(value[index], wide)
        margin = 2 * PAD + 1
        floor = [
            margin + (max(f, v) if column.kind in NUMERIC or column.kind == MARK else f)
            for f, v, column in zip(floor, value, columns, strict=True)
        ]

        def take(amount: float, donors: list[int], spare: list[float]) -> float:
            total = sum(spare[i] for i in donors)
            amount = min(amount, total)
            if amount > 0:
                for i in donors:
                    widths[i] -= amount * spare[i] / total
            return amount

        deficit = {i: floor[i] - widths[i] for i in range(len(columns)) if widths[i] < floor[i]}
        if deficit:
            donors = [i for i in range(len(columns)) if i not in deficit]
            spare = [max(0.0, widths[i] - floor[i]) for i in range(len(columns))]
            given = take(sum(deficit.values()), donors, spare)
            for i, amount in deficit.items():
                widths[i] += amount * given / sum(deficit.values())
        wants = sorted(
            (value[i] + margin - widths[i], i)
            for i, column in enumerate(columns)
            if column.kind not in NUMERIC
            and column.kind != MARK
            and value[i] + margin > widths[i]
            and value[i] + margin <= widths[i] * 1.5
        )
        for want, i in wants:
            spare = [
                max(0.0, min(widths[j] - floor[j], widths[j] * 0.25)) for j in range(len(columns))
            ]
            if sum(spare[j] for j in figures) < want:
                break
            widths[i] += take(want, figures, spare)

    def _font(self, style: str) -> str:
        return BOLD if style in (TOTAL, SUBTOTAL) else ITALIC if style == ESTIMATE else REGULAR

    def _add(self, row) -> None:
        font = self._font(row.style)
        language = self.layout.language
        cells = []
        lines = 1
        for index, (column, width) in enumerate(zip(self.columns, self.widths, strict=True)):
            text = format_value(row.values.get(column.key), column.kind, language)
            if text and column.kind not in NUMERIC:
                parts = wrap(text, font, self.size, width - 2 * PAD)
                lines = max(lines, len(parts))
                text = "\n".join(parts)
            elif text and _width(text, font, self.size) > width - 2 * PAD:
                # A figure is never wrapped nor cut: one too wide for its cell is set smaller.
                size = self.size * (width - 2 * PAD) / _width(text, font, self.size)
                self.cell_sizes.setdefault(len(self.cells), []).append((index, size))
            cells.append(text)
        self.cells.append(cells)
        self.heights.append(lines * self.leading + 2 * PAD + 1)
        self.styles.append(row.style)

    def _header(self):
        """Header grid: one row per group level, the labels, then the column numbers."""
        depth = 1 + max((len(column.groups) for column in self.columns), default=0)
        count = len(self.columns)
        grid = [[""] * count for _ in range(depth)]
        spans = []
        for index, column in enumerate(self.columns):
            for level, group in enumerate(column.groups):
                grid[level][index] = group
            grid[len(column.groups)][index] = column.label
            if len(column.groups) + 1 < depth:  # the label fills the rows below it
                spans.append(((index, len(column.groups)), (index, depth - 1)))
        for level in range(depth - 1):
            index = 0
            while index < count:
                column = self.columns[index]
                if level >= len(column.groups):
                    index += 1
                    continue
                end = index
                while (
                    end + 1 < count
                    and len(self.columns[end + 1].groups) > level
                    and self.columns[end + 1].groups[: level + 1] == column.groups[: level + 1]
                ):
                    end += 1
                if end > index:
                    spans.append(((index, level), (end, level)))
                    for other in range(index + 1, end + 1):
                        grid[level][other] = ""
                index = end + 1
        # Wrap each header cell to the width it spans and size the rows to the tallest cell.
        span_width = {}
        for (c0, r0), (c1, _r1) in spans:
            span_width[(c0, r0)] = sum(self.widths[c0 : c1 + 1])
        heights = [0.0] * depth
        for level in range(depth):
            for index in range(count):
                text = grid[level][index]
                if not text:
                    continue
                width = span_width.get((index, level), self.widths[index]) - 2 * PAD
                size = self._header_size(text, width)
                if size != self.size:
                    self.header_sizes[(index, level)] = size
                parts = wrap(text, BOLD, size, width)
                grid[level][index] = "\n".join(parts)
                vertical = next(
                    (
                        r1 - r0 + 1
                        for (c0, r0), (_c1, r1) in spans
                        if c0 == index and r0 == level and r1 > r0
                    ),
                    1,
                )
                needed = (len(parts) * size * 1.2 + 2 * PAD) / vertical
                heights[level] = max(heights[level], needed)
        for (c0, r0), (_c1, r1) in spans:  # a label spanning rows must fit their sum
            if r1 > r0:
                parts = grid[r0][c0].count("\n") + 1
                size = self.header_sizes.get((c0, r0), self.size)
                need = parts * size * 1.2 + 2 * PAD
                have = sum(heights[r0 : r1 + 1])
                if need > have:
                    heights[r1] += need - have
        numbers = [column.number for column in self.columns]
        grid.append(numbers)
        heights.append(self.size * 0.9 + 2 * PAD)
        return grid, spans, heights

    def _header_size(self, text: str, width: float) -> float:
        """The header's size, made smaller (to 70%) for a cell whose longest word would
        otherwise be cut in two — narrow columns under long English labels."""
        longest = max(text.split(), key=lambda word: _width(word, BOLD, self.size), default="")
        size = self.size
        while size > self.size * 0.7 and _width(longest, BOLD, size) > width:
            size -= 0.25
        return size

    def first_height(self) -> float:
        """The header with the rows a page must hold for the table to start on it."""
        return self.header_height + sum(self.heights[:KEEP_ROWS])

    def rows_fitting(self, start: int, room: float) -> int:
        """The end of the slice of rows from `start` that fits in `room` with the header."""
        used = self.header_height
        end = start
        while end < self.row_count and used + self.heights[end] <= room:
            used += self.heights[end]
            end += 1
        return end

    def block(self, start: int, end: int) -> _Block:
        heights = self.header_heights + self.heights[start:end]
        room = self.layout.height
        # A row taller than a whole page is cut to fit; it is the rare novel in a notes field.
        cells = [list(row) for row in self.cells[start:end]]
        for offset, height in enumerate(heights[len(self.header_heights) :]):
            limit = room - self.header_height
            if height > limit:
                keep = int((limit - 2 * PAD - 1) // self.leading)
                cells[offset] = ["\n".join(text.split("\n")[:keep]) for text in cells[offset]]
                heights[len(self.header_heights) + offset] = keep * self.leading + 2 * PAD + 1
        data = [*self.header, *cells]
        styles = self.styles[start:end]
        sizes = [
            (offset, column, size)
            for offset, index in enumerate(range(start, end))
            for column, size in self.cell_sizes.get(index, ())
        ]
        height = sum(heights)
        columns = self.columns

        def draw(canvas, x, top):
            from reportlab.platypus import Table, TableStyle

            table = Table(data, colWidths=self.widths, rowHeights=heights)
            table.setStyle(TableStyle(self._style(styles, columns, sizes)))
            table.wrapOn(canvas, self.layout.width, height)
            table.drawOn(canvas, x, top - height)

        return _Block(height, draw, rows=0 if self.empty else end - start)

    def _style(self, styles: list[str], columns: list[Column], sizes=()) -> list:
        head = len(self.header)
        commands = [
            ("FONT", (0, 0), (-1, head - 2), BOLD, self.size, self.leading),
            ("FONT", (0, head - 1), (-1, head - 1), ITALIC, self.size * 0.9, self.size),
            ("FONT", (0, head), (-1, -1), REGULAR, self.size, self.leading),
            ("ALIGN", (0, 0), (-1, head - 1), "CENTER"),
            ("VALIGN", (0, 0), (-1, head - 1), "MIDDLE"),
            ("VALIGN", (0, head), (-1, -1), "TOP"),
            ("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0)),
            ("LEFTPADDING", (0, 0), (-1, -1), PAD),
            ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
            ("TOPPADDING", (0, 0), (-1, -1), PAD),
            ("BOTTOMPADDING", (0, 0), (-1, -1), PAD),
        ]
        for (c0, r0), (c1, r1) in self.spans:
            commands.append(("SPAN", (c0, r0), (c1, r1)))
        for (column, level), size in self.header_sizes.items():
            commands.append(("FONT", (column, level), (column, level), BOLD, size, size * 1.2))
        for index, column in enumerate(columns):
            if column.kind in NUMERIC or column.kind == MARK or column.key == "seq":
                commands.append(
                    (
                        "ALIGN",
                        (index, head),
                        (index, -1),
                        "CENTER" if column.kind != "money" else "RIGHT",
                    )
                )
        for offset, style in enumerate(styles):
            row = head + offset
            if style in (TOTAL, SUBTOTAL, ESTIMATE):
                commands.append(
                    ("FONT", (0, row), (-1, row), self._font(style), self.size, self.leading)
                )
            if style == "empty":
                commands.append(("SPAN", (0, row), (-1, row)))
                commands.append(("FONT", (0, row), (-1, row), ITALIC, self.size, self.leading))
                commands.append(("ALIGN", (0, row), (-1, row), "CENTER"))
        for offset, column, size in sizes:
            font = self._font(styles[offset])
            commands.append(("FONT", (column, head + offset), (column, head + offset), font, size))
        return commands


# -- drawing ------------------------------------------------------------------------------------


def _draw(report: Report, pages: list[_Page], size, target: Path, tally: Tally) -> None:
    from reportlab.pdfgen.canvas import Canvas

    # The initial font is ours too: reportlab's default would reference a Helvetica the PDF
    # does not embed.
    canvas = Canvas(
        str(target),
        pagesize=size,
        pageCompression=1,
        invariant=1,
        initialFontName=REGULAR,
        initialFontSize=BODY_SIZE,
    )
    canvas.setTitle(report.title)
    canvas.setAuthor(report.unit_lines[-1])
    canvas.setCreator("TiepCan")
    footer = gettext(N_("Page {page}/{pages}"), report.language)
    width, _ = size
    total = len(pages)
    measured, drawing = tally.done, tally.total - tally.done
    for number, page in enumerate(pages, start=1):
        top = size[1] - MARGINS["top"]
        for block in page.blocks:
            block.draw(canvas, MARGINS["left"], top)
            top -= block.height
        canvas.setFont(REGULAR, 10)
        canvas.drawCentredString(
            MARGINS["left"] + (width - MARGINS["left"] - MARGINS["right"]) / 2,
            MARGINS["bottom"] - FOOTER_GAP,
            footer.format(page=number, pages=total),
        )
        canvas.showPage()
        tally.reach(measured + drawing * number // total)
    canvas.save()
