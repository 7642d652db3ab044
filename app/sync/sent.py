"""At a ward: what was sent and what the district says it received (the receipts loaded), for
the "Send data" page."""

from dataclasses import dataclass

from sqlalchemy import select

from app.db.store import Store
from app.models import ExportLogEntry, ReceiptEntry

_log = ExportLogEntry.__table__
_receipts = ReceiptEntry.__table__


@dataclass(frozen=True)
class SentBundle:
    seq: int
    exported_at: str  # ISO, UTC
    file_name: str
    records: int
    acknowledged: bool  # a receipt for this very bundle was loaded


@dataclass(frozen=True)
class LastReceipt:
    seq: int
    imported_at: str  # when the district imported it (ISO, UTC)
    forked: bool  # its bundle is not one this installation exported


def sent_bundles(store: Store, limit: int = 200) -> list[SentBundle]:
    """The bundles this installation exported, newest first."""
    with store.read() as connection:
        acknowledged = set(connection.execute(select(_receipts.c.manifest_sha256)).scalars())
        rows = connection.execute(
            select(_log).order_by(_log.c.seq.desc(), _log.c.id.desc()).limit(limit)
        ).all()
    return [
        SentBundle(row.seq, row.exported_at, row.file_name, row.records,
                   row.manifest_sha256 in acknowledged)
        for row in rows
    ]  # fmt: skip


def last_receipt(store: Store) -> LastReceipt | None:
    """The receipt of the highest bundle number the district acknowledged."""
    with store.read() as connection:
        row = connection.execute(
            select(_receipts.c.seq, _receipts.c.imported_at, _receipts.c.forked)
            .order_by(_receipts.c.seq.desc(), _receipts.c.id.desc())
            .limit(1)
        ).first()
    return LastReceipt(row.seq, row.imported_at, bool(row.forked)) if row else None
