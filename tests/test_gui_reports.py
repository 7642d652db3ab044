"""The "Reports & printing" page: a report computed off the GUI thread shows the engine's
figures, typed estimates are kept and counted, a bad period is refused in words, and the saved
files and the print preview are the PDF writer's own."""

import time
from datetime import date

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow, QMessageBox

from app.demo import fill_demo_data
from app.reports.engine import Request, build_report
from app.reports.pdf import write_pdf
from app.reports.table import COUNT, ESTIMATE, TEXT, TOTAL, Column, Report, Row, Section
from app.reports.values import format_value
from app.services.preferences import get_settings
from app.text import fold
from tests.gui_helpers import accept_message, type_into, when_modal
from ui.dialogs.print_preview import page_count, paint_images, render_pages, set_up_printer
from ui.pages.report_view import ReportView, parse_whole_number
from ui.pages.reports import ReportsPage, estimates_key
from ui.settings_store import UiSettings

YEAR = date.today().year
PRELIMINARY = f"{YEAR}-Y"  # always has an estimated part


@pytest.fixture(autouse=True)
def _reports_finished():
    # A report still being written in the background must not run into the next test.
    yield
    QThreadPool.globalInstance().waitForDone(10_000)


@pytest.fixture
def page(qtbot, ward):
    fill_demo_data(ward, sessions=60, cases=40, people=24, seed=3)
    window = QMainWindow()
    page = ReportsPage(ward, UiSettings(ward.folder.root), window)
    window.setCentralWidget(page)
    window.resize(1280, 800)
    qtbot.addWidget(window)
    window.show()
    page.host = window  # kept alive as long as the page
    return page


def choose(page, name: str, period: str) -> None:
    page.report_combo.setCurrentIndex(page.report_combo.findData(name))
    page.period_combo.setEditText(period)


def show(qtbot, page, name: str, period: str) -> None:
    choose(page, name, period)
    before = page.report
    qtbot.keyClick(page.period_combo.lineEdit(), Qt.Key.Key_F5)
    qtbot.waitUntil(
        lambda: page.report is not before and page._compute_task is None, timeout=10_000
    )


def column_of(model, key: str) -> int:
    return next(i for i, column in enumerate(model.columns) if column.key == key)


def row_of(model, style: str) -> int:
    return max(i for i, row in enumerate(model.rows) if row.style == style)


def test_the_page_says_what_to_do_first(page):
    assert page.stack.currentWidget() is page.empty
    assert "F5" in page.empty.text()
    assert not page.save_button.isEnabled() and not page.preview_button.isEnabled()


def test_figures_shown_are_the_engines(qtbot, page, ward):
    show(qtbot, page, "pbgdpl-stats", PRELIMINARY)
    expected = build_report(ward, Request("pbgdpl-stats", PRELIMINARY, estimates={}))
    model = page.view.models[0]
    body = expected.sections[0].rows[0].values
    for key in ("direct_sessions", "direct_attendees", "funding_total", "propagandists"):
        shown = model.text(0, column_of(model, key))
        assert shown == format_value(body[key], model.columns[column_of(model, key)].kind, "vi")
    assert body["direct_sessions"] > 0
    assert page.view.title_label.text() == expected.title.upper()
    assert page.view.period_label.text() == expected.period_line
    assert page.save_button.isEnabled()


