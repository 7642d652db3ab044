"""The Windows installer (packaging/windows/tiepcan.iss), checked here without Windows: every file
it names exists in the source tree or in the program folder packaging/tiepcan.spec builds on
Windows, its languages are complete, the three file kinds the window opens are associated with
the window, and nothing it does on uninstall or upgrade reaches the data folder."""

import builtins
import importlib.util
import re
from pathlib import Path, PureWindowsPath
from types import SimpleNamespace

import pytest

from app import __version__
from app.cli.parser import OPENED_BY_THE_WINDOW
from app.paths import APP_NAME

ROOT = Path(__file__).resolve().parent.parent
WINDOWS_DIR = ROOT / "packaging" / "windows"
SCRIPT = WINDOWS_DIR / "tiepcan.iss"
SPEC = ROOT / "packaging" / "tiepcan.spec"
# Inno Setup 6.5's Default.isl: every message a language file must define, in English.
REFERENCE = ROOT / "tests" / "fixtures" / "inno-setup-default-messages.isl"
DATA_FOLDER = f"{{localappdata}}\\{APP_NAME}"  # platformdirs' user_data_dir on Windows
PROG_IDS = {".tcb": "TiepCan.Bundle", ".tcr": "TiepCan.Receipt", ".card": "TiepCan.Card"}


# --- Reading Inno Setup files -------------------------------------------------------------------


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8-sig")


def sections(text: str) -> dict[str, list[str]]:
    """Each [Section]'s lines, without blank lines, comments and preprocessor lines ([Code] keeps
    all of its lines)."""
    found: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        header = re.fullmatch(r"\[(\w+)\]\s*", line)
        if header:
            current = found.setdefault(header.group(1).lower(), [])
        elif current is not None and (
            current is found.get("code") or (line.strip() and line.lstrip()[0] not in ";#")
        ):
            current.append(line)
    return found


def parameters(line: str) -> dict[str, str]:
    """`Name: "value"; Flags: a b` as a dict; a quoted value's "" stands for one "."""
    found = {}
    for match in re.finditer(r'\s*(\w+):\s*("(?:[^"]|"")*"|[^;]*)\s*(?:;|$)', line):
        name, value = match.groups()
        if value.startswith('"'):
            value = value[1:-1].replace('""', '"')
        found[name.lower()] = value.strip()
    return found


def entries(text: str, section: str) -> list[dict[str, str]]:
    return [parameters(line) for line in sections(text).get(section, [])]


def directives(text: str, section: str) -> dict[str, str]:
    pairs = (line.split("=", 1) for line in sections(text).get(section, []) if "=" in line)
    return {key.strip(): value.strip() for key, value in pairs}


def flags(entry: dict[str, str]) -> set[str]:
    return set(entry.get("flags", "").lower().split())


def windows_path(path: str) -> str:
    return str(PureWindowsPath(path)).casefold()


# --- The program folder the spec builds on Windows, without building it -------------------------


def spec_mirror(tmp: Path) -> Path:
    """A source tree for the spec: the real one, with stand-ins for the catalogs that
    packaging/build.py compiles just before it runs the spec (`.mo` files are not in git)."""
    for name in ("app", "resources", "LICENSE"):
        (tmp / name).symlink_to(ROOT / name)
    (tmp / "packaging").mkdir()
    (tmp / "packaging" / "icons").symlink_to(ROOT / "packaging" / "icons")
    for po in (ROOT / "i18n").glob("*/LC_MESSAGES/tiepcan.po"):
        mo = tmp / po.relative_to(ROOT).with_suffix(".mo")
        mo.parent.mkdir(parents=True)
        mo.write_bytes(b"")
    return tmp


