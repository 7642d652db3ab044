"""What the last import of each ward changed, for `bundle undo` (design.md §4).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05 10:00:00.000000
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

from app.db.types import wide_integer

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "import_undo",
        sa.Column("id", wide_integer(), nullable=False),
        sa.Column("accepted_bundle_id", wide_integer(), nullable=False),
        sa.Column("ward_code", sqlmodel.sql.sqltypes.AutoString(length=5), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("step", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_undo")),
    )
    with op.batch_alter_table("import_undo", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_import_undo_accepted_bundle_id"), ["accepted_bundle_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_import_undo_ward_code"), ["ward_code"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("import_undo", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_import_undo_ward_code"))
        batch_op.drop_index(batch_op.f("ix_import_undo_accepted_bundle_id"))
    op.drop_table("import_undo")