def test_a_typed_estimate_is_saved_and_counted_in_the_total(qtbot, page, ward):
    show(qtbot, page, "pbgdpl-stats", PRELIMINARY)
    model = page.view.models[0]
    column = column_of(model, "direct_sessions")
    actual = model.rows[0].values["direct_sessions"]
    table, _first = page.view.estimate_cell()
    index = model.index(row_of(model, ESTIMATE), column)
    assert model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(row_of(model, ESTIMATE), column_of(model, "reporters"))) & (
        Qt.ItemFlag.ItemIsEditable
    )

    before = page.report
    table.setFocus()
    table.setCurrentIndex(index)
    qtbot.keyClicks(table, "7")  # any key starts editing
    qtbot.keyClick(table.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: page.report is not before and page._compute_task is None, timeout=10_000
    )

    model = page.view.models[0]
    total = model.rows[row_of(model, TOTAL)].values["direct_sessions"]
    assert total == actual + 7
    assert model.text(row_of(model, TOTAL), column) == format_value(actual + 7, COUNT, "vi")
    key = estimates_key("pbgdpl-stats", PRELIMINARY)
    assert get_settings(ward, key)[key] == {"direct_sessions": 7}

    # A fresh look at the same report reads the saved estimate back.
    page.estimates = {}
    show(qtbot, page, "pbgdpl-stats", PRELIMINARY)
    model = page.view.models[0]
    assert model.rows[row_of(model, ESTIMATE)].values["direct_sessions"] == 7


def _next_estimate(page, first) -> str:
    """The key of the estimate cell Tab goes to from `first`."""
    model = page.view.models[0]
    return next(
        model.columns[column].key
        for column in range(first.column() + 1, model.columnCount())
        if model.is_editable(first.row(), column)
    )


def test_tab_after_an_estimate_keeps_typing_in_the_next_cell(qtbot, page, ward):
    show(qtbot, page, "pbgdpl-stats", PRELIMINARY)
    table, first = page.view.estimate_cell()
    model = page.view.models[0]
    second = _next_estimate(page, first)
    before = page.report
    table.setFocus()
    qtbot.keyClicks(table, "3")  # opens the editor on the first yellow cell
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # commits, opens the next
    qtbot.keyClicks(QApplication.focusWidget(), "5")  # typed before the report is recomputed
    qtbot.waitUntil(lambda: page.report is not before and page._compute_task is None)
    editor = QApplication.focusWidget()
    assert page.view.tables[0].isAncestorOf(editor) and editor.text() == "5"
    before = page.report
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.report is not before and page._compute_task is None)
    key = estimates_key("pbgdpl-stats", PRELIMINARY)
    assert get_settings(ward, key)[key] == {model.columns[first.column()].key: 3, second: 5}
    assert page.view.tables[0].hasFocus()


def test_tab_onto_a_typed_estimate_then_typing_replaces_it(qtbot, page, ward):
    """The recomputed table reopened the next cell's editor with its figure and the cursor at
    its end: 50 and then a 3 was 503. A figure not yet touched is replaced, as in a cell."""
    show(qtbot, page, "pbgdpl-stats", PRELIMINARY)
    table, first = page.view.estimate_cell()
    second = _next_estimate(page, first)
    first_key = page.view.models[0].columns[first.column()].key
    page.estimates = {first_key: 1, second: 50}
    show(qtbot, page, "pbgdpl-stats", PRELIMINARY)
    table, first = page.view.estimate_cell()
    table.setFocus()
    table.setCurrentIndex(first)
    before = page.report
    qtbot.keyClicks(table, "2")  # replaces the 1
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # commits, opens the 50
    qtbot.waitUntil(lambda: page.report is not before and page._compute_task is None)
    editor = QApplication.focusWidget()
    editor.setText("50")  # the next cell's editor, opened on its figure (not typed into)
    page.view.show_report(page.report, page.editable)  # shown again (a second recompute)
    before = page.report
    qtbot.keyClicks(QApplication.focusWidget(), "3")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.report is not before and page._compute_task is None)
    key = estimates_key("pbgdpl-stats", PRELIMINARY)
    assert get_settings(ward, key)[key] == {first_key: 2, second: 3}


def test_a_wrong_estimate_is_refused_in_words(qtbot, page, ward):
    show(qtbot, page, "pbgdpl-stats", PRELIMINARY)
    model = page.view.models[0]
    index = model.index(row_of(model, ESTIMATE), column_of(model, "quizzes"))
    for typed in ("-3", "2,5", "abc"):
        assert not model.setData(index, typed)
        assert page.message.isVisibleTo(page) and typed in page.message.text()
    key = estimates_key("pbgdpl-stats", PRELIMINARY)
    assert key not in get_settings(ward, key)
    assert parse_whole_number("1.500.000", "vi") == 1_500_000
    assert parse_whole_number(" ", "vi") is None


