"""Bundles, whole processes (`tiepcan …` in a subprocess, as an officer runs them):

1. export of a ward of 45,000 sessions, 12,000 cases and 3,000 people;
2. import of that bundle into a district, against raw sqlite3 (parse each line, executemany into
   a WAL database) of the same records in the same run — the ratio raw time / import time;
3. 30 ward bundles of about 10,000 records each into one district, one process: total time, and
   the resident memory after each bundle (it must not grow with the number of bundles).

    python -m tests.benchmarks.bundles [--skip-thirty]
"""

import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
import zipfile
from io import BytesIO
from pathlib import Path

from tests.benchmarks.common import BENCH_DIR


def thirty_ward_codes() -> list[str]:
    """Thirty real communes of Hà Nội from the shipped unit list."""
    from app.units import shipped_units

    return sorted(u.code for u in shipped_units() if u.parent_code == "01")[:30]


def tiepcan(*args: str) -> tuple[float, int]:
    """Run the command; (wall seconds, peak RSS in MB of that process)."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "app", *args], stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"tiepcan {' '.join(args)} failed")
    return time.perf_counter() - start, usage.ru_maxrss // 1024


def fingerprint(folder: Path) -> str:
    out = subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(folder), "keys", "show", "--json"],
        capture_output=True, check=True, text=True,
    )  # fmt: skip
    return json.loads(out.stdout)["fingerprint"]


def make_district(root: Path) -> Path:
    district = root / "district"
    tiepcan(
        "init",
        "district",
        "--code",
        "01",
        "--name",
        "Sở Tư pháp Hà Nội",
        "--data-dir",
        str(district),
    )
    tiepcan("--data-dir", str(district), "keys", "export", "--out", str(root / "district.card"))
    return district


def make_ward(
    root: Path, district: Path, code: str, sessions: int, cases: int, people: int
) -> Path:
    ward = root / code
    tiepcan("init", "ward", "--code", code, "--province", "01", "--data-dir", str(ward))
    tiepcan(
        "--data-dir",
        str(ward),
        "trust",
        "add",
        str(root / "district.card"),
        "--fingerprint",
        fingerprint(district),
    )
    tiepcan(
        "--data-dir",
        str(ward),
        "demo-data",
        "--sessions",
        str(sessions),
        "--cases",
        str(cases),
        "--people",
        str(people),
    )
    tiepcan("--data-dir", str(ward), "keys", "export", "--out", str(root / f"{code}.card"))
    tiepcan(
        "--data-dir",
        str(district),
        "trust",
        "add",
        str(root / f"{code}.card"),
        "--fingerprint",
        fingerprint(ward),
    )
    return ward


def raw_import(bundle_members: dict[str, bytes], target: Path) -> float:
    """The baseline: parse each JSON line and executemany its fields into a WAL database.
    Timed from the first parse to the commit."""
    connection = sqlite3.connect(target, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    start = time.perf_counter()
    connection.execute("BEGIN")
    for name, content in bundle_members.items():
        if not name.startswith("records/"):
            continue
        table = name[len("records/") : -len(".jsonl")]
        rows = [json.loads(line) for line in content.splitlines()]
        connection.execute(
            f"CREATE TABLE {table} (uuid TEXT, ward_code TEXT, revision INTEGER, updated_at TEXT, "
            "deleted INTEGER, content_sha256 TEXT, data TEXT)"
        )
        connection.executemany(
            f"INSERT INTO {table} VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (r["uuid"], r["ward_code"], r["revision"], r["updated_at"], r["deleted"],
                 r["content_sha256"], json.dumps(r["data"], ensure_ascii=False))
                for r in rows
            ],
        )  # fmt: skip
    connection.execute("COMMIT")
    seconds = time.perf_counter() - start
    connection.close()
    return seconds


def raw_in_own_process(members_zip: Path, target: Path) -> float:
    script = (
        "import sys, zipfile\n"
        "from tests.benchmarks.bundles import raw_import\n"
        "with zipfile.ZipFile(sys.argv[1]) as archive:\n"
        "    members = {name: archive.read(name) for name in archive.namelist()}\n"
        "print(raw_import(members, sys.argv[2]))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, str(members_zip), str(target)],
        capture_output=True, check=True, text=True,
    )  # fmt: skip
    return float(out.stdout)


def members_of(bundle: Path, ward: Path) -> dict[str, bytes]:
    import pyrage

    from app.sync.keys import KeyFolder

    archive = pyrage.decrypt(bundle.read_bytes(), [KeyFolder(ward / "keys").identity()])
    with zipfile.ZipFile(BytesIO(archive)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def big_ward(root: Path) -> None:
    district = make_district(root)
    ward = make_ward(root, district, "00167", sessions=45_000, cases=12_000, people=3_000)
    shutil.copytree(district, root / "district-before-import")
    export_seconds, export_mb = tiepcan(
        "--data-dir", str(ward), "bundle", "export", "--out", str(root / "big.tcb")
    )
    # The decrypted members go to a file read by the baseline's own process: held here, they
    # would make every process started from this one report this one's peak memory as its own
    # (Linux keeps the high-water mark across fork and exec).
    members = members_of(root / "big.tcb", ward)
    records = sum(c.count(b"\n") for n, c in members.items() if n.startswith("records/"))
    with zipfile.ZipFile(root / "members.zip", "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    del members
    print(f"export: {records:,} records, {export_seconds:.2f} s, peak {export_mb} MB, "
          f"file {(root / 'big.tcb').stat().st_size / 2**20:.1f} MiB")  # fmt: skip
    # The machines are shared and noisy: each side three times, alternating, medians compared.
    imports, raws = [], []
    for attempt in range(3):
        target = root / f"district-{attempt}"
        shutil.copytree(root / "district-before-import", target)
        imports.append(
            tiepcan("--data-dir", str(target), "bundle", "import", str(root / "big.tcb"))
        )
        raws.append(raw_in_own_process(root / "members.zip", root / f"raw-{attempt}.db"))
    import_seconds = statistics.median(seconds for seconds, _ in imports)
    import_mb = max(mb for _, mb in imports)
    print("imports (s, MB):", imports)
    raw_seconds = statistics.median(raws)
    print(f"import: {import_seconds:.2f} s whole process (median of 3), peak {import_mb} MB")
    print(f"raw sqlite3 parse + executemany: {raw_seconds:.2f} s (median of 3)")
    print(f"ratio raw / import: {raw_seconds / import_seconds:.2f}  (goal >= 0.4)")


def thirty_wards(root: Path) -> None:
    district = make_district(root)
    bundles = []
    for code in thirty_ward_codes():
        ward = make_ward(root, district, code, sessions=7_000, cases=2_400, people=600)
        tiepcan("--data-dir", str(ward), "bundle", "export", "--out", str(root / f"{code}.tcb"))
        bundles.append(root / f"{code}.tcb")
        shutil.rmtree(ward)
    script = (
        "import resource, sys, time\n"
        "from pathlib import Path\n"
        "from app.db.store import Store\n"
        "from app.sync.importer import import_bundles\n"
        "store = Store.open(sys.argv[1])\n"
        "start = time.perf_counter()\n"
        "for i, path in enumerate(sys.argv[2:], 1):\n"
        "    outcome = import_bundles(store, [Path(path)])[0]\n"
        "    assert outcome.status == 'imported', outcome.reason\n"
        "    rss = int(open('/proc/self/statm').read().split()[1]) * 4096 // 2**20\n"
        "    print(i, f'{time.perf_counter() - start:.1f}', rss, flush=True)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, str(district), *map(str, bundles)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    lines = [line.split() for line in out.stdout.splitlines()]
    rss = [int(line[2]) for line in lines]
    print(f"30 bundles: total {float(lines[-1][1]):.1f} s; resident memory after bundle 1: {rss[0]} MB, "
          f"after 10: {rss[9]} MB, after 30: {rss[-1]} MB, max {max(rss)} MB")  # fmt: skip


def main() -> None:
    root = BENCH_DIR / "bundles"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    if "--only-thirty" not in sys.argv:
        big_ward(root / "big")
    if "--skip-thirty" not in sys.argv:
        thirty_wards(root / "thirty")


if __name__ == "__main__":
    main()
