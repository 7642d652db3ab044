"""A table model over SQL that stays smooth with 100,000 rows: the ordered ids of the matching
records are fetched at once (cheap), shown in chunks as the view scrolls (fetchMore), and their
display rows are read a page at a time and cached. And the table that shows it, its columns
as wide as their header and values need at the current font."""

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, Qt
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem, QTableView

from app import enums
from app.i18n import current_language, format_day, format_number
from app.services.listing import Query, list_ids, list_rows, list_spec
from ui.strings import _

ROOT = QModelIndex()  # the invalid index: "the table itself"
CHUNK = 1_000  # rows exposed per fetchMore
PAGE = 200  # rows read from the database at a time
# A column is at most this many average characters wide for its values (a team's or a form's
# name fits whole); a longer value, a case's title, is cut in the middle.
WIDEST_CHARACTERS = 40
# When the columns do not all fit the window, the widest are narrowed (cut in the middle) down to
# this many characters before the short ones — dates, results, counts — are ever pushed out of
# sight: "Hòa giải không thành" stays whole and in view beside a shortened title.
NARROWEST_CHARACTERS = 18


def display(column_type: str, value) -> str:
    if value is None:
        return ""
    if column_type == "date":
        return format_day(value)
    if column_type == "bool":
        return "✓" if value else ""
    if column_type.startswith("enum:"):
        return enums.ALL[column_type[5:]].label(value, current_language())
    if column_type == "int":
        return format_number(value)
    if column_type == "year":
        return str(value)
    return str(value)


class RecordTableModel(QAbstractTableModel):
    def __init__(self, store, kind: str, parent=None):
        super().__init__(parent)
        self.store = store
        self.kind = kind
        self.spec = list_spec(store, kind)
        self.query = Query(kind)
        self._ids: list[int] = []
        self.loaded = False  # nothing is read until the list is first shown
        self._shown = 0
        self._rows: dict[int, tuple] = {}

    # -- loading ---------------------------------------------------------------------------

    def reload(self, query: Query | None = None) -> None:
        self.beginResetModel()
        if query is not None:
            self.query = query
        self._ids = list_ids(self.store, self.query)
        self.loaded = True
        self._shown = min(CHUNK, len(self._ids))
        self._rows = {}
        self.endResetModel()

    def relabel(self) -> None:
        """The language changed: the same rows, shown with other words."""
        columns = len(self.spec.columns)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, columns - 1)
        if self._shown:
            self.dataChanged.emit(self.index(0, 0), self.index(self._shown - 1, columns - 1))

    def total(self) -> int:
        return len(self._ids)

    def ids(self) -> list[int]:
        """Every matching id, in the list's order (also those not fetched into view yet)."""
        return list(self._ids)

    def canFetchMore(self, parent=ROOT) -> bool:
        return not parent.isValid() and self._shown < len(self._ids)

    def fetchMore(self, parent=ROOT) -> None:
        if parent.isValid():
            return
        more = min(CHUNK, len(self._ids) - self._shown)
        if more <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + more - 1)
        self._shown += more
        self.endInsertRows()

    def _row(self, row: int) -> tuple | None:
        record_id = self._ids[row]
        cached = self._rows.get(record_id)
        if cached is None:
            page = self._ids[row : row + PAGE]
            self._rows.update(list_rows(self.store, self.kind, page))
            cached = self._rows.get(record_id)
        return cached

    # -- the model -------------------------------------------------------------------------

    def rowCount(self, parent=ROOT) -> int:
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent=ROOT) -> int:
        return 0 if parent.isValid() else len(self.spec.columns)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < self._shown:
            return None
        column = self.spec.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            row = self._row(index.row())
            return display(column.type, row[index.column() + 1]) if row else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.type in (
            "int",
            "year",
            "date",
            "bool",
        ):
            horizontal = (
                Qt.AlignmentFlag.AlignRight
                if column.type in ("int", "year")
                else Qt.AlignmentFlag.AlignCenter
            )
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.spec.columns):
            return _(self.spec.columns[section].label)
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.spec.columns):
            return
        key, descending = self.spec.columns[column].key, order == Qt.SortOrder.DescendingOrder
        if (self.query.sort, self.query.descending) == (key, descending) and self.loaded:
            return
        self.query.sort, self.query.descending = key, descending
        if self.loaded:
            self.reload()

    def uuid_at(self, row: int) -> str | None:
        if not 0 <= row < self._shown:
            return None
        record = self._row(row)
        return record[0] if record else None

    def row_of(self, uuid: str) -> int | None:
        for row in range(self._shown):
            record = self._rows.get(self._ids[row])
            if record and record[0] == uuid:
                return row
        return None


