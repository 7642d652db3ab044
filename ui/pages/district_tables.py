"""What the district's dashboard and tracker share: a read-only, sortable table of one row per
ward whose cells sort by value (numbers as numbers, dates as dates), and its printing as an
HTML table."""

from collections.abc import Iterator
from contextlib import contextmanager
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QPageLayout, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ui.strings import _

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
PRINT_ROLE = Qt.ItemDataRole.UserRole + 2  # what paper shows, when not the screen's text


class SortableItem(QTableWidgetItem):
    """Shows text, sorts by the value given (None sorts first)."""

    def __init__(self, text: str, value=None, printed: str | None = None):
        super().__init__(text)
        self.setData(SORT_ROLE, value)
        self.setToolTip(text)
        if printed is not None:
            self.setData(PRINT_ROLE, printed)

    def __lt__(self, other) -> bool:
        mine, theirs = self.data(SORT_ROLE), other.data(SORT_ROLE)
        if mine is None or theirs is None:
            return mine is None and theirs is not None
        return mine < theirs


def ward_table(parent, columns: int) -> QTableWidget:
    table = QTableWidget(0, columns, parent)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
    return table


@contextmanager
def filling(table: QTableWidget) -> Iterator[None]:
    """Fill a table in one go: with columns sized to their contents as each cell arrives, a
    table of 130 wards took seven seconds to fill on screen; sized once at the end, it takes
    a few milliseconds. Sorting is suspended meanwhile (Qt's advice)."""
    header = table.horizontalHeader()
    sorting = table.isSortingEnabled()
    table.setSortingEnabled(False)
    table.setUpdatesEnabled(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    try:
        yield
    finally:
        table.resizeColumnsToContents()
        header.setStretchLastSection(True)
        table.setUpdatesEnabled(True)
        table.setSortingEnabled(sorting)


def fill(table: QTableWidget, rows: list[list[tuple]], keys: list[str]) -> None:
    """Rows of (text, sort value[, printed text]) cells, each row's key (a ward code) kept on
    its first cell, then the rows follow the header's order."""
    with filling(table):
        _fill_rows(table, rows, keys)
    table.setSortingEnabled(True)


def _fill_rows(table: QTableWidget, rows: list[list[tuple]], keys: list[str]) -> None:
    table.setRowCount(len(rows))
    for row, (cells, key) in enumerate(zip(rows, keys, strict=True)):
        for column, (text, value, *printed) in enumerate(cells):
            item = SortableItem(text, value, *printed)
            # Figures right-aligned, as on paper; words (states, yes/no) stay left.
            if isinstance(value, int | float) and column and text[:1].isdigit():
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if column == 0:
                item.setData(Qt.ItemDataRole.UserRole, key)
            table.setItem(row, column, item)


def selected_key(table: QTableWidget) -> str | None:
    rows = table.selectionModel().selectedRows()
    return table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole) if rows else None


def _cell_html(item) -> str:
    if item is None:
        return "<td></td>"
    printed = item.data(PRINT_ROLE)
    text = escape(printed if printed is not None else item.text())
    right = item.textAlignment() & Qt.AlignmentFlag.AlignRight
    align = ' align="right"' if right else ""
    return f"<td{align} nowrap>{text}</td>"


def table_html(unit: str, title: str, subtitle: str, table: QTableWidget) -> str:
    """The table as shown (its sort order), for printing: small type, a cell never broken
    over two lines, figures on the right as on screen."""
    head = "".join(
        f"<th>{escape(table.horizontalHeaderItem(c).text())}</th>"
        for c in range(table.columnCount())
    )
    body = "".join(
        "<tr>" + "".join(_cell_html(table.item(r, c)) for c in range(table.columnCount())) + "</tr>"
        for r in range(table.rowCount())
    )
    return (
        f"<p>{escape(unit)}</p><h3>{escape(title)}</h3><p>{escape(subtitle)}</p>"
        "<table border='1' cellspacing='0' cellpadding='2' style='font-size:8pt'>"
        f"<tr>{head}</tr>{body}</table>"
    )


def print_html(parent, html: str) -> None:
    document = QTextDocument(parent)
    document.setHtml(html)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    preview = QPrintPreviewDialog(printer, parent)
    preview.setWindowTitle(_("Print"))
    preview.paintRequested.connect(document.print_)
    preview.exec()


class WardTablePage(QWidget):
    """A district page whose body is one table of wards (the overview, the tracker): it takes
    the keys when shown, reads again after an import elsewhere, and prints its table."""

    table: QTableWidget

    def refresh(self) -> None:
        raise NotImplementedError

    def print_title(self) -> str:
        raise NotImplementedError

    def print_subtitle(self) -> str:
        raise NotImplementedError

    def focus_search(self) -> None:
        """Shown: the table takes the keys (arrows, Enter, Ctrl+P)."""
        self.table.setFocus()

    def mark_stale(self) -> None:
        """An import, an undo or a decision elsewhere: the figures are read again."""
        if self.isVisible():
            self.refresh()

    def print_table(self) -> None:
        unit = self.store.installation["unit_name"]
        print_html(self, table_html(unit, self.print_title(), self.print_subtitle(), self.table))
