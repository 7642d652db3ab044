"""What an installation holds: its identity, live record counts per ward, last seq per ward."""

from sqlalchemy import text

from app.db.store import RECORD_TABLES, Store


def status(store: Store) -> dict:
    installation = store.installation
    counts: dict[str, dict[str, int]] = {}
    if installation["role"] == "ward":
        counts[installation["unit_code"]] = dict.fromkeys(RECORD_TABLES, 0)
    with store.read() as connection:
        for table in RECORD_TABLES:
            rows = connection.execute(
                text(
                    f"SELECT ward_code, count(*) FROM {table} WHERE deleted = 0 GROUP BY ward_code"
                )
            )
            for ward, number in rows:
                counts.setdefault(ward, dict.fromkeys(RECORD_TABLES, 0))[table] = number
    if installation["role"] == "ward":
        last_seq = {installation["unit_code"]: store.counters.load()["seq"]}
    else:
        with store.read() as connection:
            rows = connection.execute(
                text(
                    "SELECT ward_code, seq FROM accepted_bundles a WHERE NOT EXISTS ("
                    "SELECT 1 FROM accepted_bundles b WHERE b.ward_code = a.ward_code AND "
                    "(b.generation > a.generation OR (b.generation = a.generation AND b.seq > a.seq)))"
                )
            )
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
