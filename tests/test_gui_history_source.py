"""The history view says where an imported record came from (issue #15 item 3)."""

from app import sheets
from app.services import records as svc
from tests.sheet_makers import mediators_xlsx
from ui.dialogs.history import HistoryDialog


def test_history_shows_the_file_and_row_of_an_imported_record(qtbot, ward, tmp_path):
    path = mediators_xlsx(tmp_path / "hoa-giai-vien.xlsx")
    sheets.apply_import(ward, sheets.plan_import(ward, path, "people"))
    person = next(
        p for p in svc.list_records(ward, "people") if p["data"]["full_name"] == "Trần Thị Bình"
    )
    dialog = HistoryDialog(ward, "people", person["uuid"])
    qtbot.addWidget(dialog)
    what = dialog.tree.topLevelItem(0).text(2)
    assert "hoa-giai-vien.xlsx" in what and "7" in what
