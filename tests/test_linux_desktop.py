"""Linux desktop integration (issue #16): the menu entry, the icon and the file types that open
in the window, and the per-user install script that puts them in place."""

import configparser
import os
import subprocess
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from app.cli.parser import OPENED_BY_THE_WINDOW

ROOT = Path(__file__).resolve().parent.parent
LINUX = ROOT / "packaging" / "linux"
MIME = "{http://www.freedesktop.org/standards/shared-mime-info}"


def desktop_entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive ("Name[vi]")
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def mime_types() -> dict[str, str]:
    """MIME type → its glob."""
    root = ElementTree.parse(LINUX / "tiepcan-mime.xml").getroot()
    return {
        node.get("type"): node.find(f"{MIME}glob").get("pattern")
        for node in root.findall(f"{MIME}mime-type")
    }


def test_every_file_the_window_opens_has_a_mime_type_the_menu_entry_claims():
    entry = desktop_entry(LINUX / "tiepcan.desktop")
    types = mime_types()
    assert sorted(pattern[1:] for pattern in types.values()) == sorted(OPENED_BY_THE_WINDOW)
    assert set(filter(None, entry["MimeType"].split(";"))) == set(types)
    assert entry["Exec"].split() == ["tiepcan", "%f"]  # one file: the window's only argument
    assert entry["Type"] == "Application" and entry["Terminal"] == "false"
    assert "GenericName[vi]" in entry and "Comment[vi]" in entry  # Vietnamese first
    assert (ROOT / "resources" / "icons" / f"{entry['Icon']}.png").is_file()


def test_the_install_script_puts_everything_in_place_for_the_user(tmp_path):
    program = tmp_path / "build" / "tiepcan"
    program.mkdir(parents=True)
    (program / "tiepcan").write_text("#!/bin/sh\necho TiepCan\n")
    (program / "tiepcan").chmod(0o755)
    home = tmp_path / "home"
    home.mkdir()
    env = {"PATH": os.environ["PATH"], "HOME": str(home)}
    done = subprocess.run(
        ["sh", str(LINUX / "install.sh"), str(program)], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    installed = home / ".local" / "opt" / "tiepcan" / "tiepcan"
    assert os.access(installed, os.X_OK)
    assert (home / ".local" / "bin" / "tiepcan").resolve() == installed.resolve()
    entry = desktop_entry(home / ".local/share/applications/tiepcan.desktop")
    assert entry["Exec"] == f"{installed} %f"
    assert (home / ".local/share/mime/packages/tiepcan.xml").is_file()
    assert (home / ".local/share/icons/hicolor/256x256/apps/tiepcan.png").is_file()
    # A second install (a newer version) replaces the program and touches no data.
    data = home / ".local" / "share" / "TiepCan"
    data.mkdir()
    (data / "tiepcan.db").write_bytes(b"records")
    again = subprocess.run(["sh", str(LINUX / "install.sh"), str(program)], env=env)
    assert again.returncode == 0 and (data / "tiepcan.db").read_bytes() == b"records"


def test_without_a_build_the_script_says_what_to_do(tmp_path):
    done = subprocess.run(
        ["sh", str(LINUX / "install.sh"), str(tmp_path / "nothing")],
        env={"PATH": os.environ["PATH"], "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1 and "packaging/build.py" in done.stderr
