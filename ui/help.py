"""Help from the main window: F1 anywhere opens the user guide at the page for the screen in view,
and two quiet entries under the sidebar, “Guide (F1)” and “About”, reachable with Tab."""

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from app.guide import FIRST_PAGE
from ui.strings import _

# The window's pages (ui.main_window.WARD_PAGES, DISTRICT_PAGES) → the guide's (app.guide.PAGES).
# A district's lists of sessions, cases, people and teams are the ward's, read only: same pages.
GUIDE_PAGE_OF = {
    "overview": "overview",
    "sessions": "sessions",
    "cases": "cases",
    "people": "people",
    "teams": "teams",
    "trainings": "trainings",
    "reports": "reports",
    "send": "send",
    "settings": "settings",
    "dashboard": "district-overview",
    "inbox": "inbox",
    "tracker": "tracker",
    "conflicts": "conflicts",
    "wards": "wards",
}
# Flat, left-aligned and padded like the sidebar's items above them: part of the sidebar.
LINK_STYLE = "QPushButton { text-align: left; padding: 7px 16px; }"


class HelpLinks(QWidget):
    """The two entries under the sidebar, and F1 on the whole window."""

    def __init__(self, window):
        super().__init__(window)
        self.main_window = window
        self.guide = None  # the guide's window, kept while open so F1 brings it back
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.guide_button = QPushButton(self)
        self.about_button = QPushButton(self)
        for button in (self.guide_button, self.about_button):
            button.setFlat(True)
            button.setStyleSheet(LINK_STYLE)
            layout.addWidget(button)
        self.guide_button.clicked.connect(lambda: self.open_guide())
        self.about_button.clicked.connect(self.open_about)
        help_key = QAction(self)
        help_key.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        help_key.triggered.connect(lambda: self.open_guide())
        window.addAction(help_key)
        self.retranslate()

    def retranslate(self) -> None:
        # Short enough not to widen the sidebar (its width holds at 200% with the largest font).
        self.guide_button.setText(_("Guide (F1)"))
        self.guide_button.setToolTip(_("User guide"))
        self.about_button.setText(_("About"))
        self.about_button.setToolTip(_("About TiepCan"))
        if self.guide is not None:
            self.guide.retranslate()

    def current_guide_page(self) -> str:
        window = self.main_window
        row = window.navigation.currentRow()
        if not 0 <= row < len(window.page_list):
            return FIRST_PAGE
        return GUIDE_PAGE_OF.get(window.page_list[row][0], FIRST_PAGE)

    def open_guide(self, slug: str | None = None) -> None:
        """The guide at `slug`, or at the page for the screen in view."""
        from ui.dialogs.guide import GuideDialog

        if self.guide is None:
            self.guide = GuideDialog(self.main_window.settings, self.main_window)
        self.guide.show_page(slug or self.current_guide_page())
        self.guide.show()
        self.guide.raise_()
        self.guide.activateWindow()

    def open_about(self) -> None:
        from ui.dialogs.about import AboutDialog

        folder = self.main_window.folder
        AboutDialog(folder.root if folder is not None else None, self.main_window).exec()
