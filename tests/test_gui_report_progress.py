"""A long report on the "Reports & printing" page: a bar that counts the work, Cancel and
Escape that stop it (the window usable at once, no file left half-written), and the report
settings opening beside the report instead of squeezing it to a strip."""

import time
from datetime import date

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QFileDialog, QMainWindow

import ui.pages.reports as reports_page
from app.demo import fill_demo_data
from app.reports.progress import EVERY
from ui.pages.reports import ReportsPage
from ui.settings_store import UiSettings

YEAR = date.today().year
EVERYTHING = "2025-01-01..2026-12-31"  # every day of the demo data
SESSIONS = EVERY + 100  # a log long enough to report its progress before it is done
PAUSE = 0.15  # seconds each progress report is held back: long enough to stop the work


@pytest.fixture(autouse=True)
def _work_finished():
    yield
    QThreadPool.globalInstance().waitForDone(10_000)


@pytest.fixture
def page(qtbot, ward):
    fill_demo_data(ward, sessions=SESSIONS, cases=40, people=24, seed=3)
    window = QMainWindow()
    page = ReportsPage(ward, UiSettings(ward.folder.root), window)
    window.setCentralWidget(page)
    window.resize(1280, 800)  # the main window's size on a usual screen
    qtbot.addWidget(window)
    window.show()
    page.host = window
    return page


def slowed(function, argument: int):
    """`function` with its progress callback (positional `argument`) held back at each call,
    as on a ward with 100,000 sessions."""

    def slow(*args):
        if len(args) <= argument or args[argument] is None:
            return function(*args)  # no one listens: nothing to hold back
        args = list(args)
        progress = args[argument]

        def held(done, total):
            time.sleep(PAUSE)
            progress(done, total)

        args[argument] = held
        return function(*args)

    return slow


def press(qtbot, page, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(page.period_combo.lineEdit(), key, modifier)


def compute(qtbot, page, name="pbgdpl-stats", period=str(YEAR)):
    page.report_combo.setCurrentIndex(page.report_combo.findData(name))
    page.period_combo.setEditText(period)
    press(qtbot, page, Qt.Key.Key_F5)


def counting(page) -> bool:
    """The bar is shown and counts (a range, some of it done), with Cancel beside it."""
    bar = page.progress
    return (
        bar.isVisible() and bar.maximum() > 0 and bar.value() > 0 and page.cancel_button.isVisible()
    )


def test_computing_shows_a_counting_bar_and_escape_stops_it(qtbot, page, monkeypatch):
    compute(qtbot, page)
    qtbot.waitUntil(lambda: page._compute_task is None, timeout=10_000)
    shown = page.report
    monkeypatch.setattr(reports_page, "build_report", slowed(reports_page.build_report, 2))

    compute(qtbot, page, "mediation-stats")
    qtbot.waitUntil(lambda: counting(page), timeout=10_000)
    assert not page.save_button.isEnabled()  # the report is being replaced
    press(qtbot, page, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page._compute_task is None, timeout=10_000)
    assert not page.progress.isVisible() and not page.cancel_button.isVisible()
    assert "F5" in page.status.text()  # stopped: says how to compute it again
    assert page.report is shown  # the report shown before stays on screen

    monkeypatch.undo()  # the window is usable at once: the next View computes
    press(qtbot, page, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: page.report is not shown and page._compute_task is None)
    assert page.report.name == "mediation-stats"


@pytest.mark.parametrize("fmt", ["pdf", "xlsx", "csv"])
def test_cancelling_a_save_leaves_no_file(qtbot, page, tmp_path, monkeypatch, fmt):
    compute(qtbot, page, "sessions-log", EVERYTHING)
    qtbot.waitUntil(lambda: page._compute_task is None, timeout=10_000)
    assert sum(len(section.rows) for section in page.report.sections) > SESSIONS
    monkeypatch.setattr(reports_page, "save_report", slowed(reports_page.save_report, 3))
    target = tmp_path / "out" / f"log.{fmt}"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args, **_kwargs: (str(target), ""))
    saved = []  # instead of the "Report saved" box: a save that ended despite the cancel
    monkeypatch.setattr(ReportsPage, "_saved", lambda _page, path: saved.append(path))
    press(qtbot, page, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: counting(page), timeout=10_000)
    qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page._job is None, timeout=10_000)
    assert not saved
    assert page.status.text() == "Đã hủy. Chưa ghi tệp nào."  # Cancelled. Nothing was written.
    assert list(target.parent.iterdir()) == []  # neither the file nor a partial copy
    assert not page.progress.isVisible()
    assert page.save_button.isEnabled() and page.view_button.isEnabled()


def test_the_report_settings_open_beside_the_report_not_over_it(qtbot, page):
    compute(qtbot, page, "sessions-log")
    qtbot.waitUntil(lambda: page._compute_task is None, timeout=10_000)
    before = page.stack.height()
    box = page.settings_box
    qtbot.mouseClick(box.toggle, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: box.isVisible())
    assert box.place.hasFocus()
    # The report keeps most of its height; the settings scroll in what they are given.
    assert page.stack.height() >= before * 0.5
    assert page.stack.height() >= 10 * page.fontMetrics().height()
    assert page.settings_area.height() >= 4 * page.fontMetrics().height()
    qtbot.mouseClick(box.toggle, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not box.isVisible())
    assert page.stack.height() >= before - page.fontMetrics().height()
