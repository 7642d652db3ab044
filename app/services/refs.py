"""What the records of one ward refer to, loaded once per batch: people (names, whether live,
mediator terms) and teams. Validation and search text consult it instead of querying per row."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import Connection, and_, bindparam, select

from app.models import metadata

_people = metadata.tables["people"]
_roles = metadata.tables["person_roles"]
_teams = metadata.tables["teams"]

# A person with their mediator (HGV) terms, one row per term; a person without one, one row.
_PEOPLE = (
    select(
        _people.c.uuid,
        _people.c.full_name,
        _people.c.deleted,
        _roles.c.role,
        _roles.c.decision_date,
        _roles.c.end_date,
    )
    .select_from(
        _people.outerjoin(_roles, and_(_roles.c.person_id == _people.c.id, _roles.c.role == "HGV"))
    )
    .where(
        _people.c.ward_code == bindparam("ward"),
        _people.c.uuid.in_(bindparam("uuids", expanding=True)),
    )
)
_TEAMS = select(_teams.c.uuid, _teams.c.name, _teams.c.deleted).where(
    _teams.c.ward_code == bindparam("ward"), _teams.c.uuid.in_(bindparam("uuids", expanding=True))
)


@dataclass
class PersonRef:
    name: str
    deleted: bool
    mediator_terms: list[tuple[str | None, str | None]] = field(default_factory=list)


@dataclass
class Refs:
    people: dict[str, PersonRef] = field(default_factory=dict)
    teams: dict[str, tuple[str, bool]] = field(default_factory=dict)

    @classmethod
    def load(
        cls,
        connection: Connection,
        ward_code: str,
        person_uuids: Iterable[str] = (),
        team_uuids: Iterable[str] = (),
    ) -> "Refs":
        refs = cls()
        person_uuids, team_uuids = list(set(person_uuids)), list(set(team_uuids))
        for chunk in _chunks(person_uuids):
            rows = connection.execute(_PEOPLE, {"ward": ward_code, "uuids": chunk})
            for uuid, name, deleted, role, start, end in rows:
                ref = refs.people.setdefault(uuid, PersonRef(name, bool(deleted)))
                if role:
                    ref.mediator_terms.append((start, end))
        for chunk in _chunks(team_uuids):
            rows = connection.execute(_TEAMS, {"ward": ward_code, "uuids": chunk})
            refs.teams.update({uuid: (name, bool(deleted)) for uuid, name, deleted in rows})
        return refs

    def person_is_live(self, uuid: str) -> bool:
        ref = self.people.get(uuid)
        return ref is not None and not ref.deleted

    def person_name(self, uuid: str) -> str:
        ref = self.people.get(uuid)
        return ref.name if ref else ""

    def is_mediator_on(self, uuid: str, day: str) -> bool:
        """Holds an HGV recognition in force on `day` (ISO date)."""
        ref = self.people.get(uuid)
        if ref is None:
            return False
        return any(
            (start is None or start <= day) and (end is None or day <= end)
            for start, end in ref.mediator_terms
        )

    def team_is_live(self, uuid: str) -> bool:
        team = self.teams.get(uuid)
        return team is not None and not team[1]

    def team_name(self, uuid: str) -> str:
        team = self.teams.get(uuid)
        return team[0] if team else ""


def _chunks(values: list[str], size: int = 900):
    # SQLite caps the number of bound parameters in one statement.
    for start in range(0, len(values), size):
        yield values[start : start + size]
