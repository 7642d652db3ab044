"""The report engine: a definition, a period and a scope in; one computed `Report` out.

Every renderer prints this one object, so the screen, the PDF, the spreadsheet and the CSV
cannot disagree. Statistical reports count measures per row (a ward, or a team of one ward)
and add a total row; list reports print listing rows, one section per team for the logbook."""

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, text

from app.db.store import Store
from app.errors import N_, TiepCanError
from app.i18n import current_language, gettext
from app.reports import listings
from app.reports.definitions import ColumnSpec, Definition, SectionSpec, all_definitions
from app.reports.measures import MEASURES, TEAM, WARD, compute
from app.reports.periods import Period, parse_period
from app.reports.scope import Scope
from app.reports.table import (
    COUNT,
    ESTIMATE,
    NUMERIC,
    PERCENT,
    SUBTOTAL,
    SUMMABLE,
    TEXT,
    TOTAL,
    Column,
    Report,
    Row,
    Section,
)
from app.services.preferences import read_settings
from app.text import fold

UNIT = "unit"
MAX_ESTIMATE = (
    10**15
)  # đồng or people: anything larger is a typing accident  # the key of a statistical report's first column: the ward or team of the row


class ReportError(TiepCanError):
    pass


@dataclass(frozen=True)
class Request:
    name: str
    period: str
    ward: str | None = None
    team: str | None = None
    estimates: Mapping[str, float] | None = None
    language: str | None = None
    today: date | None = None


def report_names() -> list[str]:
    return list(all_definitions())


def build_report(store: Store, request: Request) -> Report:
    definition = _definition(request.name)
    language = request.language or current_language()
    with store.read() as connection:
        settings = read_settings(connection)
        period = parse_period(request.period, str(settings["reports.annual_cutoff"]))
        wards, names = _wards(connection, store, request.ward)
        team = _team(connection, definition, wards, request.team)
        if team:  # a team belongs to one ward: the report is that ward's
            wards = [team["ward"]]
        context = _Context(connection, store, definition, period, settings, language, names)
        if definition.kind == "statistics":
            end = period.actual_end
            scope = Scope(tuple(wards), period.start, end, team and team["uuid"], settings)
            sections, notes, empty = context.statistics(scope, request.estimates, team)
        else:
            scope = Scope(tuple(wards), period.start, period.end, team and team["uuid"], settings)
            sections, notes, empty = context.lists(scope)
        place = settings["reports.place"] or _place(connection, store)
    return Report(
        name=definition.name,
        language=language,
        title=definition.title(language),
        period_line=_period_line(period, definition, language),
        legal_basis=definition.legal_basis(language),
        orientation=definition.orientation,
        unit_lines=_unit_lines(store, language),
        place=place,
        issued_on=request.today or date.today(),
        signer_title=str(settings["reports.signer_title"]) or _default_signer(store, language),
        signer_name=str(settings["reports.signer_name"]),
        preparer_title=str(settings["reports.preparer_title"]) or gettext(PREPARER, language),
        preparer_name=store.installation.get("officer_name") or "",
        sections=sections,
        notes=[definition.period_rule(language), *notes],
        empty=empty,
    )


def ward_choices(store: Store) -> list[tuple[str, str]]:
    """(code, name) of the wards a report here can cover, in code order: the ward itself, or
    every ward a district registered or holds records of."""
    with store.read() as connection:
        wards, names = _wards(connection, store, None)
    return [(code, names.get(code, code)) for code in wards]


def _definition(name: str) -> Definition:
    definitions = all_definitions()
    if name not in definitions:
        raise ReportError(
            N_("There is no report called “{name}”. The reports are: {names}."),
            name=name,
            names=", ".join(definitions),
        )
    return definitions[name]


# -- who is counted -----------------------------------------------------------------------------


