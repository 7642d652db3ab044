"""Writing an import (issue #15 items 3–4): the good rows in one transaction, all or none,
through the services, with "imported from FILE, row N" in the history."""

import gc

import openpyxl
import pytest

from app import sheets
from app.errors import RecordError
from app.services import audit
from app.services import records as svc
from tests import factories as f
from tests.sheet_makers import mediators_xlsx, sessions_xlsx


@pytest.fixture
def mediators(tmp_path):
    return mediators_xlsx(tmp_path / "hoa-giai-vien.xlsx")


def test_the_good_rows_are_imported_and_the_history_says_from_where(ward, mediators):
    plan = sheets.plan_import(ward, mediators, "people")
    result = sheets.apply_import(ward, plan)
    assert result["imported"] == 6 and result["refused"] == 2 and result["duplicates_skipped"] == 1
    people = {p["data"]["full_name"]: p for p in svc.list_records(ward, "people")}
    assert len(people) == 6
    [entry] = svc.history(ward, "people", people["Trần Thị Bình"]["uuid"])
    assert entry["action"] == "create" and entry["officer"] == "Nguyễn Thị Hà"
    assert entry["source"] == "imported from hoa-giai-vien.xlsx, row 7" or entry["source"] == (
        "nhập từ hoa-giai-vien.xlsx, dòng 7"
    )
    assert audit.describe_source(audit.sheet_source("a.xlsx", 7), "en") == (
        "imported from a.xlsx, row 7"
    )
    typed = svc.create(ward, "people", {"full_name": "Gõ Tay", "gender": "male"})
    assert svc.history(ward, "people", typed["uuid"])[0]["source"] is None


def test_reimporting_the_same_file_adds_nothing(ward, mediators):
    sheets.apply_import(ward, sheets.plan_import(ward, mediators, "people"))
    again = sheets.plan_import(ward, mediators, "people")
    assert again.counts["new"] == 0 and again.counts["duplicate"] == 7
    assert sheets.apply_import(ward, again)["imported"] == 0
    assert len(svc.list_records(ward, "people")) == 6


def test_duplicates_are_imported_only_when_asked(ward, mediators):
    plan = sheets.plan_import(ward, mediators, "people")
    assert sheets.apply_import(ward, plan, include_duplicates=[14])["imported"] == 7
    assert len(svc.list_records(ward, "people")) == 7


def test_a_failure_mid_write_leaves_the_database_as_it_was(ward, tmp_path, monkeypatch):
    path = sessions_xlsx(tmp_path / "buoi.xlsx", 50)
    plan = sheets.plan_import(ward, path, "sessions")
    assert plan.counts["new"] == 50
    monkeypatch.setattr("app.sheets.apply.CHUNK", 20)
    real = audit.record_changes
    calls = []

    def failing(connection, actor, at, changes):
        calls.append(len(changes))
        if len(calls) == 2:  # the second batch: 20 records already written in this transaction
            raise OSError("disk full")
        real(connection, actor, at, changes)

    monkeypatch.setattr(audit, "record_changes", failing)
    with pytest.raises(OSError):
        sheets.apply_import(ward, plan)
    monkeypatch.setattr(audit, "record_changes", real)
    assert svc.list_records(ward, "sessions") == []
    with ward.read() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM audit_log").scalar() == 0
    assert sheets.apply_import(ward, plan)["imported"] == 50  # nothing half-done stands in the way


def test_a_cancel_from_progress_stops_and_keeps_nothing(ward, tmp_path, monkeypatch):
    path = sessions_xlsx(tmp_path / "buoi.xlsx", 30)
    plan = sheets.plan_import(ward, path, "sessions")
    monkeypatch.setattr("app.sheets.apply.CHUNK", 10)
    seen = []

    def progress(done, total):
        seen.append(done)
        if done >= 20:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        sheets.apply_import(ward, plan, progress=progress)
    assert svc.list_records(ward, "sessions") == [] and max(seen) == 20


def test_planning_reports_progress_and_can_be_cancelled(ward, tmp_path):
    path = sessions_xlsx(tmp_path / "buoi.xlsx", 450)

    def stop(done, total):
        assert total >= 450
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        sheets.plan_import(ward, path, "sessions", progress=stop)


def test_a_session_sheet_imports_with_forms_topics_and_dates(ward, tmp_path):
    path = sessions_xlsx(tmp_path / "buoi.xlsx", 8)
    plan = sheets.plan_import(ward, path, "sessions")
    assert plan.header_rows == [3]
    assert plan.mapping == {
        "STT": None, "Ngày": "held_on", "Nội dung tuyên truyền": "title", "Hình thức": "form",
        "Thôn/TDP": "hamlet", "Số người tham dự": "attendees", "Lĩnh vực": "topics",
    }  # fmt: skip
    first = plan.rows[0].data
    assert (first["held_on"], first["form"], first["topics"]) == ("2024-01-01", "direct", [
        "land", "civil"])  # fmt: skip
    assert first["direct"] is True  # from the form, as a typed record gets it
    sheets.apply_import(ward, plan)
    assert len(svc.list_records(ward, "sessions")) == 8


