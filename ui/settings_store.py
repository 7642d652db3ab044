"""The GUI's own preferences (language, font size, column widths, filters), kept per data folder
in `ui.ini`, beside the database: they belong to the installation, not to the PC's user."""

from pathlib import Path

from PySide6.QtCore import QSettings


class UiSettings:
    def __init__(self, folder: Path):
        self._settings = QSettings(str(folder / "ui.ini"), QSettings.Format.IniFormat)

    def get(self, key: str, default=None):
        value = self._settings.value(key, default)
        return default if value is None else value

    def set(self, key: str, value) -> None:
        self._settings.setValue(key, value)
        self._settings.sync()

    @property
    def language(self) -> str | None:
        return self.get("language")

    @property
    def font_size(self) -> str:
        return self.get("font_size", "normal")
