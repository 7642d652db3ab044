"""A mediation team's logbooks in the report settings: the pane opened by its Alt letter with
the focus on the team's books, the books listed with the days each was opened and closed, a new
book opened, and a book entered by mistake deleted; the printed logbook agrees with the list."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMainWindow

from app.i18n import gettext
from app.reports import logbook
from app.reports.heading import BLANK
from app.services import records as svc
from app.services.preferences import get_settings, put_settings
from tests import factories as f
from tests.gui_helpers import accept_message, mnemonic_key, type_into, when_modal
from tests.report_helpers import report
from ui.pages.reports import ReportsPage
from ui.settings_store import UiSettings
from ui.strings import _

BOOK_01 = {"number": "01", "opened_on": "2026-01-01"}
BOOK_02 = {"number": "02", "opened_on": "2026-04-15"}


@pytest.fixture
def team(ward):
    """Tổ hòa giải số 5, led by Lê Thị Hoa, with a case in each of the year's halves; a second
    team, so the page's choice of team is a real choice."""
    leader = f.person(ward, "Lê Thị Hoa", gender="female")["uuid"]
    uuid = f.team(ward, [leader], name="Tổ hòa giải số 5")["uuid"]
    f.team(ward, [f.person(ward, "Trần Văn Bình")["uuid"]], name="Tổ hòa giải số 6")
    for day in ("2026-02-01", "2026-07-01"):
        svc.create(ward, "cases", f.case_data(team=uuid, received_on=day, assigned_on=day,
                                              started_on=day, ended_on=day))  # fmt: skip
    return uuid


@pytest.fixture
def page_of(qtbot, ward):
    def make():
        window = QMainWindow()
        page = ReportsPage(ward, UiSettings(ward.folder.root), window)
        window.setCentralWidget(page)
        window.resize(1100, 800)
        qtbot.addWidget(window)
        with qtbot.waitActive(window):
            window.show()
            window.activateWindow()
        page.host = window  # kept alive as long as the page
        return page

    return make


def choose_the_logbook(page, team: str) -> None:
    page.report_combo.setCurrentIndex(page.report_combo.findData(logbook.REPORT))
    page.team_combo.setCurrentIndex(page.team_combo.findData(team))


def open_by_key(qtbot, page) -> None:
    """Alt and the toggle's underlined letter, from the team box, as the officer does."""
    page.team_combo.setFocus()
    key = mnemonic_key(page.settings_box.toggle)
    qtbot.keyClick(page.team_combo, key, Qt.KeyboardModifier.AltModifier)


def listed(box) -> list[str]:
    return [box.book_list.item(row).text() for row in range(box.book_list.count())]


def line(number: str, opened: str, closed: str | None = None) -> str:
    days = (
        _("opened {opened}, closed {closed}").format(opened=opened, closed=closed)
        if closed
        else _("opened {opened}, in use").format(opened=opened)
    )
    return _("Book {number}").format(number=number) + " — " + days


def facts_of(ward, team) -> list[tuple[str, str, str]]:
    """(book number, opened on, closed on) of each book the team's logbook of 2026 prints."""
    sections = report(
        ward, logbook.REPORT, "2026", team=team, language="vi", today=date(2027, 1, 4)
    )
    names = [gettext(m, "vi") for m in ("Book No.", "Opened on", "Closed on")]
    return [tuple(dict(section.facts)[name] for name in names) for section in sections.sections]


def test_the_settings_open_by_key_on_the_chosen_teams_books(qtbot, page_of, ward, team):
    put_settings(ward, {logbook.SETTING + team: [BOOK_01]})
    page = page_of()
    choose_the_logbook(page, team)
    box = page.settings_box
    assert not box.isVisibleTo(page)
    open_by_key(qtbot, page)
    assert box.isVisibleTo(page) and box.book_team.hasFocus()
    assert box.book_team.currentData() == team  # the team chosen on the page
    assert listed(box) == [line("01", "01/01/2026")]
    # The letter again opens, never folds: the focus goes back into the pane.
    page.team_combo.setFocus()
    open_by_key(qtbot, page)
    assert box.isVisibleTo(page) and box.book_team.hasFocus()


def test_tab_goes_from_the_team_to_its_books_first(qtbot, page_of, ward, team):
    page = page_of()
    choose_the_logbook(page, team)
    box = page.settings_box
    qtbot.mouseClick(box.toggle, Qt.MouseButton.LeftButton)
    box.toggle.setFocus()
    steps = []
    for _step in range(6):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        steps.append(QApplication.focusWidget())
    # The delete button is passed over while no recorded book is chosen.
    assert steps == [
        box.book_team,
        box.book_list,
        box.book_number,
        box.book_opened,
        box.open_book_button,
        box.place,
    ]
    # Another report: the books do not show, and the pane opens on its first field.
    page.report_combo.setCurrentIndex(page.report_combo.findData("pbgdpl-stats"))
    assert not box.book_list.isVisibleTo(page)
    open_by_key(qtbot, page)
    assert box.place.hasFocus()