def _wards(connection: Connection, store: Store, wanted: str | None) -> tuple[list[str], dict]:
    """The wards counted and their display names. A ward counts only itself; a district counts
    every ward it registered or holds records of, or the one asked for."""
    if store.role == "ward":
        own = store.unit_code
        if wanted and wanted != own:
            raise ReportError(
                N_("This installation holds only ward {own}; it cannot report on ward {ward}."),
                own=own,
                ward=wanted,
            )
        return [own], {own: store.installation["unit_name"]}
    names: dict[str, str] = {}
    for code, name in connection.execute(
        text(
            "SELECT a.code, a.name FROM admin_units a WHERE a.code IN ("
            "SELECT ward_code FROM ward_keys UNION SELECT ward_code FROM sessions "
            "UNION SELECT ward_code FROM cases UNION SELECT ward_code FROM people "
            "UNION SELECT ward_code FROM teams UNION SELECT ward_code FROM trainings)"
        )
    ):
        names[code] = name
    # The name a ward registered with wins over the shipped list (units get renamed).
    for code, name in connection.execute(
        text("SELECT ward_code, ward_name FROM ward_keys ORDER BY generation")
    ):
        names[code] = name
    for table in ("sessions", "cases", "people", "teams", "trainings"):
        for (code,) in connection.execute(text(f"SELECT DISTINCT ward_code FROM {table}")):
            names.setdefault(code, code)
    if wanted:
        if wanted not in names:
            raise ReportError(
                N_("Ward {ward} is not registered here and no records of it were imported."),
                ward=wanted,
            )
        return [wanted], {wanted: names[wanted]}
    return sorted(names), names


def _team(connection, definition: Definition, wards: list[str], wanted: str | None):
    if not wanted:
        return None
    if not definition.uses_team:
        raise ReportError(N_("The report “{name}” is not kept per team."), name=definition.name)
    marks = ", ".join(f":w{i}" for i in range(len(wards))) or "NULL"
    rows = connection.execute(
        text(
            f"SELECT uuid, ward_code, name FROM teams WHERE deleted = 0 AND ward_code IN ({marks})"
        ),
        {f"w{i}": code for i, code in enumerate(wards)},
    ).all()
    wanted_folded = fold(wanted.strip())
    found = [row for row in rows if row[0] == wanted.strip()] or [
        row for row in rows if fold(row[2]) == wanted_folded
    ]
    if len(found) != 1:
        message = (
            N_("There is no mediation team “{team}”.")
            if not found
            else N_("More than one mediation team is called “{team}”; give its identifier.")
        )
        raise ReportError(message, team=wanted)
    uuid, ward, name = found[0]
    return {"uuid": uuid, "ward": ward, "name": name}


# -- what is printed ----------------------------------------------------------------------------


