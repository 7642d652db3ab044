"""Named measures: each one number per row of a statistical report, computed in SQL.

A measure is counted per **ward** (the row key is the ward code) or per **team** (the row key is
the team's uuid, "" for cases not given to a team). Measures that share one query (the case
figures by scope group and result, the session figures, the mediators and their traits) take
their numbers from one cached result, so a report runs each query once.

Rules shared by every measure (domain.md §3–§6):
- only live records (not `deleted`) of the wards in scope count;
- session and case figures count the period's actual days, start–end (sessions by `held_on`,
  cases by `received_on`); stock figures (people, teams) are read on the scope's `as_of`, the
  last day of actual data;
- a role is held on a day when its decision (if dated) is not later and it has not ended (no end
  date, or one not earlier);
- cases "không thuộc phạm vi" (out of scope, Luật HGCS Điều 3) are never counted;
- a case is counted in the state it was in on `as_of`: concluded only if it ended by then (or
  has no end date), in progress if it had started, otherwise not started;
- the cases of a period are those received in it and those carried over into it ("kỳ trước
  chuyển sang"): received earlier and not yet concluded on the day before it starts. A case
  received in December and concluded in January is received (in progress) in December's
  report and carried over, with its result, into January's: its result counts in the period it
  ends, and once.

The queries are SQLAlchemy Core over the tables of `app.models` (design.md §1), each built
once (per row grouping and engine) and run with the scope's bound parameters (app.reports.scope):
a logbook of 120 teams counts its teams' figures without building 120 statements. The JSON of a
session's materials and the day arithmetic of a case's start go through `app.db.specific`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from sqlalchemy import (
    Connection,
    Integer,
    Select,
    and_,
    case,
    cast,
    distinct,
    exists,
    func,
    not_,
    or_,
    select,
    true,
    tuple_,
)
from sqlalchemy.sql.elements import ColumnElement

from app.db.specific import EngineSpecific, specific
from app.models import (
    MediationCase,
    OutreachSession,
    Person,
    PersonRole,
    SessionPresenter,
    Team,
    TeamMember,
    Training,
    TrainingAttendee,
)
from app.reports.scope import AS_OF, FIRST_DAY, LAST_DAY, TEAM_UUID, Scope, in_wards

WARD, TEAM = "ward", "team"

QUIZ_FORMS = ("quiz", "online_quiz")
LATE_START_DAYS = 3  # Luật HGCS Điều 20.2
MIN_TEAM_MEDIATORS = 3  # a team has at least 3 mediators, one of them a woman [C]
SCOPE_GROUP_CODES = ("civil", "marriage_family", "other")
CONCLUDED = ("success", "failure")
OUT_OF_SCOPE = "out_of_scope"

people = Person.__table__
roles = PersonRole.__table__
teams = Team.__table__
members = TeamMember.__table__
sessions = OutreachSession.__table__
presenters = SessionPresenter.__table__
trainings = Training.__table__
attendees = TrainingAttendee.__table__
cases = MediationCase.__table__


@dataclass(frozen=True)
class Measure:
    key: str
    compute: Callable[[Connection, Scope, str, dict], dict[str, int]]
    groupings: tuple[str, ...] = (WARD,)
    # Activity over the period can be estimated for its remaining months; stock figures cannot.
    estimable: bool = False


MEASURES: dict[str, Measure] = {}


def _measure(key: str, groupings=(WARD,), estimable=False):
    def register(function):
        MEASURES[key] = Measure(key, function, tuple(groupings), estimable)
        return function

    return register


def compute(
    connection: Connection, key: str, scope: Scope, grouping: str, cache: dict
) -> dict[str, int]:
    """{row key: value} for one measure; rows with nothing to count are absent (read as 0)."""
    measure = MEASURES[key]
    if grouping not in measure.groupings:
        raise ValueError(f"measure {key!r} cannot be counted per {grouping}")
    return measure.compute(connection, scope, grouping, cache)


def _rows(connection: Connection, statement: Select, scope: Scope) -> dict[str, int]:
    return {key: value or 0 for key, value in connection.execute(statement, scope.parameters())}


def _cached(cache: dict, name: str, grouping: str, load: Callable[[], object]):
    slot = (name, grouping)
    if slot not in cache:
        cache[slot] = load()
    return cache[slot]


def _one_team(scope: Scope) -> bool:
    return scope.team_uuid is not None


# -- people with a role -------------------------------------------------------------------------


def held_on(day: ColumnElement) -> ColumnElement:
    """A role (person_roles) in force on `day`."""
    r = roles.c
    return and_(
        or_(r.decision_date.is_(None), r.decision_date <= day),
        or_(r.end_date.is_(None), r.end_date >= day),
    )


# The person (people, in the enclosing query) holds the HGV role on the day figures are read.
_HOLDS_MEDIATOR_ROLE = exists().where(
    roles.c.person_id == people.c.id, roles.c.role == "HGV", held_on(AS_OF)
)

_s, _sp = sessions.c, presenters.c
_tr, _ta = trainings.c, attendees.c

# Gave at least one direct session in the period (the forms count distinct people [C]).
# A row-value IN over the period's presenters, not a correlated EXISTS: SQLite would run the
# EXISTS once per person over the whole period's sessions (48 s at a 25-ward district, 0.15 s
# this way; tests/benchmarks/reports.py).
_PRESENTED = tuple_(people.c.ward_code, people.c.uuid).in_(
    select(_s.ward_code, _sp.person_uuid)
    .select_from(sessions.join(presenters, _sp.session_id == _s.id))
    .where(
        in_wards(_s.ward_code),
        _s.deleted.is_(False),
        _s.direct.is_(True),
        _s.held_on.between(FIRST_DAY, LAST_DAY),
    )
)

# Attended a training held in the period.
_TRAINED = tuple_(people.c.ward_code, people.c.uuid).in_(
    select(_tr.ward_code, _ta.person_uuid)
    .select_from(trainings.join(attendees, _ta.training_id == _tr.id))
    .where(
        in_wards(_tr.ward_code), _tr.deleted.is_(False), _tr.held_on.between(FIRST_DAY, LAST_DAY)
    )
)


def _role_holders(role: str, *extra: ColumnElement) -> Callable:
    p, r = people.c, roles.c
    statement = (
        select(p.ward_code, func.count(distinct(p.id)))
        .select_from(people.join(roles, r.person_id == p.id))
        .where(in_wards(p.ward_code), p.deleted.is_(False), r.role == role, held_on(AS_OF), *extra)
        .group_by(p.ward_code)
    )

    def count(connection, scope, grouping, cache):
        return _rows(connection, statement, scope)

    return count


_measure("reporters")(_role_holders("BCV"))
_measure("reporters_presenting")(_role_holders("BCV", _PRESENTED))
_measure("propagandists")(_role_holders("TTV"))
_measure("propagandists_presenting")(_role_holders("TTV", _PRESENTED))
_measure("propagandists_trained")(_role_holders("TTV", _TRAINED))


# -- outreach sessions --------------------------------------------------------------------------


def _when(condition: ColumnElement, value) -> ColumnElement:
    """`value` where `condition` holds, else 0 (summed)."""
    return case((condition, value), else_=0)


_is_quiz = _s.form.in_(QUIZ_FORMS)

# Every session figure of a ward in one pass over the period's sessions (the PBGDPL form has
# ten of them: ten scans took 0.85 s at a 25-ward district of 500,000 records).
_SESSION_FIGURES = {
    "direct_sessions": func.sum(cast(_s.direct, Integer)),
    "direct_attendees": func.sum(_when(_s.direct.is_(True), _s.attendees)),
    "quizzes": func.sum(_when(_is_quiz, 1)),
    "quiz_entrants": func.sum(_when(_is_quiz, _s.quiz_entries)),
    "funding_regular": func.sum(_s.funding_regular),
    "funding_programme": func.sum(_s.funding_programme),
    "funding_other": func.sum(_s.funding_other),
    "funding_total": func.sum(_s.funding_regular + _s.funding_programme + _s.funding_other),
}

# Materials are a JSON list on the session: [{kind, title, copies, language, online}], read one
# element (one material) a row through the engine's JSON functions.
_MATERIAL_FIGURES = ("materials", "materials_online", "materials_copies")


def _by_ward(source, figures) -> Select:
    """The period's live sessions of each ward (from `source`), `figures` summed."""
    return (
        select(_s.ward_code, *(func.coalesce(figure, 0) for figure in figures))
        .select_from(source)
        .where(
            in_wards(_s.ward_code), _s.deleted.is_(False), _s.held_on.between(FIRST_DAY, LAST_DAY)
        )
        .group_by(_s.ward_code)
    )


