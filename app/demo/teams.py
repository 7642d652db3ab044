"""Mediation teams (one per residential group) and the trainings their members attend."""

import random
from dataclasses import dataclass
from datetime import date

from app.demo.context import END, START, Ward, between, iso, new_uuid
from app.demo.people import PersonPlan, TeamSlot, Term
from app.demo.places import lower_first, ward_hall

BREAKER_NOTE = "Tổ chưa có hòa giải viên nữ; đề nghị bầu bổ sung trong đợt kiện toàn tới."

MEDIATION_TRAININGS = ("Tập huấn nghiệp vụ, kỹ năng hòa giải ở cơ sở năm {year}",
                       "Bồi dưỡng kiến thức pháp luật đất đai cho hòa giải viên",
                       "Tập huấn kỹ năng hòa giải các vụ việc về hôn nhân và gia đình",
                       "Hướng dẫn ghi chép Sổ theo dõi hoạt động hòa giải ở cơ sở")  # fmt: skip
OUTREACH_TRAININGS = ("Bồi dưỡng kỹ năng truyền thông pháp luật cho tuyên truyền viên năm {year}",
                      "Tập huấn chuyển đổi số trong phổ biến, giáo dục pháp luật",
                      "Giới thiệu Luật Đất đai 2024 cho báo cáo viên, tuyên truyền viên pháp luật",
                      "Tập huấn kỹ năng tổ chức cuộc thi tìm hiểu pháp luật")  # fmt: skip


@dataclass
class TeamPlan:
    uuid: str
    slot: TeamSlot
    data: dict  # as created
    final_members: list[dict] | None  # after the successor joined (an edit), if one did

    @property
    def hamlet(self) -> str:
        return self.slot.hamlet

    @property
    def mediators(self) -> list[PersonPlan]:
        """Everyone who may mediate for the team once it is complete."""
        return self.slot.members


def _members(plans: list[PersonPlan]) -> list[dict]:
    return [{"person": plan.uuid, "leader": i == 0} for i, plan in enumerate(plans)]


def build_teams(rng: random.Random, ward: Ward, slots: list[TeamSlot]) -> list[TeamPlan]:
    teams = []
    for slot in slots:
        final = _members(slot.members)
        if slot.left:
            # Created with the mediator who later left; the successor replaces them by an edit.
            data_members, final_members = _members([*slot.members[:-1], slot.left]), final
        else:
            data_members, final_members = final, None
        data = {
            "name": f"Tổ hòa giải {lower_first(slot.hamlet)}",
            "hamlet": slot.hamlet,
            "valid_from": iso(slot.decided_on),
            "notes": BREAKER_NOTE if slot.breaks_rule else None,
            "members": data_members,
        }
        teams.append(TeamPlan(new_uuid(rng), slot, data, final_members))
    return teams


def in_force(terms: list[Term], day: date) -> bool:
    return any(start <= day and (end is None or day <= end) for start, end in terms)


TRAINING_ROOM = 120


def build_trainings(
    rng: random.Random, ward: Ward, people: list[PersonPlan], count: int
) -> list[tuple[str, dict]]:
    """(uuid, data) of trainings, alternately for mediators and for presenters."""
    trainings = []
    days = sorted(between(rng, START, END) for _ in range(count))
    for i, day in enumerate(days):
        for_mediators = i % 2 == 0
        pool = [p for p in people if in_force(p.mediates if for_mediators else p.presents, day)]
        share = rng.uniform(0.5, 1.0)
        # A training room holds at most a hundred or so; a large ward runs several sessions.
        attendees = [p.uuid for p in pool if rng.random() < share][:TRAINING_ROOM]
        titles = MEDIATION_TRAININGS if for_mediators else OUTREACH_TRAININGS
        by_province = rng.random() < 0.35
        data = {
            "held_on": iso(day),
            "topic": rng.choice(titles).format(year=day.year),
            "organiser": f"Sở Tư pháp {ward.province}" if by_province else ward.committee,
            "place": "Trực tuyến kết hợp trực tiếp" if by_province else ward_hall(ward),
            "notes": None,
            "attendees": attendees,
        }
        trainings.append((new_uuid(rng), data))
    return trainings
