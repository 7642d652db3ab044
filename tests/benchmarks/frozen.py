"""The frozen program: its size on disk, and its start to the main window against the
non-frozen program's in the same run (goal: size ≤ 200 MB, start ≤ 1.5× the non-frozen).

    python -m tests.benchmarks.frozen [--rebuild] [--runs N]

Builds with packaging/build.py into bench-data/frozen (once; --rebuild to build again). A start
is timed from just before the process is launched to the moment the window has attached its
pages (the TIEPCAN_EXIT_WHEN_READY probe), offscreen, on a ward with demo data; the two programs
alternate, and medians are compared."""

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from tests.benchmarks.common import BENCH_DIR

ROOT = Path(__file__).resolve().parents[2]


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def start(command: list[str], folder: Path) -> float:
    begun = time.time()
    done = subprocess.run(
        [*command, "--data-dir", str(folder)],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "TIEPCAN_EXIT_WHEN_READY": str(begun)},
        timeout=120,
    )
    if done.returncode != 0 or not done.stdout.startswith("ready"):
        raise SystemExit(f"{command[0]} did not start: {done.stderr[-500:]}")
    return time.time() - begun


def main() -> None:
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 7
    dist = (BENCH_DIR / "frozen").resolve()
    program = dist / "tiepcan" / "tiepcan"
    if "--rebuild" in sys.argv or not program.exists():
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "packaging/build.py", "--dist", str(dist)], check=True, cwd=ROOT
        )
        print(f"built in {time.perf_counter() - started:.0f} s")
    print(f"frozen program: {folder_size(program.parent) / 1e6:.0f} MB on disk (goal ≤ 200 MB)")
    ward = dist / "ward"
    if not ward.exists():
        subprocess.run([str(program), "init", "ward", "--code", "00167", "--province", "01",
                        "--data-dir", str(ward)], check=True, capture_output=True)  # fmt: skip
        subprocess.run([str(program), "demo-data", "--data-dir", str(ward)], check=True,
                       capture_output=True)  # fmt: skip
    frozen_first = start([str(program)], ward)
    plain_first = start([sys.executable, "-m", "app"], ward)
    frozen, plain = [], []
    for _ in range(runs):
        frozen.append(start([str(program)], ward))
        plain.append(start([sys.executable, "-m", "app"], ward))
    f, p = statistics.median(frozen), statistics.median(plain)
    print(f"first start: frozen {frozen_first:.2f} s, non-frozen {plain_first:.2f} s")
    print(f"start to the main window, median of {runs}: frozen {f:.2f} s, non-frozen {p:.2f} s, "
          f"ratio {f / p:.2f} (goal ≤ 1.5)")  # fmt: skip


if __name__ == "__main__":
    main()
