"""Typed estimates that break a sum of the form, in the window: the report is shown as they
make it, the refusal names the sum beside the cell to correct, and nothing can be saved or
printed until the sums agree."""

from datetime import date

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QMainWindow

from app.demo import fill_demo_data
from app.reports.table import ESTIMATE, TOTAL
from app.services.preferences import get_settings
from ui.pages.report_view import REFUSED_TINT
from ui.pages.reports import ReportsPage, estimates_key
from ui.settings_store import UiSettings

PRELIMINARY = f"{date.today().year}-Y"  # always has an estimated part


@pytest.fixture(autouse=True)
def _reports_finished():
    yield
    QThreadPool.globalInstance().waitForDone(10_000)


@pytest.fixture
def page(qtbot, ward):
    fill_demo_data(ward, sessions=20, cases=40, people=24, seed=3)
    window = QMainWindow()
    page = ReportsPage(ward, UiSettings(ward.folder.root), window)
    window.setCentralWidget(page)
    window.resize(1280, 800)
    qtbot.addWidget(window)
    window.show()
    page.host = window
    page.report_combo.setCurrentIndex(page.report_combo.findData("mediation-stats"))
    page.period_combo.setEditText(PRELIMINARY)
    _wait_for_a_new_report(qtbot, page, page.compute)
    return page


def _wait_for_a_new_report(qtbot, page, action) -> None:
    before = page.report
    action()
    qtbot.waitUntil(
        lambda: page.report is not before and page._compute_task is None, timeout=10_000
    )


def _estimate_cell(page, key):
    # The form (mediators, or results) whose table holds the column.
    model = next(m for m in page.view.models if key in [c.key for c in m.columns])
    row = next(i for i, r in enumerate(model.rows) if r.style == ESTIMATE)
    column = next(i for i, c in enumerate(model.columns) if c.key == key)
    return model, model.index(row, column)


def _type(qtbot, page, key: str, text: str) -> None:
    model, index = _estimate_cell(page, key)
    _wait_for_a_new_report(qtbot, page, lambda: model.setData(index, text))


def _refused_cell(page, key):
    model, index = _estimate_cell(page, key)
    tint = model.data(index, Qt.ItemDataRole.BackgroundRole)
    return tint is not None and tint.color() == REFUSED_TINT, model.data(
        index, Qt.ItemDataRole.ToolTipRole
    )


def test_a_broken_sum_is_refused_beside_the_cell_until_the_estimates_agree(qtbot, page, ward):
    actual = next(r for r in page.report.sections[0].rows if r.style == "subtotal").values
    assert page.save_button.isEnabled() and not page.message.isVisibleTo(page)

    _type(qtbot, page, "cases_success", "2")
    message = page.message.text()
    assert page.message.isVisibleTo(page)
    assert f"số vụ hòa giải thành ({actual['cases_success'] + 2})" in message
    assert "tổng theo lĩnh vực" in message
    assert _refused_cell(page, "cases_success") == (True, message)  # the cell to correct
    assert _refused_cell(page, "success_civil")[0]  # the rest of the sum, marked
    assert not _refused_cell(page, "cases_failure")[0]  # another sum: untouched
    # Shown as it would print, never saved or printed so.
    total = next(r for r in page.report.sections[0].rows if r.style == TOTAL).values
    assert total["cases_success"] == actual["cases_success"] + 2
    assert not page.save_button.isEnabled() and not page.print_button.isEnabled()

    _type(qtbot, page, "success_civil", "2")  # that sum agrees; received against results not
    message = page.message.text()
    assert "số vụ, việc tiếp nhận" in message and "tổng theo kết quả" in message
    assert _refused_cell(page, "cases_success") == (True, message)
    assert not _refused_cell(page, "success_civil")[0]

    _type(qtbot, page, "cases_received", "2")
    assert "tổng theo lĩnh vực" in page.message.text()
    assert _refused_cell(page, "cases_received") == (True, page.message.text())

    _type(qtbot, page, "cases_civil", "2")  # every sum agrees now
    assert not page.message.isVisibleTo(page)
    assert not any(_refused_cell(page, key)[0] for key in ("cases_success", "cases_received"))
    assert page.save_button.isEnabled()
    key = estimates_key("mediation-stats", PRELIMINARY)
    assert get_settings(ward, key)[key] == {
        "cases_success": 2, "success_civil": 2, "cases_received": 2, "cases_civil": 2,
    }  # fmt: skip


def test_stored_estimates_that_break_a_sum_still_show_the_table(qtbot, page, ward):
    """Estimates kept from an earlier session: the officer can still see and correct them."""
    from app.services.preferences import put_settings

    key = estimates_key("mediation-stats", PRELIMINARY)
    put_settings(ward, {key: {"failure_other": 1}})
    _wait_for_a_new_report(qtbot, page, page.compute)
    assert page.stack.currentWidget() is page.view
    assert "số vụ hòa giải không thành" in page.message.text()
    assert _refused_cell(page, "failure_other") == (True, page.message.text())
    assert not page.save_button.isEnabled()
