"""The schema this code expects. Checked at start-up without importing Alembic, so a database
that is already current opens fast; a test keeps SCHEMA_HEAD equal to the migrations' head."""

SCHEMA_HEAD = "0010"
# The integer that bundles carry as `schema_version`. It changes only when what travels changes
# (design.md §3), not with every migration: 0009 added the audit log's `source`, which never
# leaves the PC, so a ward on this version still sends bundles an 0008 district accepts. It was
# the number of the head migration up to 0008.
SCHEMA_VERSION = 8
