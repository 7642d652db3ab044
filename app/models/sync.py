"""Tables of the exchange between wards and the district (design.md §2–§3). They never travel."""

from sqlalchemy import Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


class WardKey(SQLModel, table=True):
    """At the district: a ward's registered key. One key belongs to one ward; a ward's keys are
    numbered by generation (1 for its first, +1 for each `trust add --replace`)."""

    __tablename__ = "ward_keys"
    __table_args__ = (UniqueConstraint("ward_code", "generation"),)

    id: int | None = Field(default=None, primary_key=True)
    ward_code: str = Field(max_length=5, index=True)
    ward_name: str
    province_code: str = Field(max_length=2)
    key_id: str = Field(max_length=16, unique=True)
    minisign_public: str
    age_recipient: str
    fingerprint: str
    generation: int
    registered_at: str
    registered_by: str
    revoked_at: str | None = None
    revoked_by: str | None = None


class TrustedDistrict(SQLModel, table=True):
    """At a ward: the district it sends its bundles to (one row)."""

    __tablename__ = "trusted_district"

    id: int = Field(default=1, primary_key=True)
    district_code: str = Field(max_length=2)
    district_name: str
    key_id: str = Field(max_length=16)
    minisign_public: str
    age_recipient: str
    fingerprint: str
    trusted_at: str
    trusted_by: str


class AcceptedBundle(SQLModel, table=True):
    """At the district: each bundle accepted from a ward, for the replay rules."""

    __tablename__ = "accepted_bundles"
    __table_args__ = (UniqueConstraint("ward_code", "generation", "seq"),)

    id: int | None = Field(default=None, primary_key=True)
    ward_code: str = Field(max_length=5, index=True)
    generation: int
    seq: int
    manifest_sha256: str = Field(max_length=64)
    bundle_id: str = Field(max_length=36)
    accepted_at: str
    created_at: str | None = None  # the manifest's: when the ward made it (migration 0008)


class ImportJournalEntry(SQLModel, table=True):
    """Every import attempt, refused ones and dry runs included (design.md §3)."""

    __tablename__ = "import_journal"

    id: int | None = Field(default=None, primary_key=True)
    at: str
    officer: str
    os_user: str
    file_name: str
    file_sha256: str | None = Field(default=None, max_length=64)
    ward_code: str | None = Field(default=None, max_length=5)
    seq: int | None = None
    generation: int | None = None
    outcome: str  # imported | already-imported | acceptable (a dry run) | refused | undone
    reason_code: str | None = None
    reason: str | None = None
    warnings: str = "[]"  # JSON list
    counts: str = "{}"  # JSON object
    dry_run: bool = False


class Conflict(SQLModel, table=True):
    """Two versions of a record that cannot be ordered by revision (design.md §2): the stored one
    stays current until a person decides; the incoming one is kept here whole."""

    __tablename__ = "conflicts"
    __table_args__ = (
        # One conflict per pair of versions: a version is its revision, hash and tombstone flag
        # (a delete keeps the hash), so a forked tombstone is a conflict of its own.
        UniqueConstraint(
            "ward_code",
            "kind",
            "uuid",
            "stored_revision",
            "stored_sha256",
            "stored_deleted",
            "incoming_revision",
            "incoming_sha256",
            "incoming_deleted",
            name="uq_conflicts_versions",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    ward_code: str = Field(max_length=5)
    kind: str
    uuid: str = Field(max_length=36)
    stored_revision: int
    stored_sha256: str = Field(max_length=64)
    stored_generation: int | None = None
    incoming_revision: int
    incoming_sha256: str = Field(max_length=64)
    incoming_generation: int
    incoming_record: str = Field(sa_column=Column(Text, nullable=False))  # the bundle's JSON line
    raised_at: str
    status: str = "open"  # open | resolved
    decision: str | None = None  # stored | incoming: the version kept
    decided_at: str | None = None
    decided_by: str | None = None
    reason: str | None = None  # why, as the person who decided wrote it
    stored_deleted: bool = False
    incoming_deleted: bool = False


class RecordVersion(SQLModel, table=True):
    """At the district: every version of a record a ward has sent (design.md §2). A version it
    has seen before never comes back as new: arriving again, it is stale."""

    __tablename__ = "record_versions"
    __table_args__ = (
        UniqueConstraint("ward_code", "kind", "uuid", "revision", "content_sha256", "deleted"),
        Index("ix_record_versions_ward_kind", "ward_code", "kind"),
    )

    id: int | None = Field(default=None, primary_key=True)
    ward_code: str = Field(max_length=5)
    kind: str
    uuid: str = Field(max_length=36)
    revision: int
    content_sha256: str = Field(max_length=64)
    deleted: bool
    first_seen_at: str
    # The accepted bundle that first brought it (undo forgets the versions of the import undone).
    accepted_bundle_id: int | None = None
    # Sent again after newer ones: the import warned `rollback` once, and does not again.
    rollback_warned: bool = False


class ExportLogEntry(SQLModel, table=True):
    """At a ward: each bundle this installation exported (design.md §2: the seq floor; §4: a
    receipt whose manifest is not here means this PC forked)."""

    __tablename__ = "export_log"

    id: int | None = Field(default=None, primary_key=True)
    seq: int = Field(index=True)
    manifest_sha256: str = Field(max_length=64, index=True)
    bundle_id: str = Field(max_length=36)
    key_id: str = Field(max_length=16)
    exported_at: str
    file_name: str
    records: int
    max_revision: int


class ReceiptEntry(SQLModel, table=True):
    """At a ward: each receipt of the district loaded here (design.md §4)."""

    __tablename__ = "receipts"
    __table_args__ = (UniqueConstraint("district_code", "seq", "manifest_sha256"),)

    id: int | None = Field(default=None, primary_key=True)
    district_code: str = Field(max_length=2)
    key_id: str = Field(max_length=16)
    seq: int
    manifest_sha256: str = Field(max_length=64)
    max_revision: int
    counts: str = "{}"  # JSON object, as the receipt gives it
    imported_at: str
    loaded_at: str
    forked: bool = False  # its manifest is not in this installation's export log


class ImportUndoStep(SQLModel, table=True):
    """At the district: what the last import of each ward changed, so that `bundle undo` puts it
    back exactly (design.md §4). Only a ward's last import is kept: the next one replaces it."""

    __tablename__ = "import_undo"

    id: int | None = Field(default=None, primary_key=True)
    accepted_bundle_id: int = Field(index=True)
    ward_code: str = Field(max_length=5, index=True)
    kind: str | None = None
    # import (the marker) | inserted | replaced | conflict | warned | copy
    step: str
    payload: str = Field(default="{}", sa_column=Column(Text, nullable=False))  # JSON
