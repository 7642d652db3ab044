"""Demonstration mediation cases (vụ, việc hòa giải ở cơ sở), as a team's logbook records them.

About 85 % of concluded cases succeed (the national figure for 2024 was 84.8 %); the most recent
ones are still in progress or not started; a few requests fall outside mediation's scope and are
referred elsewhere. Mediators are members of the case's team recognised on the day of assignment."""

import random
import zlib
from dataclasses import dataclass
from datetime import date, timedelta

from app.demo import case_texts as texts
from app.demo import names
from app.demo.context import END, START, Ward, between, clip, iso, new_uuid, phone
from app.demo.places import address, hamlet_head, lower_first
from app.demo.teams import TeamPlan, in_force
from app.text import fold

FEES = {"success": 400_000, "failure": 300_000}  # TT 56/2023 caps per case, in đồng
_WEIGHTS = [template.weight for template in texts.TEMPLATES]
_BASES = (("party_request", 60), ("mediator_witnessed", 15), ("leader_assigned", 15),
          ("organisation_proposal", 10))  # fmt: skip


@dataclass
class Party:
    role: str
    name: str
    gender: str
    born: int
    address: str | None

    def ref(self, short: bool = False) -> str:
        """ "ông Nguyễn Văn Hùng", or "ông Hùng" as the logbook goes on to call him."""
        name = self.name.split()[-1] if short else self.name
        return f"{names.honorific(self.gender, self.born)} {name}"


def _gender(rng: random.Random) -> str:
    return rng.choice(names.GENDERS)


def plan_statuses(rng: random.Random, count: int) -> list[str]:
    """One status per case, in order of the date received: recent cases are the unfinished
    ones. Exactly the chosen share of concluded cases succeeds, so small wards show it too."""
    statuses = ["concluded"] * count
    not_started = max(1, round(count * 0.03)) if count >= 5 else 0
    in_progress = max(2 if count >= 10 else 1, round(count * 0.07)) if count >= 3 else 0
    outside = max(1, round(count * 0.03)) if count >= 20 else 0
    recent = range(max(0, count - max(3, 2 * not_started)), count)
    for i in rng.sample(recent, min(not_started, len(recent))):
        statuses[i] = "not_started"
    recent = [i for i in range(max(0, count - max(6, 3 * in_progress)), count)
              if statuses[i] == "concluded"]  # fmt: skip
    for i in rng.sample(recent, min(in_progress, len(recent))):
        statuses[i] = "in_progress"
    rest = [i for i, status in enumerate(statuses) if status == "concluded"]
    for i in rng.sample(rest, min(outside, len(rest))):
        statuses[i] = "out_of_scope"
    concluded = [i for i, status in enumerate(statuses) if status == "concluded"]
    successes = set(rng.sample(concluded, round(len(concluded) * rng.uniform(0.82, 0.88))))
    for i in concluded:
        statuses[i] = "success" if i in successes else "failure"
    return statuses


