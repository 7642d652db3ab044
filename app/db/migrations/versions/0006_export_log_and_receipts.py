"""A ward's memory of what it sent and of what the district says it received: the export log
and the receipts (design.md §2, §4). Both give floors to the counters on every opening.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05 09:00:00.000000
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

from app.db.types import wide_integer

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "export_log",
        sa.Column("id", wide_integer(), nullable=False),
        sa.Column("seq", wide_integer(), nullable=False),
        sa.Column("manifest_sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("bundle_id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("key_id", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("exported_at", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("file_name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("records", wide_integer(), nullable=False),
        sa.Column("max_revision", wide_integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_export_log")),
    )
    with op.batch_alter_table("export_log", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_export_log_manifest_sha256"), ["manifest_sha256"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_export_log_seq"), ["seq"], unique=False)
    op.create_table(
        "receipts",
        sa.Column("id", wide_integer(), nullable=False),
        sa.Column("district_code", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
        sa.Column("key_id", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("seq", wide_integer(), nullable=False),
        sa.Column("manifest_sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("max_revision", wide_integer(), nullable=False),
        sa.Column("counts", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("imported_at", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("loaded_at", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("forked", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_receipts")),
        sa.UniqueConstraint(
            "district_code",
            "seq",
            "manifest_sha256",
            name=op.f("uq_receipts_district_code_seq_manifest_sha256"),
        ),
    )


def downgrade() -> None:
    op.drop_table("receipts")
    with op.batch_alter_table("export_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_export_log_seq"))
        batch_op.drop_index(batch_op.f("ix_export_log_manifest_sha256"))
    op.drop_table("export_log")
