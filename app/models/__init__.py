"""SQLModel tables. Importing this package registers every table on `metadata`."""

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
from app.models.system import AdminUnit, AuditEntry, Installation, Setting

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
