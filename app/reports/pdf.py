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
from app.reports.pagination import SLACK, plan_pages
from app.reports.progress import Progress, Tally
from app.reports.table import (
    ESTIMATE,
    MARK,
    NUMERIC,
    SUBTOTAL,
    TEXT,
    TOTAL,
    Column,
    Form,
    Report,
    Section,
    label_span,
)
from app.reports.values import format_value

MM = 72 / 25.4
MARGINS = {"top": 20 * MM, "bottom": 18 * MM, "left": 25 * MM, "right": 15 * MM}
FOOTER_GAP = 8 * MM  # the footer line sits this far below the text area
PAD = 2.5  # points of padding inside a cell
SAMPLE_ROWS = 200  # rows of a long list whose words set its columns' least widths
WIDENING = 1.6  # a list's column grows at most this much to keep its longest word whole
SHORT_TABLE = 100  # rows: a statistics form this short has its text columns fitted to its values
TEXT_SIZE = 12  # the lines around the tables: the book's cover facts, Part II, the notes
BODY_SIZE = 13  # NĐ 30/2020: 13–14 pt for the text
HEAD_SIZE = 12.5
FORM_SIZE = 9  # the least size of a form's table (a report filed as forms has fewer columns)


@dataclass(frozen=True)
class _Rhythm:
    """The sizes and spaces down a page. A document keeps NĐ 30/2020's generous ones; a
    statistical form sets its head, table, notes and signatures closer (never under 10 pt in
    the head, nor under FORM_SIZE in the table), so that a ward's form, head to signatures,
    keeps to one landscape page."""

    band_size: float = 11  # "Biểu số …" and the reporting and receiving units
    band_gap: float = 12  # under the band
    head_size: float = HEAD_SIZE  # the unit's lines and the motto's first
    motto_size: float = BODY_SIZE  # the motto's second line and the place and date
    head_leading: float = 1.25  # the unit's lines
    motto_step: float = 1.3  # baseline to baseline, the motto's two lines (× head_size)
    date_step: float = 1.9  # the motto's second line to the date (× motto_size)
    head_gap: float = 14  # under the head's lowest line
    title_size: float = 14
    period_size: float = 12
    basis_size: float = 10.5
    basis_gap: float = 8  # under the legal basis: the table begins
    leading: float = 1.25  # the lines around the table
    row_pad: float = PAD  # above and below a cell's text (its sides keep PAD)
    row_leading: float = 1.2
    table_gap: float = 8  # under the table, where something follows it
    notes_size: float = 10.5
    notes_gap: float = 10
    notes_run_on: bool = False  # the notes one paragraph, not a line each
    sign_size: float = BODY_SIZE  # the signers' titles and names
    sign_leading: float = 1.25  # the signers' title lines
    caption_size: float = 11  # "(Ký, ghi rõ họ tên)"
    # The caption's baseline to the name's: room to sign, about 2.5 cm under the title.
    sign_room: float = 60


DOCUMENT = _Rhythm()
FORM = _Rhythm(
    band_size=10, band_gap=5, head_size=11.5, motto_size=12, head_leading=1.2,
    motto_step=1.25, date_step=1.5, head_gap=6, title_size=13, period_size=11, basis_size=10,
    basis_gap=4, leading=1.2, row_pad=0.8, row_leading=1.1, table_gap=6, notes_size=10,
    notes_gap=5, notes_run_on=True, sign_size=12, sign_leading=1.2, caption_size=10.5, sign_room=58,
)  # fmt: skip

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


