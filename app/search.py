"""Folded search: every typed word must match the start of a word of the record, in any order,
ignoring case and diacritics (đ → d). Backed by the FTS5 tables of app.db.sqlite."""

import re

from sqlalchemy import Connection, text

from app.db.sqlite import SEARCH_TABLES
from app.text import fold

_WORD = re.compile(r"\w+")


_FOLDED: dict[str, str] = {}  # names, places and laws repeat across thousands of records


def _fold_cached(word: str) -> str:
    folded = _FOLDED.get(word)
    if folded is None:
        folded = fold(word)
        if len(word) <= 200 and len(_FOLDED) < 100_000:
            _FOLDED[word] = folded
    return folded


def forget_folded() -> None:
    """See app.services.fields.forget_repeats: per batch, not per process."""
    _FOLDED.clear()


def folded_text(words: list[str | None]) -> str:
    return " ".join(_fold_cached(word) for word in words if word)


def match_expression(query: str) -> str | None:
    """FTS5 query: each folded word as a quoted prefix term, implicitly ANDed. None if the query
    has no word at all (then nothing is filtered)."""
    terms = _WORD.findall(fold(query))
    if not terms:
        return None
    return " ".join(f'"{term}"*' for term in terms)


def search_ids(
    connection: Connection, kind: str, query: str, limit: int | None = None
) -> list[int]:
    """Ids of the live records of `kind` matching `query`, best-first by FTS rank."""
    expression = match_expression(query)
    if expression is None:
        return []
    table = SEARCH_TABLES[kind]
    sql = f"SELECT rowid FROM {table} WHERE {table} MATCH :q ORDER BY rank"
    if limit:
        sql += f" LIMIT {int(limit)}"
    return [row[0] for row in connection.execute(text(sql), {"q": expression})]


def index_records(
    connection: Connection, kind: str, entries: list[tuple[int, str]], fresh: bool = False
) -> None:
    """(Re)index records: entries of (record id, folded text). `fresh`: ids never indexed yet."""
    table = SEARCH_TABLES[kind]
    if not entries:
        return
    if not fresh:
        connection.exec_driver_sql(
            f"DELETE FROM {table} WHERE rowid = ?", [(record_id,) for record_id, _ in entries]
        )
    connection.exec_driver_sql(f"INSERT INTO {table}(rowid, text) VALUES (?, ?)", entries)


def unindex_records(connection: Connection, kind: str, ids: list[int]) -> None:
    if ids:
        connection.exec_driver_sql(
            f"DELETE FROM {SEARCH_TABLES[kind]} WHERE rowid = ?", [(i,) for i in ids]
        )


def clear_index(connection: Connection, kind: str) -> None:
    """Empty a kind's search table (before it is filled again from the records)."""
    connection.exec_driver_sql(f"DELETE FROM {SEARCH_TABLES[kind]}")
