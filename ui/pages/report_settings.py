"""The report settings below the Reports page: where and by whom a report is signed, the
district's parent body and the unit a form goes to, the cut-off of the preliminary annual
report, the legal-access denominator and thresholds, and at a ward, while the logbook is the
report chosen, a team's logbooks: the books it kept (each with the days it was opened and
closed), a new book to open and a book entered by mistake to delete, first in the box. A box
that folds away behind its toggle, whose Alt letter opens it with the focus inside; saving
tells the page to recompute what it shows."""

import re
from datetime import date
from itertools import pairwise

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import current_language
from app.reports import logbook
from app.reports.definitions import all_definitions
from app.reports.heading import default_parent, numbered_forms, trusted_district_name
from app.services import records
from app.services.preferences import get_settings, put_settings
from app.text import display_date
from ui.pages.filters import shrinkable
from ui.strings import N_, _, ask

CUTOFFS = (("10-31", N_("31 October")), ("11-30", N_("30 November")))
DENOMINATORS = (
    ("concluded", N_("Concluded cases (successful and unsuccessful)")),
    ("received", N_("All cases received")),
)
THRESHOLDS = (
    ("legal_access.threshold.success_rate", N_("Threshold: successful mediations (%)")),
    ("legal_access.threshold.timely_start", N_("Threshold: mediations started on time (%)")),
    ("legal_access.threshold.team_composition", N_("Threshold: teams fully staffed (%)")),
    (
        "legal_access.threshold.propagandists_trained",
        N_("Threshold: propagandists trained (%)"),
    ),
)


def _fill(combo: QComboBox, items) -> None:
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for data, label in items:
        combo.addItem(label, data)
    combo.setCurrentIndex(max(combo.findData(current), 0))
    combo.blockSignals(False)


class PaneToggle(QToolButton):
    """The button that folds the settings away. Its Alt letter never folds them: pressed, it
    opens the pane if folded and says `summoned`, for the focus to go inside."""

    summoned = Signal()

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.Shortcut:
            self.setChecked(True)
            self.summoned.emit()
            return True
        return super().event(event)


