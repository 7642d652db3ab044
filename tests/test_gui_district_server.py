"""A district whose records are on a PostgreSQL server, in the window: it opens without the
set-up wizard, and nothing file-bound (the daily copy, the file check, a restore) makes or
touches a database file in the data folder. Runs only under TIEPCAN_TEST_POSTGRES."""

import os
import subprocess
import sys
import time

import pytest

from app.errors import SetupError
from app.services import safekeeping
from tests.server_databases import server_url
from ui.safekeeping import BackupLine

pytestmark = pytest.mark.skipif(server_url() is None, reason="needs TIEPCAN_TEST_POSTGRES")


def no_file_in(folder) -> bool:
    return not (folder / "tiepcan.db").exists() and not (folder / "backups").exists()


def test_the_window_opens_a_server_district_and_makes_no_file(district):
    folder = district.folder.root
    district.close()
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "TIEPCAN_EXIT_WHEN_READY": str(time.time()),
    }
    done = subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(folder)],
        capture_output=True, text=True, timeout=120, env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ready ") and "Sở Tư pháp Hà Nội" in done.stdout
    assert no_file_in(folder)


def test_file_bound_care_leaves_a_server_district_alone(qtbot, district):
    assert district.on_server
    assert safekeeping.back_up_daily(district) is None
    with pytest.raises(SetupError, match="pg_dump"):
        safekeeping.back_up(district)
    assert safekeeping.check_database(district) == []
    with pytest.raises(SetupError, match="pg_restore"):
        safekeeping.restore(district.folder.root, district.folder.root / "x.db")
    line = BackupLine(district, window=None)
    qtbot.addWidget(line)
    line.refresh()
    assert line.text.text() == safekeeping.server_backup_refusal(district).message()
    assert line.button.isHidden()
    assert no_file_in(district.folder.root)
