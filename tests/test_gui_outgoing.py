"""The "What leaves the ward" dialog: any case's texts as the ward holds them beside what the
district receives, a case found by typing without diacritics, and the keyboard."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from app.services import records as svc
from app.services.preferences import put_settings
from app.sync.outgoing import WITHHOLD_SETTING
from tests import factories as f
from tests.gui_helpers import type_text
from ui.dialogs.outgoing_preview import OutgoingPreviewDialog
from ui.strings import _

TITLE = "Tranh chấp giữa ông Nguyễn Văn Đức và bà Trần Thị Dung"


def _disputed(ward) -> str:
    return svc.create(
        ward,
        "cases",
        f.case_data(
            title=TITLE,
            received_on="2026-03-20",
            book_number=7,
            summary="Ông Đức gọi 0912345678 báo bà Dung xây lấn lối đi.",
            parties=[
                {"role": "requester", "full_name": "Nguyễn Văn Đức", "birth_year": 1970},
                {"role": "respondent", "full_name": "Trần Thị Dung", "birth_year": 1975},
            ],
        ),
    )["uuid"]


def _other(ward) -> str:
    return svc.create(
        ward,
        "cases",
        f.case_data(
            title="Tranh chấp ranh giới đất",
            parties=[{"role": "requester", "full_name": "Lê Thị Hoa", "birth_year": 1980}],
        ),
    )["uuid"]


def _open(qtbot, ward) -> OutgoingPreviewDialog:
    dialog = OutgoingPreviewDialog(ward)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    return dialog


def _texts(dialog, field) -> tuple[str, str]:
    held, sent = dialog.cells[field]
    return held.text(), sent.text()


def test_the_case_shows_what_stays_and_what_goes(qtbot, ward):
    uuid = _disputed(ward)
    dialog = _open(qtbot, ward)
    assert dialog.windowTitle() == _("What leaves the ward")
    assert dialog.cases.count() == 1
    assert dialog.cases.item(0).text() == f"20/03/2026 — {TITLE}"
    assert dialog.shown_uuid == uuid  # the first case is shown at once
    assert _texts(dialog, "title") == (TITLE, "Tranh chấp giữa ông N.V.Đ. và bà T.T.D.")
    assert _texts(dialog, "summary") == (
        "Ông Đức gọi 0912345678 báo bà Dung xây lấn lối đi.",
        "Ông Đ. gọi … báo bà D. xây lấn lối đi.",
    )
    held, sent = dialog.cells["parties.1"]
    assert held.text() == "Trần Thị Dung" and sent.text() == _("(not sent)")
    assert sent.property("role") == "hint"  # grey, not a text that travels
    assert "agreement" not in dialog.cells  # nothing held, nothing sent: no row
    assert not dialog.withheld_note.isVisibleTo(dialog)


def test_withheld_case_texts_travel_as_the_book_number(qtbot, ward):
    _disputed(ward)
    put_settings(ward, {WITHHOLD_SETTING: True})
    dialog = _open(qtbot, ward)
    assert _texts(dialog, "title") == (TITLE, "Vụ việc số 7")
    assert _texts(dialog, "summary")[1] == _("(not sent)")
    assert dialog.withheld_note.isVisibleTo(dialog)


def test_typing_without_diacritics_finds_the_case_and_the_keyboard_picks_it(qtbot, ward):
    disputed = _disputed(ward)
    other = _other(ward)
    dialog = _open(qtbot, ward)
    assert dialog.cases.count() == 2 and dialog.shown_uuid == other  # newest first
    assert dialog.focusWidget() is dialog.search

    type_text(qtbot, dialog.search, "duc")
    qtbot.waitUntil(lambda: dialog.cases.count() == 1)
    assert TITLE in dialog.cases.item(0).text()
    assert dialog.shown_uuid == disputed

    qtbot.keyClick(dialog.search, Qt.Key.Key_Down)  # on to the list
    assert dialog.focusWidget() is dialog.cases
    qtbot.keyClick(dialog.cases, Qt.Key.Key_Return)  # Enter shows the case, never closes
    assert dialog.isVisible() and dialog.shown_uuid == disputed

    dialog.search.clear()
    type_text(qtbot, dialog.search, "khong co")
    qtbot.waitUntil(lambda: dialog.cases.count() == 0)
    assert dialog.right.currentWidget() is dialog.placeholder
    assert "khong co" in dialog.placeholder.text()

    qtbot.keyClick(dialog.search, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected


def test_no_cases_says_what_to_do(qtbot, ward):
    dialog = _open(qtbot, ward)
    assert dialog.stack.currentWidget() is dialog.empty
    assert dialog.empty.text() == _(
        "No mediation cases yet: record one in “Mediation cases” first."
    )
