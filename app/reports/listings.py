"""Listings: the rows of the list reports (the session log, the mediation logbook, the roster),
read in SQL and phrased for print. Each listing names its fields and their kinds; a definition
file picks which to print, in what order, under which headings."""

import itertools
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, text

from app.enums import (
    AUDIENCES,
    GENDERS,
    ISSUERS,
    LAW_QUALIFICATIONS,
    RESULTS,
    SESSION_FORMS,
    TOPICS,
)
from app.i18n import N_, gettext
from app.reports.measures import CARRIED_OVER, QUIZ_FORMS, STATE_ON_ASOF
from app.reports.scope import Scope
from app.reports.table import COUNT, MARK, MONEY, TEXT
from app.text import natural_key

NO_TEAM = ""  # the logbook section of cases not given to any team
_QUIZ = "s.form IN ({})".format(", ".join(f"'{form}'" for form in QUIZ_FORMS))


@dataclass(frozen=True)
class Listing:
    fields: dict[str, str]  # field name → column kind
    rows: Callable[[Connection, Scope, dict, str], Iterator[dict]]
    per_team: bool = False  # one section per mediation team
    # How many rows a long listing will read (all its sections together), so its progress can
    # be shown; the short lists (people, teams) go without.
    count: Callable[[Connection, Scope], int] | None = None


def day(iso: str | None) -> str:
    """dd/MM/yyyy, the same in both languages; cheap enough for 20,000 rows."""
    if not iso:
        return ""
    return f"{iso[8:10]}/{iso[5:7]}/{iso[0:4]}"


def _labels(enum, codes_json: str, language: str) -> list[str]:
    return [enum.label(code, language) for code in json.loads(codes_json or "[]")]


def _join(parts) -> str:
    return "; ".join(part for part in parts if part)


def _names_of(children: str, parent_id: str, parent: str) -> str:
    """SQL for the live people a record's child rows name, in the order the user gave them,
    joined by commas: one correlated subquery, so a 20,000-row log makes no extra round trips."""
    return f"""(SELECT group_concat(name, ', ') FROM (
               SELECT p.full_name AS name FROM {children} x
               JOIN people p ON p.uuid = x.person_uuid AND p.ward_code = {parent}.ward_code
               WHERE x.{parent_id} = {parent}.id AND p.deleted = 0 ORDER BY x.position))"""


# -- the session log ----------------------------------------------------------------------------

# The figures the PBGDPL form counts, per session, as app.reports.measures counts them: the
# materials are the titles issued, of which posted online (counted in Python: `_materials`), the
# funding all three sources, the entries those of a quiz. `:direct` (NULL for all) picks the direct sessions or the rest.
_SESSIONS = f"""
    SELECT s.ward_code, s.held_on, s.start_time, s.hamlet, s.place, s.form, s.title, s.topics,
           s.legal_documents, s.audiences, s.attendees,
           {_names_of("session_presenters", "session_id", "s")} AS presenters,
           CASE WHEN {_QUIZ} THEN s.quiz_entries END AS quiz_entries,
           s.materials,
           s.funding_regular + s.funding_programme + s.funding_other AS funding
    FROM sessions s
    WHERE {{wards}} AND s.deleted = 0 AND s.held_on BETWEEN :start AND :end
      AND (:direct IS NULL OR s.direct = :direct)
    ORDER BY s.ward_code, s.held_on, coalesce(s.start_time, ''), s.id
"""


def _count_sessions(connection, scope) -> int:
    sql = (
        f"SELECT count(*) FROM sessions s WHERE {scope.in_wards('s.ward_code')} "
        "AND s.deleted = 0 AND s.held_on BETWEEN :start AND :end"
    )
    return connection.execute(text(sql), scope.params()).scalar_one()


def _materials(stored: str | None) -> dict[str, int]:
    """The titles issued and those of them posted online, read from the session's JSON list
    here rather than with SQLite's JSON functions (design.md §1: no engine-only SQL here)."""
    materials = json.loads(stored or "[]")
    online = sum(1 for item in materials if isinstance(item, dict) and item.get("online") is True)
    return {"materials": len(materials), "materials_online": online}