def build_by_spec(root: Path, platform: str) -> SimpleNamespace:
    """Run packaging/tiepcan.spec as PyInstaller would on `platform`, with PyInstaller's build
    steps replaced by recorders: the programs it makes (name -> has a console) and the files of
    its folder (relative paths), as PyInstaller lays them out."""
    built = SimpleNamespace(programs={}, files=set(), folder=None)
    suffix = ".exe" if platform == "win32" else ""

    class Analysis:
        def __init__(self, scripts, datas=(), binaries=(), **_options):
            self.scripts, self.pure = [], []
            # A (file, folder) pair lands as folder/file-name, like PyInstaller's.
            self.datas = [(str(Path(folder) / Path(file).name), file, "DATA") for file, folder in datas]  # fmt: skip
            self.binaries = [(Path(file).name, file, "BINARY") for file, _folder in binaries]

    class EXE:
        def __init__(self, *_parts, name, console, **options):
            self.name = name if name.endswith(suffix) else name + suffix
            self.console = console
            self.contents = options.get("contents_directory", "_internal")

    def collect(*parts, name, **_options):
        built.folder = name
        programs = [part for part in parts if isinstance(part, EXE)]
        for program in programs:
            built.programs[program.name] = program.console
        contents = programs[0].contents
        for part in parts:
            if isinstance(part, list):
                built.files |= {f"{contents}/{entry[0]}".replace("\\", "/") for entry in part}

    hooks = SimpleNamespace(collect_data_files=lambda *a, **k: [], collect_dynamic_libs=lambda *a, **k: [])  # fmt: skip
    stand_ins = {"sys": SimpleNamespace(platform=platform), "PyInstaller.utils.hooks": hooks}

    def spec_import(name, *args, **kwargs):
        return stand_ins[name] if name in stand_ins else builtins.__import__(name, *args, **kwargs)

    namespace = {
        "__builtins__": {**vars(builtins), "__import__": spec_import},
        "SPECPATH": str(root / "packaging"),
        "Analysis": Analysis,
        "PYZ": lambda *a, **k: None,
        "EXE": EXE,
        "COLLECT": collect,
    }
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    built.files |= set(built.programs)
    return built


@pytest.fixture(scope="module")
def windows_build(tmp_path_factory) -> SimpleNamespace:
    return build_by_spec(spec_mirror(tmp_path_factory.mktemp("tree")), "win32")


@pytest.fixture(scope="module")
def script() -> str:
    return read(SCRIPT)


def installed_files(script: str, build: SimpleNamespace) -> set[str]:
    """Where each [Files] entry puts its files ({app}\\..., case-folded)."""
    installed = set()
    for entry in entries(script, "files"):
        source, folder = entry["source"], entry["destdir"]
        if source.startswith("{#BuildDir}\\") and source.endswith("*"):
            installed |= {windows_path(f"{folder}\\{file}") for file in build.files}
        else:
            name = entry.get("destname") or PureWindowsPath(source).name
            installed.add(windows_path(f"{folder}\\{name}"))
    return installed


# --- The program folder ------------------------------------------------------------------------


def test_the_window_and_the_command_line_are_two_files_on_windows(windows_build):
    """Windows file names ignore case: `tiepcan.exe` beside `TiepCan.exe` is one file, and one of
    the two programs would silently be lost."""
    assert windows_build.programs == {"TiepCan.exe": False, "tiepcan-cli.exe": True}
    assert len({name.casefold() for name in windows_build.programs}) == 2
    assert windows_build.folder == "tiepcan"  # build\dist\tiepcan, the script's BuildDir
    assert '#define BuildDir "..\\..\\build\\dist\\tiepcan"' in read(SCRIPT)


def test_every_file_the_script_names_exists(script, windows_build):
    built = {windows_path(file) for file in windows_build.files}
    for entry in entries(script, "files"):
        source = entry["source"]
        if source.startswith("{#BuildDir}\\"):
            inside = source.removeprefix("{#BuildDir}\\")
            if inside == "*":
                assert {"recursesubdirs", "ignoreversion"} <= flags(entry)
            else:
                assert windows_path(inside) in built, f"{inside}: not in the program folder"
        else:
            assert (WINDOWS_DIR / PureWindowsPath(source).as_posix()).is_file(), source
    assert "_internal\\license" in built  # the licence, named by hand as LICENSE.txt
    setup = directives(script, "setup")
    assert (WINDOWS_DIR / PureWindowsPath(setup["SetupIconFile"]).as_posix()).is_file()


def test_shortcuts_associations_and_run_entries_start_installed_programs(script, windows_build):
    installed = installed_files(script, windows_build)
    started = [entry["filename"] for entry in entries(script, "icons") + entries(script, "run")]
    icons = [e["valuedata"] for e in entries(script, "registry") if e["subkey"].endswith("DefaultIcon")]  # fmt: skip
    assert started and icons
    for file in started + icons:
        assert windows_path(file) in installed, file
    # The window, not the command line: no black console beside it.
    assert {PureWindowsPath(file).name for file in started} == {"TiepCan.exe"}
    assert windows_build.programs["TiepCan.exe"] is False


