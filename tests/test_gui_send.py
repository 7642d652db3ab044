"""The ward's "Send data" page: trusting the district by card and fingerprint, exporting a bundle
off the GUI thread with progress, and the key sheet."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMainWindow
from sqlalchemy import text

from app.services import records as svc
from app.services.preferences import get_settings, put_settings
from app.sync.importer import import_bundles
from app.sync.outgoing import WITHHOLD_SETTING
from app.sync.trust import export_card, show_keys, trust_card
from tests import factories as f
from tests.gui_helpers import type_text, when_modal
from ui.pages.send import SendPage
from ui.settings_store import UiSettings
from ui.strings import _, ngettext


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
    names = ngettext(
        "{names} name of a party or an invited person was replaced by initials.",
        "{names} names of parties and invited persons were replaced by initials.",
        2,
    )
    bundle = str(next(tmp_path.glob("*.tcb")))
    assert bundle in said and said.index(bundle) < said.index(names.format(names=2))
    assert _("Case texts were not sent.") not in said

    qtbot.mouseClick(page.withhold, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.result.text() != "" and page.export_button.isEnabled())
    assert _("Case texts were not sent.") in page.result.text()
    assert page.withhold.isEnabled()


def test_a_receipt_loaded_on_the_page_says_what_the_district_received(
    qtbot, page, ward, district, tmp_path, monkeypatch
):
    from app.sync.receipts import write_receipts
    from tests.exchange import introduce

    introduce(district, ward)
    svc.create_many(ward, "sessions", [f.session_data() for _ in range(3)])
    box = page.receipt_box
    page.refresh()
    assert box.nothing_sent.isVisibleTo(box) and not box.table.isVisibleTo(box)
    from app.sync.export import export_bundle

    bundle = export_bundle(ward, tmp_path / "1.tcb")
    export_bundle(ward, tmp_path / "2.tcb")  # made, not yet taken to the district
    assert import_bundles(district, [bundle.path])[0].status == "imported"
    [receipt] = write_receipts(district, tmp_path)
    page.refresh()
    assert box.table.rowCount() == 2 and box.table.item(1, 4).text() == ""

    (tmp_path / "junk.tcr").write_bytes(b"not a receipt")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *a, **k: (str(tmp_path / "junk.tcr"), "")
    )
    qtbot.mouseClick(box.load_button, Qt.MouseButton.LeftButton)
    assert box.error.text() and "\n" not in box.error.text()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(receipt), ""))
    qtbot.mouseClick(box.load_button, Qt.MouseButton.LeftButton)
    assert not box.error.text()
    from app.sync.sent import last_receipt
    from app.text import display_date

    expected = _("The district has received the data up to bundle no. {seq} of {date}.")
    imported_on = display_date(last_receipt(ward).imported_at[:10])
    assert box.status.text() == expected.format(seq=1, date=imported_on)
    rows = {box.table.item(r, 0).text(): box.table.item(r, 4).text() for r in range(2)}
    assert rows["1"] and not rows["2"]  # bundle 1 acknowledged, bundle 2 not yet
