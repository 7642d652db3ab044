"""A computed report on screen, as it prints: the title and period, each section's table under
a header that spans its column groups, the facts above and the summary below a logbook's team,
and the notes. Cells are written by the same `format_value` as the paper.

The tables are models over the report's rows, so a 20,000-row list costs no widget per cell;
on the estimate row of a report that has one, the estimable cells take typed whole numbers."""

import re

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QHeaderView,
    QLabel,
    QLineEdit,
    QScrollArea,
    QTableView,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from app.reports.table import ESTIMATE, MARK, NUMERIC, SUBTOTAL, TOTAL, Report, Section
from app.reports.values import format_value
from ui.strings import _

ROOT = QModelIndex()
FIT_ROWS = 400  # up to this many rows, each row is as tall as its text; beyond, one line each
TOOLTIP_DROP = 28  # pixels: Qt's offset under the point given, and the tooltip's margins
ESTIMATE_TINT = QColor("#fff6d6")  # the cells waiting for a typed figure
REFUSED_TINT = QColor("#f9dedc")  # the estimate cells of a sum they break
TOTAL_TINT = QColor("#eef3f5")


def parse_whole_number(text: str, language: str) -> int | None:
    """A typed estimate: digits, optionally grouped the way the language writes them
    (1.500.000 in Vietnamese, 1,500,000 in English) or with spaces. Blank is None; anything
    else raises ValueError."""
    cleaned = text.strip()
    if not cleaned:
        return None
    group = "." if language == "vi" else ","
    if re.fullmatch(r"\d+", cleaned):
        return int(cleaned)
    pattern = r"\d{1,3}(?:[" + re.escape(group) + r" \u00a0]\d{3})+"
    if re.fullmatch(pattern, cleaned):
        return int(re.sub(r"\D", "", cleaned))
    raise ValueError(cleaned)


