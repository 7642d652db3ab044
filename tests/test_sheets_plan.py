"""The dry run of a sheet import (issue #15 items 1–3): sheet, header, mapping, every row
classified with its reason; nothing written."""

import json
import unicodedata
from pathlib import Path

import openpyxl
import pytest

from app import sheets
from app.errors import SetupError
from app.services import preferences
from app.services import records as svc
from tests import factories as f
from tests.sheet_makers import MEDIATOR_ROWS, cp1258_csv, mediators_xlsx, sessions_xlsx

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def mediators(tmp_path) -> Path:
    return mediators_xlsx(tmp_path / "hoa-giai-vien.xlsx")


def statuses(plan) -> dict[int, str]:
    return {row.row: row.status for row in plan.rows}


def test_the_header_is_found_under_merged_titles_with_two_rows(ward, mediators):
    plan = sheets.plan_import(ward, mediators, "people")
    assert plan.sheet == "HGV 2025" and plan.sheets == ["HGV 2025"]
    assert plan.header_rows == [4, 5]
    assert plan.mapping == {
        "STT": None,
        "Họ và tên": "full_name",
        "Năm sinh / Nam": "male",
        "Năm sinh / Nữ": "female",
        "Dân tộc": "ethnicity",
        "Thôn/TDP": "hamlet",
        "Số QĐ": "decision_number",
        "Ngày QĐ": "decision_date",
        "SĐT nội bộ": None,  # hidden: read, never mapped by itself
        "Ghi chú": "notes",
    }
    hidden = next(c for c in plan.columns if c.header == "SĐT nội bộ")
    assert hidden.hidden and hidden.index == 8
    assert all(c.proposed for c in plan.columns)
    assert plan.unmapped_required == []


def test_every_row_is_classified_with_its_reason_beside_the_cell(ward, mediators):
    plan = sheets.plan_import(ward, mediators, "people")
    assert statuses(plan) == MEDIATOR_ROWS
    assert plan.counts == {"new": 6, "duplicate": 1, "refused": 2, "skipped": 3}
    by_row = {row.row: row for row in plan.rows}
    an = by_row[6].data
    assert (an["full_name"], an["gender"], an["birth_year"]) == ("Nguyễn Văn An", "male", 1968)
    assert an["roles"][0]["role"] == "HGV"  # the title says these are mediators
    assert an["roles"][0]["decision_date"] == "2024-03-15"
    assert an["roles"][0]["decision_number"] == "12/QĐ-UBND"
    assert not an["ethnic_minority"] and an["ethnicity"] is None  # Kinh
    binh = by_row[7].data
    assert (binh["gender"], binh["birth_year"], binh["ethnic_minority"]) == ("female", 1975, True)
    assert {by_row[r].data["roles"][0]["decision_date"] for r in range(6, 12)} == {"2024-03-15"}
    [month] = by_row[12].problems
    assert month.column == "Ngày QĐ" and "tháng 3/2024" in month.reason
    [hamlet] = by_row[13].problems
    # The services' own validation message, in the user's language, beside its column.
    assert hamlet.column == "Thôn/TDP" and hamlet.reason.startswith("Hòa giải viên phải có")
    assert "6" in by_row[14].problems[0].reason and by_row[14].duplicate_of is None
    assert by_row[16].cells["Họ và tên"] == ""  # the totals row: skipped, kept for the view


def test_the_dry_run_writes_nothing(ward, mediators):
    sheets.plan_import(ward, mediators, "people")
    assert svc.list_records(ward, "people") == []
    assert preferences.get_settings(ward, "sheets.") == {}


def test_duplicates_of_records_already_kept(ward, mediators):
    kept = f.person(ward, "NGUYỄN VĂN AN", birth_year=1968)
    plan = sheets.plan_import(ward, mediators, "people")
    row = next(r for r in plan.rows if r.row == 6)
    assert row.status == "duplicate" and row.duplicate_of == kept["uuid"]
    # The second An of the sheet is a duplicate of the same kept record.
    assert next(r for r in plan.rows if r.row == 14).duplicate_of == kept["uuid"]


@pytest.mark.parametrize("name", ["hoa-giai-vien.xls", "hoa-giai-vien.ods"])
def test_xls_and_ods_as_made_by_libreoffice(ward, name):
    plan = sheets.plan_import(ward, FIXTURES / name, "people")
    assert plan.header_rows == [4, 5]
    assert plan.mapping["Năm sinh / Nữ"] == "female"
    assert statuses(plan) == MEDIATOR_ROWS
    assert sheets.sheet_names(FIXTURES / name) == ["HGV 2025"]


