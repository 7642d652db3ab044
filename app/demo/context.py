"""What every part of one demo-data run shares: the ward's names, the date window, and helpers
that turn the random stream into identifiers, dates and sums of money.

Nothing here reads the clock: the window is fixed, so the same seed and ward code give the same
records whatever day the command runs."""

import random
import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from app.db.store import Store
from app.units import find_unit

START = date(2025, 1, 1)  # first day with activity
END = date(2026, 10, 31)  # last day with activity (the annual report's default cut-off)
REFORM = date(2025, 7, 1)  # two-tier local government: district-level decisions stop here
LAW_DAY = date(2025, 11, 9)  # Ngày Pháp luật inside the window


@dataclass(frozen=True)
class Ward:
    code: str
    name: str  # "Phường Cầu Giấy"
    short: str  # "Cầu Giấy"
    kind: str  # "phường" / "xã" / "đặc khu", lower case as running text writes it
    province: str  # "Hà Nội"
    province_code: str  # "01"

    @property
    def rural(self) -> bool:
        """Communes are divided into thôn, wards into tổ dân phố."""
        return self.kind == "xã"

    @property
    def in_text(self) -> str:
        """The unit as running text names it: "phường Cầu Giấy"."""
        return f"{self.kind} {self.short}"

    @property
    def committee(self) -> str:
        return f"UBND {self.in_text}"


_KINDS = ("Phường", "Xã", "Đặc khu")
_PROVINCE_PREFIXES = ("Thành phố ", "Tỉnh ")


def _split(name: str) -> tuple[str, str]:
    for kind in _KINDS:
        if name.startswith(kind + " "):
            return kind.lower(), name[len(kind) + 1 :]
    return "phường", name


def ward_of(store: Store) -> Ward:
    installation = store.installation
    name = installation["unit_name"] or f"Phường {installation['unit_code']}"
    kind, short = _split(name)
    province_code = installation["province_code"] or ""
    with store.read() as connection:
        unit = find_unit(connection, province_code) if province_code else None
    # An unlisted province code is allowed at set-up; then the text just says "tỉnh".
    province = unit.name if unit else "tỉnh"
    for prefix in _PROVINCE_PREFIXES:
        province = province.removeprefix(prefix)
    return Ward(installation["unit_code"], name, short, kind, province, province_code)


def streams(seed: int, ward_code: str, names: tuple[str, ...]) -> dict[str, random.Random]:
    """One random stream per part, all drawn from the single root stream of (seed, ward).

    Separate streams keep the people and teams identical when only --sessions or --cases
    changes, which makes demonstrations and bug reports easier to compare."""
    root = random.Random(f"{seed}:{ward_code}")
    return {name: random.Random(root.getrandbits(64)) for name in names}


def new_uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def between(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, max(0, (last - first).days)))


def money(rng: random.Random, low: int, high: int, step: int = 50_000) -> int:
    """An amount in đồng, a multiple of `step` (budgets are planned in round sums)."""
    return rng.randint(low // step, high // step) * step


def phone(rng: random.Random) -> str:
    return rng.choice(("09", "03", "08", "07")) + f"{rng.randrange(10**8):08d}"


def decision_number(rng: random.Random, day: date, per_day: float) -> str:
    """A decision number as UBND numbers them: a yearly sequence, so later in the year means a
    larger number. `per_day` is how many decisions the issuer signs a day on average."""
    number = max(1, int(day.timetuple().tm_yday * per_day) + rng.randint(0, 3))
    return f"{number}/QĐ-UBND"


def clip(day: date) -> date:
    return min(day, END)
