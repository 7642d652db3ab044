"""Nhận dữ liệu (the district's inbox): bundles dropped on the window or chosen — files or a
whole USB stick — are checked at once and listed with what each would change; the acceptable
ones are imported in one go, with progress and cancel; then receipts go back on the stick."""

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.errors import TiepCanError
from app.i18n import format_number
from app.sync.inbox import InboxItem, check_files, import_acceptable, write_receipts_for
from app.text import display_date, human_size
from ui.errors import explain_failure, show_problem
from ui.pages.district_tables import filling
from ui.pages.parts import heading, page_column, page_keys
from ui.strings import N_, _, inform, ngettext
from ui.theme import ERROR_COLOUR
from ui.worker import Cancelled, run_task

COLUMNS = (
    N_("File"),
    N_("Ward"),
    N_("Bundle no."),
    N_("Made on"),
    N_("Size"),
    N_("Result"),
    N_("What it changes"),
)
STATUS = {
    "acceptable": N_("Ready to import"),
    "already-imported": N_("Already imported"),
    "imported": N_("Imported"),
}
CHANGE_NAMES = (
    ("new", N_("{n} new")),
    ("updated", N_("{n} updated")),
    ("deleted", N_("{n} deleted")),
    ("stale", N_("{n} older than held")),
    ("conflict", N_("{n} in conflict")),
)


def changes_text(counts: dict[str, dict[str, int]]) -> str:
    """Across kinds: "120 new, 3 updated, 1 in conflict", or that nothing changes."""
    parts = []
    for name, message in CHANGE_NAMES:
        total = sum(kind.get(name, 0) for kind in counts.values())
        if total:
            parts.append(_(message).format(n=format_number(total)))
    return ", ".join(parts) if parts else _("no change")


def result_text(item: InboxItem) -> str:
    outcome = item.imported or item.outcome
    if outcome.status == "refused":
        return outcome.reason or _("Refused.")
    text = _(STATUS[outcome.status])
    if "rollback" in outcome.warnings:
        text += " – " + _("the ward seems to have restored an older copy; nothing is lost")
    if "missing" in outcome.warnings:
        text += " – " + _("some records held here are missing from it")
    return text


