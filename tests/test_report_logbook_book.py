"""The mediation logbook as a book (app.reports.logbook): "Quyển số", the days it was opened
and closed, case numbers that run on across printouts of the same book (a team's calendar
year, or the books recorded in the settings), and Part II signed by the team's leader."""

import subprocess
from datetime import date

import pytest

from app.i18n import gettext
from app.reports import logbook
from app.reports.export import save_report
from app.reports.heading import BLANK
from app.reports.lists import TEAM_LEADER_SIGNS
from app.services import records as svc
from app.services.preferences import put_settings
from tests import factories as f
from tests.report_helpers import report

FIRST_HALF = "2026-01-01..2026-06-30"
SECOND_HALF = "2026-07-01..2026-12-31"
RECEIVED = ["2026-02-01", "2026-03-10", "2026-05-05", "2026-07-01", "2026-08-15", "2026-11-30"]


@pytest.fixture
def book(ward):
    """A team led by Lê Thị Hoa, its cases of 2026 typed without logbook numbers."""
    leader = f.person(ward, "Lê Thị Hoa", gender="female")["uuid"]
    others = [f.person(ward, name)["uuid"] for name in ("Trần Văn Bình", "Phạm Văn Cường")]
    team = f.team(ward, [leader, *others], name="Tổ hòa giải số 5")["uuid"]
    for day in RECEIVED:
        svc.create(ward, "cases", f.case_data(team=team, received_on=day, assigned_on=day,
                                             started_on=day, ended_on=day))  # fmt: skip
    return ward, team


def section_of(store, period, **request):
    (section,) = report(store, "mediation-logbook", period, language="vi", **request).sections
    return section


def numbers(section) -> list[int]:
    return [row.values["seq"] for row in section.rows]


def facts(section) -> dict:
    return dict(section.facts)


def fact(section, msgid) -> str:
    return facts(section)[gettext(msgid, "vi")]


# -- the running number -------------------------------------------------------------------------


def test_numbers_run_on_across_two_printouts_of_the_same_book(book):
    store, _ = book
    first, second = section_of(store, FIRST_HALF), section_of(store, SECOND_HALF)
    assert numbers(first) == [1, 2, 3]
    assert numbers(second) == [4, 5, 6]  # the same book: the count goes on
    assert numbers(section_of(store, "2026")) == [1, 2, 3, 4, 5, 6]
    # Both printouts name the same book, opened on 1 January; the second closes it.
    for section in (first, second):
        assert fact(section, "Book No.") == BLANK  # never recorded: for the pen
        assert fact(section, "Opened on") == "01/01/2026"
    assert fact(first, "Closed on") == BLANK  # still being written on 30/6
    assert fact(second, "Closed on") == "31/12/2026"


def test_a_new_year_opens_a_new_book(book):
    store, team = book
    svc.create(store, "cases", f.case_data(team=team, received_on="2027-01-05",
                                           assigned_on=None, started_on=None, ended_on=None,
                                           result="not_started", end_reason=None))  # fmt: skip
    section = section_of(store, "2027-01-01..2027-03-31", today=date(2027, 4, 2))
    assert numbers(section) == [1]
    assert fact(section, "Opened on") == "01/01/2027"


def test_a_recorded_book_gives_its_number_and_where_its_count_starts(book):
    store, team = book
    put_settings(store, {logbook.SETTING + team: [{"number": "03", "opened_on": "2026-03-01"}]})
    second = section_of(store, SECOND_HALF)
    # Book 03 holds the cases from 1 March: 10/3, 5/5, then the second half's.
    assert numbers(second) == [3, 4, 5]
    assert fact(second, "Book No.") == "03"
    assert fact(second, "Opened on") == "01/03/2026"
    assert fact(second, "Closed on") == BLANK  # no later book: still open
    # A printout across both books numbers each case in its own book and names both.
    whole = section_of(store, "2026")
    assert numbers(whole) == [1, 1, 2, 3, 4, 5]
    assert (
        fact(whole, "Book No.") == f"{BLANK} (01/01/2026 – 28/02/2026); 03 (01/03/2026 – {BLANK})"
    )


def test_a_typed_number_is_kept_and_the_count_goes_on_from_it(book):
    store, _ = book
    (case,) = [
        row
        for row in svc.list_records(store, "cases", limit=100)
        if row["data"]["received_on"] == "2026-05-05"
    ]
    svc.update(store, "cases", case["uuid"], {"book_number": 10})
    assert numbers(section_of(store, FIRST_HALF)) == [1, 2, 10]
    assert numbers(section_of(store, SECOND_HALF)) == [11, 12, 13]


def test_the_books_of_a_team_follow_one_another():
    recorded = [(date(2025, 3, 1), "01"), (date(2026, 1, 1), "02")]
    before, first, second = logbook.books_between(recorded, date(2025, 1, 1), date(2026, 12, 31))
    assert before == logbook.Book("", date(2025, 1, 1), date(2025, 2, 28))
    assert first == logbook.Book("01", date(2025, 3, 1), date(2025, 12, 31))
    assert second == logbook.Book("02", date(2026, 1, 1), None)
    stored = logbook.put_book({logbook.SETTING + "t": [{"number": "01", "opened_on": "2025-03-01"}]},
                              "t", "02", date(2026, 1, 1))  # fmt: skip
    assert stored == [
        {"number": "01", "opened_on": "2025-03-01"},
        {"number": "02", "opened_on": "2026-01-01"},
    ]
    # A book recorded by mistake goes with its number left out.
    settings = {logbook.SETTING + "t": stored}
    assert logbook.put_book(settings, "t", "", date(2026, 1, 1)) == stored[:1]


# -- Part II's signer ---------------------------------------------------------------------------


def test_part_two_is_signed_by_the_team_leader_not_the_committee(book, tmp_path):
    store, _ = book
    rep = report(store, "mediation-logbook", "2026", language="vi")
    (section,) = rep.sections
    assert section.signer_title == gettext(TEAM_LEADER_SIGNS, "vi")
    assert section.signer_name == "Lê Thị Hoa"
    assert not rep.signed
    text = subprocess.run(
        ["pdftotext", "-layout", str(save_report(rep, tmp_path / "b.pdf", "pdf")), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    after_part_two = text[text.index(section.summary_title) :]
    assert section.signer_title.upper() in after_part_two
    assert "Lê Thị Hoa" in after_part_two
    committee = gettext("ON BEHALF OF THE PEOPLE'S COMMITTEE", "vi").upper()
    assert committee not in text and gettext("CHAIRMAN", "vi").upper() not in text
