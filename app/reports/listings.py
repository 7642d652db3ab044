"""Listings: the rows of the list reports (the session log, the mediation logbook, the roster),
read in SQL and phrased for print. Each listing names its fields and their kinds; a definition
file picks which to print, in what order, under which headings."""

import itertools
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

from sqlalchemy import (
    Connection,
    Select,
    String,
    and_,
    bindparam,
    case,
    distinct,
    exists,
    func,
    or_,
    select,
)
from sqlalchemy.sql.elements import ColumnElement

from app.enums import (
    AUDIENCES,
    GENDERS,
    ISSUERS,
    LAW_QUALIFICATIONS,
    RESULTS,
    SESSION_FORMS,
    TOPICS,
)
from app.i18n import N_, gettext
from app.models import CaseMediator, CaseParty
from app.reports.measures import (
    CARRIED_OVER,
    QUIZ_FORMS,
    cases,
    members,
    people,
    presenters,
    roles,
    sessions,
    state_on,
    teams,
    teams_in_force,
)
from app.reports.measures import OUT_OF_SCOPE as OUT_OF_SCOPE_GROUP
from app.reports.scope import AS_OF, FIRST_DAY, LAST_DAY, TEAM_UUID, Scope, in_wards
from app.reports.table import COUNT, MARK, MONEY, TEXT
from app.text import natural_key

NO_TEAM = ""  # the logbook section of cases not given to any team

mediators = CaseMediator.__table__
parties = CaseParty.__table__


@dataclass(frozen=True)
class Listing:
    fields: dict[str, str]  # field name → column kind
    rows: Callable[[Connection, Scope, dict, str], Iterator[dict]]
    per_team: bool = False  # one section per mediation team
    # How many rows a long listing will read (all its sections together), so its progress can
    # be shown; the short lists (people, teams) go without.
    count: Callable[[Connection, Scope], int] | None = None


def day(iso: str | None) -> str:
    """dd/MM/yyyy, the same in both languages; cheap enough for 20,000 rows."""
    if not iso:
        return ""
    return f"{iso[8:10]}/{iso[5:7]}/{iso[0:4]}"


def _labels(enum, codes_json: str, language: str) -> list[str]:
    return [enum.label(code, language) for code in json.loads(codes_json or "[]")]


def _join(parts) -> str:
    return "; ".join(part for part in parts if part)


def _names_of(children, parent_id: str, parent) -> ColumnElement:
    """The live people a record's child rows name, in the order the user gave them, joined by
    commas: one correlated subquery, so a 20,000-row log makes no extra round trips."""
    x, p = children.c, people.c
    named = (
        select(p.full_name.label("name"))
        .select_from(
            children.join(people, and_(p.uuid == x.person_uuid, p.ward_code == parent.c.ward_code))
        )
        .where(x[parent_id] == parent.c.id, p.deleted.is_(False))
        .order_by(x.position)
        .correlate(parent)
        .subquery("named")
    )
    return select(func.aggregate_strings(named.c.name, ", ")).scalar_subquery()


# -- the session log ----------------------------------------------------------------------------

# The figures the PBGDPL form counts, per session, as app.reports.measures counts them: the
# materials are the titles issued, of which posted online (counted in Python: `_materials`), the
# funding all three sources and each source apart (the form's split), the entries those of a quiz.
_s = sessions.c
_SESSION_COLUMNS = (
    _s.ward_code, _s.held_on, _s.start_time, _s.hamlet, _s.place, _s.form, _s.title, _s.topics,
    _s.legal_documents, _s.audiences, _s.attendees,
    _names_of(presenters, "session_id", sessions).label("presenters"),
    case((_s.form.in_(QUIZ_FORMS), _s.quiz_entries)).label("quiz_entries"),
    _s.materials,
    (_s.funding_regular + _s.funding_programme + _s.funding_other).label("funding"),
    _s.funding_regular, _s.funding_programme, _s.funding_other,
)  # fmt: skip


_SESSIONS_OF_SCOPE = and_(
    in_wards(_s.ward_code), _s.deleted.is_(False), _s.held_on.between(FIRST_DAY, LAST_DAY)
)
_COUNT_SESSIONS = select(func.count()).where(_SESSIONS_OF_SCOPE)


def _count_sessions(connection, scope) -> int:
    return connection.execute(_COUNT_SESSIONS, scope.parameters()).scalar_one()


