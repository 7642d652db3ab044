"""Reading the ward's name straight from the file, before the database libraries are loaded, so
the window can show it at once. Anything unexpected gives an empty name, never an error."""

import sqlite3
from pathlib import Path


def unit_name(db_path: Path) -> str:
    try:
        connection = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=1)
        try:
            row = connection.execute("SELECT unit_name FROM installation WHERE id = 1").fetchone()
        finally:
            connection.close()
    except sqlite3.Error:
        return ""
    return row[0] if row and isinstance(row[0], str) else ""
