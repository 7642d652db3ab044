"""A district's dashboard: each merged ward's key figures for a period, counted in SQL grouped by
ward (one query per measure, whatever the number of wards), with the same conventions as the
ward's own overview (app.services.overview): live records only, sessions by the day held, cases
by the day received and out-of-scope cases left out, teams and their members as of today."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, and_, case, func, or_, select

from app.db.store import Store
from app.models import MediationCase, OutreachSession, Person, Team, TeamMember
from app.services.overview import MIN_TEAM_MEMBERS

_sessions = OutreachSession.__table__
_cases = MediationCase.__table__
_teams = Team.__table__
_members = TeamMember.__table__
_people = Person.__table__


@dataclass
class WardFigures:
    sessions: int = 0
    attendees: int = 0  # at direct sessions
    cases: int = 0  # received in the period, in scope
    successful: int = 0
    unsuccessful: int = 0
    teams: int = 0  # in force today
    teams_below_rules: int = 0  # fewer than 3 live members, or no woman among them

    @property
    def success_rate(self) -> float | None:
        concluded = self.successful + self.unsuccessful
        return self.successful / concluded if concluded else None


def ward_figures(store: Store, start: date, end: date, today: date | None = None) -> dict:
    """{ward code: WardFigures} for every ward with a live record counted."""
    today = today or date.today()
    figures: dict[str, WardFigures] = {}

    def of(code: str) -> WardFigures:
        return figures.setdefault(code, WardFigures())

    with store.read() as connection:
        for code, sessions, attendees in _session_rows(connection, start, end):
            of(code).sessions, of(code).attendees = sessions, attendees or 0
        for code, cases, successful, unsuccessful in _case_rows(connection, start, end):
            item = of(code)
            item.cases, item.successful, item.unsuccessful = cases, successful, unsuccessful
        for code, teams, below in _team_rows(connection, today):
            of(code).teams, of(code).teams_below_rules = teams, below
    return figures


def _session_rows(connection: Connection, start: date, end: date):
    s = _sessions.c
    return connection.execute(
        select(
            s.ward_code,
            func.count(),
            func.sum(case((s.direct, s.attendees), else_=0)),
        )
        .where(s.deleted.is_(False), s.held_on.between(start.isoformat(), end.isoformat()))
        .group_by(s.ward_code)
    )


def _case_rows(connection: Connection, start: date, end: date):
    c = _cases.c
    return connection.execute(
        select(
            c.ward_code,
            func.count(),
            func.sum(case((c.result == "success", 1), else_=0)),
            func.sum(case((c.result == "failure", 1), else_=0)),
        )
        .where(
            c.deleted.is_(False),
            c.scope_group != "out_of_scope",
            c.received_on.between(start.isoformat(), end.isoformat()),
        )
        .group_by(c.ward_code)
    )


def _team_rows(connection: Connection, today: date):
    t, m, p = _teams.c, _members.c, _people.c
    day = today.isoformat()
    in_force = and_(
        t.deleted.is_(False),
        or_(t.valid_from.is_(None), t.valid_from <= day),
        or_(t.valid_to.is_(None), t.valid_to >= day),
    )
    members = (
        select(
            t.id.label("team_id"),
            t.ward_code.label("ward_code"),
            func.count(p.id).label("members"),
            func.sum(case((p.gender == "female", 1), else_=0)).label("women"),
        )
        .select_from(
            _teams.outerjoin(_members, m.team_id == t.id).outerjoin(
                _people,
                and_(p.uuid == m.person_uuid, p.ward_code == t.ward_code, p.deleted.is_(False)),
            )
        )
        .where(in_force)
        .group_by(t.id, t.ward_code)
        .subquery()
    )
    below = or_(members.c.members < MIN_TEAM_MEMBERS, func.coalesce(members.c.women, 0) == 0)
    return connection.execute(
        select(members.c.ward_code, func.count(), func.sum(case((below, 1), else_=0))).group_by(
            members.c.ward_code
        )
    )
