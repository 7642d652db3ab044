"""What leaves the ward: for any mediation case, each of its texts as the ward holds it beside
the text the district receives (names as initials, long numbers as "…", or nothing at all when
the ward withholds case texts)."""

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.services import records as svc
from app.services.preferences import get_settings
from app.sync.outgoing import WITHHOLD_SETTING, case_preview
from app.text import display_date
from ui.strings import _, label_buttons

LISTED = 200  # cases in the list at once; the search finds the others
UUID = Qt.ItemDataRole.UserRole


def _text_label(text: str, parent, role: str = "") -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)  # a title may hold "<": never markup
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if role:
        label.setProperty("role", role)
    return label


def _column_label(text: str, parent, role: str = "") -> QLabel:
    """A cell of the two compared columns: the columns share the width equally, whatever the
    length of their texts."""
    label = _text_label(text, parent, role)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    return label


class OutgoingPreviewDialog(QDialog):
    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.shown_uuid: str | None = None
        # field → (held label, sent label) of the case shown, for the tests and screen readers
        self.cells: dict[str, tuple[QLabel, QLabel]] = {}

        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.withheld_note = QLabel(self)
        self.withheld_note.setWordWrap(True)
        self.withheld_note.setProperty("role", "hint")

        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.installEventFilter(self)
        self._debounce = QTimer(self, singleShot=True, interval=120)
        self._debounce.timeout.connect(self.reload)
        self.search.textChanged.connect(self._debounce.start)
        self.cases = QListWidget(self)
        # Whole titles, wrapped: a list too narrow for them never scrolls sideways.
        self.cases.setWordWrap(True)
        self.cases.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.cases.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.cases.setSpacing(2)
        self.cases.currentItemChanged.connect(lambda item, _old: self._show(item))
        self.more = QLabel(self)
        self.more.setWordWrap(True)
        self.more.setProperty("role", "hint")
        left = QVBoxLayout()
        left.setSpacing(8)
        left.addWidget(self.search)
        left.addWidget(self.cases, 1)
        left.addWidget(self.more)

        self.placeholder = QLabel(self)
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setProperty("role", "empty")
        self.comparison = QScrollArea(self)
        self.comparison.setWidgetResizable(True)
        self.comparison.setFrameShape(QFrame.Shape.NoFrame)
        self.comparison.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.right = QStackedWidget(self)
        self.right.addWidget(self.placeholder)
        self.right.addWidget(self.comparison)

        body = QWidget(self)
        columns = QHBoxLayout(body)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.setSpacing(18)
        columns.addLayout(left, 1)
        columns.addWidget(self.right, 2)
        self.empty = QLabel(self)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setProperty("role", "empty")
        self.stack = QStackedWidget(self)
        self.stack.addWidget(body)
        self.stack.addWidget(self.empty)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAutoDefault(False)  # Enter picks a case; it never closes the dialog
        close.setDefault(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(12)
        layout.addWidget(self.intro)
        layout.addWidget(self.withheld_note)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.buttons)
        self._fit_to_screen()
        self.retranslate()
        self.reload()
        self.search.setFocus()

    def _fit_to_screen(self) -> None:
        width, height = 1000, 620
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            width, height = min(width, screen.width() - 40), min(height, screen.height() - 60)
        self.resize(width, height)

    def retranslate(self) -> None:
        self.setWindowTitle(_("What leaves the ward"))
        self.intro.setText(
            _(
                "Choose a case to see its texts as the ward keeps them and as the district receives them. Before a bundle leaves, names of parties and invited persons become initials, and runs of nine or more digits (phone or identity numbers) become “…”."
            )
        )
        self.search.setPlaceholderText(_("Search cases — type without diacritics"))
        self.empty.setText(_("No mediation cases yet: record one in “Mediation cases” first."))
        label_buttons(self.buttons)
        withheld = bool(get_settings(self.store, WITHHOLD_SETTING)[WITHHOLD_SETTING])
        self.withheld_note.setText(
            _(
                "Case texts are not sent (see “Do not send case texts” on the Send data page): titles go as “Vụ việc số N”, with no narrative."
            )
        )
        self.withheld_note.setVisible(withheld)
        if self.shown_uuid:
            self._show(self.cases.currentItem())

    # -- the list --------------------------------------------------------------------------

    def reload(self) -> None:
        """The cases matching the search, newest first; the case shown stays shown if it still
        matches, else the first match is shown."""
        query = self.search.text()
        rows = svc.list_records(self.store, "cases", search=query, limit=LISTED)
        if not rows and not query.strip():
            self.stack.setCurrentWidget(self.empty)
            return
        self.stack.setCurrentIndex(0)
        keep = self.shown_uuid
        self.cases.blockSignals(True)
        self.cases.clear()
        current = None
        for row in rows:
            data = row["data"]
            date = display_date(data.get("received_on"))
            title = data.get("title") or ""
            item = QListWidgetItem(f"{date} — {title}" if date else title, self.cases)
            item.setData(UUID, row["uuid"])
            item.setToolTip(title)
            if row["uuid"] == keep:
                current = item
        self.cases.blockSignals(False)
        self.more.setText(
            _("Only the first {count} cases are listed: type to find others.").format(count=LISTED)
            if len(rows) >= LISTED
            else ""
        )
        self.more.setVisible(len(rows) >= LISTED)
        if current is None and rows:
            current = self.cases.item(0)
        if current is None:
            self.shown_uuid = None
            self.cases.setCurrentItem(None)
            self.placeholder.setText(_("No case matches “{text}”.").format(text=query.strip()))
            self.right.setCurrentWidget(self.placeholder)
            return
        self.cases.setCurrentItem(current)  # shows it (the list was refilled: a new item)

    def eventFilter(self, watched, event) -> bool:
        # Down (or Page Down) in the search box goes on to the list, as in a completer.
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_PageDown)
            and self.cases.count()
        ):
            self.cases.setFocus()
            if self.cases.currentRow() < 0:
                self.cases.setCurrentRow(0)
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            # In the search box or the list: show the chosen (or first) case, stay open.
            if self.cases.currentItem() is None and self.cases.count():
                self.cases.setCurrentRow(0)
            elif self.cases.currentItem() is not None:
                self._show(self.cases.currentItem())
            event.accept()
            return
        super().keyPressEvent(event)

    # -- one case --------------------------------------------------------------------------

    def _show(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        uuid = item.data(UUID)
        pairs = case_preview(self.store, uuid)
        page = QWidget(self.comparison)
        grid = QGridLayout(page)
        grid.setContentsMargins(0, 0, 8, 0)
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(12)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        for column, caption in ((1, _("At the ward")), (2, _("Sent to the district"))):
            header = _column_label(caption, page)
            font = header.font()
            font.setBold(True)
            header.setFont(font)
            grid.addWidget(header, 0, column)
        line = QFrame(page)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        grid.addWidget(line, 1, 0, 1, 3)
        self.cells = {}
        row, previous = 2, None
        for pair in pairs:
            if not pair.held and not pair.sent:
                continue
            caption = _(pair.label) if pair.label != previous else ""  # "Parties" once
            previous = pair.label
            grid.addWidget(_text_label(caption, page, "hint"), row, 0)
            held = _column_label(pair.held or "—", page)
            sent = (
                _column_label(pair.sent, page)
                if pair.sent
                else _column_label(_("(not sent)"), page, "hint")
            )
            grid.addWidget(held, row, 1)
            grid.addWidget(sent, row, 2)
            self.cells[pair.field] = (held, sent)
            row += 1
        grid.setRowStretch(row, 1)
        self.comparison.setWidget(page)  # the previous case's page is deleted
        self.right.setCurrentWidget(self.comparison)
        self.shown_uuid = uuid
