"""The report settings that make the paper form's head and the logbook's cover: a district's
parent body, the unit a form goes to, and a team's book (its number and opening day)."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.i18n import gettext
from app.reports import logbook
from app.reports.heading import FORM_NUMBER
from app.services import records as svc
from app.services.preferences import get_settings
from tests import factories as f
from tests.gui_helpers import type_into
from tests.report_helpers import report
from ui.pages.report_settings import ReportSettingsBox
from ui.strings import _


@pytest.fixture
def box_of(qtbot):
    def make(store):
        box = ReportSettingsBox(store)
        qtbot.addWidget(box)
        qtbot.addWidget(box.toggle)
        box.retranslate()
        with qtbot.waitActive(box):
            box.show()
            box.activateWindow()
        return box

    return make


def test_a_district_sets_its_parent_body_and_the_receiving_unit(qtbot, box_of, district):
    box = box_of(district)
    assert box.parent_body.isVisible()
    assert not box.book_team.isVisible()  # a district keeps no logbook
    assert "Hà Nội" in box.parent_body.placeholderText()  # the default, from the unit list
    type_into(qtbot, box.parent_body, "Ủy ban nhân dân thành phố Hà Nội")
    type_into(qtbot, box.receiving_unit, "Bộ Tư pháp")
    qtbot.keyClick(box.receiving_unit, Qt.Key.Key_Return)
    settings = get_settings(district, "reports.")
    assert settings["reports.parent_body"] == "Ủy ban nhân dân thành phố Hà Nội"
    assert settings["reports.receiving_unit"] == "Bộ Tư pháp"
    rep = report(district, "pbgdpl-stats", "2026", language="vi")
    assert rep.unit_lines[0] == "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI"
    assert rep.form_right[1].endswith(": Bộ Tư pháp")


def test_a_ward_records_a_teams_book_and_the_logbook_prints_it(qtbot, box_of, ward):
    leader = f.person(ward, "Lê Thị Hoa", gender="female")["uuid"]
    team = f.team(ward, [leader], name="Tổ hòa giải số 5")["uuid"]
    for day in ("2026-02-01", "2026-03-10", "2026-07-01"):
        svc.create(ward, "cases", f.case_data(team=team, received_on=day, assigned_on=day,
                                              started_on=day, ended_on=day))  # fmt: skip
    box = box_of(ward)
    assert not box.parent_body.isVisible() and box.book_team.isVisible()
    assert box.book_team.currentData() == team
    type_into(qtbot, box.book_number, "03")
    type_into(qtbot, box.book_opened, "1/3/2026x")
    qtbot.keyClick(box.book_opened, Qt.Key.Key_Return)  # not a date: refused, nothing stored
    assert QApplication.focusWidget() is box.book_opened
    assert "dd/mm/yyyy" in box.note.text()
    assert logbook.SETTING + team not in get_settings(ward, logbook.SETTING)
    type_into(qtbot, box.book_opened, "01/03/2026")
    qtbot.keyClick(box.book_opened, Qt.Key.Key_Return)
    stored = get_settings(ward, logbook.SETTING)[logbook.SETTING + team]
    assert stored == [{"number": "03", "opened_on": "2026-03-01"}]
    (section,) = report(ward, "mediation-logbook", "2026-07-01..2026-12-31").sections
    facts = dict(section.facts)
    assert facts[gettext("Book No.", "vi")] == "03"
    assert facts[gettext("Opened on", "vi")] == "01/03/2026"
    assert [row.values["seq"] for row in section.rows] == [2]  # 10/3 was the book's first
    # Listed when the box is loaded anew, after the calendar-year book it closed on 28/02;
    # the fields are left free for the next book.
    again = box_of(ward)
    books = [again.book_list.item(row).text() for row in range(again.book_list.count())]
    assert len(books) == 2 and "28/02/2026" in books[0]
    assert "03" in books[1] and "01/03/2026" in books[1]
    assert (again.book_number.text(), again.book_opened.text()) == ("", "")


def test_an_office_types_each_forms_number_and_the_form_prints_it(qtbot, box_of, ward):
    box = box_of(ward)
    key = FORM_NUMBER + "mediation-stats/2"
    field = box.form_numbers[key]
    label = box.labels[[*box.form_numbers].index(key) + 5]  # after the five head fields
    assert label.buddy() is field and "Biểu số" in label.text()
    assert field.placeholderText() == _("Blank: dots, to write in by hand")
    type_into(qtbot, field, "11a/TP/HGCS")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert get_settings(ward, FORM_NUMBER)[key] == "11a/TP/HGCS"
    rep = report(ward, "mediation-stats", "2026", language="vi")
    assert rep.sections[1].form.form_left[0].endswith("11a/TP/HGCS")
    again = box_of(ward)
    assert again.form_numbers[key].text() == "11a/TP/HGCS"  # shown again
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    qtbot.keyClick(field, Qt.Key.Key_Return)  # emptied: back to dots
    assert get_settings(ward, FORM_NUMBER).get(key) is None