class ReportSettingsBox(QGroupBox):
    """The settings form. `toggle` is the button that shows and hides it; the page places both.
    `saved` is emitted once the settings are stored."""

    saved = Signal()

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.toggle = PaneToggle(parent)
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.toggled.connect(self._toggled)
        self.toggle.summoned.connect(self.focus_first)

        self.form = form = QFormLayout(self)
        self._build_books(form)
        self.place = QLineEdit(self)
        self.signer_title = QPlainTextEdit(self)
        self.signer_title.setTabChangesFocus(True)
        self.signer_title.setFixedHeight(self.fontMetrics().height() * 3 + 14)
        self.signer_name = QLineEdit(self)
        self.parent_body = QLineEdit(self)
        self.receiving_unit = QLineEdit(self)
        self.cutoff = QComboBox(self)
        self.denominator = shrinkable(QComboBox(self), 20)
        # "Biểu số …" of each numbered form, as the receiving unit prescribes it (the 2025
        # forms' numbers are not shipped: domain.md §6); blank prints dots for the pen.
        self.form_numbers = {
            key: QLineEdit(self)
            for key, _title in numbered_forms(all_definitions().values(), current_language())
        }
        self.thresholds = {key: QLineEdit(self) for key, _label in THRESHOLDS}
        for field in self.thresholds.values():
            field.setMaximumWidth(90)
            field.returnPressed.connect(self.save)
        for field in (
            self.place,
            self.signer_name,
            self.parent_body,
            self.receiving_unit,
            *self.form_numbers.values(),
        ):
            field.returnPressed.connect(self.save)
        fields = [
            self.place,
            self.signer_title,
            self.signer_name,
            self.parent_body,
            self.receiving_unit,
            *self.form_numbers.values(),
            self.cutoff,
            self.denominator,
            *self.thresholds.values(),
        ]
        self.labels = [QLabel(self) for _ in fields]
        for label, field in zip(self.labels, fields, strict=True):
            label.setBuddy(field)
            form.addRow(label, field)
        # A ward has no parent body above its People's Committee.
        form.setRowVisible(self.parent_body, store.role == "district")
        self.books: dict[str, object] = {}  # the logbook settings as loaded
        row = QHBoxLayout()
        self.save_button = QPushButton(self)
        self.save_button.clicked.connect(self.save)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        row.addWidget(self.save_button)
        row.addWidget(self.note, 1)
        form.addRow(row)
        # Tab goes down the box as it reads: the books first, the save button last.
        self.tab_chain = [
            self.book_team,
            self.book_list,
            self.delete_book_button,
            self.book_number,
            self.book_opened,
            self.open_book_button,
            *fields,
            self.save_button,
        ]
        for before, after in pairwise(self.tab_chain):
            QWidget.setTabOrder(before, after)
        self.logbook_chosen = True  # shown on its own, the box has no report to follow
        self._show_book_rows()
        self.hide()

    def _build_books(self, form: QFormLayout) -> None:
        """A team's logbooks (a ward's), on the box's first rows: the team, the books it kept,
        and a new book's number and opening day."""
        self.book_team = shrinkable(QComboBox(self), 20)
        self.book_team.currentIndexChanged.connect(lambda _index: self._show_books())
        self.book_list = QListWidget(self)  # read-only: a book is opened or deleted below
        self.book_list.setMaximumHeight(self.fontMetrics().height() * 4 + 8)
        self.book_list.currentItemChanged.connect(self._update_delete)
        self.delete_book_button = QPushButton(self)
        self.delete_book_button.setAutoDefault(True)  # Enter on it deletes, as Space does
        self.delete_book_button.clicked.connect(self.delete_book)
        delete = QShortcut(QKeySequence.StandardKey.Delete, self.book_list, self.delete_book)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)  # only while the list has the focus
        self.book_number = QLineEdit(self)
        self.book_number.setMaximumWidth(140)
        self.book_opened = QLineEdit(self)
        self.book_opened.setMaximumWidth(140)
        self.open_book_button = QPushButton(self)
        self.open_book_button.setAutoDefault(True)
        self.open_book_button.clicked.connect(self.open_book)
        for field in (self.book_number, self.book_opened):
            field.returnPressed.connect(self.open_book)
        self.book_hint = QLabel(self)
        self.book_hint.setProperty("role", "hint")
        self.book_hint.setWordWrap(True)

        books = QHBoxLayout()
        books.addWidget(self.book_list, 1)
        side = QVBoxLayout()
        side.addWidget(self.delete_book_button)
        side.addStretch(1)
        books.addLayout(side)
        opening = QVBoxLayout()
        day_row = QHBoxLayout()
        day_row.addWidget(self.book_opened)
        day_row.addWidget(self.open_book_button)
        day_row.addStretch(1)
        opening.addLayout(day_row)
        opening.addWidget(self.book_hint)  # under the day it is about
        self.book_labels = [QLabel(self) for _ in range(4)]
        for label, field in zip(
            self.book_labels,
            (self.book_team, self.book_list, self.book_number, self.book_opened),
            strict=True,
        ):
            label.setBuddy(field)
        team_label, list_label, number_label, opened_label = self.book_labels
        form.addRow(team_label, self.book_team)
        form.addRow(list_label, books)
        form.addRow(number_label, self.book_number)
        form.addRow(opened_label, opening)
        self.book_rows = range(4)

    def _show_book_rows(self) -> None:
        # A district keeps no logbook; a ward's books show while the logbook is the report.
        shown = self.store.role == "ward" and self.logbook_chosen
        for row in self.book_rows:
            self.form.setRowVisible(row, shown)

    def follow_report(self, logbook_chosen: bool, team: str | None) -> None:
        """The page's report and team: the books show (first) only for the logbook, those of
        the team chosen on the page, if one is."""
        self.logbook_chosen = logbook_chosen
        self._show_book_rows()
        index = self.book_team.findData(team) if team else -1
        if index >= 0:
            self.book_team.setCurrentIndex(index)

    def focus_first(self) -> None:
        """The focus on the box's first field: the team's books, when they show."""
        first = self.book_team if self.book_team.isVisibleTo(self) else self.place
        first.setFocus()

    def _toggled(self, shown: bool) -> None:
        self.setVisible(shown)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        if shown:
            self.focus_first()

    def retranslate(self) -> None:
        # The toggle names the box; a title on the box as well would say it twice.
        self.toggle.setText(_("Report &settings"))
        for label, caption in zip(
            self.book_labels,
            (
                _("Logbook of the team"),
                _("The team's books"),
                _("Book number (“Quyển số”)"),
                _("Book opened on"),
            ),
            strict=True,
        ):
            label.setText(caption)
        captions = (
            _("Place (as in “Cầu Giấy, ngày … tháng … năm …”)"),
            _("Signer's title"),
            _("Signer's name"),
            _("Parent body (above the office's name)"),
            _("Receiving unit (“Đơn vị nhận báo cáo”)"),
            *(
                _("Form number (“Biểu số”): {form}").format(form=title)
                for _key, title in numbered_forms(all_definitions().values(), current_language())
            ),
            _("Preliminary annual report: actual data up to"),
            _("Successful-mediation rate: divide by"),
            *(_(label) for _key, label in THRESHOLDS),
        )
        for label, caption in zip(self.labels, captions, strict=True):
            label.setText(caption)
        self.place.setPlaceholderText(_("Blank: the ward's name"))
        for field in self.form_numbers.values():
            field.setPlaceholderText(_("Blank: dots, to write in by hand"))
            field.setToolTip(
                _(
                    "The number the receiving unit gives this form, e.g. 10a/TP/HGCS. "
                    "It is printed in “Biểu số …” at the top of the form."
                )
            )
        self.book_opened.setPlaceholderText(_("dd/mm/yyyy"))
        self.book_number.setToolTip(
            _(
                "A team's book runs from the day it was opened until its next book is opened; "
                "cases are numbered on from the book's earlier cases. A team with no book "
                "recorded keeps one book a calendar year."
            )
        )
        self.open_book_button.setText(_("Open a new book"))
        self.delete_book_button.setText(_("Delete"))
        self.delete_book_button.setToolTip(_("Delete the chosen book, entered by mistake (Delete)"))
        _say(self.book_hint, "hint", book_hint_text())
        for field in self.thresholds.values():
            field.setPlaceholderText(_("not set"))
            field.setToolTip(_("A percent from 0 to 100. Leave blank for no pass or fail mark."))
        self.save_button.setText(_("Save report settings"))
        _fill(self.cutoff, [(code, _(label)) for code, label in CUTOFFS])
        _fill(self.denominator, [(code, _(label)) for code, label in DENOMINATORS])
        self.load()

    def load(self) -> None:
        """Show the stored settings."""
        values = get_settings(self.store, "")
        self.place.setText(str(values.get("reports.place") or ""))
        self.signer_title.setPlainText(str(values.get("reports.signer_title") or ""))
        self.signer_name.setText(str(values.get("reports.signer_name") or ""))
        self.parent_body.setText(str(values.get("reports.parent_body") or ""))
        self.receiving_unit.setText(str(values.get("reports.receiving_unit") or ""))
        for key, field in self.form_numbers.items():
            field.setText(str(values.get(key) or ""))
        self._show_defaults()
        self.books = {
            key: value for key, value in values.items() if key.startswith(logbook.SETTING)
        }
        self.load_teams()
        self.cutoff.setCurrentIndex(max(self.cutoff.findData(values["reports.annual_cutoff"]), 0))
        self.denominator.setCurrentIndex(
            max(self.denominator.findData(values["legal_access.success_denominator"]), 0)
        )
        for key, field in self.thresholds.items():
            value = values.get(key)
            field.setText("" if value is None else f"{value:g}".replace(".", ","))

    def _show_defaults(self) -> None:
        """What a blank parent body or receiving unit prints, as the fields' placeholders."""
        with self.store.read() as connection:
            parent = default_parent(connection, self.store, current_language())
            receiving = trusted_district_name(connection, self.store)
        self.parent_body.setPlaceholderText(_("Blank: {default}").format(default=parent))
        self.receiving_unit.setPlaceholderText(
            _("Blank: {default}").format(default=receiving)
            if receiving
            else _("Blank: left for the pen")
        )

    def load_teams(self) -> None:
        """The ward's teams to choose from (again, when a team was added or renamed)."""
        if self.store.role != "ward":
            return
        teams = records.list_records(self.store, "teams", limit=10_000)
        _fill(self.book_team, [(team["uuid"], team["data"]["name"]) for team in teams])
        self._show_books()

    def _show_books(self, chosen: date | None = None) -> None:
        """The chosen team's books, oldest first, the one opened on `chosen` (else the one in
        use) current; each item holds its opening day if it was recorded (it can be deleted)."""
        self.book_list.clear()
        team = self.book_team.currentData()
        if team:
            recorded = logbook.recorded_books(self.books, team)
            with self.store.read() as connection:
                facts = logbook.team_facts(connection, self.store.unit_code, team)
            today = date.today()
            for book in logbook.team_books(recorded, facts, today):
                item = QListWidgetItem(_book_line(book, facts, today), self.book_list)
                item.setData(Qt.ItemDataRole.UserRole, book.opened_on if book.number else None)
                if book.opened_on == chosen or (chosen is None and book.opened_on <= today):
                    self.book_list.setCurrentItem(item)
        self._update_delete()

    def _update_delete(self, *_args) -> None:
        item = self.book_list.currentItem()
        self.delete_book_button.setEnabled(
            item is not None and item.data(Qt.ItemDataRole.UserRole) is not None
        )

    def _typed_book(self) -> tuple[str, date] | None:
        """The new book typed for the chosen team, (number, opening day); None if nothing is
        typed. Raises BookRefused for a book with no number or a day that is not a date."""
        number, typed = self.book_number.text().strip(), self.book_opened.text().strip()
        if not self.book_team.currentData() or not (number or typed):
            return None
        if not number:
            raise BookRefused(_("Type the new book's number (“Quyển số”)."), self.book_number)
        try:
            return number, _parse_day(typed)
        except ValueError:
            raise BookRefused(
                _("Book opened on: write a date as dd/mm/yyyy."), self.book_opened
            ) from None

    def _books_with(self, number: str, opened: date) -> dict:
        """The setting of the chosen team's books with one opened on `opened` recorded."""
        team = self.book_team.currentData()
        return {logbook.SETTING + team: logbook.put_book(self.books, team, number, opened)}

    def _refuse(self, refusal: "BookRefused") -> None:
        # Said under the book's fields as well: the box's note, beside Save, is scrolled out of
        # view while the officer types a book at the top of the box.
        self._note("error", refusal.message)
        _say(self.book_hint, "error", refusal.message)
        refusal.field.setFocus()
        refusal.field.selectAll()

    def _books_stored(self, values: dict, chosen: date | None) -> None:
        """The team's books just stored: shown, `chosen` current, the new book's fields
        cleared for the next one."""
        _say(self.book_hint, "hint", book_hint_text())
        self.books.update(values)
        self.book_number.clear()
        self.book_opened.clear()
        self._show_books(chosen)

    def open_book(self) -> None:
        """Open a new book (Open a new book, or Enter in its number or day): stored at once;
        the book before it closes the day before."""
        try:
            typed = self._typed_book()
            if typed is None:
                raise BookRefused(_("Type the new book's number (“Quyển số”)."), self.book_number)
        except BookRefused as refusal:
            self._refuse(refusal)
            return
        number, opened = typed
        values = self._books_with(number, opened)
        put_settings(self.store, values)
        self._books_stored(values, opened)
        self._note(
            "hint",
            _("Book {number} is open from {date}.").format(
                number=number, date=display_date(opened.isoformat())
            ),
        )
        self.book_list.setFocus()
        self.saved.emit()

    def delete_book(self) -> None:
        """Delete the chosen book (Delete, or Delete in the list), entered by mistake: asked
        first; its days go back to the book before it."""
        item, team = self.book_list.currentItem(), self.book_team.currentData()
        opened = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if opened is None or not team:
            return  # a calendar-year book no one recorded is not the officer's to delete
        number = dict(logbook.recorded_books(self.books, team))[opened]
        named = {"number": number, "date": display_date(opened.isoformat())}
        question = _(
            "Delete book {number}, opened on {date}? Its days go back to the book before it."
        ).format(**named)
        if not ask(self, _("Delete a book"), question, _("Delete")):
            return
        values = {logbook.SETTING + team: logbook.remove_book(self.books, team, opened) or None}
        put_settings(self.store, values)
        self._books_stored(values, None)
        self._note("hint", _("Book {number} deleted.").format(number=number))
        self.book_list.setFocus()
        self.saved.emit()

    def save(self) -> bool:
        """Store the form; a threshold that is not a percent is refused beside the button."""
        values: dict[str, object] = {
            "reports.place": self.place.text().strip() or None,
            "reports.signer_title": self.signer_title.toPlainText().strip() or None,
            "reports.signer_name": self.signer_name.text().strip() or None,
            "reports.parent_body": self.parent_body.text().strip() or None,
            "reports.receiving_unit": self.receiving_unit.text().strip() or None,
            "reports.annual_cutoff": self.cutoff.currentData(),
            "legal_access.success_denominator": self.denominator.currentData(),
            **{key: field.text().strip() or None for key, field in self.form_numbers.items()},
        }
        for (key, label), field in zip(THRESHOLDS, self.thresholds.values(), strict=True):
            text = field.text().strip().replace(",", ".").rstrip("%").strip()
            if not text:
                values[key] = None
                continue
            try:
                number = float(text)
            except ValueError:
                number = -1.0
            if not 0 <= number <= 100:
                self._note(
                    "error",
                    _("{field}: write a percent from 0 to 100, or leave it blank.").format(
                        field=_(label)
                    ),
                )
                field.setFocus()
                field.selectAll()
                return False
            values[key] = int(number) if number.is_integer() else number
        try:
            typed = self._typed_book()
        except BookRefused as refusal:
            self._refuse(refusal)
            return False
        books = self._books_with(*typed) if typed else {}
        put_settings(self.store, {**values, **books})
        if typed:  # the book typed is opened with the rest
            self._books_stored(books, typed[1])
        self._note("hint", _("Saved. Reports from now on use these settings."))
        self.saved.emit()
        return True

    def _note(self, role: str, text: str) -> None:
        _say(self.note, role, text)