_SESSIONS_BY_WARD = _by_ward(sessions, _SESSION_FIGURES.values())


@cache
def _materials_by_ward(engine: EngineSpecific) -> Select:
    item = engine.json_elements(_s.materials)

    def field(key: str) -> ColumnElement:
        return engine.json_field(item.c.value, key)

    figures = (func.count(), func.sum(_when(field("online") == 1, 1)), func.sum(field("copies")))
    return _by_ward(sessions.join(item, true()), figures)


def _figure_table(name: str, figures, statement: Callable[[Connection], Select]) -> Callable:
    """A table {ward: {figure: value}} read in one query and kept in the report's cache."""

    def table(connection, scope, cache) -> dict[str, dict[str, int]]:
        def load():
            rows = connection.execute(statement(connection), scope.parameters())
            # int(): PostgreSQL sums BIGINT columns as NUMERIC, which arrives as a Decimal.
            return {row[0]: dict(zip(figures, map(int, row[1:]), strict=True)) for row in rows}

        return _cached(cache, name, WARD, load)

    return table


def _pick(table: Callable, figure: str) -> Callable:
    def count(connection, scope, grouping, cache):
        return {ward: values[figure] for ward, values in table(connection, scope, cache).items()}

    return count


_sessions_table = _figure_table("sessions", _SESSION_FIGURES, lambda _: _SESSIONS_BY_WARD)
_materials_table = _figure_table(
    "materials", _MATERIAL_FIGURES, lambda connection: _materials_by_ward(specific(connection))
)
for _figure in _SESSION_FIGURES:
    _measure(_figure, estimable=True)(_pick(_sessions_table, _figure))