def _session_rows(connection, scope, params, language) -> Iterator[dict]:
    sql = _SESSIONS.format(wards=scope.in_wards("s.ward_code"))
    direct = params.get("direct")
    values = {**scope.params(), "direct": None if direct is None else int(bool(direct))}
    result = connection.execute(text(sql), values)
    for number, row in enumerate(result, start=1):
        ward, held, time, hamlet, place, form, title, topics, documents, audiences = row[:10]
        yield {
            "seq": number,
            "ward": ward,
            "day": held,  # ISO: where the actual data of a preliminary period ends
            "held_on": day(held) + (f" {time}" if time else ""),
            "place": ", ".join(part for part in (place, hamlet) if part),
            "form": SESSION_FORMS.label(form, language),
            "title": title,
            "topics": _join(
                [
                    ", ".join(_labels(TOPICS, topics, language)),
                    *json.loads(documents or "[]"),
                ]
            ),
            "audiences": ", ".join(_labels(AUDIENCES, audiences, language)),
            "attendees": row[10],
            "presenters": row[11] or "",
            "quiz_entries": row[12],
            **_materials(row[13]),
            "funding": row[14],
        }


# -- the mediation logbook ----------------------------------------------------------------------

_CASES = f"""
    SELECT c.id, c.ward_code, c.book_number, c.received_on, c.public, c.scope_group, c.summary,
           c.agreement, c.notes, c.invited_persons, {{state}} AS state,
           {_names_of("case_mediators", "case_id", "c")} AS mediators
    FROM cases c
    WHERE {{wards}} AND c.deleted = 0 AND c.received_on BETWEEN :start AND :end
      AND coalesce(c.team_uuid, '') = :section_team
    ORDER BY c.ward_code, c.received_on, coalesce(c.book_number, 0), c.id
"""

_PARTIES = """
    SELECT cp.case_id, cp.full_name, cp.birth_year, cp.address FROM case_parties cp
    JOIN cases c ON c.id = cp.case_id
    WHERE {wards} AND c.deleted = 0 AND c.received_on BETWEEN :start AND :end
      AND coalesce(c.team_uuid, '') = :section_team
    ORDER BY cp.case_id, cp.position
"""

NOT_PUBLIC = N_("Non-public mediation: contents not printed")
TEAM_LEADER = N_("team leader")
OUT_OF_SCOPE = N_("Outside the scope of grassroots mediation (not counted)")


def _case_rows(connection, scope, params, language) -> Iterator[dict]:
    values = {**scope.params(), "section_team": params["team_uuid"]}
    wards = scope.in_wards("c.ward_code")
    parties: dict[int, list[str]] = {}
    for case_id, name, born, address in connection.execute(
        text(_PARTIES.format(wards=wards)), values
    ):
        parties.setdefault(case_id, []).append((name, born, address))
    result = connection.execute(text(_CASES.format(state=STATE_ON_ASOF, wards=wards)), values)
    numbering = params.get("numbering")  # app.reports.logbook: the case's number in its book
    for number, row in enumerate(result, start=1):
        (case_id, ward, book_number, received, public, group, summary, agreement, notes,
         invited, state, mediators) = row  # fmt: skip
        in_scope = group != "out_of_scope"
        received_year = int(received[:4])
        people = [_party(name, born, address, received_year, language)
                  for name, born, address in parties.get(case_id, [])]  # fmt: skip
        invited_names = [item.get("name", "") for item in json.loads(invited or "[]")]
        remarks = []
        if not in_scope:
            remarks.append(gettext(OUT_OF_SCOPE, language))
        elif state not in ("success", "failure"):
            remarks.append(RESULTS.label(state, language))
        if notes and public:
            remarks.append(notes)
        yield {
            "seq": (
                numbering.number(date.fromisoformat(received), book_number)
                if numbering
                else book_number
                if book_number is not None
                else number
            ),
            "ward": ward,
            "received_on": day(received),
            "mediators": _join([mediators or "", ", ".join(n for n in invited_names if n)]),
            "parties": "\n".join(people) if public else "",
            "content": (summary or "") if public else gettext(NOT_PUBLIC, language),
            "agreement": (agreement or "") if public else "",
            "success": "x" if in_scope and state == "success" else "",
            "failure": "x" if in_scope and state == "failure" else "",
            "signatures": "",
            "notes": _join(remarks),
        }


def _count_cases(connection, scope) -> int:
    """The logbook's cases, every team's together (a few given to a team no longer found may
    be counted and not listed: the progress then just ends a little early)."""
    team = "AND c.team_uuid = :team" if scope.team_uuid else ""
    sql = (
        f"SELECT count(*) FROM cases c WHERE {scope.in_wards('c.ward_code')} AND c.deleted = 0 "
        f"AND c.received_on BETWEEN :start AND :end {team}"
    )
    return connection.execute(text(sql), scope.params()).scalar_one()


def _party(name, born, address, year, language) -> str:
    parts = [name or gettext(N_("(name withheld)"), language)]
    if born:
        parts.append(gettext(N_("{age} years old"), language).format(age=year - born))
    if address:
        parts.append(address)
    return ", ".join(parts)


