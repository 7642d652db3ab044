"""Column types both engines store alike.

SQLite's INTEGER holds 64 bits; PostgreSQL's holds 32. Revisions and seqs reach 2^53−1
(design.md §2), so on PostgreSQL every integer column is a BIGINT (an id a BIGSERIAL). SQLite
keeps its INTEGER exactly: an `INTEGER PRIMARY KEY` stays the rowid."""

from sqlalchemy import BigInteger, Integer


def wide_integer() -> Integer:
    return Integer().with_variant(BigInteger(), "postgresql")
