"""The report settings below the Reports page: where and by whom a report is signed, the
district's parent body and the unit a form goes to, the cut-off of the preliminary annual
report, the legal-access denominator and thresholds, and at a ward the teams' logbooks (each
book's number and opening day). A box that folds away behind its toggle; saving tells the
page to recompute what it shows."""

import re
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
)

from app.i18n import current_language
from app.reports import logbook
from app.reports.definitions import all_definitions
from app.reports.heading import default_parent, numbered_forms, trusted_district_name
from app.services import records
from app.services.preferences import get_settings, put_settings
from ui.pages.filters import shrinkable
from ui.strings import N_, _

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


class ReportSettingsBox(QGroupBox):
    """The settings form. `toggle` is the button that shows and hides it; the page places both.
    `saved` is emitted once the settings are stored."""

    saved = Signal()

    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.toggle = QToolButton(parent)
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.toggled.connect(self._toggled)

        form = QFormLayout(self)
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
        # A team's logbook (a ward's): the book's number and the day it was opened.
        self.book_team = shrinkable(QComboBox(self), 20)
        self.book_team.currentIndexChanged.connect(self._show_book)
        self.book_number = QLineEdit(self)
        self.book_number.setMaximumWidth(140)
        self.book_opened = QLineEdit(self)
        self.book_opened.setMaximumWidth(140)
        for field in (
            self.place,
            self.signer_name,
            self.parent_body,
            self.receiving_unit,
            *self.form_numbers.values(),
            self.book_number,
            self.book_opened,
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
            self.book_team,
            self.book_number,
            self.book_opened,
        ]
        self.labels = [QLabel(self) for _ in fields]
        for label, field in zip(self.labels, fields, strict=True):
            label.setBuddy(field)
            form.addRow(label, field)
        # A ward has no parent body above its People's Committee; a district keeps no logbook.
        district = store.role == "district"
        form.setRowVisible(self.parent_body, district)
        for field in (self.book_team, self.book_number, self.book_opened):
            form.setRowVisible(field, not district)
        self.books: dict[str, object] = {}  # the logbook settings as loaded
        row = QHBoxLayout()
        self.save_button = QPushButton(self)
        self.save_button.clicked.connect(self.save)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        row.addWidget(self.save_button)
        row.addWidget(self.note, 1)
        form.addRow(row)
        self.hide()

    def _toggled(self, shown: bool) -> None:
        self.setVisible(shown)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        if shown:
            self.place.setFocus()

    def retranslate(self) -> None:
        # The toggle names the box; a title on the box as well would say it twice.
        self.toggle.setText(_("Report settings"))
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
            _("Logbook of the team"),
            _("Book number (“Quyển số”)"),
            _("Book opened on"),
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
                "recorded keeps one book a calendar year. Leave the number blank to remove "
                "the book opened on that day."
            )
        )
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
        self._load_teams()
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

    def _load_teams(self) -> None:
        if self.store.role != "ward":
            return
        teams = records.list_records(self.store, "teams", limit=10_000)
        _fill(self.book_team, [(team["uuid"], team["data"]["name"]) for team in teams])
        self._show_book()

    def _show_book(self) -> None:
        """The chosen team's latest recorded book, if any."""
        team = self.book_team.currentData()
        books = logbook.recorded_books(self.books, team) if team else []
        opened, number = books[-1] if books else (None, "")
        self.book_number.setText(number)
        self.book_opened.setText(opened.strftime("%d/%m/%Y") if opened else "")

    def _book_setting(self) -> dict | None:
        """The chosen team's books with the one typed recorded; None if nothing is typed.
        Raises ValueError for an opening day that is not a date."""
        team = self.book_team.currentData()
        number, typed = self.book_number.text().strip(), self.book_opened.text().strip()
        if not team or not (number or typed):
            return None
        opened = _parse_day(typed)
        books = logbook.put_book(self.books, team, number, opened)
        return {logbook.SETTING + team: books or None}

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
            values.update(self._book_setting() or {})
        except ValueError:
            self._note("error", _("Book opened on: write a date as dd/mm/yyyy."))
            self.book_opened.setFocus()
            self.book_opened.selectAll()
            return False
        put_settings(self.store, values)
        self.books.update(
            {key: value for key, value in values.items() if key.startswith(logbook.SETTING)}
        )
        self._note("hint", _("Saved. Reports from now on use these settings."))
        self.saved.emit()
        return True

    def _note(self, role: str, text: str) -> None:
        self.note.setProperty("role", role)
        self.note.setText(text)
        self.note.style().unpolish(self.note)
        self.note.style().polish(self.note)


def _parse_day(text: str) -> date:
    """dd/mm/yyyy (any one separator) as a date; ValueError if it is none."""
    found = re.fullmatch(r"\s*(\d{1,2})\D(\d{1,2})\D(\d{4})\s*", text)
    if not found:
        raise ValueError(text)
    day, month, year = (int(part) for part in found.groups())
    return date(year, month, day)
