"""Folded search: every typed word must match the start of a word of the record, in any order,
ignoring case and diacritics (đ → d). The text and the query are folded here, in Python (no
engine's own folding knows đ); the index itself is the engine's (app.db.specific)."""

import re

from sqlalchemy import Connection, Select

from app.db.specific import specific
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


def search_terms(query: str) -> list[str]:
    """The folded words of a typed query: letters and digits only, so no character the user
    types can mean anything to the engine's search syntax. Empty if the query has no word at
    all (then nothing is filtered)."""
    return _WORD.findall(fold(query))


def search_select(connection: Connection, kind: str, query: str) -> Select | None:
    """A select of the ids of the records of `kind` matching `query`, best first; None when
    the query has no word. As a subquery (`table.c.id.in_(…)`) drop its order: `.order_by(None)`."""
    terms = search_terms(query)
    return specific(connection).search_ids(kind, terms) if terms else None


def search_ids(
    connection: Connection, kind: str, query: str, limit: int | None = None
) -> list[int]:
    """Ids of the live records of `kind` matching `query`, best first."""
    statement = search_select(connection, kind, query)
    if statement is None:
        return []
    if limit:
        statement = statement.limit(limit)
    return list(connection.execute(statement).scalars())


def index_records(
    connection: Connection, kind: str, entries: list[tuple[int, str]], fresh: bool = False
) -> None:
    """(Re)index records: entries of (record id, folded text). `fresh`: ids never indexed yet."""
    specific(connection).index_search(connection, kind, entries, fresh)


def unindex_records(connection: Connection, kind: str, ids: list[int]) -> None:
    specific(connection).unindex_search(connection, kind, ids)


def clear_index(connection: Connection, kind: str) -> None:
    """Empty a kind's search table (before it is filled again from the records)."""
    specific(connection).clear_search(connection, kind)
