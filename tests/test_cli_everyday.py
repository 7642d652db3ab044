"""The command line where it meets the officer's machine: a write-protected USB stick, output
piped into `head`. Each ends in one plain line and the command's real exit status (design.md §4),
never in a traceback; a bundle that could not be written uses up no seq."""

import builtins
import errno
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli.main import run
from app.services import records as svc
from app.sync.export import export_bundle
from tests import factories as f
from tests.exchange import introduce

AS_ROOT = os.name == "posix" and os.geteuid() == 0
ROOT_WRITES_ANYWHERE = "run as root: chmod does not stop root's writes (the EROFS tests cover this)"


def tiepcan(*args: str) -> int:
    return run(list(args))


def _inside(path, folder: Path) -> bool:
    try:
        return Path(os.fsdecode(path)).absolute().is_relative_to(folder)
    except TypeError:  # a file descriptor
        return False


def _erofs(path) -> OSError:
    return OSError(errno.EROFS, os.strerror(errno.EROFS), os.fsdecode(path))


def write_protect(monkeypatch, folder: Path, calls=("open", "unlink", "replace", "mkdir")) -> None:
    """`folder` behaves as a write-protected USB stick does: every change in it fails with
    EROFS, even removing a file that is not there (Linux checks the mount before the name)."""
    folder = folder.absolute()

    def guard(call):
        def guarded(path, *args, **kwargs):
            if _inside(path, folder):
                raise _erofs(path)
            return call(path, *args, **kwargs)

        return guarded

    def guard_open(call, writes):
        def guarded(path, *args, **kwargs):
            if writes(*args, **kwargs) and _inside(path, folder):
                raise _erofs(path)
            return call(path, *args, **kwargs)

        return guarded

    def os_open_writes(flags, *_args, **_kwargs):
        return bool(flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT))

    def file_open_writes(mode="r", *_args, **_kwargs):
        return any(letter in mode for letter in "wax+")

    for name in calls:
        if name == "open":
            monkeypatch.setattr(os, "open", guard_open(os.open, os_open_writes))
            monkeypatch.setattr(builtins, "open", guard_open(builtins.open, file_open_writes))
            monkeypatch.setattr(io, "open", guard_open(io.open, file_open_writes))
        else:
            monkeypatch.setattr(os, name, guard(getattr(os, name)))


@pytest.fixture
def ward_trusting_district(ward, district):
    """A ward with a session, trusting its district; the stores are closed for the CLI."""
    introduce(district, ward)
    svc.create(ward, "sessions", f.session_data())
    return ward.folder.root, district.folder.root


def last_seq(folder: Path, capsys) -> int:
    capsys.readouterr()
    assert tiepcan("status", "--json", "--data-dir", str(folder)) == 0
    report = json.loads(capsys.readouterr().out)
    return report["last_seq"][report["unit"]["code"]]


def assert_one_plain_line(err: str) -> None:
    assert err.count("\n") == 1 and "Traceback" not in err, err


# -- a write-protected USB stick --------------------------------------------------------------


def test_export_to_a_write_protected_stick_is_one_line_and_uses_no_seq(
    ward_trusting_district, tmp_path, capsys, monkeypatch
):
    ward, _district = ward_trusting_district
    stick = tmp_path / "usb"
    stick.mkdir()
    with monkeypatch.context() as protected:
        write_protect(protected, stick)
        assert tiepcan("bundle", "export", "--out", str(stick), "--data-dir", str(ward)) == 1
    err = capsys.readouterr().err
    assert_one_plain_line(err)
    assert str(stick) in err
    assert list(stick.iterdir()) == []
    assert last_seq(ward, capsys) == 0
    # The switch flipped back: the bundle the district gets next is number 1, no gap.
    assert tiepcan("bundle", "export", "--out", str(stick), "--data-dir", str(ward)) == 0
    assert [p.name.rsplit("-", 1)[1] for p in stick.iterdir()] == ["1.tcb"]


def test_export_to_a_stick_that_fails_while_naming_the_file(
    ward_trusting_district, tmp_path, capsys, monkeypatch
):
    """The file was written but cannot be renamed (the stick went read-only half way): one
    line, and no partial file left behind."""
    ward, _district = ward_trusting_district
    stick = tmp_path / "usb"
    stick.mkdir()
    with monkeypatch.context() as protected:
        write_protect(protected, stick, calls=("replace",))
        assert tiepcan("bundle", "export", "--out", str(stick), "--data-dir", str(ward)) == 1
    assert_one_plain_line(capsys.readouterr().err)
    assert list(stick.iterdir()) == []