class _Context:
    def __init__(self, connection, store, definition, period, settings, language, ward_names):
        self.connection = connection
        self.store = store
        self.definition = definition
        self.period = period
        self.settings = settings
        self.language = language
        self.ward_names = ward_names
        self.cache: dict = {}

    def t(self, msgid: str) -> str:
        return gettext(msgid, self.language)

    # -- statistics ---------------------------------------------------------------------------

    def statistics(self, scope: Scope, estimates, team) -> tuple[list[Section], list[str], bool]:
        definition = self.definition
        grouping = TEAM if definition.rows == TEAM and len(scope.wards) == 1 else WARD
        figures = self._figures(scope, grouping)
        keys = self._row_keys(scope, grouping, figures, team)
        if not keys:  # a ward with no team and no case yet: one row for the ward, all zeros
            grouping = WARD
            figures = self._figures(scope, grouping)
            keys = self._row_keys(scope, grouping, figures, team)
        columns = self._stat_columns(grouping)
        rows = [
            Row(self._stat_values(figures, key, self._row_label(grouping, key))) for key in keys
        ]
        empty = not any(
            row.values.get(column.key)
            for row in rows
            for column in columns
            if column.kind in SUMMABLE
        )
        body_count = len(rows)
        if body_count > 1:
            totals = {
                measure: sum(values.get(key, 0) for key in keys)
                for measure, values in figures.items()
            }
            rows.append(
                Row(
                    self._stat_values(
                        {m: {"*": v} for m, v in totals.items()}, "*", self.t(N_("Total"))
                    ),
                    TOTAL,
                )
            )
        notes = self._rules()
        if self.period.has_estimate and definition.estimates:
            rows, notes = self._with_estimates(rows, figures, keys, estimates, notes)
        elif estimates:
            raise ReportError(
                N_("The period {period} has no estimated part; leave the estimates out."),
                period=self.period.code,
            )
        if empty:
            notes.insert(0, self.t(N_("No records fall in this period.")))
        return [Section(columns=columns, rows=rows)], notes, empty

    def _figures(self, scope: Scope, grouping: str) -> dict[str, dict[str, int]]:
        needed = []
        for spec in self.definition.columns:
            needed += [spec.measure] if spec.measure else list(spec.ratio)
        return {
            key: compute(self.connection, key, scope, grouping, self.cache)
            for key in dict.fromkeys(needed)
        }

    def _row_keys(self, scope: Scope, grouping: str, figures, team) -> list[str]:
        if grouping == WARD:
            return list(scope.wards)
        # Teams in force on the day stock figures are read, then any other team a case of the
        # period was given to, then the cases given to no team ("").
        in_force = compute(self.connection, "teams", scope, TEAM, self.cache)
        seen = set(in_force)
        for values in figures.values():
            seen.update(values)
        if team:
            seen = {team["uuid"]}
        self.team_names = self._team_names(seen - {""})
        named = sorted(
            (key for key in seen if key), key=lambda key: (fold(self.team_names.get(key, "")), key)
        )
        return named + ([""] if "" in seen else [])

    def _team_names(self, uuids) -> dict[str, str]:
        if not uuids:
            return {}
        marks = ", ".join(f":u{i}" for i in range(len(uuids)))
        rows = self.connection.execute(
            text(f"SELECT uuid, name FROM teams WHERE uuid IN ({marks})"),
            {f"u{i}": uuid for i, uuid in enumerate(uuids)},
        )
        return dict(rows.all())

    def _row_label(self, grouping: str, key: str) -> str:
        if grouping == WARD:
            return self.ward_names.get(key, key)
        return self.team_names.get(key) or self.t(N_("Cases not given to a team"))

    def _stat_columns(self, grouping: str) -> list[Column]:
        definition = self.definition
        label = definition.row_label(self.language)
        if grouping == TEAM:
            label = self.t(N_("Mediation team"))
        columns = [Column(UNIT, label, TEXT, width=2.8, number="(1)")]
        for spec in definition.columns:
            columns.append(self._column(spec, len(columns) + 1))
            if spec.threshold and self.settings.get(spec.threshold) is not None:
                mark = self.t(N_("Met (threshold {threshold}%)")).format(
                    threshold=_number(self.settings[spec.threshold], self.language)
                )
                groups = tuple(group(self.language) for group in spec.groups)
                columns.append(
                    Column(f"{spec.key}:pass", mark, TEXT, groups, 0.9, f"({len(columns) + 1})")
                )
        return columns

    def _column(self, spec: ColumnSpec, number: int) -> Column:
        return Column(
            key=spec.key,
            label=spec.label(self.language),
            kind=spec.kind,
            groups=tuple(group(self.language) for group in spec.groups),
            width=spec.width,
            number=f"({number})",
        )

    def _stat_values(self, figures, key: str, label: str) -> dict[str, object]:
        values: dict[str, object] = {UNIT: label}
        for spec in self.definition.columns:
            if spec.measure:
                values[spec.key] = figures[spec.measure].get(key, 0)
                continue
            top, bottom = (figures[name].get(key, 0) for name in spec.ratio)
            rate = round(100 * top / bottom, 1) if bottom else None
            values[spec.key] = rate
            values[f"{spec.key}:numerator"] = top
            values[f"{spec.key}:denominator"] = bottom
            threshold = self.settings.get(spec.threshold) if spec.threshold else None
            if threshold is not None:
                if rate is None:
                    values[f"{spec.key}:pass"] = ""
                else:
                    met = rate >= float(threshold)
                    values[f"{spec.key}:pass"] = self.t(N_("Met") if met else N_("Not met"))
        return values

    def _rules(self) -> list[str]:
        notes = []
        for spec in self.definition.columns:
            rule = spec.rule
            if spec.rules_by_setting:
                setting, choices = spec.rules_by_setting
                rule = choices.get(str(self.settings.get(setting))) or rule
            if not rule:
                continue
            # "Hòa giải thành, tỷ lệ (%): …": the group names the figure, the label alone may not.
            names = [group(self.language) for group in spec.groups] + [spec.label(self.language)]
            line = f"{', '.join(names[-2:])}: {rule(self.language)}"
            if spec.threshold:
                threshold = self.settings.get(spec.threshold)
                line += " " + (
                    self.t(N_("Threshold: {threshold}%.")).format(
                        threshold=_number(threshold, self.language)
                    )
                    if threshold is not None
                    else self.t(N_("No threshold set, so no pass or fail is shown."))
                )
            notes.append(line)
        return notes

    def _with_estimates(self, rows, figures, keys, estimates, notes):
        estimable = {
            spec.key: spec for spec in self.definition.columns
            if spec.measure and MEASURES[spec.measure].estimable
        }  # fmt: skip
        typed = _check_estimates(estimates or {}, estimable)
        if not rows:  # a district that holds no ward yet: nothing to estimate against
            return rows, notes
        actual = rows[-1] if len(rows) > 1 and rows[-1].style == TOTAL else rows[0]
        start, end = self.period.estimate_start, self.period.end
        if len(rows) > 1:
            actual.values[UNIT] = self.t(N_("Total, actual data"))
            actual.style = SUBTOTAL
        estimate = {
            UNIT: self.t(N_("Estimate, {start} to {end}")).format(
                start=listings.day(start.isoformat()), end=listings.day(end.isoformat())
            )
        }
        total = {UNIT: self.t(N_("Total, actual and estimate"))}
        for key in estimable:
            estimate[key] = typed.get(key)
            total[key] = actual.values.get(key, 0) + (typed.get(key) or 0)
        for spec in self.definition.columns:
            if spec.key not in estimable:
                total[spec.key] = actual.values.get(spec.key)
                if spec.ratio:
                    for part in ("numerator", "denominator", "pass"):
                        if f"{spec.key}:{part}" in actual.values:
                            total[f"{spec.key}:{part}"] = actual.values[f"{spec.key}:{part}"]
        rows = [*rows, Row(estimate, ESTIMATE), Row(total, TOTAL)]
        missing = [key for key in estimable if typed.get(key) is None]
        if missing:
            notes.append(
                self.t(
                    N_(
                        "Estimates not typed are left blank; the total row then holds the actual figure only."
                    )
                )
            )
        return rows, notes

    # -- lists --------------------------------------------------------------------------------

    def lists(self, scope: Scope) -> tuple[list[Section], list[str], bool]:
        sections: list[Section] = []
        for spec in self.definition.sections:
            listing = listings.LISTINGS[spec.source]
            if listing.per_team:
                for team in listings.logbook_teams(self.connection, scope):
                    sections.append(self._team_section(spec, scope, team))
                if not sections:
                    sections.append(self._list_section(spec, scope, {"team_uuid": None}, []))
            else:
                rows = list(listing.rows(self.connection, scope, dict(spec.params), self.language))
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
        rows = list(
            listing.rows(self.connection, ward_scope, {"team_uuid": team["uuid"]}, self.language)
        )
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
                        _number(figures.get(team["uuid"], 0), self.language),
                    )
                )
        return section

    def _province_name(self) -> str:
        code = self.store.installation["province_code"]
        row = self.connection.execute(
            text("SELECT name FROM admin_units WHERE code = :code"), {"code": code}
        ).first()
        return row[0] if row else code


