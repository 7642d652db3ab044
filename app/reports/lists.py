"""List reports: listing rows as sections — the session log, the roster's parts, and the
mediation logbook, one section per team with its facts above and Part II below."""

from sqlalchemy import text

from app.errors import N_
from app.reports import listings
from app.reports.builder import Builder
from app.reports.definitions import SectionSpec
from app.reports.measures import TEAM, compute
from app.reports.scope import Scope
from app.reports.table import TEXT, TOTAL, Column, Row, Section
from app.reports.values import plain_number


class ListBuilder(Builder):
    def build(self, scope: Scope) -> tuple[list[Section], list[str], bool]:
        """Sections (one per listing, or per team for the logbook), notes, emptiness."""
        sections: list[Section] = []
        for spec in self.definition.sections:  # how many rows there are to read, where known
            count = listings.LISTINGS[spec.source].count
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
        empty = not any(row.style != TOTAL for section in sections for row in section.rows)
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
            total = {label_key: self.t(N_("Total"))}
            for column in summed:
                total[column.key] = sum(row.values.get(column.key) or 0 for row in body)
            if "seq" in {c.key for c in columns}:
                total["seq"] = None
            body.append(Row(total, TOTAL))
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

    def _team_section(self, spec: SectionSpec, scope: Scope, team: dict) -> Section:
        ward_scope = Scope((team["ward"],), scope.start, scope.end, None, scope.settings)
        listing = listings.LISTINGS[spec.source]
        rows = listing.rows(self.connection, ward_scope, {"team_uuid": team["uuid"]}, self.language)
        rows = list(self.tally.counted(rows))
        section = self._list_section(spec, ward_scope, {}, rows)
        unit = self.ward_names.get(team["ward"], team["ward"])
        name = team["name"] or self.t(N_("Cases not given to a team"))
        section.title = (spec.title(self.language) + " — " if spec.title else "") + name
        section.facts = [
            (self.t(N_("Province")), self._province_name()),
            (self.t(N_("Ward")), unit),
            (self.t(N_("Village / residential group")), team["hamlet"] or ""),
            (self.t(N_("Mediation team")), name),
            (self.t(N_("From")), listings.day(scope.start.isoformat())),
            (self.t(N_("To")), listings.day(scope.end.isoformat())),
        ]
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
        return section

    def _province_name(self) -> str:
        code = self.store.installation["province_code"]
        row = self.connection.execute(
            text("SELECT name FROM admin_units WHERE code = :code"), {"code": code}
        ).first()
        return row[0] if row else code
