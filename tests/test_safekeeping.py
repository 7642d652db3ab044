"""Years of records on one office PC (issue #14): backups, restore, damage, full disks, killed
work. Each refusal is one line and changes nothing."""

import hashlib
import os
import resource
import signal
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app.cli.main import run
from app.db import backups as bk
from app.db.migrate import upgrade_to_head
from app.db.schema import SCHEMA_HEAD
from app.services import records as svc
from app.services import safekeeping
from app.services.maintenance import open_installation
from app.services.setup import set_up
from app.sync.export import export_bundle
from tests import factories as f
from tests.exchange import introduce

# Backups, restore and damaged files: an SQLite district's (a server database has its own tools).
pytestmark = pytest.mark.sqlite_only


def tiepcan(*args: str) -> int:
    return run([str(arg) for arg in args])


def one_line(text: str) -> str:
    lines = text.strip().splitlines()
    assert len(lines) == 1, text
    return lines[0]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def damage_middle(db: Path) -> None:
    size = db.stat().st_size
    with open(db, "r+b") as handle:
        handle.seek((size // 2) // 4096 * 4096)
        handle.write(os.urandom(4096))


@pytest.fixture
def filled(ward):
    for i in range(5):
        svc.create(ward, "sessions", f.session_data(attendees=i))
    return ward


# -- a damaged database ---------------------------------------------------------------------


@pytest.mark.parametrize("damage", ["header", "truncated"])
def test_a_damaged_file_is_one_line_for_every_command(filled, damage, capsys, tmp_path):
    folder = filled.folder
    assert tiepcan("backup", "--data-dir", folder.root) == 0
    good = bk.list_backups(folder.backups)[0]
    filled.close()
    if damage == "header":
        with open(folder.db, "r+b") as handle:
            handle.write(b"not a database at all!")
    else:
        os.truncate(folder.db, 20_000)
        Path(f"{folder.db}-wal").unlink(missing_ok=True)
    before = digest(folder.db)
    capsys.readouterr()
    commands = [
        ("status",),
        ("status", "--json"),
        ("check",),
        ("backup",),
        ("demo-data",),
        ("report", "sessions-log", "--period", "2026", "--format", "csv", "--out", tmp_path / "r"),
    ]
    for command in commands:
        assert tiepcan(*command, "--data-dir", folder.root) == 1, command
        line = one_line(capsys.readouterr().err)
        assert "hỏng" in line and good.path.name in line, line  # Vietnamese, names the backup
    assert digest(folder.db) == before  # nothing written


def test_without_a_backup_the_message_does_not_point_to_one(ward, capsys):
    ward.close()
    os.truncate(ward.folder.db, 10_000)
    assert tiepcan("status", "--data-dir", ward.folder.root) == 1
    line = one_line(capsys.readouterr().err)
    assert "không có bản sao lưu" in line and "backups" not in line


def test_an_import_never_writes_into_a_database_damaged_in_the_middle(district, tmp_path, capsys):
    ward = set_up(tmp_path / "w", "ward", "00167", province="01").store
    introduce(district, ward)
    for i in range(3):
        svc.create(ward, "sessions", f.session_data(attendees=i))
    bundle = export_bundle(ward, tmp_path / "1.tcb").path
    ward.close()
    # A district with some bulk to damage: many journal rows, then 4 KB of noise in the middle.
    with district.write() as connection:
        connection.exec_driver_sql("CREATE TABLE padding (id INTEGER PRIMARY KEY, body TEXT)")
        connection.exec_driver_sql(
            "INSERT INTO padding (body) VALUES " + ",".join(["(hex(randomblob(200)))"] * 3000)
        )
    district.close()
    sqlite3.connect(district.folder.db).execute("PRAGMA wal_checkpoint(TRUNCATE)").close()
    damage_middle(district.folder.db)
    before = digest(district.folder.db)
    capsys.readouterr()
    assert tiepcan("bundle", "import", bundle, "--data-dir", district.folder.root) == 1
    assert "hỏng" in one_line(capsys.readouterr().err)
    assert digest(district.folder.db) == before
    assert tiepcan("check", "--data-dir", district.folder.root) == 1
    assert "hỏng" in one_line(capsys.readouterr().err)


def test_check_says_a_sound_database_is_sound(filled, capsys):
    assert tiepcan("check", "--data-dir", filled.folder.root) == 0
    assert "nguyên vẹn" in one_line(capsys.readouterr().out)


def test_a_store_found_damaged_refuses_every_write(filled):
    filled.damaged = True
    with pytest.raises(Exception, match="damaged"):
        svc.create(filled, "sessions", f.session_data())


# -- a full disk ----------------------------------------------------------------------------


def _limited(size: int):
    def apply() -> None:
        signal.signal(
            signal.SIGXFSZ, signal.SIG_IGN
        )  # a write past the limit fails, as on a full disk
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return apply


@pytest.mark.parametrize("limit", [0, 200_000])
@pytest.mark.parametrize(
    "command", [("status",), ("backup",), ("check",), ("demo-data", "--sessions", "400")]
)
def test_a_full_disk_is_one_plain_line(tmp_path, command, limit):
    folder = tmp_path / "w"
    assert tiepcan("init", "ward", "--code", "00167", "--province", "01", "--data-dir", folder) == 0
    if command[0] != "demo-data":
        assert tiepcan("demo-data", "--sessions", "60", "--data-dir", folder) == 0
    counts_before = _counts(folder)
    done = subprocess.run(
        [sys.executable, "-m", "app", *command, "--data-dir", str(folder)],
        capture_output=True,
        text=True,
        preexec_fn=_limited(limit),
        env={**os.environ, "TIEPCAN_LANG": "vi"},
    )
    if done.returncode != 0:
        assert done.returncode == 1
        line = one_line(done.stderr)
        assert "Traceback" not in line and ("đĩa" in line or "ổ" in line), line
    assert _counts(folder) == counts_before or (command[0] == "demo-data" and done.returncode == 0)
    assert not [p for p in folder.rglob("*") if p.name.endswith(".part")]


def _counts(folder: Path) -> tuple:
    with sqlite3.connect(folder / "tiepcan.db") as connection:
        return tuple(
            connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("sessions", "cases", "people")
        )


# -- backups ----------------------------------------------------------------------------------


def test_backup_out_folder_writes_the_named_copy_and_its_checksum(filled, tmp_path, capsys):
    stick = tmp_path / "usb"
    stick.mkdir()
    assert tiepcan("backup", "--out", stick, "--data-dir", filled.folder.root) == 0
    copies = sorted(stick.iterdir())
    assert [p.suffix for p in copies] == [".db", ".sha256"]
    assert copies[0].name.startswith("tiepcan-00167-") and len(copies[0].stem) == len(
        "tiepcan-00167-20261205-101500"
    )
    checked = subprocess.run(
        ["sha256sum", "-c", copies[1].name], cwd=stick, capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stdout
    with sqlite3.connect(copies[0]) as copy:
        assert copy.execute("SELECT count(*) FROM sessions").fetchone()[0] == 5
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    # An existing file is never replaced.
    capsys.readouterr()
    assert tiepcan("backup", "--out", copies[0], "--data-dir", filled.folder.root) == 1
    assert "đã có" in one_line(capsys.readouterr().err)


def test_rotation_over_a_simulated_year_keeps_7_daily_4_weekly_12_monthly(tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    start = datetime(2026, 1, 1, 9, 0, 0)
    for day in range(365):
        for hour in (9, 16):  # two copies some days: only the newest of a day counts
            when = start + timedelta(days=day, hours=hour - 9)
            path = folder / bk.backup_name("00167", when, "0008")
            path.write_bytes(b"x")
            bk.checksum_path(path).write_text("0" * 64 + "  " + path.name)
        bk.rotate(folder)
    kept = [b.created for b in bk.list_backups(folder)]
    last = start + timedelta(days=364, hours=7)
    days = {c.date() for c in kept}
    assert {last.date() - timedelta(days=n) for n in range(7)} <= days
    assert len({c.isocalendar()[:2] for c in kept}) >= 4
    assert {(c.year, c.month) for c in kept} == {(2026, m) for m in range(1, 13)}
    assert len(kept) <= 7 + 4 + 12
    assert all(c.hour == 16 for c in kept)  # the newest copy of its day
    # Checksums went with their copies.
    assert len(list(folder.glob("*.sha256"))) == len(kept)


def test_a_daily_backup_is_made_once_a_day(filled):
    assert safekeeping.back_up_daily(filled) is not None
    assert safekeeping.back_up_daily(filled) is None
    [backup] = bk.list_backups(filled.folder.backups)
    assert bk.matches_checksum(backup.path) and backup.schema == SCHEMA_HEAD


def test_a_killed_backup_leaves_nothing_that_looks_like_a_backup(filled):
    folder = filled.folder.backups
    folder.mkdir()
    stale = folder / ".tiepcan-00167-20261201-101010-schema-0008.db.part"
    stale.write_bytes(b"")  # a kill during the copy
    orphan = folder / "tiepcan-00167-20261201-101011-schema-0008.db.sha256"
    orphan.write_text("0" * 64)  # a kill between the checksum and the rename
    safekeeping.back_up(filled)
    assert not stale.exists() and not orphan.exists()
    assert [bk.matches_checksum(b.path) for b in bk.list_backups(folder)] == [True]


def test_retried_upgrades_do_not_pile_up_copies(ward):
    ward.close()
    for _ in range(4):
        upgrade_to_head(ward.folder.db, ward.folder.backups, "0007", target="head")
    before_upgrade = [b for b in bk.list_backups(ward.folder.backups) if b.tag == "before-upgrade"]
    assert len(before_upgrade) == bk.KEEP_TAGGED["before-upgrade"]
    assert all(bk.matches_checksum(b.path) for b in before_upgrade)


# -- restore ----------------------------------------------------------------------------------


def test_restore_keeps_the_current_database_and_never_lowers_the_counters(filled, tmp_path):
    copy = safekeeping.back_up(filled, tmp_path).path
    svc.create(filled, "sessions", f.session_data())  # made after the copy
    revision = filled.counters.load()["revision"]
    filled.close()
    restored = safekeeping.restore(filled.folder.root, copy)
    assert restored.identity.code == "00167" and not restored.kept_damaged
    with sqlite3.connect(restored.kept) as kept:  # the replaced database, with the late edit
        assert kept.execute("SELECT count(*) FROM sessions").fetchone()[0] == 6
    store = open_installation(filled.folder.root)
    try:
        assert len(svc.list_records(store, "sessions")) == 5
        new = svc.create(store, "sessions", f.session_data())
        assert new["revision"] > revision
    finally:
        store.close()


def test_restore_from_the_command_line_after_damage(filled, tmp_path, capsys):
    assert tiepcan("backup", "--data-dir", filled.folder.root) == 0
    good = bk.list_backups(filled.folder.backups)[0]
    filled.close()
    os.truncate(filled.folder.db, 20_000)
    capsys.readouterr()
    assert tiepcan("restore", good.path, "--data-dir", filled.folder.root) == 0
    out = capsys.readouterr().out
    assert "Đã khôi phục" in out
    damaged = list(filled.folder.backups.glob("*-damaged.db"))
    assert len(damaged) == 1 and damaged[0].stat().st_size == 20_000  # moved aside, whole
    assert tiepcan("check", "--data-dir", filled.folder.root) == 0


def _refused(folder: Path, copy: Path, capsys, words: str) -> None:
    before = digest(folder / "tiepcan.db")
    capsys.readouterr()
    assert tiepcan("restore", copy, "--data-dir", folder) == 1
    assert words in one_line(capsys.readouterr().err)
    assert digest(folder / "tiepcan.db") == before
    assert not list(folder.glob("backups/*before-restore*"))  # nothing kept: nothing replaced


def test_restore_refuses_a_damaged_copy(filled, tmp_path, capsys):
    copy = safekeeping.back_up(filled, tmp_path).path
    filled.close()
    bk.checksum_path(copy).unlink()  # no checksum to catch it: SQLite's check must
    damage_middle(copy)
    _refused(filled.folder.root, copy, capsys, "hỏng")


def test_restore_refuses_a_copy_changed_since_it_was_made(filled, tmp_path, capsys):
    copy = safekeeping.back_up(filled, tmp_path).path
    filled.close()
    with sqlite3.connect(copy) as connection:
        connection.execute("DELETE FROM sessions")
    _refused(filled.folder.root, copy, capsys, "mã kiểm tra")


def test_restore_refuses_a_newer_schema(filled, tmp_path, capsys):
    copy = safekeeping.back_up(filled, tmp_path).path
    filled.close()
    bk.checksum_path(copy).unlink()
    with sqlite3.connect(copy) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    _refused(filled.folder.root, copy, capsys, "phiên bản mới hơn")


def test_restore_refuses_another_units_backup(filled, tmp_path, capsys):
    other = set_up(tmp_path / "other", "ward", "00004", province="01").store
    copy = safekeeping.back_up(other, tmp_path).path
    other.close()
    filled.close()
    _refused(filled.folder.root, copy, capsys, "00004")


def test_restore_refuses_a_file_that_is_no_database(filled, tmp_path, capsys):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"hello")
    filled.close()
    _refused(filled.folder.root, junk, capsys, "không phải")


def test_restore_is_refused_while_a_window_has_the_folder_open(filled, tmp_path, capsys):
    from app.db.instance import InstanceLock

    copy = safekeeping.back_up(filled, tmp_path).path
    filled.close()
    lock = InstanceLock(filled.folder.gui_lock)
    lock.acquire()
    try:
        _refused(filled.folder.root, copy, capsys, "cửa sổ")
    finally:
        lock.release()


# -- killed work ------------------------------------------------------------------------------


def test_demo_data_is_all_or_nothing(ward, monkeypatch):
    from app.demo import edits

    def killed(*_args, **_kwargs):
        raise KeyboardInterrupt  # stands for the kill: the transaction never commits

    monkeypatch.setattr(edits.Editor, "undo_a_deletion", killed)
    from app.demo import fill_demo_data

    with pytest.raises(KeyboardInterrupt):
        fill_demo_data(ward, sessions=30, cases=10, people=10, seed=1)
    assert svc.list_records(ward, "people") == []
    monkeypatch.undo()
    fill_demo_data(ward, sessions=30, cases=10, people=10, seed=1)  # it can be filled again
    assert svc.list_records(ward, "people")


def test_an_export_killed_while_writing_leaves_no_part_file_after_the_next(
    district, ward, tmp_path
):
    introduce(district, ward)
    stick = tmp_path / "usb"
    stick.mkdir()
    stale = stick / ".00167-20261201-1.tcb.part"
    stale.write_bytes(b"half a bundle")
    foreign = stick / ".report.pdf.part"
    foreign.write_bytes(b"not ours")
    export_bundle(ward, stick)
    assert not stale.exists() and foreign.exists()


# -- a read-only folder ----------------------------------------------------------------------


def test_a_read_only_folder_is_named_and_explained(filled, monkeypatch, capsys):
    """Tests may run as root, whom permissions do not stop: SQLite's own refusal is fed in."""
    import sqlalchemy.exc

    from app.db import sqlite as engine_module

    refusal = sqlite3.OperationalError("attempt to write a readonly database")
    problem = engine_module.environment_problem(
        sqlalchemy.exc.OperationalError("INSERT", {}, refusal), filled.folder.db
    )
    assert str(filled.folder.root) in problem.message() and "chỉ cho phép đọc" in problem.message()
    # "unable to open" in a folder the program may not write: read-only, not "cannot open".
    monkeypatch.setattr(engine_module.os, "access", lambda path, mode: False)
    problem = engine_module.environment_problem(
        sqlite3.OperationalError("unable to open database file"), filled.folder.db
    )
    assert "chỉ cho phép đọc" in problem.message() and str(filled.folder.root) in problem.message()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_data_folder_is_one_line(filled, capsys):
    filled.close()
    os.chmod(filled.folder.root, 0o555)
    os.chmod(filled.folder.db, 0o444)
    try:
        assert tiepcan("demo-data", "--data-dir", filled.folder.root) == 1
        assert "chỉ cho phép đọc" in one_line(capsys.readouterr().err)
    finally:
        os.chmod(filled.folder.root, 0o755)
        os.chmod(filled.folder.db, 0o644)


def test_a_restored_copy_off_the_pc_remembers_it_was_made(filled, tmp_path):
    stick = tmp_path / "usb"
    stick.mkdir()
    copy = safekeeping.back_up(filled, stick).path
    made = safekeeping.last_copy_out(filled)
    filled.close()
    safekeeping.restore(filled.folder.root, copy)
    store = open_installation(filled.folder.root)
    try:
        assert made is not None and safekeeping.last_copy_out(store) == made
    finally:
        store.close()


def test_a_failed_copy_off_the_pc_is_not_remembered(filled, tmp_path, monkeypatch):
    from app.errors import EnvironmentProblem

    def full(*_args):
        raise EnvironmentProblem("The disk is full")

    monkeypatch.setattr(safekeeping, "write_copy", full)
    with pytest.raises(EnvironmentProblem):
        safekeeping.back_up(filled, tmp_path)
    assert safekeeping.last_copy_out(filled) is None
