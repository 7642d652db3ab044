"""The district's memory of versions (design.md §2) and decided conflicts.

Every version a ward has sent is remembered in `record_versions`; a district's existing records
and the incoming side of its conflicts are its first entries. Conflicts record whether each side
is a tombstone and why a person decided as they did; "decided" is now "resolved".

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05 08:00:00.000000
"""

import json
from datetime import UTC, datetime

import sqlalchemy as sa
import sqlmodel
from alembic import op

from app.db.types import wide_integer

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

RECORD_TABLES = ("people", "teams", "trainings", "sessions", "cases")


def upgrade() -> None:
    op.create_table(
        "record_versions",
        sa.Column("id", wide_integer(), nullable=False),
        sa.Column("ward_code", sqlmodel.sql.sqltypes.AutoString(length=5), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("uuid", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("revision", wide_integer(), nullable=False),
        sa.Column("content_sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("first_seen_at", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("accepted_bundle_id", wide_integer(), nullable=True),
        sa.Column("rollback_warned", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_record_versions")),
        sa.UniqueConstraint(
            "ward_code",
            "kind",
            "uuid",
            "revision",
            "content_sha256",
            "deleted",
            name=op.f("uq_record_versions_ward_code_kind_uuid_revision_content_sha256_deleted"),
        ),
    )
    with op.batch_alter_table("record_versions", schema=None) as batch_op:
        batch_op.create_index("ix_record_versions_ward_kind", ["ward_code", "kind"], unique=False)
    with op.batch_alter_table("conflicts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        batch_op.add_column(
            sa.Column("stored_deleted", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column("incoming_deleted", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    # The models carry no server defaults: drop them once the existing rows are filled. A
    # conflict is one pair of whole versions (a delete keeps the content hash).
    with op.batch_alter_table("conflicts", schema=None) as batch_op:
        batch_op.alter_column("stored_deleted", server_default=None)
        batch_op.alter_column("incoming_deleted", server_default=None)
        batch_op.drop_constraint(
            "uq_conflicts_ward_code_kind_uuid_stored_sha256_incoming_sha256", type_="unique"
        )
        batch_op.create_unique_constraint(
            "uq_conflicts_versions",
            ["ward_code", "kind", "uuid", "stored_revision", "stored_sha256", "stored_deleted",
             "incoming_revision", "incoming_sha256", "incoming_deleted"],
        )  # fmt: skip
    connection = op.get_bind()
    connection.execute(sa.text("UPDATE conflicts SET status = 'resolved' WHERE status = 'decided'"))
    role = connection.execute(sa.text("SELECT role FROM installation WHERE id = 1")).scalar()
    if role == "district":
        _remember_what_is_held(connection)


def _remember_what_is_held(connection) -> None:
    at = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    # SQLite's INSERT OR IGNORE is PostgreSQL's ON CONFLICT DO NOTHING.
    postgres = connection.dialect.name == "postgresql"
    verb = "INSERT INTO" if postgres else "INSERT OR IGNORE INTO"
    tail = " ON CONFLICT DO NOTHING" if postgres else ""
    for table in RECORD_TABLES:
        connection.execute(
            sa.text(
                f"{verb} record_versions (ward_code, kind, uuid, revision, "
                "content_sha256, deleted, first_seen_at, rollback_warned) "
                f"SELECT ward_code, '{table}', uuid, revision, content_sha256, deleted, :at, "
                f"false FROM {table}{tail}"
            ),
            {"at": at},
        )
    conflicts = connection.execute(
        sa.text(
            "SELECT c.id, c.ward_code, c.kind, c.uuid, c.incoming_revision, c.incoming_sha256, "
            "c.incoming_record, c.stored_revision FROM conflicts c"
        )
    ).fetchall()
    for conflict_id, ward, kind, uuid, revision_, sha, line, stored_revision in conflicts:
        deleted = bool(json.loads(line).get("deleted"))
        stored_deleted = connection.execute(
            sa.text(
                f"SELECT deleted FROM {kind} "
                "WHERE ward_code = :ward AND uuid = :uuid AND revision = :revision"
            ),
            {"ward": ward, "uuid": uuid, "revision": stored_revision},
        ).scalar()
        connection.execute(
            sa.text(
                "UPDATE conflicts SET incoming_deleted = :incoming, stored_deleted = :stored "
                "WHERE id = :id"
            ),
            {"incoming": deleted, "stored": bool(stored_deleted), "id": conflict_id},
        )
        connection.execute(
            sa.text(
                f"{verb} record_versions (ward_code, kind, uuid, revision, "
                "content_sha256, deleted, first_seen_at, rollback_warned) "
                f"VALUES (:ward, :kind, :uuid, :revision, :sha, :deleted, :at, false){tail}"
            ),
            {
                "ward": ward,
                "kind": kind,
                "uuid": uuid,
                "revision": revision_,
                "sha": sha,
                "deleted": deleted,
                "at": at,
            },
        )


def downgrade() -> None:
    op.get_bind().execute(
        sa.text("UPDATE conflicts SET status = 'decided' WHERE status = 'resolved'")
    )
    with op.batch_alter_table("conflicts", schema=None) as batch_op:
        batch_op.drop_constraint("uq_conflicts_versions", type_="unique")
        batch_op.create_unique_constraint(
            "uq_conflicts_ward_code_kind_uuid_stored_sha256_incoming_sha256",
            ["ward_code", "kind", "uuid", "stored_sha256", "incoming_sha256"],
        )
        batch_op.drop_column("incoming_deleted")
        batch_op.drop_column("stored_deleted")
        batch_op.drop_column("reason")
    with op.batch_alter_table("record_versions", schema=None) as batch_op:
        batch_op.drop_index("ix_record_versions_ward_kind")
    op.drop_table("record_versions")
