"""Tables that never travel: this installation, the unit list, the audit log, settings."""

from sqlalchemy import Column, Index, Text
from sqlmodel import Field, SQLModel


class Installation(SQLModel, table=True):
    """One row: who this installation is (design.md §1)."""

    __tablename__ = "installation"

    id: int = Field(default=1, primary_key=True)
    role: str  # "ward" | "district"
    unit_code: str = Field(max_length=5)
    unit_name: str
    province_code: str = Field(max_length=2)
    officer_name: str = ""
    created_at: str


class AdminUnit(SQLModel, table=True):
    """Provinces and communes as data, with validity dates: codes change (domain.md §2)."""

    __tablename__ = "admin_units"

    code: str = Field(primary_key=True, max_length=5)
    name: str
    level: str  # "province" | "commune"
    division_type: str
    parent_code: str | None = Field(default=None, max_length=2, index=True)
    search_text: str  # folded name, for pickers that are typed into without diacritics
    valid_from: str | None = None
    valid_to: str | None = None
    source: str


class AuditEntry(SQLModel, table=True):
    """Who changed what, when, with the record's data before and after."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_record", "kind", "record_uuid"),)

    id: int | None = Field(default=None, primary_key=True)
    at: str
    officer: str
    os_user: str
    kind: str
    record_uuid: str = Field(max_length=36)
    ward_code: str = Field(max_length=5)
    action: str  # create | update | delete | restore
    revision: int
    before: str | None = Field(default=None, sa_column=Column(Text))
    after: str | None = Field(default=None, sa_column=Column(Text))
    # Where the data came from when it was not typed: {"file", "row"} of an imported sheet.
    source: str | None = Field(default=None, sa_column=Column(Text))


class Setting(SQLModel, table=True):
    __tablename__ = "settings"

    key: str = Field(primary_key=True)
    value: str  # JSON


class PresenceEntry(SQLModel, table=True):
    """An operator working at a PostgreSQL district now: a window or a long command writes its
    row every 30 s and removes it when it ends; a row not seen for 2 minutes is stale (a PC
    switched off). Never written at an SQLite installation (one operator)."""

    __tablename__ = "presence"

    id: int | None = Field(default=None, primary_key=True)
    officer: str = ""
    os_user: str = ""
    host: str = ""
    activity: str = ""  # "importing 00167", "printing pbgdpl-stats", "" (the window is open)
    started_at: str
    last_seen: str = Field(index=True)
