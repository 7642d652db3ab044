"""After-the-fact changes, as an officer makes them: entries typed twice and deleted, an
accidental deletion undone, attendee counts corrected from the minutes, a case concluded, a team
completed with a new mediator. They go through the services, so each gets a revision and an
audit entry like a real edit, and the history and sync views have something to show."""

import copy
import random
from datetime import date, timedelta

from app.demo import case_texts
from app.demo.cases import CasePlan
from app.demo.context import END, new_uuid, phone
from app.demo.people import PersonPlan
from app.demo.session_texts import ATTENDANCE
from app.demo.teams import TeamPlan
from app.services import records as svc

MINUTES_NOTE = "Cập nhật số người dự theo biên bản hội nghị."
CONCLUDED_NOTE = "Các bên đạt được thỏa thuận ở buổi hòa giải tiếp theo."


def duplicates(rng: random.Random, items: list[tuple[str, dict]], count: int) -> list:
    """Copies of some entries under new identifiers: the same paper typed in twice."""
    chosen = rng.sample(range(len(items)), min(count, len(items)))
    return [(new_uuid(rng), copy.deepcopy(items[i][1])) for i in sorted(chosen)]


class Editor:
    def __init__(self, store, rng: random.Random):
        self.store, self.rng = store, rng
        self.deleted: dict[str, int] = {}

    def delete(self, kind: str, uuids: list[str]) -> None:
        for uuid in uuids:
            svc.delete(self.store, kind, uuid)
        self.deleted[kind] = self.deleted.get(kind, 0) + len(uuids)

    def undo_a_deletion(self, kind: str, items: list[tuple[str, dict]]) -> None:
        """Deleted by mistake, restored the same day."""
        if items:
            uuid = self.rng.choice(items)[0]
            svc.delete(self.store, kind, uuid)
            svc.restore(self.store, kind, uuid)

    def complete_teams(self, teams: list[TeamPlan]) -> None:
        for team in teams:
            if team.final_members:
                successor = team.slot.members[-1].data["roles"][0]
                note = (
                    f"Kiện toàn tổ hòa giải theo Quyết định số {successor['decision_number']} "
                    "của Chủ tịch UBND."
                )
                svc.update(self.store, "teams", team.uuid,
                           {"members": team.final_members, "notes": note})  # fmt: skip

    def correct_people(self, people: list[PersonPlan], count: int = 2) -> None:
        """Phone numbers added or changed after the person was first entered."""
        for plan in self.rng.sample(people, min(count, len(people))):
            svc.update(self.store, "people", plan.uuid, {"phone": phone(self.rng)})

    def correct_attendance(self, sessions: list[tuple[str, dict]], count: int = 3) -> None:
        counted = [(uuid, data) for uuid, data in sessions if data["attendees"]]
        for uuid, data in self.rng.sample(counted, min(count, len(counted))):
            # The minutes give a few more or fewer people than first typed, within the usual
            # range of the form and never below the men and women already counted.
            change, old = self.rng.randint(3, 15), data["attendees"]
            high = ATTENDANCE[data["form"]][1]
            recorded = (data["attendees_men"] or 0) + (data["attendees_women"] or 0)
            new = old + change if old + change <= high else max(recorded, old - change)
            svc.update(self.store, "sessions", uuid, {"attendees": new, "notes": MINUTES_NOTE})

    def conclude_a_case(self, cases: list[CasePlan]) -> None:
        """One case in progress reaches agreement; at least one other stays in progress."""
        open_cases = [case for case in cases if case.data["result"] == "in_progress"]
        if len(open_cases) < 2:
            return
        case = self.rng.choice(open_cases)
        started = case.data["started_on"]
        ended = min(END.isoformat(), _plus_days(started, self.rng.randint(3, 10)))
        svc.update(self.store, "cases", case.uuid, {
            "ended_on": ended, "result": "success", "end_reason": "agreement",
            "agreement": case.agreement, "fee_amount": 400_000, "notes": CONCLUDED_NOTE,
            "follow_up": case_texts.FOLLOW_UP_WATCH,
        })  # fmt: skip


def _plus_days(iso_day: str, days: int) -> str:
    return (date.fromisoformat(iso_day) + timedelta(days=days)).isoformat()
