"""List reports: listing rows as sections — the session log, the roster's parts, and the
mediation logbook, one section per team with its facts above and Part II below."""

from sqlalchemy import bindparam, select

from app.errors import N_
from app.models import AdminUnit
from app.reports import listings, logbook
from app.reports.builder import Builder
from app.reports.definitions import SectionSpec
from app.reports.heading import BLANK, PREPARER
from app.reports.measures import TEAM, compute
from app.reports.scope import Scope
from app.reports.table import BODY, SUBTOTAL, TEXT, TOTAL, Column, Row, Section
from app.reports.values import plain_number

TEAM_LEADER_SIGNS = N_("LEADER OF THE MEDIATION TEAM")

_units = AdminUnit.__table__
_UNIT_NAME = select(_units.c.name).where(_units.c.code == bindparam("code"))


class ListBuilder(Builder):
    def build(self, scope: Scope) -> tuple[list[Section], list[str], bool]:
        """Sections (one per listing, or per team for the logbook), notes, emptiness."""
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
                    sections.append(self._team_section(spec, scope, team))
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

    def _team_section(self, spec: SectionSpec, scope: Scope, team: dict) -> Section:
        ward_scope = Scope((team["ward"],), scope.start, scope.end, None, scope.settings)
        listing = listings.LISTINGS[spec.source]
        # The team's book (or books) this printout belongs to: its cases numbered on from
        # the book's earlier cases (app.reports.logbook).
        books = logbook.books_between(
            logbook.recorded_books(self.settings, team["uuid"]), scope.start, scope.end
        )
        numbering = logbook.numbering(
            self.connection, team["ward"], team["uuid"], books, scope.start
        )
        params = {"team_uuid": team["uuid"], "numbering": numbering}
        rows = listing.rows(self.connection, ward_scope, params, self.language)
        rows = list(self.tally.counted(rows))
        section = self._list_section(spec, ward_scope, {}, rows)
        unit = self.ward_names.get(team["ward"], team["ward"])
        name = team["name"] or self.t(N_("Cases not given to a team"))
        section.title = (spec.title(self.language) + " — " if spec.title else "") + name
        facts = logbook.team_facts(self.connection, team["ward"], team["uuid"])
        section.facts = [
            (self.t(N_("Province")), self._province_name()),
            (self.t(N_("Ward")), unit),
            (self.t(N_("Village / residential group")), team["hamlet"] or ""),
            (self.t(N_("Mediation team")), name),
            *self._book_facts(books, facts, scope),
        ]  # the printout's own days are in its "Kỳ báo cáo" line
        if spec.summary:
            section.summary_title = spec.summary_title(self.language) if spec.summary_title else ""
            cache = self.cache.setdefault(("ward", team["ward"]), {})
            for line in spec.summary:
                figures = compute(self.connection, line.measure, ward_scope, TEAM, cache)
                section.summary.append(
                    (
                        line.label(self.language),
                        plain_number(figures.get(team["uuid"], 0), self.language),
                    )
                )
        if self.definition.signed_by == "team_leader":
            self._sign_by_leader(section, team, facts)
        return section

    def _book_facts(self, books, team_days: dict, scope: Scope) -> list[tuple[str, str]]:
        """ "Quyển số", "Mở sổ ngày", "Khóa sổ ngày" as the book's cover has them; dots where
        the book is still open or its number was never recorded. A printout across two books
        names each with its days."""

        def shown(day) -> str:
            return listings.day(day.isoformat()) if day else BLANK

        first, last = books[0], books[-1]
        if len(books) == 1:
            number = first.number or BLANK
        else:
            number = "; ".join(
                f"{book.number or BLANK} ({shown(logbook.opening(book, team_days))} – "
                f"{shown(logbook.closing(book, team_days, scope.end))})"
                for book in books
            )
        return [
            (self.t(N_("Book No.")), number),
            (self.t(N_("Opened on")), shown(logbook.opening(first, team_days))),
            (self.t(N_("Closed on")), shown(logbook.closing(last, team_days, scope.end))),
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
