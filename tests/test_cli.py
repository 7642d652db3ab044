"""The command line's exit-status contract (design.md §4): 0 done, 1 refused, 2 wrong usage."""

import json
import sqlite3
import subprocess
import sys

import pytest

from app.cli.main import run
from app.db import sqlite as sqlite_module


def tiepcan(*args: str) -> int:
    return run(list(args))


def test_init_ward_status_agree(tmp_path, capsys):
    folder = str(tmp_path / "w")
    assert tiepcan("init", "ward", "--code", "00167", "--province", "01", "--data-dir", folder) == 0
    capsys.readouterr()
    assert tiepcan("--data-dir", folder, "status", "--json") == 0
    report = json.loads(capsys.readouterr().out)
    assert report["unit"] == {"role": "ward", "code": "00167", "name": "Phường Cầu Giấy"}
    assert report["counts"] == {
        "00167": {"sessions": 0, "cases": 0, "people": 0, "teams": 0, "trainings": 0}
    }
    assert report["last_seq"] == {"00167": 0}


def test_init_district(tmp_path, capsys):
    folder = str(tmp_path / "d")
    assert (
        tiepcan(
            "init", "district", "--code", "01", "--name", "Sở Tư pháp Hà Nội", "--data-dir", folder
        )
        == 0
    )
    capsys.readouterr()
    assert tiepcan("status", "--json", "--data-dir", folder) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["unit"] == {"role": "district", "code": "01", "name": "Sở Tư pháp Hà Nội"}
    assert report["counts"] == {}


@pytest.mark.parametrize(
    "args",
    [
        ["init", "ward", "--code", "167", "--province", "01"],
        ["init", "ward", "--code", "00167", "--province", "1"],
        # Cầu Giấy is in Hà Nội (01): a ward set up under 79 would send bundles no office reads.
        ["init", "ward", "--code", "00167", "--province", "79"],
        ["init", "district", "--code", "001", "--name", "X"],
        ["init", "district", "--code", "01"],  # a district needs its display name
    ],
)
def test_init_refuses_bad_input_with_one_line(tmp_path, capsys, args):
    folder = tmp_path / "w"
    assert tiepcan(*args, "--data-dir", str(folder)) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert not (folder / "tiepcan.db").exists() and not (folder / "keys").exists()


def test_init_on_a_folder_already_set_up(tmp_path, capsys):
    folder = str(tmp_path / "w")
    assert tiepcan("init", "ward", "--code", "00167", "--data-dir", folder) == 0
    assert tiepcan("init", "district", "--code", "01", "--name", "X", "--data-dir", folder) == 1


def test_commands_on_a_folder_not_set_up(tmp_path, capsys):
    assert tiepcan("status", "--json", "--data-dir", str(tmp_path / "none")) == 1
    assert tiepcan("demo-data", "--data-dir", str(tmp_path / "none")) == 1
    assert capsys.readouterr().err.count("\n") == 2


def test_demo_data_is_a_ward_command(tmp_path, capsys):
    folder = str(tmp_path / "d")
    tiepcan("init", "district", "--code", "01", "--name", "Sở Tư pháp Hà Nội", "--data-dir", folder)
    capsys.readouterr()
    assert tiepcan("demo-data", "--data-dir", folder) == 1
    assert capsys.readouterr().err.count("\n") == 1


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["frobnicate"],
        ["init"],
        ["init", "county", "--code", "01"],
        ["init", "ward"],
        ["demo-data", "--sessions", "many"],
        ["demo-data", "--sessions", "-3"],
        ["status", "--bogus"],
    ],
)
def test_wrong_usage_exits_2(args, capsys):
    with pytest.raises(SystemExit) as caught:
        tiepcan(*args)
    assert caught.value.code == 2


def test_messages_follow_tiepcan_lang(tmp_path, capsys, monkeypatch):
    folder = str(tmp_path / "none")
    monkeypatch.setenv("TIEPCAN_LANG", "en")
    tiepcan("status", "--data-dir", folder)
    english = capsys.readouterr().err
    monkeypatch.setenv("TIEPCAN_LANG", "vi")
    tiepcan("status", "--data-dir", folder)
    vietnamese = capsys.readouterr().err
    assert "not set up" in english
    assert vietnamese != english


def test_data_dir_from_the_environment(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TIEPCAN_DATA_DIR", str(tmp_path / "env"))
    assert tiepcan("init", "ward", "--code", "00160") == 0
    capsys.readouterr()
    assert tiepcan("status", "--json") == 0
    assert json.loads(capsys.readouterr().out)["unit"]["code"] == "00160"


def test_a_locked_database_exits_1_after_waiting(tmp_path, capsys, monkeypatch):
    folder = tmp_path / "w"
    tiepcan("init", "ward", "--code", "00167", "--data-dir", str(folder))
    capsys.readouterr()
    monkeypatch.setattr(sqlite_module, "BUSY_TIMEOUT_MS", 300)
    blocker = sqlite3.connect(folder / "tiepcan.db")
    blocker.execute("BEGIN IMMEDIATE")
    try:
        assert tiepcan("demo-data", "--data-dir", str(folder)) == 1
    finally:
        blocker.rollback()
        blocker.close()
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_the_console_command_never_imports_qt(tmp_path):
    code = (
        "import sys; from app.entry import main; "
        f"rc = main(['init', 'ward', '--code', '00167', '--data-dir', {str(tmp_path / 'w')!r}]); "
        "print(rc, any(m.startswith(('PySide6', 'ui')) for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split()[-2:] == ["0", "False"]


def test_output_cut_short_by_its_reader_is_no_traceback(tmp_path):
    """`tiepcan … | head`: the reader closes the pipe while a command still prints."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from app.cli import commands\n"
        "from app.cli.main import run\n"
        "def closed(args):\n"
        "    raise BrokenPipeError(32, 'Broken pipe')\n"
        "commands.HANDLERS['status'] = closed\n"
        f"sys.exit(run(['status', '--data-dir', {str(tmp_path)!r}]))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0 and done.stderr == ""


def test_version_is_the_packages(capsys):
    """`tiepcan --version` says the version pyproject.toml gives the package, and the database
    schema it expects (an office's upgrade question: which schema will this build make?)."""
    import tomllib
    from pathlib import Path

    from app.db.schema import SCHEMA_HEAD

    project = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())
    with pytest.raises(SystemExit) as exited:
        tiepcan("--version")
    assert exited.value.code == 0
    version = project["project"]["version"]
    assert capsys.readouterr().out.strip() == f"TiepCan {version} (schema {SCHEMA_HEAD})"
