"""The district's "Wards and keys" page: registering wards' cards by the fingerprint read over the
phone (from the keyboard alone), the list of the province's wards, revoking a key, undoing a
ward's last import, and the printable confirmation of a registration."""

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtPrintSupport import QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow, QMessageBox

from app.i18n import set_language
from app.services import records as svc
from app.services.setup import set_up
from app.sync.export import export_bundle
from app.sync.importer import import_bundles
from app.sync.keys import KeyFolder
from app.sync.trust import export_card, revocation_reasons, show_keys, trust_list
from app.sync.undo import undo_last_import
from tests import factories as f
from tests.exchange import introduce, table_rows
from tests.gui_helpers import accept_message, type_text, when_modal
from ui.dialogs.register_ward import RegisterWardDialog
from ui.dialogs.revoke_key import RevokeKeyDialog
from ui.pages.ward_table import COLUMNS
from ui.pages.wards import WardsPage
from ui.settings_store import UiSettings

SECOND_WARD = "00070"  # Phường Hoàn Kiếm, also in province 01


@pytest.fixture
def page(qtbot, district):
    window = QMainWindow()
    page = WardsPage(district, UiSettings(district.folder.root), window)
    window.setCentralWidget(page)
    qtbot.addWidget(window)
    window.resize(1100, 700)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    page.refresh()
    page.host = window  # keeps the window (and so the page) alive for the test
    return page


@pytest.fixture
def second_ward(tmp_path):
    result = set_up(tmp_path / "ward2", "ward", SECOND_WARD, province="01", officer="Trần Văn Bình")
    yield result.store
    result.store.close()


def _refresh(qtbot, page) -> None:
    """As when the page is shown, and laid out: the keys box appears once a ward is listed."""
    page.refresh()
    qtbot.waitUntil(lambda: page.keys_box.isHidden() or page.revoke_button.height() > 0)


def _card_file(store, folder, name: str):
    path = folder / f"{name}.card"
    path.write_bytes(export_card(store))
    return path


def _pick(monkeypatch, path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))


def _registered(store) -> dict[str, list[str]]:
    return {w["code"]: [k["key_id"] for k in w["keys"]] for w in trust_list(store)["wards"]}


def _cell(page, code: str, column: str) -> str:
    model = page.model
    return model.index(model.row_of(code), [c for c, _l in COLUMNS].index(column)).data()


_pollers: list[list] = []  # every waiting poller's error list, so a test can stop them all


def _stop_polling() -> None:
    """A poller left waiting for a box that never came must not act on a later test's box."""
    for errors in _pollers:
        errors.append(None)
    _pollers.clear()


def _when_message_box(action, timeout_ms: int = 5000) -> list:
    """Like when_modal, but waits for a message box opened over another modal dialog."""
    errors: list = []
    _pollers.append(errors)

    def poll(remaining=timeout_ms):
        if None in errors:  # stopped
            return
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            if remaining > 0:
                QTimer.singleShot(20, lambda: poll(remaining - 20))
            return
        try:
            action(box)
        except BaseException as error:
            errors.append(error)
            box.close()

    QTimer.singleShot(0, poll)
    return errors