@pytest.mark.skipif(AS_ROOT, reason=ROOT_WRITES_ANYWHERE)
def test_export_to_a_read_only_folder_uses_no_seq(ward_trusting_district, tmp_path, capsys):
    ward, _district = ward_trusting_district
    stick = tmp_path / "usb"
    stick.mkdir()
    stick.chmod(0o555)
    try:
        assert tiepcan("bundle", "export", "--out", str(stick), "--data-dir", str(ward)) == 1
        assert_one_plain_line(capsys.readouterr().err)
        assert list(stick.iterdir()) == []
    finally:
        stick.chmod(0o755)
    assert last_seq(ward, capsys) == 0


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "pdf"])
def test_report_to_a_write_protected_stick_is_one_line(ward, tmp_path, capsys, monkeypatch, fmt):
    folder = ward.folder.root
    stick = tmp_path / "usb"
    stick.mkdir()
    out = stick / f"report.{fmt}"
    args = ("report", "sessions-log", "--period", "2026", "--format", fmt, "--out", str(out))
    with monkeypatch.context() as protected:
        write_protect(protected, stick)
        assert tiepcan(*args, "--data-dir", str(folder)) == 1
    err = capsys.readouterr().err
    assert_one_plain_line(err)
    assert str(out) in err
    assert list(stick.iterdir()) == []


def test_a_key_card_not_written_leaves_no_half_file(ward, tmp_path, capsys, monkeypatch):
    stick = tmp_path / "usb"
    stick.mkdir()
    with monkeypatch.context() as protected:
        write_protect(protected, stick, calls=("replace",))
        out = stick / "phuong.card"
        assert (
            tiepcan("keys", "export", "--out", str(out), "--data-dir", str(ward.folder.root)) == 1
        )
    assert_one_plain_line(capsys.readouterr().err)
    assert list(stick.iterdir()) == []


# -- output piped into a reader that leaves early (`tiepcan … | head -c1`) --------------------


def run_into_a_closed_pipe(args: list[str], unbuffered: bool) -> subprocess.CompletedProcess:
    """The real console command with its stdout a pipe nobody reads any more. Buffered (the
    normal case) the pipe breaks when Python flushes stdout at exit; unbuffered, at the first
    print, in the middle of the command."""
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    if unbuffered:
        environment["PYTHONUNBUFFERED"] = "1"
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run(
            [sys.executable, "-m", "app", *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            env=environment,
            cwd=Path(__file__).resolve().parent.parent,
        )
    finally:
        os.close(write_end)


def bundle_on_a_stick(ward_folder: Path, stick: Path) -> Path:
    from app.db.store import Store

    stick.mkdir(exist_ok=True)
    with Store.open(ward_folder) as store:
        return export_bundle(store, stick).path


@pytest.mark.parametrize("unbuffered", [False, True], ids=["buffered", "unbuffered"])
def test_import_piped_into_head_exits_0_once_committed(
    ward_trusting_district, tmp_path, capsys, unbuffered
):
    ward, district = ward_trusting_district
    stick = tmp_path / "usb"
    bundle_on_a_stick(ward, stick)
    done = run_into_a_closed_pipe(
        ["bundle", "import", str(stick), "--data-dir", str(district)], unbuffered
    )
    assert (done.returncode, done.stderr) == (0, "")
    capsys.readouterr()
    assert tiepcan("status", "--json", "--data-dir", str(district)) == 0
    assert json.loads(capsys.readouterr().out)["last_seq"] == {"00167": 1}


@pytest.mark.parametrize("unbuffered", [False, True], ids=["buffered", "unbuffered"])
def test_piped_into_head_keeps_the_real_status_of_a_refusal(
    ward_trusting_district, tmp_path, unbuffered
):
    """One bundle imported, one refused: exit 1 and the refusal's line, pipe or no pipe."""
    ward, district = ward_trusting_district
    stick = tmp_path / "usb"
    bundle_on_a_stick(ward, stick)
    (stick / "broken.tcb").write_bytes(b"not a bundle")
    done = run_into_a_closed_pipe(
        ["bundle", "import", str(stick), "--data-dir", str(district)], unbuffered
    )
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "broken.tcb" in done.stderr


@pytest.mark.parametrize("args", [["--help"], ["status"], ["trust", "list", "--json"]])
def test_other_output_piped_into_head_is_quiet(ward_trusting_district, args):
    ward, _district = ward_trusting_district
    done = run_into_a_closed_pipe([*args, "--data-dir", str(ward)], unbuffered=False)
    assert (done.returncode, done.stderr) == (0, "")
