"""The district's Overview and Submissions pages through the window: every ward named with its
figures and freshness, sorting, drill-down to a ward's sessions by the keyboard, the tracker's
states, and both printable."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.services import records as svc
from app.services.setup import set_up
from app.sync.export import export_bundle
from app.sync.importer import import_bundles
from tests import factories as f
from tests.exchange import introduce
from ui.main_window import MainWindow
from ui.settings_store import UiSettings


@pytest.fixture(autouse=True)
def _english(monkeypatch):
    monkeypatch.setattr("app.i18n._current", "en")


@pytest.fixture
def window(qtbot, tmp_path, district, ward):
    other = set_up(tmp_path / "ward2", "ward", "00070", province="01", officer="Phạm Thu").store
    try:
        introduce(district, ward)
        introduce(district, other)
        today = date.today().isoformat()
        svc.create_many(ward, "sessions", [f.session_data(held_on=today) for _ in range(4)])
        svc.create_many(other, "sessions", [f.session_data(held_on=today)])
        for store in (ward, other):
            path = export_bundle(store, tmp_path / f"{store.unit_code}.tcb").path
            assert import_bundles(district, [path])[0].status == "imported"
    finally:
        other.close()
    window = MainWindow(district, UiSettings(district.folder.root))
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    return window


def column(table, header: str) -> int:
    return next(
        c for c in range(table.columnCount()) if table.horizontalHeaderItem(c).text() == header
    )


def test_the_overview_names_each_ward_with_its_figures_and_drills_down(qtbot, window):
    page = window.pages["dashboard"]
    assert window.stack.currentWidget() is page  # a district opens on it
    table = page.table
    rows = {table.item(r, 0).text(): r for r in range(table.rowCount())}
    assert set(rows) == {"Phường Cầu Giấy (00167)", "Phường Hoàn Kiếm (00070)"}
    sessions = column(table, "Sessions")
    assert table.item(rows["Phường Cầu Giấy (00167)"], sessions).text() == "4"
    fresh = table.item(rows["Phường Hoàn Kiếm (00070)"], column(table, "Data up to")).text()
    assert fresh.endswith("today")
    table.sortItems(sessions, Qt.SortOrder.DescendingOrder)  # numbers sort as numbers
    assert table.item(0, 0).text() == "Phường Cầu Giấy (00167)"
    assert page.chart.categories[0] == "Phường Cầu Giấy"

    # Drill down by the keyboard: pick the second ward, Enter, its sessions alone.
    table.setFocus()
    table.selectRow(1)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    sessions_page = window.pages["sessions"]
    assert window.stack.currentWidget() is sessions_page
    qtbot.waitUntil(lambda: sessions_page.model.total() == 1)


def test_the_tracker_shows_who_sent_and_who_is_missing(qtbot, window):
    target = QApplication.focusWidget() or window
    qtbot.keyClick(target, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    page = window.pages["tracker"]
    assert window.stack.currentWidget() is page
    table = page.table
    assert table.rowCount() > 100  # every ward of the province, registered or not
    codes = [table.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(table.rowCount())]
    mine = codes.index("00167")
    registered = column(table, "Registered")
    assert table.item(mine, registered).text() == "yes"
    assert table.item(mine, column(table, "Last bundle")).text() == "1"
    page.only_chasing.setChecked(True)  # wards with nothing sent are missing for past periods
    chased = [table.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(table.rowCount())]
    past_due = date.today() > date(date.today().year, 6, 10)
    assert (len(chased) > 100) == past_due
    assert "·" in page.summary.text()
