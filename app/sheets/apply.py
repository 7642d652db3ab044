"""Writing a plan's good rows: through app.services.records, all in one transaction, each audit
entry saying which file and row the record came from."""

from collections.abc import Iterable

from app.errors import N_, RecordError, SetupError
from app.reports.progress import Progress, Tally
from app.services import records
from app.services.audit import sheet_source
from app.sheets import mapping as mappings
from app.sheets.collector import collector_paused
from app.sheets.model import Plan, SheetError
from app.sheets.values import words

CHUNK = 2000  # rows per create_many: a cancel is heard between two, the transaction is one


def apply_import(
    store, plan: Plan, *, include_duplicates: Iterable[int] = (), progress: Progress | None = None
) -> dict[str, int]:
    if store.role != "ward":
        raise SetupError(N_("A district installation keeps no records of its own."))
    wanted = set(include_duplicates)
    chosen = [
        row
        for row in plan.rows
        if row.status == "new" or (row.status == "duplicate" and row.row in wanted)
    ]
    tally = Tally(progress, len(chosen))
    file_name = plan.path.name
    created: dict[int, str] = {}  # sheet row -> the uuid of the record made from it
    teams = {"teams_created": 0, "teams_extended": 0}
    with collector_paused(), store.one_transaction():
        for start in range(0, len(chosen), CHUNK):
            batch = chosen[start : start + CHUNK]
            tally.tell()  # the caller may stop here: nothing is kept
            try:
                made = records.create_many(
                    store,
                    plan.kind,
                    [_checked(row) for row in batch],
                    sources=[sheet_source(file_name, row.row) for row in batch],
                )
            except RecordError as error:
                row = batch[error.index].row if getattr(error, "index", None) is not None else 0
                raise SheetError(
                    N_("Row {row} cannot be imported: {reason} Nothing was imported."),
                    row=row,
                    reason=error.message(),
                ) from error
            created.update(
                (row.row, record["uuid"]) for row, record in zip(batch, made, strict=True)
            )
            tally.add(len(batch))
        if plan.teams:
            teams = _join_teams(store, plan, chosen, created)
        mappings.remember(store, plan.shape_key, plan.mapping)
        tally.finish()  # a last chance to stop, before the commit
    counts = plan.counts
    return {
        "imported": len(chosen),
        "duplicates_skipped": counts["duplicate"] - len(wanted & _duplicates(plan)),
        "refused": counts["refused"],
        "skipped": counts["skipped"],
        **teams,
    }


def _join_teams(store, plan: Plan, chosen: list, created: dict[int, str]) -> dict[str, int]:
    """The people just created join the teams their rows name, in the same transaction: an
    existing team of that name gains them (services update), else a team is created with them."""
    joining: dict[str, list] = {}
    for row in chosen:
        if row.links and row.row in created:
            joining.setdefault(words(row.links["team"]), []).append(row)
    counts = {"teams_created": 0, "teams_extended": 0}
    for folded, rows in joining.items():
        team = plan.teams[folded]
        members = [{"person": created[row.row], "leader": row.links["team_leader"]} for row in rows]
        first = rows[0].row
        try:
            if team.uuid:
                current = records.get(store, "teams", team.uuid)["data"]["members"]
                records.update(store, "teams", team.uuid, {"members": [*current, *members]})
                counts["teams_extended"] += 1
            else:
                data = {"name": team.name, "hamlet": team.hamlet, "members": members}
                source = sheet_source(plan.path.name, first)
                records.create_many(store, "teams", [data], sources=[source])
                counts["teams_created"] += 1
        except RecordError as error:
            raise SheetError(
                N_("Row {row} cannot be imported: {reason} Nothing was imported."),
                row=first,
                reason=error.message(),
            ) from error
    return counts


def _checked(row):
    """The row's data as the dry run normalised it, sealed, while it is still what the row says;
    else the data themselves, for create_many to normalise."""
    sealed = row.sealed
    return sealed if sealed is not None and sealed.matches(row.data) else row.data


def _duplicates(plan: Plan) -> set[int]:
    return {row.row for row in plan.rows if row.status == "duplicate"}
