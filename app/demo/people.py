"""Demonstration people: mediators grouped by residential group, legal propagandists (TTV) and
legal reporters (BCV), with the recognition decisions that give them their roles.

The plan keeps, beside each person's record data, what later parts need: the team slot of a
mediator and the periods in which a person may present sessions or mediate."""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from app.demo import names
from app.demo.context import END, REFORM, Ward, between, decision_number, iso, new_uuid, phone
from app.demo.places import address, hamlet_head, legal_aid_centre

Term = tuple[date, date | None]  # a role in force from .. to (None: still in force)

TTV_END_REASONS = ("Chuyển công tác khác", "Xin thôi vì lý do sức khỏe",
                   "Chuyển nơi cư trú ra ngoài địa bàn")  # fmt: skip
HGV_END_REASONS = ("Chuyển nơi cư trú ra ngoài địa bàn", "Xin thôi làm hòa giải viên vì lý do "
                   "sức khỏe", "Không còn đủ điều kiện tham gia hoạt động hòa giải")  # fmt: skip
DISTRICT_BCV_END = "Chấm dứt do không còn tổ chức chính quyền cấp huyện từ ngày 01/7/2025"
LAW_SPECIALITIES = ("Luật Hành chính", "Luật Dân sự", "Luật Kinh tế", "Luật Hình sự",
                    "Luật Quốc tế", "Luật Đất đai")  # fmt: skip
# (position, organisation) of officials who act as legal reporters; {unit} is the ward.
BCV_POSTS = (("Phó Chủ tịch", "UBND {unit}"), ("Công chức Tư pháp - Hộ tịch", "UBND {unit}"),
             ("Phó Trưởng Công an", "Công an {unit}"), ("Trợ giúp viên pháp lý", "{aid}"),
             ("Luật sư", "Đoàn Luật sư {province}"), ("Chuyên viên", "Sở Tư pháp {province}"))  # fmt: skip
# (position, organisation, gender the post implies or None) of volunteer propagandists.
TTV_POSTS = (("Phó Chủ tịch", "Hội Liên hiệp Phụ nữ {unit}", "female"),
             ("Bí thư", "Đoàn Thanh niên {unit}", None),
             ("Công chức Văn hóa - Xã hội", "UBND {unit}", None),
             ("Cảnh sát khu vực", "Công an {unit}", None),
             ("Phó Chủ tịch", "Hội Cựu chiến binh {unit}", "male"),
             ("Giáo viên", "Trường THCS Nguyễn Du", None),
             ("Chi hội trưởng", "Hội Người cao tuổi {unit}", None),
             ("Cán bộ", "Hội Nông dân {unit}", None))  # fmt: skip


@dataclass
class PersonPlan:
    uuid: str
    gender: str
    birth_year: int
    hamlet: str | None
    data: dict
    mediates: list[Term] = field(default_factory=list)
    presents: list[Term] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.data["full_name"]


@dataclass
class TeamSlot:
    """A residential group's mediation team as the people plan lays it out."""

    hamlet: str
    decided_on: date  # the chairman's decision recognising its mediators
    decision: str
    members: list[PersonPlan] = field(default_factory=list)  # members[0] leads
    left: PersonPlan | None = None  # a mediator whose role ended; replaced by members[-1]
    breaks_rule: bool = False  # no woman: the app should flag it


def role(kind, number, on, issuer, scope=None, end=None, end_decision=None, reason=None) -> dict:
    return {"role": kind, "decision_number": number, "decision_date": iso(on), "issuer": issuer,
            "scope": scope, "end_date": iso(end), "end_decision": end_decision,
            "end_reason": reason}  # fmt: skip


def split_counts(total: int) -> tuple[int, int, int, int]:
    """(BCV, TTV only, mediators who left, mediators in teams). A tiny ward is all mediators,
    so cases still have someone to mediate them."""
    if total < 8:
        return 0, 0, 0, total
    bcv, ttv, left = max(1, round(total * 0.08)), max(1, round(total * 0.17)), total // 40
    return bcv, ttv, left, total - bcv - ttv - left


def team_sizes(rng: random.Random, mediators: int) -> list[int]:
    if mediators <= 0:
        return []
    teams = max(1, round(mediators / 4.8))
    sizes = [min(3, mediators)] + [3] * (teams - 1)
    for _ in range(mediators - sum(sizes)):
        open_ = [i for i, size in enumerate(sizes) if size < 8] or list(range(teams))
        sizes[rng.choice(open_)] += 1
    return sizes


