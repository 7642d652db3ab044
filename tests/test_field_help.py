"""Every field whose meaning is not obvious explains itself: a tooltip on its label and editor,
and Shift+F1 (Qt's What's This key) on the focused field, in the language shown."""

import re

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QWhatsThis

from app.i18n import gettext
from app.services.kinds import KINDS
from ui.forms.record_dialog import RecordDialog

# Fields that need no help, each with why: a bare name counts in every kind, a path
# ("kind.field", "kind.list.field") in that place only.
OBVIOUS = {
    "full_name": "a name",
    "name": "a name",
    "title": "the record's own name",
    "gender": "self-evident",
    "birth_year": "self-evident",
    "phone": "contact details",
    "email": "contact details",
    "address": "contact details",
    "notes": "free notes",
    "held_on": "the day it took place",
    "start_time": "the hour it began",
    "place": "where it took place",
    "people.position": "as on a business card",
    "people.organisation": "as on a business card",
    "teams.hamlet": "where the team works, as its label says",
    "sessions.hamlet": "where the session took place, as its label says",
    "sessions.co_organisers": "who helped organise it, as its label says",
    "sessions.materials.kind": "the choices name the kinds",
    "sessions.materials.copies": "a count of copies",
    "trainings.topic": "what the training was about",
    "trainings.organiser": "who organised it",
}


def _fields(specs, path):
    for spec in specs:
        yield f"{path}.{spec.name}", spec
        yield from _fields(spec.fields, f"{path}.{spec.name}")


ALL_FIELDS = [item for kind in KINDS.values() for item in _fields(kind.fields, kind.name)]
NEEDS_HELP = [
    (path, spec)
    for path, spec in ALL_FIELDS
    if path not in OBVIOUS and path.rsplit(".", 1)[-1] not in OBVIOUS
]


def test_every_field_not_obvious_has_help():
    assert [path for path, spec in NEEDS_HELP if not spec.help] == []
    # The exemptions name real fields: a renamed field does not slip through unexplained.
    paths = {path for path, _spec in ALL_FIELDS}
    names = {path.rsplit(".", 1)[-1] for path in paths}
    assert [key for key in OBVIOUS if key not in paths | names] == []


@pytest.mark.parametrize(("path", "spec"), NEEDS_HELP, ids=[path for path, _ in NEEDS_HELP])
def test_every_help_reads_in_vietnamese_citing_the_same_articles(path, spec):
    """Needs the catalog regenerated with the translations of these msgids."""
    vietnamese = gettext(spec.help, "vi")
    assert vietnamese != spec.help
    # Every article, clause, year and document number cited: "Art. 20(2)" is "khoản 2 Điều 20".
    assert _numbers(spec.help) <= _numbers(vietnamese)


def _numbers(text: str) -> set[int]:
    return {int(digits) for digits in re.findall(r"\d+", text)}


@pytest.mark.parametrize(("kind", "name"), [("cases", "assigned_on"), ("people", "hamlet")])
def test_the_label_and_the_editor_show_the_help_in_the_language_shown(
    qtbot, ward, monkeypatch, kind, name
):
    dialog = RecordDialog(ward, kind)
    qtbot.addWidget(dialog)
    spec = KINDS[kind].by_name[name]
    for widget in (dialog.labels[name], dialog.editors[name]):
        assert gettext(spec.help, "vi") in widget.toolTip()
        assert gettext(spec.help, "vi") in widget.whatsThis()
    # A screen reader reads it with the part that takes the focus.
    assert dialog.editors[name].focusProxy().accessibleDescription() == gettext(spec.help, "vi")
    monkeypatch.setattr("app.i18n._current", "en")
    dialog.retranslate()
    assert spec.help in dialog.labels[name].toolTip()
    assert spec.help in dialog.editors[name].toolTip()
    # A field whose label says it all has none: help is not pasted on every field.
    assert dialog.labels["notes"].toolTip() == dialog.editors["notes"].toolTip() == ""


def test_a_check_box_and_a_sub_form_field_show_their_help(qtbot, ward):
    dialog = RecordDialog(ward, "cases")
    qtbot.addWidget(dialog)
    dialog.show()
    public = KINDS["cases"].by_name["public"]
    assert gettext(public.help, "vi") in dialog.editors["public"].toolTip()
    entry = dialog.editors["parties"].add()
    role = KINDS["cases"].by_name["parties"].fields[0]
    assert gettext(role.help, "vi") in entry.labels["role"].toolTip()
    assert gettext(role.help, "vi") in entry.editors["role"].toolTip()
    # Shift+F1 in the party's role explains the role, not the list of parties around it.
    role_editor = entry.editors["role"]
    bubble = _shift_f1(qtbot, role_editor, role_editor.editor)
    assert bubble == _bubble_for(role_editor.whatsThis())
    assert bubble != _bubble_for(dialog.editors["parties"].whatsThis())


@pytest.mark.parametrize(
    ("kind", "name", "part"),
    [
        ("cases", "started_on", "line"),
        ("sessions", "direct", "editor"),
        ("cases", "team", "editor"),
    ],
)
def test_shift_f1_explains_the_focused_field_beside_it(qtbot, ward, kind, name, part):
    dialog = RecordDialog(ward, kind)
    qtbot.addWidget(dialog)
    dialog.show()
    editor = dialog.editors[name]
    assert gettext(KINDS[kind].by_name[name].help, "vi") in editor.whatsThis()
    assert _shift_f1(qtbot, editor, getattr(editor, part)) == _bubble_for(editor.whatsThis())
    # A field whose label says it all shows nothing.
    assert _shift_f1(qtbot, dialog.editors["title"], dialog.editors["title"].editor) is None


def _shift_f1(qtbot, editor, focused):
    """Shift+F1 in `focused`, a part of `editor`: the size of the What's This bubble it opens,
    checked to stand beside the editor; None if none opens."""
    editor.window().scroll.ensureWidgetVisible(editor)
    focused.setFocus()
    try:
        qtbot.keyClick(focused, Qt.Key.Key_F1, Qt.KeyboardModifier.ShiftModifier)
        bubble = QApplication.activePopupWidget()
        if bubble is None:
            return None
        assert bubble.metaObject().className() == "QWhatsThat"
        field = QRect(editor.mapToGlobal(QPoint(0, 0)), editor.size())
        assert field.adjusted(-40, -40, 40, 80).contains(bubble.geometry().topLeft())
        return bubble.size()
    finally:
        QWhatsThis.hideText()


def _bubble_for(text: str):
    """The size of the bubble that shows `text`: Qt keeps the shown text to itself, but two
    bubbles of one size show the same text (the helps differ in length)."""
    QWhatsThis.showText(QPoint(0, 0), text)
    try:
        return QApplication.activePopupWidget().size()
    finally:
        QWhatsThis.hideText()
