"""Saving a file as an officer expects it: a name in the user's language, the Documents folder the
first time and the folder chosen last time afterwards. And Qt's own file dialog (the one used
where the system offers none, as under Linux) writing dates and sizes as the rest of the program
does, not in the system locale ("5 12 2026 10:27", "4.88 KiB" under the C locale)."""

import re
import unicodedata
from pathlib import Path

from PySide6.QtCore import QAbstractProxyModel, QLocale, QStandardPaths
from PySide6.QtWidgets import QApplication, QFileDialog, QFileSystemModel, QStyledItemDelegate

# What Windows refuses in a file name (and control characters); a name stays well inside the
# 260-character path limit even under a deep Documents folder.
_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
NAME_LIMIT = 120
SIZE_COLUMN, DATE_COLUMN = 1, 3  # QFileSystemModel's columns: name, size, type, date modified
DATE_FORMAT = "dd/MM/yyyy HH:mm"


def file_name(*parts: str, suffix: str) -> str:
    """A readable file name from its parts ("Sổ theo dõi hoạt động hòa giải ở cơ sở", "2026-H1"),
    in Vietnamese with its diacritics (Windows, USB sticks and mail keep Unicode names), without
    the characters Windows refuses."""
    text = " ".join(part.strip() for part in parts if part and part.strip())
    text = unicodedata.normalize("NFC", _FORBIDDEN.sub("-", text))
    text = re.sub(r"\s+", " ", text).strip(" .")[:NAME_LIMIT].rstrip(" .")
    return f"{text or 'TiepCan'}.{suffix}"


def documents_folder() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder and Path(folder).is_dir() else Path.home()


def start_folder(settings, key: str) -> Path:
    """The folder chosen last time for this kind of file (`key` in the GUI's settings) while it is
    still there (a USB stick may be gone), else the user's Documents."""
    chosen = settings.get(key)
    if chosen and Path(chosen).is_dir():
        return Path(chosen)
    return documents_folder()


def ask_save_path(
    parent, caption: str, name: str, filters: str, *, settings, key: str
) -> tuple[str, str]:
    """The save dialog, opening in start_folder() with `name` proposed; remembers the folder the
    user saved in. Returns (path, chosen filter); the path is empty if the user cancelled."""
    path, chosen = QFileDialog.getSaveFileName(
        parent, caption, str(start_folder(settings, key) / name), filters
    )
    if path:
        settings.set(key, str(Path(path).parent))
    return path, chosen


class _WrittenDates(QStyledItemDelegate):
    """Shows the size and date columns of Qt's file dialog in the program's locale and format."""

    def initStyleOption(self, option, index) -> None:
        super().initStyleOption(option, index)
        if index.column() not in (SIZE_COLUMN, DATE_COLUMN):
            return
        model, source = index.model(), index
        while isinstance(model, QAbstractProxyModel):
            source, model = model.mapToSource(source), model.sourceModel()
        if not isinstance(model, QFileSystemModel):
            return
        if index.column() == DATE_COLUMN:
            option.text = model.lastModified(source).toString(DATE_FORMAT)
        elif not model.isDir(source):
            option.text = QLocale().formattedDataSize(
                model.size(source), 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat
            )


_following = None  # the application whose file dialogs are followed


def write_file_dialog_dates() -> None:
    """From now on, each Qt file dialog that opens shows dd/MM/yyyy dates. The file system model
    formats them with QLocale::system(), which QLocale.setDefault() does not change and no
    setting reaches; its views' delegate is the one place left. Native dialogs (Windows) are
    untouched: they follow Windows' own settings."""
    global _following
    app = QApplication.instance()
    if app is None or _following is app:
        return
    app.focusChanged.connect(_on_focus)
    _following = app


def _on_focus(_old, new) -> None:
    # A dialog takes the focus when it opens: the cheapest moment to reach every one of them,
    # including those QFileDialog's static functions build and never hand out.
    dialog = new.window() if new is not None else None
    if isinstance(dialog, QFileDialog) and not isinstance(dialog.itemDelegate(), _WrittenDates):
        dialog.setItemDelegate(_WrittenDates(dialog))
