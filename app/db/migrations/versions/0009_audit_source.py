"""Where an audited change came from when it was not typed: "imported from FILE, row N" for the
records of an office's own spreadsheet (issue #15).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-10 12:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain add_column: a nullable column needs no table rebuild, on SQLite or PostgreSQL.
    op.add_column("audit_log", sa.Column("source", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_column("source")
