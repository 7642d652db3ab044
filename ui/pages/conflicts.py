"""Xung đột, at the district: the queue of records whose two versions cannot be ordered by
revision (design.md §2), both versions side by side, and a person's decision — which to keep,
and why — recorded by `resolve_conflict`. Decided conflicts stay listed as history."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import TiepCanError
from app.i18n import format_number
from app.services.kinds import KINDS
from app.sync.conflicts import conflict_queue, conflict_versions, resolve_conflict
from ui.dialogs.history import _when
from ui.errors import show_problem
from ui.pages.conflict_queue import ConflictQueueModel
from ui.pages.conflict_versions import VersionsView
from ui.pages.parts import heading, page_column, tab_chain
from ui.strings import _, ask

FILTERS = ("open", "all")


class ConflictsPage(QWidget):
    def __init__(self, store, settings, window):
        super().__init__(window)
        self.store = store
        self.settings = settings
        self.window_ = window
        self.versions: dict | None = None  # of the conflict shown
        self._any = False  # whether any conflict, open or settled, exists
        self._loading = False  # a refresh shows the conflict itself, once
        self._build()
        self.retranslate()

    # -- building --------------------------------------------------------------------------

    def _build(self) -> None:
        layout = page_column(self)
        self.heading = heading(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.intro.setProperty("role", "hint")
        filters = QHBoxLayout()
        self.filter_label = QLabel(self)
        self.filter = QComboBox(self)
        self.filter.addItems(["", ""])
        self.filter_label.setBuddy(self.filter)
        saved = self.settings.get("conflicts/filter", "open")
        self.filter.setCurrentIndex(FILTERS.index(saved) if saved in FILTERS else 0)
        self.filter.currentIndexChanged.connect(self._filter_changed)
        self.count = QLabel(self)
        self.count.setProperty("role", "hint")
        filters.addWidget(self.filter_label)
        filters.addWidget(self.filter)
        filters.addStretch(1)
        filters.addWidget(self.count)
        self.filter_row = QWidget(self)
        self.filter_row.setLayout(filters)
        filters.setContentsMargins(0, 0, 0, 0)

        self.model = ConflictQueueModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab goes on to the reason, not the next cell
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((180, 210, 320, 100)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

        self.versions_box = QGroupBox(self)
        versions_layout = QVBoxLayout(self.versions_box)
        self.versions_note = QLabel(self.versions_box)
        self.versions_note.setWordWrap(True)
        self.versions_note.setProperty("role", "hint")
        self.comparison = VersionsView(self.versions_box)
        self.only_differing = QCheckBox(self.versions_box)
        self.only_differing.toggled.connect(self.comparison.show_only_differing)
        note_row = QHBoxLayout()
        note_row.addWidget(self.versions_note, 1)
        note_row.addWidget(self.only_differing)
        versions_layout.addLayout(note_row)
        versions_layout.addWidget(self.comparison, 1)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.table)
        splitter.addWidget(self.versions_box)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)

        body = QWidget(self)
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(16)
        column.addWidget(splitter, 1)
        column.addWidget(self._decision_box(body))

        self.empty = QLabel(self)
        self.empty.setProperty("role", "empty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(body)
        self.stack.addWidget(self.empty)

        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addWidget(self.filter_row)
        layout.addWidget(self.stack, 1)
        tab_chain(
            self.filter,
            self.table,
            self.reason,
            self.keep_stored,
            self.keep_incoming,
            self.only_differing,
            self.comparison,
        )

    def _decision_box(self, parent) -> QGroupBox:
        self.decision_box = QGroupBox(parent)
        self.decision_stack = QStackedWidget(self.decision_box)
        form = QWidget(self.decision_stack)
        rows = QVBoxLayout(form)
        rows.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.reason_label = QLabel(form)
        self.reason = QLineEdit(form)
        self.reason.setMaxLength(500)
        self.reason.textChanged.connect(lambda _text: self.error.hide())
        self.reason_label.setBuddy(self.reason)
        self.keep_stored = QPushButton(form)
        self.keep_incoming = QPushButton(form)
        for button in (self.keep_stored, self.keep_incoming):
            button.setAutoDefault(False)  # Enter in the reason never decides by itself
        self.keep_stored.clicked.connect(lambda: self.decide("stored"))
        self.keep_incoming.clicked.connect(lambda: self.decide("incoming"))
        row.addWidget(self.reason_label)
        row.addWidget(self.reason, 1)
        row.addSpacing(8)
        row.addWidget(self.keep_stored)
        row.addWidget(self.keep_incoming)
        self.error = QLabel(form)
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()
        rows.addLayout(row)
        rows.addWidget(self.error)
        self.decided = QLabel(self.decision_stack)
        self.decided.setWordWrap(True)
        self.decided.setTextFormat(Qt.TextFormat.PlainText)  # a reason may hold "<"
        self.decided.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.decision_stack.addWidget(form)
        self.decision_stack.addWidget(self.decided)
        self.done = QLabel(self.decision_box)
        self.done.setWordWrap(True)
        self.done.setProperty("role", "hint")
        self.done.hide()
        layout = QVBoxLayout(self.decision_box)
        layout.addWidget(self.decision_stack)
        layout.addWidget(self.done)
        return self.decision_box

    def retranslate(self) -> None:
        self.heading.setText(_("Conflicts"))
        self.intro.setText(
            _(
                "A conflict is two versions of a ward's record that cannot be put in order: the stored one stays in use until you decide which to keep."
            )
        )
        self.filter_label.setText(_("Sho&w:"))
        self.filter.setItemText(0, _("Open conflicts"))
        self.filter.setItemText(1, _("All conflicts, with the decisions taken"))
        self.versions_box.setTitle(_("The two versions"))
        self.only_differing.setText(_("Only the fields that &differ"))
        self.decision_box.setTitle(_("Decision"))
        self.reason_label.setText(_("&Reason:"))
        self.reason.setPlaceholderText(
            _("Why this version — e.g. confirmed by phone with the ward officer")
        )
        self.keep_stored.setText(_("Keep &stored"))
        self.keep_incoming.setText(_("Keep &incoming"))
        self.comparison.retranslate()
        self.model.relabel()
        self.refresh()

    # -- loading ---------------------------------------------------------------------------

    def refresh(self, select_id: int | None = None) -> None:
        """Read the queue again; the conflict shown stays shown (or `select_id` is shown)."""
        current = self.current()
        if select_id is None and current is not None:
            select_id = current["id"]
        open_only = FILTERS[self.filter.currentIndex()] == "open"
        conflicts = conflict_queue(self.store)
        self._any = bool(conflicts)
        shown = [c for c in conflicts if c["status"] == "open" or not open_only]
        self._loading = True
        try:
            self.model.set_conflicts(shown)
            row = self.model.row_of(select_id) if select_id is not None else None
            if shown:
                self.table.setCurrentIndex(self.model.index(row or 0, 0))
        finally:
            self._loading = False
        waiting = sum(1 for c in conflicts if c["status"] == "open")
        self.count.setText(_("{count} waiting for a decision").format(count=format_number(waiting)))
        self.filter_row.setVisible(self._any)
        if not shown:
            self.empty.setText(
                _(
                    "No conflict to settle. A conflict appears when a ward sends an older copy of a record edited since — for example after restoring a backup."
                )
                if not self._any
                else _(
                    "No conflict left to settle. Choose “All conflicts” above to see the decisions taken."
                )
            )
            self.stack.setCurrentWidget(self.empty)
            self._show()
            return
        self.stack.setCurrentIndex(0)
        self._show()

    def _current_changed(self, _current, _previous) -> None:
        if not self._loading:
            self._show()

    def focus_search(self) -> None:
        """The page was opened: the queue takes the keyboard (Up/Down, then Tab to the reason)."""
        self.table.setFocus()

    def _filter_changed(self, index: int) -> None:
        self.settings.set("conflicts/filter", FILTERS[index])
        self.refresh()

    def current(self) -> dict | None:
        index = self.table.currentIndex()
        return self.model.conflict_at(index.row()) if index.isValid() else None

    # -- one conflict ----------------------------------------------------------------------

    def _show(self) -> None:
        conflict = self.current()
        if self.versions is None or conflict is None or conflict["id"] != self._shown_id():
            self.reason.clear()  # a reason belongs to the conflict it was written for
            self.error.hide()
        if conflict is None:
            self.versions = None
            self.comparison.clear_versions()
            return
        try:
            self.versions = conflict_versions(self.store, conflict["id"])
        except TiepCanError as error:
            show_problem(self, error)
            return
        self.comparison.show_versions(self.versions)
        held = self.versions["stored"]["data"] is not None
        self.versions_note.setText(
            _("Fields that differ are in bold.")
            if held
            else _(
                "The stored version's fields are no longer kept: another version has replaced it since."
            )
        )
        if conflict["status"] == "open":
            self.decision_stack.setCurrentIndex(0)
            return
        who = {"when": _when(conflict["decided_at"] or ""), "who": conflict["decided_by"] or ""}
        settled = (
            _("Settled on {when} by {who}: the stored version was kept.")
            if conflict["kept"] == "stored"
            else _("Settled on {when} by {who}: the incoming version was kept.")
        )
        reason = _("Reason: {reason}").format(reason=conflict["reason"] or "")
        self.decided.setText(settled.format(**who) + "\n" + reason)
        self.decision_stack.setCurrentIndex(1)

    def _shown_id(self) -> int | None:
        return self.versions["conflict"]["id"] if self.versions else None

    # -- deciding --------------------------------------------------------------------------

    def decide(self, keep: str) -> None:
        conflict = self.current()
        if conflict is None or conflict["status"] != "open" or self.versions is None:
            return
        reason = " ".join(self.reason.text().split())
        if not reason:
            self.error.setText(
                _("Write why you keep this version first: the reason is kept with the decision.")
            )
            self.error.show()
            self.reason.setFocus()
            return
        yes = _("Keep the stored version") if keep == "stored" else _("Keep the incoming version")
        if not ask(self, _("Settle the conflict"), self._consequence(keep), yes):
            return
        try:
            resolve_conflict(self.store, conflict["id"], keep, reason)
        except TiepCanError as error:
            show_problem(self, error)
            self.refresh()
            return
        self.done.setText(
            _("“{title}” settled: the stored version stays.").format(title=conflict["title"])
            if keep == "stored"
            else _("“{title}” settled: the incoming version is now in use.").format(
                title=conflict["title"]
            )
        )
        self.done.show()
        self.reason.clear()
        records_changed = getattr(self.window(), "records_changed", None)
        if records_changed and keep == "incoming":  # the merged lists show the version kept
            records_changed("conflicts")
        self.refresh(select_id=self._next_open(conflict["id"]))
        self.table.setFocus()

    def _next_open(self, settled_id: int) -> int:
        """The open conflict after the one settled, else the first open one; with none left,
        the one settled (listed when all are shown, its decision in view)."""
        waiting = [c["id"] for c in self.model.conflicts if c["status"] == "open"]
        later = [i for i in waiting if i > settled_id]
        others = [i for i in waiting if i != settled_id]
        return (later or others or [settled_id])[0]

    def _consequence(self, keep: str) -> str:
        """What the decision changes, in plain sentences, for the confirmation."""
        conflict, versions = self.current(), self.versions
        record = {
            "kind": _(KINDS[conflict["kind"]].label),
            "title": conflict["title"],
            "ward": conflict["ward_name"],
        }
        if keep == "stored":
            return _(
                "The {kind} “{title}” of {ward} keeps its stored version: no record changes. The incoming version is set aside; your decision and its reason are recorded."
            ).format(**record)
        sentences = [
            _(
                "The {kind} “{title}” of {ward} will take the incoming version in place of the stored one."
            ).format(**record)
        ]
        labels = {spec.name: _(spec.label) for spec in KINDS[conflict["kind"]].fields}
        changed = [labels[name] for name in versions["differing"]]
        if changed:
            sentences.append(_("Changed: {fields}.").format(fields=", ".join(changed)))
        stored, incoming = versions["stored"]["deleted"], versions["incoming"]["deleted"]
        if incoming and not stored:
            sentences.append(_("The record will be marked deleted."))
        elif stored and not incoming:
            sentences.append(_("The record will no longer be marked deleted."))
        sentences.append(
            _("The stored version is not kept; your decision and its reason are recorded.")
        )
        return " ".join(sentences)
