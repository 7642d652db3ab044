"""Reading the ward's name straight from the file, before the database libraries are loaded, so
the window can show it at once. Anything unexpected gives an empty name, never an error."""

import sqlite3
from pathlib import Path


def unit_identity(db_path: Path) -> tuple[str, str]:
    """(unit name, role "ward" or "district"); ("", "ward") when they cannot be read."""
    try:
        connection = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=1)
        try:
            row = connection.execute(
                "SELECT unit_name, role FROM installation WHERE id = 1"
            ).fetchone()
        finally:
            connection.close()
    except sqlite3.Error:
        return "", "ward"
    if not row:
        return "", "ward"
    name = row[0] if isinstance(row[0], str) else ""
    return name, "district" if row[1] == "district" else "ward"


def unit_code(db_path: Path) -> str:
    """The unit's code as the file records it; "" when it cannot be read."""
    try:
        connection = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=1)
        try:
            row = connection.execute("SELECT unit_code FROM installation WHERE id = 1").fetchone()
        finally:
            connection.close()
    except sqlite3.Error:
        return ""
    return row[0] if row and isinstance(row[0], str) else ""
