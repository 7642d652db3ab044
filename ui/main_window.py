"""The main window: a sidebar of pages, the ward's name in the title bar."""

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.i18n import set_language
from ui.help import HelpLinks
from ui.strings import N_, _
from ui.theme import apply_locale

WARD_PAGES = (
    ("overview", N_("Overview")),
    ("sessions", N_("Outreach sessions")),
    ("cases", N_("Mediation cases")),
    ("people", N_("People")),
    ("teams", N_("Mediation teams")),
    ("trainings", N_("Trainings")),
    ("reports", N_("Reports & printing")),
    ("send", N_("Send data")),
    ("settings", N_("Settings")),
)
# A district receives, settles and reads what the wards sent: no page for typing records in,
# none for sending.
DISTRICT_PAGES = (
    ("dashboard", N_("Overview")),
    ("inbox", N_("Inbox")),
    ("tracker", N_("Submissions")),
    ("conflicts", N_("Conflicts")),
    ("wards", N_("Wards and keys")),
    ("sessions", N_("Outreach sessions")),
    ("cases", N_("Mediation cases")),
    ("people", N_("People")),
    ("teams", N_("Mediation teams")),
    ("reports", N_("Reports & printing")),
    ("settings", N_("Settings")),
)


def pages_for(role: str) -> tuple[tuple[str, str], ...]:
    return DISTRICT_PAGES if role == "district" else WARD_PAGES


