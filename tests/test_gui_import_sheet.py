"""The spreadsheet import assistant (#15), driven as an officer does: a sheet made the way offices
make them (a merged title row, a header, a refused row, a record already typed in), the columns
proposed and changed, every row's fate with its reason, the import (or its cancel), the refused
rows and the templates saved, and the window's shortcut and list that open it."""

import time
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFileDialog, QMessageBox, QStyleOptionViewItem, QWizard

import ui.dialogs.import_sheet as assistant
from app import sheets
from app.services import records as svc
from tests import factories as f
from tests.gui_helpers import accept_message, mnemonic_key, type_text, when_modal
from ui.dialogs.import_sheet import ImportSheetWizard
from ui.main_window import MainWindow
from ui.settings_store import UiSettings
from ui.strings import _, ngettext

HEADER = ["STT", "Họ và tên", "Giới tính", "Năm sinh", "Tổ dân phố", "Ghi chú"]
ROWS = [  # sheet rows 3 … 6
    [1, "Trần Thị Mai", "Nữ", 1980, "Tổ dân phố số 1"],
    [2, "Lê Văn Bình", "Không rõ", 1975, "Tổ dân phố số 2"],  # refused: no such gender
    [3, "Nguyễn Văn Đức", "Nam", 1970, "Tổ dân phố số 5"],  # typed in already
    [4, "Phạm Thị Hoa", "Nữ", 1990, "Tổ dân phố số 3"],
]
NEW, REFUSED, DUPLICATE = (3, 6), 4, 5  # sheet row numbers
PAUSE = 0.2  # seconds each progress report of a slowed import is held back


@pytest.fixture(autouse=True)
def _work_finished():
    yield
    QThreadPool.globalInstance().waitForDone(10_000)


@pytest.fixture
def sheet(tmp_path):
    book = openpyxl.Workbook()
    page = book.active
    page.title = "HGV 2025"
    page["A1"] = "DANH SÁCH HÒA GIẢI VIÊN NĂM 2025"
    page.merge_cells("A1:F1")
    page.append(HEADER)
    for row in ROWS:
        page.append(row)
    page.column_dimensions["F"].hidden = True  # an empty notes column, hidden
    path = tmp_path / "hoa giai vien.xlsx"
    book.save(path)
    return path


@pytest.fixture
def duc(ward):
    return f.person(ward, "Nguyễn Văn Đức", birth_year=1970)


@pytest.fixture
def wizard(qtbot, ward, duc):
    wizard = ImportSheetWizard(ward, UiSettings(ward.folder.root), "people")
    # Closed at the test's end: without a dry run to keep, closing asks nothing.
    qtbot.addWidget(wizard, before_close_func=lambda w: w.forget_plan())
    wizard.show()
    return wizard


def next_button(wizard):
    return wizard.button(QWizard.WizardButton.NextButton)


def open_sheet(qtbot, wizard, path) -> None:
    """Type the file's path, Enter: the sheet is read and its columns proposed."""
    page = wizard.choose_page
    page.path.setFocus()
    type_text(qtbot, page.path, str(path))
    qtbot.keyClick(page.path, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.mapping_page)
    qtbot.waitUntil(lambda: wizard.mapping_page.isComplete(), timeout=10_000)


def combo_of(wizard, header: str):
    page = wizard.mapping_page
    return page.combos[page.headers.index(header)]


def note_of(wizard, header: str) -> str:
    page = wizard.mapping_page
    return page.table.item(page.headers.index(header), assistant.NOTE).text()


def go_to_dry_run(qtbot, wizard, path):
    open_sheet(qtbot, wizard, path)
    qtbot.keyClick(combo_of(wizard, "Họ và tên"), Qt.Key.Key_Return)  # Enter = Next
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.check_page)
    return wizard.check_page


def importing(count: int) -> str:
    return ngettext("&Import {count} record", "&Import {count} records", count).format(count=count)


def row_of(page, number: int) -> int:
    return [row.row for row in page.rows].index(number)


def cell_at(page, number: int, column: int):
    """The dry run's cell of sheet row `number` (its model index: the table is a view)."""
    return page.model.index(row_of(page, number), column)


def text_at(page, number: int, column: int) -> str:
    return cell_at(page, number, column).data()