def test_a_bad_period_shows_its_message_beside_the_field(qtbot, page):
    page.report_combo.setCurrentIndex(page.report_combo.findData("pbgdpl-stats"))
    type_into(qtbot, page.period_combo.lineEdit(), "2026-H3")
    qtbot.keyClick(page.period_combo.lineEdit(), Qt.Key.Key_Return)
    assert page.period_error.isVisibleTo(page)
    assert "2026-H3" in page.period_error.text() and "2026-H1" in page.period_error.text()
    assert not page.period_hint.isVisibleTo(page)  # the error says the same, in its place
    assert page.report is None and page._compute_task is None
    type_into(qtbot, page.period_combo.lineEdit(), "2026-01-01..2026-03-31")
    assert not page.period_error.isVisibleTo(page) and page.period_hint.isVisibleTo(page)


def test_the_team_box_follows_the_report(qtbot, page, ward):
    page.report_combo.setCurrentIndex(page.report_combo.findData("pbgdpl-stats"))
    assert not page.team_combo.isEnabled()
    page.report_combo.setCurrentIndex(page.report_combo.findData("mediation-logbook"))
    assert page.team_combo.isEnabled() and page.team_combo.count() > 1
    page.team_combo.setCurrentIndex(1)
    show(qtbot, page, "mediation-logbook", str(YEAR))
    name = page.team_combo.currentText().split(" – ")[0]
    assert len(page.report.sections) == 1 and name in page.report.sections[0].title


def test_tab_goes_from_the_buttons_to_the_estimates_and_out(qtbot, page):
    show(qtbot, page, "pbgdpl-stats", PRELIMINARY)
    table, first = page.view.estimate_cell()
    model = page.view.models[0]
    editable = [
        column for column in range(model.columnCount()) if model.is_editable(first.row(), column)
    ]
    page.save_button.setFocus()
    qtbot.keyClick(page.save_button, Qt.Key.Key_Tab)
    assert table.hasFocus() and table.currentIndex() == first
    for column in editable[1:]:  # only the cells to type in, not every figure
        qtbot.keyClick(table, Qt.Key.Key_Tab)
        assert table.currentIndex() == model.index(first.row(), column)
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert page.settings_box.toggle.hasFocus()


def test_report_settings_fold_out_refuse_a_bad_threshold_and_recompute(qtbot, page, ward):
    box = page.settings_box
    assert not box.isVisibleTo(page)
    qtbot.mouseClick(box.toggle, Qt.MouseButton.LeftButton)
    assert box.isVisibleTo(page) and box.place.hasFocus()
    show(qtbot, page, "legal-access", PRELIMINARY)
    field = next(iter(box.thresholds.values()))
    type_into(qtbot, field, "120")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert "100" in box.note.text() and field.hasFocus()
    key = "legal_access.threshold.success_rate"
    assert get_settings(ward, key)[key] is None

    before = page.report
    type_into(qtbot, box.signer_name, "Nguyễn Thị Hoa")
    type_into(qtbot, field, "80,5")
    qtbot.mouseClick(box.save_button, Qt.MouseButton.LeftButton)
    assert get_settings(ward, key)[key] == 80.5
    qtbot.waitUntil(lambda: page.report is not before and page._compute_task is None)
    assert page.report.signer_name == "Nguyễn Thị Hoa"


