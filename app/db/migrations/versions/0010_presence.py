"""Who else is working at a PostgreSQL district (issue #17): one row per open window or long
command, written every 30 s, removed when it ends. An SQLite installation never writes it.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-12 12:00:00.000000
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

from app.db.types import wide_integer

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "presence",
        sa.Column("id", wide_integer(), nullable=False),
        sa.Column("officer", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("os_user", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("host", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("activity", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("started_at", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("last_seen", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_presence")),
    )
    op.create_index(op.f("ix_presence_last_seen"), "presence", ["last_seen"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_presence_last_seen"), table_name="presence")
    op.drop_table("presence")