def test_every_language_file_exists_and_vietnamese_comes_first(script):
    languages = entries(script, "languages")
    assert [language["name"] for language in languages] == ["vi", "en"]
    for language in languages:
        for file in language["messagesfile"].split(","):
            if file.startswith("compiler:"):
                assert file == "compiler:Default.isl"  # the one Inno Setup ships for sure
            else:
                assert (WINDOWS_DIR / file).is_file(), file


# --- Vietnamese.isl ----------------------------------------------------------------------------


def messages(path: Path, section: str = "messages") -> dict[str, str]:
    return directives(read(path), section)


def placeholders(text: str) -> tuple:
    """What Inno Setup fills in or acts on: %1..%9, line breaks, [name]-style constants, and
    whether a keyboard shortcut (&) is there (&& is a literal &)."""
    return (
        sorted(re.findall(r"%\d", text)),
        text.count("%n"),
        sorted(re.findall(r"\[(?:name|name/ver|mb|gb)\]", text)),
        "&" in text.replace("&&", ""),
    )


def test_vietnamese_defines_every_message_of_inno_setup_with_its_placeholders():
    vietnamese_file = WINDOWS_DIR / "Vietnamese.isl"
    assert vietnamese_file.read_bytes().startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM
    assert directives(read(vietnamese_file), "langoptions")["LanguageID"] == "$042A"
    for section in ("messages", "custommessages"):
        english, vietnamese = messages(REFERENCE, section), messages(vietnamese_file, section)
        assert english.keys() == vietnamese.keys(), sorted(english.keys() ^ vietnamese.keys())
        for key, text in english.items():
            assert placeholders(vietnamese[key]) == placeholders(text), key
            # Inno Setup adds the full stop to these itself: a second one would show.
            if text and not text.endswith("."):
                assert not vietnamese[key].endswith("."), key
    assert len(messages(REFERENCE)) > 250  # the whole list, not a sample


def test_every_message_of_the_script_is_given_in_both_languages(script):
    vietnamese_isl = messages(WINDOWS_DIR / "Vietnamese.isl", "custommessages")
    english_isl = messages(REFERENCE, "custommessages")
    for section in ("custommessages", "messages"):
        own = directives(script, section)
        names = {key.split(".", 1)[1] for key in own}
        for name in names:
            vi, en = own.get(f"vi.{name}"), own.get(f"en.{name}")
            assert vi and en, f"{name}: needs vi.{name} and en.{name}"
            assert placeholders(vi) == placeholders(en), name
        assert all(key.startswith(("vi.", "en.")) for key in own)
    defined = {key.split(".", 1)[1] for key in directives(script, "custommessages")}
    for used in set(re.findall(r"\{cm:(\w+)", script)) | set(re.findall(r"CustomMessage\('(\w+)'", script)):  # fmt: skip
        assert used in defined or (used in vietnamese_isl and used in english_isl), used
    for text in re.findall(r"Said\('(\w+)'", script):
        assert text in defined


# --- Associations ------------------------------------------------------------------------------


def test_the_three_file_kinds_open_in_the_window_for_this_user_only(script):
    setup = directives(script, "setup")
    assert setup["PrivilegesRequired"] == "lowest"  # HKA is then HKEY_CURRENT_USER
    assert setup["ChangesAssociations"] == "yes"
    registry = entries(script, "registry")
    assert {entry["root"] for entry in registry} == {"HKA"}
    values = {(e["subkey"], e.get("valuename", "")): e for e in registry}
    assert set(PROG_IDS) == set(OPENED_BY_THE_WINDOW)  # what the window accepts as its argument
    for extension, prog_id in PROG_IDS.items():
        assert values[(f"Software\\Classes\\{extension}", "")]["valuedata"] == prog_id
        command = values[(f"Software\\Classes\\{prog_id}\\shell\\open\\command", "")]
        assert command["valuedata"] == '"{app}\\TiepCan.exe" "%1"'
        assert (f"Software\\Classes\\{prog_id}\\DefaultIcon", "") in values
        assert (f"Software\\Classes\\{extension}\\OpenWithProgids", prog_id) in values


def test_uninstall_removes_only_what_is_tiepcans_in_the_registry(script):
    for entry in entries(script, "registry"):
        subkey = entry["subkey"]
        if "uninsdeletekey" in flags(entry):
            assert subkey in {f"Software\\Classes\\{prog_id}" for prog_id in PROG_IDS.values()}
        if "uninsdeletevalue" in flags(entry):
            # Only TiepCan's own value in OpenWithProgids; never an extension's default value,
            # which another program may have taken over since.
            assert subkey.endswith("\\OpenWithProgids") and entry["valuename"] in PROG_IDS.values()
        assert not flags(entry) & {"deletekey", "deletevalue", "uninsclearvalue"}
    # [Code] removes an extension's default value only while it names TiepCan's ProgID.
    forgotten = dict(re.findall(r"ForgetExtension\('(\.\w+)', '([\w.]+)'\)", script))
    assert forgotten == PROG_IDS
    assert "CompareText(Current, ProgId) = 0" in script


