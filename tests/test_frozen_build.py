"""The frozen program (issue #16): packaging/build.py builds the one-folder Linux program, and
the program runs on its own — version, set-up, demonstration data, a PDF report with its fonts,
status, and the window (offscreen) — with the catalogs and data files it needs. Slow (a build
takes about a minute): run in CI's slow step."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app import __version__
from app.db.schema import SCHEMA_HEAD

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def program(tmp_path_factory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "build.py"), "--dist", str(dist)],
        check=True,
        capture_output=True,
    )
    executable = dist / "tiepcan" / "tiepcan"
    assert executable.is_file()
    return executable


def run(program: Path, *args, language: str = "vi", **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(program), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=180,
        # No Python of the machine's may help the frozen program along.
        env={"PATH": "/usr/bin:/bin", "HOME": os.environ.get("HOME", "/tmp"),
             "TIEPCAN_LANG": language, "QT_QPA_PLATFORM": "offscreen", **env},
    )  # fmt: skip


def test_the_frozen_program_works_on_its_own(program, tmp_path):
    folder = tmp_path / "ward"
    version = run(program, "--version")
    assert version.returncode == 0
    assert __version__ in version.stdout and f"schema {SCHEMA_HEAD}" in version.stdout
    done = run(program, "init", "ward", "--code", "00167", "--province", "01", "--data-dir", folder)
    assert done.returncode == 0, done.stderr
    assert "Đã thiết lập" in done.stdout  # the Vietnamese catalog is inside
    assert run(program, "demo-data", "--data-dir", folder).returncode == 0
    pdf = tmp_path / "stats.pdf"
    done = run(program, "report", "pbgdpl-stats", "--period", "2026", "--format", "pdf",
               "--out", pdf, "--data-dir", folder)  # fmt: skip
    assert done.returncode == 0, done.stderr
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "LiberationSerif" in fonts and " yes yes " in fonts  # embedded, from the bundle
    status = run(program, "status", "--json", "--data-dir", folder)
    assert json.loads(status.stdout)["counts"]["00167"]["sessions"] == 120
    english = run(program, "status", "--data-dir", folder, language="en")
    assert "Outreach sessions" in english.stdout
    # The window: opens the folder, attaches its pages, then quits (the start-up probe).
    window = run(program, "--data-dir", folder, TIEPCAN_EXIT_WHEN_READY=str(time.time()))
    assert window.returncode == 0, window.stderr
    assert window.stdout.startswith("ready ") and "Phường Cầu Giấy" in window.stdout
    assert not (folder / "logs").exists()  # no error was logged


def test_the_frozen_program_reads_spreadsheets_and_reaches_postgresql(program, tmp_path):
    """The parts loaded by name at run time are inside: the spreadsheet reader and the
    PostgreSQL driver (a server that is not there is reported as such, not as a missing module)."""
    from openpyxl import Workbook

    folder = tmp_path / "ward"
    run(program, "init", "ward", "--code", "00167", "--province", "01", "--data-dir", folder)
    book = Workbook()
    book.active.append(["STT", "Họ và tên", "Năm sinh", "Giới tính"])
    book.active.append([1, "Nguyễn Thị Lan", 1980, "Nữ"])
    book.save(tmp_path / "people.xlsx")
    done = run(program, "import-sheet", tmp_path / "people.xlsx", "--kind", "people",
               "--dry-run", "--json", "--data-dir", folder)  # fmt: skip
    assert json.loads(done.stdout)["rows"]["new"] + json.loads(done.stdout)["rows"]["refused"] == 1
    server = run(program, "init", "district", "--code", "01", "--name", "Sở Tư pháp",
                 "--database", "postgresql://nobody@/tiepcan?host=/nonexistent",
                 "--data-dir", tmp_path / "district")  # fmt: skip
    assert server.returncode == 1
    assert "module" not in server.stderr.lower() and "Traceback" not in server.stderr


def test_an_older_database_is_upgraded_by_the_frozen_program(program, tmp_path):
    """Installing a newer version over an older one: the data stays and is migrated."""
    import shutil

    fixture = ROOT / "tests" / "fixtures" / "schema-0001"
    folder = tmp_path / "old"
    shutil.copytree(fixture, folder)
    done = run(program, "status", "--json", "--data-dir", folder)
    assert done.returncode == 0, done.stderr
    assert list((folder / "backups").glob("*-schema-0001-before-upgrade.db"))
    assert run(program, "check", "--data-dir", folder).returncode == 0
