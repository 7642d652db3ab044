"""The application as a whole: first run, the main window, a live language switch, the one-GUI
rule, and start-up without a traceback."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.db.instance import InstanceLock
from app.db.store import Store
from tests.gui_helpers import type_text
from ui.main_window import MainWindow
from ui.settings_store import UiSettings
from ui.wizard import FirstRunWizard


def test_first_run_wizard_sets_up_the_ward(qtbot, tmp_path):
    wizard = FirstRunWizard(tmp_path / "new")
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.role_page.ward.isChecked()  # most installations are wards
    wizard.next()
    page = wizard.unit_page
    type_text(qtbot, page.search, "cau giay")
    assert page.results.count() >= 1
    page.results.setCurrentRow(0)
    assert page.code.text() == "00167" and page.province.text() == "01"
    wizard.next()
    type_text(qtbot, wizard.officer_page.officer, "Nguyễn Thị Hà")
    wizard.next()  # Finish: validatePage sets up the folder
    qtbot.waitUntil(lambda: wizard.store is not None)
    installation = wizard.store.installation
    assert (installation["unit_code"], installation["unit_name"]) == ("00167", "Phường Cầu Giấy")
    assert installation["officer_name"] == "Nguyễn Thị Hà"
    wizard.store.close()
    reopened = Store.open(tmp_path / "new")  # the same folder the command line would use
    assert reopened.role == "ward"
    reopened.close()


def test_the_wizard_accepts_a_unit_typed_by_hand(qtbot, tmp_path):
    wizard = FirstRunWizard(tmp_path / "new")
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    page = wizard.unit_page
    assert not page.isComplete()
    for field, text in ((page.code, "99999"), (page.name, "Xã Mới Lập"), (page.province, "01")):
        type_text(qtbot, field, text)
    assert page.isComplete()
    wizard.next()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.store is not None)
    assert wizard.store.installation["unit_name"] == "Xã Mới Lập"
    wizard.store.close()


def test_the_wizard_sets_up_a_district_by_keyboard(qtbot, tmp_path):
    wizard = FirstRunWizard(tmp_path / "office")
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.keyClick(wizard.role_page.district, Qt.Key.Key_Space)  # Tab to it, Space chooses it
    assert wizard.role_page.district.isChecked()
    wizard.next()
    page = wizard.unit_page
    assert not page.province.isVisibleTo(page)  # an office is a province's, not a ward's
    type_text(qtbot, page.search, "ha noi")
    page.results.setCurrentRow(0)
    assert page.code.text() == "01" and "Hà Nội" in page.name.text()
    wizard.next()
    type_text(qtbot, wizard.officer_page.officer, "Trần Văn Nam")
    wizard.next()
    qtbot.waitUntil(lambda: wizard.store is not None)
    assert (wizard.store.role, wizard.store.unit_code) == ("district", "01")
    window = MainWindow(wizard.store, UiSettings(tmp_path / "office"))
    qtbot.addWidget(window)
    keys = [key for key, _label in window.page_list]
    assert keys[0] == "dashboard" and "send" not in keys and "overview" not in keys
    wizard.store.close()


def test_main_window_switches_language_live(qtbot, ward):
    window = MainWindow(ward, UiSettings(ward.folder.root))
    qtbot.addWidget(window)
    window.show()
    assert window.windowTitle().startswith("Phường Cầu Giấy")
    assert window.navigation.item(1).text() == "Buổi PBGDPL"
    sessions = window.pages["sessions"]
    window.change_language("en")
    assert window.navigation.item(1).text() == "Outreach sessions"
    assert sessions.heading.text() == "Outreach sessions"
    assert sessions.model.headerData(0, Qt.Orientation.Horizontal) == "Date"
    window.change_language("vi")
    assert sessions.model.headerData(0, Qt.Orientation.Horizontal) == "Ngày"
    assert UiSettings(ward.folder.root).language == "vi"


def test_every_page_opens_by_keyboard(qtbot, ward):
    window = MainWindow(ward, UiSettings(ward.folder.root))
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    for number in range(1, 8):
        target = QApplication.focusWidget() or window
        qtbot.keyClick(target, getattr(Qt.Key, f"Key_{number}"), Qt.KeyboardModifier.AltModifier)
        assert window.stack.currentIndex() == number - 1


def test_a_second_window_on_the_same_folder_is_refused(ward):
    first = InstanceLock(ward.folder.gui_lock)
    first.acquire()
    try:
        from app.errors import EnvironmentProblem

        with pytest.raises(EnvironmentProblem) as refused:
            InstanceLock(ward.folder.gui_lock).acquire()
        assert "đã được mở" in refused.value.message("vi") or refused.value.message("vi")
    finally:
        first.release()


STARTUP_SCRIPT = """
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from app.db.instance import InstanceLock
from app.errors import EnvironmentProblem
from ui import main as ui_main
from ui.main_window import MainWindow