class _ElideAtEnd(QStyledItemDelegate):
    def initStyleOption(self, option, index) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideRight


class RecordTable(QTableView):
    """The list's table. Every column is as wide as its header and its values need at the
    current font: “Tổ hòa giải tổ dân phố số 12” and “Hòa giải không thành” whole, a header
    never cut, whatever the font size. A value wider than WIDEST_CHARACTERS is cut in the
    middle, so its start and its distinguishing end (“… số 12”) both stay visible.

    Values are measured on the first rows the list shows; the officer's own widths are kept
    where wider. A change of font size measures everything again."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self._names_delegate = _ElideAtEnd(self)
        self.setWordWrap(False)  # one line a row: a wrapped value would be cut at its end
        self._measured = False  # the values were measured (the first time there were rows)

    def setModel(self, model) -> None:
        super().setModel(model)
        # A list of names cut in the middle would join two halves into a name nobody has
        # ("Trần Tiến …ỗ Thị Hồng"): those columns are cut at their end.
        for column, spec in enumerate(model.spec.columns):
            if spec.type == "names":
                self.setItemDelegateForColumn(column, self._names_delegate)
        model.modelReset.connect(self._rows_changed)
        model.headerDataChanged.connect(lambda *_args: self.fit_columns(keep_wider=True))

    def _rows_changed(self) -> None:
        # Measured once, on the first rows: columns that jumped at each search keystroke would
        # move what the officer is reading.
        measure = not self._measured and self.model().rowCount() > 0
        self._measured = self._measured or measure
        self.fit_columns(keep_wider=True, values=measure)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and self.model() is not None:
            self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
            self.fit_columns(keep_wider=False, values=self._measured)

    def needed_width(self, column: int, values: bool = True) -> int:
        """What the column needs: its header (with the sort mark), and its values on the first
        rows up to WIDEST_CHARACTERS."""
        header = self.horizontalHeader().sectionSizeHint(column)
        if not values:
            return header
        model = self.model()
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        delegate = self.itemDelegateForColumn(column) or self.itemDelegate()
        widest = 0
        for row in range(min(model.rowCount(), PAGE)):
            index = model.index(row, column)
            widest = max(widest, delegate.sizeHint(option, index).width())
        limit = self.fontMetrics().averageCharWidth() * WIDEST_CHARACTERS
        grid = 1 if self.showGrid() else 0
        return max(header, min(widest + grid, limit))

    def fit_columns(self, keep_wider: bool, values: bool = True) -> None:
        header = self.horizontalHeader()
        widths = {}
        for column in range(self.model().columnCount()):
            if header.isSectionHidden(column):
                continue
            width = self.needed_width(column, values)
            if keep_wider:
                width = max(width, header.sectionSize(column))
            widths[column] = width
        self._squeeze_to_view(widths)
        for column, width in widths.items():
            if width != header.sectionSize(column):
                self.setColumnWidth(column, width)

    def _squeeze_to_view(self, widths: dict[int, int]) -> None:
        """Narrow the widest columns, one step at a time, until every column is in view (each
        keeps NARROWEST_CHARACTERS and its header). When even that cannot fit, nothing is
        narrowed: whole-enough values and a scroll bar beat every column cut to a stub."""
        room = self.viewport().width()
        if room <= 0 or sum(widths.values()) <= room:
            return
        floor = self.fontMetrics().averageCharWidth() * NARROWEST_CHARACTERS
        header = self.horizontalHeader()
        least = {c: min(widths[c], max(floor, header.sectionSizeHint(c))) for c in widths}
        if sum(least.values()) > room:
            return  # it cannot all fit (the largest font): readable columns and a scroll bar
        while (excess := sum(widths.values()) - room) > 0:
            giving = [c for c in widths if widths[c] > least[c]]
            if not giving:
                return
            widest = max(giving, key=lambda c: widths[c])
            others = [widths[c] for c in giving if c != widest]
            # Down to the next widest column (or as far as needed), never below its floor.
            target = max(least[widest], widths[widest] - excess, max(others, default=0))
            if target >= widths[widest]:
                target = max(least[widest], widths[widest] - max(1, excess // len(giving)))
            widths[widest] = target

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.model() is not None and event.size().width() != event.oldSize().width():
            self.fit_columns(keep_wider=False, values=self._measured)