class InboxPage(QWidget):
    # Emitted from the import's thread: Qt hands it to the GUI thread.
    waiting_for = Signal(str)

    def __init__(self, store, settings, window):
        super().__init__(window)
        self.store = store
        self.settings = settings
        self.items: list[InboxItem] = []
        self._task = None
        self._source_folder: Path | None = None  # where the bundles came from: receipts go there
        self.setAcceptDrops(True)
        self.waiting_for.connect(self._waiting)
        self._build()
        self.retranslate()

    # -- building --------------------------------------------------------------------------

    def _build(self) -> None:
        layout = page_column(self)
        self.heading = heading(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        buttons = QHBoxLayout()
        self.add_files = QPushButton(self)
        self.add_files.clicked.connect(self.choose_files)
        self.add_folder = QPushButton(self)
        self.add_folder.clicked.connect(self.choose_folder)
        self.clear_button = QPushButton(self)
        self.clear_button.clicked.connect(self.clear)
        for button in (self.add_files, self.add_folder, self.clear_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.empty = QLabel(self)
        self.empty.setProperty("role", "empty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.table)
        self.progress = QProgressBar(self)
        self.cancel_button = QPushButton(self)
        self.cancel_button.clicked.connect(self.cancel)
        running = QHBoxLayout()
        running.addWidget(self.progress, 1)
        running.addWidget(self.cancel_button)
        self.summary = QLabel(self)
        self.summary.setProperty("role", "hint")
        self.summary.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        self.import_button = QPushButton(self)
        self.import_button.setProperty("accent", True)
        self.import_button.clicked.connect(self.import_now)
        self.receipts_button = QPushButton(self)
        self.receipts_button.clicked.connect(self.write_receipts)
        bottom.addWidget(self.receipts_button)
        bottom.addWidget(self.import_button)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addLayout(buttons)
        layout.addWidget(self.stack, 1)
        layout.addLayout(running)
        layout.addLayout(bottom)
        page_keys(
            self,
            (QKeySequence.StandardKey.Open, self.choose_files),
            ("Ctrl+Shift+O", self.choose_folder),
            ("Ctrl+I", self.import_now),
        )
        self._show_running(False)

    def retranslate(self) -> None:
        self.heading.setText(_("Inbox"))
        self.intro.setText(
            _(
                "Drop the wards' bundle files (.tcb) or a whole USB stick on this window, or "
                "choose them. Each file is checked at once; nothing is imported until you press "
                "Import."
            )
        )
        self.add_files.setText(_("Add &files…") + "  (Ctrl+O)")
        self.add_folder.setText(_("Add a f&older…") + "  (Ctrl+Shift+O)")
        self.clear_button.setText(_("C&lear the list"))
        self.cancel_button.setText(_("Cancel"))
        self.receipts_button.setText(_("Write &receipts…"))
        self.empty.setText(
            _(
                "No bundle here yet. Plug in the USB stick from the wards and drop it here, or "
                "press “Add a folder…”."
            )
        )
        self.table.setHorizontalHeaderLabels([_(c) for c in COLUMNS])
        self._fill()

    def refresh(self) -> None:
        """Shown again: nothing to reload (the list is what this session added)."""

    # -- adding ----------------------------------------------------------------------------

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls() and self._task is None:
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.add_paths(paths)

    def choose_files(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(
            self, _("Bundles to import"), "", _("Bundles (*.tcb);;All files (*)")
        )
        if names:
            self.add_paths([Path(name) for name in names])

    def choose_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(self, _("A folder or USB stick of bundles"))
        if name:
            self.add_paths([Path(name)])

    def add_paths(self, paths: list[Path]) -> None:
        """Check the files (each folder's bundles) off the GUI thread, then list them."""
        if self._task is not None:
            return
        folders = [p for p in paths if p.is_dir()]
        self._source_folder = folders[0] if folders else paths[0].parent
        self._start(
            lambda report: check_files(self.store, paths, report, waiting=self.waiting_for.emit),
            self._checked,
        )

    def _checked(self, items: list[InboxItem]) -> None:
        """A file listed already is checked again, in its place (after an undo, it can be
        imported again); the others are added at the end."""
        self._finish()
        where = {item.path.resolve(): row for row, item in enumerate(self.items)}
        first = None
        for item in items:
            row = where.get(item.path.resolve())
            if row is None:
                self.items.append(item)
                row = len(self.items) - 1
            else:
                self.items[row] = item
            first = row if first is None else min(first, row)
        self._fill()
        if first is not None:
            self.table.setFocus()
            self.table.selectRow(first)

    def focus_search(self) -> None:
        """Shown: the keys of the page work at once (Ctrl+O, Ctrl+I)."""
        (self.table if self.items else self.add_files).setFocus()

    # -- importing -------------------------------------------------------------------------

    def import_now(self) -> None:
        if self._task is not None or not any(item.acceptable for item in self.items):
            return
        wards = sorted({i.outcome.ward_code for i in self.items if i.acceptable} - {None})
        self._doing("importing " + ",".join(wards))
        self._start(
            lambda report: import_acceptable(
                self.store, self.items, report, waiting=self.waiting_for.emit
            ),
            self._imported,
        )

    def _doing(self, activity: str) -> None:
        """What the other operators of a PostgreSQL district see this window do."""
        keeper = getattr(self.window(), "presence", None)
        if keeper is not None:
            keeper.set_activity(activity)

    def _waiting(self, ward: str) -> None:
        """Another operator imports the same ward: this import waits its turn (no give-up)."""
        text = _("Waiting… (someone else is importing ward {ward})").format(ward=ward)
        self.progress.setFormat(text)  # until the next bundle's progress
        self.summary.setText(text)

    def _imported(self, done: list[InboxItem]) -> None:
        self._doing("")
        self._finish()
        self._fill()
        imported = sum(1 for item in done if item.imported.status == "imported")
        refused = sum(1 for item in done if item.imported.status == "refused")
        self.summary.setText(
            ngettext(
                "{imported} bundle imported, {refused} refused.",
                "{imported} bundles imported, {refused} refused.",
                imported,
            ).format(imported=format_number(imported), refused=format_number(refused))
        )
        window = self.window()
        if hasattr(window, "records_changed"):
            window.records_changed("inbox")

    def _any_received(self) -> bool:
        received = ("imported", "already-imported")
        return any((item.imported or item.outcome).status in received for item in self.items)

    def write_receipts(self) -> None:
        if not self._any_received():
            return
        folder = QFileDialog.getExistingDirectory(
            self,
            _("Where the receipts go (the wards' USB stick)"),
            str(self._source_folder or ""),
        )
        if not folder:
            return
        try:
            written = write_receipts_for(self.store, self.items, Path(folder))
        except TiepCanError as error:  # a full or unplugged stick: one sentence
            show_problem(self, error)
            return
        inform(
            self,
            _("Receipts"),
            ngettext(
                "{count} receipt written to {folder}. Give the ward its own file (.tcr).",
                "{count} receipts written to {folder}. Give each ward its own file (.tcr).",
                len(written),
            ).format(count=format_number(len(written)), folder=folder),
        )

    def clear(self) -> None:
        if self._task is None:
            self.items = []
            self.summary.clear()
            self._fill()

    # -- running ---------------------------------------------------------------------------

    def _start(self, work, on_done) -> None:
        self._show_running(True)
        self.progress.setRange(0, 0)  # busy until the first report gives a total
        self._task = run_task(work, on_done, self._failed, self._progress)

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.progress.setFormat(
            _("{done} of {total}").format(done=format_number(done), total=format_number(total))
        )

    def _failed(self, error) -> None:
        self._doing("")
        self._finish()
        self._fill()
        if isinstance(error, Cancelled):
            self.summary.setText(_("Stopped. The bundles already imported stay imported."))
            return
        explain_failure(self, error, self.summary)

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()

    def _finish(self) -> None:
        self._task = None
        self._show_running(False)

    def _show_running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)
        for button in (self.add_files, self.add_folder, self.clear_button):
            button.setEnabled(not running)
        self._update_buttons(running)

    def _update_buttons(self, running: bool = False) -> None:
        ready = sum(1 for item in self.items if item.acceptable)
        self.import_button.setText(
            ngettext("&Import {count} bundle", "&Import {count} bundles", ready).format(
                count=format_number(ready)
            )
            + "  (Ctrl+I)"
        )
        self.import_button.setEnabled(ready > 0 and not running)
        self.receipts_button.setEnabled(self._any_received() and not running)

    # -- the list --------------------------------------------------------------------------

    def _fill(self) -> None:
        with filling(self.table):
            self._fill_rows()
        self.table.resizeRowsToContents()
        self.stack.setCurrentWidget(self.table if self.items else self.empty)
        self._update_buttons(self._task is not None)

    def _fill_rows(self) -> None:
        self.table.setRowCount(len(self.items))
        for row, item in enumerate(self.items):
            outcome = item.imported or item.outcome
            ward = f"{outcome.ward_name} ({outcome.ward_code})" if outcome.ward_code else ""
            values = (
                item.path.name,
                ward,
                str(outcome.seq) if outcome.seq is not None else "",
                display_date(outcome.created_at) if outcome.created_at else "",
                human_size(item.size) if item.size is not None else "",
                result_text(item),
                changes_text(outcome.counts) if outcome.status != "refused" else "",
            )
            for column, value in enumerate(values):
                cell = QTableWidgetItem(value)
                cell.setToolTip(value)
                if outcome.status == "refused" and column == 5:
                    cell.setForeground(QColor(ERROR_COLOUR))
                self.table.setItem(row, column, cell)
