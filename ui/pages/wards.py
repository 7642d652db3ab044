"""Đơn vị và khóa (district): the province's wards and the keys registered for each. A ward's key
is registered from its card and the fingerprint read out by phone; a key can be revoked, a
ward's last import undone, and a registration confirmed on paper."""

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QFontDatabase, QKeySequence, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import TiepCanError
from app.i18n import format_day, format_number
from app.sync.trust import revoke_key
from app.sync.undo import import_to_undo, undo_last_import
from app.sync.wards import (
    WardEntry,
    card_to_register,
    local_day,
    province_wards,
    read_card_file,
)
from ui.errors import show_problem
from ui.pages.parts import heading, page_column, page_keys, tab_chain
from ui.pages.ward_sheet import confirmation_html
from ui.pages.ward_table import COLUMNS, WardTableModel, sorted_view
from ui.strings import N_, _, ask, inform

SHOW = (("registered", N_("Registered wards")), ("all", N_("All wards of the province")))
KEY_COLUMNS = (
    N_("Key id"),
    N_("Fingerprint"),
    N_("Generation"),
    N_("Registered on"),
    N_("Registered by"),
    N_("Revoked on"),
    N_("Reason for revoking"),
)


def _day(at: str | None) -> str:
    return format_day(local_day(at))


