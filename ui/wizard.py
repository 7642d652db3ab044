"""First run: which ward this is and who is working, then the same set-up as `tiepcan init ward`."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from app.errors import TiepCanError
from app.services.setup import set_up
from app.text import fold
from app.units import shipped_units
from ui.strings import _


class UnitPage(QWizardPage):
    def __init__(self, wizard):
        super().__init__(wizard)
        communes = [u for u in shipped_units() if u.level == "commune"]
        provinces = {u.code: u.name for u in shipped_units() if u.level == "province"}
        self._units = [
            (u, f"{u.name} – {provinces.get(u.parent_code, '')} ({u.code})") for u in communes
        ]
        self._folded = [fold(text) for _, text in self._units]
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

    def retranslate(self) -> None:
        self.setTitle(_("Your ward or commune"))
        self.intro.setText(
            _(
                "Type the name of your ward or commune without diacritics, e.g. “cau giay”, and pick it from the list."
            )
        )
        self.search.setPlaceholderText(_("Search the national list of units"))
        self.or_type.setText(_("Not in the list? Type its code and name yourself:"))
        captions = (_("Unit code (5 digits)"), _("Unit name"), _("Province code (2 digits)"))
        for label, caption in zip(self.form_labels, captions, strict=True):
            label.setText(caption)

    def _filter(self, typed: str) -> None:
        words = fold(typed).split()
        self.results.clear()
        if not words:
            return
        for (unit, text), folded in zip(self._units, self._folded, strict=True):
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
        self.name.setText(unit.name)
        self.province.setText(unit.parent_code)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(
            self.code.text().strip() and self.name.text().strip() and self.province.text().strip()
        )


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
        self.unit_page = UnitPage(self)
        self.officer_page = OfficerPage(self)
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
        try:
            result = set_up(
                self.folder,
                "ward",
                unit.code.text().strip(),
                name=unit.name.text(),
                province=unit.province.text().strip(),
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