def book_hint_text() -> str:
    """The hint under a new book's day, in the current language."""
    return _("Opening a new book closes the book before it on the day before the new one opens.")


def _say(label: QLabel, role: str, text: str) -> None:
    """`text` in `label`, styled for its role ("hint", "error", …)."""
    label.setProperty("role", role)
    label.setText(text)
    label.style().unpolish(label)
    label.style().polish(label)


class BookRefused(Exception):
    """A book typed that cannot be opened: why, and the field to correct."""

    def __init__(self, message: str, field: QLineEdit):
        super().__init__(message)
        self.message, self.field = message, field


def _book_line(book: logbook.Book, team: dict, today: date) -> str:
    """ "Quyển 01 — mở 01/01/2026, khóa 14/04/2026": the book, the day it was opened and the
    day it closed (or that it is still being written), as its cover prints them."""

    def day(value: date) -> str:
        return display_date(value.isoformat())

    if book.number:
        name = _("Book {number}").format(number=book.number)
    else:
        name = _("Book of {year}, no number recorded").format(year=book.opened_on.year)
    opened = day(logbook.opening(book, team))
    last = logbook.last_day(book, team)
    if last is None:
        days = _("opened {opened}, in use").format(opened=opened)
    elif last <= today:
        days = _("opened {opened}, closed {closed}").format(opened=opened, closed=day(last))
    else:
        days = _("opened {opened}, in use until {closes}").format(opened=opened, closes=day(last))
    return f"{name} — {days}"


def _parse_day(text: str) -> date:
    """dd/mm/yyyy (any one separator) as a date; ValueError if it is none."""
    found = re.fullmatch(r"\s*(\d{1,2})\D(\d{1,2})\D(\d{4})\s*", text)
    if not found:
        raise ValueError(text)
    day, month, year = (int(part) for part in found.groups())
    return date(year, month, day)
