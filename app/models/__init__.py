"""SQLModel tables. Importing this package registers every table on `metadata`."""

from sqlalchemy import Integer

from app.db.types import wide_integer
from app.models.base import metadata
from app.models.records import (
    CaseMediator,
    CaseParty,
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
from app.models.sync import (
    AcceptedBundle,
    Conflict,
    ExportLogEntry,
    ImportJournalEntry,
    ImportUndoStep,
    ReceiptEntry,
    RecordVersion,
    TrustedDistrict,
    WardKey,
)
from app.models.system import AdminUnit, AuditEntry, Installation, PresenceEntry, Setting


def _widen_integers() -> None:
    """On PostgreSQL every integer column is 64-bit, as SQLite's are (app.db.types): revisions
    and seqs reach 2^53−1. SQLite sees the very same INTEGER as before."""
    for table in metadata.tables.values():
        for column in table.columns:
            if type(column.type) is Integer:
                column.type = wide_integer()


_widen_integers()

__all__ = [
    "AcceptedBundle",
    "AdminUnit",
    "AuditEntry",
    "CaseMediator",
    "CaseParty",
    "Conflict",
    "ExportLogEntry",
    "ImportJournalEntry",
    "ImportUndoStep",
    "Installation",
    "MediationCase",
    "OutreachSession",
    "Person",
    "PersonRole",
    "PresenceEntry",
    "ReceiptEntry",
    "RecordVersion",
    "SessionPresenter",
    "Setting",
    "Team",
    "TeamMember",
    "Training",
    "TrainingAttendee",
    "TrustedDistrict",
    "WardKey",
    "metadata",
]
