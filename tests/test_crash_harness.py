"""Power cuts, simulated: the real command is killed with SIGKILL at a random moment during an
import, an export, a migration, a backup, a restore and demonstration data, and each time:

- the database passes `integrity_check` and `foreign_key_check`;
- the work is all or nothing (the record counts are those before it or those after a full run);
- the counters in keys/state.json never go back;
- no file is left half-written under its final name (every backup matches its checksum, every
  bundle on the stick is one the district would import);
- the next command works.

Marked slow; CI runs it with a small count (TIEPCAN_CRASH_RUNS kills per operation)."""

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.db import backups as bk
from app.db.migrate import alembic_config
from app.db.sqlite import make_engine, transaction
from app.services.setup import set_up
from app.sync.export import export_bundle
from tests.exchange import introduce

pytestmark = [pytest.mark.slow, pytest.mark.sqlite_only]

RUNS = int(os.environ.get("TIEPCAN_CRASH_RUNS", "3"))
TABLES = ("sessions", "cases", "people", "teams", "trainings")


def tiepcan_process(*args, cwd=None) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "app", *map(str, args)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "TIEPCAN_LANG": "en"},
        cwd=cwd,
    )


def run_to_end(*args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "app", *map(str, args)],
        capture_output=True,
        text=True,
        env={**os.environ, "TIEPCAN_LANG": "en"},
    )


def counts(folder: Path) -> tuple:
    with sqlite3.connect(folder / "tiepcan.db") as connection:
        return tuple(
            connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in TABLES
        )


def counters(folder: Path) -> tuple[int, int]:
    try:
        state = json.loads((folder / "keys" / "state.json").read_text())
        return state["revision"], state["seq"]
    except (OSError, ValueError, KeyError, TypeError):
        return 0, 0


def assert_sound(folder: Path) -> None:
    with sqlite3.connect(folder / "tiepcan.db") as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []


def assert_no_half_written_backup(folder: Path) -> None:
    for backup in bk.list_backups(folder / "backups"):
        assert bk.matches_checksum(backup.path), backup.path


def downgrade(db: Path, target: str) -> None:
    from alembic import command

    engine = make_engine(db, foreign_keys=False)
    try:
        with transaction(engine, write=True) as connection:
            command.downgrade(alembic_config(connection), target)
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def templates(tmp_path_factory):
    """Folders each run starts from: a ward full of demo data trusted by a district, an empty
    ward, the same ward at an old schema, a bundle and a backup copy."""
    root = tmp_path_factory.mktemp("templates")
    district = set_up(root / "district", "district", "01", name="Sở Tư pháp").store
    ward = set_up(root / "ward", "ward", "00167", province="01").store
    introduce(district, ward)
    from app.demo import fill_demo_data

    fill_demo_data(ward, sessions=1500, cases=300, people=120, seed=3)
    bundle = export_bundle(ward, root / "bundle.tcb").path
    from app.services import safekeeping

    copy = safekeeping.back_up(ward, root).path
    ward.close()
    district.close()
    set_up(root / "empty", "ward", "00167", province="01").store.close()
    shutil.copytree(root / "ward", root / "old")
    downgrade(root / "old" / "tiepcan.db", "0003")
    return root, bundle, copy


def fresh(templates, name: str, tmp_path: Path, run: int) -> Path:
    root = templates[0]
    target = tmp_path / f"{name}-{run}"
    shutil.copytree(root / name, target)
    return target


OPERATIONS = {
    # name: (template folder, the command's arguments after the folder is known)
    "import": ("district", lambda folder, t: ("bundle", "import", t[1], "--data-dir", folder)),
    "export": (
        "ward",
        lambda folder, t: (
            "bundle",
            "export",
            "--out",
            folder.parent / f"{folder.name}-stick",
            "--data-dir",
            folder,
        ),
    ),
    "migration": ("old", lambda folder, t: ("status", "--data-dir", folder)),
    "backup": ("ward", lambda folder, t: ("backup", "--data-dir", folder)),
    "restore": ("ward", lambda folder, t: ("restore", t[2], "--data-dir", folder)),
    "demo-data": (
        "empty",
        lambda folder, t: (
            "demo-data",
            "--sessions",
            "1500",
            "--cases",
            "300",
            "--data-dir",
            folder,
        ),
    ),
}


@pytest.mark.parametrize("operation", list(OPERATIONS))
def test_a_kill_at_any_moment_loses_nothing_and_leaves_nothing_half_done(
    operation, templates, tmp_path
):
    template, arguments = OPERATIONS[operation]
    # One full run: how long it takes and what the counts are after it.
    full = fresh(templates, template, tmp_path, 0)
    if operation == "export":
        (full.parent / f"{full.name}-stick").mkdir()
    before = counts(full) if operation != "migration" else None
    started = time.monotonic()
    done = run_to_end(*arguments(full, templates))
    duration = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    after = counts(full)
    # Kill after the interpreter has started (a kill while Python loads its modules tests
    # nothing of ours) and before the work would end.
    started = time.monotonic()
    assert run_to_end("--version").returncode == 0
    startup = min(time.monotonic() - started, duration / 2)
    rng = random.Random(f"{operation}-{os.getpid()}")
    for run in range(1, RUNS + 1):
        folder = fresh(templates, template, tmp_path, run)
        stick = folder.parent / f"{folder.name}-stick"
        stick.mkdir()
        counters_before = counters(folder)
        process = tiepcan_process(*arguments(folder, templates))
        time.sleep(rng.uniform(startup, duration))
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert_sound(folder)
        now = counts(folder)
        if operation == "migration":
            assert now == after  # the upgrade rolls back whole: the same records either way
        else:
            assert now in (before, after), (now, before, after)
        assert counters(folder) >= counters_before
        assert_no_half_written_backup(folder)
        # The next command works, and finishes what was cut short.
        again = run_to_end(*arguments(folder, templates))
        if operation == "demo-data" and now == after:
            assert again.returncode == 1  # already filled: refused, as for any ward with records
        elif operation == "import" and now == after:
            assert again.returncode == 0  # already imported: said so, still exit 0
        else:
            assert again.returncode == 0, again.stderr
        assert counts(folder) == after
        assert_sound(folder)
        assert not [p for p in folder.rglob("*") if p.name.endswith(".part")]
        # Every bundle under its final name is whole (a kill after the rename leaves a whole
        # bundle; the run after it writes the next one beside it).
        for number, bundle in enumerate(sorted(stick.glob("*.tcb"))):
            district = fresh(templates, "district", tmp_path, run * 100 + number)
            verified = run_to_end("bundle", "verify", bundle, "--data-dir", district)
            assert verified.returncode == 0, verified.stderr
        assert not [p for p in stick.iterdir() if p.name.endswith(".part")]
