"""The record lists as an officer uses them every day, keyboard first: Ctrl+Z after a delete
wherever the focus is, a warning before deleting what others refer to (and lists that stop
counting it), the saved or restored row selected and in view, Enter from the search box."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMainWindow

from app.services import records as svc
from app.services.dependents import dependents
from tests import factories as f
from tests.gui_helpers import accept_message, press_save, type_into, type_text, when_modal
from ui.pages.records import RecordsPage, dependents_text
from ui.settings_store import UiSettings
from ui.strings import _


def open_page(qtbot, ward, kind) -> RecordsPage:
    window = QMainWindow()
    page = RecordsPage(ward, kind, UiSettings(ward.folder.root), window)
    window.setCentralWidget(page)
    window.resize(1100, 600)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):  # shortcuts only reach an active window
        window.show()
        window.activateWindow()
    page.host = window
    page.refresh()
    return page


def run_modal(qtbot, open_it, act) -> None:
    errors = when_modal(qtbot, act)
    open_it()
    if errors:
        raise errors[0]


def has_focus(widget) -> bool:
    """The widget holds the window's focus (the window may be reactivated a moment later, after
    a dialog closes: Qt then gives the focus back to this widget)."""
    return widget.window().focusWidget() is widget


def in_view(page, uuid: str) -> bool:
    row = next(r for r in range(page.model.rowCount()) if page.model.uuid_at(r) == uuid)
    rect = page.table.visualRect(page.model.index(row, 0))
    return rect.isValid() and page.table.viewport().rect().contains(rect.center())


def choose(page, uuid: str) -> None:
    """Select a record's row as a click does."""
    page.table.selectRow(
        next(r for r in range(page.model.rowCount()) if page.model.uuid_at(r) == uuid)
    )


def column(page, key: str) -> int:
    return [c.key for c in page.spec.columns].index(key)


def cell(page, row: int, key: str) -> str:
    return page.model.index(row, column(page, key)).data()


def sessions(ward, count: int, **extra) -> list[dict]:
    items = [
        f.session_data(title=f"Hội nghị số {n}", held_on=f"2030-{1 + n % 12:02d}-{1 + n % 28:02d}")
        for n in range(count)
    ]
    return svc.create_many(ward, "sessions", [{**item, **extra} for item in items])


def delete_selected(qtbot, page) -> str:
    """Delete the selected record through the page's question; returns the question's text."""
    asked = []

    def confirm(box):
        asked.append(box.text())
        accept_message(qtbot, box)

    run_modal(qtbot, page.delete, confirm)
    # The question closed: the window manager makes the page's window active again (the
    # offscreen platform of the tests does not, and shortcuts only reach an active window).
    window = page.window()
    with qtbot.waitActive(window):
        window.activateWindow()
    return asked[0]


# -- item 2: Ctrl+Z undoes a delete from anywhere on the page --------------------------------


