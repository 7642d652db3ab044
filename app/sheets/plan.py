"""A dry run of an import: every row of the sheet read, checked as the services check a typed
record, and classified new, likely duplicate, refused (with the reason beside the cell) or
skipped (blank, a totals row, what follows the table). Nothing is written."""

import re
from pathlib import Path

from sqlalchemy import select

from app.enums import CONCLUDED_RESULTS
from app.errors import N_, RecordError, SetupError
from app.i18n import gettext as _
from app.models import metadata
from app.reports.progress import Progress, Tally
from app.services.kinds import KINDS
from app.services.preferences import read_settings
from app.services.records import validate_each
from app.sheets import mapping as mappings
from app.sheets.collector import collector_paused
from app.sheets.fields import KINDS_IMPORTED, Names, Target, targets
from app.sheets.header import find_header
from app.sheets.model import Cells, Column, Plan, Problem, RowPlan, SheetError, TeamLink
from app.sheets.read import read_grid
from app.sheets.template import sample_cells
from app.sheets.values import Refused, cell_text, is_blank, words

TOTALS = ("tong cong", "tong so", "tong", "cong", "cong so", "tong cong so")
ROLE_TITLES = (("hoa giai vien", "HGV"), ("tuyen truyen vien", "TTV"), ("bao cao vien", "BCV"))


def plan_import(
    store,
    path: Path,
    kind: str,
    *,
    sheet: str | None = None,
    mapping: dict[str, str | None] | None = None,
    progress: Progress | None = None,
    defaults: dict[str, object] | None = None,
) -> Plan:
    """`defaults`: a value for a field no column fills (field name -> value, a code or a label
    as a cell would write it), given to every row."""
    if kind not in KINDS_IMPORTED:
        raise ValueError(f"not a kind a sheet imports: {kind!r}")
    if store.role != "ward":
        raise SetupError(N_("A district installation keeps no records of its own."))
    with collector_paused():
        return _plan(store, Path(path), kind, sheet, mapping, progress, dict(defaults or {}))


def _plan(store, path: Path, kind: str, sheet, mapping, progress, defaults) -> Plan:
    tally = Tally(progress, 0)  # told once the rows are counted (a bar is busy till then)
    grid = read_grid(path, sheet)
    header = find_header(grid, kind)
    columns = [
        Column(index, text_, None, hidden=index in grid.hidden_columns)
        for index, text_ in header.texts.items()
    ]
    key = mappings.shape_key(kind, [column.header for column in columns])
    mappings.propose(kind, columns)
    with store.read() as connection:
        settings = read_settings(connection, key)
        names, existing, recorded = _load_ward(connection, kind, store.unit_code)
    chosen = mapping if mapping is not None else mappings.remembered(settings, key)
    if chosen:
        mappings.apply_mapping(kind, columns, chosen)
    first = header.rows[-1] + 1
    tally.expect(2 * max(len(grid.rows) - first, 0))  # each row read, then checked
    reader = _RowReader(kind, columns, names, _default_role(kind, columns, header.title))
    reader.given = _given_values(kind, columns, defaults, names)
    rows: list[RowPlan] = []
    sample = sample_cells(kind)
    ended = False
    for r in range(first, len(grid.rows)):
        values = grid.rows[r]
        plan_row = RowPlan(r + 1, "skipped", cells=Cells(values, reader.cells))
        rows.append(plan_row)
        tally.add()
        skipped = _skip_reason(values, ended, reader, sample)
        if skipped:
            plan_row.problems.append(Problem(plan_row.row, "", _(skipped)))
            ended = ended or skipped == SKIPPED_TOTALS
            continue
        reader.read(plan_row, values)
    _validate(store, kind, rows, reader, tally)
    _classify(kind, rows, existing)
    teams = _plan_teams(rows, names) if kind == "people" else {}
    tally.finish()
    likened = {row.duplicate_of for row in rows if row.duplicate_of}
    return Plan(path, kind, grid.name, grid.sheets, [r + 1 for r in header.rows], columns, rows,
                key, {uuid: recorded[uuid] for uuid in likened}, defaults, teams)  # fmt: skip


SKIPPED_BLANK = N_("Skipped: a blank row.")
SKIPPED_NUMBERING = N_("Skipped: the row of column numbers under the header.")
SKIPPED_SAMPLE = N_("Skipped: the template's sample row.")
SKIPPED_TOTALS = N_("Skipped: a totals row.")
SKIPPED_BELOW = N_("Skipped: below the totals row (the date and signatures).")


