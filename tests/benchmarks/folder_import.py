"""A district's end of period: 130 ward bundles (about 500,000 records) on one stick, imported
as one folder (`tiepcan bundle import FOLDER`, one process).

Reports the whole command's time and peak memory, and, in a second run of the same folder one
bundle at a time in one process, the resident memory after each bundle: it must stay flat in
the number of bundles, not creep.

    python -m tests.benchmarks.folder_import [--wards N]

The wards are made with the services in worker processes (demo data, their own keys, their
trust of the district), each ward's folder removed once its bundle is written.
"""

import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from tests.benchmarks.common import BENCH_DIR

SESSIONS, CASES, PEOPLE = 2_900, 800, 150  # about 3,850 records a ward


def province_and_wards(count: int) -> tuple[str, list[str]]:
    """The province with the most communes in the shipped unit list (a district accepts only
    its own province's wards), and `count` of them."""
    from collections import defaultdict

    from app.units import shipped_units

    communes = defaultdict(list)
    for unit in shipped_units():
        if unit.level == "commune":
            communes[unit.parent_code].append(unit.code)
    province = max(communes, key=lambda code: len(communes[code]))
    if len(communes[province]) < count:
        raise SystemExit(f"no province has {count} communes")
    return province, sorted(communes[province])[:count]


def make_ward(root: Path, code: str, seed: int) -> tuple[str, int]:
    """One ward from scratch to its bundle in root/stick; returns (code, records)."""
    from app.db.store import Store
    from app.demo import fill_demo_data
    from app.services.setup import set_up
    from app.sync.export import export_bundle
    from app.sync.trust import export_card, show_keys, trust_card

    district = Store.open(root / "district")
    folder = root / "wards" / code
    set_up(folder, "ward", code, province=None)
    ward = Store.open(folder)
    try:
        trust_card(ward, export_card(district), show_keys(district)["fingerprint"])
        (root / "cards" / f"{code}.card").write_bytes(export_card(ward))
        (root / "cards" / f"{code}.fingerprint").write_text(show_keys(ward)["fingerprint"])
        counts = fill_demo_data(ward, sessions=SESSIONS, cases=CASES, people=PEOPLE, seed=seed)
        export_bundle(ward, root / "stick" / f"{code}-1.tcb")
    finally:
        ward.close()
        district.close()
    shutil.rmtree(folder)
    return code, sum(counts.values())


def prepare(root: Path, count: int) -> int:
    from app.db.store import Store
    from app.services.setup import set_up
    from app.sync.trust import trust_card

    for name in ("stick", "cards", "wards"):
        (root / name).mkdir(parents=True)
    province, codes = province_and_wards(count)
    set_up(root / "district", "district", province, name="Sở Tư pháp (benchmark)")
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        made = list(pool.map(make_ward, [root] * len(codes), codes, range(len(codes))))
    district = Store.open(root / "district")
    try:
        for code, _ in made:
            card = (root / "cards" / f"{code}.card").read_bytes()
            trust_card(district, card, (root / "cards" / f"{code}.fingerprint").read_text())
    finally:
        district.close()
    shutil.copytree(root / "district", root / "district-empty")
    return sum(records for _, records in made)


def whole_command(root: Path) -> tuple[float, int]:
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "--data-dir", str(root / "district"), "bundle", "import",
         str(root / "stick")],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit("bundle import FOLDER failed")
    return time.perf_counter() - start, usage.ru_maxrss // 1024


MEMORY_SCRIPT = """
import sys
from pathlib import Path
from app.db.store import Store
from app.sync.importer import bundle_files, import_bundles
store = Store.open(sys.argv[1])
for path in bundle_files(store, [Path(sys.argv[2])]):
    [outcome] = import_bundles(store, [path])
    assert outcome.status == "imported", outcome.reason
    print(int(open("/proc/self/statm").read().split()[1]) * 4096 // 2**20, flush=True)
"""


def memory_per_bundle(root: Path) -> list[int]:
    target = root / "district-memory"
    shutil.copytree(root / "district-empty", target)
    out = subprocess.run(
        [sys.executable, "-c", MEMORY_SCRIPT, str(target), str(root / "stick")],
        capture_output=True, check=True, text=True,
    )  # fmt: skip
    return [int(line) for line in out.stdout.split()]


PAGES_SCRIPT = """
import os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
from app.db.store import Store
from ui.settings_store import UiSettings
from ui.pages.dashboard import DashboardPage
from ui.pages.tracker import TrackerPage
store = Store.open(sys.argv[1])
host = QMainWindow()
host.resize(1280, 800)
host.show()
for page_class in (DashboardPage, TrackerPage):
    page = page_class(store, UiSettings(store.folder.root), host)
    host.setCentralWidget(page)
    app.processEvents()
    for _ in range(2):  # what a visit to the page costs, the page on screen
        start = time.perf_counter()
        page.refresh()
        app.processEvents()
        seconds = time.perf_counter() - start
    print(page_class.__name__, round(seconds, 3), page.table.rowCount(), flush=True)
"""

CHECK_SCRIPT = """
import sys, time
from pathlib import Path
from app.db.store import Store
from app.sync.inbox import check_files
store = Store.open(sys.argv[1])
start = time.perf_counter()
items = check_files(store, [Path(sys.argv[2])])
assert all(item.outcome.status == "acceptable" for item in items), [i.outcome.reason for i in items]
print(round(time.perf_counter() - start, 1), len(items), flush=True)
"""


def run_script(script: str, *args) -> str:
    return subprocess.run(
        [sys.executable, "-c", script, *map(str, args)], capture_output=True, check=True, text=True
    ).stdout


def main() -> None:
    count = int(sys.argv[sys.argv.index("--wards") + 1]) if "--wards" in sys.argv else 130
    root = BENCH_DIR / "folder-import"
    shutil.rmtree(root, ignore_errors=True)
    start = time.perf_counter()
    records = prepare(root, count)
    print(
        f"prepared {count} ward bundles, {records:,} records, in {time.perf_counter() - start:.0f} s"
    )
    seconds, peak = whole_command(root)
    print(f"bundle import FOLDER: {seconds:.1f} s whole command ({records / seconds:,.0f} records/s), "
          f"peak {peak} MB")  # fmt: skip
    for line in run_script(PAGES_SCRIPT, root / "district").splitlines():
        name, seconds, rows = line.split()
        print(f"{name}: {seconds} s to read and show {int(rows)} wards, on screen")
    check = root / "district-check"
    shutil.copytree(root / "district-empty", check)
    seconds, checked = run_script(CHECK_SCRIPT, check, root / "stick").split()
    print(f"inbox check (a dry run of each) of {checked} bundles: {seconds} s")
    rss = memory_per_bundle(root)
    marks = sorted({1, min(10, len(rss)), max(1, len(rss) // 2), len(rss)})
    print("resident MB after bundle " + ", ".join(f"{i}: {rss[i - 1]}" for i in marks)
          + f"; max {max(rss)}")  # fmt: skip


if __name__ == "__main__":
    main()
