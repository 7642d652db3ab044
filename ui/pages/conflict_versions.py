"""The two versions of a record in conflict, side by side: revision, deleted or not, then every
field, the fields that differ marked (bold on a faint highlight), as the district compares them
before deciding which to keep."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from app.services.fields import Spec
from app.services.kinds import KINDS
from ui.strings import _
from ui.table_model import display

DIFFERS = Qt.ItemDataRole.UserRole  # on each cell of a row that differs: True
ROW_PADDING = 6  # pixels added to a row's fitted height: tight rows are hard to read
TEXT_SHOWN = 2_000  # characters of a long text shown in a cell; the rest would only stretch it
EMPTY = "—"


def _blank(value) -> bool:
    return value is None or value == "" or value == []


def _one(spec: Spec, value, names: dict[str, str]) -> str:
    """A single value as the lists and forms show it (dates dd/MM/yyyy, labels for codes)."""
    if _blank(value):
        return EMPTY
    if spec.type == "bool":
        return _("yes") if value else _("no")
    if spec.type == "date":
        return display("date", value)
    if spec.type in ("enum", "codes"):
        return display(f"enum:{spec.enum.name}", value)
    if spec.type == "int":
        # A year is a label, not a quantity: never "1.970".
        return display("year" if spec.name.endswith("_year") else "int", value)
    if spec.type in ("uuid", "uuids"):
        return names.get(value) or _("(not in the district's records)")
    text = str(value)
    return text if len(text) <= TEXT_SHOWN else text[:TEXT_SHOWN] + "…"


def _entry(specs: tuple[Spec, ...], item: dict, names: dict[str, str]) -> str:
    """One entry of a list of objects (a material, a role, a member, a party) on one line."""
    parts = []
    for spec in specs:
        value = item.get(spec.name)
        if spec.personal or _blank(value) or value is False:
            continue  # personal data never reaches the district; "no" says nothing here
        parts.append(_(spec.label) if value is True else _one(spec, value, names))
    return " · ".join(parts) or EMPTY


def shown_value(spec: Spec, value, names: dict[str, str]) -> str:
    """A field's value as text for the comparison; lists one entry a line."""
    if _blank(value):
        return EMPTY
    if spec.type == "objects":
        return "\n".join(_entry(spec.fields, item, names) for item in value)
    if isinstance(value, list):
        return "\n".join(_one(spec, entry, names) for entry in value)
    return _one(spec, value, names)


class VersionsView(QTableWidget):
    """Field | stored | incoming. Read-only; `differing` names the rows marked."""

    def __init__(self, parent=None):
        super().__init__(0, 3, parent)
        self.differing: set[str] = set()
        self.rows: list[str] = []  # the row's field name ("revision", "deleted", then fields)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setTabKeyNavigation(False)  # Tab leaves the table, as everywhere on the page
        self.setWordWrap(True)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.setColumnWidth(0, 220)
        # Wrapped cells need their height again whenever the columns' widths change.
        header.sectionResized.connect(lambda *_args: self._fit_rows())
        self._versions: dict | None = None
        self._only_differing = False
        self.retranslate()

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels([_("Field"), _("Stored"), _("Incoming")])
        if self._versions is not None:
            self.show_versions(self._versions)

    def clear_versions(self) -> None:
        self._versions = None
        self.differing = set()
        self.rows = []
        self.setRowCount(0)

    def show_versions(self, versions: dict) -> None:
        self._versions = versions
        kind = KINDS[versions["conflict"]["kind"]]
        stored, incoming = versions["stored"], versions["incoming"]
        names = versions["names"]
        held = stored["data"] is not None
        rows = [
            ("revision", _("Revision"), str(stored["revision"]), str(incoming["revision"])),
            (
                "deleted",
                _("Deleted"),
                _("yes") if stored["deleted"] else _("no"),
                _("yes") if incoming["deleted"] else _("no"),
            ),
        ]
        for spec in kind.fields:
            if spec.personal:
                continue  # never sent by a ward: always empty here
            before = shown_value(spec, stored["data"].get(spec.name), names) if held else EMPTY
            after = shown_value(spec, incoming["data"].get(spec.name), names)
            rows.append((spec.name, _(spec.label), before, after))
        self.differing = set(versions["differing"])
        if stored["revision"] != incoming["revision"]:
            self.differing.add("revision")
        if stored["deleted"] != incoming["deleted"]:
            self.differing.add("deleted")
        self.rows = [row[0] for row in rows]
        self.setRowCount(len(rows))
        for number, (name, *texts) in enumerate(rows):
            for column, text in enumerate(texts):
                self.setItem(number, column, self._cell(text, name in self.differing))
        self._fit_rows()
        self.show_only_differing(self._only_differing)
        first = next((r for r, name in enumerate(self.rows[2:], 2) if name in self.differing), None)
        if first is not None:  # what differs is what the officer came to see
            self.scrollToItem(self.item(first, 0), QAbstractItemView.ScrollHint.PositionAtCenter)

    def show_only_differing(self, only: bool) -> None:
        """Hide the fields both versions share (the revision and deletion rows stay)."""
        self._only_differing = only
        for row, name in enumerate(self.rows):
            self.setRowHidden(row, only and row >= 2 and name not in self.differing)

    def _fit_rows(self) -> None:
        self.resizeRowsToContents()
        for row in range(self.rowCount()):
            self.setRowHeight(row, self.rowHeight(row) + ROW_PADDING)

    def _cell(self, text: str, differs: bool) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        item.setData(DIFFERS, differs)
        if differs:
            font = item.font()
            font.setBold(True)
            item.setFont(font)
            # The palette's own highlight, faint: calm, and right in dark themes too.
            colour = self.palette().color(QPalette.ColorRole.Highlight)
            colour.setAlpha(40)
            item.setBackground(colour)
            item.setToolTip(_("The two versions differ here."))
        return item
