"""The confirmation before a ward's key is revoked: what revoking means (its bundles are refused
from now on, for good), and a reason for the audit log."""

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout

from ui.dialogs.register_ward import fit_height
from ui.strings import _


class RevokeKeyDialog(QDialog):
    def __init__(self, ward_name: str, ward_code: str, key_id: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("Revoke a ward's key"))
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        self.question = QLabel(self)
        self.question.setWordWrap(True)
        self.question.setText(
            _("Revoke key {key_id} of {name} ({code})?").format(
                key_id=key_id, name=ward_name, code=ward_code
            )
        )
        self.question.setProperty("role", "heading")
        self.meaning = QLabel(self)
        self.meaning.setWordWrap(True)
        self.meaning.setText(
            _(
                "Every bundle signed by this key will be refused from now on, including bundles already on their way. A revoked key cannot be registered again: the ward will have to make new keys and send you a new card."
            )
        )
        self.reason_label = QLabel(_("&Reason (kept in the audit log):"), self)
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText(_("for example: the computer was stolen"))
        self.reason_label.setBuddy(self.reason)
        self.buttons = QDialogButtonBox(self)
        self.revoke_button = self.buttons.addButton(
            _("Re&voke the key"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.revoke_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for widget in (self.question, self.meaning, self.reason_label, self.reason):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.reason.setFocus()
        fit_height(self)

    def reason_text(self) -> str:
        return self.reason.text().strip()
