"""What a user trial of the spreadsheet import found (issue #15): a mediator list with its teams,
a mediation logbook with a "Lĩnh vực" column and one "Tên vụ việc / nội dung" column, every
missing field named in the first dry run, values given to every row, and the reasons."""

import json

import openpyxl
import pytest

from app import sheets
from app.cli.main import run
from app.services import records as svc
from tests import factories as f
from tests.sheet_makers import cp1258_csv

TEAM_LIST = [  # name, gender, year, hamlet, team, role in the team
    ("Nguyễn Văn An", "Nam", 1958, "Tổ dân phố 1", "Tổ hòa giải số 1", "Tổ trưởng"),
    ("Trần Thị Bích", "Nữ", 1972, "Tổ dân phố 1", "Tổ hòa giải số 1", "Tổ viên"),
    ("Lê Văn Cường", "Nam", 1965, "Tổ dân phố 1", "Tổ hòa giải số 1", "Tổ viên"),
    ("Hoàng Văn Em", "Nam", 1950, "Tổ dân phố 2", "Tổ hòa giải số 2", "Tổ trưởng"),
    ("Vũ Thị Phương", "Nữ", 1968, "Tổ dân phố 2", "tổ hoà giải số 2", "Tổ viên"),
]


def team_list_xlsx(path, people=TEAM_LIST):
    """The trial's mediator list: a team column and a "Chức vụ trong tổ" column, a totals row
    and a signature block."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "DANH SÁCH HÒA GIẢI VIÊN NĂM 2025"
    heads = [
        "STT",
        "Họ và tên",
        "Giới tính",
        "Năm sinh",
        "Tổ dân phố",
        "Tổ hòa giải",
        "Chức vụ trong tổ",
    ]
    for column, text in enumerate(heads, 1):
        ws.cell(3, column, text)
    row = 4
    for number, person in enumerate(people, 1):
        for column, value in enumerate((number, *person), 1):
            ws.cell(row, column, value)
        row += 1
    ws.cell(row, 1, "Tổng cộng")
    ws.cell(row + 2, 2, "NGƯỜI LẬP BIỂU")
    wb.save(path)
    return path


LOGBOOK_HEAD = ["Số TT", "Ngày nhận", "Tên vụ việc / nội dung", "Bên yêu cầu",
                "Bên được yêu cầu", "Lĩnh vực", "Hòa giải viên", "Kết quả", "Ngày kết thúc"]  # fmt: skip
LOGBOOK = [
    ["1", "05/01/2025", "Tranh chấp lối đi chung giữa hai hộ", "Nguyễn Văn Khánh",
     "Trần Văn Lộc", "Đất đai", "Nguyễn Văn An", "Thành", "12/01/2025"],
    ["2", "10/01/2025", "Mâu thuẫn vợ chồng do kinh tế gia đình", "Lê Thị Mận", "Lê Văn Nam",
     "Hôn nhân gia đình", "Trần Thị Bích", "Thành", "20/01/2025"],
    ["3", "15/01/2025", "Vay tiền không trả", "Phạm Văn Ổn", "Hoàng Thị Phấn", "Dân sự",
     "Hoàng Văn Em", "Không thành", "30/01/2025"],
    ["4", "02/02/2025", "Tranh chấp ranh giới đất vườn", "Bùi Văn Sáng", "Đỗ Văn Tài",
     "Đất đai", "Lê Văn Cường", "Đang hòa giải", ""],
]  # fmt: skip


def logbook_csv(path, rows=LOGBOOK):
    return cp1258_csv(path, [["SỔ THEO DÕI HOẠT ĐỘNG HÒA GIẢI NĂM 2025"], [], LOGBOOK_HEAD, *rows])


def _team_members(store) -> dict[str, list[tuple[str, bool]]]:
    names = {p["uuid"]: p["data"]["full_name"] for p in svc.list_records(store, "people")}
    return {
        team["data"]["name"]: [(names[m["person"]], m["leader"]) for m in team["data"]["members"]]
        for team in svc.list_records(store, "teams")
    }


# -- 1. teams from the mediator list ---------------------------------------------------------


def test_a_team_column_links_each_person_to_a_team_created_or_extended(ward, tmp_path):
    f.team(ward, [], name="Tổ Hòa Giải Số 2")
    plan = sheets.plan_import(ward, team_list_xlsx(tmp_path / "ds.xlsx"), "people")
    fields = {c.header: c.field for c in plan.columns}
    assert fields["Tổ hòa giải"] == "team"
    assert fields["Chức vụ trong tổ"] == "team_leader"  # not the person's job position
    assert plan.counts["new"] == 5
    assert plan.teams_summary == {"created": 1, "extended": 1}
    result = sheets.apply_import(ward, plan)
    assert result["teams_created"] == 1 and result["teams_extended"] == 1
    teams = _team_members(ward)
    assert teams["Tổ hòa giải số 1"] == [
        ("Nguyễn Văn An", True),
        ("Trần Thị Bích", False),
        ("Lê Văn Cường", False),
    ]
    assert teams["Tổ Hòa Giải Số 2"] == [("Hoàng Văn Em", True), ("Vũ Thị Phương", False)]
    [created] = [t for t in svc.list_records(ward, "teams") if t["data"]["name"].endswith("1")]
    assert created["data"]["hamlet"] == "Tổ dân phố 1"  # its leader's


def test_a_second_team_leader_is_refused_in_the_dry_run(ward, tmp_path):
    people = [
        *TEAM_LIST,
        ("Lê Văn Thứ", "Nam", 1977, "Tổ dân phố 1", "Tổ hòa giải số 1", "Tổ trưởng"),
    ]
    plan = sheets.plan_import(ward, team_list_xlsx(tmp_path / "ds.xlsx", people), "people")
    [refused] = [row for row in plan.rows if row.status == "refused"]
    assert refused.row == 9
    assert "Tổ hòa giải số 1" in refused.problems[0].reason
    assert "dòng 4" in refused.problems[0].reason or "row 4" in refused.problems[0].reason
    assert refused.problems[0].column in ("Tổ hòa giải", "Chức vụ trong tổ")


def test_the_cli_dry_run_says_how_many_teams_and_prints_the_mapping_first(ward, tmp_path, capsys):
    path = team_list_xlsx(tmp_path / "ds.xlsx")
    capsys.readouterr()
    status = run(["import-sheet", str(path), "--kind", "people", "--dry-run",
                  "--data-dir", str(ward.folder.root)])  # fmt: skip
    out = capsys.readouterr().out
    assert status == 0
    lines = out.splitlines()
    assert lines[0].startswith(("Cột “Họ và tên” → ", "Column “Họ và tên” → "))
    assert "“STT”" in next(line for line in lines if line.startswith(("Cột bỏ qua", "Columns ig")))
    # Teams created and extended: "…: 2; …: 0" (two new teams, none in the list yet).
    assert any(line.endswith(": 0") and ": 2;" in line for line in lines)


def test_the_cli_names_each_missing_field_with_the_key_the_mapping_takes(ward, tmp_path, capsys):
    """A trial: the dry run named the fields in Vietnamese only, and --mapping wants keys."""
    path = logbook_csv(tmp_path / "so.csv")
    capsys.readouterr()
    run(["import-sheet", str(path), "--kind", "cases", "--dry-run",
         "--data-dir", str(ward.folder.root)])  # fmt: skip
    out = capsys.readouterr().out
    assert "(=basis)" in out and "(=started_on)" in out and "(=end_reason)" in out


# -- 2. every missing field at once; values given to every row -------------------------------


def test_the_first_dry_run_names_every_field_the_cases_will_need(ward, tmp_path):
    plan = sheets.plan_import(ward, logbook_csv(tmp_path / "so.csv"), "cases")
    missing = {field.name for field in plan.unmapped_required}
    # Concluded cases need an end reason (the failures: a success is inferred), the case in
    # progress its start date; a basis is the officer's choice. The title comes from the content.
    assert missing == {"basis", "started_on", "end_reason"}
    assert all(field.required for field in plan.unmapped_required)


def test_a_value_given_to_every_row_fills_a_field_no_column_fills(ward, tmp_path):
    for name in ("Nguyễn Văn An", "Trần Thị Bích", "Hoàng Văn Em", "Lê Văn Cường"):
        f.person(ward, name)
    defaults = {"basis": "Một bên hoặc các bên yêu cầu", "end_reason": "mediator_ended"}
    rows = [row for row in LOGBOOK if row[7] != "Đang hòa giải"]
    plan = sheets.plan_import(ward, logbook_csv(tmp_path / "so.csv", rows), "cases",
                              defaults=defaults)  # fmt: skip
    assert plan.unmapped_required == []
    assert plan.counts["new"] == 3, [r.problems for r in plan.rows if r.status == "refused"]
    data = {row.data["title"]: row.data for row in plan.rows if row.status == "new"}
    assert data["Vay tiền không trả"]["end_reason"] == "mediator_ended"
    success = data["Tranh chấp lối đi chung giữa hai hộ"]
    assert success["end_reason"] == "agreement" and success["basis"] == "party_request"


def test_a_start_date_given_to_every_row_goes_to_the_cases_in_progress_only(ward, tmp_path):
    """A trial: one start date for every row broke each concluded case (after its end, or
    before its receipt); only a case in progress must have one."""
    for name in ("Nguyễn Văn An", "Trần Thị Bích", "Hoàng Văn Em", "Lê Văn Cường"):
        f.person(ward, name)
    defaults = {"basis": "party_request", "end_reason": "mediator_ended",
                "started_on": "10/02/2025"}  # fmt: skip
    plan = sheets.plan_import(ward, logbook_csv(tmp_path / "so.csv"), "cases", defaults=defaults)
    assert plan.counts["new"] == 4, [r.problems for r in plan.rows if r.status == "refused"]
    started = {row.data["title"]: row.data.get("started_on") for row in plan.rows}
    assert started["Tranh chấp ranh giới đất vườn"] == "2025-02-10"  # in progress
    assert started["Vay tiền không trả"] is None  # concluded: left as the sheet has it


def test_enumerations_offer_their_choices(ward):
    fields = {field.name: field for field in sheets.target_fields("cases")}
    assert ("civil", "Tranh chấp dân sự") in fields["scope_group"].choices
    assert fields["title"].choices == []


def test_the_cli_reads_values_for_every_row_from_the_mapping_file(ward, tmp_path, capsys):
    path = logbook_csv(tmp_path / "so.csv", LOGBOOK[2:3])
    f.person(ward, "Hoàng Văn Em")
    mapping = tmp_path / "map.json"
    mapping.write_text(json.dumps({"=basis": "party_request", "=end_reason": "mediator_ended"}))
    capsys.readouterr()
    status = run(["import-sheet", str(path), "--kind", "cases", "--mapping", str(mapping),
                  "--data-dir", str(ward.folder.root)])  # fmt: skip
    assert status == 0, capsys.readouterr()
    [case] = svc.list_records(ward, "cases")
    assert case["data"]["basis"] == "party_request"


# -- 3. "Lĩnh vực" is the kind of dispute ----------------------------------------------------


def test_linh_vuc_is_the_kind_of_dispute_and_office_words_map_to_it(ward, tmp_path):
    plan = sheets.plan_import(ward, logbook_csv(tmp_path / "so.csv"), "cases")
    assert plan.mapping["Lĩnh vực"] == "scope_group"
    groups = [row.data.get("scope_group") for row in plan.rows if row.data]
    assert groups == ["civil", "marriage_family", "civil", "civil"]


def test_a_kind_of_dispute_not_in_the_list_is_refused_with_the_choices(ward, tmp_path):
    rows = [[*LOGBOOK[0][:5], "Hình sự", *LOGBOOK[0][6:]]]
    plan = sheets.plan_import(ward, logbook_csv(tmp_path / "so.csv", rows), "cases")
    reasons = [p.reason for p in plan.rows[-1].problems if p.column == "Lĩnh vực"]
    assert reasons and "Dân sự" in reasons[0] and "Hôn nhân và gia đình" in reasons[0]


# -- 4. one rule for title and content --------------------------------------------------------


@pytest.mark.parametrize("mapping", [None, {"Tên vụ việc / nội dung": "title"}])
def test_one_title_and_content_column_fills_both(ward, tmp_path, mapping):
    plan = sheets.plan_import(ward, logbook_csv(tmp_path / "so.csv"), "cases", mapping=mapping)
    assert "title" not in {field.name for field in plan.unmapped_required}
    first = plan.rows[-4].data
    assert first["title"] == first["summary"] == "Tranh chấp lối đi chung giữa hai hộ"


# -- 5. a case's team from its mediators ------------------------------------------------------


def test_a_case_gets_the_team_all_its_mediators_belong_to(ward, tmp_path):
    an = f.person(ward, "Nguyễn Văn An")["uuid"]
    team = f.team(ward, [an], name="Tổ 1")["uuid"]
    plan = sheets.plan_import(ward, logbook_csv(tmp_path / "so.csv", LOGBOOK[:1]), "cases")
    assert plan.rows[-1].data["team"] == team


# -- 6. messages ------------------------------------------------------------------------------


def test_a_mediator_not_in_the_list_says_to_import_the_people_first(ward, tmp_path):
    plan = sheets.plan_import(ward, logbook_csv(tmp_path / "so.csv", LOGBOOK[:1]), "cases")
    reasons = [p.reason for p in plan.rows[-1].problems if p.column == "Hòa giải viên"]
    assert reasons and ("nhập danh sách người trước" in reasons[0] or "first" in reasons[0])


def test_skipped_rows_say_why(ward, tmp_path):
    plan = sheets.plan_import(ward, team_list_xlsx(tmp_path / "ds.xlsx"), "people")
    skipped = [row for row in plan.rows if row.status == "skipped"]
    assert len(skipped) == 3  # the totals row, a blank row, the signature block
    assert all(row.problems and row.problems[0].column == "" for row in skipped)
    assert len({row.problems[0].reason for row in skipped}) == 3


def test_the_help_says_to_bring_people_in_first_and_how_to_give_every_row_a_value(capsys):
    with pytest.raises(SystemExit):
        run(["import-sheet", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "--dry-run" in out and '"=basis"' in out
    assert "nhập danh sách người trước" in out or "Bring in the people first" in out
