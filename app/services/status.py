"""What an installation holds: its identity, live record counts per ward, last seq per ward."""

from sqlalchemy import and_, exists, func, or_, select

from app.db.store import RECORD_TABLES, Store
from app.models import AcceptedBundle, metadata

_bundles = AcceptedBundle.__table__


def _live_counts(table):
    return (
        select(table.c.ward_code, func.count())
        .where(table.c.deleted.is_(False))
        .group_by(table.c.ward_code)
    )


def _last_seqs():
    """Each ward's seq of its latest accepted bundle: none later by generation, then seq."""
    a, b = _bundles.alias("a"), _bundles.alias("b")
    later = or_(
        b.c.generation > a.c.generation,
        and_(b.c.generation == a.c.generation, b.c.seq > a.c.seq),
    )
    return select(a.c.ward_code, a.c.seq).where(
        ~exists().where(b.c.ward_code == a.c.ward_code, later)
    )


def status(store: Store) -> dict:
    installation = store.installation
    counts: dict[str, dict[str, int]] = {}
    if installation["role"] == "ward":
        counts[installation["unit_code"]] = dict.fromkeys(RECORD_TABLES, 0)
    with store.read() as connection:
        for table in RECORD_TABLES:
            rows = connection.execute(_live_counts(metadata.tables[table]))
            for ward, number in rows:
                counts.setdefault(ward, dict.fromkeys(RECORD_TABLES, 0))[table] = number
    if installation["role"] == "ward":
        last_seq = {installation["unit_code"]: store.counters.load()["seq"]}
    else:
        with store.read() as connection:
            rows = connection.execute(_last_seqs())
            last_seq = dict(rows.all())
    return {
        "unit": {
            "role": installation["role"],
            "code": installation["unit_code"],
            "name": installation["unit_name"],
        },
        "counts": counts,
        "last_seq": last_seq,
    }