# A case of the period for the logbook's sections: received in it, or carried over into it
# (its result counts in Part II of the period it ends, as in mediation-stats).
_CASE_OF_PERIOD = (
    "(c.received_on BETWEEN :start AND :end "
    f"OR (c.scope_group != 'out_of_scope' AND {CARRIED_OVER}))"
)


def logbook_teams(connection: Connection, scope: Scope) -> list[dict]:
    """The logbook's sections: every team in force on :asof or holding a case of the period
    (even a team deleted since: its cases still count under it, as in mediation-stats), then
    the cases given to no team, if any. Each with its ward, name and village."""
    values = scope.params()
    wards_t = scope.in_wards("t.ward_code")
    wards_c = scope.in_wards("c.ward_code")
    team = "AND t.uuid = :team" if scope.team_uuid else ""
    sql = f"""
        SELECT t.uuid, t.ward_code, t.name, t.hamlet FROM teams t
        WHERE {wards_t} {team} AND (
            (t.deleted = 0 AND (t.valid_from IS NULL OR t.valid_from <= :asof)
              AND (t.valid_to IS NULL OR t.valid_to >= :asof))
            OR EXISTS (SELECT 1 FROM cases c WHERE c.team_uuid = t.uuid
                       AND c.ward_code = t.ward_code AND c.deleted = 0
                       AND {_CASE_OF_PERIOD}))
        ORDER BY t.ward_code, t.name, t.uuid
    """
    teams = [
        {"uuid": uuid, "ward": ward, "name": name, "hamlet": hamlet}
        for uuid, ward, name, hamlet in connection.execute(text(sql), values)
    ]
    # "Tổ … số 2" before "Tổ … số 10": SQL would sort the digits as text.
    teams.sort(key=lambda team: (team["ward"], natural_key(team["name"]), team["uuid"]))
    if not scope.team_uuid:
        loose = connection.execute(
            text(
                f"SELECT DISTINCT c.ward_code FROM cases c WHERE {wards_c} AND c.deleted = 0 "
                f"AND c.team_uuid IS NULL AND {_CASE_OF_PERIOD} ORDER BY c.ward_code"
            ),
            values,
        ).scalars()
        teams += [{"uuid": NO_TEAM, "ward": ward, "name": None, "hamlet": None} for ward in loose]
    return teams


# -- the roster ---------------------------------------------------------------------------------

# Roles in force at some time in the period.
_PEOPLE = """
    SELECT p.id, p.uuid, p.ward_code, p.full_name, p.birth_year, p.gender, p.ethnic_minority,
           p.ethnicity, p.law_qualification, p.position, p.organisation, p.hamlet,
           r.decision_number, r.decision_date, r.issuer, r.end_date, r.end_decision, r.end_reason
    FROM people p JOIN person_roles r ON r.person_id = p.id
    WHERE {wards} AND p.deleted = 0 AND r.role = :role
      AND (r.decision_date IS NULL OR r.decision_date <= :end)
      AND (r.end_date IS NULL OR r.end_date >= :start)
    ORDER BY p.ward_code, p.sort_key, p.id, r.decision_date, r.id
"""

# One line per (team, person), however many times a bundle lists the person in the team.
_MEMBERSHIPS = """
    SELECT m.person_uuid, t.ward_code, t.name, max(m.is_leader) FROM team_members m
    JOIN teams t ON t.id = m.team_id
    WHERE {wards} AND t.deleted = 0
    GROUP BY t.id, m.person_uuid
    ORDER BY t.name, t.id
"""