@cache
def _sessions_statement(direct: bool | None) -> Select:
    """The period's sessions in the log's order; `direct` (None for all) picks the direct ones
    or the rest."""
    which = [] if direct is None else [_s.direct.is_(direct)]
    return (
        select(*_SESSION_COLUMNS)
        .where(_SESSIONS_OF_SCOPE, *which)
        .order_by(_s.ward_code, _s.held_on, func.coalesce(_s.start_time, ""), _s.id)
    )


def _materials(stored: str | None) -> dict[str, int]:
    """The titles issued and those of them posted online, read from the session's JSON list
    here rather than with SQLite's JSON functions (design.md §1: no engine-only SQL here)."""
    materials = json.loads(stored or "[]")
    online = sum(1 for item in materials if isinstance(item, dict) and item.get("online") is True)
    return {"materials": len(materials), "materials_online": online}


def _session_rows(connection, scope, params, language) -> Iterator[dict]:
    """`params["direct"]` (absent for all) picks the direct sessions or the rest."""
    direct = params.get("direct")
    statement = _sessions_statement(None if direct is None else bool(direct))
    result = connection.execute(statement, scope.parameters())
    for number, row in enumerate(result, start=1):
        ward, held, time, hamlet, place, form, title, topics, documents, audiences = row[:10]
        yield {
            "seq": number,
            "ward": ward,
            "day": held,  # ISO: where the actual data of a preliminary period ends
            "held_on": day(held) + (f" {time}" if time else ""),
            "place": ", ".join(part for part in (place, hamlet) if part),
            "form": SESSION_FORMS.label(form, language),
            "title": title,
            "topics": _join(
                [
                    ", ".join(_labels(TOPICS, topics, language)),
                    *json.loads(documents or "[]"),
                ]
            ),
            "audiences": ", ".join(_labels(AUDIENCES, audiences, language)),
            "attendees": row[10],
            "presenters": row[11] or "",
            "quiz_entries": row[12],
            **_materials(row[13]),
            "funding": row[14],
            "funding_regular": row[15],
            "funding_programme": row[16],
            "funding_other": row[17],
        }


# -- the mediation logbook ----------------------------------------------------------------------

_c = cases.c
_CASE_COLUMNS = (
    _c.id, _c.ward_code, _c.book_number, _c.received_on, _c.public, _c.scope_group, _c.summary,
    _c.agreement, _c.notes, _c.invited_persons, _c.assigned_on,
)  # fmt: skip
_CASE_MEDIATORS = _names_of(mediators, "case_id", cases).label("mediators")


_CASES_OF_PERIOD = and_(
    in_wards(_c.ward_code), _c.deleted.is_(False), _c.received_on.between(FIRST_DAY, LAST_DAY)
)
# The cases of one logbook section: received in the period, given to the section's team
# (NO_TEAM: to none).
_SECTION_CASES = and_(
    _CASES_OF_PERIOD,
    func.coalesce(_c.team_uuid, "") == bindparam("section_team", type_=String),
)
_cp = parties.c
_SECTION_PARTIES = (
    select(_cp.case_id, _cp.full_name, _cp.birth_year, _cp.address)
    .select_from(parties.join(cases, _c.id == _cp.case_id))
    .where(_SECTION_CASES)
    .order_by(_cp.case_id, _cp.position)
)
_SECTION_ROWS = (
    select(*_CASE_COLUMNS, state_on(AS_OF).label("state"), _CASE_MEDIATORS)
    .where(_SECTION_CASES)
    .order_by(_c.ward_code, _c.received_on, func.coalesce(_c.book_number, 0), _c.id)
)


NOT_PUBLIC = N_("Non-public mediation: contents not printed")
TEAM_LEADER = N_("team leader")
OUT_OF_SCOPE = N_("Outside the scope of grassroots mediation (not counted)")


