"""A list page for one kind: search as you type, filters, a sortable table that stays smooth
with 100,000 rows, and new / edit / delete (with undo) / history."""

import contextlib
import json
from collections.abc import Callable
from typing import NamedTuple

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import format_number
from app.services import records as svc
from app.services.dependents import dependents
from app.services.listing import Query, list_spec, row_ids, ward_choices, ward_of
from ui.dialogs.history import HistoryDialog
from ui.forms.record_dialog import RecordDialog
from ui.pages.filters import FilterBar, period_range
from ui.strings import N_, _, ask, ngettext
from ui.table_model import RecordTable, RecordTableModel, display


class PageTexts(NamedTuple):
    title: str
    empty: str
    count: Callable[[int], str]  # the msgid for so many records: “1 case”, “2 cases”
    deleted: str
    undo: str  # the undo button, which names what it brings back


TEXTS = {
    "sessions": PageTexts(
        N_("Outreach sessions"),
        N_("No outreach session recorded yet. Press “New” (Ctrl+N) to record the first one."),
        lambda n: ngettext("{count} session", "{count} sessions", n),
        N_("The session “{name}” was deleted."),
        N_("Undo deleting the session “{name}”"),
    ),
    "cases": PageTexts(
        N_("Mediation cases"),
        N_("No mediation case recorded yet. Press “New” (Ctrl+N) to record the first one."),
        lambda n: ngettext("{count} case", "{count} cases", n),
        N_("The case “{name}” was deleted."),
        N_("Undo deleting the case “{name}”"),
    ),
    "people": PageTexts(
        N_("People"),
        N_(
            "No one recorded yet. Press “New” (Ctrl+N) to add the ward's reporters, propagandists and mediators."
        ),
        lambda n: ngettext("{count} person", "{count} people", n),
        N_("“{name}” was deleted."),
        N_("Undo deleting “{name}”"),
    ),
    "teams": PageTexts(
        N_("Mediation teams"),
        N_(
            "No mediation team yet. Add the mediators under People first, then press “New” (Ctrl+N)."
        ),
        lambda n: ngettext("{count} team", "{count} teams", n),
        N_("The team “{name}” was deleted."),
        N_("Undo deleting the team “{name}”"),
    ),
    "trainings": PageTexts(
        N_("Trainings"),
        N_("No training recorded yet. Press “New” (Ctrl+N) to record one."),
        lambda n: ngettext("{count} training", "{count} trainings", n),
        N_("The training “{name}” was deleted."),
        N_("Undo deleting the training “{name}”"),
    ),
}
NAME_FIELD = {
    "sessions": "title",
    "cases": "title",
    "people": "full_name",
    "teams": "name",
    "trainings": "topic",
}


# What still refers to a person or a team (app.services.dependents), as the delete question
# names it: one phrase for one record, another for several (English needs both).
LINK_PHRASES = {
    "leader": (
        N_("the leader of one mediation team"),
        N_("the leader of {count} mediation teams"),
    ),
    "member": (
        N_("a member of one mediation team"),
        N_("a member of {count} mediation teams"),
    ),
    "mediator": (N_("a mediator in one case"), N_("a mediator in {count} cases")),
    "presenter": (
        N_("a presenter at one outreach session"),
        N_("a presenter at {count} outreach sessions"),
    ),
    "attendee": (N_("an attendee of one training"), N_("an attendee of {count} trainings")),
    "cases": (
        N_("One case is recorded under this team."),
        N_("{count} cases are recorded under this team."),
    ),
}
UNDO_NAME_LENGTH = 30  # characters of a deleted record's name shown beside the undo button
# The kinds a ward may bring in from its own spreadsheets (ui/dialogs/import_sheet.py).
IMPORTABLE = ("sessions", "cases", "people", "teams")
IMPORT_HINT = N_("Already kept in a spreadsheet? Bring it in with Ctrl+Shift+I.")


def _count(number: int) -> str:
    return format_number(number)


def _phrase(link: str, number: int) -> str:
    one, several = LINK_PHRASES[link]
    return _(one) if number == 1 else _(several).format(count=_count(number))


def _joined(phrases: list[str]) -> str:
    """“a, b and c” in the current language."""
    if len(phrases) == 1:
        return phrases[0]
    return _("{items} and {last}").format(items=", ".join(phrases[:-1]), last=phrases[-1])


