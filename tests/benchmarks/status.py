"""`tiepcan status --json` on the 100,000-session ward, whole process, best and median of 5.

python -m tests.benchmarks.status
"""

import statistics
import subprocess
import sys
import time

from tests.benchmarks.common import bench_ward


def main() -> None:
    folder = bench_ward()
    command = [sys.executable, "-m", "app", "--data-dir", str(folder), "status", "--json"]
    subprocess.run(command, check=True, capture_output=True)  # warm the page cache
    samples = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        samples.append(time.perf_counter() - start)
    bare = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        bare.append(time.perf_counter() - start)
    print(
        f"status --json: best {min(samples):.2f} s, median {statistics.median(samples):.2f} s "
        f"(goal <= 1.5 s); bare interpreter start {statistics.median(bare):.2f} s"
    )


if __name__ == "__main__":
    main()