def _case_rows(connection, scope, params, language) -> Iterator[dict]:
    """The section's cases as the book held them on the period's last day: a case concluded
    later has no result and no agreement yet, one assigned later no mediators yet."""
    values = scope.parameters(section_team=params["team_uuid"])
    as_of = values["as_of"]
    parties_of: dict[int, list[str]] = {}
    for case_id, name, born, address in connection.execute(_SECTION_PARTIES, values):
        parties_of.setdefault(case_id, []).append((name, born, address))
    result = connection.execute(_SECTION_ROWS, values)
    numbering = params.get("numbering")  # app.reports.logbook: the case's number in its book
    for number, row in enumerate(result, start=1):
        (case_id, ward, book_number, received, public, group, summary, agreement, notes,
         invited, assigned, state, mediator_names) = row  # fmt: skip
        in_scope = group != "out_of_scope"
        received_year = int(received[:4])
        named = [_party(name, born, address, received_year, language)
                  for name, born, address in parties_of.get(case_id, [])]  # fmt: skip
        invited_names = [item.get("name", "") for item in json.loads(invited or "[]")]
        concluded = state in ("success", "failure")
        assigned_yet = not assigned or assigned <= as_of  # no day recorded: as entered
        remarks = []
        if not in_scope:
            remarks.append(gettext(OUT_OF_SCOPE, language))
        elif state not in ("success", "failure"):
            remarks.append(RESULTS.label(state, language))
        if notes and public:
            remarks.append(notes)
        yield {
            "seq": (
                numbering.number(book_number)
                if numbering
                else book_number
                if book_number is not None
                else number
            ),
            "ward": ward,
            "received_on": day(received),
            "mediators": (
                _join([mediator_names or "", ", ".join(n for n in invited_names if n)])
                if assigned_yet
                else ""
            ),
            "parties": "\n".join(named) if public else "",
            "content": (summary or "") if public else gettext(NOT_PUBLIC, language),
            "agreement": (agreement or "") if public and concluded else "",
            "success": "x" if in_scope and state == "success" else "",
            "failure": "x" if in_scope and state == "failure" else "",
            "signatures": "",
            "notes": _join(remarks),
        }


def _count_cases(connection, scope) -> int:
    """The logbook's cases, every team's together (a few given to a team no longer found may
    be counted and not listed: the progress then just ends a little early)."""
    statement = _COUNT_TEAM_CASES if scope.team_uuid else _COUNT_CASES
    return connection.execute(statement, scope.parameters()).scalar_one()


_COUNT_CASES = select(func.count()).where(_CASES_OF_PERIOD)
_COUNT_TEAM_CASES = _COUNT_CASES.where(_c.team_uuid == TEAM_UUID)


def _party(name, born, address, year, language) -> str:
    parts = [name or gettext(N_("(name withheld)"), language)]
    if born:
        parts.append(gettext(N_("{age} years old"), language).format(age=year - born))
    if address:
        parts.append(address)
    return ", ".join(parts)


# A case of the period for the logbook's sections: received in it, or carried over into it
# (its result counts in Part II of the period it ends, as in mediation-stats).
_CASE_OF_PERIOD = or_(
    _c.received_on.between(FIRST_DAY, LAST_DAY),
    and_(_c.scope_group != OUT_OF_SCOPE_GROUP, CARRIED_OVER),
)
_t = teams.c
_SECTION_TEAMS = (
    select(_t.uuid, _t.ward_code, _t.name, _t.hamlet)
    .where(
        in_wards(_t.ward_code),
        or_(
            teams_in_force(AS_OF),
            exists().where(
                _c.team_uuid == _t.uuid,
                _c.ward_code == _t.ward_code,
                _c.deleted.is_(False),
                _CASE_OF_PERIOD,
            ),
        ),
    )
    .order_by(_t.ward_code, _t.name, _t.uuid)
)
_SECTION_TEAM = _SECTION_TEAMS.where(_t.uuid == TEAM_UUID)
# The wards with cases of the period given to no team.
_LOOSE_CASES = (
    select(_c.ward_code)
    .distinct()
    .where(in_wards(_c.ward_code), _c.deleted.is_(False), _c.team_uuid.is_(None), _CASE_OF_PERIOD)
    .order_by(_c.ward_code)
)


