"""Qt's own dialogs and menus speak the officer's language: the right-click menu of text boxes,
Qt's file dialog (labels, buttons, dates dd/MM/yyyy), the print preview, standard buttons
(ui/qt_language.py and its catalog resources/qt/qtbase_vi.ts); and a save dialog proposes a
name in the user's language, in Documents or the folder chosen last time (ui/file_dialogs.py)."""

import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTranslator
from PySide6.QtGui import QAction
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QStyleOptionViewItem,
    QToolButton,
    QTreeView,
    QWizard,
    QWizardPage,
)

from ui.file_dialogs import documents_folder, file_name, start_folder
from ui.pages.send import SendPage
from ui.qt_language import install_qt_translation, qt_catalog
from ui.settings_store import UiSettings
from ui.theme import apply_locale

CATALOG_SOURCE = qt_catalog("vi").with_suffix(".ts")
MENU_VI = {"&Hoàn tác", "&Làm lại", "&Cắt", "&Sao chép", "&Dán", "Xóa", "Chọn tất cả"}
MENU_EN = {"&Undo", "&Redo", "Cu&t", "&Copy", "&Paste", "Delete", "Select All"}


@pytest.fixture
def in_language(qapp):
    """Switch Qt's texts as the window's language switch does (ui.theme.apply_locale); the
    application leaves the test as it came, without a Qt catalog."""
    before = QLocale()
    yield apply_locale
    install_qt_translation("en")
    QLocale.setDefault(before)


def menu_texts(widget) -> set[str]:
    menu = widget.createStandardContextMenu()
    try:
        return {a.text().split("\t")[0] for a in menu.actions() if not a.isSeparator()}
    finally:
        menu.deleteLater()


def test_text_boxes_right_click_menu_follows_the_language(qtbot, in_language):
    line, text = QLineEdit("abc"), QPlainTextEdit("abc")
    qtbot.addWidget(line)
    qtbot.addWidget(text)
    in_language("vi")
    assert menu_texts(line) >= MENU_VI
    assert menu_texts(text) >= MENU_VI
    in_language("en")
    assert menu_texts(line) >= MENU_EN
    assert menu_texts(text) >= MENU_EN


def open_qt_file_dialog(qtbot, folder: Path) -> QFileDialog:
    # Qt's own dialog: the one Linux uses (and offscreen); Windows shows its own, in its language.
    dialog = QFileDialog(None, "", str(folder), "PDF (*.pdf)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_qt_file_dialog_speaks_vietnamese(qtbot, in_language, tmp_path):
    in_language("vi")
    dialog = open_qt_file_dialog(qtbot, tmp_path)
    labels = {label.objectName(): label.text() for label in dialog.findChildren(QLabel)}
    assert labels["lookInLabel"] == "&Tìm trong:"
    assert labels["fileNameLabel"] == "&Tên tệp:"
    assert labels["fileTypeLabel"] == "&Loại tệp:"
    assert {button.text() for button in dialog.findChildren(QPushButton)} >= {"&Lưu", "Hủy"}
    tips = {button.objectName(): button.toolTip() for button in dialog.findChildren(QToolButton)}
    assert tips["backButton"] == "Quay lại" and tips["newFolderButton"] == "Tạo thư mục mới"
    model = dialog.findChild(QTreeView).model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert headers == ["Tên", "Dung lượng", "Loại", "Ngày sửa đổi"]


def shown_text(view: QTreeView, row: int, column: int) -> str:
    """What the view paints in a cell: its delegate's text, not the model's."""
    index = view.model().index(row, column, view.rootIndex())
    option = QStyleOptionViewItem()
    view.itemDelegateForIndex(index).initStyleOption(option, index)
    return option.text


def test_qt_file_dialog_writes_dates_as_the_program_does(qtbot, in_language, tmp_path):
    # The file system model writes dates in the system locale ("7 03 2026 14:05" under C).
    report = tmp_path / "báo cáo.pdf"
    report.write_bytes(b"x" * 5000)
    moment = datetime(2026, 3, 7, 14, 5).timestamp()
    os.utime(report, (moment, moment))
    in_language("vi")
    dialog = open_qt_file_dialog(qtbot, tmp_path)
    view = dialog.findChild(QTreeView)
    qtbot.waitUntil(lambda: view.model().rowCount(view.rootIndex()) == 1)
    qtbot.waitUntil(lambda: shown_text(view, 0, 3) == "07/03/2026 14:05")
    assert shown_text(view, 0, 1) == "4,9 kB"


def test_print_preview_buttons_are_vietnamese(qtbot, in_language):
    in_language("vi")
    printer = QPrinter()  # the preview keeps a pointer to it, not a reference
    preview = QPrintPreviewDialog(printer)
    qtbot.addWidget(preview)
    texts = {action.text() for action in preview.findChildren(QAction)}
    assert {"Trang sau", "Trang trước", "Phóng to", "Thu nhỏ", "Thiết lập trang", "In"} <= texts
    assert not texts & {"Next page", "Zoom in", "Page setup", "Print"}


class Recorder(QTranslator):
    """Installed before TiepCan's catalog, it is asked only what the catalog does not answer."""

    def __init__(self):
        super().__init__()
        self.asked: set[tuple[str, str]] = set()

    def translate(self, context, source, disambiguation=None, n=-1):
        self.asked.add((context, source))

    def isEmpty(self):
        return False


# Names that are the same in Vietnamese: keys (Ctrl, Shift, Del) and paper sizes (A4).
SAME_IN_VIETNAMESE = {"QShortcut", "QPageSize"}


def test_qt_asks_for_no_text_the_catalog_lacks(qtbot, in_language, tmp_path):
    """Every text Qt builds for the widgets TiepCan shows; a Qt upgrade that rewords one fails
    here rather than showing English."""
    recorder = Recorder()
    QCoreApplication.installTranslator(recorder)
    try:
        in_language("vi")
        # Installing a translator makes Qt ask again for what depends on the language (the
        # layout direction); asked before TiepCan's catalog was there, that is no gap in it.
        recorder.asked.clear()
        for widget in (QLineEdit("x"), QPlainTextEdit("x")):
            qtbot.addWidget(widget)
            menu_texts(widget)
        for mode in (QFileDialog.FileMode.ExistingFile, QFileDialog.FileMode.Directory):
            dialog = open_qt_file_dialog(qtbot, tmp_path)
            dialog.setFileMode(mode)
            dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
            dialog.close()
        box = QMessageBox(QMessageBox.Icon.Question, "", "", QMessageBox.StandardButton.Ok)
        box.setDetailedText("…")
        qtbot.addWidget(box)
        every_button = QDialogButtonBox.StandardButton.NoButton
        for button in QDialogButtonBox.StandardButton:
            every_button |= button
        qtbot.addWidget(QDialogButtonBox(every_button))
        printer = QPrinter()  # the preview keeps a pointer to it, not a reference
        preview = QPrintPreviewDialog(printer)
        qtbot.addWidget(preview)
        preview.show()
        print_dialog = QPrintDialog(printer)  # Qt's own under Linux; Windows shows its own
        qtbot.addWidget(print_dialog)
        print_dialog.show()
        qtbot.addWidget(QProgressDialog())
        wizard = QWizard()
        wizard.addPage(QWizardPage())
        qtbot.addWidget(wizard)
        wizard.show()
        missing = {ask for ask in recorder.asked if ask[0] not in SAME_IN_VIETNAMESE}
        assert not missing, f"add to {CATALOG_SOURCE.name}: {sorted(missing)}"
    finally:
        QCoreApplication.removeTranslator(recorder)


def catalog_messages():
    root = ET.parse(CATALOG_SOURCE).getroot()
    for context in root.iter("context"):
        for message in context.iter("message"):
            yield (
                context.findtext("name"),
                message.findtext("source"),
                message.findtext("translation"),
            )


def test_catalog_keeps_placeholders_and_one_mnemonic():
    messages = list(catalog_messages())
    assert len(messages) > 200
    for context, source, translation in messages:
        where = f"{context}: {source!r} → {translation!r}"
        assert translation, where
        marks = re.compile(r"%(?:\d+|p)")
        assert sorted(marks.findall(source)) == sorted(marks.findall(translation)), where
        assert translation.replace("&&", "").count("&") <= 1, where


def lrelease() -> str:
    """PySide6's own lrelease (pyside6-essentials installs it beside python)."""
    found = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent))
    return found or shutil.which("pyside6-lrelease")


