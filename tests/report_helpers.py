"""Shared pieces of the report tests: demo wards, an edge-case ward, and the figures of the
statistical reports recomputed in plain Python from the records the services return.

The reference counting here follows domain.md §4–§6 and the rules in the docstring of
app/reports/measures.py, written from scratch: it never reuses the engine's SQL, so a wrong
query makes the comparison fail."""

import subprocess
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from app.demo import fill_demo_data
from app.i18n import gettext
from app.reports.engine import Request, build_report
from app.reports.table import ESTIMATE, SUBTOTAL, TOTAL
from app.services import records as svc
from app.services.setup import set_up
from tests import factories as f

TODAY = date(2026, 11, 26)
KINDS = ("people", "teams", "trainings", "sessions", "cases")
QUIZ_FORMS = {"quiz", "online_quiz"}
GROUPS = ("civil", "marriage_family", "other")
STATES = ("success", "failure", "in_progress", "not_started")
NO_TEAM_LABEL = "Cases not given to a team"

# Period codes and their (first day, last day of actual data, last day), written out by hand.
PERIODS = {
    "2025": ("2025-01-01", "2025-12-31", "2025-12-31"),
    "2026": ("2026-01-01", "2026-12-31", "2026-12-31"),
    "2026-H1": ("2026-01-01", "2026-05-31", "2026-06-30"),
    "2026-Y": ("2026-01-01", "2026-10-31", "2026-12-31"),
    "2025-07-01..2026-03-15": ("2025-07-01", "2026-03-15", "2026-03-15"),
}


# -- installations ------------------------------------------------------------------------------


def demo_ward(
    folder, code="00167", seed=1, sessions=120, cases=80, people=40, officer="Cán bộ Tư pháp"
):
    store = set_up(folder, "ward", code, province="01", officer=officer).store
    fill_demo_data(store, sessions=sessions, cases=cases, people=people, seed=seed)
    return store


def busy_ward(tmp_path_factory):
    """A ward with eight teams and long case texts: logbook rows a quarter of a page tall (the
    layout and page tests' module fixture; close it when done)."""
    return demo_ward(
        tmp_path_factory.mktemp("ward") / "w",
        seed=5,
        sessions=200,
        cases=150,
        people=50,
        officer="Nguyễn Thị Hà",
    )


def report(store, name, period, **request):
    request.setdefault("today", TODAY)
    return build_report(store, Request(name, period, **request))


# -- reading records ----------------------------------------------------------------------------


class Records:
    """Live records of one ward, each a flat dict: the record's data plus its uuid."""

    def __init__(self, store, ward_code=None):
        for kind in KINDS:
            rows = svc.list_records(store, kind, ward_code=ward_code, limit=10**6)
            assert all(not row["deleted"] for row in rows)
            setattr(self, kind, [{"uuid": row["uuid"], **row["data"]} for row in rows])
        self.person = {p["uuid"]: p for p in self.people}
        # Team names, deleted teams included: a live case may still name a deleted team.
        every_team = svc.list_records(
            store, "teams", ward_code=ward_code, include_deleted=True, limit=10**6
        )
        self.team_name = {row["uuid"]: row["data"]["name"] for row in every_team}


def holds(person, role, day):
    return any(
        r["role"] == role
        and (r["decision_date"] is None or r["decision_date"] <= day)
        and (r["end_date"] is None or r["end_date"] >= day)
        for r in person["roles"]
    )


def overlaps(role, start, end):
    return (role["decision_date"] is None or role["decision_date"] <= end) and (
        role["end_date"] is None or role["end_date"] >= start
    )


def in_force(team, day):
    return (team["valid_from"] is None or team["valid_from"] <= day) and (
        team["valid_to"] is None or team["valid_to"] >= day
    )


def state_on(case, day):
    """domain.md §4 result states, as the case stood on `day`."""
    if case["result"] in ("success", "failure") and (
        case["ended_on"] is None or case["ended_on"] <= day
    ):
        return case["result"]
    if case["started_on"] is not None and case["started_on"] <= day:
        return "in_progress"
    return "not_started"


def plus_days(iso, days):
    return (date.fromisoformat(iso) + timedelta(days=days)).isoformat()


# -- the figures, recomputed --------------------------------------------------------------------


