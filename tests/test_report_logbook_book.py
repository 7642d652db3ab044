"""The mediation logbook as a book (app.reports.logbook): "Quyển số", the days it was opened
and closed, case numbers that run on across printouts of the same book (a team's calendar
year, or the books recorded in the settings), and Part II signed by the team's leader."""

import subprocess
from datetime import date

import pytest

from app.enums import RESULTS
from app.i18n import gettext
from app.reports import logbook
from app.reports.definitions import all_definitions
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


def section_of_all(store, period, **request):
    return report(store, "mediation-logbook", period, language="vi", **request).sections


def part_two(section) -> dict[str, int]:
    """Part II's figures by measure."""
    lines = all_definitions()["mediation-logbook"].sections[0].summary
    values = [int(value.replace(".", "")) for _, value in section.summary]
    return dict(zip((line.measure for line in lines), values, strict=True))


def numbers(section) -> list[int]:
    return [row.values["seq"] for row in section.rows]


def facts(section) -> dict:
    return dict(section.facts)


def fact(section, msgid) -> str:
    return facts(section)[gettext(msgid, "vi")]


# -- the running number -------------------------------------------------------------------------


def test_numbers_run_on_across_two_printouts_of_the_same_book(book):
    store, _ = book
    first = section_of(store, FIRST_HALF)
    second = section_of(store, SECOND_HALF, today=date(2027, 1, 4))
    assert numbers(first) == [1, 2, 3]
    assert numbers(second) == [4, 5, 6]  # the same book: the count goes on
    assert numbers(section_of(store, "2026")) == [1, 2, 3, 4, 5, 6]
    # Both printouts name the same book, opened on 1 January; the second closes it.
    for section in (first, second):
        assert fact(section, "Book No.") == BLANK  # never recorded: for the pen
        assert fact(section, "Opened on") == "01/01/2026"
    assert fact(first, "Closed on") == BLANK  # still being written on 30/6
    assert fact(second, "Closed on") == "31/12/2026"  # printed once the year is over


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
    # A printout across both books prints each book with its own numbers and cover.
    before, whole = section_of_all(store, "2026")
    assert numbers(before) == [1] and numbers(whole) == [1, 2, 3, 4, 5]
    assert [fact(before, m) for m in ("Book No.", "Opened on", "Closed on")] == [
        BLANK, "01/01/2026", "28/02/2026",
    ]  # fmt: skip
    assert fact(whole, "Book No.") == "03" and fact(whole, "Closed on") == BLANK
    assert before.title.endswith(" — " + gettext("Book opened on {date}", "vi").format(
        date="01/01/2026"))  # fmt: skip
    assert whole.title.endswith(" — " + gettext("Book No. {number}", "vi").format(number="03"))


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
    assert logbook.remove_book(settings, "t", date(2026, 1, 1)) == stored[:1]


def test_a_teams_books_are_listed_from_the_earliest_year_to_today():
    """What the report settings list: every book from 1 January of the first recorded book's
    year, the calendar-year book no one recorded included, to today's; a book of days before
    the team was set up is not the team's, and one it was set up within opens that day."""
    recorded = [(date(2025, 3, 1), "01"), (date(2026, 4, 15), "02")]
    today = date(2026, 12, 5)
    assert logbook.team_books(recorded, {}, today) == [
        logbook.Book("", date(2025, 1, 1), date(2025, 2, 28)),
        logbook.Book("01", date(2025, 3, 1), date(2026, 4, 14)),
        logbook.Book("02", date(2026, 4, 15), None),
    ]
    # Nothing recorded: this year's book.
    assert logbook.team_books([], {}, today) == [
        logbook.Book("", date(2026, 1, 1), date(2026, 12, 31))
    ]
    # A team set up on 1 February 2025: the book of January 2025 was never its own.
    team = {"valid_from": date(2025, 2, 1), "valid_to": date(2026, 6, 30)}
    first, *later = logbook.team_books(recorded, team, today)
    assert logbook.opening(first, team) == date(2025, 2, 1)
    assert logbook.last_day(later[-1], team) == date(2026, 6, 30)  # the team's last day
    team = {"valid_from": date(2025, 3, 1), "valid_to": None}
    assert [book.number for book in logbook.team_books(recorded, team, today)] == ["01", "02"]


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


# -- a printout across two books (#13 item 9) ---------------------------------------------------

TWO_BOOKS = [
    {"number": "01", "opened_on": "2026-01-01"},
    {"number": "02", "opened_on": "2026-07-01"},
]


