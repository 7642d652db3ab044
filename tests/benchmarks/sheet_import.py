"""A 20,000-row sheet of outreach sessions imported by `tiepcan import-sheet` (a dry run, then
the import; whole processes), against the services' own batch write (records.create_many) of the
same records in the same run. Goal: ratio ≥ 0.5 (the import takes at most twice the write).

    python -m tests.benchmarks.sheet_import [ROWS]
"""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from app import sheets
from app.services import records as svc
from app.services.setup import set_up
from tests.benchmarks.common import elapsed
from tests.sheet_makers import sessions_xlsx

GOAL = 0.5


def _ward(folder: Path):
    return set_up(folder, "ward", "00167", province="01", officer="Bench").store


def _command(folder: Path, sheet: Path, *extra: str) -> tuple[float, dict]:
    argv = [sys.executable, "-m", "app", "import-sheet", str(sheet), "--kind", "sessions",
            "--json", "--data-dir", str(folder), *extra]  # fmt: skip
    seconds, done = elapsed(subprocess.run, argv, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"import-sheet exited {done.returncode}: {done.stderr}")
    return seconds, json.loads(done.stdout)


def main(rows: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        sheet = sessions_xlsx(root / "buoi.xlsx", rows)
        # The same records, as the plan makes them, written by the services in one batch.
        reference = _ward(root / "reference")
        plan_seconds, plan = elapsed(sheets.plan_import, reference, sheet, "sessions")
        data = [row.data for row in plan.rows if row.status == "new"]
        assert len(data) == rows, plan.counts
        write_seconds, _ = elapsed(svc.create_many, reference, "sessions", data)
        reference.close()
        target = root / "import"
        _ward(target).close()
        dry_seconds, dry = _command(target, sheet, "--dry-run")
        import_seconds, done = _command(target, sheet)
        assert dry["rows"]["new"] == rows and done["rows"]["new"] == rows, (dry, done)
        again_seconds, again = _command(target, sheet, "--dry-run")
        assert again["rows"]["duplicate"] == rows
    total = dry_seconds + import_seconds
    ratio = write_seconds / total
    print(f"rows: {rows:,}")
    print(f"services' batch write (create_many):   {write_seconds:6.2f} s")
    print(f"plan_import in process (for reference): {plan_seconds:6.2f} s")
    print(f"tiepcan import-sheet --dry-run:         {dry_seconds:6.2f} s")
    print(f"tiepcan import-sheet (import):          {import_seconds:6.2f} s")
    print(f"re-import dry run (all duplicates):     {again_seconds:6.2f} s")
    print(f"ratio write / (dry run + import):       {ratio:6.2f} (goal ≥ {GOAL})")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
