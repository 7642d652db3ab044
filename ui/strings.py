"""Translation helpers for the GUI: the core's gettext, plus Qt's own standard buttons, which
Qt cannot translate to Vietnamese by itself (it ships no Vietnamese catalog)."""

from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from app.i18n import N_, gettext, ngettext

__all__ = ["BUTTON_TEXTS", "N_", "_", "ask", "inform", "label_buttons", "ngettext"]

_ = gettext

BUTTON_TEXTS = {
    QDialogButtonBox.StandardButton.Ok: N_("OK"),
    QDialogButtonBox.StandardButton.Cancel: N_("Cancel"),
    QDialogButtonBox.StandardButton.Save: N_("Save"),
    QDialogButtonBox.StandardButton.Close: N_("Close"),
    QDialogButtonBox.StandardButton.Yes: N_("Yes"),
    QDialogButtonBox.StandardButton.No: N_("No"),
    QDialogButtonBox.StandardButton.Discard: N_("Don't save"),
}


def label_buttons(box: QDialogButtonBox) -> None:
    for which, text in BUTTON_TEXTS.items():
        button = box.button(which)
        if button is not None:
            button.setText(_(text))


def ask(parent, title: str, text: str, yes: str, no: str | None = None) -> bool:
    """A yes/no question whose buttons say what they do, in the user's language."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    accept = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(no or _("Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(accept)
    box.exec()
    return box.clickedButton() is accept


def inform(parent, title: str, text: str, icon=QMessageBox.Icon.Information) -> None:
    box = QMessageBox(icon, title, text, parent=parent)
    box.addButton(_("OK"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()
