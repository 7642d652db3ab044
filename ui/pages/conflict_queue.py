"""The district's queue of conflicts as a table: ward, kind, record, the day raised, status.
Open conflicts come first and in bold: they wait for a person."""

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QFont

from app.services.kinds import KINDS
from ui.dialogs.history import _when
from ui.strings import N_, _

ROOT = QModelIndex()
COLUMNS = (N_("Ward"), N_("Kind"), N_("Record"), N_("Raised on"), N_("Status"))
STATUS = {
    "open": N_("Open"),
    "stored": N_("Settled: stored kept"),
    "incoming": N_("Settled: incoming kept"),
}


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def kind_label(kind: str) -> str:
    return _capitalised(_(KINDS[kind].label))


class ConflictQueueModel(QAbstractTableModel):
    """The conflicts as `conflict_queue` lists them: open ones first, then by when raised."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.conflicts: list[dict] = []

    def set_conflicts(self, conflicts: list[dict]) -> None:
        self.beginResetModel()
        self.conflicts = conflicts
        self.endResetModel()

    def relabel(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self.conflicts:
            last = self.index(len(self.conflicts) - 1, len(COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def conflict_at(self, row: int) -> dict | None:
        return self.conflicts[row] if 0 <= row < len(self.conflicts) else None

    def row_of(self, conflict_id: int) -> int | None:
        return next((i for i, c in enumerate(self.conflicts) if c["id"] == conflict_id), None)

    def rowCount(self, parent=ROOT) -> int:
        return 0 if parent.isValid() else len(self.conflicts)

    def columnCount(self, parent=ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        conflict = self.conflict_at(index.row()) if index.isValid() else None
        if conflict is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(conflict, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole text, where a column cuts it
            text = self._text(conflict, index.column())
            return f"{text} ({conflict['ward_code']})" if index.column() == 0 else text
        if role == Qt.ItemDataRole.FontRole and conflict["status"] == "open":
            font = QFont()
            font.setBold(True)  # what still waits for a person stands out
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 3:
            return int(Qt.AlignmentFlag.AlignCenter | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _text(conflict: dict, column: int) -> str:
        if column == 0:
            return conflict["ward_name"]
        if column == 1:
            return kind_label(conflict["kind"])
        if column == 2:
            return conflict["title"]
        if column == 3:
            return _when(conflict["raised_at"])[:10]  # the day, in the PC's local time
        status = STATUS["open" if conflict["status"] == "open" else conflict["kept"]]
        return _(status)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return _(COLUMNS[section]) if 0 <= section < len(COLUMNS) else None