for _figure in _MATERIAL_FIGURES:
    _measure(_figure, estimable=True)(_pick(_materials_table, _figure))


# -- teams and mediators ------------------------------------------------------------------------

_t, _m, _p = teams.c, members.c, people.c


def teams_in_force(day: ColumnElement) -> ColumnElement:
    return and_(
        _t.deleted.is_(False),
        or_(_t.valid_from.is_(None), _t.valid_from <= day),
        or_(_t.valid_to.is_(None), _t.valid_to >= day),
    )


def _team_key(grouping: str) -> ColumnElement:
    return _t.ward_code if grouping == WARD else _t.uuid


def _teams_of_scope(one_team: bool) -> list[ColumnElement]:
    """Teams of the scope's wards in force on the day figures are read (the one team asked)."""
    return [
        in_wards(_t.ward_code),
        teams_in_force(AS_OF),
        *([_t.uuid == TEAM_UUID] if one_team else []),
    ]


@cache
def _teams_statement(grouping: str, one_team: bool) -> Select:
    key = _team_key(grouping)
    return select(key, func.count()).where(*_teams_of_scope(one_team)).group_by(key)


@_measure("teams", groupings=(WARD, TEAM))
def _teams(connection, scope, grouping, cache):
    return _rows(connection, _teams_statement(grouping, _one_team(scope)), scope)


# The mediator figures: every mediator, then those with each trait (a trait is the person's,
# so it can be read once per person found).
_MEDIATOR_TRAITS = {
    "mediators_men": _p.gender == "male",
    "mediators_women": _p.gender == "female",
    "mediators_law": _p.law_qualification == "law",
    "mediators_untrained": _p.law_qualification == "none",
    "mediators_minority": _p.ethnic_minority.is_(True),
    "mediators_trained": _TRAINED,
}


@cache
def _mediators_statement(grouping: str, one_team: bool) -> Select:
    """Every mediator figure in one pass (seven joins of teams, members, people and roles took
    7 × 0.3 s over a national district's 3,321 wards on PostgreSQL; tests/benchmarks/national.py).

    A mediator is a live member of a team in force who holds the HGV role on the day figures are
    read. A team counts its members once each (a bundle can list one twice); a ward counts
    people, so one who serves in two teams is one mediator of the ward though a member of both
    teams' rows."""
    team = [_t.id.label("team_id")] if grouping == TEAM else []
    traits = [case((trait, 1), else_=0).label(key) for key, trait in _MEDIATOR_TRAITS.items()]
    found = (
        select(_team_key(grouping).label("key"), *team, _p.id.label("person_id"), *traits)
        .distinct()
        .select_from(
            teams.join(members, _m.team_id == _t.id).join(
                people, and_(_p.uuid == _m.person_uuid, _p.ward_code == _t.ward_code)
            )
        )
        .where(*_teams_of_scope(one_team), _p.deleted.is_(False), _HOLDS_MEDIATOR_ROLE)
        .subquery("mediators")
    )
    return select(
        found.c.key, func.count(), *(func.sum(found.c[key]) for key in _MEDIATOR_TRAITS)
    ).group_by(found.c.key)


