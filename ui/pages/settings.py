"""Settings: who is working (recorded in the change log), language, font size, where the data
lives, and its backups."""

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import current_language
from app.services.setup import set_officer
from ui.safekeeping import SafekeepingBox
from ui.strings import _
from ui.theme import FONT_SIZE_LABELS, apply_theme

LANGUAGES = (("vi", "Tiếng Việt"), ("en", "English"))


class SettingsPage(QWidget):
    def __init__(self, store, settings, window):
        super().__init__(window)
        self.store = store
        self.settings = settings
        self.main_window = window
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        self.heading = QLabel(self)
        self.heading.setProperty("role", "heading")
        form = QFormLayout()
        form.setVerticalSpacing(12)
        self.officer = QLineEdit(store.officer_name, self)
        self.save_officer = QPushButton(self)
        self.save_officer.clicked.connect(self._save_officer)
        self.officer.returnPressed.connect(self._save_officer)
        self.language = QComboBox(self)
        for code, name in LANGUAGES:
            self.language.addItem(name, code)
        self.language.setCurrentIndex(self.language.findData(current_language()))
        self.language.currentIndexChanged.connect(
            lambda: self.main_window.change_language(self.language.currentData())
        )
        self.font_size = QComboBox(self)
        self.font_size.currentIndexChanged.connect(self._font_changed)
        self.unit = QLabel(self)
        self.folder = QLabel(str(store.folder.root), self)
        self.folder.setWordWrap(True)
        self.saved_note = QLabel(self)
        self.saved_note.setProperty("role", "hint")
        self.labels = [QLabel(self) for _ in range(5)]
        officer_row = QWidget(self)
        column = QVBoxLayout(officer_row)
        column.setContentsMargins(0, 0, 0, 0)
        line = QHBoxLayout()
        line.addWidget(self.officer, 1)
        line.addWidget(self.save_officer)
        column.addLayout(line)
        column.addWidget(self.saved_note)
        for label, field in zip(
            self.labels,
            (officer_row, self.language, self.font_size, self.unit, self.folder),
            strict=True,
        ):
            label.setBuddy(field if field is not officer_row else self.officer)
            form.addRow(label, field)
        layout.addWidget(self.heading)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addSpacing(12)
        self.safekeeping = SafekeepingBox(window, self)
        window.backups_changed.connect(self.safekeeping.refresh)
        layout.addWidget(self.safekeeping)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(_("Settings"))
        captions = (_("Officer's name"), _("Language"), _("Font size"), _("Unit"), _("Data folder"))
        for label, caption in zip(self.labels, captions, strict=True):
            label.setText(caption)
        self.save_officer.setText(_("Save name"))
        installation = self.store.installation
        self.unit.setText(f"{installation['unit_name']} ({installation['unit_code']})")
        self.font_size.blockSignals(True)
        self.font_size.clear()
        for code, label in FONT_SIZE_LABELS.items():
            self.font_size.addItem(_(label), code)
        self.font_size.setCurrentIndex(max(self.font_size.findData(self.settings.font_size), 0))
        self.font_size.blockSignals(False)
        self.safekeeping.retranslate()

    def _save_officer(self) -> None:
        set_officer(self.store, self.officer.text())
        self.saved_note.setText(_("Saved. Changes from now on are recorded under this name."))

    def _font_changed(self) -> None:
        from PySide6.QtWidgets import QApplication

        code = self.font_size.currentData()
        self.settings.set("font_size", code)
        apply_theme(QApplication.instance(), code)
        self.main_window.retranslate()  # the sidebar measures its names again
