"""Reading a database file's identity straight from it — its unit, its schema — without the
engine or the migrations: so the window can show the ward's name at once, and a backup copy can
be looked at before it is trusted. Anything unexpected gives an empty answer, never an error."""

import sqlite3
from pathlib import Path


def _first_row(db_path: Path, sql: str) -> tuple | None:
    """The first row `sql` gives on the file opened read-only; None when it cannot be read."""
    try:
        connection = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=1)
        try:
            return connection.execute(sql).fetchone()
        finally:
            connection.close()
    except sqlite3.Error:
        return None


def unit_identity(db_path: Path) -> tuple[str, str]:
    """(unit name, role "ward" or "district"); ("", "ward") when they cannot be read."""
    row = _first_row(db_path, "SELECT unit_name, role FROM installation WHERE id = 1")
    if not row:
        return "", "ward"
    name = row[0] if isinstance(row[0], str) else ""
    return name, "district" if row[1] == "district" else "ward"


def unit_code(db_path: Path) -> str:
    """The unit's code as the file records it; "" when it cannot be read."""
    row = _first_row(db_path, "SELECT unit_code FROM installation WHERE id = 1")
    return row[0] if row and isinstance(row[0], str) else ""


def schema_revision(db_path: Path) -> str | None:
    """The Alembic revision a database file is at, None when it has none (or is no database)."""
    row = _first_row(db_path, "SELECT version_num FROM alembic_version")
    return row[0] if row else None
