"""Build the one-folder program with PyInstaller (Linux here; the same on Windows).

    python packaging/build.py [--dist FOLDER]

Needs the build extra: `pip install -e ".[build]"`. The program lands in FOLDER/tiepcan/
(default: build/dist/tiepcan); run it as FOLDER/tiepcan/tiepcan. The catalogs are compiled
first, so the build always carries the current translations."""

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def build(dist: Path, work: Path) -> Path:
    subprocess.run([sys.executable, str(ROOT / "packaging" / "i18n.py"), "compile"], check=True)
    subprocess.run(
        [
            sys.executable, "-m", "PyInstaller", str(ROOT / "packaging" / "tiepcan.spec"),
            "--noconfirm", "--clean", "--log-level", "WARN",
            "--distpath", str(dist), "--workpath", str(work),
        ],
        check=True,
        cwd=ROOT,
    )  # fmt: skip
    return dist / "tiepcan"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", default=str(ROOT / "build" / "dist"))
    args = parser.parse_args()
    dist = Path(args.dist).resolve()
    program = build(dist, dist.parent / "work")
    print(f"built {program} ({folder_size(program) / 1e6:.0f} MB)")


if __name__ == "__main__":
    main()