def _skip_reason(values: list, ended: bool, reader: "_RowReader", sample: dict) -> str | None:
    """Why a row is not a record (a msgid), or None for a row to read."""
    if _is_blank_row(values):
        return SKIPPED_BLANK
    if ended:
        return SKIPPED_BELOW  # what follows a totals row is the signature block, not records
    if _is_numbering(values):
        return SKIPPED_NUMBERING
    if _is_sample(reader, values, sample):
        return SKIPPED_SAMPLE  # the template's grey sample row, left in
    if _is_totals(values):
        return SKIPPED_TOTALS
    return None


def _given_values(kind: str, columns: list[Column], defaults: dict, names: Names) -> list:
    """The values given to every row, read as a cell holding them would be: (target, value)."""
    known = targets(kind)
    mapped = {column.field for column in columns if column.field}
    given = []
    for name, value in defaults.items():
        target = known.get(name)
        if target is None:
            raise SheetError(
                N_("“{field}” is not a field a column can be imported into."), field=str(name)
            )
        if name in mapped or is_blank(value):
            continue  # a column fills it: the cells win
        try:
            given.append((target, target.parse(value, names)))
        except Refused as refusal:
            raise SheetError(
                N_("The value “{value}” given to every row cannot be used for “{field}”: {reason}"),
                value=str(value),
                field=_(target.label),
                reason=refusal.message(),
            ) from refusal
    return given


# -- the ward's names and duplicate keys, loaded once ----------------------------------------


def duplicate_key(kind: str, data: dict):
    if kind == "people":
        return (words(data["full_name"]), data.get("birth_year"))
    if kind == "teams":
        return words(data["name"])
    if kind == "cases":
        return (words(data["title"]), data["received_on"])
    return (data["held_on"], words(data["title"]))


# The columns of each kind's duplicate key, as duplicate_key reads them from a record.
_KEY_COLUMNS = {
    "people": ("full_name", "birth_year"),
    "teams": ("name",),
    "cases": ("title", "received_on"),
    "sessions": ("held_on", "title"),
}


def _live(connection, table_name: str, ward: str, *names: str):
    table = metadata.tables[table_name]
    query = select(table.c.uuid, *(table.c[name] for name in names)).where(
        table.c.ward_code == ward, table.c.deleted.is_(False)
    )
    return connection.execute(query)


# The field that names a record of each kind (one of its key columns).
NAME_FIELD = {"people": "full_name", "teams": "name", "cases": "title", "sessions": "title"}


def _load_ward(connection, kind: str, ward: str) -> tuple[Names, dict, dict[str, str]]:
    """The ward's people and teams by name; each record's duplicate key (-> its uuid); and each
    record's name (uuid -> name), to say which record a likely duplicate is like."""
    names = Names()
    for uuid, name in _live(connection, "people", ward, "full_name"):
        names.people.setdefault(words(name), []).append(uuid)
    for uuid, name in _live(connection, "teams", ward, "name"):
        names.teams.setdefault(words(name), []).append(uuid)
    if kind in ("people", "cases"):
        _load_memberships(connection, ward, names)
    existing, recorded = {}, {}
    columns = _KEY_COLUMNS[kind]
    for uuid, *fields in _live(connection, KINDS[kind].table, ward, *columns):
        data = dict(zip(columns, fields, strict=True))
        existing.setdefault(duplicate_key(kind, data), uuid)
        recorded[uuid] = data[NAME_FIELD[kind]] or ""
    return names, existing, recorded


def _load_memberships(connection, ward: str, names: Names) -> None:
    """Who belongs to which live team, and which teams have a leader, read once."""
    teams, members = metadata.tables["teams"], metadata.tables["team_members"]
    query = (
        select(teams.c.uuid, members.c.person_uuid, members.c.is_leader)
        .join(members, members.c.team_id == teams.c.id)
        .where(teams.c.ward_code == ward, teams.c.deleted.is_(False))
    )
    for team, person, leader in connection.execute(query):
        names.memberships.setdefault(person, set()).add(team)
        if leader:
            names.led.add(team)


# -- rows that are not records ---------------------------------------------------------------


def _is_blank_row(values: list) -> bool:
    return all(is_blank(value) for value in values)


def _is_totals(values: list) -> bool:
    first = next((v for v in values if type(v) is str and v.strip()), "")
    if first.lstrip()[:1] not in ("T", "t", "C", "c"):
        return False  # "Tổng cộng", "Cộng": a quick look before folding the words
    first = words(first)
    return first in TOTALS or first.startswith(("tong cong ", "tong so ", "cong "))


_NUMBERING = re.compile(r"\(?(\d{1,2})\)?")


