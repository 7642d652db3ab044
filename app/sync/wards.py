"""The district's roll of wards: every commune of its province in the shipped unit list, with
the keys registered for each and what was last accepted from it. A registered ward missing
from the list (codes change, app/units.py) is kept: the card names it."""

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from app.db.store import Store
from app.errors import N_, EnvironmentProblem
from app.files import read_small_file
from app.models import AdminUnit
from app.sync.card import read_card
from app.sync.trust import (
    check_key_unregistered,
    check_ward_card,
    revocation_reasons,
    trust_list,
)
from app.text import fold

_units = AdminUnit.__table__
CARD_CAP = 64 * 1024


@dataclass
class WardEntry:
    code: str
    name: str
    keys: list[dict] = field(default_factory=list)  # trust_list's, oldest generation first
    last_seq: int | None = None
    last_import_at: str | None = None
    listed: bool = True  # in the shipped unit list

    @property
    def registered(self) -> bool:
        return bool(self.keys)

    @property
    def current_key(self) -> dict | None:
        """The key of the latest generation: the one the ward signs with now."""
        return self.keys[-1] if self.keys else None

    def matches(self, query: str) -> bool:
        """Every typed word, without diacritics, found in the code or the name."""
        haystack = f"{self.code} {fold(self.name)}"
        return all(word in haystack for word in fold(query).split())


def province_wards(store: Store) -> list[WardEntry]:
    """District: its province's wards in code order, registered or not."""
    with store.read() as connection:
        units = connection.execute(
            select(_units.c.code, _units.c.name)
            .where(_units.c.level == "commune", _units.c.parent_code == store.unit_code)
            .order_by(_units.c.code)
        ).all()
    entries = {code: WardEntry(code, name) for code, name in units}
    reasons = revocation_reasons(store)
    for ward in trust_list(store)["wards"]:
        entry = entries.get(ward["code"])
        if entry is None:
            entry = entries[ward["code"]] = WardEntry(ward["code"], ward["name"], listed=False)
        entry.name = ward["name"]  # as the ward's latest card names itself
        entry.keys = [dict(key, reason=reasons.get(key["key_id"], "")) for key in ward["keys"]]
        entry.last_seq, entry.last_import_at = ward["last_seq"], ward["last_import_at"]
    return sorted(entries.values(), key=lambda entry: entry.code)


def ward_entry(store: Store, code: str) -> WardEntry | None:
    return next((entry for entry in province_wards(store) if entry.code == code), None)


def read_card_file(path: Path) -> bytes:
    """A key card's bytes (a card is about 1 KiB: anything above 64 KiB is something else)."""
    too_large = EnvironmentProblem(N_("{path} is too large to be a key card."), path=str(path))
    return read_small_file(path, CARD_CAP, too_large)


def card_to_register(store: Store, data: bytes) -> dict:
    """A ward's card read and checked for this district before the officer types its
    fingerprint: the card's unit, its key id, and the ward's keys registered so far."""
    card, public = read_card(data)
    check_ward_card(store, card)
    with store.read() as connection:
        check_key_unregistered(connection, public.key_id)
    unit = card["unit"]
    entry = ward_entry(store, unit["code"])
    return {
        "code": unit["code"],
        "name": unit["name"],
        "key_id": public.key_id,
        "public": public,
        "keys": entry.keys if entry else [],
    }


def local_day(at: str | None) -> str | None:
    """The ISO day, in this PC's time zone, of a UTC time stamp ("2026-05-04T23:30:00Z")."""
    if not at:
        return None
    try:
        return datetime.fromisoformat(at.replace("Z", "+00:00")).astimezone().date().isoformat()
    except ValueError:
        return at[:10]