# --- The data folder, on install, upgrade and uninstall ----------------------------------------


def test_the_program_is_never_installed_in_the_data_folder(script):
    setup = directives(script, "setup")
    folder = windows_path(setup["DefaultDirName"])
    data = windows_path(DATA_FOLDER)
    assert folder == windows_path("{localappdata}\\Programs\\TiepCan")
    assert not (folder == data or folder.startswith(data + "\\"))
    # A folder given with /DIR= is refused there too.
    assert "IsInside(ExpandConstant('{app}'), DataFolder)" in script
    assert f"ExpandConstant('{DATA_FOLDER}')" in script


def test_upgrade_and_uninstall_delete_only_inside_the_program_folder(script):
    deletions = entries(script, "installdelete") + entries(script, "uninstalldelete")
    assert deletions
    for entry in deletions:
        assert entry["name"].startswith("{app}\\"), entry
        assert "localappdata" not in entry["name"].lower() and "%" not in entry["name"]
    # An upgrade replaces the program wholesale, so no file of an older version lingers.
    assert {"type": "filesandordirs", "name": "{app}\\_internal"} in entries(script, "installdelete")  # fmt: skip
    code = "\n".join(sections(script)["code"])
    assert not re.search(r"\b(DelTree|DeleteFile|RemoveDir|DelayDeleteFile)\b", code)
    assert "dirs" not in sections(script)  # nothing created that uninstall would remove
    # The user is told the data stays, and where.
    assert "MsgBox(Said('DataKept', DataFolder)" in code
    assert "%1" in directives(script, "custommessages")["vi.DataKept"]


def test_a_newer_version_replaces_the_older_one_in_place(script):
    setup = directives(script, "setup")
    assert re.fullmatch(r"\{\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}", setup["AppId"])
    assert setup["AppVersion"] == "{#AppVersion}"  # from app/__init__.py, by the build script
    assert setup["CloseApplications"] == "yes" and "*.pyd" in setup["CloseApplicationsFilter"]
    run = entries(script, "run")
    assert run[0]["filename"] == "{app}\\TiepCan.exe"
    assert {"postinstall", "nowait", "skipifsilent"} <= flags(run[0])


# --- The build script --------------------------------------------------------------------------


def build_script():
    spec = importlib.util.spec_from_file_location("build_installer", WINDOWS_DIR / "build_installer.py")  # fmt: skip
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_build_script_refuses_without_the_program(tmp_path):
    with pytest.raises(SystemExit, match=r"python packaging\\build.py"):
        build_script().main(["--dist", str(tmp_path), "--iscc", str(tmp_path / "ISCC.exe")])
    (tmp_path / "tiepcan").mkdir()
    (tmp_path / "tiepcan" / "TiepCan.exe").write_bytes(b"")
    with pytest.raises(SystemExit, match=r"tiepcan-cli\.exe, _internal\\LICENSE"):
        build_script().main(["--dist", str(tmp_path), "--iscc", str(tmp_path / "ISCC.exe")])


def test_the_build_script_passes_the_version_and_the_program_folder(tmp_path):
    program = tmp_path / "dist" / "tiepcan"
    for name in ("TiepCan.exe", "tiepcan-cli.exe", "_internal/LICENSE"):
        (program / name).parent.mkdir(parents=True, exist_ok=True)
        (program / name).write_bytes(b"")
    # A stand-in for ISCC.exe that writes down its arguments.
    iscc = tmp_path / "ISCC"
    iscc.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > "{tmp_path / "arguments"}"\n')
    iscc.chmod(0o755)
    out = tmp_path / "out"
    setup = build_script().main(
        ["--dist", str(tmp_path / "dist"), "--out", str(out), "--iscc", str(iscc)]
    )
    arguments = (tmp_path / "arguments").read_text().splitlines()
    assert f"/DAppVersion={__version__}" in arguments
    assert f"/DBuildDir={program}" in arguments and f"/O{out}" in arguments
    assert arguments[-1] == str(SCRIPT)
    assert setup == out / f"TiepCan-{__version__}-setup.exe"
    assert build_script().version_numbers("0.2.0rc1") == "0.2.0"