def _is_numbering(values: list) -> bool:
    """The row of column numbers printed under a form's header: (1) (2) (3)…"""
    expected, found = None, 0
    for value in values:
        if is_blank(value):
            continue
        if isinstance(value, bool):
            return False
        if isinstance(value, int | float):
            number = int(value) if float(value).is_integer() and value < 100 else None
        else:
            match = _NUMBERING.fullmatch(cell_text(value))
            number = int(match.group(1)) if match else None
        if number is None or (expected is not None and number != expected):
            return False
        expected, found = number + 1, found + 1
    return found >= 3


def _default_role(kind: str, columns: list[Column], title: str) -> str | None:
    """A list titled "Danh sách hòa giải viên" with no role column: each person is a mediator."""
    if kind != "people" or any(c.field and c.field.startswith("role") for c in columns):
        return None
    folded = words(title)
    for phrase, code in ROLE_TITLES:
        if phrase in folded:
            return code
    return None


def _is_sample(reader: "_RowReader", values: list, sample: dict[str, str]) -> bool:
    if any(reader.cell(values, header) != text for header, text in sample.items()):
        return False  # most rows: their first sample cell differs (its text made, no other)
    return {h: t for h, t in reader.cells(values).items() if t} == sample


# -- reading a row ---------------------------------------------------------------------------


class _RowReader:
    def __init__(self, kind: str, columns: list[Column], names: Names, default_role: str | None):
        self.kind = kind
        self.names = names
        self.default_role = default_role
        known = targets(kind)
        self.headed = [(c.index, c.header) for c in columns]
        self.index_of = {c.header: c.index for c in columns}
        self.mapped: list[tuple[int, str, Target]] = [
            (c.index, c.header, known[c.field]) for c in columns if c.field
        ]
        self.seen: dict = {}
        self.texts: dict = {}
        self.given: list = []  # (target, value) given to every row: plan_import's defaults
        fields = {c.field for c in columns if c.field}
        # One column "Tên vụ việc / nội dung" read as the title also fills the main content.
        self.content_in_title = "summary" not in fields and any(
            c.field == "title" and "noi dung" in words(c.header) for c in columns
        )

    def cells(self, values: list) -> dict[str, str]:
        width = len(values)
        text = self._text
        return {header: text(values[index]) for index, header in self.headed if index < width}

    def cell(self, values: list, header: str) -> str | None:
        """One cell's text (None when the sheet has no such column or the row stops short)."""
        index = self.index_of.get(header)
        return None if index is None or index >= len(values) else self._text(values[index])

    def _text(self, value) -> str:
        """A column's values repeat (dates, forms, hamlets): each is made text once."""
        if value is None:
            return ""
        key = (type(value), value)  # 1, 1.0 and True are equal keys, and different texts
        text = self.texts.get(key)
        if text is None:
            text = cell_text(value)
            if len(self.texts) < CACHED_VALUES:
                self.texts[key] = text
        return text

    def read(self, plan_row: RowPlan, values: list) -> None:
        draft: dict = {}
        width = len(values)
        seen = self.seen
        for index, header, target in self.mapped:
            value = values[index] if index < width else None
            if value is None or (type(value) is str and not value.strip()):
                continue  # blank (is_blank, inline: this runs for every cell of the sheet)
            parsed = seen.get((index, type(value), value), _MISSING)
            if parsed is _MISSING:
                parsed = self._parse(index, target, value)
            if type(parsed) is _Failed:
                plan_row.problems.append(Problem(plan_row.row, header, parsed.reason))
            else:
                target.put(draft, parsed)
        if self.kind == "cases" and draft.get("result") == "success":
            # A successful mediation ends in the parties' agreement (Luật HGCS Điều 23).
            draft.setdefault("end_reason", "agreement")
        for target, parsed in self.given:
            only_for = GIVEN_ONLY_FOR.get(target.name)
            if only_for and draft.get("result") not in only_for:
                continue  # e.g. an end reason given to every row is for the concluded ones
            if target.name not in self.filled(draft):
                target.put(draft, parsed)
        try:
            _FINISH[self.kind](draft, self)
        except _RowRefused as refusal:
            plan_row.problems.append(Problem(plan_row.row, refusal.column, refusal.reason))
        team = draft.pop("_team", None)
        leader = draft.pop("_team_leader", False)
        if team:
            plan_row.links = {
                "team": team,
                "team_leader": bool(leader),
                "column": self.column_for("team"),
            }
        plan_row.data = draft
        plan_row.status = "refused" if plan_row.problems else "new"

    @staticmethod
    def filled(draft: dict) -> set[str]:
        """The target names a row's draft already holds a value for."""
        return {key.lstrip("_") for key, value in draft.items() if value not in (None, "", [])}

    def _parse(self, index: int, target: Target, value):
        """A column's values repeat (dates, forms, hamlets, names): each is read once."""
        key = (index, type(value), value)
        parsed = self.seen.get(key, _MISSING)
        if parsed is _MISSING:
            try:
                parsed = target.parse(value, self.names)
            except Refused as refusal:
                parsed = _Failed(refusal.message())
            if len(self.seen) < CACHED_VALUES:
                self.seen[key] = parsed
        return parsed

    def column_for(self, field: str) -> str:
        """The header of the column a validation message is about ("" for the whole row)."""
        root, last = field.split(".")[0], field.split(".")[-1]
        for rule in (
            lambda t: t.record_field == field,
            lambda t: t.record_field.split(".")[0] == root and t.name == last,
            lambda t: t.record_field.split(".")[0] == root,
        ):
            for _index, header, target in self.mapped:
                if rule(target):
                    return header
        return ""


