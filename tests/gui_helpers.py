"""Driving modal dialogs from tests: the dialog's exec() runs its own event loop, so the test
schedules what the user does in it before opening it."""

import re

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox


def when_modal(qtbot, action, timeout_ms: int = 5000) -> list:
    """Run `action(dialog)` once a modal dialog is open; returns a list that receives any
    exception the action raised (so the test can re-raise it after exec() returns)."""
    errors: list = []

    def poll(remaining=timeout_ms):
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            if remaining > 0:
                QTimer.singleShot(20, lambda: poll(remaining - 20))
            return
        try:
            action(dialog)
        except BaseException as error:  # reported by the test, not lost in the event loop
            errors.append(error)
            dialog.reject() if not isinstance(dialog, QMessageBox) else dialog.close()

    QTimer.singleShot(0, poll)
    return errors


def press_save(qtbot, dialog) -> None:
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton
    )


def accept_message(qtbot, box: QMessageBox) -> None:
    """Click the box's accepting button (the one that says what it does)."""
    button = next(
        b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole
    )
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_text(qtbot, widget, text: str) -> None:
    """Type as an officer does: plain letters as key presses, Vietnamese letters through the
    input method (Unikey, the system IME), which commits them as text, as Qt receives them."""
    for run in re.findall(r"[\x20-\x7e]+|[^\x20-\x7e]+", text):
        if run.isascii():
            qtbot.keyClicks(widget, run)
        else:
            event = QInputMethodEvent()
            event.setCommitString(run)
            QApplication.sendEvent(widget, event)


def type_into(qtbot, editor, text: str) -> None:
    """Replace an editor's text the way a user does: select all, then type."""
    widget = getattr(editor, "editor", editor)
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, widget, text)


def mnemonic_key(widget):
    """The Qt key of a widget's Alt shortcut (the letter after "&" in its text), so a test
    presses what the user sees in whichever language is shown."""
    text = widget.text()
    letter = text[text.index("&") + 1].upper()
    return getattr(Qt.Key, f"Key_{letter}")
