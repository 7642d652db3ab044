"""The installation's counters (design.md §2–§3): the record revision and the export seq.

They live in `keys/state.json`, outside the database and its backups, and are advanced on disk
before the database commit that uses them, so a restored database never reuses either."""

import json
from pathlib import Path

from app.errors import N_, EnvironmentProblem
from app.fsutil import write_atomic

EMPTY_STATE = {"revision": 0, "seq": 0, "last_manifest_sha256": ""}


class CounterState:
    def __init__(self, path: Path):
        self.path = path

    def exists(self) -> bool:
        return self.path.is_file()

    def load(self) -> dict:
        try:
            state = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return dict(EMPTY_STATE)
        except (OSError, ValueError) as error:
            raise EnvironmentProblem(
                N_("The counter file keys/state.json cannot be read: {error}"), error=str(error)
            ) from error
        return {**EMPTY_STATE, **state}

    def save(self, state: dict) -> None:
        data = json.dumps(state, sort_keys=True, indent=2).encode("utf-8")
        try:
            write_atomic(self.path, data + b"\n", mode=0o600)
        except OSError as error:
            raise EnvironmentProblem(
                N_("The counter file keys/state.json cannot be written: {error}"), error=str(error)
            ) from error

    def allocate_revisions(self, count: int) -> int:
        """Reserve `count` revisions; returns the first. Call it holding the database write lock,
        so two processes never draw the same numbers."""
        state = self.load()
        first = state["revision"] + 1
        state["revision"] += count
        self.save(state)
        return first

    def raise_revision_floor(self, floor: int) -> None:
        """A new or lost counter file must start above every revision already in the database."""
        state = self.load()
        if state["revision"] < floor or not self.exists():
            state["revision"] = max(state["revision"], floor)
            self.save(state)