class CaseMaker:
    def __init__(self, rng: random.Random, ward: Ward, hamlets: list[str]):
        self.rng, self.ward, self.hamlets = rng, ward, hamlets
        digits = ward.province_code if ward.province_code.isdigit() else "1"
        self.id_prefix = f"{int(digits):03d}"  # citizen ID numbers start with the province

    # -- parties ---------------------------------------------------------------------------

    def party(self, role, gender, born, hamlet, family=None, home=None) -> Party:
        name = names.full_name(self.rng, gender, born, family)
        home = home or address(self.rng, self.ward, hamlet)
        return Party(role, name, gender, born, home)

    def parties(self, relation: str, hamlet: str) -> list[Party]:
        rng = self.rng
        if relation in ("spouses", "former_spouses"):
            wife_asks = rng.random() < 0.75
            born = rng.randint(1965, 1996)
            wife = self.party("requester" if wife_asks else "respondent", "female", born, hamlet)
            husband = self.party("respondent" if wife_asks else "requester", "male",
                                 born - rng.randint(0, 6), hamlet,
                                 home=wife.address if relation == "spouses" else None)  # fmt: skip
            return [wife, husband] if wife_asks else [husband, wife]
        if relation == "siblings":
            family = names.family_name(rng)
            first = self.party("requester", _gender(rng), rng.randint(1955, 1980), hamlet, family)
            second = self.party("respondent", _gender(rng), rng.randint(1955, 1980), hamlet, family)
            found = [first, second]
            if rng.random() < 0.4:
                found.append(self.party("related", _gender(rng), rng.randint(1955, 1980), hamlet,
                                        family))  # fmt: skip
            return found
        if relation == "parent_child":
            parent = self.party("requester", _gender(rng), rng.randint(1940, 1955), hamlet)
            family = parent.name.split()[0] if parent.gender == "male" else None
            child = self.party("respondent", "male", rng.randint(1968, 1985), hamlet, family,
                               home=parent.address)  # fmt: skip
            return [parent, child]
        if relation == "youths":
            found = []
            for role in ("requester", "respondent"):
                youth = self.party(role, "male", rng.randint(1998, 2006), hamlet)
                father = self.party("related", "male", rng.randint(1965, 1978), hamlet,
                                    youth.name.split()[0], home=youth.address)  # fmt: skip
                found += [youth, father]
            return found
        other = rng.choice(self.hamlets) if relation == "strangers" and self.hamlets else hamlet
        return [self.party("requester", _gender(rng), rng.randint(1950, 1995), hamlet),
                self.party("respondent", _gender(rng), rng.randint(1950, 1995), other)]  # fmt: skip

    def party_data(self, party: Party) -> dict:
        rng = self.rng
        century = 0 if party.born < 2000 else 2
        code = century + (party.gender == "female")
        id_number = f"{self.id_prefix}{code}{party.born % 100:02d}{rng.randrange(10**6):06d}"
        return {"role": party.role, "full_name": party.name, "birth_year": party.born,
                "gender": party.gender, "address": party.address,
                "phone": phone(rng) if rng.random() < 0.5 else None,
                "id_number": id_number if rng.random() < 0.4 else None}  # fmt: skip

    def words(self, parties: list[Party], hamlet: str, relation: str) -> dict:
        """The values the templates fill in."""
        rng = self.rng
        a = next(party for party in parties if party.role == "requester")
        b = next(party for party in parties if party.role == "respondent")
        # A child carries the father's family name: the former husband's, or the requester's.
        father = a if a.gender == "male" else b if relation == "former_spouses" else None
        child_family = father.name.split()[0] if father else None
        return {
            "a": a.ref(), "b": b.ref(), "A": _cap(a.ref()), "a1": a.ref(True),
            "b1": b.ref(True), "A1": _cap(a.ref(True)), "B1": _cap(b.ref(True)),
            "hamlet": hamlet, "unit": self.ward.in_text, "m": f"{rng.randint(3, 12) / 10:.1f}".replace(".", ","),
            "area": rng.randrange(60, 400, 10), "money": _dong(rng.randrange(20, 300) * 1_000_000),
            "monthly": _dong(rng.randrange(10, 40) * 100_000),
            "small": _dong(rng.randrange(5, 30) * 100_000), "year": rng.randint(2015, 2023),
            "months": rng.randint(2, 6),
            "child": names.full_name(rng, _gender(rng), 2015, child_family),
            "head": hamlet_head(self.ward),
        }  # fmt: skip

    # -- a case ----------------------------------------------------------------------------

    def make(self, received: date, status: str, team: TeamPlan | None) -> tuple[dict, str]:
        """(the case's data, the agreement its parties reach if it succeeds)."""
        rng = self.rng
        hamlet = team.hamlet if team else rng.choice(self.hamlets or [self.ward.name])
        if status == "out_of_scope":
            return self.outside(received, team, hamlet), ""
        template = rng.choices(texts.TEMPLATES, weights=_WEIGHTS)[0]
        parties = self.parties(template.relation, hamlet)
        words = self.words(parties, hamlet, template.relation)
        assigned = started = ended = None
        if status != "not_started" or rng.random() < 0.5:
            wait = rng.choices((0, 1, 2, 3), (50, 30, 15, 5))[0]
            assigned = clip(received + timedelta(days=wait))
        late = rng.random() < 0.06
        if status != "not_started":
            delay = rng.randint(4, 12) if late else rng.choices((0, 1, 2, 3), (35, 30, 20, 15))[0]
            started = clip(assigned + timedelta(days=delay))
        if status in FEES:
            length = rng.randint(3, 30) if status == "failure" else rng.choice((0, 0, 1, 3, 7, 15))
            ended = clip(started + timedelta(days=length))
        public = rng.random() < template.public
        notes = [texts.NON_PUBLIC_NOTE] if not public else []
        if started and (started - assigned).days > 3:
            notes.append(texts.LATE_START_NOTE)
        if status == "in_progress":
            notes.append(rng.choice(texts.IN_PROGRESS_NOTES))
        invited = []
        if template.invited and assigned and rng.random() < 0.5:
            relation = template.invited.format(unit=self.ward.in_text, head=words["head"],
                                               hamlet=lower_first(hamlet))  # fmt: skip
            invited = [{"name": names.full_name(rng, _gender(rng), rng.randint(1955, 1985)),
                        "relation": relation}]  # fmt: skip
        # Column 6 of the logbook: the agreement, or each party's demand when there is none.
        outcome = {"success": template.agreement, "failure": template.demands}.get(status)
        follow_up = None
        if status == "success":
            done = ended + timedelta(days=30) <= END
            follow_up = texts.FOLLOW_UP_DONE if done else texts.FOLLOW_UP_WATCH
        data = {
            "title": template.title.format(**words),
            "team": team.uuid if team else None,
            "received_on": iso(received),
            "assigned_on": iso(assigned),
            "started_on": iso(started),
            "ended_on": iso(ended),
            "basis": rng.choices(*zip(*_BASES, strict=True))[0],
            "public": public,
            "scope_group": template.scope_group,
            "scope_item": template.scope_item,
            "subject_tags": list(template.tags),
            "invited_persons": invited,
            "summary": template.summary.format(**words),
            "agreement": outcome.format(**words) if outcome else None,
            "result": status,
            "end_reason": self.end_reason(status),
            "follow_up": follow_up,
            "referral": template.referral.format(**words) if status == "failure" else None,
            "fee_amount": FEES.get(status, 0),
            "notes": " ".join(notes) or None,
            "mediators": self.mediators(team, assigned),
            "parties": [self.party_data(party) for party in parties],
        }  # fmt: skip
        _as_officers_type(data, parties, words)
        return data, template.agreement.format(**words)

    def end_reason(self, status: str) -> str | None:
        if status == "success":
            return "agreement"
        if status == "failure":
            return "party_stopped" if self.rng.random() < 0.6 else "mediator_ended"
        return None

    def mediators(self, team: TeamPlan | None, assigned: date | None) -> list[str]:
        """1–3 members of the team recognised as mediators on the day of assignment."""
        if team is None or assigned is None:
            return []
        eligible = [p.uuid for p in team.mediators if in_force(p.mediates, assigned)]
        how_many = min(len(eligible), self.rng.choices((1, 2, 3), (25, 55, 20))[0])
        return self.rng.sample(eligible, how_many)

    def outside(self, received: date, team: TeamPlan | None, hamlet: str) -> dict:
        """A request outside the scope of grassroots mediation: recorded and referred."""
        rng = self.rng
        title, summary, referral, note = rng.choice(texts.OUT_OF_SCOPE)
        parties = self.parties("strangers", hamlet)
        words = self.words(parties, hamlet, "strangers")
        return {"title": title.format(**words), "team": team.uuid if team else None,
                "received_on": iso(received), "basis": "party_request",
                "scope_group": "out_of_scope", "summary": summary.format(**words),
                "result": "not_started", "referral": referral.format(**words), "notes": note,
                "parties": [self.party_data(party) for party in parties]}  # fmt: skip