class PeopleBuilder:
    def __init__(self, rng: random.Random, ward: Ward):
        self.rng, self.ward = rng, ward
        # One September call for volunteers a year, one decision recognising them (domain §1).
        self.ttv_batches = {
            year: date(year, 9, rng.randint(10, 30)) for year in (2022, 2023, 2024, 2025, 2026)
        }
        self.ttv_numbers = {y: decision_number(rng, d, 1.5) for y, d in self.ttv_batches.items()}

    def person(self, gender, born, hamlet, position=None, organisation=None, law=None) -> dict:
        rng = self.rng
        if law is None:
            law = rng.choices(("law", "other", "none"), weights=(10, 35, 55))[0]
        return {
            "full_name": names.full_name(rng, gender, born),
            "gender": gender,
            "birth_year": born,
            "law_qualification": law,
            "legal_speciality": rng.choice(LAW_SPECIALITIES) if law == "law" else None,
            "position": position,
            "organisation": organisation,
            "hamlet": hamlet,
            "phone": phone(rng) if rng.random() < 0.75 else None,
            "address": address(rng, self.ward, hamlet) if hamlet and rng.random() < 0.6 else None,
            "roles": [],
        }

    def plan(self, hamlet, gender, born, data) -> PersonPlan:
        return PersonPlan(new_uuid(self.rng), gender, born, hamlet, data)

    # -- mediators -------------------------------------------------------------------------

    def mediator(self, slot: TeamSlot, gender: str, leads: bool, on: date, number: str):
        rng = self.rng
        born = rng.randint(1950, 1972) if leads else rng.randint(1950, 1995)
        if leads:
            position = rng.choice((hamlet_head(self.ward), "Bí thư chi bộ",
                                   "Trưởng ban công tác Mặt trận"))  # fmt: skip
        elif gender == "female" and rng.random() < 0.4:
            position = "Chi hội trưởng Chi hội Phụ nữ"
        elif born >= 1985:
            position = "Bí thư chi đoàn"
        elif born < 1966:  # past working age in 2025
            position = rng.choice(("Hưu trí", "Người có uy tín trong cộng đồng",
                                   "Chi hội trưởng Chi hội Cựu chiến binh"))  # fmt: skip
        else:
            position = rng.choice(("Kinh doanh tự do", "Người có uy tín trong cộng đồng",
                                   "Tổ phó tổ dân phố" if not self.ward.rural else "Phó trưởng thôn"))  # fmt: skip
        data = self.person(gender, born, slot.hamlet, position, slot.hamlet)
        data["roles"].append(role("HGV", number, on, "ward_chairman", slot.hamlet))
        plan = self.plan(slot.hamlet, gender, born, data)
        plan.mediates.append((on, None))
        if rng.random() < 0.2:  # many mediators also volunteer as propagandists
            self.add_ttv(plan)
        return plan

    def team(self, hamlet: str, size: int, breaks_rule: bool, replaces: bool) -> TeamSlot:
        rng = self.rng
        on = between(rng, date(2021, 3, 1), date(2024, 12, 20))
        slot = TeamSlot(hamlet, on, decision_number(rng, on, 1.5), breaks_rule=breaks_rule)
        for i in range(size):
            if breaks_rule:
                gender = "male"
            elif i == 1:  # at least one woman (Luật HGCS Điều 12)
                gender = "female"
            else:
                gender = "male" if rng.random() < (0.7 if i == 0 else 0.55) else "female"
            slot.members.append(self.mediator(slot, gender, i == 0, on, slot.decision))
        if replaces and size >= 3:
            self.replace_one(slot)
        return slot

    def replace_one(self, slot: TeamSlot) -> None:
        """A mediator left during the period; the chairman recognised a successor."""
        rng = self.rng
        index = rng.randrange(2, len(slot.members))  # neither the leader nor the woman of slot 1
        leaving = slot.members.pop(index)
        ended = between(rng, date(2025, 3, 1), date(2026, 3, 31))
        hgv = leaving.data["roles"][0]
        hgv.update(end_date=iso(ended), end_decision=decision_number(rng, ended, 1.5),
                   end_reason=rng.choice(HGV_END_REASONS))  # fmt: skip
        leaving.mediates[0] = (leaving.mediates[0][0], ended)
        successor_on = ended + timedelta(days=rng.randint(10, 40))
        number = decision_number(rng, successor_on, 1.5)
        successor = self.mediator(slot, leaving.gender, False, successor_on, number)
        slot.left = leaving
        slot.members.append(successor)

    # -- propagandists and reporters -------------------------------------------------------

    def add_ttv(self, plan: PersonPlan, may_end: bool = False) -> None:
        rng = self.rng
        year = rng.choices(tuple(self.ttv_batches), weights=(3, 3, 3, 2, 1))[0]
        on = self.ttv_batches[year]
        end = end_decision = reason = None
        if may_end and on + timedelta(days=200) < END and rng.random() < 0.15:
            end = between(rng, on + timedelta(days=200), END)
            end_decision, reason = decision_number(rng, end, 1.5), rng.choice(TTV_END_REASONS)
        plan.data["roles"].append(role("TTV", self.ttv_numbers[year], on, "ward_chairman",
                                       self.ward.name, end, end_decision, reason))  # fmt: skip
        plan.presents.append((on, end))

    def propagandist(self, hamlets: list[str]) -> PersonPlan:
        rng = self.rng
        position, organisation, gender = rng.choice(TTV_POSTS)
        gender = gender or ("female" if rng.random() < 0.55 else "male")
        veteran = "Cựu chiến binh" in organisation
        born = rng.randint(1955, 1975) if veteran else rng.randint(1962, 2000)
        hamlet = rng.choice(hamlets) if hamlets and rng.random() < 0.7 else None
        law = rng.choices(("law", "other", "none"), weights=(25, 55, 20))[0]
        data = self.person(gender, born, hamlet, position, self.fill(organisation), law)
        plan = self.plan(hamlet, gender, born, data)
        self.add_ttv(plan, may_end=True)
        return plan

    def reporter(self, post: tuple[str, str]) -> PersonPlan:
        rng = self.rng
        gender = "female" if rng.random() < 0.4 else "male"
        born = rng.randint(1965, 1995)
        law = "law" if rng.random() < 0.85 else "other"
        data = self.person(gender, born, None, post[0], self.fill(post[1]), law)
        plan = self.plan(None, gender, born, data)
        if rng.random() < 0.5:
            # Recognised by the district, whose reporters ended with the 2025 reform; most were
            # recognised again by the provincial chairman in the following months.
            on = between(rng, date(2020, 3, 1), date(2024, 10, 31))
            last = REFORM - timedelta(days=1)
            data["roles"].append(role("BCV", decision_number(rng, on, 8), on, "district_chairman",
                                      None, last, None, DISTRICT_BCV_END))  # fmt: skip
            plan.presents.append((on, last))
            if rng.random() < 0.4:
                return plan
            on = between(rng, date(2025, 8, 1), date(2025, 12, 15))
        else:
            on = between(rng, date(2020, 3, 1), date(2024, 10, 31))
        number = decision_number(rng, on, 12)
        data["roles"].append(role("BCV", number, on, "provincial_chairman", self.ward.province))
        plan.presents.append((on, None))
        return plan

    def fill(self, template: str) -> str:
        ward = self.ward
        return template.format(unit=ward.in_text, province=ward.province,
                               aid=legal_aid_centre(ward))  # fmt: skip

    def make_minorities(self, plans: list[PersonPlan]) -> None:
        """About one person in twenty belongs to an ethnic minority (none in a ward under ten)."""
        rng = self.rng
        if len(plans) < 10:
            return
        for plan in rng.sample(plans, max(1, round(len(plans) * 0.05))):
            group, name = names.minority_name(rng, plan.gender, plan.birth_year)
            plan.data.update(full_name=name, ethnic_minority=True, ethnicity=group)


