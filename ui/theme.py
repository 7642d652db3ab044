"""Looks: native widgets, one accent colour, readable font sizes, generous spacing."""

from PySide6.QtCore import QLocale
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from app.i18n import N_
from ui.file_dialogs import write_file_dialog_dates
from ui.qt_language import install_qt_translation

ACCENT = "#1f6f8b"  # a calm teal-blue, readable on white and as a highlight
ERROR_COLOUR = "#b3261e"
FONT_SIZES = {"normal": 10, "large": 12, "larger": 14, "largest": 16}
FONT_SIZE_LABELS = {
    "normal": N_("Normal"),
    "large": N_("Large"),
    "larger": N_("Larger"),
    "largest": N_("Largest"),
}
SPACING = 10


def apply_theme(app: QApplication, font_size: str) -> None:
    font = QFont(app.font())
    font.setPointSize(FONT_SIZES.get(font_size, FONT_SIZES["normal"]))
    app.setFont(font)
    palette = app.palette()
    palette.setColor(QPalette.ColorRole.Highlight, QColor(ACCENT))
    palette.setColor(QPalette.ColorRole.Link, QColor(ACCENT))
    app.setPalette(palette)
    app.setStyleSheet(
        f"""
        QListWidget#navigation {{ border: none; background: palette(window); }}
        QListWidget#navigation::item {{ padding: 9px 14px; border-radius: 6px; }}
        QListWidget#navigation::item:selected {{ background: {ACCENT}; color: white; }}
        QLabel[role="heading"] {{ font-size: {FONT_SIZES.get(font_size, 10) + 5}pt; font-weight: 600; }}
        QLabel[role="figure"] {{ font-size: {FONT_SIZES.get(font_size, 10) + 8}pt; font-weight: 600; color: {ACCENT}; }}
        QLabel[role="hint"] {{ color: palette(placeholder-text); }}
        QLabel[role="error"] {{ color: {ERROR_COLOUR}; }}
        QLabel[role="warning"] {{ font-weight: 600; }}
        QLabel[role="empty"] {{ color: palette(placeholder-text); font-size: {FONT_SIZES.get(font_size, 10) + 1}pt; }}
        """
    )


def apply_locale(language: str) -> None:
    """Qt's own texts in the user's language: those that follow the locale (calendar month and
    day names), the words of Qt's dialogs and menus (ui/qt_language.py), and the dates of Qt's
    file dialog (ui/file_dialogs.py)."""
    QLocale.setDefault(QLocale("vi_VN" if language == "vi" else "en_GB"))
    install_qt_translation(language)
    write_file_dialog_dates()
