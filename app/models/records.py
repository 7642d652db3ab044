"""The five kinds of record that travel (design.md §2) and their child rows."""

from sqlalchemy import Column, ForeignKey, Index, Integer, UniqueConstraint
from sqlmodel import Field

from app.models.base import ChildFields, SyncFields


def _parent(table: str) -> Column:
    # Children are replaced with their parent; the cascade keeps the database tidy if a parent row
    # is ever removed by maintenance.
    return Column(
        Integer, ForeignKey(f"{table}.id", ondelete="CASCADE"), nullable=False, index=True
    )


def _sync_args(table: str, date_column: str | None = None) -> tuple:
    args = [
        UniqueConstraint("ward_code", "uuid"),
        Index(f"ix_{table}_live", "ward_code", "deleted"),
    ]
    if date_column:
        # Lists and figures read a ward's live records in date order: this index serves both
        # without touching the table (tests/benchmarks/gui.py, app/services/overview.py).
        args.append(Index(f"ix_{table}_by_date", "ward_code", "deleted", date_column))
    return tuple(args)


class Person(SyncFields, table=True):
    __tablename__ = "people"
    __table_args__ = _sync_args("people")

    full_name: str
    sort_key: str = Field(index=True)  # derived from full_name, never travels (app.names)
    gender: str
    birth_year: int | None = None
    ethnic_minority: bool = False
    ethnicity: str | None = None  # personal data: stays at the ward
    law_qualification: str = "none"
    legal_speciality: str | None = None
    position: str | None = None
    organisation: str | None = None
    hamlet: str | None = None  # residence thôn / tổ dân phố
    phone: str | None = None
    email: str | None = None
    address: str | None = None
    notes: str | None = None


class PersonRole(ChildFields, table=True):
    __tablename__ = "person_roles"

    person_id: int = Field(sa_column=_parent("people"))
    role: str
    decision_number: str | None = None
    decision_date: str | None = None
    issuer: str | None = None
    scope: str | None = None
    end_date: str | None = None
    end_decision: str | None = None
    end_reason: str | None = None


class Team(SyncFields, table=True):
    __tablename__ = "teams"
    __table_args__ = _sync_args("teams")

    name: str
    hamlet: str
    valid_from: str | None = None
    valid_to: str | None = None
    notes: str | None = None


class TeamMember(ChildFields, table=True):
    __tablename__ = "team_members"

    team_id: int = Field(sa_column=_parent("teams"))
    person_uuid: str = Field(max_length=36, index=True)
    is_leader: bool = False


class Training(SyncFields, table=True):
    __tablename__ = "trainings"
    __table_args__ = _sync_args("trainings", "held_on")

    held_on: str = Field(index=True)
    topic: str
    organiser: str | None = None
    place: str | None = None
    notes: str | None = None


class TrainingAttendee(ChildFields, table=True):
    __tablename__ = "training_attendees"

    training_id: int = Field(sa_column=_parent("trainings"))
    person_uuid: str = Field(max_length=36, index=True)


class OutreachSession(SyncFields, table=True):
    __tablename__ = "sessions"
    __table_args__ = _sync_args("sessions", "held_on")

    title: str
    held_on: str = Field(index=True)
    start_time: str | None = None  # HH:MM
    hamlet: str | None = None
    place: str | None = None
    form: str
    direct: bool
    topics: str = "[]"  # JSON list of enums.TOPICS codes
    legal_documents: str = "[]"  # JSON list of titles
    audiences: str = "[]"  # JSON list of enums.AUDIENCES codes
    attendees: int = 0
    attendees_men: int | None = None
    attendees_women: int | None = None
    co_organisers: str = "[]"  # JSON list of names
    materials: str = "[]"  # JSON list of {kind, title, copies, language, online}
    funding_regular: int = 0  # đồng, regular state budget
    funding_programme: int = 0  # đồng, programme / project budget
    funding_other: int = 0  # đồng, other sources
    broadcasts: int = 0
    quiz_entries: int = 0
    notes: str | None = None


class SessionPresenter(ChildFields, table=True):
    __tablename__ = "session_presenters"

    session_id: int = Field(sa_column=_parent("sessions"))
    person_uuid: str = Field(max_length=36, index=True)


class MediationCase(SyncFields, table=True):
    __tablename__ = "cases"
    __table_args__ = _sync_args("cases", "received_on")

    title: str
    book_number: int | None = None  # number in the team's logbook
    team_uuid: str | None = Field(default=None, max_length=36, index=True)
    received_on: str = Field(index=True)
    assigned_on: str | None = None
    started_on: str | None = None
    ended_on: str | None = None
    basis: str
    public: bool = True
    scope_group: str
    scope_item: str | None = None
    subject_tags: str = "[]"  # JSON list of free tags (land, inheritance, neighbours…)
    invited_persons: str = "[]"  # JSON list of {name, relation}
    summary: str | None = None
    agreement: str | None = None
    result: str
    end_reason: str | None = None
    follow_up: str | None = None
    referral: str | None = None
    fee_amount: int = 0  # đồng paid to the mediators
    notes: str | None = None


class CaseMediator(ChildFields, table=True):
    __tablename__ = "case_mediators"

    case_id: int = Field(sa_column=_parent("cases"))
    person_uuid: str = Field(max_length=36, index=True)


class CaseParty(ChildFields, table=True):
    __tablename__ = "case_parties"

    case_id: int = Field(sa_column=_parent("cases"))
    role: str
    full_name: str | None = None  # personal data: a district receives the party without it
    birth_year: int | None = None
    gender: str | None = None
    address: str | None = None
    phone: str | None = None
    id_number: str | None = None
