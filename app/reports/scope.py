"""What a report counts over: which wards, which days, which team, and the settings in force.

The report queries (app.reports.measures, app.reports.listings) are SQLAlchemy Core statements
built once and run for every scope: they name the scope by the bound parameters below, and
`Scope.parameters()` gives their values."""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import String, bindparam
from sqlalchemy.sql.elements import ColumnElement

from app.db.specific import OneOf

WARDS = "wards"  # the name the scope's ward codes are bound under; an empty scope matches nothing
FIRST_DAY = bindparam("first_day", type_=String)  # days as the records store them: ISO text
LAST_DAY = bindparam("last_day", type_=String)
AS_OF = bindparam("as_of", type_=String)
TEAM_UUID = bindparam("team", type_=String)  # only in statements of one team's figures


def in_wards(column: ColumnElement) -> ColumnElement:
    """`column` is one of the scope's wards (one array parameter on PostgreSQL, however many
    wards a national district counts: app.db.specific.OneOf)."""
    return OneOf(column, WARDS)


@dataclass(frozen=True)
class Scope:
    wards: tuple[str, ...]  # the wards whose records count (one at a ward; the merged ones above)
    start: date
    end: date  # the last day of actual data (inclusive)
    team_uuid: str | None = None  # one mediation team only
    settings: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def as_of(self) -> date:
        """The day stock figures (people holding a role, teams in force, case states) are read."""
        return self.end

    def parameters(self, **more) -> dict:
        """The values of the bound parameters above (and `more`) for this scope."""
        return {
            "wards": list(self.wards),
            "first_day": self.start.isoformat(),
            "last_day": self.end.isoformat(),
            "as_of": self.as_of.isoformat(),
            "team": self.team_uuid,
            **more,
        }