def test_shipped_catalog_is_compiled_from_its_source(tmp_path):
    compiled = tmp_path / "qtbase_vi.qm"
    subprocess.run(
        [lrelease(), "-silent", str(CATALOG_SOURCE), "-qm", str(compiled)],
        check=True,
        capture_output=True,
    )
    assert compiled.read_bytes() == qt_catalog("vi").read_bytes(), (
        f"recompile: pyside6-lrelease {CATALOG_SOURCE} -qm {qt_catalog('vi')}"
    )


def test_file_name_keeps_vietnamese_and_drops_what_windows_refuses():
    assert file_name("Sổ theo dõi", "2026-H1", "", suffix="pdf") == "Sổ theo dõi 2026-H1.pdf"
    assert file_name("Thẻ khóa: Phường 1/2?", suffix="card") == "Thẻ khóa- Phường 1-2-.card"
    decomposed = "Ho\u0300a gia\u0309i"  # as some keyboards type it
    assert file_name(decomposed, suffix="pdf") == "Hòa giải.pdf"
    assert len(file_name("x" * 500, suffix="pdf")) < 130


@pytest.fixture
def send_page(qtbot, ward):
    window = QMainWindow()
    page = SendPage(ward, UiSettings(ward.folder.root), window)
    window.setCentralWidget(page)
    qtbot.addWidget(window)
    window.show()
    page.host = window
    return page


def test_key_card_is_proposed_in_vietnamese_in_documents(qtbot, send_page, ward, monkeypatch):
    offered = []
    chosen = ward.folder.root / "the-usb"
    chosen.mkdir()

    def save_name(_parent, _caption, suggested, *_args, **_kwargs):
        offered.append(Path(suggested))
        return str(chosen / "the.card"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    monkeypatch.setattr("ui.pages.send.inform", lambda *a: None)
    send_page._save_card()
    unit = ward.installation["unit_name"]
    assert offered[0] == documents_folder() / f"Thẻ khóa {unit} ({ward.unit_code}).card"
    assert (chosen / "the.card").is_file()
    send_page._save_card()  # the folder chosen last time, while it is there
    assert offered[1].parent == chosen
    chosen.joinpath("the.card").unlink()
    chosen.rmdir()  # the stick is gone
    assert start_folder(send_page.settings, "send/card_folder") == documents_folder()


def test_key_card_is_proposed_in_english_when_chosen(qtbot, send_page, ward, monkeypatch):
    monkeypatch.setattr("app.i18n._current", "en")
    offered = []
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        lambda _p, _c, name, *a, **k: offered.append(name) or ("", ""),
    )
    send_page._save_card()
    unit = ward.installation["unit_name"]
    assert Path(offered[0]).name == f"Key card of {unit} ({ward.unit_code}).card"
