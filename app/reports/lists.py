"""List reports: listing rows as sections — the session log, the roster's parts, and the
mediation logbook, one section per team's book with its facts above and Part II below."""

import re
from datetime import date

from sqlalchemy import bindparam, select

from app.errors import N_
from app.models import AdminUnit
from app.reports import listings, logbook
from app.reports.builder import Builder
from app.reports.definitions import SectionSpec
from app.reports.heading import BLANK, PREPARER, without_kind
from app.reports.measures import TEAM, compute
from app.reports.scope import Scope
from app.reports.table import BODY, SUBTOTAL, TEXT, TOTAL, Column, Row, Section
from app.reports.values import plain_number

TEAM_LEADER_SIGNS = N_("LEADER OF THE MEDIATION TEAM")

_units = AdminUnit.__table__
_UNIT_NAME = select(_units.c.name).where(_units.c.code == bindparam("code"))


class ListBuilder(Builder):
    def build(
        self, scope: Scope, today: date | None = None
    ) -> tuple[list[Section], list[str], bool]:
        """Sections (one per listing, or per team's book for the logbook), notes, emptiness.
        `today`: the day it is printed (a book still open that day has no closing day)."""
        self.today = today or date.today()
        sections: list[Section] = []
        # How many rows there are to read, where known: once a listing (the session log's two
        # parts read one listing between them).
        for source in dict.fromkeys(spec.source for spec in self.definition.sections):
            count = listings.LISTINGS[source].count
            if count:
                self.tally.expect(count(self.connection, scope))
        for spec in self.definition.sections:
            listing = listings.LISTINGS[spec.source]
            if listing.per_team:
                for team in listings.logbook_teams(self.connection, scope):
                    sections += self._team_sections(spec, scope, team)
                if not sections:
                    sections.append(self._list_section(spec, scope, {"team_uuid": None}, []))
            else:
                rows = listing.rows(self.connection, scope, dict(spec.params), self.language)
                rows = list(self.tally.counted(rows))
                sections.append(self._list_section(spec, scope, spec.params, rows))
        empty = not any(row.style == BODY for section in sections for row in section.rows)
        notes = [self.t(N_("No records fall in this period."))] if empty else []
        return sections, notes, empty

    def _list_section(self, spec: SectionSpec, scope: Scope, params, rows: list[dict]) -> Section:
        many_wards = len(scope.wards) > 1
        columns = []
        for column in spec.columns:
            columns.append(self._column(column, len(columns) + 1))
            if many_wards and column.field == "seq":
                columns.append(
                    Column(
                        "ward", self.t(N_("Ward")), TEXT, width=1.4, number=f"({len(columns) + 1})"
                    )
                )
        if many_wards:
            columns = [
                Column(c.key, c.label, c.kind, c.groups, c.width, f"({i})")
                for i, c in enumerate(columns, 1)
            ]
            for row in rows:
                row["ward"] = self.ward_names.get(row["ward"], row["ward"])
        body = [Row(values) for values in rows]
        summed = [column for column in spec.columns if column.total]
        if summed and body:
            label_key = next(c.key for c in columns if c.kind == TEXT and c.key != "ward")

            def total(part: list[Row], label: str, style: str) -> Row:
                values = {label_key: label, "count": len(part)}
                for column in summed:
                    values[column.key] = sum(row.values.get(column.key) or 0 for row in part)
                return Row(values, style)

            count = plain_number(len(body), self.language)
            label = (
                spec.total_label(self.language).format(count=count)
                if spec.total_label
                else self.t(N_("Total"))
            )
            last = total(body, label, TOTAL)
            if spec.actual_label and self.period.has_estimate:
                body = self._mark_actual_end(spec, body, total)
            body.append(last)
        empty_text = (
            spec.empty(self.language)
            if spec.empty
            else self.t(N_("No records fall in this period."))
        )
        return Section(
            columns=columns,
            rows=body,
            title=spec.title(self.language) if spec.title else "",
            empty_text=empty_text,
        )

    def _mark_actual_end(self, spec: SectionSpec, body: list[Row], total) -> list[Row]:
        """A preliminary period's rows with a subtotal of its actual data ("Cộng đến
        31/05/2026 …") under the last row of it; at the rows' end where they are not in date
        order (a district's, ward by ward)."""
        end = self.period.actual_end.isoformat()
        days = [row.values.get("day") or "" for row in body]
        actual = [row for row, day in zip(body, days, strict=True) if day <= end]
        label = spec.actual_label(self.language).format(
            date=listings.day(end), count=plain_number(len(actual), self.language)
        )
        cut = len(actual) if days == sorted(days) else len(body)
        return [*body[:cut], total(actual, label, SUBTOTAL), *body[cut:]]

    def _team_sections(self, spec: SectionSpec, scope: Scope, team: dict) -> list[Section]:
        """The team's books this printout covers (app.reports.logbook), each a section of its
        own: a book's cover, its Part I and its Part II are the book's alone."""
        books = logbook.books_between(
            logbook.recorded_books(self.settings, team["uuid"]), scope.start, scope.end
        )
        facts = logbook.team_facts(self.connection, team["ward"], team["uuid"])
        kept = []
        for book, first, last in logbook.parts(books, scope.start, scope.end):
            section = self._book_section(spec, scope, team, facts, book, first, last)
            # A book of days the team did not exist is left out, unless cases were given to it.
            if section.rows or logbook.held_by_team(facts, first, last):
                kept.append((book, section))
        if not kept:  # listed for its cases carried over: its last book shows them
            kept.append((book, section))
        if len(kept) > 1:  # which book each is, in its title and its sheet's name
            for book, section in kept:
                label = self._book_label(book, facts)
                section.title += " — " + label
                section.sheet += " – " + (f"Q.{book.number}" if book.number else label)
        return [section for _, section in kept]

    def _book_section(
        self, spec: SectionSpec, scope: Scope, team: dict, facts: dict, book, first, last
    ) -> Section:
        """One book's section: its cases received from `first` to `last` (the book's part of
        the period) as the book held them on `last`, numbered on from the book's earlier
        cases, and Part II counting those days."""
        book_scope = Scope((team["ward"],), first, last, None, scope.settings)
        listing = listings.LISTINGS[spec.source]
        numbering = logbook.numbering(self.connection, team["ward"], team["uuid"], book, first)
        params = {"team_uuid": team["uuid"], "numbering": numbering}
        rows = listing.rows(self.connection, book_scope, params, self.language)
        rows = list(self.tally.counted(rows))
        section = self._list_section(spec, book_scope, {}, rows)
        unit = self.ward_names.get(team["ward"], team["ward"])
        name = team["name"] or self.t(N_("Cases not given to a team"))
        section.title = (spec.title(self.language) + " — " if spec.title else "") + name
        # A workbook's tabs: which ward (at a district) and which team, in a tab's 31 characters.
        section.sheet = short_team_name(name)
        if self.store.role == "district":
            section.sheet = f"{short_unit_name(unit)} – {section.sheet}"
        section.facts = [
            (self.t(N_("Province")), self._province_name()),
            (self.t(N_("Ward")), unit),
            (self.t(N_("Village / residential group")), team["hamlet"] or ""),
            (self.t(N_("Mediation team")), name),
            *self._book_facts(book, facts, scope),
        ]  # the printout's own days are in its "Kỳ báo cáo" line
        if spec.summary:
            section.summary_title = spec.summary_title(self.language) if spec.summary_title else ""
            cache = self.cache.setdefault(("ward", team["ward"], first, last), {})
            for line in spec.summary:
                figures = compute(self.connection, line.measure, book_scope, TEAM, cache)
                section.summary.append(
                    (
                        line.label(self.language),
                        plain_number(figures.get(team["uuid"], 0), self.language),
                    )
                )
        if self.definition.signed_by == "team_leader":
            self._sign_by_leader(section, team, facts)
        return section

    def _book_label(self, book, team_days: dict) -> str:
        """ "Quyển số 02", or for a book whose number was never recorded the day it opened."""
        if book.number:
            return self.t(N_("Book No. {number}")).format(number=book.number)
        opened = logbook.opening(book, team_days).isoformat()
        return self.t(N_("Book opened on {date}")).format(date=listings.day(opened))

    def _book_facts(self, book, team_days: dict, scope: Scope) -> list[tuple[str, str]]:
        """ "Quyển số", "Mở sổ ngày", "Khóa sổ ngày" as the book's cover has them; dots where
        the book's number was never recorded, or it was not closed by the printout's last day
        or by the day it is printed."""

        def shown(day) -> str:
            return listings.day(day.isoformat()) if day else BLANK

        closed = logbook.closing(book, team_days, scope.end, self.today)
        return [
            (self.t(N_("Book No.")), book.number or BLANK),
            (self.t(N_("Opened on")), shown(logbook.opening(book, team_days))),
            (self.t(N_("Closed on")), shown(closed)),
        ]

    def _sign_by_leader(self, section: Section, team: dict, facts: dict) -> None:
        """The book is the team's: its leader signs Part II. The cases given to no team are
        signed by the officer who keeps them."""
        if team["uuid"] == listings.NO_TEAM:
            section.signer_title = str(self.settings.get("reports.preparer_title") or "") or (
                self.t(PREPARER)
            )
            section.signer_name = self.store.officer_name
        else:
            section.signer_title = self.t(TEAM_LEADER_SIGNS)
            section.signer_name = facts["leaders"]

    def _province_name(self) -> str:
        code = self.store.installation["province_code"]
        row = self.connection.execute(_UNIT_NAME, {"code": code}).first()
        return row[0] if row else code


_TEAM_PREFIX = re.compile(r"^tổ\s+hòa\s+giải\s+", re.IGNORECASE)
_RESIDENTIAL_GROUP = re.compile(r"\btổ\s+dân\s+phố\b", re.IGNORECASE)


def short_team_name(name: str) -> str:
    """ "Tổ hòa giải tổ dân phố số 12" → "TDP số 12": what tells a team from its neighbours."""
    short = _RESIDENTIAL_GROUP.sub("TDP", _TEAM_PREFIX.sub("", name.strip()))
    return short or name


def short_unit_name(name: str) -> str:
    """ "Phường Ba Đình" → "Ba Đình"."""
    return without_kind(name.strip())
