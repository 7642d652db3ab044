"""Help in the window: F1 opens the user guide at the page for the screen in view, the sidebar's
“Guide (F1)” and “About”, the guide's contents, search and PDF, and About's facts."""

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QApplication

from app import __version__, guide
from app.db.schema import SCHEMA_HEAD
from app.i18n import LANGUAGES
from tests.gui_helpers import accept_message, when_modal
from ui.help import GUIDE_PAGE_OF
from ui.main_window import DISTRICT_PAGES, WARD_PAGES, MainWindow
from ui.settings_store import UiSettings


def test_every_page_of_the_window_has_its_guide_page_in_both_languages():
    for key, _label in (*WARD_PAGES, *DISTRICT_PAGES):
        slug = GUIDE_PAGE_OF.get(key)
        assert slug in guide.PAGES, f"the window's page {key!r} has no guide page"
        for language in LANGUAGES:
            assert guide.page_path(slug, language).is_file(), (key, language)


def _window(qtbot, store):
    window = MainWindow(store, UiSettings(store.folder.root))
    qtbot.addWidget(window)
    _activate(qtbot, window)
    return window


def _activate(qtbot, window):
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()


def _press_f1(qtbot, window) -> None:
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_F1)


def _shown_slug(dialog) -> str:
    return dialog.contents.currentItem().data(0, Qt.ItemDataRole.UserRole)


def _check_f1_on_every_page(qtbot, window):
    for row, (key, _label) in enumerate(window.page_list):
        window.navigation.setCurrentRow(row)
        _press_f1(qtbot, window)
        dialog = window.help.guide
        assert dialog is not None and dialog.isVisible(), key
        expected = GUIDE_PAGE_OF[key]
        assert dialog.slug == expected and _shown_slug(dialog) == expected
        title = guide.read_page(expected, "vi").title
        assert dialog.page.toPlainText().startswith(title), key
        _activate(qtbot, window)  # back to work in the main window


def test_f1_opens_the_guide_at_the_page_in_view_at_a_ward(qtbot, ward):
    window = _window(qtbot, ward)
    _check_f1_on_every_page(qtbot, window)
    assert len(window.findChildren(type(window.help.guide))) == 1  # one guide, brought back


def test_f1_opens_the_guide_at_the_page_in_view_at_a_district(qtbot, district):
    _check_f1_on_every_page(qtbot, _window(qtbot, district))


def test_the_sidebar_offers_the_guide_and_about_by_keyboard(qtbot, ward):
    window = _window(qtbot, ward)
    links = window.help
    assert "(F1)" in links.guide_button.text()
    for button in (links.guide_button, links.about_button):
        assert button.isVisible() and button.focusPolicy() & Qt.FocusPolicy.TabFocus
    window.navigation.setCurrentRow(2)  # Mediation cases
    links.guide_button.setFocus()
    qtbot.keyClick(links.guide_button, Qt.Key.Key_Space)
    assert links.guide.isVisible() and links.guide.slug == "cases"


def test_the_guide_follows_links_and_searches_without_diacritics(qtbot, ward):
    window = _window(qtbot, ward)
    window.help.open_guide("start")
    dialog = window.help.guide
    dialog.page.anchorClicked.emit(QUrl("people.md"))
    assert dialog.slug == "people" and _shown_slug(dialog) == "people"
    dialog.search.setText("kiem tra co so du lieu")
    visible = {
        item.data(0, Qt.ItemDataRole.UserRole) for item in dialog._items() if not item.isHidden()
    }
    assert "backups" in visible and "trainings" not in visible
    dialog.find_next()  # Enter: the first page that has it, the words marked
    assert dialog.slug in visible and dialog.page.extraSelections()
    assert "kiểm tra" in dialog.page.textCursor().selectedText().lower()


def test_the_guide_is_in_english_when_the_window_is(qtbot, ward, monkeypatch):
    monkeypatch.setattr("app.i18n._current", "en")
    window = _window(qtbot, ward)
    window.navigation.setCurrentRow(1)  # Outreach sessions
    _press_f1(qtbot, window)
    assert window.help.guide.page.toPlainText().startswith("Outreach sessions")
    assert window.help.guide_button.text() == "Guide (F1)"


def test_the_guide_saves_itself_as_a_pdf(qtbot, ward, tmp_path, monkeypatch):
    window = _window(qtbot, ward)
    window.help.open_guide()
    dialog = window.help.guide
    target = tmp_path / "guide"
    monkeypatch.setattr("ui.dialogs.guide.ask_save_path", lambda *args, **kwargs: (str(target), ""))
    said = []

    def close_message(box):
        said.append(box.text())
        accept_message(qtbot, box)  # “Close”, not “Open file”

    errors = when_modal(qtbot, close_message, timeout_ms=30_000)
    dialog.pdf_button.click()
    qtbot.waitUntil(lambda: bool(said), timeout=30_000)
    assert not errors
    written = tmp_path / "guide.pdf"
    assert written.is_file() and written.read_bytes().startswith(b"%PDF")
    assert str(written) in said[0]
    qtbot.waitUntil(lambda: dialog.pdf_button.isEnabled())


def test_about_names_the_version_the_schema_the_folder_and_the_licences(qtbot, ward):
    window = _window(qtbot, ward)
    seen = []

    def read(dialog):
        seen.append(dialog.text())
        dialog.reject()

    errors = when_modal(qtbot, read)
    qtbot.keyClick(window.help.about_button, Qt.Key.Key_Space)
    assert not errors and seen
    text = seen[0]
    assert __version__ in text and SCHEMA_HEAD in text
    assert str(ward.folder.root) in text
    for licence in ("OFL-1.1", "LGPL-3.0", "PSF-2.0", "GPL-3.0-or-later", "Apache-2.0", "MIT"):
        assert licence in text, licence
    for part in (
        "Liberation Serif",
        "Qt / PySide6",
        "ReportLab",
        "SQLAlchemy",
        "vietnam-provinces",
    ):
        assert part in text, part


def test_enter_in_the_guide_never_saves_a_pdf(qtbot, ward, monkeypatch):
    """Enter in the search box goes to the next match: no button of the guide is its default
    (Enter once opened the "Save as PDF" dialog)."""
    from PySide6.QtWidgets import QFileDialog

    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: asked.append(1) or ("", ""))
    window = _window(qtbot, ward)
    window.help.open_guide("start")
    dialog = window.help.guide
    dialog.search.setFocus()
    dialog.search.setText("sao luu")
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert not asked and dialog.isVisible()
    assert not any(button.isDefault() for button in dialog.buttons.buttons())