def build_people(rng: random.Random, ward: Ward, total: int, hamlets_for) -> tuple:
    """(all people, team slots). `hamlets_for(n)` names n residential groups."""
    builder = PeopleBuilder(rng, ward)
    bcv, ttv, left, mediators = split_counts(total)
    sizes = team_sizes(rng, mediators)
    hamlets = hamlets_for(len(sizes))
    # The last team breaks the composition rule (no woman) so the app has something to flag;
    # other teams may lose a mediator during the period and get a successor.
    breaker = len(sizes) - 1 if len(sizes) >= 2 else None
    replaced = set(rng.sample(range(len(sizes) - 1), min(left, max(0, len(sizes) - 1))))
    slots = [
        builder.team(h, size, i == breaker, i in replaced)
        for i, (h, size) in enumerate(zip(hamlets, sizes, strict=True))
    ]
    people = [p for slot in slots for p in slot.members + ([slot.left] if slot.left else [])]
    ttv += total - bcv - ttv - len(people)  # mediators who could not leave a team: volunteers
    posts = list(BCV_POSTS)
    people += [builder.reporter(posts[min(i, len(posts) - 1)]) for i in range(bcv)]
    people += [builder.propagandist(hamlets) for _ in range(ttv)]
    builder.make_minorities(people)
    return people, slots


__all__ = ["PersonPlan", "TeamSlot", "build_people"]