def _register_by_keyboard(qtbot, page, fingerprint: str, replace: bool = False) -> dict:
    """Ctrl+O, type the fingerprint in the field that has the focus, Enter; then Enter on the
    questions that follow (replacement, confirmation). Returns what was seen."""
    seen: dict = {"boxes": 0}

    def answer(box):
        seen["boxes"] += 1
        # The accepting button is the default one: Enter presses it.
        qtbot.keyClick(box, Qt.Key.Key_Return)
        if replace and seen["boxes"] == 1:
            _when_message_box(answer_confirmation)

    def answer_confirmation(box):
        seen["boxes"] += 1
        qtbot.keyClick(box, Qt.Key.Key_Return)

    def in_dialog(dialog):
        assert isinstance(dialog, RegisterWardDialog)
        seen["replaces"] = dialog.replaces
        dialog.activateWindow()  # the offscreen platform does not activate it by itself
        qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.fingerprint)
        _when_message_box(answer)
        type_text(qtbot, QApplication.focusWidget(), fingerprint)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
        seen["open_after"] = dialog.isVisible()
        seen["error"] = dialog.error.text()
        if dialog.isVisible():
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    errors = when_modal(qtbot, in_dialog)
    page.window().activateWindow()  # back from an earlier dialog: offscreen does not do it
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page.window())
    page.search.setFocus()
    qtbot.keyClick(page.search, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    _stop_polling()
    assert not errors, errors
    assert "open_after" in seen  # the dialog did open
    return seen


def test_two_wards_registered_by_keyboard(
    qtbot, page, district, ward, second_ward, tmp_path, monkeypatch
):
    assert page.stack.currentWidget() is page.empty  # nothing registered: says what to do
    assert page.empty.text()

    _pick(monkeypatch, _card_file(ward, tmp_path, "00167"))
    seen = _register_by_keyboard(qtbot, page, show_keys(ward)["fingerprint"].replace(" ", ""))
    assert seen["open_after"] is False and seen["boxes"] == 1 and not seen["replaces"]
    assert _registered(district) == {"00167": [show_keys(ward)["key_id"]]}

    _pick(monkeypatch, _card_file(second_ward, tmp_path, SECOND_WARD))
    seen = _register_by_keyboard(qtbot, page, show_keys(second_ward)["fingerprint"])
    assert seen["open_after"] is False
    assert set(_registered(district)) == {"00167", SECOND_WARD}

    # Both listed, the last one registered selected, its key shown.
    assert {entry.code for entry in page.model.entries} == {"00167", SECOND_WARD}
    assert page.selected_code() == SECOND_WARD
    assert page.keys_table.rowCount() == 1
    assert page.keys_table.item(0, 0).text() == show_keys(second_ward)["key_id"]
    assert page.status.text()  # the outcome stays in view


def test_a_wrong_fingerprint_registers_nothing(qtbot, page, district, ward, tmp_path, monkeypatch):
    _pick(monkeypatch, _card_file(ward, tmp_path, "00167"))
    seen = _register_by_keyboard(qtbot, page, "11111 22222 33333 44444 55555 66666")
    assert seen["open_after"] is True and seen["boxes"] == 0  # no question, no confirmation
    assert seen["error"]  # refused in words, in the dialog
    assert "\n" not in seen["error"] and "Traceback" not in seen["error"]
    assert trust_list(district) == {"wards": []}

    seen = _register_by_keyboard(qtbot, page, "123")  # not even 30 digits
    assert seen["open_after"] is True and seen["error"]
    assert trust_list(district) == {"wards": []}


def test_a_new_key_replaces_after_a_question(qtbot, page, district, ward, tmp_path, monkeypatch):
    introduce(district, ward)
    first = show_keys(ward)["key_id"]
    KeyFolder(ward.folder.keys).generate()  # the ward's PC was replaced: new keys
    _pick(monkeypatch, _card_file(ward, tmp_path, "new"))
    seen = _register_by_keyboard(qtbot, page, show_keys(ward)["fingerprint"], replace=True)
    assert seen["replaces"] and seen["boxes"] == 2  # the question, then the confirmation
    assert _registered(district) == {"00167": [first, show_keys(ward)["key_id"]]}
    assert _cell(page, "00167", "generation") == "2"
    assert _cell(page, "00167", "keys") == "2"


def test_the_list_shows_the_registered_ward_and_its_key(qtbot, page, district, ward):
    introduce(district, ward)
    _refresh(qtbot, page)
    keys = show_keys(ward)
    assert [entry.code for entry in page.model.entries] == ["00167"]
    assert _cell(page, "00167", "key_id") == keys["key_id"]
    assert _cell(page, "00167", "generation") == "1"
    assert _cell(page, "00167", "by") == "Lê Văn Tâm"
    assert _cell(page, "00167", "registered").count("/") == 2  # dd/MM/yyyy
    assert page.select_ward("00167")
    assert page.keys_table.item(0, 0).text() == keys["key_id"]
    fingerprint = page.keys_table.item(0, 1).text()
    assert fingerprint == keys["fingerprint"] and len(fingerprint.split()) == 6

    page.show_combo.setCurrentIndex(page.show_combo.findData("all"))
    everyone = {entry.code for entry in page.model.entries}
    assert "00167" in everyone and SECOND_WARD in everyone and len(everyone) > 100
    type_text(qtbot, page.search, "cau giay")  # without diacritics
    assert [entry.code for entry in page.model.entries] == ["00167"]
    page.search.clear()
    type_text(qtbot, page.search, "zzzz")
    assert page.stack.currentWidget() is page.empty and page.empty.text()
    assert page.selected_code() is None and not page.undo_button.isEnabled()


def test_revoking_through_the_window(qtbot, page, district, ward):
    introduce(district, ward)
    _refresh(qtbot, page)
    page.select_ward("00167")
    assert page.revoke_button.isEnabled()

    def confirm(dialog):
        assert isinstance(dialog, RevokeKeyDialog)
        type_text(qtbot, dialog.reason, "máy tính bị mất")
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)

    errors = when_modal(qtbot, confirm)
    qtbot.mouseClick(page.revoke_button, Qt.MouseButton.LeftButton)
    assert not errors, errors
    key = trust_list(district)["wards"][0]["keys"][0]
    assert key["revoked"] is True
    assert revocation_reasons(district) == {key["key_id"]: "máy tính bị mất"}
    assert page.keys_table.item(0, 5).text() != ""  # revoked on
    assert page.keys_table.item(0, 6).text() == "máy tính bị mất"
    assert _cell(page, "00167", "revoked") != ""
    assert not page.revoke_button.isEnabled()  # a revoked key cannot be revoked again