def _beside(left: _Block, right: _Block) -> _Block:
    """Two blocks side by side from the same top (each draws at its own place across)."""

    def draw(canvas, x, top):
        left.draw(canvas, x, top)
        right.draw(canvas, x, top)

    return _Block(max(left.height, right.height), draw)


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
        self.rhythm = FORM if report.form_left or report.form_right else DOCUMENT

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

        report = self.report
        sections = report.sections
        if not (sections and sections[0].form):
            for block in self._heading():
                place(block)
        per_team = len(sections) > 1 and any(s.facts for s in sections)
        for number, section in enumerate(sections):
            if section.form:  # a form of its own: on its own pages, under its own head
                new_page()
                for block in self._heading(section.form):
                    place(block)
            elif per_team and number:
                new_page()
            lead = self._section_lead(section)
            table = _TableLayout(self, section)
            space, *after = self._section_tail(section)
            if section.form or number == len(sections) - 1:
                after += self._notes(section.form)
                if report.signed:
                    after.append(self._signature())
            # What follows the table keeps to its last rows; the space under it is kept only
            # where something follows it (never carried to the top of a page).
            tail = [space, *after] if after else []
            limit = self.height - table.header_height  # a taller row is cut to this (block())
            plan = plan_pages(
                [min(height, limit) for height in table.heights],
                table.header_height,
                self.height,
                room,
                sum(block.height for block in lead),
                sum(block.height for block in tail),
                section.closing_rows,
            )
            if plan.fresh_start:
                new_page()
            for block in lead:
                place(block)
            for index, (start, end) in enumerate(plan.slices):
                if index:
                    new_page()
                place(table.block(start, end))
            if plan.tail_alone:
                new_page()
                tail = after
            for block in tail:
                place(block)
            if not tail and space.height <= room:
                place(space)
        return pages

    # -- blocks --------------------------------------------------------------------------------

    def _lines_block(self, lines, font, size, align="center", space_after=0.0, width=None):
        width = width or self.width
        wrapped = [line for text in lines for line in wrap(text, font, size, width)]
        leading = size * self.rhythm.leading

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

    def _heading(self, form: Form | None = None) -> list[_Block]:
        """The document's head; a form's own title and legal basis for a form of its own."""
        report = self.report
        rhythm = self.rhythm
        head, body = rhythm.head_size, rhythm.motto_size
        half = self.width * (0.42 if self.page_width < self.page_height else 0.38)
        right = self.width * 0.55
        motto_top, motto_bottom = document.motto(self.language)
        # The unit's lines, each wrapped to its block: a parent body's long name takes two.
        unit = [
            (part, report.unit_line_bold(index))
            for index, line in enumerate(report.unit_lines)
            for part in wrap(line, BOLD if report.unit_line_bold(index) else REGULAR, head, half)
        ]

        def draw(canvas, x, top):
            # Top left: the unit, the issuing body's name in bold with a short rule under it
            # (its parent above it in regular type).
            y = top - head
            for line, bold in unit:
                canvas.setFont(BOLD if bold else REGULAR, head)
                canvas.drawCentredString(x + half / 2, y, line)
                y -= head * rhythm.head_leading
            rule = min(_width(unit[-1][0], BOLD, head), half) / 2.5
            canvas.setLineWidth(0.6)
            rule_y = y + head * 0.55
            canvas.line(x + half / 2 - rule / 2, rule_y, x + half / 2 + rule / 2, rule_y)
            # Top right: the national motto, the second line underlined its full length.
            cx = x + self.width - right / 2
            y = top - head
            canvas.setFont(BOLD, head)
            canvas.drawCentredString(cx, y, motto_top)
            y -= head * rhythm.motto_step
            canvas.setFont(BOLD, body)
            canvas.drawCentredString(cx, y, motto_bottom)
            length = _width(motto_bottom, BOLD, body)
            canvas.line(cx - length / 2, y - 2.5, cx + length / 2, y - 2.5)
            y -= body * rhythm.date_step
            canvas.setFont(ITALIC, body)
            canvas.drawCentredString(
                cx, y, document.place_and_date(report.place, report.issued_on, self.language)
            )

        motto = head * rhythm.motto_step + body * rhythm.date_step + body
        height = max(len(unit) * head * rhythm.head_leading, motto) + rhythm.head_gap
        blocks = [*self._form_band(form), _Block(height, draw)]
        title, period, basis = report.title, report.period_line, report.legal_basis
        if form:
            title, basis = form.title, form.legal_basis
            period = form.period_line or period
        blocks.append(self._lines_block([title.upper()], BOLD, rhythm.title_size))
        blocks.append(self._lines_block([period], ITALIC, rhythm.period_size))
        blocks.append(
            self._lines_block([basis], ITALIC, rhythm.basis_size, space_after=rhythm.basis_gap)
        )
        return blocks

    def _form_band(self, form=None) -> list[_Block]:
        """A statistical form's band above the heading: "Biểu số …" and the circular on the
        left, the reporting and receiving units on the right. A form of several filed in one
        document carries its own number."""
        report = self.report
        if not (report.form_left or report.form_right):
            return []
        form_left = (form.form_left if form else ()) or report.form_left
        size = self.rhythm.band_size
        column = self.width * 0.45
        left = [
            (part, BOLD if index == 0 else ITALIC)
            for index, line in enumerate(form_left)
            for part in wrap(line, BOLD if index == 0 else ITALIC, size, column)
        ]
        right = [part for line in report.form_right for part in wrap(line, REGULAR, size, column)]
        leading = size * self.rhythm.leading

        def draw(canvas, x, top):
            y = top - size
            for line, font in left:
                canvas.setFont(font, size)
                canvas.drawString(x, y, line)
                y -= leading
            y = top - size
            canvas.setFont(REGULAR, size)
            for line in right:
                canvas.drawString(x + self.width - column, y, line)
                y -= leading

        return [_Block(max(len(left), len(right)) * leading + self.rhythm.band_gap, draw)]

    def _section_lead(self, section: Section) -> list[_Block]:
        blocks = []
        if section.facts:
            pairs = [f"{label}: {value}" for label, value in section.facts if value]
            # Two facts a line, as the cover of the paper book sets them out.
            lines = ["; ".join(pairs[i : i + 2]) for i in range(0, len(pairs), 2)]
            blocks.append(self._lines_block(lines, REGULAR, TEXT_SIZE, align="left", space_after=4))
        if section.title and not section.form:  # a form's title heads its page
            blocks.append(
                self._lines_block([section.title], BOLD, TEXT_SIZE, align="left", space_after=4)
            )
        return blocks

    def _section_tail(self, section: Section) -> list[_Block]:
        space = _Block(self.rhythm.table_gap, lambda canvas, x, top: None)
        if not section.summary:
            return [space]
        lines = [f"{label}: {value}" for label, value in section.summary]
        # Part II's title and its lines are one block: the title never ends a page alone.
        title = self._lines_block(
            [section.summary_title], BOLD, TEXT_SIZE, align="left", space_after=2
        )
        figures = self._lines_block(lines, REGULAR, TEXT_SIZE, align="left", space_after=6)
        parts = [title, figures]
        if section.signer_title:  # the team's leader signs its Part II, on the same page
            signature = self._section_signature(section)
            # Beside the figures, on the right, as the paper book has it, where they leave
            # room: a book's last page then holds its last cases with it.
            room = self.width * 0.55
            if max(_width(line, REGULAR, TEXT_SIZE) for line in lines) <= room:
                parts = [title, _beside(figures, signature)]
            else:
                parts.append(signature)
        summary = _stack(parts)
        summary.carry = True
        return [space, summary]

    def _section_signature(self, section: Section) -> _Block:
        """Under a team's Part II, on the right: "TỔ TRƯỞNG TỔ HÒA GIẢI", "(Ký, ghi rõ họ tên)",
        room to sign, the leader's name."""
        column = self.width * 0.4
        titles = self._signer_lines(section.signer_title, column)
        hint = self.t(document.SIGN_HINT)
        gap = 50  # room to sign
        height = len(titles) * BODY_SIZE * 1.25 + 11 * 1.25 + gap + BODY_SIZE * 1.5

        def draw(canvas, x, top):
            bottom = _draw_signer(canvas, x + self.width - column / 2, top, titles, hint)
            if section.signer_name:
                canvas.setFont(BOLD, BODY_SIZE)
                canvas.drawCentredString(
                    x + self.width - column / 2, bottom - gap, section.signer_name
                )

        return _Block(height, draw)

    def _signer_lines(self, title: str, column: float, size: float = BODY_SIZE) -> list[str]:
        """A signer's title in capitals, its own lines kept, each wrapped inside its column."""
        return [
            part
            for line in title.split("\n")
            if line.strip()
            for part in wrap(line.upper(), BOLD, size, column)
        ]

    def _notes(self, form: Form | None = None) -> list[_Block]:
        notes = form.notes if form else self.report.notes
        if not notes:
            return []
        size, gap = self.rhythm.notes_size, self.rhythm.notes_gap
        if self.rhythm.notes_run_on:  # a form's notes run on: a line saved where it counts
            notes = [" ".join(notes)]
        return [self._lines_block(notes, ITALIC, size, align="left", space_after=gap)]

    def _signature(self) -> _Block:
        report = self.report
        rhythm = self.rhythm
        size = rhythm.sign_size
        column = self.width * 0.4
        # A title wider than its column (a long English one, a portrait page) wraps inside it.
        left = wrap(report.preparer_title.upper(), BOLD, size, column)
        right = self._signer_lines(report.signer_title, column, size)
        hint = self.t(document.SIGN_HINT)
        seal = self.t(document.SIGN_AND_SEAL_HINT)
        gap = rhythm.sign_room

        lines = max(len(left), len(right))
        # Both names sit on one line under the room to sign, whatever each title's length.
        name_drop = size + lines * size * rhythm.sign_leading + gap

        def draw(canvas, x, top):
            for cx, titles, caption, name in (
                (x + column / 2, left, hint, report.preparer_name),
                (x + self.width - column / 2, right, seal, report.signer_name),
            ):
                _draw_signer(canvas, cx, top, titles, caption, rhythm)
                if name:
                    canvas.setFont(BOLD, size)
                    canvas.drawCentredString(cx, top - name_drop, name)

        # The block ends under the names (their descenders): no blank of its own at the foot,
        # where a form needs every line it can keep on one page.
        return _Block(name_drop + size * 0.3, draw)