def logbook_teams(connection: Connection, scope: Scope) -> list[dict]:
    """The logbook's sections: every team in force on the day figures are read or holding a
    case of the period (even a team deleted since: its cases still count under it, as in
    mediation-stats), then the cases given to no team, if any. Each with its ward, name and
    village."""
    values = scope.parameters()
    statement = _SECTION_TEAM if scope.team_uuid else _SECTION_TEAMS
    sections = [
        {"uuid": uuid, "ward": ward, "name": name, "hamlet": hamlet}
        for uuid, ward, name, hamlet in connection.execute(statement, values)
    ]
    # "Tổ … số 2" before "Tổ … số 10": SQL would sort the digits as text.
    sections.sort(key=lambda team: (team["ward"], natural_key(team["name"]), team["uuid"]))
    if not scope.team_uuid:
        loose = connection.execute(_LOOSE_CASES, values).scalars()
        sections += [
            {"uuid": NO_TEAM, "ward": ward, "name": None, "hamlet": None} for ward in loose
        ]
    return sections


# -- the roster ---------------------------------------------------------------------------------

_p, _r = people.c, roles.c
_HOLDER_COLUMNS = (
    _p.id, _p.uuid, _p.ward_code, _p.full_name, _p.birth_year, _p.gender, _p.ethnic_minority,
    _p.ethnicity, _p.law_qualification, _p.position, _p.organisation, _p.hamlet,
    _r.decision_number, _r.decision_date, _r.issuer, _r.end_date, _r.end_decision, _r.end_reason,
)  # fmt: skip


# The people holding a role (`role`) at some time in the period, one row per role of the kind.
_ROLE_HOLDERS = (
    select(*_HOLDER_COLUMNS)
    .select_from(people.join(roles, _r.person_id == _p.id))
    .where(
        in_wards(_p.ward_code),
        _p.deleted.is_(False),
        _r.role == bindparam("role", type_=String),
        or_(_r.decision_date.is_(None), _r.decision_date <= LAST_DAY),
        or_(_r.end_date.is_(None), _r.end_date >= FIRST_DAY),
    )
    .order_by(_p.ward_code, _p.sort_key, _p.id, _r.decision_date, _r.id)
)

# One line per (team, person), however many times a bundle lists the person in the team: the
# person's uuid, the team's ward and name, and whether the person leads it.
_m = members.c
_MEMBERSHIPS = (
    select(
        _m.person_uuid, _t.ward_code, _t.name, func.max(case((_m.is_leader.is_(True), 1), else_=0))
    )
    .select_from(members.join(teams, _t.id == _m.team_id))
    .where(in_wards(_t.ward_code), _t.deleted.is_(False))
    .group_by(_t.id, _m.person_uuid)
    .order_by(_t.name, _t.id)
)


def _people_rows(connection, scope, params, language) -> Iterator[dict]:
    values = scope.parameters(role=params["role"])
    teams_of: dict[tuple[str, str], list[str]] = {}
    for person, ward, name, leader in connection.execute(_MEMBERSHIPS, values):
        label = name + (f" ({gettext(TEAM_LEADER, language)})" if leader else "")
        teams_of.setdefault((ward, person), []).append(label)
    rows = connection.execute(_ROLE_HOLDERS, values)
    # One row per person: someone recognised again in the period (a new decision after the
    # first ended) holds two roles of the kind, and is still one person on the list.
    persons = itertools.groupby(rows, key=lambda row: row[0])
    for number, (_, held) in enumerate(persons, start=1):
        held = list(held)
        (_, uuid, ward, name, born, gender, minority, ethnicity, qualification, position,
         organisation, hamlet) = held[0][:12]  # fmt: skip
        decisions = []
        for decision, decided, issuer, *_ in (role[12:] for role in held):
            parts = [
                decision or "",
                day(decided),
                ISSUERS.label(issuer, language) if issuer else "",
            ]
            decisions.append(", ".join(part for part in parts if part))
        # Whether the person still holds the role: the latest decision's end, if any.
        ended, end_decision, end_reason = held[-1][15:18]
        ending = ""
        if ended:
            ending = _join([
                gettext(N_("Ended {date}"), language).format(date=day(ended)),
                end_decision or "",
                end_reason or "",
            ])  # fmt: skip
        yield {
            "seq": number,
            "ward": ward,
            "full_name": name,
            "birth_year": str(born) if born else "",
            "gender": GENDERS.label(gender, language) if gender else "",
            "minority": (ethnicity or gettext(N_("Yes"), language)) if minority else "",
            "qualification": LAW_QUALIFICATIONS.label(qualification, language),
            "work": ", ".join(part for part in (position, organisation) if part),
            "hamlet": hamlet or "",
            "teams": "; ".join(teams_of.get((ward, uuid), [])),
            "decision": "; ".join(part for part in decisions if part),
            "ended": ending,
        }


