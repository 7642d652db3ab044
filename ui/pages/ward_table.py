"""The district's table of wards (a province has up to a few hundred: one model over plain
entries, sorted by a proxy on a sort key per cell, so dates and numbers sort as such)."""

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor

from app.i18n import format_day
from app.sync.wards import WardEntry, local_day
from app.text import fold
from ui.strings import N_, _

ROOT = QModelIndex()
REVOKED_COLOUR = QColor("#b3261e")  # the theme's error colour
SORT_ROLE = Qt.ItemDataRole.UserRole

COLUMNS = (
    ("code", N_("Code")),
    ("name", N_("Ward")),
    ("keys", N_("Keys")),
    ("key_id", N_("Current key")),
    ("generation", N_("Generation")),
    ("registered", N_("Registered on")),
    ("by", N_("Registered by")),
    ("revoked", N_("Revoked on")),
    ("last_seq", N_("Last bundle")),
    ("last_at", N_("Received on")),
)
NUMBERS = {"keys", "generation", "last_seq"}
DATES = {"registered", "revoked", "last_at"}


def cell(entry: WardEntry, column: str) -> tuple[str, object]:
    """What a cell shows, and what it sorts by (never None: the proxy compares like with like)."""
    key = entry.current_key or {}
    if column == "code":
        return entry.code, entry.code
    if column == "name":
        return entry.name, fold(entry.name)
    if column == "keys":
        return (str(len(entry.keys)) if entry.keys else ""), len(entry.keys)
    if column == "generation":
        return str(key.get("generation", "")), key.get("generation", 0)
    if column == "last_seq":
        seq = entry.last_seq
        return ("" if seq is None else str(seq)), (-1 if seq is None else seq)
    if column in DATES:
        at = {
            "registered": key.get("registered_at"),
            "revoked": key.get("revoked_at"),
            "last_at": entry.last_import_at,
        }[column]
        day = local_day(at)
        return format_day(day), day or ""
    value = {"key_id": key.get("key_id"), "by": key.get("registered_by")}[column] or ""
    return value, fold(value)


class WardTableModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.entries: list[WardEntry] = []

    def set_entries(self, entries: list[WardEntry]) -> None:
        self.beginResetModel()
        self.entries = list(entries)
        self.endResetModel()

    def relabel(self) -> None:
        """The language changed: headers and dates are shown anew."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self.entries:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.entries) - 1, len(COLUMNS) - 1)
            )

    def rowCount(self, parent=ROOT) -> int:
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent=ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        entry = self.entries[index.row()]
        column = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell(entry, column)[0]
        if role == SORT_ROLE:
            return cell(entry, column)[1]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in NUMBERS | DATES:
            horizontal = (
                Qt.AlignmentFlag.AlignRight if column in NUMBERS else Qt.AlignmentFlag.AlignCenter
            )
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == "revoked":
            return REVOKED_COLOUR  # a ward whose current key is revoked can send nothing
        if role == Qt.ItemDataRole.ToolTipRole and column == "name" and not entry.listed:
            return _("Not in the list of units shipped with TiepCan; named by its key card.")
        return None

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return _(COLUMNS[section][1]) if 0 <= section < len(COLUMNS) else None

    def row_of(self, code: str) -> int | None:
        return next((row for row, e in enumerate(self.entries) if e.code == code), None)


def sorted_view(model: WardTableModel) -> QSortFilterProxyModel:
    proxy = QSortFilterProxyModel(model)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    return proxy
