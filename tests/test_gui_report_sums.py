"""Typed estimates that break a sum of the form, in the window: the report is shown as they
make it, the refusal names the sum beside the cell to correct, and nothing can be saved or
printed until the sums agree."""

from datetime import date

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QApplication, QMainWindow, QToolTip

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
    return _page_showing(qtbot, ward, "mediation-stats")


def _page_showing(qtbot, ward, name: str) -> ReportsPage:
    """The reports page in a window, showing report `name` for the preliminary year."""
    window = QMainWindow()
    page = ReportsPage(ward, UiSettings(ward.folder.root), window)
    window.setCentralWidget(page)
    window.resize(1280, 800)
    qtbot.addWidget(window)
    window.show()
    page.host = window
    page.report_combo.setCurrentIndex(page.report_combo.findData(name))
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
    results = page.report.sections[1]  # the 11-series form holds the estimate row
    actual = next(r for r in results.rows if r.style == "subtotal").values
    assert page.save_button.isEnabled() and not page.message.isVisibleTo(page)

    _type(qtbot, page, "cases_success", "2")
    message = page.message.text()
    assert page.message.isVisibleTo(page)
    assert "số vụ hòa giải thành (2)" in message  # on the estimate row, as typed
    assert "tổng theo lĩnh vực" in message
    assert _refused_cell(page, "cases_success") == (True, message)  # the cell to correct
    assert _refused_cell(page, "success_civil")[0]  # the rest of the sum, marked
    # Every sum broken is marked at once: results against received break too.
    assert _refused_cell(page, "cases_received")[0] and _refused_cell(page, "cases_failure")[0]
    assert not _refused_cell(page, "cases_civil")[0]  # a sum that holds: untouched
    # Shown as it would print, never saved or printed so.
    total = next(r for r in page.report.sections[1].rows if r.style == TOTAL).values
    assert total["cases_success"] == actual["cases_success"] + 2
    assert not page.save_button.isEnabled() and not page.print_button.isEnabled()

    _type(qtbot, page, "success_civil", "2")  # that sum agrees; received against results not
    message = page.message.text()
    assert "số vụ, việc tiếp nhận" in message and "tổng theo kết quả" in message
    assert _refused_cell(page, "cases_success") == (True, message)
    # Still red, for another sum: more civil successes (2) than civil cases received (0).
    assert _refused_cell(page, "success_civil")[0] and _refused_cell(page, "cases_civil")[0]

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


def test_the_refusal_beside_the_cell_leaves_the_total_row_in_view(qtbot, page):
    """The refusal's tooltip stood over the total row the officer was balancing: it shows
    above the estimate row."""
    _type(qtbot, page, "cases_success", "2")
    qtbot.waitUntil(QToolTip.isVisible)
    assert QToolTip.text() == page.message.text()
    label = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "qtooltip_label")
    table = page.view.tables[1]
    model = page.view.models[1]
    row = next(r for r, values in enumerate(model.rows) if values.style == "estimate")
    top = table.viewport().mapToGlobal(table.visualRect(model.index(row, 0)).topLeft()).y()
    assert label.geometry().bottom() <= top


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


# -- the estimate row keeps the sums itself; the teams' form has none -------------------------


@pytest.fixture
def pbgdpl_page(qtbot, ward, monkeypatch):
    """The PBGDPL form in English, with printed titles to spare: more are handed out than
    posted online, so a few more online titles still leave the total row adding up."""
    monkeypatch.setattr("app.i18n._current", "en")
    from app.services import records as svc
    from tests import factories as f

    fill_demo_data(ward, sessions=20, cases=10, people=24, seed=3)
    leaflets = [{"kind": "leaflet", "title": f"Leaflet {n}", "copies": 50} for n in range(8)]
    held_on = f"{date.today().year}-03-10"
    svc.create(ward, "sessions", f.session_data(held_on=held_on, materials=leaflets))
    return _page_showing(qtbot, ward, "pbgdpl-stats")


def test_an_estimate_row_that_breaks_a_sum_is_refused_beside_its_cell(qtbot, pbgdpl_page):
    page = pbgdpl_page
    (section,) = page.report.sections
    actual = section.rows[0].values
    assert actual["materials"] >= actual["materials_online"] + 1  # the total row keeps the sum

    _type(qtbot, page, "materials", "3")
    assert not page.message.isVisibleTo(page) and page.save_button.isEnabled()

    _type(qtbot, page, "materials_online", "4")  # 4 titles online of the 3 estimated
    message = page.message.text()
    assert page.message.isVisibleTo(page)
    assert message == (
        "The estimates do not add up: on the estimate row, titles posted online (4) cannot be "
        "more than titles issued (3)."
    )
    assert _refused_cell(page, "materials") == (True, message)  # the whole, typed
    assert _refused_cell(page, "materials_online")[0]
    assert not _refused_cell(page, "direct_sessions")[0]
    total = page.report.sections[0].rows[-1].values  # shown as it would print, and adding up
    assert total["materials"] >= total["materials_online"]
    assert not page.save_button.isEnabled() and not page.print_button.isEnabled()

    _type(qtbot, page, "materials", "4")
    assert not page.message.isVisibleTo(page)
    assert not _refused_cell(page, "materials")[0]
    assert page.save_button.isEnabled()


def test_the_teams_form_has_no_estimate_row_to_type_into(page):
    teams, results = page.view.models
    assert "materials" not in [c.key for c in teams.columns]
    assert ESTIMATE not in [row.style for row in teams.rows]
    assert not any(
        teams.is_editable(row, column)
        for row in range(teams.rowCount())
        for column in range(teams.columnCount())
    )
    assert [row.style for row in teams.rows][-1] == TOTAL
    assert [row.style for row in results.rows][-2:] == [ESTIMATE, TOTAL]