def test_cancelling_a_revocation_keeps_the_key(qtbot, page, district, ward):
    introduce(district, ward)
    _refresh(qtbot, page)
    errors = when_modal(qtbot, lambda dialog: qtbot.keyClick(dialog, Qt.Key.Key_Escape))
    qtbot.mouseClick(page.revoke_button, Qt.MouseButton.LeftButton)
    assert not errors, errors
    assert trust_list(district)["wards"][0]["keys"][0]["revoked"] is False


def test_undoing_a_wards_last_import_through_the_window(qtbot, page, district, ward, tmp_path):
    introduce(district, ward)
    svc.create_many(ward, "sessions", [f.session_data() for _ in range(3)])
    outcome = import_bundles(district, [export_bundle(ward, tmp_path / "1.tcb").path])[0]
    assert outcome.status == "imported"
    assert len(table_rows(district, "00167")["sessions"]) == 3
    _refresh(qtbot, page)
    page.select_ward("00167")
    assert _cell(page, "00167", "last_seq") == "1"
    assert page.undo_button.isEnabled()

    asked = []

    def confirm(box):
        assert isinstance(box, QMessageBox)
        asked.append(box.text())
        accept_message(qtbot, box)

    errors = when_modal(qtbot, confirm)
    qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)
    assert not errors, errors
    assert len(asked) == 1 and "1" in asked[0]  # names the bundle by its number
    assert table_rows(district, "00167")["sessions"] == []
    assert trust_list(district)["wards"][0]["last_seq"] is None
    assert _cell(page, "00167", "last_seq") == ""
    assert not page.undo_button.isEnabled()
    # The same bundle imports again, as if the undone import had never happened.
    again = import_bundles(district, [tmp_path / "1.tcb"])[0]
    assert again.status == "imported" and again.counts["sessions"]["new"] == 3
    _refresh(qtbot, page)
    page.select_ward("00167")
    assert _cell(page, "00167", "last_seq") == "1" and page.undo_button.isEnabled()


def test_undo_refused_is_one_sentence(qtbot, page, district, ward, tmp_path):
    introduce(district, ward)
    import_bundles(district, [export_bundle(ward, tmp_path / "1.tcb").path])
    _refresh(qtbot, page)
    page.select_ward("00167")
    undo_last_import(district, "00167")  # meanwhile, from the command line
    said = []

    def close(box):
        said.append(box.text())
        accept_message(qtbot, box)

    errors = when_modal(qtbot, close)
    qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)  # the page is not refreshed
    assert not errors, errors
    assert len(said) == 1 and "\n" not in said[0] and "Traceback" not in said[0]
    assert trust_list(district)["wards"][0]["last_seq"] is None


def test_the_confirmation_sheet_names_ward_key_and_fingerprint(qtbot, page, district, ward):
    introduce(district, ward)
    _refresh(qtbot, page)
    page.select_ward("00167")
    keys = show_keys(ward)
    sheet = page.sheet_html()
    assert "Phường Cầu Giấy" in sheet and "00167" in sheet
    assert keys["key_id"] in sheet and keys["fingerprint"] in sheet
    assert "Sở Tư pháp Hà Nội" in sheet
    assert page.print_button.isEnabled()


def test_a_card_of_another_province_is_refused_before_typing(
    qtbot, page, district, tmp_path, monkeypatch
):
    other = set_up(tmp_path / "hcm", "ward", "26506", province="79", officer="Võ Thị Lan").store
    try:
        _pick(monkeypatch, _card_file(other, tmp_path, "hcm"))
        shown = []

        def close(box):
            shown.append(type(box))
            accept_message(qtbot, box)

        errors = when_modal(qtbot, close)
        qtbot.mouseClick(page.register_button, Qt.MouseButton.LeftButton)
        assert not errors, errors
        assert shown == [QMessageBox]  # no fingerprint dialog, a plain refusal
        assert trust_list(district) == {"wards": []}
    finally:
        other.close()


def test_texts_follow_the_language(page):
    set_language("en")
    page.retranslate()
    english = page.register_button.text()
    assert "&" in english  # Alt-mnemonic
    set_language("vi")
    page.retranslate()
    assert page.model.headerData(0, Qt.Orientation.Horizontal)


def test_everything_is_reached_by_tab(qtbot, page, district, ward, tmp_path):
    introduce(district, ward)
    import_bundles(district, [export_bundle(ward, tmp_path / "1.tcb").path])  # undo enabled
    _refresh(qtbot, page)
    page.search.setFocus()
    qtbot.waitUntil(page.search.hasFocus)
    reached = []
    for _step in range(8):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    order = [
        page.show_combo,
        page.register_button,
        page.table,
        page.keys_table,
        page.revoke_button,
        page.print_button,
        page.undo_button,
    ]
    assert reached[: len(order)] == order
    assert reached[len(order)] is page.search  # and round again


def test_ctrl_p_previews_the_confirmation(qtbot, page, district, ward):
    introduce(district, ward)
    _refresh(qtbot, page)
    shown = []

    def look(dialog):
        shown.append(type(dialog))
        dialog.reject()

    errors = when_modal(qtbot, look)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert not errors, errors
    assert shown == [QPrintPreviewDialog]