class MainWindow(QMainWindow):
    """Shown at once with the ward's name and the sidebar; the pages, which need the database
    and its libraries, are attached right after (`attach`), so the window appears without waiting
    for them. Given a store, it attaches at once."""

    backups_changed = Signal()  # a backup was written: the pages that show the newest refresh

    def __init__(self, store, settings, parent=None, *, title: str = "", role: str = "ward"):
        super().__init__(parent)
        self.store = None
        self.folder = store.folder if store is not None else None  # set by the caller otherwise
        self.settings = settings
        self._title = title
        self.page_list = pages_for(store.role if store is not None else role)
        self.pages: dict[str, QWidget] = {}
        self.navigation = QListWidget(self)
        self.navigation.setObjectName("navigation")
        self.stack = QStackedWidget(self)
        self.opening = QLabel(self)
        self.opening.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.opening.setProperty("role", "empty")
        self.stack.addWidget(self.opening)
        for _key in self.page_list:
            QListWidgetItem(self.navigation)
        self.navigation.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(8, 8, 0, 0)
        sidebar = QVBoxLayout()
        sidebar.setContentsMargins(0, 0, 0, 8)
        sidebar.addWidget(self.navigation)
        self.help = HelpLinks(self)  # “Guide (F1)” and “About”, under the page names
        sidebar.addWidget(self.help)
        layout.addLayout(sidebar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        for number in range(min(len(self.page_list), 10)):
            # Alt+1 … Alt+9, then Alt+0, jump to a page from anywhere.
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Alt+{(number + 1) % 10}"))
            action.triggered.connect(
                lambda _checked=False, n=number: self.navigation.setCurrentRow(n)
            )
            self.addAction(action)
        # Ctrl+Q closes the window (Qt's standard Quit key is empty on Windows: named here).
        quit_action = QAction(self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        self.addAction(quit_action)
        for keys, step in (("Ctrl+PgDown", 1), ("Ctrl+PgUp", -1)):  # the next or previous page
            action = QAction(self)
            action.setShortcut(QKeySequence(keys))
            action.triggered.connect(lambda _checked=False, s=step: self._step_page(s))
            self.addAction(action)
        # Ctrl+Shift+I brings records in from a spreadsheet (a ward's lists only).
        import_action = QAction(self)
        import_action.setShortcut(QKeySequence("Ctrl+Shift+I"))
        import_action.triggered.connect(lambda _checked=False: self.import_sheet())
        self.addAction(import_action)
        self.retranslate()
        self._fit_to_screen()
        if store is not None:
            self.attach(store)

    def attach(self, store) -> None:
        """Build the pages over an open store and show the first one."""
        self.store = store
        self.folder = store.folder
        from ui.presence import PresenceKeeper

        # Who else works at a PostgreSQL district (the dashboard shows them); SQLite: nothing.
        self.presence = PresenceKeeper(store, self)
        if pages_for(store.role) != self.page_list:  # the folder's role was misread at first
            self.page_list = pages_for(store.role)
            self.navigation.clear()
            for _key in self.page_list:
                QListWidgetItem(self.navigation)
        for key, _label in self.page_list:
            page = self._make_page(key)
            self.pages[key] = page
            self.stack.addWidget(page)
        self.stack.removeWidget(self.opening)
        self.navigation.currentRowChanged.connect(self._show_page)
        self.retranslate()
        self.navigation.setCurrentRow(0)
        self._show_page(0)

    def release_store(self) -> None:
        """Drop the pages and close the store (before its file is replaced by a restore)."""
        if self.store is None:
            return
        self.navigation.currentRowChanged.disconnect(self._show_page)
        self.stack.addWidget(self.opening)
        self.stack.setCurrentWidget(self.opening)
        for page in self.pages.values():
            self.stack.removeWidget(page)
            page.deleteLater()
        self.pages.clear()
        self.presence.leave()
        self.store.close()
        self.store = None

    def reopen_store(self) -> bool:
        """Open the folder again (after a restore, or after one was refused) and rebuild."""
        from app.errors import TiepCanError
        from app.services.maintenance import open_installation
        from ui.errors import show_problem

        try:
            store = open_installation(self.folder.root)
        except TiepCanError as error:
            show_problem(self, error)
            return False
        self.attach(store)
        return True

    def open_file(self, path) -> None:
        """A file double-clicked in the file manager (the installer associates them): a bundle
        goes to the district's inbox, a receipt to the ward's Send page, a key card to the
        district's Wards page or the ward's Send page. The wrong role is told what to do."""
        from pathlib import Path

        from ui.strings import inform

        path = Path(path)
        suffix, district = path.suffix.lower(), self.store.role == "district"
        if suffix == ".tcb" and district:
            self._go_to("inbox").add_paths([path])
        elif suffix == ".tcr" and not district:
            self._go_to("send").receipt_box.load(path)
        elif suffix == ".card":
            if district:
                self._go_to("wards").register_card(path)
            else:
                self._go_to("send").open_card(path)
        else:
            message = (
                _("A bundle is imported at the aggregating office, not at a ward: send it there.")
                if suffix == ".tcb"
                else _("A receipt is loaded at the ward it was written for, not here.")
            )
            inform(self, _("TiepCan"), f"{path.name}: {message}")

    def _go_to(self, key: str):
        keys = [page_key for page_key, _label in self.page_list]
        self.navigation.setCurrentRow(keys.index(key))
        return self.pages[key]

    def import_sheet(self, kind: str | None = None) -> None:
        """The spreadsheet import assistant, at a ward, for `kind` or the list in view; the
        list of what was imported is then shown, read again."""
        from ui.dialogs.import_sheet import KIND_LABELS, ImportSheetWizard

        if self.store is None or self.store.role != "ward":
            return
        row = self.navigation.currentRow()
        shown = self.page_list[row][0] if 0 <= row < len(self.page_list) else ""
        kind = kind or (shown if shown in KIND_LABELS else "people")
        wizard = ImportSheetWizard(self.store, self.settings, kind, self)
        wizard.exec()
        if wizard.imported_kind is None:
            return
        page = self._go_to(wizard.imported_kind)
        page.reload()
        self.records_changed(wizard.imported_kind)

    def _step_page(self, step: int) -> None:
        self.navigation.setCurrentRow((self.navigation.currentRow() + step) % len(self.page_list))

    def show_ward_records(self, kind: str, ward_code: str) -> None:
        """A district's drill-down: one ward's records of a kind."""
        keys = [key for key, _label in self.page_list]
        if kind not in keys:
            return
        self.navigation.setCurrentRow(keys.index(kind))
        self.pages[kind].show_ward(ward_code)

    def open_record(self, kind: str, uuid: str) -> None:
        """The overview's “needs attention” items: the record's page shown, the record open."""
        keys = [key for key, _label in self.page_list]
        if kind not in keys:
            return
        self.navigation.setCurrentRow(keys.index(kind))
        self.pages[kind].open_record(uuid)

    def _fit_to_screen(self) -> None:
        """1280×800 where there is room; never taller or wider than the screen (1366×768 is common
        in ward offices), so the buttons at the bottom stay in view."""
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is None:
            self.resize(1280, 800)
            return
        self.resize(min(1280, screen.width()), min(800, screen.height() - 40))

    def _make_page(self, key: str) -> QWidget:
        # Imported here: they bring the database libraries, which the first paint does not need.
        from ui.pages.overview import OverviewPage
        from ui.pages.records import RecordsPage
        from ui.pages.reports import ReportsPage
        from ui.pages.send import SendPage
        from ui.pages.settings import SettingsPage

        if key == "overview":
            return OverviewPage(self.store, self)
        if key == "settings":
            return SettingsPage(self.store, self.settings, self)
        if key == "reports":
            return ReportsPage(self.store, self.settings, self)
        if key == "send":
            return SendPage(self.store, self.settings, self)
        if key == "dashboard":
            from ui.pages.dashboard import DashboardPage

            return DashboardPage(self.store, self.settings, self)
        if key == "tracker":
            from ui.pages.tracker import TrackerPage

            return TrackerPage(self.store, self.settings, self)
        if key == "inbox":
            from ui.pages.inbox import InboxPage

            return InboxPage(self.store, self.settings, self)
        if key == "wards":
            from ui.pages.wards import WardsPage

            return WardsPage(self.store, self.settings, self)
        if key == "conflicts":
            from ui.pages.conflicts import ConflictsPage

            return ConflictsPage(self.store, self.settings, self)
        return RecordsPage(self.store, key, self.settings, self)

    def _show_page(self, row: int) -> None:
        if not self.pages:
            return
        self.stack.setCurrentIndex(row)
        page = self.stack.currentWidget()
        if hasattr(page, "refresh"):
            page.refresh()
        if hasattr(page, "focus_search"):
            page.focus_search()

    def retranslate(self) -> None:
        name = self.store.installation["unit_name"] if self.store else self._title
        self.setWindowTitle(f"{name} – TiepCan" if name else "TiepCan")
        district = self.page_list is DISTRICT_PAGES
        self.opening.setText(
            _("Opening the office's records…") if district else _("Opening the ward's records…")
        )
        for row, (_key, label) in enumerate(self.page_list):
            self.navigation.item(row).setText(_(label))
        self.help.retranslate()
        # As wide as the longest page name (or help entry) in this language and font, no wider.
        self.navigation.setFixedWidth(
            max(self.navigation.sizeHintForColumn(0) + 36, self.help.sizeHint().width())
        )
        for page in self.pages.values():
            page.retranslate()

    def change_language(self, language: str) -> None:
        set_language(language)
        apply_locale(language)
        self.settings.set("language", language)
        self.retranslate()

    def records_changed(self, kind: str) -> None:
        """A page saved something: lists that offer it as a choice follow. At a district an
        import, an undo or a settled conflict changes the merged records: every list and figure
        is read again when next shown."""
        for key, page in self.pages.items():
            if key != kind and hasattr(page, "refresh_options"):
                page.refresh_options()
            if key != kind and hasattr(page, "mark_stale"):
                page.mark_stale()
