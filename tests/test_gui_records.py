"""Real paths through the widgets: open a form, type, save, find it again typing without
diacritics, edit, delete, undo; validation messages at the right field."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow

from app.services import records as svc
from tests import factories as f
from tests.gui_helpers import accept_message, press_save, type_into, type_text, when_modal
from ui.forms.record_dialog import RecordDialog
from ui.pages.records import RecordsPage
from ui.settings_store import UiSettings


@pytest.fixture
def people(ward):
    return {
        "duc": f.person(ward, "Nguyễn Văn Đức"),
        "lan": f.person(ward, "Phạm Thị Lan", "female", roles=("TTV", "HGV")),
        "an": f.person(ward, "Lê Văn An"),
    }


def open_page(qtbot, ward, kind) -> RecordsPage:
    window = QMainWindow()
    page = RecordsPage(ward, kind, UiSettings(ward.folder.root), window)
    window.setCentralWidget(page)
    qtbot.addWidget(window)
    window.show()
    page.host = window  # keep the window alive as long as the page is used
    page.refresh()  # what the main window does when it shows the page
    return page


def run_dialog(qtbot, open_it, fill) -> None:
    errors = when_modal(qtbot, fill)
    open_it()
    if errors:
        raise errors[0]


def pick_person(qtbot, picker, typed: str) -> None:
    picker.input.setFocus()
    type_text(qtbot, picker.input, typed)
    qtbot.keyClick(picker.input, Qt.Key.Key_Return)


def test_a_session_from_new_to_undo(qtbot, ward, people):
    page = open_page(qtbot, ward, "sessions")
    assert page.stack.currentWidget() is page.empty  # an empty list says what to do first

    def fill(dialog):
        type_into(qtbot, dialog.editors["title"], "Hội nghị tuyên truyền Luật Đất đai 2024")
        type_into(qtbot, dialog.editors["hamlet"], "Tổ dân phố số 5")
        type_into(qtbot, dialog.editors["attendees"], "85")
        pick_person(qtbot, dialog.editors["presenters"], "lan pham")
        press_save(qtbot, dialog)

    run_dialog(qtbot, page.create, fill)
    assert page.model.total() == 1
    session = svc.list_records(ward, "sessions")[0]
    assert session["data"]["attendees"] == 85
    assert session["data"]["presenters"] == [people["lan"]["uuid"]]
    assert session["data"]["direct"] is True

    qtbot.keyClicks(page.search, "dat dai tuyen")
    qtbot.waitUntil(lambda: page.model.total() == 1)
    page.search.clear()
    qtbot.keyClicks(page.search, "hon nhan")
    qtbot.waitUntil(lambda: page.model.total() == 0)
    assert page.stack.currentWidget() is page.empty
    page.search.clear()
    qtbot.waitUntil(lambda: page.model.total() == 1)

    page.table.selectRow(0)

    def change(dialog):
        type_into(qtbot, dialog.editors["attendees"], "90")
        press_save(qtbot, dialog)

    run_dialog(qtbot, page.edit, change)
    assert svc.get(ward, "sessions", session["uuid"])["data"]["attendees"] == 90

    page.table.selectRow(0)
    run_dialog(qtbot, page.delete, lambda box: accept_message(qtbot, box))
    assert page.model.total() == 0 and page.undo_button.isVisible()
    page.undo()
    assert page.model.total() == 1
    actions = [entry["action"] for entry in svc.history(ward, "sessions", session["uuid"])]
    assert actions == ["create", "update", "delete", "restore"]


def test_a_case_with_parties_and_mediators(qtbot, ward, people):
    page = open_page(qtbot, ward, "cases")

    def fill(dialog):
        type_into(qtbot, dialog.editors["title"], "Tranh chấp lối đi chung")
        dialog.editors["parties"].add()
        party = dialog.editors["parties"].entries[0].editors
        type_into(qtbot, party["full_name"], "Trần Văn Hùng")
        type_into(qtbot, party["birth_year"], "1968")
        pick_person(qtbot, dialog.editors["mediators"], "duc nguyen")
        result = dialog.editors["result"].editor
        result.setCurrentIndex(result.findData("not_started"))
        press_save(qtbot, dialog)

    run_dialog(qtbot, page.create, fill)
    case = svc.list_records(ward, "cases")[0]["data"]
    assert case["parties"][0]["full_name"] == "Trần Văn Hùng"
    assert case["parties"][0]["birth_year"] == 1968
    assert case["mediators"] == [people["duc"]["uuid"]]
    qtbot.keyClicks(page.search, "hung tran")
    qtbot.waitUntil(lambda: page.model.total() == 1)


def test_a_person_with_two_roles(qtbot, ward):
    page = open_page(qtbot, ward, "people")

    def fill(dialog):
        type_into(qtbot, dialog.editors["full_name"], "Đỗ Thị Thu Hằng")
        gender = dialog.editors["gender"].editor
        gender.setCurrentIndex(gender.findData("female"))
        type_into(qtbot, dialog.editors["hamlet"], "Tổ dân phố số 7")
        roles = dialog.editors["roles"]
        for code in ("TTV", "HGV"):
            entry = roles.add()
            combo = entry.editors["role"].editor
            combo.setCurrentIndex(combo.findData(code))
            type_into(qtbot, entry.editors["decision_number"], "15/QĐ-UBND")
        press_save(qtbot, dialog)

    run_dialog(qtbot, page.create, fill)
    person = svc.list_records(ward, "people")[0]["data"]
    assert [role["role"] for role in person["roles"]] == ["TTV", "HGV"]
    qtbot.keyClicks(page.search, "hang do")
    qtbot.waitUntil(lambda: page.model.total() == 1)


def test_a_team_and_a_training(qtbot, ward, people):
    page = open_page(qtbot, ward, "teams")

    def fill_team(dialog):
        type_into(qtbot, dialog.editors["name"], "Tổ hòa giải số 5")
        type_into(qtbot, dialog.editors["hamlet"], "Tổ dân phố số 5")
        members = dialog.editors["members"]
        for typed in ("duc nguyen", "lan pham", "an le"):
            entry = members.add()
            type_text(qtbot, entry.editors["person"].input, typed)
            qtbot.keyClick(entry.editors["person"].input, Qt.Key.Key_Return)
        members.entries[0].editors["leader"].editor.setChecked(True)
        press_save(qtbot, dialog)

    run_dialog(qtbot, page.create, fill_team)
    team = svc.list_records(ward, "teams")[0]["data"]
    assert len(team["members"]) == 3 and team["members"][0]["leader"] is True

    trainings = open_page(qtbot, ward, "trainings")

    def fill_training(dialog):
        type_into(qtbot, dialog.editors["topic"], "Kỹ năng hòa giải ở cơ sở")
        pick_person(qtbot, dialog.editors["attendees"], "an le")
        press_save(qtbot, dialog)

    run_dialog(qtbot, trainings.create, fill_training)
    assert svc.list_records(ward, "trainings")[0]["data"]["attendees"] == [people["an"]["uuid"]]


def test_validation_messages_appear_at_the_field(qtbot, ward):
    dialog = RecordDialog(ward, "sessions")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.save()
    title = dialog.editors["title"]
    assert dialog.isVisible()
    assert title.error.isVisible()
    assert title.error.text() == "Tiêu đề không được để trống."
    type_into(qtbot, title, "Tọa đàm pháp luật")
    type_into(qtbot, dialog.editors["attendees"], "10")
    type_into(qtbot, dialog.editors["attendees_women"], "12")
    dialog.save()
    assert not title.error.isVisible()
    assert dialog.editors["attendees"].error.isVisible()
    assert svc.list_records(ward, "sessions") == []


def test_nested_errors_reach_the_sub_form(qtbot, ward):
    dialog = RecordDialog(ward, "cases")
    qtbot.addWidget(dialog)
    dialog.show()
    type_into(qtbot, dialog.editors["title"], "Mâu thuẫn hàng xóm")
    dialog.editors["parties"].add()
    dialog.save()
    name = dialog.editors["parties"].entries[0].editors["full_name"]
    qtbot.waitUntil(
        name.error.isVisible
    )  # a sub-form added to a shown dialog shows on the next turn
    assert name.error.text() == "Họ và tên không được để trống."


def test_table_models_pass_the_model_tester(qtmodeltester, ward, people):
    from ui.table_model import RecordTableModel

    svc.create(ward, "sessions", f.session_data(presenters=[people["lan"]["uuid"]]))
    svc.create(ward, "cases", f.case_data(mediators=[people["duc"]["uuid"]]))
    f.team(ward, [p["uuid"] for p in people.values()])
    svc.create(ward, "trainings", f.training_data([people["an"]["uuid"]]))
    for kind in ("sessions", "cases", "people", "teams", "trainings"):
        model = RecordTableModel(ward, kind)
        model.reload()
        assert model.rowCount() >= 1
        qtmodeltester.check(model)


def test_a_long_list_is_fetched_on_demand(qtbot, ward):
    svc.create_many(ward, "sessions", [f.session_data(attendees=i) for i in range(2_500)])
    page = open_page(qtbot, ward, "sessions")
    assert page.model.total() == 2_500
    assert page.model.rowCount() == 1_000  # the rest comes as the view scrolls
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.rowCount() > 1_000)


def test_the_list_prints_as_it_stands(qtbot, ward, people):
    svc.create(
        ward,
        "sessions",
        f.session_data(title="Hội nghị Luật Đất đai", presenters=[people["lan"]["uuid"]]),
    )
    svc.create(
        ward,
        "sessions",
        f.session_data(title="Tọa đàm Luật Hôn nhân và gia đình", topics=["marriage_family"]),
    )
    page = open_page(qtbot, ward, "sessions")
    qtbot.keyClicks(page.search, "hon nhan")
    qtbot.waitUntil(lambda: page.model.total() == 1)
    html = page.list_html()
    assert "Tọa đàm Luật Hôn nhân và gia đình" in html and "Luật Đất đai" not in html
    assert "Phường Cầu Giấy" in html and "Buổi PBGDPL" in html