class WardsPage(QWidget):
    def __init__(self, store, settings, window):
        super().__init__(window)
        self.store = store
        self.settings = settings
        self.entries: list[WardEntry] = []
        self._build()
        self._actions()
        self.retranslate()

    # -- building --------------------------------------------------------------------------

    def _build(self) -> None:
        layout = page_column(self)
        top = QHBoxLayout()
        self.heading = heading(self)
        self.register_button = QPushButton(self)
        self.register_button.clicked.connect(self.register)
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.register_button)
        self.hint = QLabel(self)
        self.hint.setProperty("role", "hint")
        self.hint.setWordWrap(True)
        finding = QHBoxLayout()
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._apply)
        self.show_label = QLabel(self)
        self.show_combo = QComboBox(self)
        for _key, _label in SHOW:
            self.show_combo.addItem("", _key)
        saved = self.settings.get("wards/show", "registered")
        self.show_combo.setCurrentIndex(max(self.show_combo.findData(saved), 0))
        self.show_combo.currentIndexChanged.connect(self._show_changed)
        self.show_label.setBuddy(self.show_combo)
        self.count = QLabel(self)
        self.count.setProperty("role", "hint")
        finding.addWidget(self.search, 1)
        finding.addSpacing(12)
        finding.addWidget(self.show_label)
        finding.addWidget(self.show_combo)
        finding.addSpacing(12)
        finding.addWidget(self.count)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._wards_view(splitter))
        splitter.addWidget(self._keys_box(splitter))
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        layout.addLayout(top)
        layout.addWidget(self.hint)
        layout.addLayout(finding)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        # Tab goes as the eye reads: find, filter, register, the wards, their keys, the actions.
        tab_chain(
            self.search,
            self.show_combo,
            self.register_button,
            self.table,
            self.keys_table,
            self.revoke_button,
            self.print_button,
            self.undo_button,
        )

    def _wards_view(self, parent) -> QWidget:
        self.model = WardTableModel(self)
        self.proxy = sorted_view(self.model)
        self.table = QTableView(parent)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move in it
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        # Columns fit their contents in either language (a few hundred rows: cheap); the last
        # takes the room left. A narrow window scrolls sideways rather than cut ward names.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_ward())
        self.empty = QLabel(parent)
        self.empty.setProperty("role", "empty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget(parent)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        return self.stack

    def _keys_box(self, parent) -> QGroupBox:
        self.keys_box = QGroupBox(parent)
        layout = QVBoxLayout(self.keys_box)
        self.ward_summary = QLabel(self.keys_box)
        self.ward_summary.setWordWrap(True)
        self.keys_table = QTableWidget(0, len(KEY_COLUMNS), self.keys_box)
        self.keys_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.keys_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.keys_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.keys_table.setTabKeyNavigation(False)
        self.keys_table.verticalHeader().setVisible(False)
        header = self.keys_table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(KEY_COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.keys_table.currentCellChanged.connect(lambda *_: self._update_buttons())
        buttons = QHBoxLayout()
        self.revoke_button = QPushButton(self.keys_box)
        self.revoke_button.clicked.connect(self.revoke)
        self.print_button = QPushButton(self.keys_box)
        self.print_button.clicked.connect(self.print_confirmation)
        self.undo_button = QPushButton(self.keys_box)
        self.undo_button.clicked.connect(self.undo_import)
        buttons.addWidget(self.revoke_button)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        buttons.addWidget(self.undo_button)
        layout.addWidget(self.ward_summary)
        layout.addWidget(self.keys_table, 1)
        layout.addLayout(buttons)
        return self.keys_box

    def _actions(self) -> None:
        page_keys(
            self,
            (QKeySequence.StandardKey.Open, self.register),
            (QKeySequence.StandardKey.Find, self._focus_search),
            (QKeySequence.StandardKey.Print, self.print_confirmation),
        )

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # -- texts -----------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.heading.setText(_("Wards and keys"))
        self.hint.setText(
            _(
                "A ward's bundles are accepted only once its key is registered here: register the key card each ward sends, checking its fingerprint with the ward's officer by phone."
            )
        )
        self.register_button.setText(_("&Register a ward's card…") + "  (Ctrl+O)")
        self.search.setPlaceholderText(
            _("Find a ward — code or name, without diacritics, e.g. “cau giay” (Ctrl+F)")
        )
        self.show_label.setText(_("&Show:"))
        for index, (_key, label) in enumerate(SHOW):
            self.show_combo.setItemText(index, _(label))
        self.keys_table.setHorizontalHeaderLabels([_(label) for label in KEY_COLUMNS])
        self.revoke_button.setText(_("Re&voke key…"))
        self.print_button.setText(_("&Print confirmation…"))
        self.undo_button.setText(_("&Undo last import…"))
        self.model.relabel()
        self._apply()

    # -- loading ---------------------------------------------------------------------------

    def focus_search(self) -> None:
        """Shown: typing finds a ward, and the page's keys (Ctrl+O, Ctrl+P) work at once."""
        self.search.setFocus()

    def refresh(self) -> None:
        """Called whenever the page is shown: registrations and imports happen elsewhere too."""
        self.entries = province_wards(self.store)
        self._apply()

    def _show_changed(self) -> None:
        self.settings.set("wards/show", self.show_combo.currentData())
        self._apply()

    def _apply(self) -> None:
        """Show the entries the search and the filter let through, keeping the selection."""
        selected = self.selected_code()
        everyone = self.show_combo.currentData() == "all"
        query = self.search.text()
        shown = [
            entry
            for entry in self.entries
            if (everyone or entry.registered) and entry.matches(query)
        ]
        self.model.set_entries(shown)
        if shown:
            self.stack.setCurrentWidget(self.table)
        else:
            self.empty.setText(self._empty_text(everyone, query))
            self.stack.setCurrentWidget(self.empty)
        self.keys_box.setVisible(bool(shown))
        self.count.setText(
            _("Registered: {registered} of {total}").format(
                registered=format_number(sum(1 for entry in self.entries if entry.registered)),
                total=format_number(len(self.entries)),
            )
        )
        if not self.select_ward(selected or "") and shown:
            self.table.selectRow(0)
        self._show_ward()

    def _empty_text(self, everyone: bool, query: str) -> str:
        if query.strip():
            return _("No ward matches “{text}”.").format(text=query.strip())
        if not everyone and not any(entry.registered for entry in self.entries):
            return _(
                "No ward is registered yet. Start with a ward's key card: choose “Register a ward's card…” (Ctrl+O), pick the .card file the ward sent, and type the fingerprint its officer reads to you by phone."
            )
        return _("The list of units has no ward for this province.")

    # -- selection -------------------------------------------------------------------------

    def selected_code(self) -> str | None:
        entry = self.selected_ward()
        return entry.code if entry else None

    def selected_ward(self) -> WardEntry | None:
        index = self.table.selectionModel().currentIndex()
        if not index.isValid() or self.stack.currentWidget() is not self.table:
            return None
        return self.model.entries[self.proxy.mapToSource(index).row()]

    def select_ward(self, code: str) -> bool:
        row = self.model.row_of(code)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    def selected_key(self) -> dict | None:
        entry = self.selected_ward()
        row = self.keys_table.currentRow()
        if entry is None or not 0 <= row < len(entry.keys):
            return None
        return entry.keys[row]

    def _show_ward(self) -> None:
        entry = self.selected_ward()
        self.keys_table.setRowCount(0)
        if entry is None:
            self.keys_box.setTitle(_("Keys"))
            self.ward_summary.setText(_("Choose a ward in the list to see its keys."))
            self._update_buttons()
            return
        self.keys_box.setTitle(
            _("Keys of {name} ({code})").format(name=entry.name, code=entry.code)
        )
        self.ward_summary.setText(self._summary(entry))
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        for row, key in enumerate(entry.keys):
            self.keys_table.insertRow(row)
            cells = (
                key["key_id"],
                key["fingerprint"],
                str(key["generation"]),
                _day(key["registered_at"]),
                key["registered_by"] or "",
                _day(key["revoked_at"]),
                key.get("reason", ""),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column < 2:
                    item.setFont(fixed)  # digits read out one by one line up in a fixed font
                self.keys_table.setItem(row, column, item)
        if entry.keys:  # the current key first: it is the one people ask about
            self.keys_table.setCurrentCell(len(entry.keys) - 1, 0)
        self._update_buttons()

    def _summary(self, entry: WardEntry) -> str:
        if not entry.registered:
            return _(
                "No key is registered for this ward: its bundles are refused until you register its key card."
            )
        if entry.last_seq is None:
            return _("No bundle of this ward has been imported yet.")
        return _("Last bundle imported: number {seq}, received on {date}.").format(
            seq=entry.last_seq, date=_day(entry.last_import_at)
        )

    def _update_buttons(self) -> None:
        entry, key = self.selected_ward(), self.selected_key()
        self.revoke_button.setEnabled(key is not None and not key["revoked"])
        self.print_button.setEnabled(key is not None)
        self.undo_button.setEnabled(entry is not None and entry.last_seq is not None)

    # -- registering -----------------------------------------------------------------------

    def register(self) -> None:

        path, _filter = QFileDialog.getOpenFileName(
            self,
            _("A ward's key card"),
            self.settings.get("wards/folder", ""),
            _("Key cards (*.card);;All files (*)"),
        )
        if not path:
            return
        self.settings.set("wards/folder", str(Path(path).parent))
        self.register_card(Path(path))

    def register_card(self, path: Path) -> None:
        """A ward's card, chosen or double-clicked: checked, then the registration dialog."""
        from ui.dialogs.register_ward import RegisterWardDialog

        try:
            card = read_card_file(Path(path))
            summary = card_to_register(self.store, card)
        except TiepCanError as error:
            show_problem(self, error)
            return
        dialog = RegisterWardDialog(self.store, card, summary, self)
        if dialog.exec() != RegisterWardDialog.DialogCode.Accepted or dialog.result is None:
            return
        done = dialog.result
        self.search.clear()
        self.refresh()
        self.select_ward(done["code"])
        self._say(
            _(
                "{name} ({code}) is registered with key {key_id} (generation {generation}). Its bundles signed with this key are accepted from now on."
            ).format(**done)
        )
        inform(self, _("Ward registered"), self.status.text())

    # -- revoking, undoing, printing -------------------------------------------------------

    def revoke(self) -> None:
        from ui.dialogs.revoke_key import RevokeKeyDialog

        entry, key = self.selected_ward(), self.selected_key()
        if entry is None or key is None or key["revoked"]:
            return
        dialog = RevokeKeyDialog(entry.name, entry.code, key["key_id"], self)
        if dialog.exec() != RevokeKeyDialog.DialogCode.Accepted:
            return
        try:
            revoke_key(self.store, key["key_id"], dialog.reason_text())
        except TiepCanError as error:
            show_problem(self, error)
            return
        self.refresh()
        self._say(
            _("Key {key_id} of {name} is revoked: its bundles will be refused.").format(
                key_id=key["key_id"], name=entry.name
            )
        )

    def undo_import(self) -> None:
        entry = self.selected_ward()
        if entry is None:
            return
        try:
            last = import_to_undo(self.store, entry.code)
        except TiepCanError as error:
            show_problem(self, error)
            return
        question = _(
            "Undo the import of bundle number {seq} from {name} ({code}), received on {date}? The ward's records go back to how they were before that import; the bundle can be imported again later."
        ).format(seq=last["seq"], name=entry.name, code=entry.code, date=_day(last["accepted_at"]))
        if not ask(self, _("Undo last import"), question, _("Undo the import")):
            return
        try:
            undone = undo_last_import(self.store, entry.code)
        except TiepCanError as error:
            show_problem(self, error)
            return
        records_changed = getattr(self.window(), "records_changed", None)
        if records_changed:  # the merged lists, the overview and the inbox follow
            records_changed("wards")
        self.refresh()
        self._say(
            _("The import of bundle number {seq} from {name} was undone.").format(
                seq=undone["seq"], name=entry.name
            )
        )

    def sheet_html(self) -> str | None:
        entry, key = self.selected_ward(), self.selected_key()
        if entry is None or key is None:
            return None
        return confirmation_html(self.store.installation, entry, key)

    def print_confirmation(self) -> None:
        html = self.sheet_html()
        if html is None:
            return
        document = QTextDocument(self)
        document.setHtml(html)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        preview = QPrintPreviewDialog(printer, self)
        preview.setWindowTitle(_("Print confirmation"))
        preview.paintRequested.connect(document.print_)
        preview.exec()

    def _say(self, text: str) -> None:
        """The last outcome stays in view under the list until the next one."""
        self.status.setText(text)
