"""The record form as an officer drives it from the keyboard, in Vietnamese: Enter adds what an
add box or a focused Add button offers and never saves; nothing typed is lost without a question;
Tab follows the form as it reads and the focused field is in sight; a team's member is found by
typing among the current mediators; times are typed as people write them; leaving unsaved work
takes a deliberate choice."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QMessageBox, QWidget

from app.services import records as svc
from tests import factories as f
from tests.gui_helpers import type_into, type_text, when_modal
from ui.forms.record_dialog import RecordDialog
from ui.strings import _


def open_dialog(qtbot, ward, kind, record=None, size=(760, 720)) -> RecordDialog:
    dialog = RecordDialog(ward, kind, record)
    # The test's end closes it as done() does: no question about what it left typed.
    qtbot.addWidget(dialog, before_close_func=lambda d: QDialog.done(d, 0))
    dialog.resize(*size)
    with qtbot.waitActive(dialog):
        dialog.show()
    return dialog


def answer(qtbot, box: QMessageBox, seen: list) -> None:
    """What the prompt says and offers, then Enter: whatever its default button does."""
    seen.append(
        {
            "text": box.text(),
            "default": box.defaultButton().text(),
            "escape": box.escapeButton().text() if box.escapeButton() else None,
            "buttons": {b.text() for b in box.buttons()},
        }
    )
    qtbot.keyClick(box, Qt.Key.Key_Return)


def leave(qtbot, box: QMessageBox, seen: list) -> None:
    """Choose the button that loses what is unsaved."""
    seen.append(box.text())
    button = next(
        b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole
    )
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def former_mediator(ward, name: str) -> dict:
    person = f.person(ward, name)
    data = dict(person["data"])
    data["roles"] = [{**data["roles"][0], "end_date": "2025-06-30"}]  # recognition ended
    return svc.update(ward, "people", person["uuid"], data)


@pytest.fixture
def people(ward):
    return {
        "an": f.person(ward, "Lê Văn An"),
        "binh": f.person(ward, "Lê Văn Bình"),
        "lan": f.person(ward, "Phạm Thị Lan", "female", roles=("TTV",)),
        "hung": f.person(ward, "Trần Văn Hùng", roles=("BCV",)),
        "tam": former_mediator(ward, "Đỗ Văn Tâm"),
    }


# -- 1. Enter adds; nothing typed is lost without a question -------------------------------


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space])
def test_enter_or_space_on_a_focused_add_button_adds_and_never_saves(qtbot, ward, people, key):
    dialog = open_dialog(qtbot, ward, "trainings")
    type_into(qtbot, dialog.editors["topic"], "Kỹ năng hòa giải ở cơ sở")
    picker = dialog.editors["attendees"]
    picker.input.setFocus()
    type_text(qtbot, picker.input, "an le")
    picker.add_button.setFocus()
    qtbot.keyClick(picker.add_button, key)
    assert picker.value() == [people["an"]["uuid"]]
    assert picker.input.text() == ""
    assert dialog.isVisible() and dialog.saved is None
    assert svc.list_records(ward, "trainings") == []


def test_enter_on_add_a_party_adds_a_block_and_never_saves(qtbot, ward):
    dialog = open_dialog(qtbot, ward, "cases")
    type_into(qtbot, dialog.editors["title"], "Tranh chấp lối đi chung")
    parties = dialog.editors["parties"]
    parties.add_button.setFocus()
    qtbot.keyClick(parties.add_button, Qt.Key.Key_Return)
    assert len(parties.entries) == 1
    assert QApplication.focusWidget() is parties.entries[0].editors["role"].editor
    assert dialog.isVisible() and dialog.saved is None
    assert svc.list_records(ward, "cases") == []


def test_enter_on_a_name_several_people_match_offers_them(qtbot, ward, people):
    dialog = open_dialog(qtbot, ward, "trainings")
    picker = dialog.editors["attendees"]
    picker.input.setFocus()
    type_text(qtbot, picker.input, "le van")
    qtbot.keyClick(picker.input, Qt.Key.Key_Return)
    popup = picker.completer.popup()
    assert popup.isVisible()  # not nothing: the two Lê Văn to choose from
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: picker.value() == [people["an"]["uuid"]])
    type_text(qtbot, picker.input, "nobody here")
    qtbot.keyClick(picker.input, Qt.Key.Key_Return)
    assert picker.error.isVisible() and "nobody here" in picker.error.text()
    assert picker.value() == [people["an"]["uuid"]]


def test_a_name_picked_from_the_list_leaves_the_box_empty(qtbot, ward, people):
    dialog = open_dialog(qtbot, ward, "sessions")
    picker = dialog.editors["presenters"]
    picker.input.setFocus()
    type_text(qtbot, picker.input, "le van")
    popup = picker.completer.popup()
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: picker.value() == [people["an"]["uuid"]])
    qtbot.wait(20)  # whatever the line does with the picked text once the pick is handled
    assert picker.input.text() == ""


def test_saving_with_a_typed_name_not_added_asks_first(qtbot, ward, people):
    dialog = open_dialog(qtbot, ward, "trainings")
    type_into(qtbot, dialog.editors["topic"], "Kỹ năng hòa giải ở cơ sở")
    picker = dialog.editors["attendees"]
    picker.input.setFocus()
    type_text(qtbot, picker.input, "an le")
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)

    seen: list = []
    errors = when_modal(qtbot, lambda box: answer(qtbot, box, seen))
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert not errors
    assert len(seen) == 1 and "an le" in seen[0]["text"]  # what would be lost, by name
    assert seen[0]["default"] == _("Keep editing")
    assert dialog.isVisible() and dialog.saved is None  # Enter kept the dialog open
    assert dialog.focusWidget() is picker.input  # back in the box, to press Enter

    # Choosing to save without it saves the training with no attendee, knowingly.
    errors = when_modal(qtbot, lambda box: leave(qtbot, box, seen))
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert not errors
    assert svc.list_records(ward, "trainings")[0]["data"]["attendees"] == []


def test_closing_with_only_a_typed_name_asks_first(qtbot, ward, people):
    dialog = open_dialog(qtbot, ward, "cases")
    picker = dialog.editors["mediators"]
    picker.input.setFocus()
    type_text(qtbot, picker.input, "binh")  # typed, not added: nothing else changed

    seen: list = []
    errors = when_modal(qtbot, lambda box: answer(qtbot, box, seen))
    qtbot.keyClick(picker.input, Qt.Key.Key_Escape)
    assert not errors
    assert len(seen) == 1 and "binh" in seen[0]["text"]
    assert dialog.isVisible()


# -- 4. Tab follows the form; the focused field is in sight --------------------------------


def tab_chain(qtbot, dialog: RecordDialog, start: QWidget) -> list[QWidget]:
    """Every widget Tab reaches from `start` until it comes back to it."""
    start.setFocus()
    reached = [start]
    for _step in range(300):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        if focused is start:
            return reached
        reached.append(focused)
    raise AssertionError("Tab never came back to the first field")


def place(dialog: RecordDialog, widget: QWidget) -> tuple[int, int]:
    """Where a widget shows in the form, top to bottom then left to right; the dialog's buttons
    come after the whole form."""
    body = dialog.scroll.widget()
    if not body.isAncestorOf(widget):
        return (body.height() + widget.mapTo(dialog, widget.rect().topLeft()).y(), widget.x())
    at = widget.mapTo(body, widget.rect().topLeft())
    return (at.y(), at.x())


def test_tab_follows_the_form_through_blocks_added_while_it_is_open(qtbot, ward, people):
    dialog = open_dialog(qtbot, ward, "cases")
    parties = dialog.editors["parties"]
    for _party in range(2):
        parties.add_button.setFocus()
        qtbot.keyClick(parties.add_button, Qt.Key.Key_Space)
    qtbot.wait(50)  # the added blocks are laid out
    chain = tab_chain(qtbot, dialog, dialog.editors["title"].editor)
    places = [place(dialog, widget) for widget in chain]
    assert places == sorted(places)  # never back up the form, never past the buttons too early
    for entry in parties.entries:
        for editor in entry.editors.values():
            assert editor.editor in chain
    # From a party's last field Tab goes on down, to its Remove button, not to the top.
    last = parties.entries[0].editors["id_number"].editor
    assert chain[chain.index(last) + 1] is parties.entries[0].remove_button
    buttons = dialog.buttons.buttons()
    assert set(chain[-len(buttons) :]) == set(buttons)
    # Shift+Tab walks the same way back.
    back = [chain[0]]
    for _step in range(len(chain) - 1):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
        back.append(QApplication.focusWidget())
    assert back == [chain[0], *reversed(chain[1:])]


def test_a_member_added_from_the_keyboard_is_in_the_tab_chain_before_the_notes(qtbot, ward, people):
    dialog = open_dialog(qtbot, ward, "teams")
    members = dialog.editors["members"]
    members.add_button.setFocus()
    qtbot.keyClick(members.add_button, Qt.Key.Key_Return)
    member = members.entries[0]
    assert QApplication.focusWidget() is member.editors["person"].input
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is member.editors["leader"].editor
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is member.remove_button
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is members.add_button
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.editors["notes"].editor  # the field after


def in_sight(dialog: RecordDialog, widget: QWidget) -> bool:
    viewport = dialog.scroll.viewport()
    top_left = widget.mapTo(viewport, widget.rect().topLeft())
    bottom = top_left.y() + widget.height()
    return top_left.y() >= 0 and bottom <= viewport.height()


def test_the_focused_field_is_always_in_sight(qtbot, ward, people):
    dialog = open_dialog(qtbot, ward, "cases", size=(760, 420))
    parties = dialog.editors["parties"]
    for _party in range(3):
        parties.add_button.setFocus()
        qtbot.keyClick(parties.add_button, Qt.Key.Key_Space)
        first = parties.entries[-1].editors["role"].editor
        qtbot.waitUntil(lambda first=first: in_sight(dialog, first))
    dialog.scroll.verticalScrollBar().setValue(0)
    # Focus that arrives without Tab (a block's Remove, a field named by an error) is shown too.
    parties.entries[-1].remove_button.setFocus()
    qtbot.waitUntil(lambda: in_sight(dialog, parties.entries[-1].remove_button))
    dialog.scroll.verticalScrollBar().setValue(0)
    qtbot.keyClick(parties.entries[-1].remove_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: in_sight(dialog, parties.add_button))


# -- 5. A team's member: type to find, among the current mediators ----------------------------


def add_member(qtbot, dialog: RecordDialog, typed: str):
    """Enter on "Add a member", then type in the field it opens, then Enter."""
    members = dialog.editors["members"]
    members.add_button.setFocus()
    qtbot.keyClick(members.add_button, Qt.Key.Key_Return)
    field = QApplication.focusWidget()
    type_text(qtbot, field, typed)
    qtbot.keyClick(field, Qt.Key.Key_Return)
    return members.entries[-1].editors["person"]


def test_a_team_member_is_found_by_typing_among_current_mediators(qtbot, ward, people):
    dialog = open_dialog(qtbot, ward, "teams")
    picker = add_member(qtbot, dialog, "binh le")  # no diacritics, words in any order
    qtbot.waitUntil(lambda: picker.value() == people["binh"]["uuid"])
    assert picker.input.text().startswith("Lê Văn Bình")
    # Offered are the mediators recognised today: not a propagandist, a legal reporter, or a
    # mediator whose recognition ended.
    members = dialog.editors["members"]
    for typed in ("lan pham", "hung tran", "tam do"):
        other = add_member(qtbot, dialog, typed)
        assert other.value() is None and other.error.isVisible()
        assert typed in other.error.text()
        members.remove(members.entries[-1])

    type_into(qtbot, dialog.editors["name"], "Tổ hòa giải số 5")
    type_into(qtbot, dialog.editors["hamlet"], "Tổ dân phố số 5")
    dialog.save()
    stored = svc.list_records(ward, "teams")[0]["data"]["members"]
    assert [m["person"] for m in stored] == [people["binh"]["uuid"]]


def test_a_member_no_longer_a_mediator_keeps_his_name_and_place(qtbot, ward, people):
    team = f.team(ward, [people["an"]["uuid"], people["tam"]["uuid"]])
    dialog = open_dialog(qtbot, ward, "teams", svc.get(ward, "teams", team["uuid"]))
    picker = dialog.editors["members"].entries[1].editors["person"]
    assert picker.value() == people["tam"]["uuid"]
    assert picker.input.text().startswith("Đỗ Văn Tâm")
    dialog.save()
    assert dialog.saved is not None


# -- 6. Times as people type them ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("1400", "14:00"),
        ("14h", "14:00"),
        ("14h30", "14:30"),
        ("14:30", "14:30"),
        ("930", "09:30"),
        ("9", "09:00"),
        ("7g45", "07:45"),
        ("14 giờ 30", "14:30"),
        ("", None),
    ],
)
def test_a_time_is_typed_as_people_write_it(qtbot, ward, typed, stored):
    dialog = open_dialog(qtbot, ward, "sessions")
    editor = dialog.editors["start_time"]
    type_into(qtbot, editor.editor, typed)
    assert editor.value() == stored
    qtbot.keyClick(editor.editor, Qt.Key.Key_Tab)  # leaving it shows what will be kept
    assert editor.editor.text() == (stored or "")
    assert not editor.error.isVisible()


@pytest.mark.parametrize("typed", ["25:00", "1460", "abc", "14h3", "12345"])
def test_a_time_that_is_no_time_is_refused_with_a_clear_message(qtbot, ward, typed):
    dialog = open_dialog(qtbot, ward, "sessions")
    type_into(qtbot, dialog.editors["title"], "Hội nghị phổ biến Luật Đất đai 2024")
    editor = dialog.editors["start_time"]
    type_into(qtbot, editor.editor, typed)
    qtbot.keyClick(editor.editor, Qt.Key.Key_Tab)
    assert editor.error.isVisible() and "14:30" in editor.error.text()  # said on leaving it
    dialog.save()
    assert dialog.saved is None and editor.error.isVisible()


def test_a_session_typed_at_1400_is_saved_at_14_00(qtbot, ward):
    dialog = open_dialog(qtbot, ward, "sessions")
    type_into(qtbot, dialog.editors["title"], "Hội nghị phổ biến Luật Đất đai 2024")
    type_into(qtbot, dialog.editors["start_time"].editor, "1400")
    dialog.save()
    assert svc.list_records(ward, "sessions")[0]["data"]["start_time"] == "14:00"


# -- 8. Leaving unsaved work is a deliberate choice ------------------------------------------------


def test_the_discard_prompt_keeps_editing_unless_told_otherwise(qtbot, ward):
    dialog = open_dialog(qtbot, ward, "teams")
    type_into(qtbot, dialog.editors["name"], "Tổ hòa giải số 5")

    seen: list = []
    errors = when_modal(qtbot, lambda box: answer(qtbot, box, seen))
    qtbot.keyClick(dialog.editors["name"].editor, Qt.Key.Key_Escape)
    assert not errors
    prompt = seen[0]
    assert prompt["default"] == prompt["escape"] == _("Keep editing")
    assert prompt["buttons"] == {_("Keep editing"), _("Discard changes and close")}
    assert dialog.isVisible()  # a reflex Enter lost nothing

    errors = when_modal(qtbot, lambda box: qtbot.keyClick(box, Qt.Key.Key_Escape))
    qtbot.keyClick(dialog.editors["name"].editor, Qt.Key.Key_Escape)
    assert not errors and dialog.isVisible()  # Escape in the prompt: keep editing

    errors = when_modal(qtbot, lambda box: leave(qtbot, box, seen))
    qtbot.keyClick(dialog.editors["name"].editor, Qt.Key.Key_Escape)
    assert not errors and not dialog.isVisible()
    assert svc.list_records(ward, "teams") == []


def test_delete_in_a_list_removes_its_entry_though_the_form_has_several(qtbot, ward, people):
    """A session's form holds several lists (presenters, laws, partners…): Delete in one removes
    its entry, and its Remove button does the same."""
    dialog = open_dialog(qtbot, ward, "sessions")
    pickers = [e for e in dialog.editors.values() if hasattr(e, "remove_button")]
    assert len(pickers) >= 2  # the case the shortcut must survive
    picker = dialog.editors["presenters"]
    picker.set_value([people["an"]["uuid"], people["binh"]["uuid"]])
    picker.list.setFocus()
    picker.list.setCurrentRow(0)
    qtbot.keyClick(picker.list, Qt.Key.Key_Delete)
    assert picker.value() == [people["binh"]["uuid"]]
    assert picker.list.hasFocus()  # ready for the next one
    picker.list.setCurrentRow(0)
    qtbot.keyClick(picker.remove_button, Qt.Key.Key_Return)  # Enter on Remove never saves
    assert picker.value() == [] and dialog.isVisible()
    assert not picker.remove_button.isEnabled()
