"""Gửi dữ liệu: trust the district once (its key card and the fingerprint read over the phone),
export a bundle to a folder or USB stick with progress (case texts redacted, or withheld when the
ward says so, and a preview of what leaves), and show or print this ward's own key."""

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QTextDocument
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.errors import TiepCanError
from app.i18n import format_number
from app.services.preferences import get_settings, put_settings
from app.sync.card import read_card
from app.sync.export import export_bundle, records_to_export
from app.sync.keys import KeyFolder
from app.sync.outgoing import WITHHOLD_SETTING
from app.sync.trust import export_card, show_keys, trust_card, trusted_district
from app.text import display_date
from ui.errors import explain_failure
from ui.file_dialogs import ask_save_path, file_name
from ui.pages.receipt_box import ReceiptBox
from ui.strings import _, inform, ngettext
from ui.worker import run_task


class SendPage(QWidget):
    def __init__(self, store, settings, window):
        super().__init__(window)
        self.store = store
        self.settings = settings
        self._card: bytes | None = None
        self._task = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(18, 14, 18, 14)
        self.heading = QLabel(self)
        self.heading.setProperty("role", "heading")
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget(scroll)
        column = QVBoxLayout(body)
        column.setSpacing(16)
        column.addWidget(self._district_box(body))
        column.addWidget(self._export_box(body))
        self.receipt_box = ReceiptBox(self.store, body)
        column.addWidget(self.receipt_box)
        column.addWidget(self._own_key_box(body))
        column.addStretch(1)
        scroll.setWidget(body)
        outer.addWidget(self.heading)
        outer.addWidget(scroll, 1)
        self.retranslate()

    # -- the district ----------------------------------------------------------------------

    def _district_box(self, parent) -> QGroupBox:
        self.district_box = QGroupBox(parent)
        layout = QVBoxLayout(self.district_box)
        self.district_status = QLabel(self.district_box)
        self.district_status.setWordWrap(True)
        self.choose_card = QPushButton(self.district_box)
        self.choose_card.clicked.connect(self._choose_card)
        self.card_summary = QLabel(self.district_box)
        self.card_summary.setWordWrap(True)
        self.fingerprint = QLineEdit(self.district_box)
        self.fingerprint.setPlaceholderText("12345 67890 12345 67890 12345 67890")
        self.trust_button = QPushButton(self.district_box)
        self.trust_button.clicked.connect(self._trust)
        self.fingerprint.returnPressed.connect(self._trust)
        self.trust_error = QLabel(self.district_box)
        self.trust_error.setProperty("role", "error")
        self.trust_error.setWordWrap(True)
        self.fingerprint_label = QLabel(self.district_box)
        self.fingerprint_label.setWordWrap(True)
        self.fingerprint_label.setBuddy(self.fingerprint)
        row = QHBoxLayout()
        row.addWidget(self.fingerprint, 1)
        row.addWidget(self.trust_button)
        for widget in (
            self.district_status,
            self.choose_card,
            self.card_summary,
            self.fingerprint_label,
        ):
            layout.addWidget(widget)
        layout.addLayout(row)
        layout.addWidget(self.trust_error)
        return self.district_box

    def _choose_card(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("The district's key card"), "", _("Key cards (*.card);;All files (*)")
        )
        if path:
            self.open_card(Path(path))

    def open_card(self, path: Path) -> None:
        """The district's card, chosen or double-clicked: shown, then its fingerprint asked."""
        try:
            data = Path(path).read_bytes()
            card, public = read_card(data)
        except (OSError, TiepCanError) as error:
            self.trust_error.setText(
                error.message() if isinstance(error, TiepCanError) else str(error)
            )
            return
        self._card = data
        unit = card["unit"]
        self.card_summary.setText(
            _(
                "Card of {name} ({code}), key {key_id}. Call the office and have them read its fingerprint to you, then type it here:"
            ).format(name=unit["name"], code=unit["code"], key_id=public.key_id)
        )
        self.trust_error.clear()
        self._show_trust_step(True)
        self.fingerprint.setFocus()

    def _trust(self) -> None:
        if self._card is None:
            return
        try:
            trust_card(
                self.store,
                self._card,
                self.fingerprint.text(),
                replace=trusted_district(self.store) is not None,
            )
        except TiepCanError as error:
            self.trust_error.setText(error.message())
            self.fingerprint.setFocus()
            return
        self._card = None
        self.fingerprint.clear()
        self.trust_error.clear()
        self.refresh()

    def _show_trust_step(self, visible: bool) -> None:
        for widget in (
            self.card_summary,
            self.fingerprint_label,
            self.fingerprint,
            self.trust_button,
        ):
            widget.setVisible(visible)

    # -- export ----------------------------------------------------------------------------

    def _export_box(self, parent) -> QGroupBox:
        self.export_box = QGroupBox(parent)
        layout = QVBoxLayout(self.export_box)
        self.export_hint = QLabel(self.export_box)
        self.export_hint.setWordWrap(True)
        row = QHBoxLayout()
        self.folder = QLineEdit(self.settings.get("send/folder", str(Path.home())), self.export_box)
        self.browse = QPushButton(self.export_box)
        self.browse.clicked.connect(self._browse)
        row.addWidget(self.folder, 1)
        row.addWidget(self.browse)
        self.withhold = QCheckBox(self.export_box)
        self.withhold.toggled.connect(self._withhold_toggled)
        self.preview_button = QPushButton(self.export_box)
        self.preview_button.clicked.connect(self._preview)
        privacy = QHBoxLayout()
        privacy.addWidget(self.preview_button)
        privacy.addStretch(1)
        buttons = QHBoxLayout()
        self.export_button = QPushButton(self.export_box)
        self.export_button.clicked.connect(self.export)
        self.cancel_button = QPushButton(self.export_box)
        self.cancel_button.clicked.connect(self._cancel)
        self.open_folder = QPushButton(self.export_box)
        self.open_folder.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(self.folder.text()))
        )
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_folder)
        self.progress = QProgressBar(self.export_box)
        self.result = QLabel(self.export_box)
        self.result.setWordWrap(True)
        layout.setSpacing(10)
        layout.addWidget(self.export_hint)
        layout.addLayout(row)
        layout.addSpacing(4)
        layout.addWidget(self.withhold)
        layout.addLayout(privacy)
        layout.addSpacing(4)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.result)
        self.cancel_button.hide()
        self.progress.hide()
        return self.export_box

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, _("Where to write the bundle"), self.folder.text()
        )
        if folder:
            self.folder.setText(folder)

    def _withhold_toggled(self, checked: bool) -> None:
        # Unticked is the default: the key is removed rather than stored as false.
        put_settings(self.store, {WITHHOLD_SETTING: True if checked else None})

    def _preview(self) -> None:
        from ui.dialogs.outgoing_preview import OutgoingPreviewDialog

        OutgoingPreviewDialog(self.store, self).exec()

    def export(self) -> None:
        folder = Path(self.folder.text().strip() or ".")
        self.settings.set("send/folder", str(folder))
        total = max(records_to_export(self.store), 1)
        self.progress.setRange(0, total)
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.show()
        self.export_button.setEnabled(False)
        self.withhold.setEnabled(False)  # the export has read it; a change now would not apply
        self.result.clear()

        def work(report):
            done = [0]

            def step(count):
                done[0] += count
                report(done[0], total)

            return export_bundle(self.store, folder, progress=step)

        self._task = run_task(
            work, self._exported, self._failed, lambda done, _total: self.progress.setValue(done)
        )

    def _cancel(self) -> None:
        if self._task:
            self._task.cancel()

    def _finish(self) -> None:
        self._task = None
        self.progress.hide()
        self.cancel_button.hide()
        self.export_button.setEnabled(True)
        self.withhold.setEnabled(True)

    def _exported(self, result) -> None:
        self._finish()
        records, names = sum(result.counts.values()), result.names_replaced
        sentences = [
            ngettext(
                "Bundle number {seq} is ready: {path} ({count} record). Take it to the district on a USB stick or send it by email.",
                "Bundle number {seq} is ready: {path} ({count} records). Take it to the district on a USB stick or send it by email.",
                records,
            ).format(seq=result.seq, path=result.path, count=format_number(records)),
            ngettext(
                "{names} name of a party or an invited person was replaced by initials.",
                "{names} names of parties and invited persons were replaced by initials.",
                names,
            ).format(names=format_number(names)),
        ]
        if result.numbers_replaced:
            sentences.append(
                ngettext(
                    "{numbers} long number (a phone or identity number) was replaced by “…”.",
                    "{numbers} long numbers (phone or identity numbers) were replaced by “…”.",
                    result.numbers_replaced,
                ).format(numbers=format_number(result.numbers_replaced))
            )
        if result.case_texts_withheld:
            sentences.append(_("Case texts were not sent."))
        self.result.setText(" ".join(sentences))
        self.receipt_box.refresh()

    def _failed(self, error) -> None:
        self._finish()
        explain_failure(self, error, self.result)

    # -- this ward's key -------------------------------------------------------------------

    def _own_key_box(self, parent) -> QGroupBox:
        self.key_box = QGroupBox(parent)
        form = QFormLayout(self.key_box)
        self.key_hint = QLabel(self.key_box)
        self.key_hint.setWordWrap(True)
        form.addRow(self.key_hint)
        self.key_id = QLabel(self.key_box)
        self.own_fingerprint = QLabel(self.key_box)
        self.own_fingerprint.setProperty("role", "figure")
        self.key_labels = [QLabel(self.key_box), QLabel(self.key_box)]
        form.addRow(self.key_labels[0], self.key_id)
        form.addRow(self.key_labels[1], self.own_fingerprint)
        row = QHBoxLayout()
        self.create_keys = QPushButton(self.key_box)
        self.create_keys.clicked.connect(self._create_keys)
        self.create_keys.hide()
        row.addWidget(self.create_keys)
        self.save_card = QPushButton(self.key_box)
        self.save_card.clicked.connect(self._save_card)
        self.print_sheet = QPushButton(self.key_box)
        self.print_sheet.clicked.connect(self._print_sheet)
        row.addWidget(self.save_card)
        row.addWidget(self.print_sheet)
        row.addStretch(1)
        form.addRow(row)
        return self.key_box

    def _create_keys(self) -> None:
        KeyFolder(self.store.folder.keys).generate()
        self.refresh()

    def _save_card(self) -> None:
        unit = self.store.installation
        name = _("Key card of {ward} ({code})").format(
            ward=unit["unit_name"], code=self.store.unit_code
        )
        path, _filter = ask_save_path(
            self,
            _("Save this ward's key card"),
            file_name(name, suffix="card"),
            _("Key cards (*.card)"),
            settings=self.settings,
            key="send/card_folder",
        )
        if not path:
            return
        try:
            Path(path).write_bytes(export_card(self.store))
        except OSError as error:
            inform(self, _("Key card"), str(error))
            return
        inform(
            self,
            _("Key card"),
            _(
                "Saved to {path}. Give it to the district together with this page's printed key sheet."
            ).format(path=path),
        )

    def key_sheet_html(self) -> str:
        from datetime import date
        from html import escape

        keys = show_keys(self.store)
        unit = self.store.installation
        # Each text through _() on its own: the catalog extractor does not look inside f-strings.
        title, unit_label, key_label = _("Key sheet"), _("Unit"), _("Key id")
        fingerprint_label, date_label = _("Fingerprint"), _("Date")
        note = _("The district checks this fingerprint by phone before registering the ward.")
        return (
            f"<h2>{escape(title)}</h2>"
            f"<p>{escape(unit_label)}: <b>{escape(unit['unit_name'])}</b> ({unit['unit_code']})</p>"
            f"<p>{escape(key_label)}: <b>{keys['key_id']}</b></p>"
            f"<p>{escape(fingerprint_label)}:</p>"
            f"<p style='font-size:20pt'><b>{keys['fingerprint']}</b></p>"
            f"<p>{escape(date_label)}: {display_date(date.today().isoformat())}</p>"
            f"<p>{escape(note)}</p>"
        )

    def _print_sheet(self) -> None:
        document = QTextDocument(self)
        document.setHtml(self.key_sheet_html())
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        preview = QPrintPreviewDialog(printer, self)
        preview.paintRequested.connect(document.print_)
        preview.exec()

    # -- page ------------------------------------------------------------------------------

    def refresh(self) -> None:
        district = trusted_district(self.store)
        if district:
            self.district_status.setText(
                _("Bundles go to {name} ({code}), key {key_id}, fingerprint {fingerprint}.").format(
                    name=district["district_name"],
                    code=district["district_code"],
                    key_id=district["key_id"],
                    fingerprint=district["fingerprint"],
                )
            )
            self.choose_card.setText(_("The district has a new key: choose its new card…"))
        else:
            self.district_status.setText(
                _(
                    "First, trust the district: choose the key card it sent you (a .card file), then type the fingerprint its officer reads to you by phone."
                )
            )
            self.choose_card.setText(_("Choose the district's key card…"))
        self._show_trust_step(self._card is not None)
        self.export_button.setEnabled(district is not None and self._task is None)
        withhold = bool(get_settings(self.store, WITHHOLD_SETTING)[WITHHOLD_SETTING])
        self.withhold.blockSignals(True)  # showing the setting is not changing it
        self.withhold.setChecked(withhold)
        self.withhold.blockSignals(False)
        try:
            keys = show_keys(self.store)
        except TiepCanError as missing:  # a folder set up before keys existed, or keys deleted
            self.key_id.setText(missing.message())
            self.own_fingerprint.clear()
            self.create_keys.show()
            self.save_card.setEnabled(False)
            self.print_sheet.setEnabled(False)
            return
        self.create_keys.hide()
        self.save_card.setEnabled(True)
        self.print_sheet.setEnabled(True)
        self.key_id.setText(keys["key_id"])
        self.own_fingerprint.setText(keys["fingerprint"])
        self.receipt_box.refresh()

    def retranslate(self) -> None:
        self.heading.setText(_("Send data"))
        self.district_box.setTitle(_("1. The district"))
        self.export_box.setTitle(_("2. Export a bundle"))
        self.key_box.setTitle(_("This ward's key"))
        self.receipt_box.retranslate()
        self.fingerprint_label.setText(_("Fingerprint read by the district (30 digits):"))
        self.trust_button.setText(_("Trust this district"))
        self.export_hint.setText(
            _(
                "The bundle holds all the ward's records except personal data, signed and encrypted for the district. Choose a folder or a USB stick:"
            )
        )
        self.browse.setText(_("Choose folder…"))
        self.export_button.setText(_("Export bundle"))
        self.cancel_button.setText(_("Cancel"))
        self.open_folder.setText(_("Open folder"))
        self.withhold.setText(
            _(
                "Do not send case texts (a case goes as “Vụ việc số N”, its logbook number, with no narrative)"
            )
        )
        self.preview_button.setText(_("See what the district receives…"))
        self.key_labels[0].setText(_("Key id"))
        self.key_labels[1].setText(_("Fingerprint"))
        self.save_card.setText(_("Save key card…"))
        self.print_sheet.setText(_("Print key sheet…"))
        self.create_keys.setText(_("Create this ward's keys"))
        self.key_hint.setText(
            _(
                "The district must register this key before it accepts your bundles: give it the key card, and read it this fingerprint by phone."
            )
        )
        self.refresh()
