"""The report settings below the Reports page: where and by whom a report is signed, the
cut-off of the preliminary annual report, and the legal-access denominator and thresholds.
A box that folds away behind its toggle; saving tells the page to recompute what it shows."""

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
        self.cutoff = QComboBox(self)
        self.denominator = shrinkable(QComboBox(self), 20)
        self.thresholds = {key: QLineEdit(self) for key, _label in THRESHOLDS}
        for field in self.thresholds.values():
            field.setMaximumWidth(90)
            field.returnPressed.connect(self.save)
        for field in (self.place, self.signer_name):
            field.returnPressed.connect(self.save)
        self.labels = [QLabel(self) for _ in range(5 + len(THRESHOLDS))]
        fields = [
            self.place,
            self.signer_title,
            self.signer_name,
            self.cutoff,
            self.denominator,
            *self.thresholds.values(),
        ]
        for label, field in zip(self.labels, fields, strict=True):
            label.setBuddy(field)
            form.addRow(label, field)
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
            _("Preliminary annual report: actual data up to"),
            _("Successful-mediation rate: divide by"),
            *(_(label) for _key, label in THRESHOLDS),
        )
        for label, caption in zip(self.labels, captions, strict=True):
            label.setText(caption)
        self.place.setPlaceholderText(_("Blank: the ward's name"))
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
        self.cutoff.setCurrentIndex(max(self.cutoff.findData(values["reports.annual_cutoff"]), 0))
        self.denominator.setCurrentIndex(
            max(self.denominator.findData(values["legal_access.success_denominator"]), 0)
        )
        for key, field in self.thresholds.items():
            value = values.get(key)
            field.setText("" if value is None else f"{value:g}".replace(".", ","))

    def save(self) -> bool:
        """Store the form; a threshold that is not a percent is refused beside the button."""
        values: dict[str, object] = {
            "reports.place": self.place.text().strip() or None,
            "reports.signer_title": self.signer_title.toPlainText().strip() or None,
            "reports.signer_name": self.signer_name.text().strip() or None,
            "reports.annual_cutoff": self.cutoff.currentData(),
            "legal_access.success_denominator": self.denominator.currentData(),
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
        put_settings(self.store, values)
        self._note("hint", _("Saved. Reports from now on use these settings."))
        self.saved.emit()
        return True

    def _note(self, role: str, text: str) -> None:
        self.note.setProperty("role", role)
        self.note.setText(text)
        self.note.style().unpolish(self.note)
        self.note.style().polish(self.note)