def pbgdpl_figures(rec: Records, start, asof):
    held = [s for s in rec.sessions if start <= s["held_on"] <= asof]
    direct = [s for s in held if s["direct"]]
    presenters = {uuid for s in direct for uuid in s["presenters"]}
    reporters = [p for p in rec.people if holds(p, "BCV", asof)]
    propagandists = [p for p in rec.people if holds(p, "TTV", asof)]
    quizzes = [s for s in held if s["form"] in QUIZ_FORMS]
    materials = [m for s in held for m in s["materials"]]
    regular = sum(s["funding_regular"] for s in held)
    programme = sum(s["funding_programme"] for s in held)
    other = sum(s["funding_other"] for s in held)
    return {
        "reporters": len(reporters),
        "reporters_presenting": sum(p["uuid"] in presenters for p in reporters),
        "propagandists": len(propagandists),
        "propagandists_presenting": sum(p["uuid"] in presenters for p in propagandists),
        "direct_sessions": len(direct),
        "direct_attendees": sum(s["attendees"] for s in direct),
        "quizzes": len(quizzes),
        "quiz_entrants": sum(s["quiz_entries"] for s in quizzes),
        "materials": len(materials),
        "materials_online": sum(bool(m["online"]) for m in materials),
        "funding_total": regular + programme + other,
        "funding_regular": regular,
        "funding_programme": programme,
        "funding_other": other,
    }


def trained_people(rec: Records, start, asof):
    return {u for t in rec.trainings if start <= t["held_on"] <= asof for u in t["attendees"]}


def team_mediators(rec: Records, team, asof):
    """The live people of a team who hold the HGV role on `asof` (one per membership)."""
    found = []
    for member in team["members"]:
        person = rec.person.get(member["person"])
        if person is not None and holds(person, "HGV", asof):
            found.append(person)
    return found


def carried_over(case, start):
    """Received before the period and not yet concluded on the day before it starts."""
    concluded = case["result"] in ("success", "failure") and (
        case["ended_on"] is None or case["ended_on"] < start
    )
    return case["received_on"] < start and not concluded


def counted_cases(rec: Records, start, asof):
    """The period's cases: received in it, or carried over into it."""
    return [
        c
        for c in rec.cases
        if c["scope_group"] != "out_of_scope"
        and (start <= c["received_on"] <= asof or carried_over(c, start))
    ]


def _zero_mediation():
    keys = ["teams", "mediators", "mediators_men", "mediators_women", "mediators_law"]
    keys += ["mediators_untrained", "mediators_minority", "mediators_trained", "cases_received"]
    keys += ["cases_carried_over"]
    keys += [f"cases_{g}" for g in GROUPS] + ["cases_success"] + [f"success_{g}" for g in GROUPS]
    keys += ["cases_failure"] + [f"failure_{g}" for g in GROUPS]
    keys += ["cases_not_started", "cases_in_progress"]
    return dict.fromkeys(keys, 0)


def mediation_figures_by_team(rec: Records, start, asof):
    """{team uuid or "" (no team): figures}: teams in force on `asof` plus any team a counted
    case was given to."""
    trained = trained_people(rec, start, asof)
    rows = {}
    for team in rec.teams:
        if not in_force(team, asof):
            continue
        row = rows.setdefault(team["uuid"], _zero_mediation())
        row["teams"] += 1
        for person in team_mediators(rec, team, asof):
            row["mediators"] += 1
            row["mediators_men"] += person["gender"] == "male"
            row["mediators_women"] += person["gender"] == "female"
            row["mediators_law"] += person["law_qualification"] == "law"
            row["mediators_untrained"] += person["law_qualification"] == "none"
            row["mediators_minority"] += bool(person["ethnic_minority"])
            row["mediators_trained"] += person["uuid"] in trained
    for case in counted_cases(rec, start, asof):
        row = rows.setdefault(case["team"] or "", _zero_mediation())
        group, state = case["scope_group"], state_on(case, asof)
        row["cases_received"] += 1
        row["cases_carried_over"] += carried_over(case, start)
        row[f"cases_{group}"] += 1
        if state == "success":
            row["cases_success"] += 1
            row[f"success_{group}"] += 1
        elif state == "failure":
            row["cases_failure"] += 1
            row[f"failure_{group}"] += 1
        else:
            row[f"cases_{state}"] += 1
    return rows


