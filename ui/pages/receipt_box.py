"""The "Send data" page's third box: what the district says it received (its signed receipt,
loaded from the stick) and the list of bundles sent, each marked once acknowledged."""

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from app.errors import TiepCanError
from app.i18n import format_number
from app.sync.receipts import load_receipt
from app.sync.sent import last_receipt, sent_bundles
from app.text import display_date
from ui.strings import N_, _

COLUMNS = (N_("Bundle no."), N_("Sent on"), N_("File"), N_("Records"), N_("Received"))


class ReceiptBox(QGroupBox):
    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()  # shown only with something to say
        self.load_button = QPushButton(self)
        self.load_button.clicked.connect(self.choose_receipt)
        row = QHBoxLayout()
        row.addWidget(self.load_button)
        row.addStretch(1)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(140)
        self.nothing_sent = QLabel(self)
        self.nothing_sent.setProperty("role", "hint")
        layout.addWidget(self.status)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(self.nothing_sent)
        layout.addWidget(self.table)

    def retranslate(self) -> None:
        self.setTitle(_("3. What the district received"))
        self.load_button.setText(_("&Load a receipt from the district…"))
        self.nothing_sent.setText(_("No bundle exported yet."))
        self.table.setHorizontalHeaderLabels([_(c) for c in COLUMNS])
        self.refresh()

    def refresh(self) -> None:
        receipt = last_receipt(self.store)
        if receipt is None:
            self.status.setText(
                _(
                    "No receipt loaded yet. When the district has imported your bundle it gives "
                    "you a receipt (a .tcr file): load it here to be sure your data arrived."
                )
            )
        else:
            text = _("The district has received the data up to bundle no. {seq} of {date}.").format(
                seq=receipt.seq, date=display_date(receipt.imported_at[:10])
            )
            if receipt.forked:
                text += " " + _(
                    "That bundle was not made on this computer: it came from a copy of this "
                    "ward's data on another computer."
                )
            self.status.setText(text)
        sent = sent_bundles(self.store)
        self.nothing_sent.setVisible(not sent)
        self.table.setVisible(bool(sent))
        self.table.setRowCount(len(sent))
        for row, bundle in enumerate(sent):
            values = (
                str(bundle.seq),
                display_date(bundle.exported_at[:10]),
                bundle.file_name,
                format_number(bundle.records),
                _("✓ received") if bundle.acknowledged else "",
            )
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))

    def choose_receipt(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("The district's receipt"), "", _("Receipts (*.tcr);;All files (*)")
        )
        if path:
            self.load(Path(path))

    def load(self, path: Path) -> None:
        try:
            load_receipt(self.store, path)
        except TiepCanError as error:
            self.error.setText(error.message())
            self.error.show()
            return
        self.error.clear()
        self.error.hide()
        self.refresh()
