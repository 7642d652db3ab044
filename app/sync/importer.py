"""Importing bundles at the district: read and check, decide acceptance, merge, journal.

One transaction per bundle. A refusal leaves every table as it was except the journal, which
records every attempt. A dry run is the real import, rolled back."""

import gc
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, insert, select

from app.db.specific import specific
from app.db.store import Store
from app.errors import N_, SetupError, TiepCanError
from app.models import AcceptedBundle, ImportJournalEntry
from app.search import forget_folded
from app.services.audit import now_iso
from app.services.fields import forget_repeats
from app.services.records import actor_for
from app.sync.archive import Limits
from app.sync.errors import BundleError
from app.sync.merge import merge_bundle
from app.sync.reader import OpenedBundle, bundle_order, open_bundle
from app.sync.trust import key_folder
from app.sync.undo import keep_undo
from app.text import as_text


@dataclass
class Outcome:
    file: str
    status: str  # imported | already-imported | acceptable | refused
    reason_code: str | None = None
    reason: str | None = None  # in the reader's language
    warnings: list[str] = field(default_factory=list)
    counts: dict = field(default_factory=dict)
    ward_code: str | None = None
    ward_name: str | None = None
    seq: int | None = None
    generation: int | None = None
    created_at: str | None = None
    key_id: str | None = None
    file_sha256: str | None = None
    records: dict[str, int] = field(default_factory=dict)
    missing: list[dict] = field(default_factory=list)  # stored live records the bundle lacked

    def as_json(self) -> dict:
        return {
            "file": self.file,
            "status": self.status,
            "reason_code": self.reason_code,
            "reason": self.reason,
            "warnings": self.warnings,
            "counts": self.counts,
            "missing": self.missing,
        }


# Called with a ward's code when an import has waited about a second for another operator's
# import of that ward (a PostgreSQL district): the CLI prints a line, the window shows it.
Waiting = Callable[[str], None]


class _RollBack(Exception):
    """Ends a dry run's transaction without committing it."""


_accepted = AcceptedBundle.__table__
_journal_entries = ImportJournalEntry.__table__


def _acceptance(connection: Connection, opened: OpenedBundle) -> tuple[bool, list[str]]:
    """(already imported?, warnings); refuses replays and equivocations. Decided per key of the
    ward (design.md §3): a replaced key's late last bundle is still imported."""
    ward, generation = opened.ward_code, opened.generation
    seq = opened.manifest["seq"]
    same = connection.execute(
        select(_accepted.c.id).where(
            _accepted.c.ward_code == ward, _accepted.c.manifest_sha256 == opened.manifest_sha256
        )
    ).first()
    if same:
        return True, []
    of_key = (_accepted.c.ward_code == ward) & (_accepted.c.generation == generation)
    taken = connection.execute(select(_accepted.c.id).where(of_key, _accepted.c.seq == seq)).first()
    if taken:
        raise BundleError(
            "equivocation",
            N_("Ward {ward} already sent a different bundle numbered {seq}; this one is refused."),
            ward=ward,
            seq=seq,
        )
    last = connection.execute(
        select(_accepted.c.seq, _accepted.c.manifest_sha256)
        .where(of_key)
        .order_by(_accepted.c.seq.desc())
        .limit(1)
    ).first()
    if last and seq < last.seq:
        raise BundleError(
            "replay",
            N_(
                "This bundle (number {seq}) is older than one already imported from ward {ward} (number {last})."
            ),
            seq=seq,
            ward=ward,
            last=last.seq,
        )
    expected_prev = last.manifest_sha256 if last else ""
    return False, [] if opened.manifest["prev_manifest_sha256"] == expected_prev else ["gap"]


def _accept(connection: Connection, opened: OpenedBundle) -> int:
    """Record the bundle as accepted; returns its row id (the engine's: several operators may
    import at once)."""
    result = connection.execute(
        insert(_accepted).values(
            ward_code=opened.ward_code,
            generation=opened.generation,
            seq=opened.manifest["seq"],
            manifest_sha256=opened.manifest_sha256,
            bundle_id=opened.manifest["bundle_id"],
            accepted_at=now_iso(),
            created_at=opened.manifest["created_at"],
        )
    )
    return result.inserted_primary_key[0]


def _describe(outcome: Outcome, opened: OpenedBundle) -> None:
    manifest = opened.manifest
    outcome.ward_code = opened.ward_code
    outcome.ward_name = manifest["ward"]["name"]
    outcome.seq = manifest["seq"]
    outcome.generation = opened.generation
    outcome.created_at = manifest["created_at"]
    outcome.key_id = manifest["key_id"]
    outcome.records = {kind: checked.count for kind, checked in opened.records.items()}


@contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """An import allocates hundreds of thousands of short-lived dicts and lists and creates
    almost no reference cycles: Python's cycle collector, triggered by the allocations alone,
    would spend a tenth of the import walking them. Plain reference counting frees them all the
    same; the collector resumes when the bundle is done."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def import_one(
    store: Store,
    path: Path,
    *,
    dry_run: bool,
    verify: bool,
    limits: Limits,
    waiting: Waiting | None = None,
) -> Outcome:
    outcome = Outcome(file=as_text(str(path)), status="refused")
    keys = key_folder(store)
    try:
        # Not exclusive: imports of other wards run beside this one on a server database. Every
        # row an import writes is its ward's, or drawn from a sequence (ids), or its own
        # (accepted_bundles, import_undo, record_versions, conflicts, search rows by record id).
        with _cycle_collector_paused(), store.write(exclusive=False) as connection:
            opened = open_bundle(path, connection, keys, store.unit_code, limits)
            outcome.file_sha256 = opened.file_sha256
            _describe(outcome, opened)
            # The same ward's imports one after the other: acceptance and merge read the ward's
            # rows as the previous import committed them (READ COMMITTED: each statement sees
            # what was committed before it ran, so after the lock, the other import whole).
            specific(connection).ward_lock(connection, opened.ward_code, waiting)
            already, outcome.warnings = _acceptance(connection, opened)
            if already:
                outcome.status = "already-imported"
                raise _RollBack
            bundle_id = _accept(connection, opened)
            merged = merge_bundle(
                connection, opened.ward_code, opened.generation, opened.records, bundle_id
            )
            outcome.counts, outcome.missing = merged.counts, merged.missing
            outcome.warnings += merged.warnings
            keep_undo(connection, opened.ward_code, bundle_id, merged.undo)
            # A dry run is the real import rolled back: it says what would happen.
            outcome.status = "acceptable" if dry_run or verify else "imported"
            if dry_run or verify:
                raise _RollBack
    except _RollBack:
        pass
    except BundleError as error:
        outcome.status = "refused"
        outcome.reason_code = error.reason_code
        outcome.reason = error.message()
        outcome.counts = {}
    finally:
        forget_repeats()
        forget_folded()
    return outcome


def _journal(store: Store, outcome: Outcome, dry_run: bool) -> None:
    actor = actor_for(store)
    with store.write(exclusive=False) as connection:  # a row of its own: no wait for others
        connection.execute(
            insert(_journal_entries).values(
                at=now_iso(), officer=actor.officer, os_user=actor.os_user,
                file_name=Path(outcome.file).name, file_sha256=outcome.file_sha256,
                ward_code=outcome.ward_code, seq=outcome.seq, generation=outcome.generation,
                outcome=outcome.status, reason_code=outcome.reason_code, reason=outcome.reason,
                warnings=json.dumps(outcome.warnings), counts=json.dumps(outcome.counts),
                dry_run=dry_run,
            )
        )  # fmt: skip


def require_district(store: Store) -> None:
    if store.role != "district":
        raise SetupError(N_("This command is for a district installation; this one is a ward."))


def bundle_files(store: Store, paths: list[Path]) -> list[Path]:
    """The files to import, in order: a file as given; a folder, every file ending in .tcb (any
    letter case) directly in it, each ward's in ascending seq as read from the bundles."""
    files = []
    keys = key_folder(store)
    for path in paths:
        if not path.is_dir():
            files.append(path)
            continue
        found = [p for p in path.iterdir() if p.suffix.lower() == ".tcb" and p.is_file()]
        if not found:
            raise TiepCanError(N_("The folder {path} holds no bundle (.tcb) file."), path=str(path))
        with store.read() as connection:
            files += sorted(found, key=lambda p: bundle_order(p, keys, connection, Limits()))
    return files


def import_bundles(
    store: Store,
    paths: list[Path],
    *,
    dry_run: bool = False,
    limits: Limits | None = None,
    waiting: Waiting | None = None,
) -> list[Outcome]:
    """Each file its own transaction, journalled whatever its outcome. `waiting(ward)`: told
    when a bundle waits for another operator's import of its ward."""
    require_district(store)
    if not dry_run:
        store.ensure_sound()
    outcomes = []
    for path in paths:
        outcome = import_one(
            store,
            Path(path),
            dry_run=dry_run,
            verify=False,
            limits=limits or Limits(),
            waiting=waiting,
        )
        _journal(store, outcome, dry_run)
        outcomes.append(outcome)
    return outcomes


def verify_bundle(
    store: Store, path: Path, limits: Limits | None = None, waiting: Waiting | None = None
) -> Outcome:
    """What an import would do, without doing it (and without a journal entry). It waits, as
    an import does, for another operator's import of the same ward: it says what would happen
    after that one."""
    require_district(store)
    return import_one(
        store, Path(path), dry_run=True, verify=True, limits=limits or Limits(), waiting=waiting
    )
