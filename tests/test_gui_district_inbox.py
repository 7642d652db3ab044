"""The district's Inbox, end to end through the window: a USB stick of good, duplicate, tampered
and foreign files dropped on the page, each outcome listed, only the good ones imported (by the
keyboard), archived with their hashes, and receipts written back that the ward loads."""

import hashlib
import shutil
import subprocess

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow

from app.services import records as svc
from app.services.setup import set_up
from app.sync.export import export_bundle
from app.sync.receipts import load_receipt
from tests import factories as f
from tests.exchange import introduce, table_rows
from ui.pages.inbox import InboxPage
from ui.settings_store import UiSettings


@pytest.fixture
def second_ward(tmp_path):
    result = set_up(tmp_path / "ward2", "ward", "00070", province="01", officer="Phạm Thu")
    yield result.store
    result.store.close()


@pytest.fixture
def stick(tmp_path, district, ward, second_ward):
    """Two wards' bundles, one of them twice under another name, a tampered copy and a file
    that is no bundle at all."""
    folder = tmp_path / "stick"
    folder.mkdir()
    for store, count in ((ward, 3), (second_ward, 2)):
        introduce(district, store)
        svc.create_many(store, "sessions", [f.session_data() for _ in range(count)])
    first = export_bundle(ward, folder / "00167-1.tcb").path
    export_bundle(second_ward, folder / "00070-1.tcb")
    shutil.copy(first, folder / "copy of 00167-1.tcb")
    tampered = bytearray(first.read_bytes())
    tampered[len(tampered) // 2] ^= 0x01
    (folder / "tampered.tcb").write_bytes(bytes(tampered))
    (folder / "holiday-photo.tcb").write_bytes(b"\xff\xd8\xff\xe0 not a bundle")
    # A bundle made for another office: this one cannot even open it.
    other_office = set_up(tmp_path / "other", "district", "01", name="Văn phòng khác").store
    stranger = set_up(tmp_path / "ward3", "ward", "00073", province="01", officer="Vũ An").store
    try:
        introduce(other_office, stranger)
        svc.create(stranger, "sessions", f.session_data())
        export_bundle(stranger, folder / "00073-1.tcb")
    finally:
        stranger.close()
        other_office.close()
    return folder


@pytest.fixture
def page(qtbot, district):
    window = QMainWindow()
    page = InboxPage(district, UiSettings(district.folder.root), window)
    window.setCentralWidget(page)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    page.host = window  # kept alive with the page
    return page


def drop(page, *paths) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    page.dropEvent(event)


def statuses(page) -> dict[str, str]:
    return {i.path.name: (i.imported or i.outcome).status for i in page.items}


def test_a_dropped_stick_is_checked_then_only_the_good_bundles_are_imported(
    qtbot, page, district, ward, second_ward, stick, tmp_path, monkeypatch
):
    assert page.stack.currentWidget() is page.empty  # it says what to do first
    before = {code: table_rows(district, code) for code in ("00167", "00070")}

    drop(page, stick)
    qtbot.waitUntil(lambda: page._task is None and len(page.items) == 6, timeout=20_000)
    assert statuses(page) == {
        "00073-1.tcb": "refused",
        "00070-1.tcb": "acceptable",
        "00167-1.tcb": "acceptable",
        "copy of 00167-1.tcb": "acceptable",  # a dry run each: the copy is not imported yet
        "tampered.tcb": "refused",
        "holiday-photo.tcb": "refused",
    }
    refused = [i for i in page.items if i.outcome.status == "refused"]
    reasons = {i.path.name: i.outcome.reason_code for i in refused}
    assert reasons == {
        "00073-1.tcb": "decrypt",
        "tampered.tcb": "decrypt",
        "holiday-photo.tcb": "decrypt",
    }
    assert all(i.outcome.reason and "\n" not in i.outcome.reason for i in refused)
    assert page.table.item(page.items.index(refused[0]), 5).text() == refused[0].outcome.reason
    assert {code: table_rows(district, code) for code in before} == before  # checking wrote nothing

    target = QApplication.focusWidget()
    qtbot.keyClick(target, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page._task is None and page.items[0].imported is not None)
    assert statuses(page) == {
        "00073-1.tcb": "refused",
        "00070-1.tcb": "imported",
        "00167-1.tcb": "imported",
        "copy of 00167-1.tcb": "already-imported",
        "tampered.tcb": "refused",
        "holiday-photo.tcb": "refused",
    }
    assert len(table_rows(district, "00167")["sessions"]) == 3
    assert len(table_rows(district, "00070")["sessions"]) == 2
    assert (stick / "tampered.tcb").exists()  # a refused file stays where it was

    # Each imported bundle archived under its ward, checkable with the stock sha256sum.
    archive = district.folder.archive
    sums = (archive / "SHA256SUMS").read_text().splitlines()
    assert len(sums) == 2
    digest = hashlib.sha256((stick / "00167-1.tcb").read_bytes()).hexdigest()
    assert any(line.startswith(digest) and "00167/" in line for line in sums)
    if shutil.which("sha256sum"):
        subprocess.run(["sha256sum", "-c", "--quiet", "SHA256SUMS"], cwd=archive, check=True)

    # Receipts back on the stick; the ward loads its own.
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(stick))
    monkeypatch.setattr("ui.pages.inbox.inform", lambda *a, **k: None)
    qtbot.mouseClick(page.receipts_button, Qt.MouseButton.LeftButton)
    receipts = sorted(p.name for p in stick.glob("*.tcr"))
    assert len(receipts) == 2
    loaded = load_receipt(ward, next(stick.glob("*00167*.tcr")))
    assert loaded["seq"] == 1


def test_files_added_twice_are_listed_once_and_cancel_keeps_what_was_imported(
    qtbot, page, district, stick, monkeypatch
):
    good = [stick / "00167-1.tcb", stick / "00070-1.tcb"]
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(p) for p in good], "")
    )
    qtbot.mouseClick(page.add_files, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page._task is None and len(page.items) == 2, timeout=20_000)
    drop(page, good[0])
    qtbot.waitUntil(lambda: page._task is None, timeout=20_000)
    assert len(page.items) == 2
    assert page.import_button.isEnabled()
    # Cancel asked before the first report: the first bundle is imported, then the task stops.
    page.import_now()
    page.cancel()
    qtbot.waitUntil(lambda: page._task is None, timeout=20_000)
    imported = [i for i in page.items if i.imported and i.imported.status == "imported"]
    assert len(imported) == 1
    assert page.import_button.isEnabled()  # the other one can still go in


def test_a_file_added_again_is_checked_again_after_an_undo(qtbot, page, district, stick):
    from app.sync.undo import undo_last_import

    drop(page, stick / "00167-1.tcb")
    qtbot.waitUntil(lambda: page._task is None and len(page.items) == 1, timeout=20_000)
    page.import_now()
    qtbot.waitUntil(lambda: page._task is None and page.items[0].imported is not None)
    assert statuses(page) == {"00167-1.tcb": "imported"}
    assert not page.import_button.isEnabled()

    undo_last_import(district, "00167")  # as the Wards and keys page does
    drop(page, stick)  # the same stick again: the listed file is checked anew, in its place
    qtbot.waitUntil(lambda: page._task is None and len(page.items) == 6, timeout=20_000)
    assert page.items[0].path.name == "00167-1.tcb"
    assert page.items[0].outcome.status == "acceptable" and page.items[0].imported is None
    assert page.import_button.isEnabled()