def _mediators_table(connection, scope, grouping, cache) -> dict[str, dict[str, int]]:
    """{figure: {row key: people}}, a row key absent where the figure is 0."""

    def load():
        statement = _mediators_statement(grouping, _one_team(scope))
        figures = ("mediators", *_MEDIATOR_TRAITS)
        table: dict[str, dict[str, int]] = {figure: {} for figure in figures}
        for key, *values in connection.execute(statement, scope.parameters()):
            for figure, value in zip(figures, values, strict=True):
                if value:  # int(): PostgreSQL sums as NUMERIC, which arrives as a Decimal
                    table[figure][key] = int(value)
        return table

    return _cached(cache, "mediators", grouping, load)


def _mediators(figure: str) -> Callable:
    def count(connection, scope, grouping, cache):
        return dict(_mediators_table(connection, scope, grouping, cache)[figure])

    return count


for _figure in ("mediators", *_MEDIATOR_TRAITS):
    _measure(_figure, groupings=(WARD, TEAM))(_mediators(_figure))


@cache
def _compliant_statement(grouping: str, one_team: bool) -> Select:
    mediator = and_(
        _p.uuid == _m.person_uuid,
        _p.ward_code == _t.ward_code,
        _p.deleted.is_(False),
        _HOLDS_MEDIATOR_ROLE,
    )
    compliant = (
        select(_team_key(grouping).label("key"), _t.id)
        .select_from(teams.outerjoin(members, _m.team_id == _t.id).outerjoin(people, mediator))
        .where(*_teams_of_scope(one_team))
        .group_by(_t.id)
        .having(
            func.count(distinct(_p.id)) >= MIN_TEAM_MEDIATORS,
            func.count(distinct(case((_p.gender == "female", _p.id)))) >= 1,
        )
        .subquery("compliant")
    )
    return select(compliant.c.key, func.count()).group_by(compliant.c.key)


@_measure("teams_compliant", groupings=(WARD, TEAM))
def _teams_compliant(connection, scope, grouping, cache):
    """Teams in force with at least 3 mediators, at least one of them a woman (distinct
    people: a member listed twice is one)."""
    return _rows(connection, _compliant_statement(grouping, _one_team(scope)), scope)


# -- mediation cases ----------------------------------------------------------------------------

_c = cases.c


def state_on(day: ColumnElement) -> ColumnElement:
    """The state a case was in on `day` (see the module docstring)."""
    return case(
        (and_(_c.result.in_(CONCLUDED), or_(_c.ended_on.is_(None), _c.ended_on <= day)), _c.result),
        (
            and_(_c.result != "not_started", _c.started_on.is_not(None), _c.started_on <= day),
            "in_progress",
        ),
        (and_(_c.result == "in_progress", _c.started_on.is_(None)), "in_progress"),
        else_="not_started",
    )


# Received before the period and not concluded before it starts: concluded means a result and
# an end before the first day (or no end date, which the state rule reads as concluded on any
# day).
CARRIED_OVER = and_(
    _c.received_on < FIRST_DAY,
    not_(and_(_c.result.in_(CONCLUDED), or_(_c.ended_on.is_(None), _c.ended_on < FIRST_DAY))),
)
_CASES_IN_SCOPE = and_(
    _c.deleted.is_(False),
    _c.scope_group != OUT_OF_SCOPE,
    _c.received_on <= LAST_DAY,
    or_(_c.received_on >= FIRST_DAY, CARRIED_OVER),
)


def _case_key(grouping: str) -> ColumnElement:
    return _c.ward_code if grouping == WARD else func.coalesce(_c.team_uuid, "")


def _cases_of_team(one_team: bool) -> list[ColumnElement]:
    return [_c.team_uuid == TEAM_UUID] if one_team else []


