"""The district's Conflicts page: the queue, the two versions side by side with what differs
marked, and a decision taken from the keyboard with its reason, recorded as history."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox

from app.services import records as svc
from app.sync.conflicts import conflict_versions, list_conflicts, resolve_conflict
from tests.exchange import introduce, session_in_conflict
from tests.gui_helpers import accept_message, mnemonic_key, type_text, when_modal
from ui.pages import conflicts as page_module
from ui.pages.conflicts import ConflictsPage
from ui.settings_store import UiSettings
from ui.strings import _

WARD = "00167"
OFFICER = "Lê Văn Tâm"  # the district's officer (tests/conftest.py)


@pytest.fixture
def host(qtbot, district):
    def open_page() -> ConflictsPage:
        window = QMainWindow()
        page = ConflictsPage(district, UiSettings(district.folder.root), window)
        window.setCentralWidget(page)
        qtbot.addWidget(window)
        window.resize(1100, 760)
        with qtbot.waitActive(window):
            window.show()
            window.activateWindow()
        page.refresh()
        page.focus_search()
        return page

    return open_page


@pytest.fixture
def uuid(district, ward, tmp_path):
    introduce(district, ward)
    return session_in_conflict(district, ward, tmp_path)


def attendees(district, uuid) -> int:
    return svc.get(district, "sessions", uuid, ward_code=WARD)["data"]["attendees"]


def focused():
    return QApplication.focusWidget()


def row_of(page, field: str) -> int:
    return page.comparison.rows.index(field)


def tab_to_reason(qtbot, page) -> None:
    """From the queue, as a keyboard user goes: one Tab reaches the reason."""
    assert focused() is page.table
    qtbot.keyClick(page.table, Qt.Key.Key_Tab)
    assert focused() is page.reason


def no_question(monkeypatch) -> list:
    asked = []
    monkeypatch.setattr(page_module, "ask", lambda *args, **kwargs: asked.append(args) or False)
    return asked


def test_with_no_conflict_the_page_says_what_would_bring_one(host):
    page = host()
    assert page.stack.currentWidget() is page.empty and page.empty.isVisible()
    assert page.empty.property("role") == "empty" and page.empty.text()
    assert not page.filter_row.isVisible() and page.model.rowCount() == 0
    assert page.heading.property("role") == "heading" and page.heading.text()


def test_the_conflict_is_listed_and_what_differs_is_marked(host, district, uuid):
    page = host()
    assert page.stack.currentWidget() is not page.empty
    assert page.model.rowCount() == 1
    conflict = page.model.conflict_at(0)
    assert (conflict["uuid"], conflict["status"], conflict["ward_code"]) == (uuid, "open", WARD)
    assert conflict["title"] and conflict["ward_name"] == "Phường Cầu Giấy"
    assert page.model.index(0, 3).data().count("/") == 2  # raised on dd/MM/yyyy
    assert page.current() == conflict  # the first open conflict is shown at once

    assert page.versions["differing"] == ["attendees"]
    view, row = page.comparison, row_of(page, "attendees")
    assert (view.item(row, 1).text(), view.item(row, 2).text()) == ("130", "70")
    assert "attendees" in view.differing
    for column in range(3):
        assert view.item(row, column).font().bold()
        assert view.item(row, column).background().color().alpha() > 0
    title = row_of(page, "title")
    assert not view.item(title, 1).font().bold()
    assert view.item(title, 1).text() == view.item(title, 2).text() == conflict["title"]
    held_on = view.item(row_of(page, "held_on"), 1).text()
    assert held_on.count("/") == 2 and "-" not in held_on  # dd/MM/yyyy, not ISO
    assert view.item(row_of(page, "form"), 1).text() not in ("", "—", "direct")  # a label

    page.only_differing.setChecked(True)
    shown = [name for r, name in enumerate(view.rows) if not view.isRowHidden(r)]
    assert shown == ["revision", "deleted", "attendees"]


def test_keeping_the_incoming_version_from_the_keyboard(qtbot, host, district, uuid, monkeypatch):
    page = host()
    qtbot.keyClick(page.table, Qt.Key.Key_Down)  # one conflict: Down stays on it
    assert page.current()["uuid"] == uuid
    tab_to_reason(qtbot, page)
    reason = "Tổ trưởng xác nhận số liệu mới"
    type_text(qtbot, page.reason, reason)
    with monkeypatch.context() as patched:  # Enter in the reason decides nothing
        asked = no_question(patched)
        qtbot.keyClick(page.reason, Qt.Key.Key_Return)
        assert asked == [] and list_conflicts(district)[0]["status"] == "open"

    said = {}

    def confirm(box):
        said["question"] = box.text()
        accept_message(qtbot, box)

    errors = when_modal(qtbot, confirm)
    keep_incoming = mnemonic_key(page.keep_incoming)  # "Keep &incoming", "Giữ bản &mới nhận"
    qtbot.keyClick(focused(), keep_incoming, Qt.KeyboardModifier.AltModifier)
    # A mnemonic "animates" the button's click: it lands a moment later.
    qtbot.waitUntil(lambda: list_conflicts(district)[0]["status"] == "resolved")
    assert not errors, errors
    assert _("Number attending") in said["question"]  # it says what will change

    assert attendees(district, uuid) == 70
    [settled] = list_conflicts(district)
    assert (settled["status"], settled["kept"], settled["reason"]) == (
        "resolved",
        "incoming",
        reason,
    )
    assert OFFICER in settled["decided_by"]

    # Open only: none is left, and the page says how to see the decision taken.
    assert page.stack.currentWidget() is page.empty and page.filter_row.isVisible()
    page.filter.setFocus()
    qtbot.keyClick(page.filter, Qt.Key.Key_Down)  # "all conflicts"
    assert page.model.rowCount() == 1 and page.model.conflict_at(0)["status"] == "resolved"
    assert page.decision_stack.currentWidget() is page.decided
    assert reason in page.decided.text() and OFFICER in page.decided.text()
    # The stored copy is gone once the incoming one replaced it: nothing pretends otherwise.
    assert page.versions["stored"]["data"] is None
    assert page.comparison.item(row_of(page, "attendees"), 2).text() == "70"


def test_a_missing_reason_is_refused_and_changes_nothing(qtbot, host, district, uuid, monkeypatch):
    page = host()
    asked = no_question(monkeypatch)
    tab_to_reason(qtbot, page)
    type_text(qtbot, page.reason, "   ")
    qtbot.mouseClick(page.keep_incoming, Qt.MouseButton.LeftButton)
    assert page.error.isVisible() and page.error.text()
    assert asked == [] and focused() is page.reason
    assert attendees(district, uuid) == 130
    assert list_conflicts(district)[0]["status"] == "open"
    type_text(qtbot, page.reason, "x")
    assert not page.error.isVisible()  # typing takes the complaint away


def test_keeping_the_stored_version_leaves_the_record(qtbot, host, district, uuid):
    page = host()
    before = svc.get(district, "sessions", uuid, ward_code=WARD)
    tab_to_reason(qtbot, page)
    type_text(qtbot, page.reason, "Số liệu cũ đúng")
    qtbot.keyClick(page.reason, Qt.Key.Key_Tab)
    assert focused() is page.keep_stored
    errors = when_modal(qtbot, lambda box: accept_message(qtbot, box))
    qtbot.keyClick(page.keep_stored, Qt.Key.Key_Space)
    assert not errors, errors
    assert svc.get(district, "sessions", uuid, ward_code=WARD) == before
    [settled] = list_conflicts(district)
    assert (settled["status"], settled["kept"]) == ("resolved", "stored")
    assert conflict_versions(district, settled["id"])["stored"]["data"]["attendees"] == 130


def test_a_cancelled_confirmation_decides_nothing(qtbot, host, district, uuid):
    page = host()
    page.reason.setText("Chưa chắc")
    errors = when_modal(qtbot, lambda box: box.reject())
    qtbot.mouseClick(page.keep_incoming, Qt.MouseButton.LeftButton)
    assert not errors, errors
    assert attendees(district, uuid) == 130 and list_conflicts(district)[0]["status"] == "open"
    assert page.reason.text() == "Chưa chắc"  # kept, to confirm again


def test_a_refusal_is_one_plain_sentence(qtbot, host, district, uuid):
    page = host()
    [conflict] = list_conflicts(district)
    resolve_conflict(district, conflict["id"], "stored", "Đã quyết ở máy khác")  # meanwhile
    page.reason.setText("Số liệu mới")
    said = []

    def answer(box):
        if box.icon() == QMessageBox.Icon.Warning:
            said.append(box.text())
        accept_message(qtbot, box)
        if len(said) == 0:  # the confirmation first, then the refusal
            errors.extend(when_modal(qtbot, answer))

    errors = when_modal(qtbot, answer)
    qtbot.mouseClick(page.keep_incoming, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(said))
    assert not errors, errors
    assert len(said[0].splitlines()) == 1 and "Traceback" not in said[0]
    assert OFFICER in said[0]  # "already resolved … by Lê Văn Tâm"
    assert attendees(district, uuid) == 130
    assert page.stack.currentWidget() is page.empty  # the list was read again
