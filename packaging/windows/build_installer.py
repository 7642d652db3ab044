"""Build TiepCan's Windows installer with Inno Setup, from the program packaging/build.py made.

    python packaging\\windows\\build_installer.py [--dist FOLDER] [--out FOLDER] [--iscc ISCC.exe]

Needs Inno Setup 6.5 or newer (its compiler, ISCC.exe). The version comes from app/__init__.py,
so the setup file is always named after the program it carries; it lands in FOLDER
(default: build\\installer) as TiepCan-<version>-setup.exe. Steps: packaging/windows/README.md."""

import argparse
import os
import re
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
SCRIPT = ROOT / "packaging" / "windows" / "tiepcan.iss"
# The window (shortcuts and double-clicked files run it) and the command line.
PROGRAMS = ("TiepCan.exe", "tiepcan-cli.exe")


def app_version() -> str:
    text = (ROOT / "app" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'^__version__ = "([^"]+)"', text, re.M).group(1)


def version_numbers(version: str) -> str:
    """The numeric part Windows' file version takes: "0.2.0rc1" -> "0.2.0"."""
    numbers = re.match(r"\d+(\.\d+){0,3}", version)
    return numbers.group(0) if numbers else "0"


def hand_named_files(script: str) -> list[str]:
    """The program's files the installer script names one by one (not by wildcard)."""
    found = re.findall(r'Source:\s*"\{#BuildDir\}\\([^"]+)"', script)
    return [name for name in found if "*" not in name and "?" not in name]


def missing_from(program: Path) -> list[str]:
    if not program.is_dir():
        return [str(program)]
    script = SCRIPT.read_text(encoding="utf-8-sig")
    wanted = [*PROGRAMS, *hand_named_files(script)]
    return [name for name in wanted if not (program / name.replace("\\", "/")).is_file()]


def find_iscc(given: str | None) -> Path | None:
    """ISCC.exe: as given, on PATH, or where Inno Setup 6 installs itself (for all users, or
    per user when installed without administrator rights)."""
    if given:
        return Path(given)
    on_path = shutil.which("ISCC")
    if on_path:
        return Path(on_path)
    roots = [os.environ.get(name) for name in ("ProgramFiles(x86)", "ProgramFiles")]
    local = os.environ.get("LOCALAPPDATA")
    places = [Path(root) / "Inno Setup 6" for root in roots if root]
    if local:
        places.append(Path(local) / "Programs" / "Inno Setup 6")
    return next((place / "ISCC.exe" for place in places if (place / "ISCC.exe").is_file()), None)


def iscc_command(iscc: Path, program: Path, out: Path, version: str) -> list[str]:
    return [
        str(iscc),
        f"/DAppVersion={version}",
        f"/DVersionNumbers={version_numbers(version)}",
        f"/DBuildDir={program}",
        f"/O{out}",
        str(SCRIPT),
    ]


def main(argv: list[str] | None = None) -> Path:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--dist", default=str(ROOT / "build" / "dist"), help="packaging/build.py's --dist"
    )
    parser.add_argument("--out", default=str(ROOT / "build" / "installer"))
    parser.add_argument("--iscc", help="the path of Inno Setup's ISCC.exe")
    args = parser.parse_args(argv)
    program = Path(args.dist).resolve() / "tiepcan"
    missing = missing_from(program)
    if missing:
        raise SystemExit(
            f"The program is not built (missing: {', '.join(missing)}). "
            "Build it first: python packaging\\build.py"
        )
    iscc = find_iscc(args.iscc)
    if iscc is None:
        raise SystemExit("Inno Setup's compiler (ISCC.exe) was not found: install Inno Setup 6.5 "
                         "or newer, or name it with --iscc")  # fmt: skip
    version = app_version()
    out = Path(args.out).resolve()
    subprocess.run(iscc_command(iscc, program, out, version), check=True)
    setup = out / f"TiepCan-{version}-setup.exe"
    print(f"built {setup}")
    return setup


if __name__ == "__main__":
    main()