def _people_rows(connection, scope, params, language) -> Iterator[dict]:
    values = {**scope.params(), "role": params["role"]}
    teams: dict[tuple[str, str], list[str]] = {}
    for person, ward, name, leader in connection.execute(
        text(_MEMBERSHIPS.format(wards=scope.in_wards("t.ward_code"))), values
    ):
        label = name + (f" ({gettext(TEAM_LEADER, language)})" if leader else "")
        teams.setdefault((ward, person), []).append(label)
    rows = connection.execute(text(_PEOPLE.format(wards=scope.in_wards("p.ward_code"))), values)
    # One row per person: someone recognised again in the period (a new decision after the
    # first ended) holds two roles of the kind, and is still one person on the list.
    people = itertools.groupby(rows, key=lambda row: row[0])
    for number, (_, roles) in enumerate(people, start=1):
        roles = list(roles)
        (_, uuid, ward, name, born, gender, minority, ethnicity, qualification, position,
         organisation, hamlet) = roles[0][:12]  # fmt: skip
        decisions = []
        for decision, decided, issuer, *_ in (role[12:] for role in roles):
            parts = [
                decision or "",
                day(decided),
                ISSUERS.label(issuer, language) if issuer else "",
            ]
            decisions.append(", ".join(part for part in parts if part))
        # Whether the person still holds the role: the latest decision's end, if any.
        ended, end_decision, end_reason = roles[-1][15:18]
        ending = ""
        if ended:
            ending = _join([
                gettext(N_("Ended {date}"), language).format(date=day(ended)),
                end_decision or "",
                end_reason or "",
            ])  # fmt: skip
        yield {
            "seq": number,
            "ward": ward,
            "full_name": name,
            "birth_year": str(born) if born else "",
            "gender": GENDERS.label(gender, language) if gender else "",
            "minority": (ethnicity or gettext(N_("Yes"), language)) if minority else "",
            "qualification": LAW_QUALIFICATIONS.label(qualification, language),
            "work": ", ".join(part for part in (position, organisation) if part),
            "hamlet": hamlet or "",
            "teams": "; ".join(teams.get((ward, uuid), [])),
            "decision": "; ".join(part for part in decisions if part),
            "ended": ending,
        }


_TEAMS = """
    SELECT t.id, t.ward_code, t.name, t.hamlet, t.valid_from, t.valid_to,
           count(DISTINCT p.id) AS members,
           count(DISTINCT CASE WHEN p.gender = 'female' THEN p.id END) AS women,
           (SELECT group_concat(name, ', ') FROM (
               SELECT DISTINCT p2.full_name AS name FROM team_members m2
               JOIN people p2 ON p2.uuid = m2.person_uuid AND p2.ward_code = t.ward_code
               WHERE m2.team_id = t.id AND m2.is_leader AND p2.deleted = 0)) AS leaders
    FROM teams t
    LEFT JOIN team_members m ON m.team_id = t.id
    LEFT JOIN people p ON p.uuid = m.person_uuid AND p.ward_code = t.ward_code AND p.deleted = 0
    WHERE {wards} AND t.deleted = 0
      AND (t.valid_from IS NULL OR t.valid_from <= :end)
      AND (t.valid_to IS NULL OR t.valid_to >= :start)
    GROUP BY t.id ORDER BY t.ward_code, t.name, t.uuid
"""


def _team_rows(connection, scope, params, language) -> Iterator[dict]:
    sql = _TEAMS.format(wards=scope.in_wards("t.ward_code"))
    rows = connection.execute(text(sql), scope.params()).all()
    rows.sort(key=lambda row: (row[1], natural_key(row[2]), row[0]))
    for number, row in enumerate(rows, start=1):
        _, ward, name, hamlet, valid_from, valid_to, members, women, leaders = row
        validity = " – ".join(part for part in (day(valid_from), day(valid_to)) if part)
        yield {
            "seq": number,
            "ward": ward,
            "name": name,
            "hamlet": hamlet or "",
            "leader": leaders or "",
            "members": members,
            "women": women,
            "validity": validity,
        }


LISTINGS: dict[str, Listing] = {
    "sessions": Listing(
        {
            "seq": COUNT,
            "ward": TEXT,
            "held_on": TEXT,
            "place": TEXT,
            "form": TEXT,
            "title": TEXT,
            "topics": TEXT,
            "audiences": TEXT,
            "attendees": COUNT,
            "presenters": TEXT,
            "quiz_entries": COUNT,
            "materials": COUNT,
            "materials_online": COUNT,
            "funding": MONEY,
        },
        _session_rows,
        count=_count_sessions,
    ),
    "cases": Listing(
        {
            "seq": COUNT,
            "ward": TEXT,
            "received_on": TEXT,
            "mediators": TEXT,
            "parties": TEXT,
            "content": TEXT,
            "agreement": TEXT,
            "success": MARK,
            "failure": MARK,
            "signatures": TEXT,
            "notes": TEXT,
        },
        _case_rows,
        per_team=True,
        count=_count_cases,
    ),
    "people": Listing(
        {
            "seq": COUNT,
            "ward": TEXT,
            "full_name": TEXT,
            "birth_year": TEXT,
            "gender": TEXT,
            "minority": TEXT,
            "qualification": TEXT,
            "work": TEXT,
            "hamlet": TEXT,
            "teams": TEXT,
            "decision": TEXT,
            "ended": TEXT,
        },
        _people_rows,
    ),
    "teams": Listing(
        {
            "seq": COUNT,
            "ward": TEXT,
            "name": TEXT,
            "hamlet": TEXT,
            "leader": TEXT,
            "members": COUNT,
            "women": COUNT,
            "validity": TEXT,
        },
        _team_rows,
    ),
}
