"""Registering a ward's key card at the district: whose card it is, then the fingerprint the
ward's officer reads out by phone, typed in. Only a matching fingerprint registers the key; when
the ward already has one, the officer is told what a replacement means and asked first."""

from html import escape

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from app.errors import TiepCanError
from app.i18n import format_day
from app.sync.trust import check_fingerprint, trust_card
from app.sync.wards import local_day
from ui.strings import _, ask


def fit_height(dialog: QDialog) -> None:
    """Tall enough for its word-wrapped texts at its width: a top-level window does not follow
    its labels' height-for-width by itself, and would clip an explanation."""
    width = max(dialog.width(), dialog.minimumWidth())
    needed = dialog.layout().totalHeightForWidth(width)
    dialog.setMinimumHeight(needed)
    dialog.resize(width, max(dialog.height(), needed))


class RegisterWardDialog(QDialog):
    """`card` is the file's bytes; `summary` what `app.sync.wards.card_to_register` read from
    it. After exec() returns Accepted, `result` is what `trust_card` registered."""

    def __init__(self, store, card: bytes, summary: dict, parent=None):
        super().__init__(parent)
        self.store = store
        self.card = card
        self.summary = summary
        self.result: dict | None = None
        self.setWindowTitle(_("Register a ward's key"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        whose = QFormLayout()
        self.who = QLabel(f"<b>{escape(summary['name'])}</b> ({summary['code']})", self)
        self.key = QLabel(f"<b>{summary['key_id']}</b>", self)
        whose.addRow(_("Key card of:"), self.who)
        whose.addRow(_("Key id:"), self.key)
        self.replacing = QLabel(self)
        self.replacing.setWordWrap(True)
        self.replacing.setVisible(self.replaces)
        if self.replaces:
            current = summary["keys"][-1]
            self.replacing.setText(
                _(
                    "This ward already has key {key_id} (generation {generation}), registered on {date}. Registering this card replaces it: from now on the ward signs with the new key. The old key stays registered, and bundles it signed are still accepted, until you revoke it."
                ).format(
                    key_id=current["key_id"],
                    generation=current["generation"],
                    date=format_day(local_day(current["registered_at"])),
                )
            )
        self.fingerprint_label = QLabel(self)
        self.fingerprint_label.setWordWrap(True)
        self.fingerprint_label.setText(
            _(
                "Call the ward and have its officer read you the fingerprint on its key sheet, then type it here (6 groups of 5 digits; spaces are optional). Do not copy it from the card's file or e-mail:"
            )
        )
        self.fingerprint = QLineEdit(self)
        self.fingerprint.setPlaceholderText("12345 67890 12345 67890 12345 67890")
        self.fingerprint.setMaxLength(60)  # 30 digits and spaces, with room for typing slips
        self.fingerprint_label.setBuddy(self.fingerprint)
        self.error = QLabel(self)
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(self)
        self.register_button = self.buttons.addButton(
            _("&Register this ward's key"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.buttons.addButton(
            _("Cancel"), QDialogButtonBox.ButtonRole.RejectRole
        )
        # Enter in the fingerprint field presses the default button: it registers.
        self.register_button.setDefault(True)
        self.buttons.accepted.connect(self.register)
        self.buttons.rejected.connect(self.reject)
        layout.addLayout(whose)
        for widget in (self.replacing, self.fingerprint_label):
            layout.addWidget(widget)
        layout.addWidget(self.fingerprint)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.fingerprint.setFocus()
        fit_height(self)

    @property
    def replaces(self) -> bool:
        return bool(self.summary["keys"])

    def register(self) -> None:
        typed = self.fingerprint.text()
        try:
            # Checked before the replacement question: a wrong fingerprint asks nothing.
            check_fingerprint(self.summary["public"], typed)
        except TiepCanError as error:
            self._refuse(error)
            return
        if self.replaces and not ask(
            self,
            _("Replace the ward's key"),
            _(
                "Replace the key of {name} ({code}) with key {key_id}? Its new bundles will be signed with the new key. Revoke the old key afterwards if its computer was lost or given away."
            ).format(
                name=self.summary["name"],
                code=self.summary["code"],
                key_id=self.summary["key_id"],
            ),
            _("Replace the key"),
        ):
            return
        try:
            self.result = trust_card(self.store, self.card, typed, replace=self.replaces)
        except TiepCanError as error:
            self._refuse(error)
            return
        self.accept()

    def _refuse(self, error: TiepCanError) -> None:
        self.error.setText(error.message())
        fit_height(self)
        self.fingerprint.setFocus()
        self.fingerprint.selectAll()  # the next try is typed over the wrong one
