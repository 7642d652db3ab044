"""What still refers to a record: the teams a person leads or serves in, the cases they mediate,
the sessions they presented, the trainings they attended; the cases recorded under a team.

Deleting such a record keeps the references in the other records (an undo must find them
intact), but the lists and figures only count live people and teams, so the officer is told
beforehand what the deletion takes out of them (ui/pages/records.py).

Only live records of the same ward count: a deleted team has no leader left to lose."""

from sqlalchemy import Connection, and_, func, select

from app.db.store import Store
from app.models import (
    CaseMediator,
    MediationCase,
    OutreachSession,
    SessionPresenter,
    Team,
    TeamMember,
    Training,
    TrainingAttendee,
)

# What a person can be to other records, in the order a confirmation names them.
PERSON_LINKS = ("leader", "member", "mediator", "presenter", "attendee")
# What a team can be to other records.
TEAM_LINKS = ("cases",)

_teams = Team.__table__
_members = TeamMember.__table__
_cases = MediationCase.__table__
_mediators = CaseMediator.__table__
_sessions = OutreachSession.__table__
_presenters = SessionPresenter.__table__
_trainings = Training.__table__
_attendees = TrainingAttendee.__table__

# (link, parent table, child table, the child's column holding the parent's id)
_PERSON_IN = (
    ("mediator", _cases, _mediators, "case_id"),
    ("presenter", _sessions, _presenters, "session_id"),
    ("attendee", _trainings, _attendees, "training_id"),
)


def dependents(store: Store, kind: str, uuid: str) -> dict[str, int]:
    """{link: how many live records of this ward refer to the record that way}, the links with
    none left out, in PERSON_LINKS / TEAM_LINKS order. Sessions, cases and trainings have no
    dependents: nothing refers to them."""
    ward = store.unit_code
    with store.read() as connection:
        if kind == "people":
            found = _person_links(connection, ward, uuid)
        elif kind == "teams":
            found = {"cases": _team_cases(connection, ward, uuid)}
        else:
            found = {}
    return {link: number for link, number in found.items() if number}


def _person_links(connection: Connection, ward: str, uuid: str) -> dict[str, int]:
    t, m = _teams.c, _members.c
    # One row per live team the person is in, and whether they lead it (a team that lists them
    # twice, once as leader, is one team they lead).
    teams = connection.execute(
        select(t.id, func.max(m.is_leader))
        .select_from(_teams.join(_members, m.team_id == t.id))
        .where(t.ward_code == ward, t.deleted.is_(False), m.person_uuid == uuid)
        .group_by(t.id)
    ).all()
    led = sum(1 for _team, leads in teams if leads)
    found = {"leader": led, "member": len(teams) - led}
    for link, parent, child, parent_key in _PERSON_IN:
        found[link] = connection.execute(
            select(func.count(func.distinct(parent.c.id)))
            .select_from(parent.join(child, child.c[parent_key] == parent.c.id))
            .where(
                and_(
                    parent.c.ward_code == ward,
                    parent.c.deleted.is_(False),
                    child.c.person_uuid == uuid,
                )
            )
        ).scalar_one()
    return found


def _team_cases(connection: Connection, ward: str, uuid: str) -> int:
    c = _cases.c
    return connection.execute(
        select(func.count())
        .select_from(_cases)
        .where(c.ward_code == ward, c.deleted.is_(False), c.team_uuid == uuid)
    ).scalar_one()
