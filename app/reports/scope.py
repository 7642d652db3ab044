"""What a report counts over: which wards, which days, which team, and the settings in force."""

from dataclasses import dataclass, field
from datetime import date


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

    def params(self) -> dict:
        values = {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "asof": self.as_of.isoformat(),
            "team": self.team_uuid,
        }
        values.update({f"w{i}": code for i, code in enumerate(self.wards)})
        return values

    def in_wards(self, column: str) -> str:
        """`column IN (:w0, :w1, …)`: the wards as bound parameters, never pasted in."""
        if not self.wards:
            return "0"
        marks = ", ".join(f":w{i}" for i in range(len(self.wards)))
        return f"{column} IN ({marks})"