def test_opening_book_02_lists_both_books_and_the_logbook_prints_them(qtbot, page_of, ward, team):
    put_settings(ward, {logbook.SETTING + team: [BOOK_01]})
    page = page_of()
    choose_the_logbook(page, team)
    open_by_key(qtbot, page)
    box = page.settings_box
    # A day with no number is refused, as is a day that is not a date: nothing stored.
    type_into(qtbot, box.book_opened, "15/04/2026")
    qtbot.mouseClick(box.open_book_button, Qt.MouseButton.LeftButton)
    assert box.book_number.hasFocus() and "Quyển số" in box.note.text()
    type_into(qtbot, box.book_number, "02")
    type_into(qtbot, box.book_opened, "15/4/2026x")
    qtbot.keyClick(box.book_opened, Qt.Key.Key_Return)
    assert box.book_opened.hasFocus() and "dd/mm/yyyy" in box.note.text()
    # Said under the book's fields too: the note beside Save is out of view up here.
    assert box.book_hint.text() == box.note.text()
    assert get_settings(ward, logbook.SETTING)[logbook.SETTING + team] == [BOOK_01]

    type_into(qtbot, box.book_opened, "15/04/2026")
    qtbot.mouseClick(box.open_book_button, Qt.MouseButton.LeftButton)
    assert box.book_hint.text().startswith("Mở quyển mới")  # the hint again, once it is done
    assert get_settings(ward, logbook.SETTING)[logbook.SETTING + team] == [BOOK_01, BOOK_02]
    assert listed(box) == [line("01", "01/01/2026", "14/04/2026"), line("02", "15/04/2026")]
    assert box.book_list.currentRow() == 1 and box.book_list.hasFocus()
    assert (box.book_number.text(), box.book_opened.text()) == ("", "")  # ready for the next
    assert facts_of(ward, team) == [("01", "01/01/2026", "14/04/2026"), ("02", "15/04/2026", BLANK)]
    # Listed the same when the page is opened anew.
    assert listed(page_of().settings_box) == listed(box)


def test_deleting_book_02_opens_book_01_again(qtbot, page_of, ward, team):
    put_settings(ward, {logbook.SETTING + team: [BOOK_01, BOOK_02]})
    page = page_of()
    choose_the_logbook(page, team)
    open_by_key(qtbot, page)
    box = page.settings_box
    box.book_list.setFocus()
    box.book_list.setCurrentRow(1)
    assert box.delete_book_button.isEnabled()
    # Asked first: Cancel keeps the book.
    errors = when_modal(qtbot, lambda dialog: dialog.reject())
    qtbot.keyClick(box.book_list, Qt.Key.Key_Delete)
    assert not errors and len(listed(box)) == 2

    def confirm(dialog):
        assert "02" in dialog.text() and "15/04/2026" in dialog.text()
        accept_message(qtbot, dialog)

    errors = when_modal(qtbot, confirm)
    qtbot.mouseClick(box.delete_book_button, Qt.MouseButton.LeftButton)
    assert not errors
    assert listed(box) == [line("01", "01/01/2026")]
    assert get_settings(ward, logbook.SETTING)[logbook.SETTING + team] == [BOOK_01]
    assert facts_of(ward, team) == [("01", "01/01/2026", BLANK)]  # 2026 is one book again


def test_a_calendar_year_book_no_one_recorded_is_listed_and_kept(qtbot, page_of, ward, team):
    put_settings(ward, {logbook.SETTING + team: [{"number": "02", "opened_on": "2026-07-01"}]})
    page = page_of()
    choose_the_logbook(page, team)
    open_by_key(qtbot, page)
    box = page.settings_box
    year_book = _("Book of {year}, no number recorded").format(year=2026)
    days = _("opened {opened}, closed {closed}").format(opened="01/01/2026", closed="30/06/2026")
    assert listed(box) == [f"{year_book} — {days}", line("02", "01/07/2026")]
    assert facts_of(ward, team) == [
        (BLANK, "01/01/2026", "30/06/2026"),
        ("02", "01/07/2026", BLANK),
    ]
    box.book_list.setCurrentRow(0)
    assert not box.delete_book_button.isEnabled()  # not a book the officer entered
