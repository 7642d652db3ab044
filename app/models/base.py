"""What every travelling record has, and the metadata conventions Alembic relies on.

Dates are stored as ISO-8601 text (YYYY-MM-DD): SQLite has no date type, ISO text sorts and
compares correctly, and it is exactly what travels in bundles. Lists of codes or small objects
that only ever change with their parent are JSON text."""

from sqlalchemy import MetaData
from sqlmodel import Field, SQLModel

# Stable constraint names make batch ("move and copy") migrations on SQLite reproducible.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata: MetaData = SQLModel.metadata


class SyncFields(SQLModel):
    """design.md §2: the fields that let a district merge copies of a record."""

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = Field(max_length=36)
    ward_code: str = Field(max_length=5)
    revision: int
    updated_at: str
    deleted: bool = Field(default=False)
    content_sha256: str = Field(max_length=64)
    # At the district: the key generation of the bundle that brought this version (design.md §2).
    key_generation: int | None = None
    # At the district: SHA-256 of the travelling line this version was stored from, so that the
    # same version arriving redacted differently replaces the stored text (design.md §2).
    line_sha256: str | None = Field(default=None, max_length=64)


class ChildFields(SQLModel):
    """A child row: owned by one parent, kept in the order the user gave."""

    id: int | None = Field(default=None, primary_key=True)
    position: int = Field(default=0)