CACHED_VALUES = 200_000
# Values given to every row that belong to some rows only: a case's end, to concluded cases;
# a start date, to the cases still in progress (only they must have one, and one date given
# to a concluded case would fall after its end or before its receipt).
GIVEN_ONLY_FOR = {
    "end_reason": CONCLUDED_RESULTS,
    "ended_on": CONCLUDED_RESULTS,
    "started_on": frozenset({"in_progress"}),
}
_MISSING = object()


class _Failed:
    __slots__ = ("reason",)

    def __init__(self, reason: str):
        self.reason = reason


class _RowRefused(Exception):
    def __init__(self, column: str, reason: str):
        self.column, self.reason = column, reason


def _finish_person(draft: dict, reader: _RowReader) -> None:
    family, given = draft.pop("_family", None), draft.pop("_given", None)
    if not draft.get("full_name") and (family or given):
        draft["full_name"] = " ".join(part for part in (family, given) if part)
    codes = list(dict.fromkeys(draft.pop("_roles", [])))
    number, day = draft.pop("_decision_number", None), draft.pop("_decision_date", None)
    if not codes and reader.default_role:
        codes = [reader.default_role]
    if (number or day) and not codes:
        raise _RowRefused(
            reader.column_for("roles.0.decision_number" if number else "roles.0.decision_date"),
            _(
                "A decision belongs to a role: add a column “Vai trò” (HGV, TTV, BCV) or mark the role."
            ),
        )
    if codes:
        draft["roles"] = [
            {"role": code, "decision_number": number, "decision_date": day} for code in codes
        ]
    ethnicity = draft.get("ethnicity")
    if ethnicity and words(ethnicity) == "kinh":
        draft["ethnicity"] = None  # the majority: not an ethnic minority
        draft.setdefault("ethnic_minority", False)
    elif ethnicity:
        draft.setdefault("ethnic_minority", True)


def _finish_team(draft: dict, reader: _RowReader) -> None:
    leader = draft.pop("_leader", None)
    members = draft.pop("_members", [])
    ordered = ([leader] if leader else []) + [m for m in members if m != leader]
    if ordered:
        draft["members"] = [
            {"person": uuid, "leader": uuid == leader} for uuid in dict.fromkeys(ordered)
        ]


TITLE_FROM_SUMMARY = 120


def _finish_case(draft: dict, reader: _RowReader) -> None:
    parties = [{"role": "requester", "full_name": n} for n in draft.pop("_requesters", [])]
    parties += [{"role": "respondent", "full_name": n} for n in draft.pop("_respondents", [])]
    if parties:
        draft["parties"] = parties
    if not draft.get("title") and draft.get("summary"):
        # A logbook has no title column: the first words of the content stand for it.
        first = draft["summary"].strip().splitlines()[0]
        if len(first) > TITLE_FROM_SUMMARY:
            first = first[: TITLE_FROM_SUMMARY - 1].rsplit(" ", 1)[0] + "…"
        draft["title"] = first
    if reader.content_in_title and draft.get("title") and not draft.get("summary"):
        draft["summary"] = draft["title"]
    if not draft.get("team") and draft.get("mediators"):
        team = _only_team(draft["mediators"], reader.names)
        if team:
            draft["team"] = team


def _only_team(mediators: list[str], names: Names) -> str | None:
    """The team every mediator of a case belongs to, when they all belong to that one only."""
    teams = set()
    for person in mediators:
        theirs = names.memberships.get(person, set())
        if not theirs:
            return None
        teams |= theirs
    return next(iter(teams)) if len(teams) == 1 else None