def test_the_columns_are_proposed_and_a_changed_match_reads_the_sheet_again(qtbot, wizard, sheet):
    open_sheet(qtbot, wizard, sheet)
    page = wizard.mapping_page
    assert page.headers == HEADER  # the merged title above the header is not a column
    assert combo_of(wizard, "Họ và tên").currentData() == "full_name"
    assert combo_of(wizard, "Giới tính").currentData() == "gender"
    assert combo_of(wizard, "STT").currentData() is None  # a row number fills nothing
    assert note_of(wizard, "Họ và tên") == _("proposed")  # “đề xuất”: a guess, to be checked
    assert note_of(wizard, "Ghi chú") == _("hidden in the sheet")  # read, but not matched
    assert combo_of(wizard, "Ghi chú").currentData() is None
    samples = page.table.item(page.headers.index("Họ và tên"), assistant.SAMPLE).text()
    assert "Trần Thị Mai" in samples
    assert not page.missing.isVisible() and next_button(wizard).isEnabled()
    assert page.combos[0].hasFocus()  # Tab goes down the sheet's columns
    qtbot.keyClick(page.combos[0], Qt.Key.Key_Tab)
    assert page.combos[1].hasFocus()

    # The officer says the gender column fills nothing: read again, a required field missing.
    gender = combo_of(wizard, "Giới tính")
    gender.setFocus()
    qtbot.keyClick(gender, Qt.Key.Key_Home)  # the first choice: “(bỏ qua)”
    assert gender.currentText() == _("(ignore)")
    assert note_of(wizard, "Giới tính") == ""  # chosen, no longer a guess
    assert not next_button(wizard).isEnabled()  # until the sheet is read with this match
    qtbot.waitUntil(lambda: wizard.plan.mapping["Giới tính"] is None, timeout=10_000)
    qtbot.waitUntil(lambda: not wizard.planning())
    assert page.missing.isVisible() and "Giới tính" in page.missing.text()
    assert not next_button(wizard).isEnabled()

    gender.setCurrentIndex(gender.findData("gender"))
    qtbot.waitUntil(lambda: wizard.plan.mapping["Giới tính"] == "gender", timeout=10_000)
    qtbot.waitUntil(lambda: next_button(wizard).isEnabled())
    assert not page.missing.isVisible()


def test_the_dry_run_shows_every_row_with_its_status_and_reason(qtbot, wizard, sheet, duc):
    page = go_to_dry_run(qtbot, wizard, sheet)
    assert [row.row for row in page.rows] == [3, 4, 5, 6]
    for number in NEW:
        assert text_at(page, number, assistant.STATUS) == _("New record")  # “Mới”
    assert text_at(page, REFUSED, assistant.STATUS) == _("Refused")
    assert text_at(page, DUPLICATE, assistant.STATUS) == _("Possible duplicate")
    # Why, beside the row, naming the column; the refused cell itself marked.
    assert "Giới tính" in text_at(page, REFUSED, assistant.REASON)
    assert "Nguyễn Văn Đức" in text_at(page, DUPLICATE, assistant.REASON)
    gender = (
        assistant.REASON + 1 + [c.header for c in wizard.plan.columns if c.field].index("Giới tính")
    )
    refused_cell = cell_at(page, REFUSED, gender)
    assert refused_cell.data() == "Không rõ"
    assert refused_cell.data(Qt.ItemDataRole.BackgroundRole) == assistant.REFUSED_TINT
    assert cell_at(page, 3, gender).data(Qt.ItemDataRole.BackgroundRole) is None
    # Counts on top, a filter by status.
    counts = page.counts.text()
    assert f"{_('New record')}: <b>2</b>" in counts and f"{_('Refused')}: <b>1</b>" in counts
    page.filter.setFocus()
    qtbot.keyClick(page.filter, Qt.Key.Key_Down)  # “Mới (2)”, after “all rows”
    assert page.shown_rows() == list(NEW)
    page.filter.setCurrentIndex(page.filter.findData("refused"))
    assert page.shown_rows() == [REFUSED]
    page.filter.setCurrentIndex(0)
    assert page.shown_rows() == [3, 4, 5, 6]

    # The likely duplicate is left out unless ticked (Space on its row).
    assert next_button(wizard).text() == importing(2)
    page.table.setFocus()
    page.table.setCurrentIndex(page.shown.mapFromSource(cell_at(page, DUPLICATE, assistant.STATUS)))
    qtbot.keyClick(page.table, Qt.Key.Key_Space)
    assert page.include_duplicates() == [DUPLICATE]
    assert next_button(wizard).text() == importing(3)
    qtbot.keyClick(page.table, Qt.Key.Key_Space)
    assert page.include_duplicates() == []


