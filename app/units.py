"""Administrative units as data, from the pinned `vietnam-provinces` package (QĐ 19/2025 codes).

Codes change (they did on 1/7/2025 and again in 2026), so units are rows with validity dates and
a code missing from the shipped list is accepted with a warning, never refused."""

import re
from dataclasses import dataclass

from sqlalchemy import Connection, select

from app.db.specific import specific
from app.models import AdminUnit
from app.text import clean_line, fold

SOURCE = "vietnam-provinces 2025.10.1"
VALID_FROM = "2025-07-01"
WARD_CODE = re.compile(r"\d{5}")
PROVINCE_CODE = re.compile(r"\d{2}")

_units = AdminUnit.__table__
_UNIT = select(
    _units.c.code, _units.c.name, _units.c.level, _units.c.division_type, _units.c.parent_code
)


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    level: str  # province | commune
    division_type: str
    parent_code: str | None


def shipped_units() -> list[Unit]:
    from vietnam_provinces import Province, Ward

    units = [
        Unit(f"{int(p.code):02d}", clean_line(p.name), "province", p.division_type.value, None)
        for p in Province.iter_all()
    ]
    units += [
        Unit(
            f"{int(w.code):05d}",
            # The list has a few names with two spaces ("Phường  Rạch Dừa"): a name that is not
            # clean text would make every bundle of that ward unreadable at its district.
            clean_line(w.name),
            "commune",
            w.division_type.value,
            f"{int(w.province_code):02d}",
        )
        for w in Ward.iter_all()
    ]
    return units


def seed_units(connection: Connection) -> int:
    rows = [
        {
            "code": u.code,
            "name": u.name,
            "level": u.level,
            "division_type": u.division_type,
            "parent_code": u.parent_code,
            "search_text": fold(u.name),
            "valid_from": VALID_FROM,
            "valid_to": None,
            "source": SOURCE,
        }
        for u in shipped_units()
    ]
    specific(connection).upsert(connection, _units, rows, ["code"])
    return len(rows)


def find_unit(connection: Connection, code: str) -> Unit | None:
    row = connection.execute(_UNIT.where(_units.c.code == code)).first()
    return Unit(*row) if row else None


def search_units(connection: Connection, query: str, level: str = "commune", limit: int = 50):
    """Units whose folded name contains every typed word: a picker typed into without
    diacritics ("cau giay" finds "Phường Cầu Giấy"). 3,400 rows: a scan is instant."""
    words = fold(query).split()
    rows = connection.execute(
        _UNIT.where(_units.c.level == level, *(_units.c.search_text.like(f"%{w}%") for w in words))
        .order_by(_units.c.code)
        .limit(limit)
    )
    return [Unit(*row) for row in rows]
