"""A district's submission tracker: for each ward of its province and each reporting period of a
year, whether the ward's data for that period arrived, arrived late, or is missing; and, per
ward, how fresh its data is and what went wrong on the way (gaps, equivocations, rollbacks,
open conflicts).

A bundle is a full snapshot, so a period is covered by any accepted bundle the ward made on or
after the period's last day of actual data (TT 03/2019 Điều 6: 31/5 for the 6-month report, the
annual cut-off for the preliminary year, 31/12 for the official one). It is on time when the
district accepted it by the period's due date: the 10th of June, November and January, when
ward-level forms are due (domain.md §6, a weak source: the office can read "late" as a hint).
A bundle accepted before migration 0008 has no recorded making date; its acceptance date
stands in for it."""

import json
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select

from app.db.store import Store
from app.models import AcceptedBundle, Conflict, ImportJournalEntry, WardKey
from app.reports.periods import Period, parse_period
from app.units import shipped_units

_accepted = AcceptedBundle.__table__
_journal = ImportJournalEntry.__table__
_conflicts = Conflict.__table__
_keys = WardKey.__table__

STATES = ("received", "late", "missing", "pending")
# Month and day a period's report is due, and the year after the period's start it falls in.
_DUE = {"half": (6, 10, 0), "preliminary_year": (11, 10, 0), "year": (1, 10, 1)}


@dataclass(frozen=True)
class TrackedPeriod:
    period: Period
    due: date


@dataclass
class WardTrack:
    code: str
    name: str
    registered: bool  # has at least one key registered here
    states: dict[str, str] = field(default_factory=dict)  # period code → one of STATES
    last_seq: int | None = None
    data_date: date | None = None  # the day the newest accepted bundle was made
    last_import: date | None = None
    gaps: int = 0  # bundles imported with the warning `gap`
    rollbacks: int = 0  # … with the warning `rollback`
    equivocations: int = 0  # bundles refused as `equivocation`
    open_conflicts: int = 0

    def age_days(self, today: date) -> int | None:
        return (today - self.data_date).days if self.data_date else None


def periods_of(year: int, annual_cutoff: str = "10-31") -> list[TrackedPeriod]:
    tracked = []
    for code in (f"{year}-H1", f"{year}-Y", f"{year}"):
        period = parse_period(code, annual_cutoff)
        month, day, later = _DUE[period.kind]
        tracked.append(TrackedPeriod(period, date(period.start.year + later, month, day)))
    return tracked


def _day(iso: str | None) -> date | None:
    return date.fromisoformat(iso[:10]) if iso else None


def _state(bundles: list[tuple[date, date]], tracked: TrackedPeriod, today: date) -> str:
    """`bundles`: (made on, accepted on) of a ward's accepted bundles."""
    covering = [accepted for made, accepted in bundles if made >= tracked.period.actual_end]
    if any(accepted <= tracked.due for accepted in covering):
        return "received"
    if covering:
        return "late"
    return "missing" if today > tracked.due else "pending"


def track(
    store: Store, year: int, today: date | None = None, annual_cutoff: str = "10-31"
) -> tuple[list[TrackedPeriod], list[WardTrack]]:
    """The periods of `year` and, for every ward of the province (the shipped unit list) and
    every ward registered here, its track; ordered by ward name."""
    today = today or date.today()
    tracked = periods_of(year, annual_cutoff)
    wards: dict[str, WardTrack] = {
        unit.code: WardTrack(unit.code, unit.name, False)
        for unit in shipped_units()
        if unit.level == "commune" and unit.parent_code == store.unit_code
    }
    with store.read() as connection:
        for code, name in connection.execute(
            select(_keys.c.ward_code, _keys.c.ward_name).order_by(_keys.c.generation)
        ):
            ward = wards.setdefault(code, WardTrack(code, name, True))
            ward.registered, ward.name = True, name or ward.name
        bundles: dict[str, list[tuple[date, date]]] = {}
        for code, seq, created, accepted in connection.execute(
            select(
                _accepted.c.ward_code, _accepted.c.seq, _accepted.c.created_at,
                _accepted.c.accepted_at,
            ).order_by(_accepted.c.id)
        ):  # fmt: skip
            ward = wards.setdefault(code, WardTrack(code, code, False))
            made, taken = _day(created) or _day(accepted), _day(accepted)
            bundles.setdefault(code, []).append((made, taken))
            ward.last_seq, ward.last_import = seq, taken
            ward.data_date = max(filter(None, (ward.data_date, made)))
        for code, outcome, reason, warnings in connection.execute(
            select(
                _journal.c.ward_code, _journal.c.outcome, _journal.c.reason_code,
                _journal.c.warnings,
            ).where(_journal.c.dry_run.is_(False), _journal.c.ward_code.is_not(None))
        ):  # fmt: skip
            if code not in wards:
                continue
            noted = json.loads(warnings or "[]") if outcome == "imported" else []
            wards[code].gaps += "gap" in noted
            wards[code].rollbacks += "rollback" in noted
            wards[code].equivocations += reason == "equivocation"
        for code, number in connection.execute(
            select(_conflicts.c.ward_code, func.count())
            .where(_conflicts.c.status == "open")
            .group_by(_conflicts.c.ward_code)
        ):
            if code in wards:
                wards[code].open_conflicts = number
    for ward in wards.values():
        for item in tracked:
            ward.states[item.period.code] = _state(bundles.get(ward.code, []), item, today)
    return tracked, sorted(wards.values(), key=lambda w: (w.name, w.code))
