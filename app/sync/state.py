"""The installation's counters (design.md §2–§3): the record revision and the export seq.

They live in `keys/state.json`, outside the database and its backups, and are advanced on disk
before the database commit that uses them, so a restored database never reuses either."""

import json
import re
from dataclasses import dataclass
from pathlib import Path

from app.errors import N_, EnvironmentProblem, os_reason
from app.fsutil import write_atomic

EMPTY_STATE = {"revision": 0, "seq": 0, "last_manifest_sha256": ""}
COUNTER_MAX = 2**53 - 1  # design.md §2: revision and seq are integers in 0..2^53−1
_SHA = re.compile(r"[0-9a-f]{64}")


def is_valid_state(state) -> bool:
    """The fields of the format, of the right type and range."""
    if not isinstance(state, dict):
        return False
    for name in ("revision", "seq"):
        value = state.get(name)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= COUNTER_MAX:
            return False
    last = state.get("last_manifest_sha256")
    return isinstance(last, str) and (last == "" or _SHA.fullmatch(last) is not None)


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
            reason = os_reason(error) if isinstance(error, OSError) else str(error)
            raise EnvironmentProblem(
                N_("The counter file keys/state.json cannot be read: {error}"), error=reason
            ) from error
        return {**EMPTY_STATE, **state}

    def save(self, state: dict) -> None:
        data = json.dumps(state, sort_keys=True, indent=2).encode("utf-8")
        try:
            write_atomic(self.path, data + b"\n", mode=0o600)
        except OSError as error:
            raise EnvironmentProblem(
                N_("The counter file keys/state.json cannot be written: {error}"),
                error=os_reason(error),
            ) from error

    def allocate_revisions(self, count: int) -> int:
        """Reserve `count` revisions; returns the first. Call it holding the database write lock,
        so two processes never draw the same numbers."""
        state = self.load()
        first = state["revision"] + 1
        state["revision"] += count
        self.save(state)
        return first

    def raise_to(self, floors: "Floors") -> bool:
        """Raise the counters (never lower them) so that the next revision and seq drawn are
        above the floors. A file that cannot be read, or whose fields have the wrong type or
        range, is rebuilt from the floors: returns True then (the user is told)."""
        try:
            state = json.loads(self.path.read_text(encoding="utf-8"))
            damaged = not is_valid_state(state)
        except FileNotFoundError:
            state, damaged = dict(EMPTY_STATE), False
        except (OSError, ValueError):
            state, damaged = None, True
        if damaged:
            state = dict(EMPTY_STATE)
        raised = {
            "revision": max(state["revision"], floors.revision),
            "seq": max(state["seq"], floors.seq),
            "last_manifest_sha256": state["last_manifest_sha256"],
        }
        if raised["seq"] > state["seq"] or not state["last_manifest_sha256"]:
            # The bundle chain goes on from the last export this database remembers.
            raised["last_manifest_sha256"] = (
                floors.last_manifest_sha256 or raised["last_manifest_sha256"]
            )
        if damaged or raised != state or not self.exists():
            self.save(raised)
        return damaged


@dataclass
class Floors:
    """What the database says the counters must be above (design.md §2)."""

    revision: int = 0  # the highest revision of any record, or of any receipt loaded
    seq: int = 0  # the highest seq in the export log or of any receipt loaded
    last_manifest_sha256: str = ""  # the manifest of the export with that seq, if logged
