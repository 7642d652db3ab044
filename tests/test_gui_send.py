"""The ward's "Send data" page: trusting the district by card and fingerprint, exporting a bundle
off the GUI thread with progress, and the key sheet."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMainWindow
from sqlalchemy import text

from app.i18n import set_language
from app.services import records as svc
from app.services.preferences import get_settings, put_settings
from app.sync.importer import import_bundles
from app.sync.outgoing import WITHHOLD_SETTING
from app.sync.trust import export_card, show_keys, trust_card
from tests import factories as f
from tests.gui_helpers import type_text, when_modal
from ui.pages.send import SendPage
from ui.settings_store import UiSettings
from ui.strings import _


@pytest.fixture(autouse=True)
def _vietnamese():
    set_language("vi")
    yield
    set_language("vi")


@pytest.fixture
def page(qtbot, ward):
    window = QMainWindow()
    page = SendPage(ward, UiSettings(ward.folder.root), window)
    window.setCentralWidget(page)
    qtbot.addWidget(window)
    window.show()
    page.host = window
    return page


def test_trust_then_export_then_import(qtbot, page, ward, district, tmp_path, monkeypatch):
    svc.create_many(ward, "sessions", [f.session_data() for _ in range(30)])
    assert not page.export_button.isEnabled()  # nothing goes out before a district is trusted
    card = tmp_path / "district.card"
    card.write_bytes(export_card(district))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(card), ""))
    qtbot.mouseClick(page.choose_card, Qt.MouseButton.LeftButton)
    assert page.fingerprint.isVisibleTo(page)

    type_text(qtbot, page.fingerprint, "11111 22222 33333 44444 55555 66666")
    qtbot.mouseClick(page.trust_button, Qt.MouseButton.LeftButton)
    assert page.trust_error.text()  # a wrong fingerprint is refused, in words
    assert not page.export_button.isEnabled()

    page.fingerprint.clear()
    type_text(qtbot, page.fingerprint, show_keys(district)["fingerprint"].replace(" ", ""))
    qtbot.mouseClick(page.trust_button, Qt.MouseButton.LeftButton)
    assert page.trust_error.text() == ""
    assert "Sở Tư pháp Hà Nội" in page.district_status.text()
    assert page.export_button.isEnabled()

    page.folder.setText(str(tmp_path))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.result.text() != "", timeout=10_000)
    bundles = list(tmp_path.glob("00167-*-1.tcb"))
    assert len(bundles) == 1 and str(bundles[0]) in page.result.text()
    assert page.progress.maximum() == 30 and not page.progress.isVisible()

    trust_card(district, export_card(ward), show_keys(ward)["fingerprint"])
    outcome = import_bundles(district, bundles)[0]
    assert outcome.status == "imported" and outcome.counts["sessions"]["new"] == 30


def test_the_key_sheet_shows_the_fingerprint(page, ward):
    keys = show_keys(ward)
    assert page.own_fingerprint.text() == keys["fingerprint"]
    sheet = page.key_sheet_html()
    assert keys["fingerprint"] in sheet and keys["key_id"] in sheet and "Phường Cầu Giấy" in sheet


def test_a_folder_without_keys_still_opens_and_can_make_them(qtbot, ward):
    import shutil

    shutil.rmtree(ward.folder.keys)
    ward.folder.keys.mkdir()
    window = QMainWindow()
    page = SendPage(ward, UiSettings(ward.folder.root), window)
    qtbot.addWidget(window)
    assert page.create_keys.isVisibleTo(page) and page.own_fingerprint.text() == ""
    qtbot.mouseClick(page.create_keys, Qt.MouseButton.LeftButton)
    assert page.own_fingerprint.text() == show_keys(ward)["fingerprint"]


# -- what leaves the ward ------------------------------------------------------------------


def _disputed_case(**extra) -> dict:
    return f.case_data(
        title="Tranh chấp giữa ông Nguyễn Văn Đức và bà Trần Thị Dung",
        book_number=7,
        parties=[
            {"role": "requester", "full_name": "Nguyễn Văn Đức", "birth_year": 1970},
            {"role": "respondent", "full_name": "Trần Thị Dung", "birth_year": 1975},
        ],
        **extra,
    )


def test_the_withhold_box_writes_the_setting_and_shows_it(qtbot, page, ward):
    assert not page.withhold.isChecked()
    qtbot.mouseClick(page.withhold, Qt.MouseButton.LeftButton)
    assert get_settings(ward, WITHHOLD_SETTING)[WITHHOLD_SETTING] is True
    qtbot.mouseClick(page.withhold, Qt.MouseButton.LeftButton)
    assert get_settings(ward, WITHHOLD_SETTING)[WITHHOLD_SETTING] is False
    with ward.read() as connection:  # unticked is the default: no row is kept for it
        assert not connection.execute(
            text("SELECT 1 FROM settings WHERE key = :k"), {"k": WITHHOLD_SETTING}
        ).first()

    put_settings(ward, {WITHHOLD_SETTING: True})
    page.refresh()
    assert page.withhold.isChecked()
    assert get_settings(ward, WITHHOLD_SETTING)[WITHHOLD_SETTING] is True  # showing is not saving


def test_the_preview_button_opens_the_dialog(qtbot, page, ward):
    svc.create(ward, "cases", _disputed_case())
    seen = {}

    def look(dialog):
        seen["title"] = dialog.windowTitle()
        seen["sent"] = dialog.cells["title"][1].text()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    errors = when_modal(qtbot, look)
    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    assert not errors, errors
    assert seen == {
        "title": _("What leaves the ward"),
        "sent": "Tranh chấp giữa ông N.V.Đ. và bà T.T.D.",
    }


def _trusted(ward, district) -> None:
    trust_card(ward, export_card(district), show_keys(district)["fingerprint"])


def test_the_export_result_counts_the_names_replaced(qtbot, page, ward, district, tmp_path):
    _trusted(ward, district)
    svc.create(ward, "cases", _disputed_case())
    page.refresh()
    page.folder.setText(str(tmp_path))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.result.text() != "", timeout=10_000)
    said = page.result.text()
    names = _("{names} names of parties and invited persons were replaced by initials.")
    bundle = str(next(tmp_path.glob("*.tcb")))
    assert bundle in said and said.index(bundle) < said.index(names.format(names=2))
    assert _("Case texts were not sent.") not in said

    qtbot.mouseClick(page.withhold, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.result.text() != "" and page.export_button.isEnabled())
    assert _("Case texts were not sent.") in page.result.text()
    assert page.withhold.isEnabled()
