"""What an import plan is made of: the columns found, each row's fate, the problems met."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from app.errors import TiepCanError

STATUSES = ("new", "duplicate", "refused", "skipped")


class SheetError(TiepCanError):
    """The file as a whole cannot be imported: unreadable, no header, a mapping that cannot be."""


@dataclass(frozen=True)
class TargetField:
    name: str
    label: str  # translated
    required: bool
    # An enumeration's (value, translated label) pairs, for a value given to every row; else [].
    choices: list[tuple[str, str]] = field(default_factory=list, compare=False, hash=False)


@dataclass
class Column:
    index: int  # 0-based, in the sheet
    header: str  # as in the sheet; the rows of a multi-row header joined with " / "
    field: str | None
    hidden: bool = False
    proposed: bool = True  # guessed from the header words, not remembered or given


@dataclass
class Problem:
    row: int
    column: str  # header text; "" for the whole row
    reason: str  # translated


class Cells(Mapping):
    """A row's cells as text (header -> text), made when first read: a dry run of 20,000 rows
    shows the few hundred in view, and the command line none but the refused."""

    __slots__ = ("_make", "_texts", "_values")

    def __init__(self, values: list, make: Callable[[list], dict[str, str]]):
        self._values, self._make, self._texts = values, make, None

    def _made(self) -> dict[str, str]:
        if self._texts is None:
            self._texts = self._make(self._values)
            self._values = self._make = None
        return self._texts

    def __getitem__(self, header: str) -> str:
        return self._made()[header]

    def __iter__(self):
        return iter(self._made())

    def __len__(self) -> int:
        return len(self._made())

    def __repr__(self) -> str:
        return repr(self._made())


@dataclass
class RowPlan:
    row: int  # 1-based, as the spreadsheet numbers it
    status: str  # one of STATUSES
    data: dict = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    duplicate_of: str | None = None
    cells: Mapping[str, str] = field(default_factory=dict)  # a dict, or Cells made when read
    # `data` as the services normalised it, sealed (records.Normalised): the import writes it
    # without normalising it again, while `data` still equals it.
    sealed: object = field(default=None, repr=False, compare=False)
    # What the row says beyond its record, written after it: a person's team, as
    # {"team": team name, "team_leader": bool}.
    links: dict = field(default_factory=dict)


@dataclass
class TeamLink:
    """A team the people of a sheet join: an existing team (its uuid) extended, or a new one."""

    name: str  # as the sheet writes it (the first row's spelling)
    uuid: str | None = None  # the ward's team of that (folded) name, else None: created
    hamlet: str | None = None  # a new team's village: its leader's, else its first member's


@dataclass
class Plan:
    path: Path
    kind: str
    sheet: str
    sheets: list[str]
    header_rows: list[int]
    columns: list[Column]
    rows: list[RowPlan]
    shape_key: str = ""  # where the mapping of a sheet of this shape is remembered
    # The name of each saved record a likely duplicate is like (its uuid -> name), read with the
    # ward's duplicate keys: nothing to look up one by one to show them.
    recorded_names: dict[str, str] = field(default_factory=dict)
    # A value for a field no column fills, given to every row (plan_import's `defaults`).
    defaults: dict[str, object] = field(default_factory=dict)
    # The teams a people sheet's team column names (folded name -> TeamLink).
    teams: dict[str, TeamLink] = field(default_factory=dict)

    @property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(STATUSES, 0)
        for row in self.rows:
            counts[row.status] += 1
        return counts

    @property
    def mapping(self) -> dict[str, str | None]:
        return {column.header: column.field for column in self.columns}

    @property
    def unmapped_required(self) -> list[TargetField]:
        from app.sheets.fields import missing_required

        mapped = {c.field for c in self.columns if c.field} | set(self.defaults)
        return missing_required(self.kind, mapped, self.rows)

    @property
    def teams_summary(self) -> dict[str, int]:
        """How many teams the import creates and how many existing ones gain members, counting
        the teams of the rows it would write ("new")."""
        from app.sheets.values import words

        named = {words(row.links["team"]) for row in self.rows if row.status == "new" and row.links}
        teams = [self.teams[name] for name in named if name in self.teams]
        created = sum(1 for team in teams if team.uuid is None)
        return {"created": created, "extended": len(teams) - created}

    @property
    def problems(self) -> list[Problem]:
        return [problem for row in self.rows if row.status == "refused" for problem in row.problems]
