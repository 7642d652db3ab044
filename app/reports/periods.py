"""Reporting periods as design.md §4 names them, with the actual-data cut-offs of TT 03/2019 Điều 6.

- `2026-H1`: the 6-month report, 1/1–30/6, actual data to 31/5, June estimated;
- `2026-Y`: the preliminary annual report, 1/1–31/12, actual data to the cut-off (31/10 by
  default, 30/11 where the office asks for it), the rest estimated;
- `2026`: the official annual report, 1/1–31/12, all actual;
- `2026-01-01..2026-06-30`: any range, all actual.
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from app.errors import N_, TiepCanError

# The day (month, day) actual data stops in a preliminary annual report.
ANNUAL_CUTOFFS = {"10-31": (10, 31), "11-30": (11, 30)}
DEFAULT_ANNUAL_CUTOFF = "10-31"

# ASCII digits only: `\d` alone also matches Arabic-Indic and other digits, which int() reads but
# date.fromisoformat() refuses, so "٢٠٢٦-H1" was a period and "٢٠٢٦-01-01..٢٠٢٦-02-01" was not.
# Full-width digits ("２０２６", what some input methods type) are folded to ASCII first (NFKC).
_HALF = re.compile(r"([0-9]{4})-H1")
_PRELIMINARY_YEAR = re.compile(r"([0-9]{4})-Y")
_YEAR = re.compile(r"([0-9]{4})")
_RANGE = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})\.\.([0-9]{4}-[0-9]{2}-[0-9]{2})")
# The same range as an officer writes dates (01/01/2026..30/06/2026, or with a dash): read as
# its ISO twin, whose code the stored estimates are kept under.
_DAY = r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})"
_DAY_RANGE = re.compile(_DAY + r"\s*(?:\.\.|–|-)\s*" + _DAY)

FIRST_YEAR, LAST_YEAR = 2000, 2100


class PeriodError(TiepCanError):
    pass


@dataclass(frozen=True)
class Period:
    code: str  # as typed: "2026-H1", "2026-Y", "2026", "2026-01-01..2026-06-30"
    kind: str  # "half" | "preliminary_year" | "year" | "range"
    start: date
    end: date
    actual_end: date  # the last day of actual data; after it, figures are estimates

    @property
    def has_estimate(self) -> bool:
        return self.actual_end < self.end

    @property
    def estimate_start(self) -> date | None:
        return self.actual_end + timedelta(days=1) if self.has_estimate else None


def parse_period(text: str, annual_cutoff: str = DEFAULT_ANNUAL_CUTOFF) -> Period:
    """The period a user typed, or PeriodError saying what a period looks like."""
    code = typed = unicodedata.normalize("NFKC", text or "").strip()
    if match := _DAY_RANGE.fullmatch(code):
        day1, month1, year1, day2, month2, year2 = (int(part) for part in match.groups())
        code = f"{year1:04d}-{month1:02d}-{day1:02d}..{year2:04d}-{month2:02d}-{day2:02d}"
    if match := _HALF.fullmatch(code):
        year = _year(match.group(1), code)
        return Period(code, "half", date(year, 1, 1), date(year, 6, 30), date(year, 5, 31))
    if match := _PRELIMINARY_YEAR.fullmatch(code):
        year = _year(match.group(1), code)
        month, day = ANNUAL_CUTOFFS.get(annual_cutoff, ANNUAL_CUTOFFS[DEFAULT_ANNUAL_CUTOFF])
        return Period(
            code, "preliminary_year", date(year, 1, 1), date(year, 12, 31), date(year, month, day)
        )
    if match := _YEAR.fullmatch(code):
        year = _year(match.group(1), code)
        return Period(code, "year", date(year, 1, 1), date(year, 12, 31), date(year, 12, 31))
    if match := _RANGE.fullmatch(code):
        try:
            start, end = (date.fromisoformat(part) for part in match.groups())
        except ValueError:
            raise _bad(typed) from None
        _year(str(start.year), typed)
        _year(str(end.year), typed)
        if end < start:
            raise PeriodError(
                N_("The period “{period}” ends before it starts."), period=typed
            ) from None
        return Period(code, "range", start, end, end)
    raise _bad(code)


def _year(text: str, code: str) -> int:
    year = int(text)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise PeriodError(
            N_("The period “{period}” is outside the years {first}–{last}."),
            period=code,
            first=FIRST_YEAR,
            last=LAST_YEAR,
        )
    return year


def _bad(code: str) -> PeriodError:
    return PeriodError(
        N_(
            "“{period}” is not a period. Write 2026-H1 (6 months), 2026-Y (preliminary year), "
            "2026 (whole year) or a range: 01/01/2026..30/06/2026 or 2026-01-01..2026-06-30."
        ),
        period=code,
    )