class SectionModel(QAbstractTableModel):
    """One section's rows. `editable` names the columns whose estimate-row cells take input."""

    estimate_typed = Signal(str, object)  # column key, whole number or None (cleared)
    refused = Signal(str)  # what was wrong with a typed estimate

    def __init__(self, section: Section, language: str, editable=frozenset(), parent=None):
        super().__init__(parent)
        self.section = section
        self.columns = section.columns
        self.rows = section.rows
        self.language = language
        self.editable = frozenset(editable)
        # Estimate cells of a sum the figures break: column key → why (the refusal's words on
        # the cell to correct, "" on the sum's other cells).
        self.problems: dict[str, str] = {}
        self._bold = QFont()
        self._bold.setBold(True)
        self._italic = QFont()
        self._italic.setItalic(True)

    def rowCount(self, parent=ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def text(self, row: int, column: int) -> str:
        spec = self.columns[column]
        return format_value(self.rows[row].values.get(spec.key), spec.kind, self.language)

    def is_editable(self, row: int, column: int) -> bool:
        return self.rows[row].style == ESTIMATE and self.columns[column].key in self.editable

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        spec = self.columns[column]
        style = self.rows[row].style
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(row, column)
        if role == Qt.ItemDataRole.EditRole:
            value = self.rows[row].values.get(spec.key)
            return "" if value is None else str(value)  # a line edit, not a spin box
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if spec.kind in NUMERIC:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if spec.kind == MARK:
                return int(Qt.AlignmentFlag.AlignCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole:
            if style in (TOTAL, SUBTOTAL):
                return self._bold
            if style == ESTIMATE:
                return self._italic
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            if style == ESTIMATE and spec.key in self.problems:
                return QBrush(REFUSED_TINT)
            if self.is_editable(row, column):
                return QBrush(ESTIMATE_TINT)
            if style in (TOTAL, SUBTOTAL):
                return QBrush(TOTAL_TINT)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if style == ESTIMATE and self.problems.get(spec.key):
                return self.problems[spec.key]
            if self.is_editable(row, column):
                return _(
                    "Type the estimate for the rest of the period: a whole number, 0 or more. "
                    "Leave it empty for none."
                )
            text = self.text(row, column)
            return text if len(text) > 40 or "\n" in text else None
        return None

    def flags(self, index: QModelIndex):
        flags = super().flags(index)
        if index.isValid() and self.is_editable(index.row(), index.column()):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: QModelIndex, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not self.is_editable(index.row(), index.column()):
            return False
        spec = self.columns[index.column()]
        try:
            number = parse_whole_number(str(value), self.language)
        except ValueError:
            self.refused.emit(
                _("“{text}” is not a whole number. Type the estimate as digits, e.g. 4.").format(
                    text=str(value).strip()
                )
            )
            return False
        self.rows[index.row()].values[spec.key] = number
        self.dataChanged.emit(index, index)
        self.estimate_typed.emit(spec.key, number)
        return True


class GroupedHeader(QHeaderView):
    """A horizontal header of several rows: the column groups (spanning their columns), the
    columns' labels (wrapped to the column's width) and the numbers (1), (2)… of the paper form."""

    def __init__(self, columns, parent=None):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.columns = columns
        self.depth = max((len(column.groups) for column in columns), default=0)
        self.setSectionsClickable(False)
        self.setHighlightSections(False)
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self._levels: list[int] = []
        self.sectionResized.connect(self._relayout)

    # -- geometry --------------------------------------------------------------------------

    def _text_height(self, text: str, width: int) -> int:
        rect = self.fontMetrics().boundingRect(
            QRect(0, 0, max(width - 8, 10), 10_000),
            int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
            text,
        )
        return rect.height() + 8

    def _spans(self, level: int) -> list[tuple[int, int, str]]:
        """(first, last, text) of the group cells on `level`; columns with no group that deep
        get none (their label reaches up)."""
        spans: list[tuple[int, int, str]] = []
        for index, column in enumerate(self.columns):
            if len(column.groups) <= level:
                continue
            key = column.groups[: level + 1]
            if (
                spans
                and spans[-1][1] == index - 1
                and self.columns[spans[-1][0]].groups[: level + 1] == key
            ):
                first, _last, text = spans[-1]
                spans[-1] = (first, index, text)
            else:
                spans.append((index, index, column.groups[level]))
        return spans

    def _span_width(self, first: int, last: int) -> int:
        return sum(self.sectionSize(index) for index in range(first, last + 1))

    def _relayout(self, *_args) -> None:
        line = self.fontMetrics().height() + 8
        levels = []
        for level in range(self.depth):
            heights = [
                self._text_height(text, self._span_width(first, last))
                for first, last, text in self._spans(level)
            ]
            levels.append(max([line, *heights]))
        labels = [
            self._text_height(column.label, self.sectionSize(index))
            for index, column in enumerate(self.columns)
        ]
        levels.append(max([line, *labels]))
        levels.append(line)  # the numbers
        if levels != self._levels:
            self._levels = levels
            self.updateGeometry()
            self.geometriesChanged.emit()
        self.viewport().update()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        if not self._levels:
            self._relayout()
        return QSize(hint.width(), sum(self._levels))

    # -- painting --------------------------------------------------------------------------

    def _cell(self, painter: QPainter, rect: QRect, text: str, clip: QRect) -> None:
        # Drawn by hand, not by the style: some styles paint a section's bevel outside the
        # clip, which would wipe the neighbours' share of a spanning cell.
        palette = self.palette()
        painter.save()
        painter.setClipRect(clip)
        painter.fillRect(rect, palette.button())
        painter.setPen(palette.mid().color())
        painter.drawLine(rect.topRight(), rect.bottomRight())
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        painter.setPen(palette.buttonText().color())
        painter.drawText(
            rect.adjusted(4, 2, -4, -2),
            int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
            text,
        )
        painter.restore()

    def paintSection(self, painter: QPainter, rect: QRect, logical: int) -> None:
        if not rect.isValid() or logical >= len(self.columns):
            return
        if not self._levels:
            self._relayout()
        column = self.columns[logical]
        top = 0
        # Each section paints its share of the group cells above it, clipped to itself, so the
        # spanning cells come out whole whatever order the sections are painted in.
        for level in range(self.depth):
            height = self._levels[level]
            if level >= len(column.groups):
                break
            first, last, text = next(
                span for span in self._spans(level) if span[0] <= logical <= span[1]
            )
            left = self.sectionViewportPosition(first)
            span = QRect(left, top, self._span_width(first, last), height)
            self._cell(painter, span, text, QRect(rect.left(), top, rect.width(), height))
            top += height
        label_bottom = sum(self._levels[:-1])
        label = QRect(rect.left(), top, rect.width(), label_bottom - top)
        self._cell(painter, label, column.label, label)
        number = QRect(rect.left(), label_bottom, rect.width(), self._levels[-1])
        self._cell(painter, number, column.number, number)


class SectionTable(QTableView):
    """A section's table: columns in the paper's proportions, widened to fit the page and the
    figures; as tall as its rows up to a limit, then scrolling inside."""

    def __init__(self, model: SectionModel, available: int, unit: int, parent=None):
        super().__init__(parent)
        self.setModel(model)
        header = GroupedHeader(model.columns, self)
        self.setHorizontalHeader(header)
        self.verticalHeader().setVisible(False)
        self.setWordWrap(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # Tab walks the cells only where there is something to type; in a list it goes on to
        # the next table and out of the report (the arrows move between cells).
        self.setTabKeyNavigation(bool(model.editable))
        columns = model.columns
        total = sum(column.width for column in columns) or 1
        unit = max(unit, int(available / total))
        bold = QFont(self.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        sample = range(min(model.rowCount(), 200))
        needed: list[int] = []  # what the figures and short texts of each column need
        for index, column in enumerate(columns):
            width = max(int(column.width * unit), 36)
            # Figures and short texts (dates, marks) are never cut; long texts wrap.
            short = [model.text(r, index) for r in sample]
            short = [text for text in short if column.kind in NUMERIC or len(text) <= 16]
            widest = max((metrics.horizontalAdvance(text) for text in short), default=0)
            # The header wraps between words but never inside one ("Attendances").
            word = max((metrics.horizontalAdvance(w) for w in column.label.split()), default=0)
            width = max(width, widest + 14, word + 14)
            needed.append(max(widest + 14 if short else 0, word + 14))
            self.setColumnWidth(index, width)
        excess = sum(self.columnWidth(i) for i in range(len(columns))) - available
        texts = sorted(
            (i for i, column in enumerate(columns) if column.kind not in NUMERIC),
            key=lambda i: -columns[i].width,
        )
        for index in texts:  # figures and dates keep their room; wide text columns give some up
            if excess <= 0:
                break
            floor = max(int(columns[index].width * 40), 36, needed[index])
            give = min(excess, max(self.columnWidth(index) - floor, 0))
            self.setColumnWidth(index, self.columnWidth(index) - give)
            excess -= give
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        if model.rowCount() <= FIT_ROWS:
            self.resizeRowsToContents()
        header._relayout()
        self.content_width = sum(self.columnWidth(i) for i in range(len(columns)))

    def moveCursor(self, action, modifiers):
        """Tab and Shift+Tab go from one cell to type in to the next, and out of the table after
        the last (instead of through every figure, round and round)."""
        model = self.model()
        steps = {
            QAbstractItemView.CursorAction.MoveNext: 1,
            QAbstractItemView.CursorAction.MovePrevious: -1,
        }
        if not model.editable or action not in steps:
            return super().moveCursor(action, modifiers)
        columns = model.columnCount()
        cells = [
            (row, column)
            for row in range(model.rowCount())
            if model.rows[row].style == ESTIMATE
            for column in range(columns)
            if model.is_editable(row, column)
        ]
        current = self.currentIndex()
        here = (current.row(), current.column()) if current.isValid() else None
        if steps[action] < 0:
            cells.reverse()
        for cell in cells:
            if here is None or (cell > here if steps[action] > 0 else cell < here):
                return model.index(*cell)
        return QModelIndex()

    def fit(self, available: int, limit: int) -> None:
        """No wider than its columns, no taller than its rows (at most `limit`)."""
        count = self.model().rowCount()
        rows = limit if count > FIT_ROWS else sum(self.rowHeight(row) for row in range(count))
        frame = 2 * self.frameWidth()
        scroll_v = self.verticalScrollBar().sizeHint().width()
        header = self.horizontalHeader().sizeHint().height()
        wide = self.content_width + frame > available
        height = header + rows + frame
        if wide:
            height += self.horizontalScrollBar().sizeHint().height()
        tall = height > limit
        self.setFixedHeight(min(height, limit))
        self.setMaximumWidth(self.content_width + frame + (scroll_v if tall else 0))


class ReportView(QScrollArea):
    """The whole report, scrolling as one page."""

    estimate_typed = Signal(str, object)
    refused = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # The tables take the keyboard focus, not the scrolling page around them (which
        # scrolls to a table Tab goes into).
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.report: Report | None = None
        self.tables: list[SectionTable] = []
        self.models: list[SectionModel] = []
        self.setWidget(QWidget(self))

    def _label(self, parent, text: str, role: str | None = None, *, center=False, bold=False):
        label = QLabel(text, parent)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if role:
            label.setProperty("role", role)
        if center:
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        if bold:
            font = label.font()
            font.setBold(True)
            label.setFont(font)
        return label

    def show_report(self, report: Report, editable=frozenset()) -> None:
        """Show `report`; `editable` columns of its estimate rows take typed figures."""
        vertical = self.verticalScrollBar().value()
        horizontal = [table.horizontalScrollBar().value() for table in self.tables]
        same = self.report is not None and self.report.name == report.name
        # The table the officer is in (its own focus, or a cell's editor that Tab opened on the
        # next estimate): where, and what is already typed in the open editor.
        focus = QApplication.focusWidget()
        focused = next(
            (
                (
                    number,
                    table.currentIndex().row(),
                    table.currentIndex().column(),
                    (focus.text(), focus.isModified()) if isinstance(focus, QLineEdit) else None,
                )
                for number, table in enumerate(self.tables)
                if focus is not None and (focus is table or table.isAncestorOf(focus))
            ),
            None,
        )
        self.report = report
        body = QWidget(self)
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 8, 8)
        column.setSpacing(6)
        title = self._label(body, report.title.upper(), center=True, bold=True)
        title.setObjectName("report_title")
        self.title_label = title
        column.addWidget(title)
        self.period_label = self._label(body, report.period_line, center=True)
        column.addWidget(self.period_label)
        if report.legal_basis:
            column.addWidget(self._label(body, report.legal_basis, "hint", center=True))
        self.tables, self.models = [], []
        self.empty_labels: list[QLabel] = []
        unit = max(self.fontMetrics().averageCharWidth() * 7, 50)
        room = max(self.viewport().height() - 40, 320)
        # Room beside the page's own scroll bar, shown or not yet: a table sized before the bar
        # appears would otherwise lose its width to it and scroll sideways for a few pixels.
        bar = self.verticalScrollBar()
        available = (
            self.viewport().width() - 12 - (0 if bar.isVisible() else bar.sizeHint().width())
        )
        for section in report.sections:
            if section.title:
                column.addSpacing(8)
                column.addWidget(self._label(body, section.title, bold=True))
            if section.facts:
                facts = "    ".join(f"{name}: {value}" for name, value in section.facts if value)
                column.addWidget(self._label(body, facts))
            if section.rows:
                model = SectionModel(section, report.language, editable, body)
                model.estimate_typed.connect(self.estimate_typed)
                model.refused.connect(self.refused)
                table = SectionTable(model, available, unit, body)
                table.fit(available, room)
                self.tables.append(table)
                self.models.append(model)
                column.addWidget(table)
            else:
                empty = self._label(body, section.empty_text, "empty", center=True)
                self.empty_labels.append(empty)
                column.addWidget(empty)
            if section.summary:
                if section.summary_title:
                    column.addWidget(self._label(body, section.summary_title, bold=True))
                lines = "\n".join(f"{name}: {value}" for name, value in section.summary)
                column.addWidget(self._label(body, lines))
        if report.notes:
            column.addSpacing(8)
            notes = "\n".join(f"• {note}" for note in report.notes if note)
            self.notes_label = self._label(body, notes, "hint")
            column.addWidget(self.notes_label)
        column.addStretch(1)
        self.setWidget(body)  # the old body is deleted with its tables
        if same:  # a recomputed report (a typed estimate) stays where the officer was
            self.verticalScrollBar().setValue(vertical)
            for table, value in zip(self.tables, horizontal, strict=False):
                table.horizontalScrollBar().setValue(value)
            if focused and focused[0] < len(self.tables):
                # The table typed into was rebuilt: the cursor stays on the same cell.
                number, row, column, typing = focused
                table = self.tables[number]
                index = table.model().index(row, column)
                table.setCurrentIndex(index)
                table.setFocus()
                if typing is not None and table.model().is_editable(row, column):
                    # An editor was open on the next estimate: open it again, keeping what the
                    # officer has typed into it meanwhile; a figure not yet touched stays
                    # selected, so the digits typed next replace it ("50", then 3, is 3, not 503).
                    table.edit(index)
                    editor = QApplication.focusWidget()
                    if isinstance(editor, QLineEdit) and table.isAncestorOf(editor):
                        text, modified = typing
                        if modified:
                            editor.setText(text)
                            editor.setModified(True)
                        else:
                            editor.selectAll()
                return
        if editable and (cell := self.estimate_cell()):
            table, index = cell
            # Tab into the table lands where there is to type (current, not yet selected).
            table.selectionModel().setCurrentIndex(
                index, table.selectionModel().SelectionFlag.NoUpdate
            )

    def mark_refused(self, field: str, fields, message: str, others=()) -> None:
        """Estimates that break a sum: the cells of that sum on the estimate row turn red, and
        the one to correct (`field`) says why, in its tooltip and, where it is in view, beside
        it at once. The `others` sums broken, (field, fields, message) each, turn red too,
        each saying why in its tooltip: the officer sees every sum to correct at once."""
        marks = [*others, (field, fields, message)]  # the first refusal's message wins its cell
        for table, model in zip(self.tables, self.models, strict=True):
            keys = [column.key for column in model.columns]
            model.problems = {}
            for cell, cells, why in marks:
                model.problems.update({key: "" for key in cells if key in keys})
                if cell in keys:
                    model.problems[cell] = why
            rows = [row for row, values in enumerate(model.rows) if values.style == ESTIMATE]
            if not rows or not model.problems:
                continue
            model.dataChanged.emit(model.index(rows[0], 0), model.index(rows[0], len(keys) - 1))
            rect = (
                table.visualRect(model.index(rows[0], keys.index(field))) if field in keys else None
            )
            if rect is not None and table.isVisible() and table.viewport().rect().intersects(rect):
                # Above the estimate row, not over the total under it the officer is balancing
                # (Qt sets a tooltip about 16 px under the point it is given).
                lift = QFontMetrics(QToolTip.font()).height() + TOOLTIP_DROP
                where = table.viewport().mapToGlobal(rect.topLeft()) - QPoint(0, lift)
                QToolTip.showText(where, message, table.viewport(), rect)

    def estimate_cell(self):
        """(table, index) of the first editable estimate cell, if any."""
        for table, model in zip(self.tables, self.models, strict=True):
            for row, values in enumerate(model.rows):
                if values.style != ESTIMATE:
                    continue
                for column in range(model.columnCount()):
                    if model.is_editable(row, column):
                        return table, model.index(row, column)
        return None