def dependents_text(kind: str, links: dict[str, int]) -> str:
    """What a deletion takes out of other lists and figures, to say before deleting: the
    records keep their references (an undo restores everything), but only live people and
    teams are shown and counted."""
    if not links:
        return ""
    if kind == "teams":
        return " ".join(
            (
                _phrase("cases", links["cases"]),
                _("Once deleted, the team no longer shows in those cases."),
            )
        )
    what = _joined([_phrase(link, number) for link, number in links.items()])
    return " ".join(
        (
            _("This person is {what}.").format(what=what),
            _("Once deleted, they no longer show or count in those teams and records."),
        )
    )


def _short(name: str, length: int = UNDO_NAME_LENGTH) -> str:
    return name if len(name) <= length else name[: length - 1].rstrip() + "…"


class RecordsPage(QWidget):
    def __init__(self, store, kind: str, settings, parent=None):
        super().__init__(parent)
        self.store = store
        self.kind = kind
        self.settings = settings
        self.texts = TEXTS[kind]
        # At a district the lists hold what the wards sent: read, searched and printed, never
        # changed here (a ward's next bundle would undo any change anyway).
        self.read_only = store.role == "district"
        self.spec = list_spec(store, kind)
        self._undo_uuid: str | None = None
        self._undo_name = ""
        self._build()
        self._restore_view()
        self.retranslate()

    def refresh(self) -> None:
        """Called when the page is shown: the list is read the first time it is needed."""
        if not self.model.loaded:
            self.reload()

    def mark_stale(self) -> None:
        """The records changed elsewhere: read the list again when it is next shown. At a
        district an import or a settled conflict; at a ward a save or delete on another page,
        as a person's name (or deletion) shows in the lists of teams, cases, sessions and
        trainings, and a team's in the cases'."""
        self.model.loaded = False

    # -- building --------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(10)
        top = QHBoxLayout()
        self.heading = QLabel(self)
        self.heading.setProperty("role", "heading")
        self.new_button = self._new_button()
        self.new_button.clicked.connect(self.create)
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.new_button)
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self._debounce = QTimer(self, singleShot=True, interval=25)
        self._debounce.timeout.connect(self.reload)
        self.search.textChanged.connect(self._debounce.start)
        self.search.installEventFilter(self)  # Ctrl+Z there: see eventFilter
        self.filters = FilterBar(self.store, self.kind, self.spec.date_column is not None, self)
        self.filters.changed.connect(self._filters_changed)
        self.model = RecordTableModel(self.store, self.kind, self)
        self.table = RecordTable(self)  # columns fit their header and values at any font
        self.table.setModel(self.model)
        spec = self.spec
        default = next(i for i, c in enumerate(spec.columns) if c.key == spec.default_sort)
        order = (
            Qt.SortOrder.DescendingOrder if spec.default_descending else Qt.SortOrder.AscendingOrder
        )
        self.table.horizontalHeader().setSortIndicator(default, order)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSortIndicatorShown(True)
        self.table.horizontalHeader().sectionResized.connect(self._save_view)
        self.table.doubleClicked.connect(lambda _index: self.edit())
        self.empty = QLabel(self)
        self.empty.setProperty("role", "empty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        bottom = QHBoxLayout()
        self.count = QLabel(self)
        self.count.setProperty("role", "hint")
        self.undo_button = QPushButton(self)
        self.undo_button.clicked.connect(self.undo)
        self.edit_button, self.delete_button, self.history_button = (
            QPushButton(self) for _ in range(3)
        )
        self.edit_button.clicked.connect(self.edit)
        self.delete_button.clicked.connect(self.delete)
        self.history_button.clicked.connect(self.history)
        bottom.addWidget(self.count)
        bottom.addSpacing(16)
        bottom.addWidget(self.undo_button)
        bottom.addStretch(1)
        for button in (self.history_button, self.edit_button, self.delete_button):
            bottom.addWidget(button)
        self._show_undo(False)
        # A district keeps no history of edits (only the versions wards sent): no History.
        for button in (self.new_button, self.delete_button, self.history_button):
            button.setVisible(not self.read_only)
        layout.addLayout(top)
        layout.addWidget(self.search)
        layout.addWidget(self.filters)
        layout.addWidget(self.stack, 1)
        layout.addLayout(bottom)
        self._actions()

    def _new_button(self):
        """“New”, and at a ward's lists that a sheet fills, beside it the menu of the other
        way in: a spreadsheet (Ctrl+Shift+I, the window's). A split button, not a second one:
        the heading's row holds at 200% scaling with the largest font."""
        self.import_action = None
        if not self.can_import:
            return QPushButton(self)
        button = QToolButton(self)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # as the push buttons around it
        menu = QMenu(button)
        self.import_action = menu.addAction("")
        self.import_action.setShortcut(QKeySequence("Ctrl+Shift+I"))  # shown, not bound here
        self.import_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.import_action.triggered.connect(self.import_sheet)
        button.setMenu(menu)
        return button

    def _actions(self) -> None:
        def action(keys, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut):
            act = QAction(self)
            act.setShortcuts(keys if isinstance(keys, list) else [keys])
            act.setShortcutContext(context)
            act.triggered.connect(slot)
            self.addAction(act)
            return act

        if not self.read_only:
            action(QKeySequence.StandardKey.New, self.create)
            action(QKeySequence(Qt.Key.Key_Delete), self.delete)
            action(QKeySequence.StandardKey.Undo, self.undo)
        action(QKeySequence.StandardKey.Find, self.focus_search)
        action([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)], self._enter)
        if not self.read_only:
            action(QKeySequence("Ctrl+H"), self.history)
        action(QKeySequence.StandardKey.Print, self.print_list)

    def retranslate(self) -> None:
        self.heading.setText(_(self.texts.title))
        self.new_button.setText(_("New") + "  (Ctrl+N)")
        if self.import_action is not None:
            self.import_action.setText(_("Import from a spreadsheet…"))
        self.search.setPlaceholderText(
            _("Search — type without diacritics, e.g. “nguyen van duc” (Ctrl+F)")
        )
        self.edit_button.setText(_("View") if self.read_only else _("Edit"))
        self.delete_button.setText(_("Delete"))
        self.history_button.setText(_("History"))
        self._show_undo(self._undo_uuid is not None)
        self.filters.retranslate()
        self.model.relabel()  # headers and enumeration labels follow the language
        self._update_status()

    # -- view state ------------------------------------------------------------------------

    def _restore_view(self) -> None:
        state = self.settings.get(f"{self.kind}/header")
        if state is not None:
            self.table.horizontalHeader().restoreState(state)
        else:
            for index, column in enumerate(self.spec.columns):
                self.table.setColumnWidth(index, column.width)
        saved = self.settings.get(f"{self.kind}/filters")
        if saved:
            with contextlib.suppress(TypeError, ValueError):
                self.filters.restore(json.loads(saved))

    def _save_view(self) -> None:
        self.settings.set(f"{self.kind}/header", self.table.horizontalHeader().saveState())

    def _filters_changed(self) -> None:
        self.settings.set(f"{self.kind}/filters", json.dumps(self.filters.state()))
        self.reload()

    # -- loading ---------------------------------------------------------------------------

    def query(self) -> Query:
        state = self.filters.state()
        date_from, date_to = period_range(state.pop("period"))
        current = self.model.query
        return Query(
            self.kind,
            self.search.text(),
            date_from,
            date_to,
            state,
            current.sort,
            current.descending,
        )

    def reload(self) -> None:
        selected = self._selected_id()
        self.model.reload(self.query())
        self._update_status()
        if selected is not None:  # the same record stays selected while it still matches
            ids = self.model.ids()
            if selected in ids:
                self._show_row(ids.index(selected))

    def refresh_options(self) -> None:
        self.filters.refresh_options()

    def _update_status(self) -> None:
        total = self.model.total()
        searching = bool(self.search.text().strip()) or self.filters.is_filtering()
        if total == 0:
            self.empty.setText(
                _("Nothing matches this search.") if searching else self._empty_text()
            )
            self.stack.setCurrentWidget(self.empty)
        else:
            self.stack.setCurrentWidget(self.table)
        self.count.setText(self.texts.count(total).format(count=_count(total)))
        for button in (self.edit_button, self.delete_button, self.history_button):
            button.setEnabled(total > 0)

    def _empty_text(self) -> str:
        if self.read_only:
            return _(
                "Nothing from the wards yet. Import the bundles they send in the Inbox; their "
                "records appear here."
            )
        if self.can_import:  # a ward's first records are often in a sheet already
            return " ".join((_(self.texts.empty), _(IMPORT_HINT)))
        return _(self.texts.empty)

    @property
    def can_import(self) -> bool:
        return not self.read_only and self.kind in IMPORTABLE

    def import_sheet(self) -> None:
        """The spreadsheet import assistant, opened by the window (which shows the list of what
        was imported afterwards)."""
        opener = getattr(self.window(), "import_sheet", None)
        if opener:
            opener(self.kind)

    def _selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            return rows[0].row()
        index = self.table.currentIndex()
        return index.row() if index.isValid() else None

    def _selected_id(self) -> int | None:
        row = self._selected_row()
        return self.model.ids()[row] if row is not None and row < self.model.total() else None

    def selected_uuid(self) -> str | None:
        row = self._selected_row()
        return self.model.uuid_at(row) if row is not None else None

    def _show_row(self, row: int) -> None:
        """Select a row of the list and scroll it into view, fetching it first if the view has
        not come that far."""
        while row >= self.model.rowCount() and self.model.canFetchMore():
            self.model.fetchMore()
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))

    def select(self, uuid: str) -> bool:
        """Select the record, wherever it is in the list; False when the list does not hold it
        (a search or a filter leaves it out). Found by its row ids, not by the rows read so far,
        which a reload empties."""
        wanted = row_ids(self.store, self.kind, uuid)
        row = next((row for row, i in enumerate(self.model.ids()) if i in wanted), None)
        if row is None:
            return False
        self._show_row(row)
        return True

    def reveal(self, uuid: str) -> bool:
        """After a save or an undo, or when another page opens a record: the list read again,
        the record selected and in view, the focus on the list (Enter edits it, Delete deletes
        it). A search or filter that hides the record is cleared: the officer is looking for it."""
        self.reload()
        found = self.select(uuid)
        if not found and self.search.text():
            self.search.clear()
            self._debounce.stop()  # read at once, not after the typing pause
            self.reload()
            found = self.select(uuid)
        if not found and self.filters.is_filtering():
            self.filters.clear()
            self._filters_changed()
            found = self.select(uuid)
        if found:
            self.table.setFocus()
        return found

    def show_ward(self, ward_code: str) -> None:
        """At a district: this ward's records only (the ward filter set), search cleared."""
        self.search.clear()
        self.filters.set_choice("ward", ward_code)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    # -- verbs -----------------------------------------------------------------------------

    def _enter(self) -> None:
        if self.search.hasFocus():
            self.go_to_first_result()
        else:
            self.edit()

    def go_to_first_result(self) -> None:
        """Enter in the search box: the first result selected, the focus on the list."""
        if self._debounce.isActive():  # Enter came before the typing pause: search now
            self._debounce.stop()
            self.reload()
        if self.model.total() == 0:
            return  # nothing to go to: the officer goes on typing
        self._show_row(0)
        self.table.setFocus()

    def create(self) -> None:
        dialog = RecordDialog(self.store, self.kind, parent=self)
        if dialog.exec() and dialog.saved:
            self.reveal(dialog.saved["uuid"])
            self._notify()

    def edit(self) -> None:
        uuid = self.selected_uuid()
        if not uuid:
            return
        if self.read_only:
            self.view(uuid)
            return
        record = svc.get(self.store, self.kind, uuid)
        dialog = RecordDialog(self.store, self.kind, record, parent=self)
        if dialog.exec() and dialog.saved:
            self.reveal(uuid)
            self._notify()

    def open_record(self, uuid: str) -> None:
        """Another page points at a record (the overview's “needs attention”): select it in
        the list and open it, as Enter on its row does."""
        if self.reveal(uuid):
            self.edit()

    def view(self, uuid: str) -> None:
        ward = ward_of(self.store, self.kind, uuid)
        record = svc.get(self.store, self.kind, uuid, ward_code=ward)
        names = dict(ward_choices(self.store))
        RecordDialog(
            self.store,
            self.kind,
            record,
            parent=self,
            read_only=True,
            ward_name=names.get(ward, ward),
        ).exec()

    def delete(self) -> None:
        uuid = self.selected_uuid()
        if self.read_only or not uuid:
            return
        record = svc.get(self.store, self.kind, uuid)
        name = record["data"][NAME_FIELD[self.kind]]
        question = _("Delete “{name}”? You can undo this.").format(name=name)
        # Say first what else the deletion changes: a team's leader, a case's mediator…
        warning = dependents_text(self.kind, dependents(self.store, self.kind, uuid))
        if not ask(
            self,
            _("Delete"),
            f"{warning}\n\n{question}" if warning else question,
            _("Delete"),
        ):
            return
        svc.delete(self.store, self.kind, uuid)
        self._undo_uuid, self._undo_name = uuid, name
        self._show_undo(True)
        self.reload()
        self._notify()

    def undo(self) -> None:
        if not self._undo_uuid:
            return
        svc.restore(self.store, self.kind, self._undo_uuid)
        uuid, self._undo_uuid = self._undo_uuid, None
        self._show_undo(False)
        self.reveal(uuid)
        self._notify()

    def eventFilter(self, watched, event) -> bool:
        # Ctrl+Z in the search box. The rule: while a delete can be undone, Ctrl+Z undoes it
        # wherever the focus is on this page, the search box included, where focus lands after
        # every page switch. The undo button beside the count names the deleted record, so
        # Ctrl+Z does what the page shows it will do; bringing a record back matters more than
        # a search's last keystrokes, which are quickly typed again (the box's context menu
        # still offers its own undo). Once the delete is undone, Ctrl+Z there is the box's own.
        # Left unaccepted, the shortcut override lets the page's Undo action take the key.
        if (
            watched is self.search
            and self._undo_uuid
            and event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress)
            and event.matches(QKeySequence.StandardKey.Undo)
        ):
            if event.type() == QEvent.Type.KeyPress:  # the action did not take it after all
                self.undo()
            return True
        return super().eventFilter(watched, event)

    def _notify(self) -> None:
        """Tell the main window (if any) that this kind changed, so pickers elsewhere follow."""
        records_changed = getattr(self.window(), "records_changed", None)
        if records_changed:
            records_changed(self.kind)

    def _show_undo(self, visible: bool) -> None:
        """The notice of the last delete, and the button that names what it brings back."""
        # A long title is cut on the page, which must not grow with it, and whole in the tips.
        # The button alone names it (a notice beside it repeating the name made the page wider
        # than a 1366-pixel screen); the whole name and what happened are in its tip.
        name, short = self._undo_name, _short(self._undo_name)
        self.undo_button.setText(_(self.texts.undo).format(name=short) + "  (Ctrl+Z)")
        self.undo_button.setToolTip(
            _(self.texts.deleted).format(name=name) + "\n" + _(self.texts.undo).format(name=name)
        )
        self.undo_button.setVisible(visible)

    PRINT_LIMIT = 5_000

    def list_html(self) -> str:
        """The list as it stands (search and filters applied), as an HTML table to print."""
        from html import escape

        from app.services.listing import list_rows

        spec = self.spec
        ids = self.model.ids()[: self.PRINT_LIMIT]
        rows = list_rows(self.store, self.kind, ids)
        head = "".join(f"<th>{escape(_(c.label))}</th>" for c in spec.columns)
        body = "".join(
            "<tr>"
            + "".join(
                f"<td>{escape(display(c.type, rows[i][n + 1]))}</td>"
                for n, c in enumerate(spec.columns)
            )
            + "</tr>"
            for i in ids
            if i in rows
        )
        unit = self.store.installation["unit_name"]
        more = self.model.total() - len(ids)
        note = ""
        if more > 0:  # the message outside the f-string, where the catalog extractor sees it
            left_out = _("… and {count} more not printed.").format(count=format_number(more))
            note = f"<p>{escape(left_out)}</p>"
        return (
            f"<p>{escape(unit)}</p><h3>{escape(_(self.texts.title))}</h3>"
            f"<p>{escape(self.count.text())}</p>"
            f"<table border='1' cellspacing='0' cellpadding='3'><tr>{head}</tr>{body}</table>{note}"
        )

    def print_list(self) -> None:
        from PySide6.QtGui import QPageLayout, QTextDocument
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

        document = QTextDocument(self)
        document.setHtml(self.list_html())
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageOrientation(QPageLayout.Orientation.Landscape)
        preview = QPrintPreviewDialog(printer, self)
        preview.setWindowTitle(_("Print"))
        preview.paintRequested.connect(document.print_)
        preview.exec()

    def history(self) -> None:
        uuid = self.selected_uuid()
        if uuid:
            HistoryDialog(self.store, self.kind, uuid, self).exec()
