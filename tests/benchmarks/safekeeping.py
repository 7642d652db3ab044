"""A large district's safety work: the quick check after start-up, the full check, the daily
backup (copy, SQLite's check of the copy, checksum) — and whether the window waits for any of it.

    python -m tests.benchmarks.safekeeping [--db PATH]

Default database: the district that `python -m tests.benchmarks.folder_import` builds (130
wards, about 500,000 records). The baseline is reading the same file once from start to end
(what any check must at least do), measured in the same run; ratios are to it.

The window: the quick check and the day's backup run in the window's background task while a
10 ms timer ticks on the GUI thread; the longest gap between ticks is how long the window would
have stopped answering (it should stay near 10 ms: SQLite releases Python's lock while it reads).
"""

import os
import shutil
import sqlite3
import sys
import time
from pathlib import Path

from tests.benchmarks.common import BENCH_DIR

DEFAULT_DB = BENCH_DIR / "folder-import" / "district" / "tiepcan.db"


def records_in(db: Path) -> int:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        return sum(
            connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("sessions", "cases", "people", "teams", "trainings")
        )


def read_through(db: Path) -> float:
    start = time.perf_counter()
    with open(db, "rb") as handle:
        while handle.read(1 << 22):
            pass
    return time.perf_counter() - start


def timed(function, *args, **kwargs) -> tuple[float, object]:
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - start, result


def window_stall(db: Path, scratch: Path) -> tuple[float, float]:
    """(seconds the background care took, the longest gap between 10 ms ticks meanwhile)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    from app.db.store import Store
    from app.services import safekeeping

    app = QApplication.instance() or QApplication([])
    folder = scratch / "district"
    store = Store.open(folder)
    window = QMainWindow()
    window.show()
    from ui.worker import run_task

    gaps, last, finished = [], [time.perf_counter()], []

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(10)
    start = time.perf_counter()

    def work(_report):
        assert not store.find_damage(quick=True)
        return safekeeping.back_up_daily(store)

    task = run_task(work, finished.append, lambda error: finished.append(error))
    while not finished:
        app.processEvents()
        time.sleep(0.001)
    seconds = time.perf_counter() - start
    timer.stop()
    del task
    store.close()
    if isinstance(finished[0], BaseException):
        raise finished[0]
    return seconds, max(gaps)


def main() -> None:
    db = Path(sys.argv[sys.argv.index("--db") + 1]) if "--db" in sys.argv else DEFAULT_DB
    if not db.is_file():
        raise SystemExit(f"{db} not found: run python -m tests.benchmarks.folder_import first")
    from app.db.backups import make_backup
    from app.db.peek import schema_revision
    from app.db.sqlite import integrity_problems

    size = db.stat().st_size
    print(f"database: {records_in(db):,} records, {size / 1e6:,.0f} MB")
    baseline = read_through(db)  # the second read of a warm file: the fair, cached baseline
    baseline = min(baseline, read_through(db))
    quick, problems = timed(integrity_problems, db, quick=True)
    assert not problems, problems
    full, problems = timed(integrity_problems, db)
    assert not problems, problems
    scratch = BENCH_DIR / "safekeeping"
    shutil.rmtree(scratch, ignore_errors=True)
    backup_seconds, backup = timed(
        make_backup, db, scratch / "backups", code="79", schema=schema_revision(db)
    )
    print(f"read the file once (baseline): {baseline:.2f} s")
    print(f"quick check: {quick:.2f} s ({quick / baseline:.1f}× the baseline)")
    print(f"full check (integrity and foreign keys): {full:.2f} s ({full / baseline:.1f}×)")
    print(
        f"backup with its check and checksum: {backup_seconds:.2f} s "
        f"({backup_seconds / baseline:.1f}×), {backup.path.stat().st_size / 1e6:,.0f} MB"
    )
    # The window: a copy of the district folder, so the day's backup is really due there.
    (scratch / "district").mkdir()
    shutil.copy(db, scratch / "district" / "tiepcan.db")
    seconds, stall = window_stall(db, scratch)
    print(
        f"window: quick check and the day's backup in the background took {seconds:.2f} s; "
        f"longest pause of the GUI thread meanwhile {stall * 1000:.0f} ms"
    )
    shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
