"""Run by tests/test_gui_scaling.py in a process of its own (QT_SCALE_FACTOR must be set before
Qt starts): every page and every form at 200% with the largest font; prints each label or
button whose text does not fit, one per line, and nothing when all fit."""

import sys

from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QLabel, QWidget


def clipped(root: QWidget) -> list[str]:
    problems = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or widget.width() <= 0:
            continue
        if (isinstance(widget, QLabel) and not widget.wordWrap() and widget.text()) or (
            isinstance(widget, QAbstractButton) and widget.text()
        ):
            need = widget.sizeHint().width()
        elif isinstance(widget, QComboBox) and widget.currentText():
            need = widget.minimumSizeHint().width()
        else:
            continue
        if widget.width() + 1 < need:
            text = widget.text() if hasattr(widget, "text") else widget.currentText()
            problems.append(f"{type(widget).__name__} {text!r}: {widget.width()} < {need}")
    return problems


LOGICAL_SCREEN = (960, 540)


def too_big(where: str, widget: QWidget) -> list[str]:
    """A window whose layout needs more than the screen has would run off its edge."""
    need = widget.minimumSizeHint()
    width, height = LOGICAL_SCREEN
    if need.width() > width or need.height() > height:
        return [f"{where}: needs at least {need.width()}×{need.height()}"]
    return []


def main(folder: str, language: str) -> int:
    from app.db.store import Store
    from app.i18n import set_language
    from app.services import records as svc
    from ui.forms.record_dialog import RecordDialog
    from ui.main_window import MainWindow
    from ui.settings_store import UiSettings
    from ui.theme import apply_theme

    app = QApplication([])
    set_language(language)
    apply_theme(app, "largest")
    store = Store.open(folder)
    window = MainWindow(store, UiSettings(store.folder.root))
    # A 1920×1080 screen at 200% is 960×540 logical pixels: the window gets that much.
    window.resize(*LOGICAL_SCREEN)
    window.show()
    problems = []
    for row in range(window.navigation.count()):
        window.navigation.setCurrentRow(row)
        app.processEvents()
        problems += [f"page {row}: {p}" for p in clipped(window)]
        problems += too_big(f"page {row}", window)
    for kind in ("sessions", "cases", "people", "teams", "trainings"):
        record = svc.list_records(store, kind, limit=1)
        dialog = RecordDialog(store, kind, record[0] if record else None, window)
        dialog.resize(*LOGICAL_SCREEN)
        dialog.show()
        app.processEvents()
        problems += [f"{kind} form: {p}" for p in clipped(dialog)]
        problems += too_big(f"{kind} form", dialog)
        dialog.done(0)
    for problem in problems:
        print(problem)
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