@pytest.mark.parametrize("fmt", ["pdf", "csv"])
def test_save_writes_the_file(qtbot, page, tmp_path, monkeypatch, fmt):
    if fmt == "csv":
        pytest.importorskip("app.reports.csvfile")
    show(qtbot, page, "mediation-stats", PRELIMINARY)
    target = tmp_path / f"report.{fmt}"
    offered = {}

    def save_name(_parent, _title, suggested, *_args, **_kwargs):
        offered["path"] = suggested
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    seen = []

    def close(box):
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        accept_message(qtbot, box)

    errors = when_modal(qtbot, close, timeout_ms=20_000)
    qtbot.keyClick(page.period_combo.lineEdit(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(seen) or bool(errors), timeout=20_000)
    assert not errors
    assert target.is_file() and target.stat().st_size > 0
    assert str(target) in seen[0]
    # The form's title in the officer's language, not the program's internal name.
    assert offered["path"].endswith(
        f"Số tổ hòa giải, hòa giải viên và kết quả hòa giải ở cơ sở {PRELIMINARY}.pdf"
    )
    assert page._job is None and not page.progress.isVisible()


def test_print_preview_shows_every_pdf_page(qtbot, page, tmp_path):
    show(qtbot, page, "mediation-logbook", str(YEAR))
    pdf = tmp_path / "logbook.pdf"
    pages = write_pdf(page.report, pdf)
    images = render_pages(pdf)
    assert len(images) == pages == page_count(pdf) and pages > 1
    assert images[0].width() > images[0].height()  # the logbook is landscape

    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    set_up_printer(printer, page.report.orientation)
    assert paint_images(printer, images) == pages
    assert page_count(tmp_path / "printed.pdf") == pages

    shown = []

    def look(dialog):
        assert isinstance(dialog, QPrintPreviewDialog)
        shown.append(dialog.findChild(QPrintPreviewWidget).pageCount())
        dialog.reject()

    errors = when_modal(qtbot, look, timeout_ms=20_000)
    qtbot.keyClick(page.period_combo.lineEdit(), Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(shown) or bool(errors), timeout=20_000)
    assert not errors
    assert shown == [pages]
    qtbot.waitUntil(lambda: page._job is None)


def test_printing_says_what_went_to_the_printer(qtbot, page, tmp_path, monkeypatch):
    """ "In…" printed and cleared the status: the officer is told how many pages went where."""
    show(qtbot, page, "mediation-logbook", str(YEAR))
    printed = tmp_path / "printed.pdf"

    def a_printer(orientation, parent=None):
        printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        set_up_printer(printer, orientation)
        return printer

    monkeypatch.setattr("ui.dialogs.print_preview.ask_printer", a_printer)
    page.print_report()
    qtbot.waitUntil(lambda: page.status.text().startswith("Đã gửi"), timeout=20_000)
    pages = page_count(printed)
    assert page.status.text() == f"Đã gửi {pages} trang tới {printed}." and pages > 1


# The offscreen platform activates no window by itself; the modal preview is the active one.
@pytest.mark.filterwarnings("ignore:Function.*setActiveWindow:DeprecationWarning")
def test_page_keys_turn_the_print_preview_s_pages(qtbot, page, tmp_path):
    from ui.dialogs.print_preview import PdfPreview

    show(qtbot, page, "mediation-logbook", str(YEAR))
    pdf = tmp_path / "logbook.pdf"
    write_pdf(page.report, pdf)
    dialog = PdfPreview(pdf, render_pages(pdf), page.report.orientation, page)
    qtbot.addWidget(dialog)
    dialog.show()
    QApplication.setActiveWindow(dialog)  # as the modal dialog is when it opens
    view = dialog.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: view.pageCount() > 2)
    focus = dialog.focusWidget() or dialog
    qtbot.keyClick(focus, Qt.Key.Key_PageDown)
    assert view.currentPage() == 2
    qtbot.keyClick(focus, Qt.Key.Key_End)
    assert view.currentPage() == view.pageCount()
    qtbot.keyClick(focus, Qt.Key.Key_PageUp)
    assert view.currentPage() == view.pageCount() - 1
    qtbot.keyClick(focus, Qt.Key.Key_Home)
    assert view.currentPage() == 1
    dialog.reject()


