"""Two operators importing at once into one PostgreSQL district (issue #17): two processes, each
`tiepcan bundle import FOLDER` of different wards' bundles from its own data folder (two PCs
joined to the same database), against one process importing all of them, each run into a fresh
database. Afterwards `status --json` must count exactly the live records of the bundles: none
lost, none doubled.

    python -m tests.benchmarks.two_operators --server URL [--wards N] [--sessions N] [--cases N]
        [--people N]

URL as for tests.benchmarks.national (a database to create databases from). The bundles are made
as there (templates of real demo data, one key per ward, registered in the district as `trust
add` would). Today writers take one lock (app.db.postgres.WRITE_LOCK_KEY): two operators take
turns, so the pair is expected to take about as long as one process doing all.
"""

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.benchmarks.national import (
    CASES,
    PEOPLE,
    SESSIONS,
    chosen_wards,
    create_database,
    drop_database,
    make_bundles,
    new_office,
    register,
)


def tiepcan(folder: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "app", "--data-dir", str(folder), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finished(process: subprocess.Popen) -> str:
    out, err = process.communicate()
    if process.returncode != 0:
        raise SystemExit(f"tiepcan failed ({process.returncode}): {err.strip()[-500:]}")
    return out


def second_pc(first: Path, folder: Path) -> Path:
    """Another PC joined to the same database: the same keys, the same URL."""
    shutil.copytree(first / "keys", folder / "keys")
    shutil.copy(first / "database.url", folder / "database.url")
    return folder


def a_run(server: str, root: Path, name: str, made, folders: list[Path]) -> tuple[float, int]:
    """A fresh district on its own database; the folders imported at once, one process each.
    (seconds, live records counted by `status --json`)."""
    url = create_database(server, f"tiepcan_bench_{name}")
    first = root / name / "pc-1"
    office = new_office(first, url)
    try:
        # The district's keys: the ones the bundles were encrypted for.
        shutil.rmtree(first / "keys")
        shutil.copytree(root / "office" / "keys", first / "keys")
        register(office, made)
    finally:
        office.close()
    pcs = [first] + [second_pc(first, root / name / f"pc-{i + 1}") for i in range(1, len(folders))]
    start = time.perf_counter()
    running = [
        tiepcan(pc, "bundle", "import", str(folder), "--json")
        for pc, folder in zip(pcs, folders, strict=True)
    ]
    results = [json.loads(finished(process)) for process in running]
    seconds = time.perf_counter() - start
    statuses = [bundle["status"] for result in results for bundle in result["bundles"]]
    assert set(statuses) == {"imported"}, statuses
    status = json.loads(finished(tiepcan(first, "status", "--json")))
    drop_database(server, url)
    return seconds, sum(sum(counts.values()) for counts in status["counts"].values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", required=True, help="a database URL to create databases from")
    parser.add_argument("--wards", type=int, default=60)
    parser.add_argument("--sessions", type=int, default=SESSIONS)
    parser.add_argument("--cases", type=int, default=CASES)
    parser.add_argument("--people", type=int, default=PEOPLE)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="tiepcan-two-operators-"))
    url = create_database(args.server, "tiepcan_bench_keys")
    office = new_office(root / "office", url)  # whose keys the bundles are encrypted for
    try:
        units = chosen_wards(args.wards)
        sizes = (args.sessions, args.cases, args.people)
        made = make_bundles(root, office, units, sizes, 4)
    finally:
        office.close()
        drop_database(args.server, url)
    live = sum(one["live"] for one in made)
    records = sum(one["records"] for one in made)
    every = root / "bundles"
    halves = [root / "half-1", root / "half-2"]
    for i, path in enumerate(sorted(every.glob("*.tcb"))):
        halves[i % 2].mkdir(exist_ok=True)
        shutil.copy(path, halves[i % 2] / path.name)
    print(f"{len(made)} wards, {records:,} records in the bundles ({live:,} live)")
    try:
        for name, folders in (("one", [every]), ("two", halves)):
            seconds, counted = a_run(args.server, root, name, made, folders)
            verdict = "equal" if counted == live else "DIFFERENT: records lost or doubled"
            print(f"  {len(folders)} process(es): {seconds:6.1f} s, {records / seconds:,.0f} "
                  f"records/s; status counts {counted:,} live ({verdict})")  # fmt: skip
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
