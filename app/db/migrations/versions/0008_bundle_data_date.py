"""When each accepted bundle was made at its ward (its manifest's created_at): the date a
ward's data reaches, for the district's submission tracker and reports. Bundles accepted before
this migration have none; their acceptance time stands in for it.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05 12:00:00.000000
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("accepted_bundles", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("created_at", sqlmodel.sql.sqltypes.AutoString(), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("accepted_bundles", schema=None) as batch_op:
        batch_op.drop_column("created_at")
