"""The history view says where an imported record came from (issue #15 item 3), the file and
the row number both in view (the user trial found "nhập từ FILE, dòng N" cut before N)."""

from app import sheets
from app.services import records as svc
from tests.sheet_makers import mediators_xlsx
from ui.dialogs.history import HistoryDialog


def imported_person_history(qtbot, ward, tmp_path, file_name: str) -> HistoryDialog:
    path = mediators_xlsx(tmp_path / file_name)
    sheets.apply_import(ward, sheets.plan_import(ward, path, "people"))
    person = next(
        p for p in svc.list_records(ward, "people") if p["data"]["full_name"] == "Trần Thị Bình"
    )
    dialog = HistoryDialog(ward, "people", person["uuid"])
    qtbot.addWidget(dialog)
    return dialog


def test_history_shows_the_file_and_row_of_an_imported_record(qtbot, ward, tmp_path):
    dialog = imported_person_history(qtbot, ward, tmp_path, "hoa-giai-vien.xlsx")
    created = dialog.tree.topLevelItem(0)
    source = created.child(0).text(0)
    assert "hoa-giai-vien.xlsx" in source and "7" in source
    assert created.toolTip(2) == source  # and on the entry itself


def test_the_source_has_the_whole_width_and_its_row_number_shows(qtbot, ward, tmp_path):
    name = "danh sach hoa giai vien cua cac to hoa giai tren dia ban phuong nam 2025.xlsx"
    dialog = imported_person_history(qtbot, ward, tmp_path, name)
    dialog.resize(900, 500)
    dialog.show()
    qtbot.waitExposed(dialog)
    tree = dialog.tree
    line = tree.topLevelItem(0).child(0)
    assert line.isFirstColumnSpanned()  # across when, who, what, before and after
    rect = tree.visualItemRect(line)
    text_width = tree.fontMetrics().horizontalAdvance(line.text(0))
    assert text_width + tree.indentation() < rect.width()  # nothing cut: “…, dòng 7” in view
    assert tree.columnWidth(0) < rect.width() / 2  # the long line does not widen “when”