@cache
def _case_statement(grouping: str, one_team: bool) -> Select:
    key = _case_key(grouping).label("key")
    state = state_on(AS_OF).label("state")
    carried = (_c.received_on < FIRST_DAY).label("carried")
    return (
        select(key, _c.scope_group, state, carried, func.count())
        .where(in_wards(_c.ward_code), _CASES_IN_SCOPE, *_cases_of_team(one_team))
        .group_by(key, _c.scope_group, state, carried)
    )


def _case_table(connection, scope, grouping, cache) -> dict[str, dict[tuple, int]]:
    """{row key: {(scope group, state on the day read, carried over): cases}}, one query for
    every case measure."""

    def load():
        statement = _case_statement(grouping, _one_team(scope))
        table: dict[str, dict[tuple, int]] = {}
        for key, group, state, carried, number in connection.execute(statement, scope.parameters()):
            table.setdefault(key, {})[(group, state, bool(carried))] = number
        return table

    return _cached(cache, "cases", grouping, load)


ALL_STATES = ("success", "failure", "in_progress", "not_started")


def _cases(groups=SCOPE_GROUP_CODES, states=ALL_STATES, carried_only=False):
    def count(connection, scope, grouping, cache):
        table = _case_table(connection, scope, grouping, cache)
        return {
            key: sum(
                n
                for (group, state, carried), n in cells.items()
                if group in groups and state in states and (carried or not carried_only)
            )
            for key, cells in table.items()
        }

    return count


_CASE_MEASURES = {
    "cases_received": _cases(),
    "cases_success": _cases(states=("success",)),
    "cases_failure": _cases(states=("failure",)),
    "cases_concluded": _cases(states=CONCLUDED),
    "cases_in_progress": _cases(states=("in_progress",)),
    "cases_not_started": _cases(states=("not_started",)),
}
for _group in SCOPE_GROUP_CODES:
    _CASE_MEASURES[f"cases_{_group}"] = _cases(groups=(_group,))
    _CASE_MEASURES[f"success_{_group}"] = _cases(groups=(_group,), states=("success",))
    _CASE_MEASURES[f"failure_{_group}"] = _cases(groups=(_group,), states=("failure",))
for _key, _function in _CASE_MEASURES.items():
    _measure(_key, groupings=(WARD, TEAM), estimable=True)(_function)
# Known on the period's first day: nothing of it is left to estimate.
_measure("cases_carried_over", groupings=(WARD, TEAM))(_cases(carried_only=True))


@_measure("success_denominator", groupings=(WARD, TEAM))
def _success_denominator(connection, scope, grouping, cache):
    """The setting decides: cases concluded (thành + không thành) or every case of the period
    (received in it or carried over into it)."""
    which = scope.settings.get("legal_access.success_denominator", "concluded")
    key = "cases_received" if which == "received" else "cases_concluded"
    return compute(connection, key, scope, grouping, cache)


def _start_timing(timely: bool) -> Callable:
    # Cases assigned in the period whose 3-day start can be judged on the day figures are read:
    # started by then, or still not started with the 3 days already over. Timely: started
    # within the 3 days.
    @cache
    def statement(engine: EngineSpecific, grouping: str, one_team: bool) -> Select:
        started = and_(_c.started_on.is_not(None), _c.started_on <= AS_OF)
        judged = [
            _c.scope_group != OUT_OF_SCOPE,
            _c.assigned_on.between(FIRST_DAY, LAST_DAY),
            or_(started, engine.days_between(AS_OF, _c.assigned_on) > LATE_START_DAYS),
        ]
        if timely:
            judged += [
                started,
                engine.days_between(_c.started_on, _c.assigned_on) <= LATE_START_DAYS,
            ]
        key = _case_key(grouping)
        return (
            select(key, func.count())
            .where(
                in_wards(_c.ward_code), _c.deleted.is_(False), *_cases_of_team(one_team), *judged
            )
            .group_by(key)
        )

    def count(connection, scope, grouping, cache):
        prepared = statement(specific(connection), grouping, _one_team(scope))
        return _rows(connection, prepared, scope)

    return count


_measure("starts_due", groupings=(WARD, TEAM))(_start_timing(timely=False))
_measure("starts_timely", groupings=(WARD, TEAM))(_start_timing(timely=True))
