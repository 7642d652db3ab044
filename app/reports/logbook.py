"""The mediation logbook as a book (Sổ theo dõi hoạt động hòa giải ở cơ sở, Luật Hòa giải ở cơ
sở Điều 21.4): which of a team's books a printout belongs to, the book's number and its opening
and closing days, each case's running number in it, and the team leader who signs Part II.

"The same book" is one team's book, from the day it was opened to the day before the team's
next book was opened. The books a team opened are settings, "logbook.books.<team uuid>": a list
of {"number", "opened_on"}. On days no recorded book covers, a team keeps one book a calendar
year (opened on 1 January, closed on 31 December) whose number is left to the pen.

A printout is one section per book it covers: a period across two books prints each book
whole — its cover facts, its Part I numbered in that book, its Part II of that book's days —
as the office files each paper book on its own.

Cases are numbered in their book in the logbook's own order (the day received, then the number
typed, then the order entered), so a printout of July–December goes on from the cases of the
same book received before July. A case's own logbook number, where the officer typed one, is
printed as typed, and the cases after it count on from it. A case with no number typed is
written, as on paper, on the next free line: the first number after the case before it that
no case of the book holds (typed on any case of the book, or given to an earlier one), so no
two cases share a line and every printout of the book numbers a case the same way."""

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Connection, func, select

from app.models import MediationCase, Person, Team, TeamMember

SETTING = "logbook.books."
REPORT = "mediation-logbook"  # the report printed as a team's books
ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Book:
    number: str  # "" for a calendar-year book no one recorded: written in by hand
    opened_on: date
    closes_on: date | None  # the day before the team's next book opens; None: still open


def recorded_books(settings: dict, team_uuid: str) -> list[tuple[date, str]]:
    """(opened on, number) of the books recorded for the team, in order; entries that are
    not a book (a bad date) are passed over."""
    found = {}
    for entry in settings.get(SETTING + team_uuid) or ():
        try:
            opened = date.fromisoformat(str(entry["opened_on"]))
        except (KeyError, TypeError, ValueError):
            continue
        found[opened] = str(entry.get("number") or "").strip()
    return sorted(found.items())


def book_on(recorded: list[tuple[date, str]], day: date) -> Book:
    """The team's book that holds `day`."""
    earlier = [entry for entry in recorded if entry[0] <= day]
    later = [entry for entry in recorded if entry[0] > day]
    if earlier:
        opened, number = earlier[-1]
        return Book(number, opened, later[0][0] - ONE_DAY if later else None)
    year_end = date(day.year, 12, 31)
    if later and later[0][0] <= year_end:  # a recorded book opens within the year
        year_end = later[0][0] - ONE_DAY
    return Book("", date(day.year, 1, 1), year_end)


def books_between(recorded: list[tuple[date, str]], start: date, end: date) -> list[Book]:
    """The team's books holding some day from `start` to `end`, in order."""
    books = [book_on(recorded, start)]
    while books[-1].closes_on is not None and books[-1].closes_on < end:
        books.append(book_on(recorded, books[-1].closes_on + ONE_DAY))
    return books


def put_book(settings: dict, team_uuid: str, number: str, opened_on: date) -> list[dict]:
    """The team's books with one opened on `opened_on` recorded (a book opened that day is
    renumbered; no number removes it), as the setting stores them."""
    books = dict(recorded_books(settings, team_uuid))
    if number.strip():
        books[opened_on] = number.strip()
    else:
        books.pop(opened_on, None)
    return [{"number": n, "opened_on": d.isoformat()} for d, n in sorted(books.items())]


def remove_book(settings: dict, team_uuid: str, opened_on: date) -> list[dict]:
    """The team's books without the one opened on `opened_on` (entered by mistake): its days go
    back to the book before it."""
    return put_book(settings, team_uuid, "", opened_on)


def team_books(recorded: list[tuple[date, str]], team: dict, today: date) -> list[Book]:
    """The team's books an officer looks over, oldest first: from the book holding 1 January
    of the earliest year (the first recorded book's, or this one) to the book of `today` and
    any recorded to open later, calendar-year books no one recorded included; books of days
    the team did not exist are left out, as the printout leaves them out."""
    start = date(min([today.year, *(opened.year for opened, _ in recorded)]), 1, 1)
    end = max([today, *(opened for opened, _ in recorded)])
    return [
        book
        for book in books_between(recorded, start, end)
        if held_by_team(team, book.opened_on, book.closes_on or end)
    ]


