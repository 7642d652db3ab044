"""A district's inbox: files and folders dropped on the window are checked at once (the dry run
of each), the acceptable ones imported in one go, each imported bundle archived with its hash,
then receipts written next to the bundles. What the window's Inbox page does, without Qt."""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.db.store import Store
from app.errors import N_, EnvironmentProblem, os_reason
from app.files import write_file
from app.sync.importer import Outcome, bundle_files, import_bundles, verify_bundle
from app.sync.receipts import write_receipts

Report = Callable[[int, int], None]  # (done, total); may raise to cancel between files
SUMS = "SHA256SUMS"  # the stock `sha256sum -c` checks the archive with it


@dataclass
class InboxItem:
    path: Path
    size: int | None
    outcome: Outcome  # the check's (status "acceptable", "already-imported" or "refused")
    imported: Outcome | None = None  # the import's, once imported

    @property
    def acceptable(self) -> bool:
        return self.imported is None and self.outcome.status == "acceptable"

    def order(self) -> tuple:
        """A ward's bundles go in by key generation and seq, whatever order they were added."""
        o = self.outcome
        return (o.ward_code or "", o.generation or 0, o.seq or 0, self.path.name)


def _size(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except OSError:
        return None


def check_files(
    store: Store,
    paths: list[Path],
    report: Report | None = None,
    waiting: Callable[[str], None] | None = None,
) -> list[InboxItem]:
    """Each file as given, and each folder's bundles (in their seq order), checked: what an
    import would do, nothing written. `waiting(ward)`: as for `import_acceptable`."""
    files = bundle_files(store, [Path(p) for p in paths])
    items = []
    for done, path in enumerate(files, 1):
        items.append(InboxItem(path, _size(path), verify_bundle(store, path, waiting=waiting)))
        if report:
            report(done, len(files))
    return items


def import_acceptable(
    store: Store,
    items: list[InboxItem],
    report: Report | None = None,
    waiting: Callable[[str], None] | None = None,
) -> list[InboxItem]:
    """Import the acceptable items, each its own transaction, in each ward's seq order; archive
    each imported bundle. A cancel (raised by `report`) stops between bundles: those imported
    stay imported. `waiting(ward)`: another operator is importing that ward, this one waits its
    turn. Returns the items imported or refused now."""
    chosen = sorted((item for item in items if item.acceptable), key=InboxItem.order)
    done = []
    for number, item in enumerate(chosen, 1):
        [item.imported] = import_bundles(store, [item.path], waiting=waiting)
        if item.imported.status == "imported":
            archive_bundle(store, item.path, item.imported)
        done.append(item)
        if report:
            report(number, len(chosen))
    return done


def archive_bundle(store: Store, path: Path, outcome: Outcome) -> Path:
    """A copy under archive/WARD/, named by ward, seq and hash, and its line in SHA256SUMS."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise EnvironmentProblem(
            N_("The file {path} cannot be read: {error}"), path=str(path), error=os_reason(error)
        ) from error
    sha = hashlib.sha256(data).hexdigest()
    name = f"{outcome.ward_code}-g{outcome.generation}-{outcome.seq:06d}-{sha[:16]}.tcb"
    archive = store.folder.archive
    target = archive / (outcome.ward_code or "unknown") / name
    if not target.exists():
        write_file(target, data)
        sums = archive / SUMS
        before = sums.read_bytes() if sums.exists() else b""
        line = f"{sha}  {target.relative_to(archive).as_posix()}\n".encode()
        write_file(sums, before + line)
    return target


def write_receipts_for(store: Store, items: list[InboxItem], folder: Path) -> list[Path]:
    """One receipt for each ward whose bundle in the list is imported (now or before), written
    into `folder` (the stick the bundles came on)."""
    wards = sorted(
        {
            (item.imported or item.outcome).ward_code
            for item in items
            if (item.imported or item.outcome).status in ("imported", "already-imported")
        }
    )
    written = []
    for ward in wards:
        written += write_receipts(store, folder, ward)
    return written