def pdf_text(path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_a_printout_across_two_books_prints_each_book_whole(book, tmp_path):
    """Book 01 closed on 30/06, book 02 opened on 1/7: the year's printout is two books, each
    with its own cover facts, its own Part I numbered from 1 and its own Part II, signed."""
    store, team = book
    put_settings(store, {logbook.SETTING + team: TWO_BOOKS})
    rep = report(store, "mediation-logbook", "2026", language="vi", today=date(2027, 1, 4))
    first, second = rep.sections
    assert [fact(first, m) for m in ("Book No.", "Opened on", "Closed on")] == [
        "01", "01/01/2026", "30/06/2026",
    ]  # fmt: skip
    assert [fact(second, m) for m in ("Book No.", "Opened on", "Closed on")] == [
        "02", "01/07/2026", BLANK,
    ]  # fmt: skip
    assert numbers(first) == [1, 2, 3] and numbers(second) == [1, 2, 3]
    assert second.rows[0].values["received_on"] == "01/07/2026"
    assert part_two(first)["cases_received"] == part_two(second)["cases_received"] == 3
    for section in (first, second):
        assert section.signer_name == "Lê Thị Hoa"
    assert first.title != second.title and "02" in second.title
    # The PDF: each book on its own pages, the first book's closing day printed.
    text = pdf_text(save_report(rep, tmp_path / "b.pdf", "pdf"))
    assert text.count(first.summary_title) == 2
    assert "Khóa sổ ngày: 30/06/2026" in text
    assert text.count("Lê Thị Hoa") >= 2
    # The spreadsheet: a sheet per book, names unique and within Excel's 31 characters.
    from openpyxl import load_workbook

    names = load_workbook(save_report(rep, tmp_path / "b.xlsx", "xlsx")).sheetnames
    assert len(names) == 2 and len({n.lower() for n in names}) == 2
    assert all(len(n) <= 31 for n in names)
    # The CSV: a block per book, each headed by its book's facts.
    lines = (save_report(rep, tmp_path / "b.csv", "csv")).read_text("utf-8-sig").splitlines()
    heads = [line for line in lines if "Quyển số" in line]
    assert len(heads) == 2
    assert "Quyển số: 01" in heads[0] and "Khóa sổ ngày: 30/06/2026" in heads[0]
    assert "Quyển số: 02" in heads[1]


def test_each_books_part_two_counts_its_own_days(book):
    """A case received in book 01 and still open when it closed is carried over into book 02,
    and counted in book 02's results when it ends there."""
    store, team = book
    svc.create(store, "cases", f.case_data(team=team, received_on="2026-06-20",
                                           assigned_on="2026-06-21", started_on="2026-06-22",
                                           ended_on="2026-07-05"))  # fmt: skip
    put_settings(store, {logbook.SETTING + team: TWO_BOOKS})
    books = section_of_all(store, "2026")
    assert [numbers(section) for section in books] == [[1, 2, 3, 4], [1, 2, 3]]
    first, second = (part_two(section) for section in books)
    assert (first["cases_received"], first["cases_success"], first["cases_in_progress"]) == (
        4, 3, 1,
    )  # fmt: skip
    assert (second["cases_received"], second["cases_carried_over"]) == (4, 1)
    assert (second["cases_success"], second["cases_in_progress"]) == (4, 0)


# -- the closing day ----------------------------------------------------------------------------


def test_a_book_not_yet_closed_on_the_day_of_printing_has_no_closing_day(book):
    store, team = book
    printed_early = section_of(store, "2026", today=date(2026, 12, 5))
    assert fact(printed_early, "Closed on") == BLANK  # 31/12/2026 is still to come
    printed_after = section_of(store, "2026", today=date(2027, 1, 4))
    assert fact(printed_after, "Closed on") == "31/12/2026"
    # A book that was closed keeps its real closing day.
    put_settings(store, {logbook.SETTING + team: TWO_BOOKS})
    (first,) = section_of_all(store, FIRST_HALF, today=date(2026, 12, 5))
    assert fact(first, "Closed on") == "30/06/2026"


# -- what the book knew at the period's end -----------------------------------------------------


def test_a_case_open_at_the_periods_end_prints_nothing_of_later_days(book):
    """Received in December 2025, assigned on 2 January and agreed on 12 January: the 2025
    book has the case, not its mediators, its agreement or its result."""
    store, team = book
    mediator = f.person(store, "Đinh Văn Khải")["uuid"]
    svc.create(store, "cases", f.case_data(
        team=team, received_on="2025-12-15", assigned_on="2026-01-02", started_on="2026-01-03",
        ended_on="2026-01-12", mediators=[mediator], agreement="Hai bên thống nhất mốc giới.",
        invited_persons=[{"name": "Vũ Thị Lan", "relation": "cán bộ địa chính"}],
    ))  # fmt: skip
    svc.create(store, "cases", f.case_data(
        team=team, received_on="2025-12-20", assigned_on="2025-12-21", started_on="2025-12-22",
        ended_on="2026-01-08", mediators=[mediator], agreement="Ông A trả lại 1 m đất.",
    ))  # fmt: skip
    (section,) = section_of_all(store, "2025")
    late, started = (row.values for row in section.rows)
    assert late["agreement"] == "" and late["success"] == late["failure"] == ""
    assert late["mediators"] == ""  # assigned only in 2026
    assert late["notes"] == RESULTS.label("not_started", "vi")
    assert started["agreement"] == "" and started["success"] == started["failure"] == ""
    assert started["mediators"] == "Đinh Văn Khải"
    assert started["notes"] == RESULTS.label("in_progress", "vi")
    # A printout from 2026 sees them concluded.
    (later,) = section_of_all(store, "2025-12-01..2026-12-31")[:1]
    assert [row.values["agreement"] for row in later.rows] == ["", ""]  # the 2025 book's rows
    (closed,) = section_of_all(store, "2025-12-01..2025-12-31", today=date(2026, 2, 1))
    assert closed.rows[0].values["success"] == ""


# -- the running number -------------------------------------------------------------------------


def test_a_case_without_a_number_takes_the_next_free_line(book):
    """Typed 15 and 16, and a case received between them with no number: it goes on the next
    line no case of the book holds (17), never on 16 a second time."""
    store, team = book

    def case(day, number=None):
        data = f.case_data(team=team, received_on=day, assigned_on=day, started_on=day,
                           ended_on=day, book_number=number)  # fmt: skip
        svc.create(store, "cases", data)

    case("2026-12-01", 15)
    case("2026-12-15")
    case("2026-12-26", 16)
    case("2026-12-28")
    assert numbers(section_of(store, "2026"))[6:] == [15, 17, 16, 18]
    # Printouts of part of the book number the same cases the same way.
    assert numbers(section_of(store, "2026-12-01..2026-12-31")) == [15, 17, 16, 18]
    assert numbers(section_of(store, "2026-12-20..2026-12-31")) == [16, 18]
    whole = numbers(section_of(store, "2026"))
    assert len(whole) == len(set(whole))