def mediation_figures_by_label(rec: Records, start, asof, language="vi"):
    names = rec.team_name
    return {
        (names[key] if key else gettext(NO_TEAM_LABEL, language)): row
        for key, row in mediation_figures_by_team(rec, start, asof).items()
    }


MEDIATOR_KEYS = (
    "mediators",
    "mediators_men",
    "mediators_women",
    "mediators_law",
    "mediators_untrained",
    "mediators_minority",
    "mediators_trained",
)


def mediation_ward_figures(rec: Records, start, asof):
    """The ward's own row: the teams' rows added up, except that mediators are people — one
    who serves in two teams is counted once."""
    total = add_up(mediation_figures_by_team(rec, start, asof).values()) or _zero_mediation()
    trained = trained_people(rec, start, asof)
    people = {
        person["uuid"]: person
        for team in rec.teams
        if in_force(team, asof)
        for person in team_mediators(rec, team, asof)
    }.values()
    total["mediators"] = len(people)
    total["mediators_men"] = sum(p["gender"] == "male" for p in people)
    total["mediators_women"] = sum(p["gender"] == "female" for p in people)
    total["mediators_law"] = sum(p["law_qualification"] == "law" for p in people)
    total["mediators_untrained"] = sum(p["law_qualification"] == "none" for p in people)
    total["mediators_minority"] = sum(bool(p["ethnic_minority"]) for p in people)
    total["mediators_trained"] = sum(p["uuid"] in trained for p in people)
    return total


def add_up(rows):
    total = Counter()
    for row in rows:
        total.update(row)
    return dict(total)


def rate(top, bottom):
    return round(100 * top / bottom, 1) if bottom else None


def legal_access_figures(rec: Records, start, asof, denominator="concluded"):
    cases = counted_cases(rec, start, asof)
    states = Counter(state_on(c, asof) for c in cases)
    success = states["success"]
    bottom = len(cases) if denominator == "received" else states["success"] + states["failure"]
    due = timely = 0
    for c in rec.cases:
        if c["scope_group"] == "out_of_scope" or not c["assigned_on"]:
            continue
        if not start <= c["assigned_on"] <= asof:
            continue
        deadline = plus_days(c["assigned_on"], 3)
        started = c["started_on"] is not None and c["started_on"] <= asof
        if started or deadline < asof:
            due += 1
            timely += started and c["started_on"] <= deadline
    teams = [t for t in rec.teams if in_force(t, asof)]
    compliant = 0
    for team in teams:
        mediators = team_mediators(rec, team, asof)
        compliant += len(mediators) >= 3 and any(p["gender"] == "female" for p in mediators)
    trained = trained_people(rec, start, asof)
    propagandists = [p for p in rec.people if holds(p, "TTV", asof)]
    propagandists_trained = sum(p["uuid"] in trained for p in propagandists)
    return {
        "cases_success": success,
        "success_denominator": bottom,
        "success_rate": rate(success, bottom),
        "starts_timely": timely,
        "starts_due": due,
        "timely_start": rate(timely, due),
        "teams_compliant": compliant,
        "teams": len(teams),
        "team_composition": rate(compliant, len(teams)),
        "propagandists_trained": propagandists_trained,
        "propagandists": len(propagandists),
        "propagandists_trained_rate": rate(propagandists_trained, len(propagandists)),
    }


# -- reading reports ----------------------------------------------------------------------------


def figures(row, keys=None):
    """A row's figures: every value but the unit label and the ratio's helper values."""
    values = {k: v for k, v in row.values.items() if k != "unit" and ":" not in k}
    return values if keys is None else {k: values[k] for k in keys}


def body_rows(rep):
    return [row for row in rep.sections[0].rows if row.style == "body"]


def actual_total(rep):
    """The row holding the actual figures of every row together."""
    rows = rep.sections[0].rows
    for style in (SUBTOTAL, TOTAL):
        found = [row for row in rows if row.style == style]
        if style == TOTAL and any(row.style == ESTIMATE for row in rows):
            continue
        if found:
            return found[0]
    (only,) = body_rows(rep)
    return only


