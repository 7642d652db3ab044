"""Qt's own words in the user's language: the file dialog ("Tìm trong", "Tên tệp"), the
right-click menu of text boxes (Hoàn tác, Cắt, Sao chép, Dán), the print preview's buttons, the
standard buttons of message boxes.

Qt ships no Vietnamese catalog (its translations folder has qtbase_de.qm, qtbase_fr.qm… but no
qtbase_vi.qm), so TiepCan carries its own: resources/qt/qtbase_vi.ts, compiled to the
qtbase_vi.qm beside it (resources/README.md says how). English needs none: it is Qt's source
language."""

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

from app.paths import shipped_dir

_installed: tuple[str, QTranslator] | None = None  # (language, its translator)


def qt_catalog(language: str) -> Path:
    return shipped_dir("resources") / "qt" / f"qtbase_{language}.qm"


def install_qt_translation(language: str) -> None:
    """Qt's texts in `language` from now on (widgets Qt builds later, such as a context menu or a
    file dialog, come out in it); the previous language's catalog is removed."""
    global _installed
    app = QCoreApplication.instance()
    if app is None:
        return
    if _installed is not None:
        if _installed[0] == language:
            return
        QCoreApplication.removeTranslator(_installed[1])
        _installed = None
    catalog = qt_catalog(language)
    if not catalog.is_file():
        return
    translator = QTranslator(app)
    if translator.load(str(catalog)) and QCoreApplication.installTranslator(translator):
        _installed = (language, translator)