def test_a_windows_1258_csv_with_names_split_and_marks(ward, tmp_path):
    path = cp1258_csv(
        tmp_path / "ttv.csv",
        [["STT", "Họ", "Tên", "Giới tính", "Năm sinh", "TTV", "Thôn/TDP"],
         ["1", "Nguyễn Thị", "Hòa", "Nữ", "1980", "x", "Tổ dân phố số 4"],
         ["2", "Trần Văn", "Đức", "nam", "1975", "", "Tổ dân phố số 5"],
         ["3", "Lê", "Quý", "?", "1975", "x", ""]],
    )  # fmt: skip
    assert unicodedata.normalize("NFD", "Hòa").encode("cp1258") in path.read_bytes()
    plan = sheets.plan_import(ward, path, "people")
    assert plan.sheets == ["ttv"]
    assert plan.mapping["Họ"] == "family_name" and plan.mapping["TTV"] == "role_ttv"
    rows = {row.row: row for row in plan.rows}
    assert rows[2].data["full_name"] == "Nguyễn Thị Hòa"  # NFC again
    assert rows[2].data["roles"][0]["role"] == "TTV"
    assert rows[3].data["roles"] == [] and rows[3].data["gender"] == "male"
    assert rows[4].status == "refused" and rows[4].problems[0].column == "Giới tính"


def test_a_utf8_csv_with_bom_and_commas(ward, tmp_path):
    path = tmp_path / "to.csv"
    path.write_text("\ufeffTên tổ,Thôn/TDP\r\nTổ hòa giải số 1,TDP 1\r\n", encoding="utf-8")
    plan = sheets.plan_import(ward, path, "teams")
    assert plan.mapping == {"Tên tổ": "name", "Thôn/TDP": "hamlet"}
    assert plan.counts["new"] == 1


def test_a_remembered_mapping_is_used_for_a_sheet_of_the_same_shape(ward, mediators):
    plan = sheets.plan_import(ward, mediators, "people")
    chosen = {**plan.mapping, "Ghi chú": None, "SĐT nội bộ": "phone"}
    plan = sheets.plan_import(ward, mediators, "people", mapping=chosen)
    assert plan.mapping == chosen
    assert not next(c for c in plan.columns if c.header == "SĐT nội bộ").proposed
    sheets.apply_import(ward, plan)
    again = sheets.plan_import(ward, mediators, "people")
    assert again.mapping == chosen and not any(c.proposed for c in again.columns)


def test_a_mapping_that_cannot_be_is_refused(ward, mediators):
    with pytest.raises(sheets.SheetError):
        sheets.plan_import(ward, mediators, "people", mapping={"Ghi chú": "no_such_field"})
    with pytest.raises(sheets.SheetError):
        sheets.plan_import(ward, mediators, "people", mapping={"Ghi chú": "hamlet"})


def test_teams_and_cases_refer_to_people_and_teams_by_name(ward, tmp_path):
    an = f.person(ward, "Nguyễn Văn An")
    binh = f.person(ward, "Trần Thị Bình", gender="female", roles=())
    for _ in range(2):
        f.person(ward, "Lê Văn Cường", roles=())
    teams = tmp_path / "to.xlsx"
    _sheet(teams, ["Tên tổ", "Thôn/TDP", "Tổ trưởng", "Thành viên"],
           [["Tổ 1", "TDP 1", "Nguyễn Văn An", "tran thi binh, Nguyễn Văn An"],
            ["Tổ 2", "TDP 2", "Lê Văn Cường", ""],
            ["Tổ 3", "TDP 3", "Không Ai", ""]])  # fmt: skip
    plan = sheets.plan_import(ward, teams, "teams")
    rows = {row.row: row for row in plan.rows}
    assert rows[2].data["members"] == [
        {"person": an["uuid"], "leader": True},
        {"person": binh["uuid"], "leader": False},
    ]
    assert rows[3].status == "refused" and "2" in rows[3].problems[0].reason  # two Cường
    assert rows[4].status == "refused" and rows[4].problems[0].column == "Tổ trưởng"
    sheets.apply_import(ward, plan)
    cases = tmp_path / "vu-viec.xlsx"
    _sheet(cases, ["STT", "Ngày tiếp nhận", "Nội dung", "Tổ hòa giải", "Căn cứ", "Loại vụ việc",
                   "Thành", "Không thành", "Ngày kết thúc", "Lý do kết thúc"],
           [[1, "02/01/2025", "Tranh chấp lối đi", "Tổ 1", "yêu cầu", "Dân sự", "x", None,
             "05/01/2025", "Các bên đạt được thỏa thuận"],
            [2, "3/1/2025", "Mâu thuẫn hàng xóm", "Tổ 9", "yêu cầu", "khác", None, None, None,
             None]])  # fmt: skip
    plan = sheets.plan_import(ward, cases, "cases")
    rows = {row.row: row for row in plan.rows}
    case = rows[2].data
    assert (case["title"], case["result"], case["scope_group"]) == (
        "Tranh chấp lối đi", "success", "civil")  # fmt: skip
    assert case["team"] and case["basis"] == "party_request"
    assert rows[3].status == "refused" and rows[3].problems[0].column == "Tổ hòa giải"


