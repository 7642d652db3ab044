"""The schema this code expects. Checked at start-up without importing Alembic, so a database
that is already current opens fast; a test keeps SCHEMA_HEAD equal to the migrations' head."""

SCHEMA_HEAD = "0008"
# The integer that bundles carry as `schema_version`: the number of the head migration.
SCHEMA_VERSION = int(SCHEMA_HEAD)