def _finish_session(draft: dict, reader: _RowReader) -> None:
    if draft.get("attendees") is None and (
        draft.get("attendees_men") or draft.get("attendees_women")
    ):
        draft["attendees"] = (draft.get("attendees_men") or 0) + (draft.get("attendees_women") or 0)


_FINISH = {
    "people": _finish_person,
    "teams": _finish_team,
    "cases": _finish_case,
    "sessions": _finish_session,
}


# -- the services' own checks, and duplicates ------------------------------------------------


VALIDATED_AT_ONCE = 2000  # rows per validate_each: progress is told, a cancel heard, between


def _validate(store, kind_name: str, rows: list[RowPlan], reader: _RowReader, tally) -> None:
    """Each row validated as records.create_many validates it (records.validate_each). A valid
    row keeps its data sealed: the import writes them without normalising them again (and
    create_many checks their references again, in the writing transaction)."""
    candidates = [row for row in rows if row.status == "new"]
    tally.add(len(rows) - len(candidates))
    for start in range(0, len(candidates), VALIDATED_AT_ONCE):
        batch = candidates[start : start + VALIDATED_AT_ONCE]
        results = validate_each(store, kind_name, [row.data for row in batch])
        for plan_row, result in zip(batch, results, strict=True):
            if isinstance(result, RecordError):
                _refuse(plan_row, reader, result)
            else:
                plan_row.data, plan_row.sealed = result.copy(), result
        tally.add(len(batch))


def _refuse(plan_row: RowPlan, reader: _RowReader, error: RecordError) -> None:
    plan_row.status = "refused"
    plan_row.problems.append(Problem(plan_row.row, reader.column_for(error.field), error.message()))


def _classify(kind: str, rows: list[RowPlan], existing: dict) -> None:
    seen: dict = {}
    for plan_row in rows:
        if plan_row.status != "new":
            continue
        key = duplicate_key(kind, plan_row.data)
        if key in existing:
            plan_row.status = "duplicate"
            plan_row.duplicate_of = existing[key]
            plan_row.problems.append(
                Problem(plan_row.row, "", _("Likely already recorded: the same {what}.").format(
                    what=_(_SAME[kind])))
            )  # fmt: skip
        elif key in seen:
            plan_row.status = "duplicate"
            plan_row.problems.append(
                Problem(plan_row.row, "", _("Likely the same as row {row} of this sheet.").format(
                    row=seen[key]))
            )  # fmt: skip
        else:
            seen[key] = plan_row.row


def _plan_teams(rows: list[RowPlan], names: Names) -> dict[str, TeamLink]:
    """The teams a people sheet names: each an existing team of that name, or a new one; a
    second leader refused (a team has one), as is a new team with no village to give it."""
    teams: dict[str, TeamLink] = {}
    leaders: dict[str, int] = {}  # folded team name -> the row of its leader
    for row in rows:
        if row.status not in ("new", "duplicate") or not row.links:
            continue
        name = row.links["team"]
        folded = words(name)
        team = teams.get(folded)
        if team is None:
            found = names.teams.get(folded, [])
            if len(found) > 1:
                reason = _("{count} teams are named “{name}”: rename one of them first.")
                _refuse_link(row, reason.format(count=len(found), name=name))
                continue
            team = teams[folded] = TeamLink(name, found[0] if found else None)
        if row.links["team_leader"]:
            if team.uuid in names.led or folded in leaders:
                where = (
                    _("row {row}").format(row=leaders[folded])
                    if folded in leaders
                    else _("the list of teams")
                )
                reason = _("Team “{team}” already has a leader ({where}): a team has only one.")
                _refuse_link(row, reason.format(team=name, where=where))
                continue
            leaders[folded] = row.row
            team.hamlet = row.data.get("hamlet") or team.hamlet
        elif not team.hamlet:
            team.hamlet = row.data.get("hamlet")
    for row in rows:
        team = teams.get(words(row.links["team"])) if row.links and row.status == "new" else None
        if team and team.uuid is None and not team.hamlet:
            reason = _(
                "The new team “{team}” needs its village or residential group: add a column “Thôn, tổ dân phố” for its people."
            )
            _refuse_link(row, reason.format(team=team.name))
    return teams


def _refuse_link(row: RowPlan, reason: str) -> None:
    row.status, row.duplicate_of, row.sealed = "refused", None, None
    row.problems.append(Problem(row.row, row.links.get("column", ""), reason))


_SAME = {
    "people": N_("name and year of birth"),
    "teams": N_("team name"),
    "cases": N_("title and date received"),
    "sessions": N_("date and title"),
}

__all__ = ["SheetError", "duplicate_key", "plan_import"]