def test_importing_writes_the_good_rows_once(qtbot, wizard, sheet, ward):
    before = {p["data"]["full_name"] for p in svc.list_records(ward, "people")}
    go_to_dry_run(qtbot, wizard, sheet)
    qtbot.keyClick(wizard.check_page.table, Qt.Key.Key_Return)  # Enter: import
    page = wizard.import_page
    qtbot.waitUntil(lambda: page.result is not None, timeout=10_000)
    names = {p["data"]["full_name"] for p in svc.list_records(ward, "people")}
    assert names - before == {"Trần Thị Mai", "Phạm Thị Hoa"}
    assert page.status.text() == ngettext(
        "{count} record imported. It is in the list of {kind}.",
        "{count} records imported. They are in the list of {kind}.",
        2,
    ).format(count=2, kind="Người thực hiện")
    assert len(page.summary.text().splitlines()) == 2  # the duplicate and the refused row
    assert page.save_refused.isVisible()  # there is no way back to the dry run's button
    assert wizard.imported_kind == "people"
    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert finish.isVisible() and finish.isEnabled()
    assert not wizard.button(QWizard.WizardButton.CancelButton).isVisible()
    assert not wizard.button(QWizard.WizardButton.BackButton).isEnabled()
    qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
    assert wizard.result["imported"] == 2


def held(function):
    """apply_import with each progress report held back, as on a sheet of thousands of rows."""
    reports = []

    def slow(store, plan, **kwargs):
        progress = kwargs["progress"]

        def hold(done, total):
            reports.append((done, total))
            time.sleep(PAUSE)
            progress(done, total)

        return function(store, plan, **{**kwargs, "progress": hold})

    slow.reports = reports
    return slow


