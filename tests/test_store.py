"""The data folder: pragmas, set-up refusals, the write lock, one GUI per folder, counters."""

import shutil
import sqlite3
import subprocess
import sys

import pytest

from app.db import sqlite as sqlite_module
from app.db.instance import InstanceLock
from app.db.store import Store
from app.errors import EnvironmentProblem, SetupError, StoreLocked
from app.paths import DataDir
from app.services import records as svc
from app.services.setup import set_up
from tests import factories as f


def test_pragmas_on_every_connection(ward):
    with ward.read() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_set_up_creates_the_folder_layout(ward):
    folder = ward.folder
    assert folder.db.is_file()
    assert folder.state_file.is_file()
    assert (folder.state_file.stat().st_mode & 0o077) == 0
    assert ward.installation["role"] == "ward"
    assert ward.installation["unit_name"] == "Phường Cầu Giấy"
    assert ward.installation["province_code"] == "01"


def test_set_up_twice_is_refused(ward):
    with pytest.raises(SetupError):
        set_up(ward.folder.root, "ward", "00167", province="01")


def test_open_refuses_a_folder_not_set_up(tmp_path):
    with pytest.raises(SetupError):
        Store.open(tmp_path / "nothing")
    assert not (tmp_path / "nothing").exists()


def test_a_failed_set_up_leaves_nothing(tmp_path):
    from app.errors import RecordError

    with pytest.raises(RecordError):
        set_up(tmp_path / "w", "ward", "99999")  # unknown code and no province given
    assert not DataDir(tmp_path / "w").db.exists()
    set_up(tmp_path / "w", "ward", "99999", province="01", name="Xã Thử").store.close()


def test_unknown_ward_code_is_accepted_with_a_warning(tmp_path):
    result = set_up(tmp_path / "w", "ward", "99999", province="01", name="Xã Mới")
    result.store.close()
    assert len(result.warnings) == 1
    assert "99999" in result.warnings[0].message("vi")


def test_a_busy_database_is_reported_not_crashed(ward, monkeypatch):
    monkeypatch.setattr(sqlite_module, "BUSY_TIMEOUT_MS", 200)
    blocker = sqlite3.connect(ward.folder.db)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        other = Store.open(ward.folder.root)
        with pytest.raises(StoreLocked):
            svc.create(other, "sessions", f.session_data())
        other.close()
    finally:
        blocker.rollback()
        blocker.close()


def test_one_gui_per_folder(tmp_path):
    first = InstanceLock(tmp_path / "gui.lock")
    first.acquire()
    second = InstanceLock(tmp_path / "gui.lock")
    with pytest.raises(EnvironmentProblem):
        second.acquire()
    first.release()
    second.acquire()
    second.release()


def test_a_restored_database_never_reuses_a_revision(ward, tmp_path):
    session = svc.create(ward, "sessions", f.session_data())
    ward.close()
    backup = tmp_path / "backup.db"
    sqlite_module.online_backup(ward.folder.db, backup)
    reopened = Store.open(ward.folder.root)
    later = svc.update(reopened, "sessions", session["uuid"], {"attendees": 120})
    reopened.close()
    shutil.copy(backup, ward.folder.db)  # the officer restores yesterday's copy
    for suffix in ("-wal", "-shm"):
        (ward.folder.root / f"tiepcan.db{suffix}").unlink(missing_ok=True)
    restored = Store.open(ward.folder.root)
    again = svc.update(restored, "sessions", session["uuid"], {"attendees": 110})
    restored.close()
    assert again["revision"] > later["revision"]


def test_a_lost_counter_file_restarts_above_the_database(ward):
    svc.create_many(ward, "sessions", [f.session_data() for _ in range(3)])
    top = ward.counters.load()["revision"]
    ward.close()
    ward.folder.state_file.unlink()
    reopened = Store.open(ward.folder.root)
    created = svc.create(reopened, "sessions", f.session_data())
    reopened.close()
    assert created["revision"] == top + 1


def test_opening_a_current_database_does_not_load_alembic(ward):
    ward.close()
    code = (
        "import sys; from app.db.store import Store; "
        f"s = Store.open({str(ward.folder.root)!r}); s.close(); "
        "print('alembic' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
    assert not ward.folder.backups.exists()
