"""Design.md §1: runtime SQL is SQLAlchemy Core over the tables of `app.models`; what only one
engine does sits in app/db (app.db.specific and its engines). So no module of app/ outside app/db
writes SQL text, reaches for the driver's own connection, or spells an SQLite-only word.

Each file is read with `ast`: comments and docstrings may talk about SQL; code may not."""

import ast
import re
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parent.parent / "app"

# The driver underneath SQLAlchemy: only app/db may touch it.
DRIVER_ATTRIBUTES = {"exec_driver_sql", "dbapi_connection", "driver_connection", "raw_connection"}

# Words of SQLite's own SQL, as they would appear inside a string of SQL.
SQLITE_WORDS = {
    "group_concat": re.compile(r"\bgroup_concat\b", re.IGNORECASE),
    "json_extract": re.compile(r"\bjson_extract\b", re.IGNORECASE),
    "json_each": re.compile(r"\bjson_each\b", re.IGNORECASE),
    "julianday": re.compile(r"\bjulianday\b", re.IGNORECASE),
    "MATCH": re.compile(r" MATCH "),  # upper case only: "does not match" is English
    "INSERT OR": re.compile(r"\bINSERT\s+OR\b", re.IGNORECASE),
    "PRAGMA": re.compile(r"\bPRAGMA\b", re.IGNORECASE),
    "rowid": re.compile(r"\browid\b", re.IGNORECASE),
}


def _modules() -> list[Path]:
    return sorted(
        path for path in APP.rglob("*.py") if APP / "db" not in path.parents and path.is_file()
    )


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of string constants that are statements of their own: docstrings and the like."""
    return {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    }


def _sqlalchemy_text_names(tree: ast.AST) -> set[str]:
    """Names under which this module imported sqlalchemy's `text` (app.services.fields has a
    `text` of its own, for a text field)."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sqlalchemy"):
            names |= {alias.asname or alias.name for alias in node.names if alias.name == "text"}
    return names


def _is_sqlalchemy_text(call: ast.Call, text_names: set[str]) -> bool:
    function = call.func
    if isinstance(function, ast.Name):
        return function.id in text_names
    return (
        isinstance(function, ast.Attribute)
        and function.attr == "text"
        and isinstance(function.value, ast.Name)
        and function.value.id in ("sqlalchemy", "sa", "sql")
    )


def problems(source: str) -> list[str]:
    """What a module does that only app/db may do, one line each."""
    tree = ast.parse(source)
    docstrings = _docstrings(tree)
    text_names = _sqlalchemy_text_names(tree)
    found = []
    for node in ast.walk(tree):
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Call):
            if _is_sqlalchemy_text(node, text_names):
                found.append(f"line {line}: SQL text through sqlalchemy.text()")
            if isinstance(node.func, ast.Attribute) and node.func.attr == "cursor":
                found.append(f"line {line}: a driver cursor (.cursor())")
        if isinstance(node, ast.Attribute) and node.attr in DRIVER_ATTRIBUTES:
            found.append(f"line {line}: the driver's own connection (.{node.attr})")
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
        ):
            for word, pattern in SQLITE_WORDS.items():
                if pattern.search(node.value):
                    found.append(f"line {line}: SQLite's own SQL ({word})")
    return found


@pytest.mark.parametrize(
    "path", [pytest.param(path, id=path.relative_to(APP.parent).as_posix()) for path in _modules()]
)
def test_no_engine_specific_sql_outside_app_db(path):
    assert problems(path.read_text(encoding="utf-8")) == []


def test_the_check_finds_what_it_looks_for():
    found = problems(
        '''
"""A docstring may say julianday, PRAGMA and INSERT OR IGNORE."""
from sqlalchemy import text as sql_text

# a comment may say group_concat
def f(connection):
    """So may this one: SELECT rowid FROM t WHERE t MATCH 'x'."""
    connection.execute(sql_text("SELECT 1"))
    connection.exec_driver_sql("SELECT 2")
    connection.connection.dbapi_connection.cursor()
    return f"SELECT group_concat(name, ', ') FROM {table}", "x MATCH y"
'''
    )
    assert sorted(found) == [
        "line 10: a driver cursor (.cursor())",
        "line 10: the driver's own connection (.dbapi_connection)",
        "line 11: SQLite's own SQL (MATCH)",
        "line 11: SQLite's own SQL (group_concat)",
        "line 8: SQL text through sqlalchemy.text()",
        "line 9: the driver's own connection (.exec_driver_sql)",
    ]


def test_a_text_field_is_not_sql():
    # app.services.kinds builds its forms with app.services.fields.text: no SQL in that.
    assert problems('from app.services.fields import text\nnotes = text("notes", "Notes")\n') == []