def test_cancel_during_the_import_writes_nothing(qtbot, wizard, sheet, ward, monkeypatch):
    before = svc.list_records(ward, "people")
    slow = held(assistant.sheets.apply_import)
    monkeypatch.setattr(assistant.sheets, "apply_import", slow)
    go_to_dry_run(qtbot, wizard, sheet)
    qtbot.mouseClick(next_button(wizard), Qt.MouseButton.LeftButton)
    page = wizard.import_page
    qtbot.waitUntil(lambda: bool(slow.reports), timeout=10_000)
    assert page.task is not None and page.progress.isVisible()
    cancel = wizard.button(QWizard.WizardButton.CancelButton)
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)  # stops the import, not the assistant
    qtbot.waitUntil(lambda: page.task is None, timeout=10_000)
    assert wizard.isVisible()
    assert page.status.text() == "Đã hủy. Chưa ghi tệp nào."  # Cancelled. Nothing was written.
    assert svc.list_records(ward, "people") == before
    assert page.result is None and wizard.imported_kind is None
    # One step back to the dry run, to import after all.
    back = wizard.button(QWizard.WizardButton.BackButton)
    assert back.isEnabled()
    qtbot.mouseClick(back, Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is wizard.check_page


def test_the_refused_rows_are_saved_for_correcting(qtbot, wizard, sheet, tmp_path, monkeypatch):
    page = go_to_dry_run(qtbot, wizard, sheet)
    target = tmp_path / "out" / "tu choi.xlsx"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    assert page.save_refused.isEnabled()
    qtbot.keyClick(page.table, mnemonic_key(page.save_refused), Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(target.exists)  # a mnemonic animates the click: it lands a moment later
    cells = [
        str(cell.value)
        for row in openpyxl.load_workbook(target).active.iter_rows()
        for cell in row
        if cell.value is not None
    ]
    assert "Lý do" in cells and "Lê Văn Bình" in cells
    assert "Nguyễn Văn Đức" not in cells and "Trần Thị Mai" not in cells
    assert str(target) in page.hint.text()


def test_a_template_for_each_kind_from_the_first_page(qtbot, wizard, tmp_path, monkeypatch):
    page = wizard.choose_page
    saved = []

    def save_name(_parent, _caption, proposed, _filters):
        target = tmp_path / f"{len(saved)}.xlsx"
        saved.append((proposed, target))
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    for kind in assistant.KIND_LABELS:
        page.kind.setCurrentIndex(page.kind.findData(kind))
        qtbot.mouseClick(page.template_button, Qt.MouseButton.LeftButton)
    assert [proposed.rsplit("/", 1)[-1] for proposed, _target in saved] == [
        _("Import template – {kind}").format(kind=kind) + ".xlsx"
        for kind in ("Người thực hiện", "Tổ hòa giải", "Vụ việc hòa giải", "Buổi PBGDPL")
    ]
    headers = [
        [c.value for c in next(openpyxl.load_workbook(target).active.iter_rows())]
        for _proposed, target in saved
    ]
    assert "Họ và tên" in headers[0] and headers[0] != headers[1]


def test_a_typed_path_is_read_without_enter(qtbot, wizard, sheet):
    page = wizard.choose_page
    page.path.setFocus()
    type_text(qtbot, page.path, str(sheet))
    assert not next_button(wizard).isEnabled()
    qtbot.waitUntil(next_button(wizard).isEnabled)  # once the typing rests
    qtbot.mouseClick(next_button(wizard), Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is wizard.mapping_page


def test_a_file_that_is_no_spreadsheet_is_refused_in_words(qtbot, wizard, tmp_path):
    junk = tmp_path / "danh sach.xlsx"
    junk.write_text("not a workbook", encoding="utf-8")
    page = wizard.choose_page
    page.path.setFocus()
    type_text(qtbot, page.path, str(junk))
    qtbot.keyClick(page.path, Qt.Key.Key_Return)
    assert wizard.currentPage() is page  # Enter did not go on
    assert page.error.text() and "Traceback" not in page.error.text()
    assert not next_button(wizard).isEnabled()


def test_escape_asks_before_the_dry_run_is_lost(qtbot, wizard, sheet, ward):
    open_sheet(qtbot, wizard, sheet)
    asked = []

    def keep_working(box):
        asked.append(box.text())
        reject = next(
            b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.RejectRole
        )
        qtbot.mouseClick(reject, Qt.MouseButton.LeftButton)

    errors = when_modal(qtbot, keep_working)
    qtbot.keyClick(combo_of(wizard, "STT"), Qt.Key.Key_Escape)
    assert not errors and asked and wizard.isVisible()

    errors = when_modal(qtbot, lambda box: accept_message(qtbot, box))
    qtbot.keyClick(combo_of(wizard, "STT"), Qt.Key.Key_Escape)
    assert not errors and not wizard.isVisible()
    assert wizard.result is None


def test_the_window_shortcut_opens_the_assistant_and_shows_what_was_imported(
    qtbot, ward, duc, sheet
):
    window = MainWindow(ward, UiSettings(ward.folder.root))
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    window.navigation.setCurrentRow(3)  # People
    page = window.pages["people"]
    action = page.new_button.menu().actions()[0]  # beside “New”: the other way in
    assert action.text() == _("Import from a spreadsheet…") and action.shortcut() == "Ctrl+Shift+I"
    assert page.model.total() == 1
    seen = []

    def import_all(wizard):
        seen.append(wizard.choose_page.chosen_kind())
        qtbot.waitUntil(wizard.isActiveWindow)  # typing goes where the focus is
        go_to_dry_run(qtbot, wizard, sheet)
        qtbot.mouseClick(next_button(wizard), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: wizard.import_page.result is not None, timeout=10_000)
        qtbot.mouseClick(
            wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton
        )

    errors = when_modal(qtbot, import_all)
    qtbot.keyClick(
        page.search,
        Qt.Key.Key_I,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    if errors:
        raise errors[0]
    assert seen == ["people"]  # the list in view is the kind proposed
    assert window.stack.currentWidget() is page
    assert page.model.total() == 3  # read again: the two imported are in the list


def test_the_menu_beside_new_opens_the_assistant_for_that_list(qtbot, ward):
    window = MainWindow(ward, UiSettings(ward.folder.root))
    qtbot.addWidget(window)
    window.navigation.setCurrentRow(1)  # Outreach sessions
    opened = []

    def close(wizard):
        opened.append((type(wizard), wizard.choose_page.chosen_kind()))
        wizard.reject()  # no plan yet: closes without a question

    errors = when_modal(qtbot, close)
    window.pages["sessions"].new_button.menu().actions()[0].trigger()
    assert not errors, errors
    assert opened == [(ImportSheetWizard, "sessions")]


def test_the_empty_lists_say_a_sheet_can_be_brought_in(qtbot, ward):
    window = MainWindow(ward, UiSettings(ward.folder.root))
    qtbot.addWidget(window)
    window.navigation.setCurrentRow(2)  # Mediation cases, empty
    assert "Ctrl+Shift+I" in window.pages["cases"].empty.text()
    assert window.pages["trainings"].import_action is None  # no sheet brings trainings in


def test_a_district_has_no_import(qtbot, district):
    window = MainWindow(district, UiSettings(district.folder.root))
    qtbot.addWidget(window)
    window.import_sheet("people")  # nothing opens (a modal assistant would block here)
    assert window.pages["people"].import_action is None


def test_the_record_a_duplicate_is_like_comes_with_the_plan(qtbot, wizard, sheet, monkeypatch):
    looked_up = []
    monkeypatch.setattr(assistant.svc, "get", lambda *args, **kw: looked_up.append(args))
    page = go_to_dry_run(qtbot, wizard, sheet)
    assert "Nguyễn Văn Đức" in text_at(page, DUPLICATE, assistant.REASON)
    assert looked_up == []  # not one query per likely duplicate: 20,000 of them froze the window


def synthetic_plan(rows: int):
    """A dry run of `rows` sessions, as plan_import makes it, without reading a sheet."""
    columns = [sheets.Column(0, "Ngày", "held_on"), sheets.Column(1, "Nội dung", "title")]
    statuses = ("new", "new", "duplicate", "refused")
    plan_rows = [
        sheets.RowPlan(
            number + 2,
            statuses[number % 4],
            problems=[sheets.Problem(number + 2, "Ngày", "Không phải ngày")]
            if number % 4 == 3
            else [],
            cells={"Ngày": f"{number % 28 + 1}/03/2024", "Nội dung": f"Buổi số {number}"},
        )
        for number in range(rows)
    ]
    return sheets.Plan(Path("buoi.xlsx"), "sessions", "Buổi", ["Buổi"], [1], columns, plan_rows)


def test_a_dry_run_of_twenty_thousand_rows_is_shown_at_once(qtbot, wizard):
    page = wizard.check_page

    def shown_in(rows: int) -> float:
        wizard.plan = synthetic_plan(rows)
        start = time.perf_counter()
        page.initializePage()
        qtbot.wait(1)  # and drawn
        return time.perf_counter() - start

    small, large = shown_in(200), shown_in(20_000)
    # Cells are made as the view asks for them: not 20,000 rows of widgets before anything shows.
    assert large < 5 * small + 0.5, (small, large)
    assert page.model.rowCount() == 20_000 and page.shown_rows()[:3] == [2, 3, 4]
    page.filter.setCurrentIndex(page.filter.findData("refused"))
    assert len(page.shown_rows()) == 5_000 and page.shown_rows()[0] == 5
    tinted = cell_at(page, 5, assistant.REASON + 1)
    assert tinted.data(Qt.ItemDataRole.BackgroundRole) == assistant.REFUSED_TINT
    assert tinted.data(Qt.ItemDataRole.ToolTipRole) == "Không phải ngày"


def test_a_bar_shows_how_far_the_sheet_is_read(qtbot, wizard, sheet, monkeypatch):
    plan_import = assistant.sheets.plan_import

    def slowly(*args, progress, **kwargs):
        progress(3, 8)  # three rows of eight read…
        time.sleep(PAUSE * 3)
        return plan_import(*args, progress=progress, **kwargs)

    monkeypatch.setattr(assistant.sheets, "plan_import", slowly)
    page = wizard.choose_page
    page.path.setFocus()
    type_text(qtbot, page.path, str(sheet))
    qtbot.keyClick(page.path, Qt.Key.Key_Return)
    mapping = wizard.mapping_page
    bar = mapping.progress
    qtbot.waitUntil(lambda: bar.isVisible() and bar.maximum() == 8 and bar.value() == 3)
    assert mapping.status.text() == ""  # the bar, not a line of text
    assert bar.accessibleName() == _("Reading the sheet…")
    qtbot.waitUntil(lambda: mapping.isComplete(), timeout=10_000)
    assert not bar.isVisible() and mapping.status.text()  # “4 rows read below the header.”


# -- the user trial's findings ---------------------------------------------------------------


def sessions_sheet(tmp_path) -> Path:
    """Sessions with their title and form, and no date column: the date is one for all."""
    book = openpyxl.Workbook()
    page = book.active
    page.append(["STT", "Nội dung tuyên truyền", "Hình thức"])
    page.append([1, "Luật Hòa giải ở cơ sở", "Loa truyền thanh cơ sở"])
    page.append([2, "Luật Đất đai 2024", "Loa truyền thanh cơ sở"])
    path = tmp_path / "buoi tuyen truyen.xlsx"
    book.save(path)
    return path


def test_a_required_field_no_column_fills_takes_one_value_for_every_row(qtbot, wizard, sheet):
    open_sheet(qtbot, wizard, sheet)
    page = wizard.mapping_page
    assert not page.same_area.isVisible()  # every required field has its column
    gender = combo_of(wizard, "Giới tính")
    gender.setCurrentIndex(0)  # “(bỏ qua)”: no column gives the gender now
    qtbot.waitUntil(lambda: "gender" in page.same_values, timeout=10_000)
    qtbot.waitUntil(lambda: not wizard.planning())
    assert not next_button(wizard).isEnabled()
    # “Giới tính – cùng một giá trị cho mọi dòng:”, a choice among the genders, by keyboard.
    editor, label = page.same_values["gender"], page.same_labels["gender"]
    assert page.same_area.isVisible() and label.buddy() is editor
    assert label.text() == _("{field} – one value for every row that needs it:").format(
        field="Giới tính"
    )
    choices = [editor.editor.itemText(i) for i in range(editor.editor.count())]
    assert choices[0] == _("(choose)") and "Nữ" in choices
    page.combos[-1].setFocus()
    qtbot.keyClick(page.combos[-1], Qt.Key.Key_Tab)  # on from the last column's choice
    assert editor.editor.hasFocus()
    editor.editor.setCurrentIndex(editor.editor.findText("Nữ"))
    qtbot.waitUntil(lambda: wizard.plan.defaults == {"gender": "female"}, timeout=10_000)
    qtbot.waitUntil(next_button(wizard).isEnabled, timeout=10_000)
    assert not page.missing.isVisible()
    assert {row.data.get("gender") for row in wizard.plan.rows if row.status == "new"} == {"female"}
    # A column chosen for the field again takes over: its value for every row is not sent.
    gender.setCurrentIndex(gender.findData("gender"))
    qtbot.waitUntil(lambda: wizard.plan.mapping["Giới tính"] == "gender", timeout=10_000)
    qtbot.waitUntil(next_button(wizard).isEnabled, timeout=10_000)
    assert wizard.plan.defaults == {} and not page.same_area.isVisible()


def test_a_date_for_every_row_is_typed_as_dd_mm_yyyy(qtbot, ward, tmp_path):
    wizard = ImportSheetWizard(ward, UiSettings(ward.folder.root), "sessions")
    qtbot.addWidget(wizard, before_close_func=lambda w: w.forget_plan())
    wizard.show()
    open_sheet_path = sessions_sheet(tmp_path)
    page = wizard.choose_page
    page.path.setFocus()
    type_text(qtbot, page.path, str(open_sheet_path))
    qtbot.keyClick(page.path, Qt.Key.Key_Return)
    mapping = wizard.mapping_page
    qtbot.waitUntil(lambda: "held_on" in mapping.same_values, timeout=10_000)
    assert not next_button(wizard).isEnabled()
    line = mapping.same_values["held_on"].editor.line
    assert mapping.same_labels["held_on"].buddy() is mapping.same_values["held_on"]
    line.setFocus()
    type_text(qtbot, line, "15/03/2025")
    qtbot.waitUntil(lambda: wizard.plan.defaults == {"held_on": "2025-03-15"}, timeout=10_000)
    qtbot.waitUntil(next_button(wizard).isEnabled, timeout=10_000)
    assert {row.data["held_on"] for row in wizard.plan.rows if row.status == "new"} == {
        "2025-03-15"
    }


def test_the_first_page_says_to_bring_the_people_in_first(qtbot, wizard, monkeypatch):
    order = wizard.choose_page.order
    assert order.isVisible() and order.text() == _(
        "Bring the people in first (with their teams), then cases and sessions."
    )
    monkeypatch.setattr("app.i18n._current", "en")
    wizard.retranslate()
    text = order.text()
    assert text.index("people") < text.index("teams") < text.index("cases")


def test_the_assistant_takes_most_of_the_screen(qtbot, wizard):
    free = wizard.screen().availableGeometry()
    wanted = (int(free.width() * 0.9), int(free.height() * 0.9))
    minimum = wizard.minimumSizeHint()
    assert wizard.width() == max(wanted[0], minimum.width())
    assert wizard.height() == max(wanted[1], minimum.height())


def long_reason_plan(reason: str):
    plan = synthetic_plan(4)
    plan.rows[3].problems = [sheets.Problem(plan.rows[3].row, "Ngày", reason)]
    plan.rows[0].status = "skipped"
    plan.rows[0].problems = [sheets.Problem(plan.rows[0].row, "", "Bỏ qua: dòng tổng cộng.")]
    return plan


def test_a_long_reason_has_room_and_is_read_whole(qtbot, wizard):
    reason = "Không phải ngày: " + "viết theo dạng ngày/tháng/năm, ví dụ 15/03/2024; " * 6 + "HẾT"
    wizard.resize(1400, 800)
    wizard.plan = long_reason_plan(reason)
    page = wizard.check_page
    page.initializePage()
    # Wider than any other column may be, cut in its middle, whole in its tip.
    assert page.table.columnWidth(assistant.REASON) > assistant.CELL_WIDTH
    index = page.shown.index(3, assistant.REASON)
    assert reason in index.data(Qt.ItemDataRole.ToolTipRole)
    option = QStyleOptionViewItem()
    page.table.itemDelegateForColumn(assistant.REASON).initStyleOption(option, index)
    assert option.textElideMode == Qt.TextElideMode.ElideMiddle
    # The row under the cursor: its reason whole, wrapped, below the table.
    page.table.setCurrentIndex(page.shown.index(3, assistant.STATUS))
    assert not page.detail.isHidden() and page.detail.wordWrap()
    assert reason in page.detail.text() and "5" in page.detail.text()  # sheet row 5
    page.table.setCurrentIndex(page.shown.index(1, assistant.STATUS))  # a new row: no reason
    assert page.detail.isHidden()


def test_a_skipped_row_says_why_in_grey(qtbot, wizard):
    wizard.plan = long_reason_plan("Không phải ngày")
    page = wizard.check_page
    page.initializePage()
    skipped = page.shown.index(0, assistant.REASON)
    assert page.shown.index(0, assistant.STATUS).data() == _("Skipped")
    assert skipped.data() == "Bỏ qua: dòng tổng cộng."
    assert skipped.data(Qt.ItemDataRole.ForegroundRole) == assistant.skipped_colour()
    assert page.shown.index(3, assistant.REASON).data(Qt.ItemDataRole.ForegroundRole) == QColor(
        assistant.ERROR_COLOUR
    )


def test_a_totals_row_is_skipped_with_its_reason(qtbot, wizard, tmp_path):
    book = openpyxl.Workbook()
    page = book.active
    page.append(HEADER[:4])
    page.append([1, "Trần Thị Mai", "Nữ", 1980])
    page.append(["", "Tổng cộng: 1 người", "", ""])
    path = tmp_path / "co tong.xlsx"
    book.save(path)
    check = go_to_dry_run(qtbot, wizard, path)
    assert text_at(check, 3, assistant.STATUS) == _("Skipped")
    assert text_at(check, 3, assistant.REASON)  # why: a totals row


def test_the_dry_run_says_how_many_teams_the_people_make(qtbot, wizard, tmp_path):
    book = openpyxl.Workbook()
    page = book.active
    page.append(["STT", "Họ và tên", "Giới tính", "Năm sinh", "Thôn, tổ dân phố", "Tổ hòa giải",
                 "Chức vụ trong tổ"])  # fmt: skip
    page.append([1, "Trần Thị Mai", "Nữ", 1980, "Thôn 1", "Tổ hòa giải thôn 1", "Tổ trưởng"])
    page.append([2, "Lê Văn Bình", "Nam", 1975, "Thôn 1", "Tổ hòa giải thôn 1", "Tổ viên"])
    path = tmp_path / "hgv co to.xlsx"
    book.save(path)
    check = go_to_dry_run(qtbot, wizard, path)
    assert check.teams.isVisible()
    assert check.teams.text() == assistant.teams_text({"created": 1, "extended": 0})
