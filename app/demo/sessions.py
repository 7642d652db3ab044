"""Demonstration outreach sessions (buổi PBGDPL) spread over the fixed window.

With 40 sessions or more, every form and every audience code appears at least once, so every
row of the statistical forms has something in it; around Ngày Pháp luật (9 November) wards hold
more sessions than usual."""

import random
from bisect import bisect_left
from datetime import date, timedelta
from itertools import accumulate

from app import enums
from app.demo import laws
from app.demo import session_texts as texts
from app.demo.context import END, LAW_DAY, START, Ward, iso, money, new_uuid
from app.demo.people import PersonPlan
from app.demo.places import (
    DETENTION_PLACES,
    ENTERPRISES,
    HARBOUR,
    SCHOOLS,
    co_organiser,
    cultural_house,
    legal_aid_centre,
    lower_first,
    ward_hall,
)
from app.demo.teams import in_force

COVERAGE_MINIMUM = 40  # below this a ward's year is too short to show every form
_FORMS, _FORM_WEIGHTS = zip(*texts.FORM_WEIGHTS, strict=True)


def _day_weight(day: date) -> float:
    if abs((day - LAW_DAY).days) <= 7:
        return 4.0  # the Law Day campaign
    if date(day.year, 1, 20) <= day <= date(day.year, 2, 20):
        return 0.4  # around Tết few meetings are held
    return 0.5 if day.weekday() == 6 else 1.0


def session_days(rng: random.Random, count: int) -> list[date]:
    """Sorted days, spread evenly by weight (stratified draws): a ward's activity is regular,
    so no month comes out empty by chance while the Law Day weeks still stand out."""
    days = [START + timedelta(days=i) for i in range((END - START).days + 1)]
    weights = list(accumulate(_day_weight(day) for day in days))
    step = weights[-1] / max(count, 1)
    return [days[bisect_left(weights, (i + rng.random()) * step)] for i in range(count)]


def plan_forms(rng: random.Random, count: int) -> tuple[list[str], dict[int, str]]:
    """The form of each session and the audiences some sessions must have (index → code)."""
    forms = list(rng.choices(_FORMS, weights=_FORM_WEIGHTS, k=count))
    forced_audiences: dict[int, str] = {}
    if count >= COVERAGE_MINIMUM:
        codes = list(enums.SESSION_FORMS.codes)
        for index, code in zip(rng.sample(range(count), len(codes)), codes, strict=True):
            forms[index] = code
        audiences = [code for code in enums.AUDIENCES.codes if code != "general"]
        suited = [i for i, form in enumerate(forms) if form in texts.AUDIENCE_FORMS]
        pool = suited if len(suited) >= len(audiences) else list(range(count))
        forced_audiences = dict(zip(rng.sample(pool, len(audiences)), audiences, strict=True))
    return forms, forced_audiences