def test_the_template_maps_exactly_and_its_sample_row_is_not_a_record(ward, tmp_path):
    for kind in sheets.KINDS:
        out = tmp_path / f"{kind}.xlsx"
        sheets.write_template(kind, out)
        sheet = openpyxl.load_workbook(out).active
        assert sheet["A2"].font.italic and sheet.column_dimensions["A"].width >= 10
        plan = sheets.plan_import(ward, out, kind)
        assert all(column.field for column in plan.columns), kind
        assert plan.counts == {"new": 0, "duplicate": 0, "refused": 0, "skipped": 1}
        # The sample row typed by the officer (not left as the sample) would be a record.
        sheet["A2"] = sheet["A2"].value + " 2"
        sheet.parent.save(out)
        assert sheets.plan_import(ward, out, kind).counts["skipped"] == 0, kind


def test_the_refused_rows_file_keeps_the_cells_and_says_why(ward, mediators, tmp_path):
    plan = sheets.plan_import(ward, mediators, "people")
    out = tmp_path / "loi.xlsx"
    sheets.write_refused(plan, out)
    sheet = openpyxl.load_workbook(out).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][-1] == "Lý do" and rows[0][1] == "Họ và tên"
    assert [row[1] for row in rows[1:]] == ["Vũ Văn Hải", "Ngô Thị Lan"]
    assert "Ngày QĐ" in rows[1][-1] and "tháng 3/2024" in rows[1][-1]


def test_the_import_writes_the_dry_runs_checked_data_without_normalising_them_again(
    ward, tmp_path, monkeypatch
):
    plan = sheets.plan_import(ward, sessions_xlsx(tmp_path / "buoi.xlsx", 30), "sessions")
    normalised = []
    real = svc.normalise_object
    monkeypatch.setattr(
        svc, "normalise_object", lambda *args: normalised.append(args) or real(*args)
    )
    assert sheets.apply_import(ward, plan)["imported"] == 30
    assert normalised == []  # the dry run's own normalised data, sealed by the services
    saved = {r["data"]["title"]: r["data"] for r in svc.list_records(ward, "sessions")}
    assert [saved[row.data["title"]] for row in plan.rows] == [row.data for row in plan.rows]


def test_a_row_changed_after_the_dry_run_is_validated_again(ward, tmp_path):
    plan = sheets.plan_import(ward, sessions_xlsx(tmp_path / "buoi.xlsx", 3), "sessions")
    first, second = plan.rows[0], plan.rows[1]
    first.data["title"] = "  Tuyên   truyền  đã sửa "
    second.data["attendees"] = -5
    with pytest.raises(sheets.SheetError) as refused:
        sheets.apply_import(ward, plan)
    assert refused.value.params["row"] == second.row
    assert svc.list_records(ward, "sessions") == []
    second.data["attendees"] = 5
    sheets.apply_import(ward, plan)
    titles = {r["data"]["title"] for r in svc.list_records(ward, "sessions")}
    assert "Tuyên truyền đã sửa" in titles  # normalised as any record is


def test_a_person_deleted_after_the_dry_run_stops_the_import(ward, tmp_path):
    # The sealed data skip normalising, not the references: those are checked when writing.
    presenter = f.person(ward, "Lê Văn Báo", roles=("BCV",))
    path = tmp_path / "buoi.csv"
    path.write_text(
        "Ngày;Nội dung tuyên truyền;Hình thức;Số người tham dự;Báo cáo viên\n"
        "15/03/2024;Tuyên truyền Luật Đất đai;Hội nghị;40;Lê Văn Báo\n",
        encoding="utf-8",
    )
    plan = sheets.plan_import(ward, path, "sessions")
    assert plan.counts["new"] == 1 and plan.rows[0].data["presenters"] == [presenter["uuid"]]
    svc.delete(ward, "people", presenter["uuid"])
    with pytest.raises(sheets.SheetError):
        sheets.apply_import(ward, plan)
    assert svc.list_records(ward, "sessions") == []


def test_only_the_records_service_seals_data(ward):
    with pytest.raises(TypeError):
        svc.Normalised(object(), "sessions", f.session_data())
    good, bad = svc.validate_each(ward, "sessions", [f.session_data(), {"title": ""}])
    assert isinstance(bad, RecordError) and good.copy()["title"] == f.session_data()["title"]
    with pytest.raises(ValueError):
        svc.create_many(ward, "people", [good])  # sealed as a session, not a person


def test_the_collector_is_paused_while_planning_and_importing_and_resumed_after(ward, tmp_path):
    path = sessions_xlsx(tmp_path / "buoi.xlsx", 450)
    running = []

    def progress(done, total):
        running.append(gc.isenabled())

    plan = sheets.plan_import(ward, path, "sessions", progress=progress)
    sheets.apply_import(ward, plan, progress=progress)
    assert running and not any(running) and gc.isenabled()

    def stop(done, total):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        sheets.plan_import(ward, path, "sessions", progress=stop)
    assert gc.isenabled()