def test_a_long_list_is_a_model_not_widgets(qtbot):
    columns = [Column("seq", "STT", COUNT), Column("text", "Nội dung", TEXT, width=3)]
    rows = [Row({"seq": n, "text": f"Vụ việc số {n}"}) for n in range(1, 20_001)]
    rows.append(Row({"text": "Tổng cộng", "seq": None}, TOTAL))
    report = Report(
        "sessions-log", "vi", "Sổ", "Kỳ", "", "landscape", ("UBND",), "Cầu Giấy",
        date(2026, 6, 30), "CHỦ TỊCH", "", "NGƯỜI LẬP BIỂU", "", [Section(columns, rows)],
    )  # fmt: skip
    view = ReportView()
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    started = time.perf_counter()
    view.show_report(report)
    qtbot.wait(10)
    assert time.perf_counter() - started < 2.0
    model = view.models[0]
    assert model.rowCount() == 20_001 and model.text(19_999, 0) == "20.000"
    assert view.tables[0].height() < 800  # scrolls inside, not 20,000 rows tall


@pytest.fixture
def district_page(qtbot, tmp_path, district):
    """A district that imported two wards' bundles, through the real services."""
    from app.services.setup import set_up
    from app.sync.export import export_bundle
    from app.sync.importer import import_bundles
    from tests.exchange import introduce

    bundles = []
    for code, seed in (("00167", 1), ("00160", 2)):
        ward_store = set_up(tmp_path / code, "ward", code, province="01").store
        fill_demo_data(ward_store, sessions=30, cases=20, people=20, seed=seed)
        introduce(district, ward_store)
        bundles.append(export_bundle(ward_store, tmp_path / f"{code}.tcb").path)
        ward_store.close()
    assert [r.status for r in import_bundles(district, bundles)] == ["imported"] * 2
    window = QMainWindow()
    page = ReportsPage(district, UiSettings(district.folder.root), window)
    window.setCentralWidget(page)
    qtbot.addWidget(window)
    window.show()
    page.host = window
    return page


def test_a_district_shows_every_ward_and_a_total_or_one_ward(qtbot, district_page, district):
    page = district_page
    assert page.ward_combo.isVisible()
    assert [page.ward_combo.itemData(i) for i in range(page.ward_combo.count())] == [
        None,
        "00160",
        "00167",
    ]
    show(qtbot, page, "pbgdpl-stats", str(YEAR))
    units = [row.values["unit"] for row in page.report.sections[0].rows]
    assert units == ["Phường Nghĩa Đô", "Phường Cầu Giấy", "Tổng cộng"]
    page.ward_combo.setCurrentIndex(page.ward_combo.findData("00167"))
    before = page.report
    qtbot.keyClick(page.period_combo.lineEdit(), Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: page.report is not before and page._compute_task is None)
    (row,) = page.report.sections[0].rows
    expected = build_report(district, Request("pbgdpl-stats", str(YEAR), ward="00167"))
    assert row.values == expected.sections[0].rows[0].values


def test_a_ward_has_no_ward_choice(page):
    assert not page.ward_combo.isVisible()
    assert page.request().ward is None


def test_the_reports_are_listed_forms_first_in_the_order_of_their_titles(page):
    """They came in the order of the definitions' file names ("legal-access",
    "mediation-logbook", …), which reads as no order at all in Vietnamese."""
    combo = page.report_combo
    names = [combo.itemData(i) for i in range(combo.count())]
    titles = [combo.itemText(i) for i in range(combo.count())]
    kinds = [page.definitions[name].kind for name in names]
    forms = kinds.count("statistics")
    assert kinds == ["statistics"] * forms + ["list"] * (len(kinds) - forms) and forms == 3
    assert titles[:forms] == sorted(titles[:forms], key=fold)
    assert titles[forms:] == sorted(titles[forms:], key=fold)
    assert titles[0] == "Kết quả thực hiện một số chỉ tiêu tiếp cận pháp luật"
