"""100,000 outreach sessions written through the GUI's save service, in batches, against raw
sqlite3 executemany of equivalent rows into a WAL database, in the same run.

    python -m tests.benchmarks.write_sessions [N] [BATCH]
"""

import json
import random
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

from app.services import records as svc
from app.services.rows import parent_columns
from app.services.setup import set_up
from tests.benchmarks.common import elapsed, peak_rss_mb, person_data, session_data


def raw_baseline(folder: Path, rows: list[dict]) -> float:
    """The same session rows, plain INSERTs with executemany: no validation, audit, or index."""
    connection = sqlite3.connect(folder / "raw.db", isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    columns = parent_columns("sessions")
    connection.execute(f"CREATE TABLE sessions (id INTEGER PRIMARY KEY, {', '.join(columns)})")
    marks = ", ".join("?" for _ in columns)
    sql = f"INSERT INTO sessions ({', '.join(columns)}) VALUES ({marks})"

    def insert():
        for start in range(0, len(rows), BATCH):
            connection.execute("BEGIN")
            connection.executemany(
                sql,
                [
                    tuple(
                        json.dumps(row[c], ensure_ascii=False)
                        if isinstance(row.get(c), list)
                        else row.get(c)
                        for c in columns
                    )
                    for row in rows[start : start + BATCH]
                ],
            )
            connection.execute("COMMIT")

    seconds, _ = elapsed(insert)
    connection.close()
    return seconds


def main() -> None:
    global BATCH
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    BATCH = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000
    folder = Path(tempfile.mkdtemp(prefix="tiepcan-bench-"))
    try:
        store = set_up(folder / "ward", "ward", "00167", province="01", officer="Benchmark").store
        rng = random.Random(1)
        people = svc.create_many(store, "people", [person_data(rng) for _ in range(200)])
        presenters = [p["uuid"] for p in people]
        items = [session_data(rng, presenters) for _ in range(count)]

        def through_services():
            for start in range(0, count, BATCH):
                svc.create_many(store, "sessions", items[start : start + BATCH])

        service_seconds, _ = elapsed(through_services)
        store.close()
        raw_rows = [
            {**item, "uuid": f"u{i}", "ward_code": "00167", "revision": i, "updated_at": "x",
             "deleted": 0, "content_sha256": "0" * 64, "direct": 1, "sort_key": None}
            for i, item in enumerate(items)
        ]  # fmt: skip
        raw_seconds = raw_baseline(folder, raw_rows)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    service_rate, raw_rate = count / service_seconds, count / raw_seconds
    print(f"sessions: {count}, batch: {BATCH}")
    print(
        f"services (validate + write + children + audit + search index): {service_seconds:.2f} s, {service_rate:,.0f} records/s"
    )
    print(f"raw sqlite3 executemany of the same rows: {raw_seconds:.2f} s, {raw_rate:,.0f} rows/s")
    print(f"ratio services / raw: {service_rate / raw_rate:.3f}  (goal >= 0.10)")
    print(f"peak RSS: {peak_rss_mb():.0f} MB")


BATCH = 1_000

if __name__ == "__main__":
    main()
