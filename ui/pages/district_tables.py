"""What the district's dashboard and tracker share: a read-only, sortable table of one row per
ward whose cells sort by value (numbers as numbers, dates as dates), and its printing as an
HTML table."""

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QPageLayout, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from ui.strings import _

SORT_ROLE = Qt.ItemDataRole.UserRole + 1


class SortableItem(QTableWidgetItem):
    """Shows text, sorts by the value given (None sorts first)."""

    def __init__(self, text: str, value=None):
        super().__init__(text)
        self.setData(SORT_ROLE, value)
        self.setToolTip(text)

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
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
    return table


def fill(table: QTableWidget, rows: list[list[tuple[str, object]]], keys: list[str]) -> None:
    """Rows of (text, sort value) cells, each row's key (a ward code) kept on its first cell;
    sorting is suspended while filling (Qt's advice), then the rows follow the header's order."""
    table.setSortingEnabled(False)
    table.setRowCount(len(rows))
    for row, (cells, key) in enumerate(zip(rows, keys, strict=True)):
        for column, (text, value) in enumerate(cells):
            item = SortableItem(text, value)
            # Figures right-aligned, as on paper; words (states, yes/no) stay left.
            if isinstance(value, int | float) and column and text[:1].isdigit():
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if column == 0:
                item.setData(Qt.ItemDataRole.UserRole, key)
            table.setItem(row, column, item)
    table.setSortingEnabled(True)


def selected_key(table: QTableWidget) -> str | None:
    rows = table.selectionModel().selectedRows()
    return table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole) if rows else None


def table_html(unit: str, title: str, subtitle: str, table: QTableWidget) -> str:
    """The table as shown (its sort order), for printing."""
    head = "".join(
        f"<th>{escape(table.horizontalHeaderItem(c).text())}</th>"
        for c in range(table.columnCount())
    )
    body = "".join(
        "<tr>"
        + "".join(
            f"<td>{escape(table.item(r, c).text() if table.item(r, c) else '')}</td>"
            for c in range(table.columnCount())
        )
        + "</tr>"
        for r in range(table.rowCount())
    )
    return (
        f"<p>{escape(unit)}</p><h3>{escape(title)}</h3><p>{escape(subtitle)}</p>"
        f"<table border='1' cellspacing='0' cellpadding='3'><tr>{head}</tr>{body}</table>"
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
