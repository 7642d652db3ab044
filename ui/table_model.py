"""A table model over SQL that stays smooth with 100,000 rows: the ordered ids of the matching
records are fetched at once (cheap), shown in chunks as the view scrolls (fetchMore), and their
display rows are read a page at a time and cached."""

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from app import enums
from app.i18n import current_language, format_day, format_number
from app.services.listing import Query, list_ids, list_rows, list_spec
from ui.strings import _

ROOT = QModelIndex()  # the invalid index: "the table itself"
CHUNK = 1_000  # rows exposed per fetchMore
PAGE = 200  # rows read from the database at a time


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