def _unaccented(text: str) -> str:
    """As typed on a keyboard without Vietnamese input: "Nguyễn Văn Đức" → "Nguyen Van Duc"."""
    return "".join(fold(ch).upper() if ch.isupper() else fold(ch) for ch in text)


def _as_officers_type(data: dict, parties: list[Party], words: dict) -> None:
    """Some officers type a party's name without diacritics, write down a phone number, or name
    the person they invited: the redaction on the way out must meet all of it. Decided from the
    title's checksum, so the demo's random stream (and every other record) stays as it was."""
    turn = zlib.crc32(data["title"].encode())
    requester = next(party for party in parties if party.role == "requester")
    if turn % 6 == 0 and data["summary"]:
        for name in (requester.name, requester.name.split()[-1]):
            data["summary"] = data["summary"].replace(name, _unaccented(name))
    phone_number = next((p["phone"] for p in data["parties"] if p["phone"]), None)
    if turn % 5 == 1 and phone_number:
        note = f"Số điện thoại liên hệ của {words['a1']}: {phone_number}."
        data["notes"] = " ".join(filter(None, (data["notes"], note)))
    for person in data["invited_persons"]:
        note = f"Mời {person['name']} ({lower_first(person['relation'])}) tham gia hòa giải."
        data["notes"] = " ".join(filter(None, (data["notes"], note)))


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _dong(amount: int) -> str:
    return f"{amount:,}".replace(",", ".") + " đồng"


@dataclass
class CasePlan:
    uuid: str
    data: dict
    agreement: str  # what the parties agree if an unfinished case later succeeds


def build_cases(
    rng: random.Random, ward: Ward, hamlets: list[str], teams: list[TeamPlan], count: int
) -> list[CasePlan]:
    received = sorted(between(rng, START, END) for _ in range(count))
    statuses = plan_statuses(rng, count)
    maker = CaseMaker(rng, ward, hamlets)
    weights = [len(team.mediators) for team in teams]  # bigger groups bring more cases
    cases, books = [], {}
    for day, status in zip(received, statuses, strict=True):
        team = rng.choices(teams, weights)[0] if teams else None
        data, agreement = maker.make(day, status, team)
        # Each team keeps one logbook a year, numbered in the order cases arrive.
        book = (team.uuid if team else "", day.year)
        books[book] = data["book_number"] = books.get(book, 0) + 1
        cases.append(CasePlan(new_uuid(rng), data, agreement))
    return cases
