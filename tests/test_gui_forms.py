"""Form editors as officers use them: typed dates, defaults of a new case, and stored choices that
are no longer offered (never silently swapped for another)."""

import pytest

from app.errors import EnvironmentProblem
from app.services import records as svc
from app.sync.export import export_bundle
from tests import factories as f
from tests.exchange import introduce
from tests.gui_helpers import type_into
from ui.forms.record_dialog import RecordDialog


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("15032024", "2024-03-15"),
        ("15/3/2024", "2024-03-15"),
        ("01/12/2025", "2025-12-01"),
        ("", None),
    ],
)
def test_dates_are_typed_as_officers_write_them(qtbot, ward, typed, stored):
    dialog = RecordDialog(ward, "teams")
    qtbot.addWidget(dialog)
    editor = dialog.editors["valid_from"]
    type_into(qtbot, editor.line, typed)
    assert editor.value() == stored


def test_an_impossible_date_is_refused_at_the_field(qtbot, ward):
    dialog = RecordDialog(ward, "teams")
    qtbot.addWidget(dialog)
    dialog.show()
    type_into(qtbot, dialog.editors["name"], "Tổ hòa giải số 1")
    type_into(qtbot, dialog.editors["hamlet"], "Tổ dân phố số 1")
    type_into(qtbot, dialog.editors["valid_from"].line, "31/02/2025")
    dialog.save()
    assert dialog.editors["valid_from"].error.isVisible()
    assert svc.list_records(ward, "teams") == []


def test_a_new_case_starts_not_started_and_public(qtbot, ward):
    dialog = RecordDialog(ward, "cases")
    qtbot.addWidget(dialog)
    assert dialog.editors["result"].value() == "not_started"
    assert dialog.editors["public"].value() is True
    type_into(qtbot, dialog.editors["title"], "Mâu thuẫn hàng xóm")
    dialog.save()
    saved = svc.list_records(ward, "cases")[0]["data"]
    assert (saved["result"], saved["public"]) == ("not_started", True)


def test_a_deleted_member_is_kept_visibly_not_swapped(qtbot, ward):
    people = [f.person(ward, name) for name in ("Nguyễn Văn Đức", "Lê Văn An", "Trần Văn Bình")]
    team = f.team(ward, [p["uuid"] for p in people])
    svc.delete(ward, "people", people[1]["uuid"])
    dialog = RecordDialog(ward, "teams", svc.get(ward, "teams", team["uuid"]))
    qtbot.addWidget(dialog)
    member = dialog.editors["members"].entries[1].editors["person"]
    assert member.value() == people[1]["uuid"]
    assert member.input.text() == "(không còn trong danh sách)"
    dialog.save()  # refused by name, not saved with someone else in the team
    assert dialog.saved is None
    stored = svc.get(ward, "teams", team["uuid"])["data"]["members"]
    assert [m["person"] for m in stored] == [p["uuid"] for p in people]


def test_export_to_a_missing_folder_says_so_and_keeps_the_seq(ward, district, tmp_path):
    introduce(district, ward)
    with pytest.raises(EnvironmentProblem) as refused:
        export_bundle(ward, tmp_path / "no-usb" / "x.tcb")
    assert "không tồn tại" in refused.value.message("vi")
    assert ward.counters.load()["seq"] == 0


def test_the_wizard_needs_the_officers_name(qtbot, tmp_path):
    from ui.wizard import FirstRunWizard

    wizard = FirstRunWizard(tmp_path / "w")
    qtbot.addWidget(wizard)
    assert not wizard.officer_page.isComplete()
    type_into(qtbot, wizard.officer_page.officer, "Nguyễn Thị Hà")
    assert wizard.officer_page.isComplete()