def _check_estimates(estimates: Mapping[str, object], estimable: dict) -> dict[str, float]:
    """Estimates as typed, checked: only the form's estimable columns, whole numbers ≥ 0."""
    checked = {}
    for key, value in estimates.items():
        if key not in estimable:
            raise ReportError(
                N_(
                    "“{key}” is not a figure of this report that can be estimated. These can: {keys}."
                ),
                key=key,
                keys=", ".join(estimable) or "—",
            )
        if value is None or value == "":
            continue
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
            or not 0 <= value <= MAX_ESTIMATE
            or value != int(value)
        ):
            raise ReportError(
                N_("The estimate for “{key}” must be a whole number, 0 or more; it is {value}."),
                key=key,
                value=value,
            )
        checked[key] = int(value)
    return checked


# -- the heading --------------------------------------------------------------------------------

_DIVISION_PREFIXES = ("Phường ", "Xã ", "Đặc khu ", "Thị trấn ", "Thành phố ", "Tỉnh ")


def _place(connection: Connection, store: Store) -> str:
    """Where the document is issued: the unit's name without its kind ("Phường Cầu Giấy" →
    "Cầu Giấy"); at a district, the province's."""
    if store.role == "district":
        row = connection.execute(
            text("SELECT name FROM admin_units WHERE code = :code"),
            {"code": store.installation["province_code"]},
        ).first()
        name = row[0] if row else store.installation["unit_name"]
    else:
        name = store.installation["unit_name"]
    for prefix in _DIVISION_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