# The live people marked leader of the team (of the enclosing query), each name once, joined by
# commas.
_m2, _p2 = members.alias("m2"), people.alias("p2")
_LEADER_NAMES = (
    select(_p2.c.full_name.label("name"))
    .distinct()
    .select_from(
        _m2.join(_p2, and_(_p2.c.uuid == _m2.c.person_uuid, _p2.c.ward_code == _t.ward_code))
    )
    .where(_m2.c.team_id == _t.id, _m2.c.is_leader.is_(True), _p2.c.deleted.is_(False))
    .correlate(teams)
    .subquery("leaders")
)
_TEAM_LEADERS = select(func.aggregate_strings(_LEADER_NAMES.c.name, ", ")).scalar_subquery()

# The live teams in force at some time in the period, with their live members, the women among
# them and their leaders.
_TEAMS_OF_PERIOD = (
    select(
        _t.id,
        _t.ward_code,
        _t.name,
        _t.hamlet,
        _t.valid_from,
        _t.valid_to,
        func.count(distinct(_p.id)).label("members"),
        func.count(distinct(case((_p.gender == "female", _p.id)))).label("women"),
        _TEAM_LEADERS.label("leaders"),
    )
    .select_from(
        teams.outerjoin(members, _m.team_id == _t.id).outerjoin(
            people,
            and_(_p.uuid == _m.person_uuid, _p.ward_code == _t.ward_code, _p.deleted.is_(False)),
        )
    )
    .where(
        in_wards(_t.ward_code),
        _t.deleted.is_(False),
        or_(_t.valid_from.is_(None), _t.valid_from <= LAST_DAY),
        or_(_t.valid_to.is_(None), _t.valid_to >= FIRST_DAY),
    )
    .group_by(_t.id)
    .order_by(_t.ward_code, _t.name, _t.uuid)
)


def _team_rows(connection, scope, params, language) -> Iterator[dict]:
    rows = connection.execute(_TEAMS_OF_PERIOD, scope.parameters()).all()
    rows.sort(key=lambda row: (row[1], natural_key(row[2]), row[0]))
    for number, row in enumerate(rows, start=1):
        _, ward, name, hamlet, valid_from, valid_to, member_count, women, leaders = row
        validity = " – ".join(part for part in (day(valid_from), day(valid_to)) if part)
        yield {
            "seq": number,
            "ward": ward,
            "name": name,
            "hamlet": hamlet or "",
            "leader": leaders or "",
            "members": member_count,
            "women": women,
            "validity": validity,
        }


LISTINGS: dict[str, Listing] = {
    "sessions": Listing(
        {
            "seq": COUNT,
            "ward": TEXT,
            "held_on": TEXT,
            "place": TEXT,
            "form": TEXT,
            "title": TEXT,
            "topics": TEXT,
            "audiences": TEXT,
            "attendees": COUNT,
            "presenters": TEXT,
            "quiz_entries": COUNT,
            "materials": COUNT,
            "materials_online": COUNT,
            "funding": MONEY,
            "funding_regular": MONEY,
            "funding_programme": MONEY,
            "funding_other": MONEY,
        },
        _session_rows,
        count=_count_sessions,
    ),
    "cases": Listing(
        {
            "seq": COUNT,
            "ward": TEXT,
            "received_on": TEXT,
            "mediators": TEXT,
            "parties": TEXT,
            "content": TEXT,
            "agreement": TEXT,
            "success": MARK,
            "failure": MARK,
            "signatures": TEXT,
            "notes": TEXT,
        },
        _case_rows,
        per_team=True,
        count=_count_cases,
    ),
    "people": Listing(
        {
            "seq": COUNT,
            "ward": TEXT,
            "full_name": TEXT,
            "birth_year": TEXT,
            "gender": TEXT,
            "minority": TEXT,
            "qualification": TEXT,
            "work": TEXT,
            "hamlet": TEXT,
            "teams": TEXT,
            "decision": TEXT,
            "ended": TEXT,
        },
        _people_rows,
    ),
    "teams": Listing(
        {
            "seq": COUNT,
            "ward": TEXT,
            "name": TEXT,
            "hamlet": TEXT,
            "leader": TEXT,
            "members": COUNT,
            "women": COUNT,
            "validity": TEXT,
        },
        _team_rows,
    ),
}