def test_ctrl_z_in_the_search_box_undoes_the_delete(qtbot, ward):
    made = sessions(ward, 3)
    page = open_page(qtbot, ward, "sessions")
    victim = made[1]
    name = victim["data"]["title"]
    choose(page, victim["uuid"])
    delete_selected(qtbot, page)
    assert page.model.total() == 2
    # The button says what Ctrl+Z will bring back.
    assert page.undo_button.isVisible()
    wanted = _("Undo deleting the session “{name}”").format(name=name)
    assert page.undo_button.text().startswith(wanted)

    # Focus lands in the search box after a page switch; the officer has typed there before.
    page.focus_search()
    type_text(qtbot, page.search, "hoi nghi")
    qtbot.waitUntil(lambda: page.model.total() == 2)
    qtbot.keyClick(page.search, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert svc.get(ward, "sessions", victim["uuid"])["deleted"] is False
    assert page.model.total() == 3 and page.selected_uuid() == victim["uuid"]
    assert page.search.text() == "hoi nghi"  # the box's text is left alone
    assert not page.undo_button.isVisible()

    # Nothing left to undo: Ctrl+Z in the search box is the box's own again.
    page.focus_search()
    page.search.clear()
    type_text(qtbot, page.search, "so 2")
    qtbot.keyClick(page.search, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert page.search.text() == ""


def test_ctrl_z_from_the_list_undoes_the_delete(qtbot, ward):
    made = sessions(ward, 2)
    page = open_page(qtbot, ward, "sessions")
    choose(page, made[0]["uuid"])
    delete_selected(qtbot, page)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert page.model.total() == 2 and page.selected_uuid() == made[0]["uuid"]


# -- item 3: what depends on a person or a team ----------------------------------------------


@pytest.fixture
def leader(ward):
    """A person who leads a team of three and mediates three cases."""
    lead = f.person(ward, "Nguyễn Văn Đức")
    others = [f.person(ward, "Phạm Thị Lan", "female"), f.person(ward, "Lê Văn An")]
    team = f.team(ward, [lead["uuid"], *(p["uuid"] for p in others)])
    for n in range(3):
        svc.create(ward, "cases", f.case_data(title=f"Vụ việc {n}", mediators=[lead["uuid"]]))
    return lead, team


def test_what_refers_to_a_person_or_a_team(ward, leader):
    lead, team = leader
    assert dependents(ward, "people", lead["uuid"]) == {"leader": 1, "mediator": 3}
    member = svc.list_records(ward, "people", search="lan pham")[0]
    svc.create(ward, "sessions", f.session_data(presenters=[member["uuid"]]))
    svc.create(ward, "trainings", f.training_data([member["uuid"]]))
    gone = svc.create(ward, "trainings", f.training_data([member["uuid"]]))
    svc.delete(ward, "trainings", gone["uuid"])  # a deleted training refers to no one
    assert dependents(ward, "people", member["uuid"]) == {
        "member": 1,
        "presenter": 1,
        "attendee": 1,
    }
    assert dependents(ward, "teams", team["uuid"]) == {}
    svc.create(ward, "cases", f.case_data(team=team["uuid"]))
    assert dependents(ward, "teams", team["uuid"]) == {"cases": 1}
    assert dependents(ward, "sessions", "any") == {}


def test_the_question_names_what_depends_in_english(monkeypatch):
    monkeypatch.setattr("app.i18n._current", "en")
    text = dependents_text("people", {"leader": 1, "mediator": 3})
    assert text.startswith(
        "This person is the leader of one mediation team and a mediator in 3 cases."
    )
    three = dependents_text("people", {"leader": 2, "member": 1, "attendee": 4})
    assert (
        "the leader of 2 mediation teams, a member of one mediation team and an attendee" in three
    )
    assert dependents_text("teams", {"cases": 1}).startswith(
        "One case is recorded under this team."
    )
    assert dependents_text("people", {}) == ""


def test_deleting_a_team_leader_warns_and_the_lists_follow(qtbot, ward, leader):
    from ui.main_window import MainWindow

    lead, _team = leader
    window = MainWindow(ward, UiSettings(ward.folder.root))
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    keys = [key for key, _label in window.page_list]
    pages = window.pages

    def show(kind: str) -> RecordsPage:
        window.navigation.setCurrentRow(keys.index(kind))
        return pages[kind]

    teams = show("teams")
    assert cell(teams, 0, "leader") == "Nguyễn Văn Đức" and cell(teams, 0, "members") == "3"
    people = show("people")
    choose(people, lead["uuid"])
    question = delete_selected(qtbot, people)
    warning = dependents_text("people", {"leader": 1, "mediator": 3})
    assert warning and question.startswith(warning)
    assert svc.get(ward, "people", lead["uuid"])["deleted"] is True

    # The lists shown before the delete are read again when shown next.
    teams = show("teams")
    assert cell(teams, 0, "leader") == "" and cell(teams, 0, "members") == "2"
    cases = show("cases")
    assert {cell(cases, row, "mediators") for row in range(cases.model.rowCount())} == {""}

    show("people").undo()
    teams = show("teams")
    assert cell(teams, 0, "leader") == "Nguyễn Văn Đức" and cell(teams, 0, "members") == "3"


def test_deleting_a_person_nothing_refers_to_asks_as_before(qtbot, ward):
    person = f.person(ward, "Trần Thị Hoa", "female")
    page = open_page(qtbot, ward, "people")
    choose(page, person["uuid"])
    question = delete_selected(qtbot, page)
    assert question == _("Delete “{name}”? You can undo this.").format(name="Trần Thị Hoa")


# -- item 7: the affected row selected and in view; Enter from the search box -----------------


def test_a_new_record_is_selected_and_in_view(qtbot, ward):
    sessions(ward, 60)  # all in 2030: the new one (today) comes last, below the fold
    page = open_page(qtbot, ward, "sessions")
    page.focus_search()

    def fill(dialog):
        type_into(qtbot, dialog.editors["title"], "Tọa đàm Luật Hòa giải ở cơ sở")
        type_into(qtbot, dialog.editors["attendees"], "40")
        press_save(qtbot, dialog)

    run_modal(qtbot, page.create, fill)
    new = svc.list_records(ward, "sessions", search="toa dam hoa giai")[0]
    assert page.selected_uuid() == new["uuid"]
    assert in_view(page, new["uuid"])
    assert has_focus(page.table)


def test_a_saved_record_hidden_by_the_search_is_shown(qtbot, ward):
    sessions(ward, 5)
    page = open_page(qtbot, ward, "sessions")
    type_text(qtbot, page.search, "so 3")
    qtbot.waitUntil(lambda: page.model.total() == 1)

    def fill(dialog):
        type_into(qtbot, dialog.editors["title"], "Tọa đàm Luật Hòa giải ở cơ sở")
        type_into(qtbot, dialog.editors["attendees"], "40")
        press_save(qtbot, dialog)

    run_modal(qtbot, page.create, fill)
    new = svc.list_records(ward, "sessions", search="toa dam hoa giai")[0]
    assert page.search.text() == "" and page.model.total() == 6
    assert page.selected_uuid() == new["uuid"]


def test_an_edited_record_stays_selected_and_in_view(qtbot, ward):
    sessions(ward, 60)
    page = open_page(qtbot, ward, "sessions")
    target = page.model.uuid_at(59)  # the last row, below the fold
    page.table.scrollToBottom()
    choose(page, target)
    page.table.scrollToTop()  # the officer looked around meanwhile

    def change(dialog):
        type_into(qtbot, dialog.editors["attendees"], "95")
        press_save(qtbot, dialog)

    run_modal(qtbot, page.edit, change)
    assert svc.get(ward, "sessions", target)["data"]["attendees"] == 95
    assert page.selected_uuid() == target and in_view(page, target)
    assert has_focus(page.table)


def test_a_restored_record_beyond_the_first_thousand_rows_is_selected(qtbot, ward):
    sessions(ward, 1_200)
    page = open_page(qtbot, ward, "sessions")
    # The list's last row, which the view has not fetched yet (it comes as the view scrolls).
    target = svc.list_records(ward, "sessions", limit=1, offset=1_199)[0]["uuid"]
    assert page.model.rowCount() == 1_000
    page.table.scrollToBottom()  # the officer scrolls down to it
    qtbot.waitUntil(lambda: page.model.rowCount() == 1_200)
    choose(page, target)
    delete_selected(qtbot, page)
    page.undo()
    assert page.selected_uuid() == target and in_view(page, target)


def test_enter_in_the_search_box_goes_to_the_first_result(qtbot, ward):
    made = sessions(ward, 5)
    page = open_page(qtbot, ward, "sessions")
    choose(page, made[0]["uuid"])  # a row chosen earlier
    page.focus_search()
    type_text(qtbot, page.search, "hoi nghi so")  # all five match, in date order
    qtbot.keyClick(page.search, Qt.Key.Key_Return)  # at once, before the list follows
    assert has_focus(page.table)
    first = page.model.uuid_at(0)
    assert page.selected_uuid() == first != made[0]["uuid"]

    page.focus_search()
    page.search.clear()
    type_text(qtbot, page.search, "so 3")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)  # before the typing pause is over
    qtbot.wait(100)
    assert page.model.total() == 1 and page.selected_uuid() == made[3]["uuid"]
    assert has_focus(page.table)

    page.focus_search()
    type_text(qtbot, page.search, " nothing like this")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.model.total() == 0 and QApplication.focusWidget() is page.search


def test_deleting_a_long_named_record_does_not_widen_the_page(qtbot, ward):
    """The undo button names what it brings back, cut short: on a 1366-pixel screen, less the
    sidebar, the page still fits after a delete."""
    title = "Tranh chấp lối đi chung giữa hộ ông Nguyễn Văn Hùng và hộ bà Trần Thị Lan tại ngõ 14"
    made = svc.create(ward, "cases", f.case_data(title=title))
    page = open_page(qtbot, ward, "cases")
    before = page.minimumSizeHint().width()
    choose(page, made["uuid"])
    delete_selected(qtbot, page)
    assert page.undo_button.isVisible()
    assert page.minimumSizeHint().width() <= max(before, 1366 - 260)
    assert title in page.undo_button.toolTip()  # the whole name, on demand