class Numbering:
    """Each case's number in one book, for one team's cases in the logbook's order."""

    def __init__(self, typed: set[int]):
        self.typed = typed  # the numbers typed on the book's cases: their lines are taken
        self.given: set[int] = set()
        self.running = 0

    def number(self, typed: int | None) -> int:
        if typed is None:  # the next line that no case of the book holds
            typed = self.running + 1
            while typed in self.typed or typed in self.given:
                typed += 1
        self.given.add(typed)
        self.running = typed
        return typed


_cases = MediationCase.__table__
_teams = Team.__table__
_members = TeamMember.__table__
_people = Person.__table__


def parts(books: list[Book], start: date, end: date) -> list[tuple[Book, date, date]]:
    """(book, first day, last day): the days from `start` to `end` each book holds."""
    return [(book, max(start, book.opened_on), min(end, book.closes_on or end)) for book in books]


def numbering(
    connection: Connection, ward: str, team_uuid: str, book: Book, start: date
) -> Numbering:
    """The numbering of a printout of `book` from `start`: the numbers typed anywhere in the
    book taken, the book's cases received before `start` counted first."""
    c = _cases.c
    in_book = [
        c.ward_code == ward,
        c.deleted.is_(False),
        func.coalesce(c.team_uuid, "") == team_uuid,
        c.received_on >= book.opened_on.isoformat(),
    ]
    if book.closes_on is not None:
        in_book.append(c.received_on <= book.closes_on.isoformat())
    cases = connection.execute(
        select(c.received_on, c.book_number)
        .where(*in_book)
        .order_by(c.received_on, func.coalesce(c.book_number, 0), c.id)
    ).all()
    numbers = Numbering({typed for _, typed in cases if typed is not None})
    for received, typed in cases:
        if received >= start.isoformat():
            break
        numbers.number(typed)
    return numbers


def team_facts(connection: Connection, ward: str, team_uuid: str) -> dict:
    """The team's leaders (live people marked leader, in the order given) and the days it
    was in force, for the cover and the signature."""
    t, m, p = _teams.c, _members.c, _people.c
    row = connection.execute(
        select(t.id, t.valid_from, t.valid_to).where(t.uuid == team_uuid, t.ward_code == ward)
    ).first()
    if row is None:
        return {"valid_from": None, "valid_to": None, "leaders": ""}
    team_id, valid_from, valid_to = row
    names = connection.execute(
        select(p.full_name)
        .select_from(_members.join(_people, p.uuid == m.person_uuid))
        .where(
            m.team_id == team_id,
            m.is_leader.is_(True),
            p.ward_code == ward,
            p.deleted.is_(False),
        )
        .order_by(m.position)
    ).scalars()
    leaders = ", ".join(names)
    return {
        "valid_from": date.fromisoformat(valid_from) if valid_from else None,
        "valid_to": date.fromisoformat(valid_to) if valid_to else None,
        "leaders": leaders or "",
    }


def opening(book: Book, team: dict) -> date:
    """The day the book was opened: a team set up within a calendar-year book opens it then."""
    valid_from = team.get("valid_from")
    if (
        valid_from
        and book.opened_on < valid_from
        and (book.closes_on is None or valid_from <= book.closes_on)
    ):
        return valid_from
    return book.opened_on


def closing(book: Book, team: dict, end: date, today: date) -> date | None:
    """The day the book was closed, if that day is within the printout and has come by the
    day it is printed: the book's last day, or the team's, whichever came first; None while
    the book is still being written (a year's book printed in December is not yet closed)."""
    last = last_day(book, team)
    return last if last is not None and last <= min(end, today) else None


def last_day(book: Book, team: dict) -> date | None:
    """The book's last day, or the team's, whichever comes first; None if neither is set (a
    recorded book with no later one, of a team still in force)."""
    last = book.closes_on
    valid_to = team.get("valid_to")
    if valid_to and (last is None or valid_to < last):
        last = valid_to
    return last


def held_by_team(team: dict, first: date, last: date) -> bool:
    """Whether the team was in force on some day from `first` to `last` (a book of days
    before the team was set up, or after it ended, was never the team's)."""
    valid_from, valid_to = team.get("valid_from"), team.get("valid_to")
    return (valid_from is None or valid_from <= last) and (valid_to is None or valid_to >= first)
