"""Backups and restore in the window (issue #14): the Settings page's box, the check and the
day's backup after start-up, and the way back offered when the database is damaged."""

import os
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from app.db import backups as bk
from app.services import records as svc
from app.services import safekeeping
from tests import factories as f
from tests.gui_helpers import accept_message
from ui.main_window import MainWindow
from ui.settings_store import UiSettings


@pytest.fixture
def window(qtbot, ward):
    for i in range(4):
        svc.create(ward, "sessions", f.session_data(attendees=i))
    window = MainWindow(ward, UiSettings(ward.folder.root))
    qtbot.addWidget(window)
    window.show()
    yield window
    if window.store is not None and window.store is not ward:
        window.store.close()


def answer_in_turn(*actions, attempts: int = 500) -> list:
    """Answer successive modal dialogs, one action each, in order; returns raised errors."""
    pending, handled, errors = list(actions), [], []

    def poll(left=attempts):
        dialog = QApplication.activeModalWidget()
        if dialog is not None and pending and (not handled or dialog is not handled[-1]):
            handled.append(dialog)
            try:
                pending.pop(0)(dialog)
            except BaseException as error:  # reported by the test
                errors.append(error)
                dialog.close()
        if pending and left:
            QTimer.singleShot(20, lambda: poll(left - 1))

    QTimer.singleShot(0, poll)
    return errors


def settings_box(window):
    keys = [key for key, _label in window.page_list]
    window.navigation.setCurrentRow(keys.index("settings"))
    return window.pages["settings"].safekeeping


def sessions_in(window) -> int:
    return len(svc.list_records(window.store, "sessions"))


def test_back_up_to_a_stick_from_the_settings_page(qtbot, window, tmp_path, monkeypatch):
    box = settings_box(window)
    assert "Chưa có bản sao lưu" in box.last.text()  # and it says so before the first one
    stick = tmp_path / "usb"
    stick.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(stick))
    qtbot.mouseClick(box.back_up_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "SHA-256" in box.result.text(), timeout=10_000)
    [copy] = stick.glob("*.db")
    assert bk.matches_checksum(copy) and str(copy) in box.result.text()
    assert box.back_up_button.isEnabled()


def test_restore_from_a_backup_in_the_window(qtbot, window, tmp_path, monkeypatch):
    copy = safekeeping.back_up(window.store, tmp_path).path
    svc.create(window.store, "sessions", f.session_data())  # after the copy: undone by restoring
    assert sessions_in(window) == 5
    box = settings_box(window)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(copy), ""))
    # First the question (restore?), then what was done.
    done = []
    errors = answer_in_turn(
        lambda box: accept_message(qtbot, box),
        lambda box: (done.append(box.text()), box.accept()),
    )
    qtbot.mouseClick(box.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(done), timeout=5_000)
    assert not errors
    assert "Đã khôi phục" in done[0]
    assert sessions_in(window) == 4  # the window shows the restored records
    kept = [b for b in bk.list_backups(window.store.folder.backups) if b.tag == "before-restore"]
    assert len(kept) == 1


def test_a_damaged_database_at_start_up_offers_the_newest_good_backup(qtbot, ward, tmp_path):
    from ui.main import _open_into

    for _ in range(3):
        svc.create(ward, "sessions", f.session_data())
    safekeeping.back_up(ward)
    ward.close()
    os.truncate(ward.folder.db, 20_000)
    Path(f"{ward.folder.db}-wal").unlink(missing_ok=True)
    window = MainWindow(None, UiSettings(ward.folder.root), title="Phường", role="ward")
    qtbot.addWidget(window)
    window.show()
    seen, informed = [], []

    def restore_newest(box: QMessageBox):
        seen.append(box.text())
        box.defaultButton().click()  # the default: restore the newest good backup

    errors = answer_in_turn(restore_newest, lambda box: (informed.append(box.text()), box.accept()))
    _open_into(window, ward.folder)
    assert not errors
    assert "hỏng" in seen[0]
    assert "Đã khôi phục" in informed[0]
    assert window.store is not None and len(svc.list_records(window.store, "sessions")) == 3
    assert list(ward.folder.backups.glob("*-damaged.db"))
    window.store.close()


def test_the_check_after_start_up_finds_damage_and_stops_writes(qtbot, window, monkeypatch):
    from ui import safekeeping as ui_safekeeping

    store = window.store
    with sqlite3.connect(store.folder.db) as connection:
        connection.execute("CREATE TABLE padding (body TEXT)")
        connection.executemany(
            "INSERT INTO padding VALUES (?)", [(os.urandom(300).hex(),) for _ in range(2000)]
        )
        connection.commit()
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = store.folder.db.stat().st_size
    with open(store.folder.db, "r+b") as handle:
        handle.seek((size // 2) // 4096 * 4096)
        handle.write(os.urandom(4096))
    offered = []
    monkeypatch.setattr(ui_safekeeping, "offer_restore", lambda w, error: offered.append(error))
    ui_safekeeping.start_background_care(window, store)
    qtbot.waitUntil(lambda: bool(offered), timeout=10_000)
    assert store.damaged
    with pytest.raises(Exception, match="damaged"):
        svc.create(store, "sessions", f.session_data())


def test_the_days_backup_is_made_after_start_up(qtbot, window):
    from ui import safekeeping as ui_safekeeping

    box = settings_box(window)
    with qtbot.waitSignal(window.backups_changed, timeout=10_000):
        ui_safekeeping.start_background_care(window, window.store)
    [backup] = bk.list_backups(window.store.folder.backups)
    assert bk.matches_checksum(backup.path)
    assert "Bản sao lưu gần nhất" in box.last.text()


def test_the_overview_reminds_to_back_up_off_the_pc_until_it_is_done(
    qtbot, window, tmp_path, monkeypatch
):
    keys = [key for key, _label in window.page_list]
    window.navigation.setCurrentRow(keys.index("overview"))
    line = window.pages["overview"].backup_line
    line.refresh()
    assert "Chưa có bản sao lưu" in line.text.text() and "Chưa sao lưu ra ngoài" in line.text.text()
    assert line.button.isVisibleTo(window) and line.text.property("role") == "warning"
    stick = tmp_path / "usb"
    stick.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(stick))
    told = []
    errors = answer_in_turn(lambda box: (told.append(box.text()), box.accept()))
    qtbot.mouseClick(line.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(told), timeout=10_000)
    assert not errors and list(stick.glob("*.db"))
    assert "Lần sao lưu ra ngoài máy gần nhất" in line.text.text()
    assert not line.button.isVisibleTo(window)
