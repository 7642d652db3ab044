"""`tiepcan demo-data`: fill an empty ward with realistic, deterministic demonstration records.

The same seed and ward code always give the same records, identifiers included (design.md §4):
everything is drawn from one random stream seeded with both, dates lie in a fixed window, and
nothing reads the clock or depends on set or dict hashing order."""

from app.demo import edits, places
from app.demo.cases import build_cases
from app.demo.context import streams, ward_of
from app.demo.people import build_people
from app.demo.sessions import build_sessions
from app.demo.teams import build_teams, build_trainings
from app.errors import N_, SetupError
from app.services import records as svc

KINDS = ("people", "teams", "trainings", "sessions", "cases")
BATCH = 2_000  # records per transaction: big enough to be fast, small enough to stay responsive
STREAMS = ("people", "trainings", "sessions", "cases", "edits")


def _is_empty(store) -> bool:
    return not any(svc.list_records(store, kind, include_deleted=True, limit=1) for kind in KINDS)


def _create(store, kind: str, items: list[tuple[str, dict]]) -> None:
    for start in range(0, len(items), BATCH):
        chunk = items[start : start + BATCH]
        svc.create_many(store, kind, [data for _, data in chunk], uuids=[uuid for uuid, _ in chunk])


def fill_demo_data(store, *, sessions: int, cases: int, people: int, seed: int) -> dict[str, int]:
    """Create the records and return how many of each kind are live afterwards."""
    if not _is_empty(store):
        raise SetupError(
            N_("This ward already holds records; demonstration data goes only into an empty ward.")
        )
    ward = ward_of(store)
    rng = streams(seed, ward.code, STREAMS)

    person_plans, slots = build_people(
        rng["people"], ward, people, lambda n: places.hamlets(ward, n)
    )
    teams = build_teams(rng["people"], ward, slots)
    hamlets = [team.hamlet for team in teams] or places.hamlets(ward, 5)
    training_count = max(1, min(24, people // 10)) if people >= 3 else 0
    trainings = build_trainings(rng["trainings"], ward, person_plans, training_count)
    session_items = build_sessions(rng["sessions"], ward, hamlets, person_plans, sessions)
    case_plans = build_cases(rng["cases"], ward, hamlets, teams, cases)
    case_items = [(case.uuid, case.data) for case in case_plans]

    # A few entries are typed twice; the copies are created with the rest and deleted below.
    r = rng["edits"]
    session_copies = edits.duplicates(r, session_items, 2 if sessions >= 40 else sessions // 20)
    case_copies = edits.duplicates(r, case_items, 1 if cases >= 10 else 0)

    # One transaction: a kill half way leaves an empty ward that can be filled again.
    with store.one_transaction():
        _create(store, "people", [(plan.uuid, plan.data) for plan in person_plans])
        _create(store, "teams", [(team.uuid, team.data) for team in teams])
        _create(store, "trainings", trainings)
        _create(store, "sessions", session_items + session_copies)
        _create(store, "cases", case_items + case_copies)

        editor = edits.Editor(store, r)
        editor.complete_teams(teams)
        editor.correct_people(person_plans)
        editor.correct_attendance(session_items)
        editor.conclude_a_case(case_plans)
        editor.delete("sessions", [uuid for uuid, _ in session_copies])
        editor.delete("cases", [uuid for uuid, _ in case_copies])
        editor.undo_a_deletion("sessions", session_items)

    created = {
        "people": len(person_plans),
        "teams": len(teams),
        "trainings": len(trainings),
        "sessions": len(session_items) + len(session_copies),
        "cases": len(case_items) + len(case_copies),
    }
    return {kind: created[kind] - editor.deleted.get(kind, 0) for kind in KINDS}


__all__ = ["fill_demo_data"]