def _draw_signer(
    canvas,
    cx: float,
    top: float,
    titles: list[str],
    caption: str,
    rhythm: _Rhythm = DOCUMENT,
) -> float:
    """A signer's title lines and the italic caption under them, centred on `cx`; returns the
    caption's baseline (the name goes the room to sign below it)."""
    size = rhythm.sign_size
    y = top - size
    canvas.setFont(BOLD, size)
    for line in titles:
        canvas.drawCentredString(cx, y, line)
        y -= size * rhythm.sign_leading
    canvas.setFont(ITALIC, rhythm.caption_size)
    canvas.drawCentredString(cx, y, caption)
    return y


class _TableLayout:
    """One section's table: column widths, header rows, each body row measured once."""

    def __init__(self, layout: _Layout, section: Section):
        self.layout = layout
        self.section = section
        self.columns = section.columns
        count = len(self.columns)
        self.size = 10 if count <= 10 else 9 if count <= 14 else 8 if count <= 20 else 7.2
        self.number_size = self.size * 0.9  # "(1)", "(2)"… under the header
        if section.form or layout.rhythm is FORM:  # a form filed upwards: FORM_SIZE at least
            self.size = max(self.size, FORM_SIZE)
            self.number_size = max(self.size * 0.9, FORM_SIZE)
        self.pad = layout.rhythm.row_pad  # above and below the text; its sides keep PAD
        self.leading = self.size * layout.rhythm.row_leading
        total = sum(column.width for column in self.columns)
        self.widths = [layout.width * column.width / total for column in self.columns]
        self._fit_widths()
        self.cell_sizes: dict[int, list[tuple[int, float]]] = {}  # row: (column, smaller size)
        self.row_spans: dict[int, tuple[int, int]] = {}  # row: a total label's columns
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
            self.heights.append(self.leading + 2 * self.pad + 4)
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
        # The estimate row's label ("Ước tính từ 01/06/2026 đến 30/06/2026") may
        # wrap: a text column as wide as it would take the figures' room, their headers a line
        # or two taller, and the form off its page.
        unwrapped = list(value)
        for row in rows:
            font = self._font(row.style)
            for index, column in enumerate(columns):
                text = format_value(row.values.get(column.key), column.kind, language)
                if text:
                    wide = max(_width(line, font, size) for line in text.split("\n"))
                    value[index] = max(value[index], wide)
                    if row.style != ESTIMATE or column.kind in NUMERIC:
                        unwrapped[index] = max(unwrapped[index], wide)
        margin = 2 * PAD + 1
        floor = [
            margin + (max(f, v) if column.kind in NUMERIC or column.kind == MARK else f)
            for f, v, column in zip(floor, value, columns, strict=True)
        ]
        if self.layout.rhythm is DOCUMENT:  # a list: no date cut in two ("04/03/202" over "6")
            for index, word in enumerate(self._widest_words(SAMPLE_ROWS)):
                if columns[index].kind not in NUMERIC:  # a figure too wide is set smaller
                    floor[index] = max(floor[index], min(word + margin, widths[index] * WIDENING))
        if form and self.section.form and unwrapped != value:
            # The estimate row's label whole, or the figures' room: whichever sets the shorter
            # table (a line of the label against a line of the header).
            before = list(widths)
            self._settle_widths(form, floor, unwrapped, figures, margin)
            narrow, narrow_height = list(widths), self._form_height()
            widths[:] = before
            self._settle_widths(form, floor, value, figures, margin)
            if narrow_height < self._form_height():
                widths[:] = narrow
        else:
            self._settle_widths(form, floor, unwrapped, figures, margin)

    def _form_height(self) -> float:
        """The header's height and the estimate rows' labels', at the widths as they are."""
        self.header_sizes = {}
        height = sum(self._header()[2])
        self.header_sizes = {}
        for row in self.section.rows:
            if row.style == ESTIMATE:
                for index, column in enumerate(self.columns):
                    if column.kind not in NUMERIC and column.kind != MARK:
                        text = str(row.values.get(column.key) or "")
                        width = self.widths[index] - 2 * PAD
                        height += len(wrap(text, ITALIC, self.size, width)) * self.leading
        return height

    def _settle_widths(self, form: bool, floor, unwrapped, figures, margin) -> None:
        """The widths from the text columns' values on: a form's text column narrowed to the
        widest of `unwrapped`, every column its floor, a text column that would just wrap
        widened, a form's header balanced."""
        columns, widths = self.columns, self.widths
        if form and self.section.form:
            self._narrow_text_columns(floor, unwrapped, figures, margin)

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
            (unwrapped[i] + margin - widths[i], i)
            for i, column in enumerate(columns)
            if column.kind not in NUMERIC
            and column.kind != MARK
            and unwrapped[i] + margin > widths[i]
            and unwrapped[i] + margin <= widths[i] * 1.5
        )
        for want, i in wants:
            spare = [
                max(0.0, min(widths[j] - floor[j], widths[j] * 0.25)) for j in range(len(columns))
            ]
            if sum(spare[j] for j in figures) < want:
                break
            widths[i] += take(want, figures, spare)
        if form and self.section.form:
            self._balance_header(floor, figures)

    def _widest_words(self, count: int) -> list[float]:
        """Each column's widest word in its first `count` rows: a list's rows are alike (its
        dates, its times), and measuring every word of a long one would double its cost."""
        widest = [0.0] * len(self.columns)
        language = self.layout.language
        for row in self.section.rows[:count]:
            font = self._font(row.style)
            for index, column in enumerate(self.columns):
                text = format_value(row.values.get(column.key), column.kind, language)
                for word in text.split():
                    widest[index] = max(widest[index], _width(word, font, self.size))
        return widest

    def _narrow_text_columns(self, floor, value, figures, margin) -> None:
        """A form filed upwards: its text column (the team, the ward) no wider than its widest
        line; the width it spares goes to the figures, whose headers then take fewer lines,
        so that the form keeps to a page where it can."""
        widths = self.widths
        for i in range(len(widths)):
            if i in figures:
                continue
            target = max(floor[i], value[i] + margin)
            if widths[i] > target and figures:
                spare, share = widths[i] - target, sum(widths[j] for j in figures)
                widths[i] = target
                for j in figures:
                    widths[j] += spare * widths[j] / share

    def _balance_header(self, floor: list[float], figures: list[int]) -> None:
        """A form's figure columns share their width so that its header is the shortest it
        can be: the labels of as many lines (the three "Hôn nhân và gia đình") take a line
        fewer at once, from figure columns whose labels keep their lines when narrower
        ("Dân sự"), where the header grows shorter; then a label gives back what it took and
        did not need. Each figure still fits its column (`floor`)."""
        widths = self.widths

        def lines(index: int, width: float | None = None) -> int:
            width = widths[index] if width is None else width
            return len(wrap(self.columns[index].label, BOLD, self.size, width - 2 * PAD))

        def least_width(index: int, count: int) -> float:
            """The narrowest width that sets the column's label in `count` lines or fewer."""
            low, high = floor[index], max(floor[index], widths[index]) + self.layout.width
            for _ in range(24):
                middle = (low + high) / 2
                low, high = (low, middle) if lines(index, middle) <= count else (middle, high)
            return high

        def height() -> float:
            self.header_sizes = {}
            return round(sum(self._header()[2]), 2)

        def shorter(group: list[int]) -> bool:
            """Each label of `group` a line shorter, if the others can spare the width."""
            wants = {i: least_width(i, lines(i) - 1) - widths[i] for i in group}
            donors = [j for j in figures if j not in wants]
            spare = {j: max(0.0, widths[j] - least_width(j, lines(j))) for j in donors}
            want, total = sum(wants.values()), sum(spare.values())
            if total < want:
                return False
            for i, amount in wants.items():
                widths[i] += amount
            for j in donors:
                widths[j] -= want * spare[j] / total
            return True

        best, start = height(), list(widths)
        for _ in range(len(figures)):  # each pass kept makes the header shorter
            counts = sorted({lines(i) for i in figures if lines(i) > 1}, reverse=True)
            for count in counts:
                before = list(widths)
                if shorter([i for i in figures if lines(i) == count]) and height() < best:
                    best = height()
                    break
                widths[:] = before
            else:
                break
        for i in figures:  # a label that took width it did not need gives it back
            narrower = max(least_width(i, lines(i) + 1), start[i])
            if narrower >= widths[i] - SLACK:
                continue
            before = list(widths)
            freed, widths[i] = widths[i] - narrower, narrower
            others = sum(widths[j] for j in figures if j != i)
            for j in figures:
                if j != i:
                    widths[j] += freed * widths[j] / others
            if height() > best + SLACK:
                widths[:] = before
        self.header_sizes = {}

    def _font(self, style: str) -> str:
        return BOLD if style in (TOTAL, SUBTOTAL) else ITALIC if style == ESTIMATE else REGULAR

    def _add(self, row) -> None:
        font = self._font(row.style)
        language = self.layout.language
        cells = []
        lines = 1
        widths = list(self.widths)
        values = row.values
        span = label_span(row, self.columns)
        if span:  # a total's label across the blank cells beside it, from the first column
            first, last = span
            spanned = [column.key for column in self.columns[first : last + 1]]
            label = next(values[key] for key in spanned if values.get(key) not in (None, ""))
            values = {**values, **dict.fromkeys(spanned), spanned[0]: label}
            widths[first] = sum(self.widths[first : last + 1])
            self.row_spans[len(self.cells)] = span
        for index, (column, width) in enumerate(zip(self.columns, widths, strict=True)):
            value = values.get(column.key)
            kind = TEXT if span and index == span[0] else column.kind
            text = format_value(value, kind, language)
            if text and kind not in NUMERIC:
                parts = wrap(text, font, self.size, width - 2 * PAD)
                lines = max(lines, len(parts))
                text = "\n".join(parts)
            elif text and _width(text, font, self.size) > width - 2 * PAD:
                # A figure is never wrapped nor cut: one too wide for its cell is set smaller.
                size = self.size * (width - 2 * PAD) / _width(text, font, self.size)
                self.cell_sizes.setdefault(len(self.cells), []).append((index, size))
            cells.append(text)
        self.cells.append(cells)
        self.heights.append(lines * self.leading + 2 * self.pad + 1)
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
                spans_rows = any(
                    c0 == index and r0 == level and r1 > r0 for (c0, r0), (_c1, r1) in spans
                )
                if not spans_rows:  # sized below, by what the rows it spans lack
                    needed = len(parts) * size * 1.2 + 2 * self.pad
                    heights[level] = max(heights[level], needed)
        # A label spanning rows must fit their sum: the lowest row takes what they lack, so
        # the group rows above keep to their own lines.
        for (c0, r0), (_c1, r1) in spans:
            if r1 > r0:
                parts = grid[r0][c0].count("\n") + 1
                size = self.header_sizes.get((c0, r0), self.size)
                need = parts * size * 1.2 + 2 * self.pad
                have = sum(heights[r0 : r1 + 1])
                if need > have:
                    heights[r1] += need - have
        numbers = [column.number for column in self.columns]
        grid.append(numbers)
        # The italic "(1)" reaches from its ascender to its descender: room for both.
        heights.append(max(self.number_size + 2 * self.pad, self.number_size * 1.3))
        return grid, spans, heights

    def _header_size(self, text: str, width: float) -> float:
        """The header's size, made smaller (to 70%) for a cell whose longest word would
        otherwise be cut in two — narrow columns under long English labels."""
        longest = max(text.split(), key=lambda word: _width(word, BOLD, self.size), default="")
        size = self.size
        least = FORM_SIZE if self.section.form else self.size * 0.7
        while size - 0.25 >= least and _width(longest, BOLD, size) > width:
            size -= 0.25
        return size

    def block(self, start: int, end: int) -> _Block:
        heights = self.header_heights + self.heights[start:end]
        room = self.layout.height
        # A row taller than a whole page is cut to fit; it is the rare novel in a notes field.
        cells = [list(row) for row in self.cells[start:end]]
        for offset, height in enumerate(heights[len(self.header_heights) :]):
            limit = room - self.header_height
            if height > limit:
                keep = int((limit - 2 * self.pad - 1) // self.leading)
                cells[offset] = ["\n".join(text.split("\n")[:keep]) for text in cells[offset]]
                heights[len(self.header_heights) + offset] = keep * self.leading + 2 * self.pad + 1
        data = [*self.header, *cells]
        styles = self.styles[start:end]
        sizes = [
            (offset, column, size)
            for offset, index in enumerate(range(start, end))
            for column, size in self.cell_sizes.get(index, ())
        ]
        spans = [
            (offset, *self.row_spans[index])
            for offset, index in enumerate(range(start, end))
            if index in self.row_spans
        ]
        height = sum(heights)
        columns = self.columns

        def draw(canvas, x, top):
            from reportlab.platypus import Table, TableStyle

            table = Table(data, colWidths=self.widths, rowHeights=heights)
            table.setStyle(TableStyle(self._style(styles, columns, sizes, spans)))
            table.wrapOn(canvas, self.layout.width, height)
            table.drawOn(canvas, x, top - height)

        return _Block(height, draw, rows=0 if self.empty else end - start)

    def _style(self, styles: list[str], columns: list[Column], sizes=(), spans=()) -> list:
        head = len(self.header)
        commands = [
            ("FONT", (0, 0), (-1, head - 2), BOLD, self.size, self.leading),
            ("FONT", (0, head - 1), (-1, head - 1), ITALIC, self.number_size, self.size),
            ("FONT", (0, head), (-1, -1), REGULAR, self.size, self.leading),
            ("ALIGN", (0, 0), (-1, head - 1), "CENTER"),
            ("VALIGN", (0, 0), (-1, head - 1), "MIDDLE"),
            ("VALIGN", (0, head), (-1, -1), "TOP"),
            ("GRID", (0, 0), (-1, -1), 0.5, (0, 0, 0)),
            ("LEFTPADDING", (0, 0), (-1, -1), PAD),
            ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
            ("TOPPADDING", (0, 0), (-1, -1), self.pad),
            ("BOTTOMPADDING", (0, 0), (-1, -1), self.pad),
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
        for offset, first, last in spans:
            commands.append(("SPAN", (first, head + offset), (last, head + offset)))
            commands.append(("ALIGN", (first, head + offset), (last, head + offset), "LEFT"))
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