def count_columns(rep):
    """The figures' keys, of every form the report is filed as."""
    keys = [c.key for s in rep.sections for c in s.columns if c.kind in ("count", "money")]
    return list(dict.fromkeys(keys))


# -- a ward with the awkward cases on top of its demo data --------------------------------------


def edge_ward(folder, code="00160", seed=3):
    """Demo data plus hand-made records on the edges of the rules, around 2026-H1 (actual data
    to 31/5/2026). Returns the store and the uuids of the records made here."""
    store = demo_ward(folder, code=code, seed=seed, sessions=60, cases=40, people=30)
    made = {}

    def person(key, name, gender, roles, **extra):
        made[key] = f.person(store, name, gender, roles=(), **extra)["uuid"]
        data = svc.get(store, "people", made[key])["data"]
        data["roles"] = [
            {"role": role, "decision_number": "9/QĐ-UBND", "issuer": "ward_chairman", **dates}
            for role, dates in roles
        ]
        svc.update(store, "people", made[key], {"roles": data["roles"]})
        return made[key]

    person("ttv_new", "Bùi Thị Ánh", "female", [("TTV", {"decision_date": "2026-03-01"})])
    person(
        "bcv_ended",
        "Đỗ Văn Bình",
        "male",
        [("BCV", {"decision_date": "2024-01-05", "end_date": "2026-04-30"})],
    )
    person("ttv_indirect", "Hà Thị Cúc", "female", [("TTV", {"decision_date": "2024-01-05"})])
    person("ttv_deleted", "Lý Văn Dũng", "male", [("TTV", {"decision_date": "2024-01-05"})])
    person("ttv_undated", "Mai Thị Én", "female", [("TTV", {"decision_date": None})])
    person("hgv_f", "Ngô Thị Phương", "female", [("HGV", {"decision_date": "2023-02-01"})])
    person("hgv_g", "Phan Văn Giang", "male", [("HGV", {"decision_date": "2023-02-01"})])
    person("hgv_h", "Quách Văn Hải", "male", [("HGV", {"decision_date": "2023-02-01"})])
    person("ttv_member", "Tạ Văn Ích", "male", [("TTV", {"decision_date": "2023-02-01"})])
    person(
        "hgv_ended",
        "Vũ Thị Kim",
        "female",
        [("HGV", {"decision_date": "2023-02-01", "end_date": "2026-03-31"})],
    )
    person("hgv_later", "Lâm Văn Lợi", "male", [("HGV", {"decision_date": "2026-06-15"})])

    def team(key, name, members, **extra):
        made[key] = f.team(store, [made[m] for m in members], name=name, **extra)["uuid"]

    team("t1", "Tổ hòa giải biên 1", ["hgv_f", "hgv_g", "hgv_h", "ttv_member", "hgv_ended"])
    team("t2", "Tổ hòa giải biên 2", ["hgv_g", "hgv_h"], valid_to="2026-03-31")
    team("t4", "Tổ hòa giải biên 4", ["hgv_g", "hgv_f", "hgv_later"], valid_from="2024-01-01")
    team("t5", "Tổ hòa giải biên 5", ["hgv_h"], valid_from="2026-06-01")
    team("t_gone", "Tổ hòa giải đã xóa", ["hgv_g"])

    def session(key, held_on, form="direct", presenters=(), **extra):
        data = f.session_data(
            held_on=held_on, form=form, presenters=[made[p] for p in presenters], **extra
        )
        made[key] = svc.create(store, "sessions", data)["uuid"]

    materials = [
        {"kind": "leaflet", "title": "Tờ gấp", "copies": 200, "online": True},
        {"kind": "handbook", "title": "Sổ tay", "copies": 50, "online": False},
    ]
    session("s_a", "2026-04-10", presenters=["ttv_new"], attendees=50, materials=materials,
            funding_regular=1_000_000, funding_programme=500_000, funding_other=250_000)  # fmt: skip
    session("s_b", "2026-04-12", presenters=["bcv_ended"], attendees=30)
    session("s_c", "2026-04-15", form="materials", presenters=["ttv_indirect"], attendees=0)
    session("s_d", "2026-04-20", presenters=["ttv_deleted"], attendees=25)
    session("s_del", "2026-04-22", presenters=["ttv_indirect"], attendees=999)
    session("s_e", "2026-05-05", form="direct", direct=False, presenters=["ttv_undated"])
    session("s_f", "2026-05-06", form="materials", direct=True, attendees=44)
    session("s_q1", "2026-05-10", form="quiz", attendees=0, quiz_entries=120)
    session("s_q2", "2026-05-31", form="online_quiz", attendees=0, quiz_entries=40)
    session("s_q3", "2026-06-01", form="quiz", attendees=0, quiz_entries=99)
    session("s_last", "2026-05-31", presenters=["ttv_undated"], attendees=17)
    session("s_next", "2026-06-01", presenters=["ttv_indirect"], attendees=19)
    svc.delete(store, "sessions", made["s_del"])
    svc.delete(store, "people", made["ttv_deleted"])

    def case(key, team=None, **extra):
        data = f.case_data(team=made[team] if team else None, **extra)
        made[key] = svc.create(store, "cases", data)["uuid"]

    undecided = {"started_on": None, "ended_on": None, "end_reason": None, "result": "not_started"}
    case("c_ends_later", "t1", received_on="2026-05-20", assigned_on="2026-05-20",
         started_on="2026-05-23", ended_on="2026-06-10")  # fmt: skip
    case("c_late_failure", "t1", received_on="2026-05-20", assigned_on="2026-05-20",
         started_on="2026-05-24", ended_on="2026-05-25", result="failure",
         end_reason="mediator_ended")  # fmt: skip
    case("c_due", "t1", received_on="2026-05-27", assigned_on="2026-05-27", **undecided)
    case("c_not_due", "t1", received_on="2026-05-29", assigned_on="2026-05-29", **undecided)
    case("c_old_team", "t2", received_on="2026-02-01", assigned_on="2026-02-01",
         started_on="2026-02-02", ended_on="2026-02-10")  # fmt: skip
    case("c_no_team", None, received_on="2026-03-01", assigned_on="2026-03-01",
         started_on="2026-03-02", ended_on=None, end_reason=None, result="in_progress")  # fmt: skip
    case("c_outside", None, received_on="2026-03-05", assigned_on="2026-03-05",
         scope_group="out_of_scope")  # fmt: skip
    case("c_outside_team", "t1", received_on="2026-04-05", assigned_on="2026-04-05",
         started_on="2026-04-06", ended_on="2026-04-08", scope_group="out_of_scope",
         result="failure", end_reason="mediator_ended")  # fmt: skip
    case("c_deleted", "t1", received_on="2026-03-06", assigned_on="2026-03-06")
    case("c_starts_later", "t4", received_on="2026-05-30", assigned_on="2026-05-30",
         started_on="2026-06-02", ended_on="2026-06-05")  # fmt: skip
    case("c_private", "t4", received_on="2026-01-15", assigned_on="2026-01-15",
         started_on="2026-01-16", ended_on="2026-01-20", scope_group="marriage_family",
         result="failure", end_reason="party_stopped", public=False,
         summary="Mâu thuẫn vợ chồng kín.", agreement="Không thỏa thuận được.",
         parties=[{"role": "requester", "full_name": "Kiều Thị Mật", "birth_year": 1980}])  # fmt: skip
    case("c_gone_team", "t_gone", received_on="2026-02-20", assigned_on="2026-02-20",
         started_on="2026-02-21", ended_on="2026-02-25")  # fmt: skip
    svc.delete(store, "cases", made["c_deleted"])
    svc.delete(store, "teams", made["t_gone"])

    training = {"held_on": "2026-04-05", "topic": "Kỹ năng hòa giải"}
    attendees = [made[k] for k in ("hgv_f", "ttv_new", "hgv_ended", "ttv_member")]
    svc.create(store, "trainings", f.training_data(attendees, **training))
    return store, made


def printed_by_libreoffice(sheet_file: Path, folder: Path) -> Path:
    """The PDF LibreOffice prints of a spreadsheet, as an office would print it (headless, with
    a private profile: another soffice may be running)."""
    profile = (folder / "profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(folder), str(sheet_file)],
        capture_output=True, check=True, timeout=180,
    )  # fmt: skip
    return folder / (sheet_file.stem + ".pdf")