def test_a_district_cannot_import(district, mediators):
    with pytest.raises(SetupError):
        sheets.plan_import(district, mediators, "people")


def test_unreadable_and_unknown_files_are_refused_with_one_message(ward, tmp_path):
    broken = tmp_path / "hong.xlsx"
    broken.write_bytes(b"not a zip")
    for path in (broken, tmp_path / "ghi-chu.docx", tmp_path / "missing.xlsx"):
        if path.suffix == ".docx":
            path.write_bytes(b"x")
        with pytest.raises(sheets.SheetError):
            sheets.plan_import(ward, path, "people")
    with pytest.raises(sheets.SheetError) as refused:
        sheets.plan_import(ward, broken, "people")
    # What to do, in the officer's words; not the reading library's English ("not a zip file").
    message = refused.value.message("vi")
    assert "zip" not in message.lower() and "lưu lại" in message and "hong.xlsx" in message
    headerless = _sheet(tmp_path / "so.xlsx", ["1", "2"], [[3, 4]])
    with pytest.raises(sheets.SheetError, match="header"):
        sheets.plan_import(ward, headerless, "people")


def test_target_fields_in_form_order_with_labels(monkeypatch):
    fields = sheets.target_fields("people")
    assert fields[0].name == "full_name" and fields[0].label == "Họ và tên" and fields[0].required
    monkeypatch.setattr("app.i18n._current", "en")
    assert sheets.target_fields("people")[0].label == "Full name"
    assert json.dumps([f.name for f in sheets.target_fields("sessions")])


def _sheet(path: Path, header: list, rows: list[list]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_the_plan_names_the_records_its_duplicates_are_like(ward, mediators):
    kept = f.person(ward, "NGUYỄN VĂN AN", birth_year=1968)
    f.person(ward, "Lê Thị Khác", birth_year=1990)
    plan = sheets.plan_import(ward, mediators, "people")
    # Read with the ward's duplicate keys: the assistant looks nothing up row by row.
    assert plan.recorded_names == {kept["uuid"]: "NGUYỄN VĂN AN"}


def test_a_value_repeated_down_a_column_reads_the_same_each_time(ward, tmp_path):
    # Each value is made text once: 1, True and "1" are equal keys to a dict, not to a reader.
    book = openpyxl.Workbook()
    book.active.append(["Họ và tên", "Giới tính", "Ghi chú"])
    for name, note in (("An", 1), ("Bình", True), ("Cường", "1"), ("Dung", 1), ("Em", True)):
        book.active.append([name, "Nam", note])
    path = tmp_path / "ghi chu.xlsx"
    book.save(path)
    plan = sheets.plan_import(ward, path, "people")
    assert [row.cells["Ghi chú"] for row in plan.rows] == ["1", "TRUE", "1", "1", "TRUE"]
    assert [row.data["notes"] for row in plan.rows] == ["1", "TRUE", "1", "1", "TRUE"]


def test_planning_reports_progress_through_reading_and_checking(ward, tmp_path, monkeypatch):
    monkeypatch.setattr("app.sheets.plan.VALIDATED_AT_ONCE", 100)
    seen = []
    sheets.plan_import(
        ward, sessions_xlsx(tmp_path / "buoi.xlsx", 450), "sessions",
        progress=lambda done, total: seen.append((done, total)),
    )  # fmt: skip
    # Each row read, then checked as the services check it: the bar moves through both.
    assert seen[-1] == (900, 900)
    assert any(total == 900 and 450 < done < 900 for done, total in seen)
