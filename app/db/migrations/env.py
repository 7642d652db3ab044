"""Alembic environment: always runs on a connection the store opened, inside its transaction."""

from alembic import context

import app.models  # noqa: F401  (registers every table)
from app.db.sqlite import is_search_table
from app.models import metadata


def include_object(obj, name, type_, reflected, compare_to):
    # The FTS5 tables are created by raw SQL in the migrations; the models do not describe them.
    return not (type_ == "table" and is_search_table(name or ""))


connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,
    transactional_ddl=True,
    include_object=include_object,
)
with context.begin_transaction():
    context.run_migrations()