PREPARER = N_("PREPARED BY")
WARD_SIGNER = (N_("ON BEHALF OF THE PEOPLE'S COMMITTEE"), N_("CHAIRMAN"))
DISTRICT_SIGNER = N_("HEAD OF THE OFFICE")


def _default_signer(store: Store, language: str) -> str:
    if store.role == "ward":
        return "\n".join(gettext(line, language) for line in WARD_SIGNER)
    return gettext(DISTRICT_SIGNER, language)


def _unit_lines(store: Store, language: str) -> tuple[str, ...]:
    name = store.installation["unit_name"]
    if store.role == "ward":
        return (gettext(N_("PEOPLE'S COMMITTEE"), language), name.upper())
    return (name.upper(),)


def _period_line(period: Period, definition: Definition, language: str) -> str:
    def t(msgid):
        return gettext(msgid, language)

    start, end = listings.day(period.start.isoformat()), listings.day(period.end.isoformat())
    if definition.kind == "list" or not period.has_estimate:
        names = {
            "half": N_("6 months of {year}"),
            "preliminary_year": N_("year {year}, preliminary"),
            "year": N_("year {year}"),
        }
        span = t(N_("from {start} to {end}")).format(start=start, end=end)
        if period.kind in names:
            return t(N_("Reporting period: {name} ({span})")).format(
                name=t(names[period.kind]).format(year=period.start.year), span=span
            )
        return t(N_("Reporting period: {span}")).format(span=span)
    name = t(N_("6 months of {year}") if period.kind == "half" else N_("year {year}, preliminary"))
    return t(
        N_(
            "Reporting period: {name} (actual data {start} to {actual_end}; estimate {estimate_start} to {end})"
        )
    ).format(
        name=name.format(year=period.start.year),
        start=start,
        actual_end=listings.day(period.actual_end.isoformat()),
        estimate_start=listings.day(period.estimate_start.isoformat()),
        end=end,
    )


def _number(value, language: str) -> str:
    from app.reports.values import format_value

    return format_value(
        value, COUNT if float(value).is_integer() else PERCENT, language, percent_sign=False
    )


__all__ = ["NUMERIC", "PERCENT", "ReportError", "Request", "build_report", "report_names"]