class SessionMaker:
    def __init__(self, rng: random.Random, ward: Ward, hamlets: list[str], people: list):
        self.rng, self.ward, self.hamlets = rng, ward, hamlets
        self.presenters: list[PersonPlan] = [p for p in people if p.presents]
        self._on: dict[date, list[str]] = {}

    def presenters_on(self, day: date) -> list[str]:
        """BCV and TTV whose recognition is in force that day (cached: days repeat)."""
        if day not in self._on:
            self._on[day] = [p.uuid for p in self.presenters if in_force(p.presents, day)]
        return self._on[day]

    def pick_law(self, day: date, audience: str | None) -> laws.Law:
        choices = laws.for_audience(audience, day) if audience else ()
        choices = choices or laws.laws_on(day)
        return self.rng.choices(choices, weights=[law.weight for law in choices])[0]

    def audiences(self, form: str, law: laws.Law, forced: str | None) -> list[str]:
        rng = self.rng
        if forced:
            return [forced]
        if form == "school":
            return ["students"]
        first = rng.choice(law.audiences) if rng.random() < 0.5 else "general"
        if first != "general" and rng.random() < 0.3:
            return [first, "general"]
        return [first]

    def place(self, form: str, audience: str) -> tuple[str | None, str | None, str]:
        """(residential group, place, " tại …" for the title)."""
        rng, ward = self.rng, self.ward
        special = {"detained": rng.choice(DETENTION_PLACES),
                   "fishermen": HARBOUR, "enterprise_workers": rng.choice(ENTERPRISES)}  # fmt: skip
        if audience in special:
            return None, special[audience], f" tại {special[audience]}"
        if form == "school" or audience == "students":
            school = rng.choice(SCHOOLS)
            return None, school, f" tại {school}"
        if form == "casework":  # citizen reception happens at the committee's office
            return None, f"Trụ sở {ward.committee}", ""
        if form not in texts.GATHERINGS and form != "posters":
            return None, None, ""
        if self.hamlets and audience != "officials" and rng.random() < 0.7:
            hamlet = rng.choice(self.hamlets)
            return hamlet, cultural_house(ward, hamlet), f" tại {hamlet}"
        return None, ward_hall(ward), f" tại {ward_hall(ward)}"

    def make(self, day: date, form: str, forced: str | None) -> dict:
        rng, ward = self.rng, self.ward
        law = self.pick_law(day, forced)
        audiences = self.audiences(form, law, forced)
        hamlet, place, at = self.place(form, audiences[0])
        phrase = laws.AUDIENCE_PHRASES.get(audiences[0], "")
        for_ = f" cho {phrase.format(unit=ward.in_text)}" if phrase and form != "school" else ""
        title = rng.choice(texts.TITLES[form]).format(
            law=law.short, subject=law.subject, at=at, for_=for_, unit=ward.in_text,
            year=day.year, group=lower_first(hamlet) if hamlet else ward.in_text,
        )  # fmt: skip
        if abs((day - LAW_DAY).days) <= 7 and form in texts.GATHERINGS | {"quiz"}:
            title = texts.LAW_DAY_PREFIX + lower_first(title)
        documents, topics = [law.document], list(law.topics)
        if law.companion and rng.random() < 0.4:
            documents.append(law.companion)
        if form in texts.GATHERINGS and rng.random() < 0.15:
            extra = self.pick_law(day, None)
            documents.append(extra.document)
            topics += extra.topics
        data = {
            "title": title,
            "held_on": iso(day),
            "start_time": rng.choice(texts.START_TIMES) if form in texts.GATHERINGS else None,
            "hamlet": hamlet,
            "place": place,
            "form": form,
            "topics": topics,
            "legal_documents": documents,
            "audiences": audiences,
            "co_organisers": self.co_organisers(form, audiences),
            "broadcasts": rng.randint(4, 60) if form == "loudspeaker" else 0,
            "quiz_entries": self.quiz_entries(form),
            "materials": self.materials(form, law),
        }
        data.update(self.attendance(form, audiences))
        data.update(self.funding(form, audiences))
        data["presenters"] = self.pick_presenters(form, day)
        return data

    def co_organisers(self, form: str, audiences: list[str]) -> list[str]:
        rng, ward = self.rng, self.ward
        if form == "legal_aid":
            return [legal_aid_centre(ward)]
        by_audience = {"women": "Hội Liên hiệp Phụ nữ {unit}", "youth": "Đoàn Thanh niên {unit}",
                       "veterans": "Hội Cựu chiến binh {unit}", "elderly": "Hội Người cao tuổi {unit}",
                       "farmers": "Hội Nông dân {unit}"}  # fmt: skip
        if audiences[0] in by_audience:
            return [by_audience[audiences[0]].format(unit=ward.in_text)]
        if form in texts.GATHERINGS and rng.random() < 0.4:
            return sorted({co_organiser(rng, ward) for _ in range(rng.randint(1, 2))})
        return []

    def attendance(self, form: str, audiences: list[str]) -> dict:
        rng = self.rng
        low, high = texts.ATTENDANCE.get(form, (0, 0))
        total = rng.randint(low, high)
        men = women = None
        if total and form in texts.SPLIT_FORMS and rng.random() < 0.6:
            share = rng.uniform(0.85, 1.0) if "women" in audiences else rng.uniform(0.35, 0.7)
            women = round(total * share)
            men = total - women - rng.randint(0, total // 20)  # some left unrecorded
            men = max(0, men)
        return {"attendees": total, "attendees_men": men, "attendees_women": women}

    def funding(self, form: str, audiences: list[str]) -> dict:
        rng = self.rng
        if form not in texts.FUNDING or rng.random() < 0.15:
            return {"funding_regular": 0, "funding_programme": 0, "funding_other": 0}
        total = money(rng, *texts.FUNDING[form])
        if any(enums.AUDIENCES[code].flag for code in audiences):
            total = total * 12 // 10 // 1000 * 1000  # +20 % for special audiences (TT 56/2023)
        programme = money(rng, 0, total) if rng.random() < 0.25 else 0
        other = money(rng, 0, (total - programme) // 2) if rng.random() < 0.1 else 0
        regular = total - programme - other
        return {"funding_regular": regular, "funding_programme": programme, "funding_other": other}

    def quiz_entries(self, form: str) -> int:
        if form == "quiz":
            return self.rng.randint(50, 800)
        return self.rng.randint(300, 5000) if form == "online_quiz" else 0

    def materials(self, form: str, law: laws.Law) -> list[dict]:
        rng = self.rng
        spec = texts.MATERIALS.get(form)
        if spec is None or (form in ("direct", "counselling") and rng.random() < 0.4):
            return []
        kind, title, low, high, online = spec
        copies = rng.randint(low, high)
        copies = copies // 10 * 10 if copies >= 50 else copies  # printed in round batches
        return [{"kind": kind, "title": title.format(law=law.short, subject=law.subject),
                 "copies": copies, "language": "vi", "online": online}]  # fmt: skip

    def pick_presenters(self, form: str, day: date) -> list[str]:
        if form not in texts.GATHERINGS:
            return []
        available = self.presenters_on(day)
        if not available:
            return []
        how_many = 2 if self.rng.random() < 0.25 and len(available) > 1 else 1
        return self.rng.sample(available, how_many)


def build_sessions(
    rng: random.Random, ward: Ward, hamlets: list[str], people: list, count: int
) -> list[tuple[str, dict]]:
    days = session_days(rng, count)
    forms, forced = plan_forms(rng, count)
    maker = SessionMaker(rng, ward, hamlets, people)
    return [
        (new_uuid(rng), maker.make(day, form, forced.get(i)))
        for i, (day, form) in enumerate(zip(days, forms, strict=True))
    ]