app = QApplication([])
seen = {}

def look():
    window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
    seen.setdefault("first_title", window.windowTitle())
    if not window.pages:
        QTimer.singleShot(50, look)
        return
    seen["pages"] = sorted(window.pages)
    try:
        InstanceLock(ui_main.DataDir(sys.argv[1]).gui_lock).acquire()
    except EnvironmentProblem as refused:  # only the lock's own refusal counts
        seen["second_refused"] = refused.message("en")
    print(json.dumps(seen), flush=True)
    app.exit(0)

QTimer.singleShot(0, look)
sys.exit(ui_main.run(["--data-dir", sys.argv[1]]))
"""


def test_tiepcan_starts_shows_the_ward_then_attaches_its_pages(ward):
    """`tiepcan` on a set-up folder, in a process of its own (it installs its exception hook and
    runs its own event loop): the ward's name is in the title from the first moment, the pages
    follow once the store is open, and a second window on the folder is refused meanwhile."""
    import json
    import os
    import subprocess
    import sys

    ward.close()
    result = subprocess.run(
        [sys.executable, "-c", STARTUP_SCRIPT, str(ward.folder.root)],
        capture_output=True, text=True, timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["first_title"] == "Phường Cầu Giấy – TiepCan"
    assert "sessions" in seen["pages"] and "send" in seen["pages"]
    assert "already open" in seen["second_refused"]


def test_a_double_clicked_file_opens_on_its_page(qtbot, ward, district, tmp_path, monkeypatch):
    """The installer associates .tcb, .tcr and .card with the window: `tiepcan FILE` opens the
    window on the page that takes the file."""
    from app.cli.parser import gui_arguments, is_gui_invocation
    from app.sync.export import export_bundle
    from tests.exchange import introduce

    assert gui_arguments(["--data-dir", "D", "x.TCB"]) == ("D", "x.TCB")
    assert not is_gui_invocation(["status", "x.tcb"]) and not is_gui_invocation(["a.txt"])
    introduce(district, ward)
    bundle = export_bundle(ward, tmp_path / "1.tcb").path
    window = MainWindow(district, UiSettings(district.folder.root))
    qtbot.addWidget(window)
    window.open_file(bundle)
    assert window.stack.currentWidget() is window.pages["inbox"]
    qtbot.waitUntil(lambda: bool(window.pages["inbox"].items), timeout=10_000)
    assert window.pages["inbox"].items[0].path == bundle


def test_a_card_or_receipt_double_clicked_at_a_ward(qtbot, ward, district, tmp_path, monkeypatch):
    from app.sync.trust import export_card

    card = tmp_path / "district.card"
    card.write_bytes(export_card(district))
    window = MainWindow(ward, UiSettings(ward.folder.root))
    qtbot.addWidget(window)
    window.open_file(card)
    send = window.pages["send"]
    assert window.stack.currentWidget() is send and send._card == card.read_bytes()
    told = []
    monkeypatch.setattr("ui.strings.inform", lambda parent, title, text, *a: told.append(text))
    window.open_file(tmp_path / "1.tcb")  # a bundle belongs at the district: said, not opened
    assert told and "1.tcb" in told[0]


def test_ctrl_q_closes_the_window(qtbot, ward):
    window = MainWindow(ward, UiSettings(ward.folder.root))
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()
