"""First run: a ward or an aggregating office, which one, and who is working; then the same
set-up as `tiepcan init ward` or `tiepcan init district`."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from app.errors import TiepCanError
from app.services.setup import set_up
from app.text import fold
from app.units import shipped_units
from ui.strings import _


class RolePage(QWizardPage):
    """Most installations are wards; the aggregating office (since 1/7/2025 usually the
    provincial Sở Tư pháp) receives and merges what its wards send."""

    def __init__(self, wizard):
        super().__init__(wizard)
        layout = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.ward = QRadioButton(self)
        self.district = QRadioButton(self)
        self.ward.setChecked(True)
        self.group = QButtonGroup(self)
        self.group.addButton(self.ward)
        self.group.addButton(self.district)
        layout.addWidget(self.intro)
        layout.addSpacing(8)
        layout.addWidget(self.ward)
        layout.addWidget(self.district)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(_("What this computer is for"))
        self.intro.setText(_("Choose once; a data folder stays what it was set up as."))
        self.ward.setText(
            _("A &ward or commune: records sessions, cases and people, and sends them")
        )
        self.district.setText(
            _(
                "An &aggregating office (Department of Justice): receives and merges what its "
                "wards send"
            )
        )

    def role(self) -> str:
        return "district" if self.district.isChecked() else "ward"


class UnitPage(QWizardPage):
    def __init__(self, wizard):
        super().__init__(wizard)
        self.role = "ward"
        units = shipped_units()
        communes = [u for u in units if u.level == "commune"]
        provinces = {u.code: u.name for u in units if u.level == "province"}
        self._choices = {
            "ward": [
                (u, f"{u.name} – {provinces.get(u.parent_code, '')} ({u.code})") for u in communes
            ],
            "district": [(u, f"{u.name} ({u.code})") for u in units if u.level == "province"],
        }
        self._folded = {
            role: [fold(text) for _, text in choices] for role, choices in self._choices.items()
        }
        layout = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.search = QLineEdit(self)
        self.search.textChanged.connect(self._filter)
        self.results = QListWidget(self)
        self.results.currentItemChanged.connect(self._picked)
        self.or_type = QLabel(self)
        self.or_type.setWordWrap(True)
        form = QFormLayout()
        self.code, self.name, self.province = QLineEdit(self), QLineEdit(self), QLineEdit(self)
        self.code.setMaxLength(5)
        self.province.setMaxLength(2)
        self.form_labels = [QLabel(self) for _ in range(3)]
        for label, field in zip(
            self.form_labels, (self.code, self.name, self.province), strict=True
        ):
            label.setBuddy(field)
            form.addRow(label, field)
            field.textEdited.connect(self.completeChanged)
        self.error = QLabel(self)
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        layout.addWidget(self.intro)
        layout.addWidget(self.search)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.or_type)
        layout.addLayout(form)
        layout.addWidget(self.error)
        self.retranslate()

    def initializePage(self) -> None:  # the role chosen on the page before
        role = self.wizard().role_page.role()
        if role != self.role:
            self.role = role
            for field in (self.search, self.code, self.name, self.province):
                field.clear()
            self.results.clear()
        district = role == "district"
        self.code.setMaxLength(2 if district else 5)
        self.province.setVisible(not district)
        self.form_labels[2].setVisible(not district)
        self.retranslate()

    def retranslate(self) -> None:
        if self.role == "district":
            self.setTitle(_("Your office"))
            self.intro.setText(
                _(
                    "Type the name of your province or city without diacritics, e.g. “ha noi”, "
                    "and pick it; then check the office's name."
                )
            )
            captions = (_("Province code (2 digits)"), _("Office name"), "")
        else:
            self.setTitle(_("Your ward or commune"))
            self.intro.setText(
                _(
                    "Type the name of your ward or commune without diacritics, e.g. “cau giay”, and pick it from the list."
                )
            )
            captions = (_("Unit code (5 digits)"), _("Unit name"), _("Province code (2 digits)"))
        self.search.setPlaceholderText(_("Search the national list of units"))
        self.or_type.setText(_("Not in the list? Type its code and name yourself:"))
        for label, caption in zip(self.form_labels, captions, strict=True):
            label.setText(caption)

    def _filter(self, typed: str) -> None:
        words = fold(typed).split()
        self.results.clear()
        if not words:
            return
        choices, folded_texts = self._choices[self.role], self._folded[self.role]
        for (unit, text), folded in zip(choices, folded_texts, strict=True):
            if all(word in folded for word in words):
                item = QListWidgetItem(text, self.results)
                item.setData(Qt.ItemDataRole.UserRole, unit)
                if self.results.count() >= 100:
                    break

    def _picked(self, item) -> None:
        if item is None:
            return
        unit = item.data(Qt.ItemDataRole.UserRole)
        self.code.setText(unit.code)
        if self.role == "district":
            self.name.setText(_("Department of Justice of {province}").format(province=unit.name))
        else:
            self.name.setText(unit.name)
            self.province.setText(unit.parent_code)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        filled = self.code.text().strip() and self.name.text().strip()
        return bool(filled and (self.role == "district" or self.province.text().strip()))


class OfficerPage(QWizardPage):
    def __init__(self, wizard):
        super().__init__(wizard)
        layout = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.officer = QLineEdit(self)
        self.officer.textChanged.connect(self.completeChanged)
        self.error = QLabel(self)
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        layout.addWidget(self.intro)
        layout.addWidget(self.officer)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(_("Who is working"))
        self.intro.setText(
            _(
                "Your full name. TiepCan records it beside every change; you can change it later in Settings."
            )
        )
        self.officer.setPlaceholderText(_("e.g. Nguyễn Thị Hà"))

    def isComplete(self) -> bool:
        # The name goes beside every change in the history: it may not be left empty.
        return bool(self.officer.text().strip())

    def validatePage(self) -> bool:
        return self.wizard().finish_set_up()


class FirstRunWizard(QWizard):
    def __init__(self, folder, parent=None):
        super().__init__(parent)
        self.folder = folder
        self.store = None
        self.role_page = RolePage(self)
        self.unit_page = UnitPage(self)
        self.officer_page = OfficerPage(self)
        self.addPage(self.role_page)
        self.addPage(self.unit_page)
        self.addPage(self.officer_page)
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setWindowTitle(_("Setting up TiepCan"))
        for which, text in (
            (QWizard.WizardButton.BackButton, _("Back")),
            (QWizard.WizardButton.NextButton, _("Next")),
            (QWizard.WizardButton.FinishButton, _("Start")),
            (QWizard.WizardButton.CancelButton, _("Cancel")),
        ):
            self.setButtonText(which, text)
        self.resize(720, 620)

    def finish_set_up(self) -> bool:
        unit = self.unit_page
        district = unit.role == "district"
        try:
            result = set_up(
                self.folder,
                unit.role,
                unit.code.text().strip(),
                name=unit.name.text(),
                province=None if district else unit.province.text().strip(),
                officer=self.officer_page.officer.text(),
            )
        except TiepCanError as error:
            page = self.officer_page if getattr(error, "field", "") == "officer" else unit
            page.error.setText(error.message())
            if page is unit:
                self.back()
            return False
        self.store = result.store
        return True
