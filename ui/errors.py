"""Two kinds of failure: the environment (disk full, read-only folder, database busy: a plain
message) and our own bugs (a dialog that saves a log and lets the user continue or quit).
Nothing ends in a silent exit or a traceback on screen."""

import sys
import traceback
from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.errors import TiepCanError
from ui.strings import _, inform


def show_problem(parent: QWidget | None, error: TiepCanError) -> None:
    inform(parent, _("TiepCan"), error.message(), QMessageBox.Icon.Warning)


def explain_failure(parent: QWidget, error: BaseException, status) -> None:
    """A background task that failed: cancelled by the user (said in `status`), refused (a
    plain message), or a bug (raised again, for the crash dialog)."""
    from ui.worker import Cancelled

    if isinstance(error, Cancelled):
        status.setText(_("Cancelled. Nothing was written."))
    elif isinstance(error, TiepCanError):
        show_problem(parent, error)
    else:
        raise error


def save_log(folder: Path, error: BaseException) -> Path | None:
    text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"error-{datetime.now():%Y%m%d-%H%M%S}.log"
        path.write_text(text, encoding="utf-8")
        return path
    except OSError:
        return None


def show_crash(parent: QWidget | None, error: BaseException, log_folder: Path) -> None:
    path = save_log(log_folder, error)
    where = _("The details were saved in {path}.").format(path=path) if path else ""
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        _("TiepCan"),
        _("Something went wrong inside TiepCan. Your saved records are safe.") + "\n" + where,
        parent=parent,
    )
    box.setInformativeText(_("You can continue working, or quit and start TiepCan again."))
    keep = box.addButton(_("Continue"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(_("Quit"), QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(keep)
    box.exec()
    if box.clickedButton() is not keep:
        QApplication.exit(1)


def install_exception_hook(log_folder: Path) -> None:
    def hook(kind, error, trace):
        if isinstance(error, KeyboardInterrupt):
            QApplication.exit(1)
            return
        window = QApplication.activeWindow()
        if isinstance(error, TiepCanError):
            show_problem(window, error)
        else:
            show_crash(window, error, log_folder)

    sys.excepthook = hook
