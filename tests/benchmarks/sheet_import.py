"""A 20,000-row sheet of outreach sessions imported by `tiepcan import-sheet` (a dry run, then
the import; whole processes), against the services' own batch write (records.create_many) of the
same records in the same run. Goal: ratio ≥ 0.5 (the import takes at most twice the write).

Each figure is wall-clock seconds, and the CPU seconds (user + system) the work took beside it:
on a shared machine the wall clock also counts the time other programs had the processor, so
the CPU figures compare runs more steadily.

    python -m tests.benchmarks.sheet_import [ROWS]
"""

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from app import sheets
from app.services import records as svc
from app.services.setup import set_up
from tests.benchmarks.common import elapsed
from tests.sheet_makers import sessions_xlsx

GOAL = 0.5


def _ward(folder: Path):
    return set_up(folder, "ward", "00167", province="01", officer="Bench").store


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _command(folder: Path, sheet: Path, *extra: str) -> tuple[float, float, dict]:
    argv = [sys.executable, "-m", "app", "import-sheet", str(sheet), "--kind", "sessions",
            "--json", "--data-dir", str(folder), *extra]  # fmt: skip
    cpu = _children_cpu()
    seconds, done = elapsed(subprocess.run, argv, capture_output=True, text=True, check=False)
    cpu = _children_cpu() - cpu
    if done.returncode != 0:
        raise SystemExit(f"import-sheet exited {done.returncode}: {done.stderr}")
    return seconds, cpu, json.loads(done.stdout)


def _in_process(function, *args) -> tuple[float, float, object]:
    cpu = time.process_time()
    seconds, result = elapsed(function, *args)
    return seconds, time.process_time() - cpu, result


def main(rows: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        sheet = sessions_xlsx(root / "buoi.xlsx", rows)
        # The same records, as the plan makes them, written by the services in one batch.
        reference = _ward(root / "reference")
        plan_seconds, plan_cpu, plan = _in_process(sheets.plan_import, reference, sheet, "sessions")
        data = [row.data for row in plan.rows if row.status == "new"]
        assert len(data) == rows, plan.counts
        write_seconds, write_cpu, _ = _in_process(svc.create_many, reference, "sessions", data)
        reference.close()
        target = root / "import"
        _ward(target).close()
        dry_seconds, dry_cpu, dry = _command(target, sheet, "--dry-run")
        import_seconds, import_cpu, done = _command(target, sheet)
        assert dry["rows"]["new"] == rows and done["rows"]["new"] == rows, (dry, done)
        again_seconds, again_cpu, again = _command(target, sheet, "--dry-run")
        assert again["rows"]["duplicate"] == rows
    ratio = write_seconds / (dry_seconds + import_seconds)
    cpu_ratio = write_cpu / (dry_cpu + import_cpu)
    print(f"rows: {rows:,}                             wall      CPU")
    print(f"services' batch write (create_many):   {write_seconds:6.2f} s {write_cpu:6.2f} s")
    print(f"plan_import in process (for reference): {plan_seconds:6.2f} s {plan_cpu:6.2f} s")
    print(f"tiepcan import-sheet --dry-run:         {dry_seconds:6.2f} s {dry_cpu:6.2f} s")
    print(f"tiepcan import-sheet (import):          {import_seconds:6.2f} s {import_cpu:6.2f} s")
    print(f"re-import dry run (all duplicates):     {again_seconds:6.2f} s {again_cpu:6.2f} s")
    print(
        f"ratio write / (dry run + import):       {ratio:6.2f}   {cpu_ratio:6.2f}   (goal ≥ {GOAL})"
    )
    print(f"ratio write / import alone:             {write_seconds / import_seconds:6.2f}   "
          f"{write_cpu / import_cpu:6.2f}")  # fmt: skip


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
