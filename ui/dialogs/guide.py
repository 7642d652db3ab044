"""The user guide in a window of its own, beside the main window (the officer reads and works at
the same time): the contents, a search that ignores diacritics, the page with its pictures, and
“Print / Save as PDF…”, which writes the whole guide as one PDF (app.guide)."""

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QImage,
    QKeySequence,
    QShortcut,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import guide
from app.errors import N_, EnvironmentProblem, TiepCanError, os_reason
from app.i18n import current_language
from app.text import fold
from ui.errors import show_problem
from ui.file_dialogs import ask_save_path, file_name
from ui.strings import _, label_buttons
from ui.worker import run_task

SLUG = Qt.ItemDataRole.UserRole
PICTURE_MARGIN = 48  # pixels left beside a picture drawn as wide as the page
FOUND = QColor("#fff1a8")  # the search's matches, as a highlighter pen marks them


class GuideBrowser(QTextBrowser):
    """The page, with its pictures scaled smoothly to the width they are drawn at (the text
    document's own scaling drops pixels, and the screenshots' small text with them)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._pictures: dict[str, QImage] = {}

    def picture(self, path: Path, width: int, height: int) -> str:
        address = f"guide-picture:{path.parent.name}/{path.name}?{width}x{height}"
        if address not in self._pictures:
            image = QImage(str(path))
            if image.width() != width:
                image = image.scaled(
                    width,
                    height,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            self._pictures[address] = image
        return address

    def loadResource(self, kind: int, url: QUrl):
        picture = self._pictures.get(url.toString())
        if picture is not None:
            return picture
        return super().loadResource(kind, url)


class GuideDialog(QDialog):
    def __init__(self, settings, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.language = guide.guide_language(current_language())
        self.slug: str | None = None
        self._matches: list[tuple[int, int]] = []
        self._task = None
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search_changed)
        self.search.returnPressed.connect(self.find_next)
        self.contents = QTreeWidget(self)
        self.contents.setHeaderHidden(True)
        self.contents.setRootIsDecorated(False)
        self.contents.currentItemChanged.connect(self._picked)
        self.page = GuideBrowser(self)
        self.page.setOpenLinks(False)  # a link to another page opens it here, not as a file
        self.page.anchorClicked.connect(self._follow)
        self.page.document().setDocumentMargin(16)
        left = QWidget(self)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.search)
        column.addWidget(self.contents, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self.page)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([270, 730])
        self.pdf_button = QPushButton(self)
        self.pdf_button.clicked.connect(self.save_pdf)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.addButton(self.pdf_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.close)
        # No default button: Enter belongs to the search box (next match) and the contents
        # (open the page), never to "Save as PDF" or Close.
        for button in self.buttons.buttons():
            button.setAutoDefault(False)
            button.setDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)
        QShortcut(QKeySequence.StandardKey.Find, self, self._focus_search)
        QShortcut(QKeySequence.StandardKey.FindNext, self, self.find_next)
        # Pictures follow the page's width: drawn again once the resizing stops.
        self._resized = QTimer(self, singleShot=True, interval=120)
        self._resized.timeout.connect(self._render)
        self.resize(1040, 740)
        self.retranslate()

    # -- texts -------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.language = guide.guide_language(current_language())
        self.setWindowTitle(_("User guide – TiepCan"))
        self.search.setPlaceholderText(_("Search the guide — diacritics optional (Ctrl+F)"))
        self.pdf_button.setText(_("Print / Save as PDF…"))
        label_buttons(self.buttons)
        self._fill_contents()
        if self.slug:
            self._render()

    def _fill_contents(self) -> None:
        self.contents.blockSignals(True)
        self.contents.clear()
        bold = self.contents.font()
        bold.setBold(True)
        for title, slugs in guide.SECTIONS:
            section = QTreeWidgetItem(self.contents, [_(title)])
            section.setFont(0, bold)
            section.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a heading, not a page to choose
            for slug in slugs:
                item = QTreeWidgetItem(section, [guide.read_page(slug, self.language).title])
                item.setData(0, SLUG, slug)
        self.contents.expandAll()
        self.contents.blockSignals(False)
        self._apply_filter()
        if self.slug:
            self._select(self.slug)

    def _items(self):
        for index in range(self.contents.topLevelItemCount()):
            section = self.contents.topLevelItem(index)
            for child in range(section.childCount()):
                yield section.child(child)

    def _select(self, slug: str) -> None:
        for item in self._items():
            if item.data(0, SLUG) == slug:
                self.contents.blockSignals(True)
                self.contents.setCurrentItem(item)
                self.contents.blockSignals(False)
                return

    # -- pages -------------------------------------------------------------------------------

    def show_page(self, slug: str) -> None:
        """Open the guide at `slug` (a page of app.guide.PAGES)."""
        if slug not in guide.PAGES:
            slug = guide.FIRST_PAGE
        self.slug = slug
        self._select(slug)
        self._render(top=True)

    def _picked(self, item, _previous) -> None:
        slug = item.data(0, SLUG) if item is not None else None
        if slug and slug != self.slug:
            self.slug = slug
            self._render(top=True)

    def _render(self, top: bool = False) -> None:
        if not self.slug:
            return
        bar = self.page.verticalScrollBar()
        share = bar.value() / bar.maximum() if bar.maximum() and not top else 0.0
        width = max(self.page.viewport().width() - PICTURE_MARGIN, 200)
        page = guide.read_page(self.slug, self.language)
        self.page.setHtml(guide.page_html(page, width, self.page.picture))
        bar.setValue(round(share * bar.maximum()))
        self._highlight()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.slug:  # the page's width is known only now: pictures drawn to fit it
            self._render()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.slug:
            self._resized.start()

    def _follow(self, url: QUrl) -> None:
        slug = guide.linked_page(url.toString())
        if slug:
            self.show_page(slug)
        elif url.scheme() in ("http", "https"):
            QDesktopServices.openUrl(url)

    # -- search ------------------------------------------------------------------------------

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _search_changed(self) -> None:
        self._apply_filter()
        self._highlight()

    def _apply_filter(self) -> None:
        """Only the pages holding every word typed stay in the contents."""
        found = set(guide.search(self.language, self.search.text()))
        for index in range(self.contents.topLevelItemCount()):
            section = self.contents.topLevelItem(index)
            shown = 0
            for child in range(section.childCount()):
                item = section.child(child)
                item.setHidden(item.data(0, SLUG) not in found)
                shown += not item.isHidden()
            section.setHidden(shown == 0)

    def _highlight(self) -> None:
        """Mark every place the words typed appear on the page (with or without diacritics)."""
        words = fold(self.search.text()).split()
        self._matches = []
        # Marked only on a page the contents keep (one that holds every word typed).
        if words and self.slug in guide.search(self.language, self.search.text()):
            document = self.page.document()
            # One folded letter per letter of the page, so a position found is a cursor's.
            text = "".join((fold(letter) or letter)[:1] for letter in document.toRawText())
            phrase = " ".join(words)
            # The words as typed, together, where the page has them so; else each word.
            for wanted in [phrase] if phrase in text else words:
                start = text.find(wanted)
                while start >= 0:
                    self._matches.append((start, start + len(wanted)))
                    start = text.find(wanted, start + len(wanted))
            self._matches.sort()
        selections = []
        for start, end in self._matches:
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.page.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selection.format.setBackground(FOUND)
            selections.append(selection)
        self.page.setExtraSelections(selections)

    def find_next(self) -> None:
        """Enter in the search: the next place on this page, or the first page that has the
        words (together, as typed, if a page has them so)."""
        typed = self.search.text()
        if not typed.strip():
            return
        together = guide.search_together(self.language, typed)
        found = together or guide.search(self.language, typed)
        # This page, if it has the words (together, when any page has them together).
        here = self.slug in together if together else bool(self._matches)
        if not here:
            if not found:
                return
            self.show_page(found[0])
            if not self._matches:
                return
            position = -1
        else:
            position = self.page.textCursor().selectionEnd()
        start, end = next(((s, e) for s, e in self._matches if s >= position), self._matches[0])
        cursor = self.page.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.page.setTextCursor(cursor)
        self.page.ensureCursorVisible()

    # -- the PDF -----------------------------------------------------------------------------

    def save_pdf(self) -> None:
        """The whole guide as one PDF, to print or keep; written in the background."""
        if self._task is not None:
            return
        path, _filter = ask_save_path(
            self,
            _("Save the guide as PDF"),
            file_name(_("TiepCan user guide"), suffix="pdf"),
            _("PDF document (*.pdf)"),
            settings=self.settings,
            key="guide/folder",
        )
        if not path:
            return
        target = Path(path) if path.lower().endswith(".pdf") else Path(f"{path}.pdf")
        language = self.language

        def work(_report) -> Path:
            guide.write_guide_pdf(language, target)
            return target

        self.pdf_button.setEnabled(False)
        self.setCursor(Qt.CursorShape.BusyCursor)
        self._task = run_task(work, self._saved, self._failed)

    def _done(self) -> None:
        self._task = None
        self.pdf_button.setEnabled(True)
        self.unsetCursor()

    def _saved(self, path: Path) -> None:
        self._done()
        box = QMessageBox(
            QMessageBox.Icon.Information,
            _("User guide"),
            _("The guide was saved to {path}. Open it to read or print it.").format(path=path),
            parent=self,
        )
        open_button = box.addButton(_("Open file"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(_("Close"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(open_button)
        box.exec()
        if box.clickedButton() is open_button:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _failed(self, error: BaseException) -> None:
        self._done()
        if isinstance(error, OSError):
            error = EnvironmentProblem(
                N_("The guide could not be saved: {error}"), error=os_reason(error)
            )
        if not isinstance(error, TiepCanError):
            raise error
        show_problem(self, error)
