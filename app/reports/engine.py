"""The report engine: a definition, a period and a scope in; one computed `Report` out.

Every renderer prints this one object, so the screen, the PDF, the spreadsheet and the CSV
cannot disagree. Statistical reports count measures per row (a ward, or a team of one ward)
and add a total row; list reports print listing rows, one section per team for the logbook."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, Select, Table, func, select, union

from app.db.store import RECORD_TABLES, Store
from app.errors import N_
from app.i18n import current_language, gettext
from app.models import AdminUnit, Team, WardKey, metadata
from app.reports.data_dates import data_dates_note
from app.reports.definitions import Definition, all_definitions
from app.reports.errors import ReportError
from app.reports.heading import (
    PREPARER,
    default_signer,
    form_band,
    period_line,
    place_of,
    unit_head,
)
from app.reports.lists import ListBuilder
from app.reports.periods import parse_period
from app.reports.progress import Progress, Tally
from app.reports.scope import Scope
from app.reports.statistics import StatisticsBuilder
from app.reports.table import Report
from app.services.preferences import read_settings
from app.text import fold


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


def build_report(store: Store, request: Request, progress: Progress | None = None) -> Report:
    """The report `request` asks for. `progress(done, total)` hears how far it has come (rows
    read, measures counted) and may raise to stop it."""
    definition = _definition(request.name)
    if request.estimates and not (definition.kind == "statistics" and definition.estimates):
        raise ReportError(
            N_("The report “{name}” takes no estimates; leave the estimates out."),
            name=definition.name,
        )
    language = request.language or current_language()
    with store.read() as connection:
        settings = read_settings(connection)
        period = parse_period(request.period, str(settings["reports.annual_cutoff"]))
        wards, names = _wards(connection, store, request.ward)
        team = _team(connection, definition, wards, request.team)
        if team:  # a team belongs to one ward: the report is that ward's
            wards = [team["ward"]]
        tally = Tally(progress)
        parts = (connection, store, definition, period, settings, language, names, tally)
        refusal = None
        if definition.kind == "statistics":
            end = period.actual_end
            scope = Scope(tuple(wards), period.start, end, team and team["uuid"], settings)
            builder = StatisticsBuilder(*parts)
            sections, notes, empty = builder.build(scope, request.estimates, team)
            refusal = builder.refusal
        else:
            scope = Scope(tuple(wards), period.start, period.end, team and team["uuid"], settings)
            sections, notes, empty = ListBuilder(*parts).build(scope, request.today)
        place = settings["reports.place"] or place_of(connection, store)
        units, bold = unit_head(connection, store, settings, language)
        form_left, form_right = form_band(connection, store, definition, settings, language)
        forms = [section.form for section in sections if section.form]
        for number, form in enumerate(forms, start=1):  # each form filed carries its own number
            form.form_left = form_band(connection, store, definition, settings, language, number)[0]
        if any(not form.estimable for form in forms):  # it names no estimated part
            line = period_line(period, definition, language, estimated=False)
            for form in forms:
                if not form.estimable:
                    form.period_line = _with_ward(line, store, wards, names, language)
        notes = [definition.period_rule(language), *notes]
        if store.role == "district" and wards:
            notes.append(data_dates_note(connection, list(wards), names, language))
            for section in sections:  # a form printed whole says it too
                if section.form:
                    section.form.notes.append(notes[-1])
        tally.finish()
    report = Report(
        name=definition.name,
        language=language,
        title=definition.title(language),
        period_line=_with_ward(
            period_line(period, definition, language), store, wards, names, language
        ),
        legal_basis=definition.legal_basis(language),
        orientation=definition.orientation,
        unit_lines=units,
        unit_bold=bold,
        form_left=form_left,
        form_right=form_right,
        signed=definition.signed_by == "unit",
        place=place,
        issued_on=request.today or date.today(),
        signer_title=str(settings["reports.signer_title"]) or default_signer(store, language),
        signer_name=str(settings["reports.signer_name"]),
        preparer_title=str(settings["reports.preparer_title"]) or gettext(PREPARER, language),
        preparer_name=store.officer_name,
        sections=sections,
        notes=notes,
        empty=empty,
    )
    if refusal is not None:  # estimates that break a sum: refused, the report only shown
        refusal.report = report
        raise refusal
    return report


def _with_ward(
    line: str, store: Store, wards: list[str], names: dict[str, str], language: str
) -> str:
    """A district's report of one ward (`--ward`, or a team's) names that ward under its
    title: its rows no longer do, and a loose page must say whose it is."""
    if store.role != "district" or len(wards) != 1:
        return line
    ward = names.get(wards[0], wards[0])
    return gettext(N_("{period}; ward: {ward}"), language).format(period=line, ward=ward)


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


def _ward_codes(table: Table) -> Select:
    """The distinct ward codes of `table`, one index lookup each: the smallest, then the
    smallest above it, and so on (a loose index scan). A plain DISTINCT reads every row's entry
    of the (ward_code, …) index: a million at a national district (0.5 s a report)."""
    code = table.c.ward_code
    found = select(func.min(code).label("ward_code")).cte(f"{table.name}_wards", recursive=True)
    following = select(select(func.min(code)).where(code > found.c.ward_code).scalar_subquery())
    found = found.union_all(following.where(found.c.ward_code.is_not(None)))
    return select(found.c.ward_code).where(found.c.ward_code.is_not(None))


# Every ward code the district registered (a row or a few each) or holds records of.
_ALL_CODES = union(
    select(WardKey.__table__.c.ward_code).distinct(),
    *(_ward_codes(metadata.tables[table]) for table in RECORD_TABLES),
).subquery("w")


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
    # One pass over the record tables: every ward code the district holds or registered, named
    # from the shipped list, a registered name winning (units get renamed), else the code.
    keys, units = WardKey.__table__, AdminUnit.__table__
    names = {
        code: name or code
        for code, name in connection.execute(
            select(_ALL_CODES.c.ward_code, units.c.name).select_from(
                _ALL_CODES.outerjoin(units, units.c.code == _ALL_CODES.c.ward_code)
            )
        )
    }
    for code, name in connection.execute(
        select(keys.c.ward_code, keys.c.ward_name).order_by(keys.c.generation)
    ):
        names[code] = name
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
    t = Team.__table__.c
    rows = connection.execute(
        select(t.uuid, t.ward_code, t.name).where(t.deleted.is_(False), t.ward_code.in_(wards))
    ).all()
    wanted_folded = fold(wanted.strip())
    found = [row for row in rows if row[0] == wanted.strip()] or [
        row for row in rows if fold(row[2]) == wanted_folded
    ]
    if len(found) != 1:
        if not found:
            message = N_("There is no mediation team “{team}”.")
        elif len({row[1] for row in found}) > 1:  # a district: the same name or uuid in two wards
            message = N_(
                "Mediation teams of more than one ward match “{team}”; choose the ward too (--ward)."
            )
        else:
            message = N_("More than one mediation team is called “{team}”; give its identifier.")
        raise ReportError(message, team=wanted)
    uuid, ward, name = found[0]
    return {"uuid": uuid, "ward": ward, "name": name}


__all__ = [
    "ReportError",
    "Request",
    "build_report",
    "report_names",
    "ward_choices",
]
