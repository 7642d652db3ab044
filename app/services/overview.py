"""The ward at a glance: this period's figures, two small series for charts, and the records that
need the officer's attention.

Everything is counted in SQL (aggregates over indexed columns), so the overview stays quick on a
ward with 100,000 sessions; Python only touches the handful of rows that come back.

Conventions, as everywhere: only this ward's rows (`ward_code`), never tombstones (`deleted=1`),
dates are ISO text (so text comparison is date comparison).

`unindexed(ward_code) == ward` (app.db.specific; SQLite writes it `+ward_code = :ward`) tells
SQLite's planner not to use that column's index: without statistics it prefers the (ward_code,
deleted) index, which matches every row of a one-ward database, over the date index or the
(ward_code, uuid) key of a join. Measured on 100,000 sessions and 20,000 cases: 2.5× slower for
the session figures, 100× for the team members."""

from datetime import date, timedelta

from sqlalchemy import (
    Connection,
    Integer,
    and_,
    case,
    cast,
    exists,
    func,
    literal,
    null,
    or_,
    select,
)

from app.db.specific import specific
from app.db.store import Store
from app.enums import RESULTS, ROLES
from app.models import metadata

PERIODS = ("year", "half")  # the calendar year, or the half-year (1/1–30/6, 1/7–31/12)

LATE_START_DAYS = 3  # Luật HGCS Điều 20.2: mediation starts within 3 days of assignment
LONG_MEDIATION_DAYS = 30  # a mediation in progress longer than this is worth a look [U]
MIN_TEAM_MEMBERS = 3  # a mediation team has at least 3 mediators, one of them a woman [C]
ATTENTION_LIMIT = 50  # items returned per reason; the totals are always complete

# The reasons an item needs attention, in the order the page lists them.
REASONS = (
    "start_overdue",  # a case assigned more than 3 days ago and still not started
    "started_late",  # a case of this period that started more than 3 days after assignment
    "long_in_progress",  # a case in progress for more than LONG_MEDIATION_DAYS
    "team_too_small",  # a team in force with fewer than MIN_TEAM_MEMBERS live members
    "team_no_woman",  # a team in force with members but no woman among them
    "recognition_ended",  # a team member whose every role ended before today
)

_sessions = metadata.tables["sessions"]
_presenters = metadata.tables["session_presenters"]
_cases = metadata.tables["cases"]
_people = metadata.tables["people"]
_roles = metadata.tables["person_roles"]
_teams = metadata.tables["teams"]
_members = metadata.tables["team_members"]


def _in_scope():
    """Cases marked "không thuộc phạm vi" (Luật HGCS Điều 3) are not counted in any case figure,
    chart or rule below, as the statistical forms leave them out; `out_of_scope` reports how
    many of this period were set aside."""
    return _cases.c.scope_group != "out_of_scope"


def _current_teams(params: dict):
    """A team is in force on today when it is live and today lies within its validity, if
    given."""
    t, today = _teams.c, params["today"]
    return (
        select(t.id, t.uuid, t.name)
        .where(t.ward_code == params["ward"], t.deleted.is_(False))
        .where(or_(t.valid_from.is_(None), t.valid_from <= today))
        .where(or_(t.valid_to.is_(None), t.valid_to >= today))
    )


def _month(column):
    return cast(func.substr(column, 6, 2), Integer).label("month")


def period_bounds(today: date, period: str = "year") -> tuple[date, date]:
    """First and last day (inclusive) of the period that contains `today`."""
    if period == "year":
        return date(today.year, 1, 1), date(today.year, 12, 31)
    if period == "half":
        if today.month <= 6:
            return date(today.year, 1, 1), date(today.year, 6, 30)
        return date(today.year, 7, 1), date(today.year, 12, 31)
    raise ValueError(f"unknown period {period!r}")


def overview(store: Store, today: date | None = None, period: str = "year") -> dict:
    """Plain data for the overview page.

    Returns a dict with:
    - `today`, and `period` {kind, start, end} (ISO dates);
    - `is_empty`: the ward holds no live person, team, session or case yet;
    - `figures`: sessions, direct_sessions, direct_attendees, presenters (distinct people who gave
      a direct session), cases_received, concluded, successful, unsuccessful, in_progress,
      not_started, success_rate (successful / concluded, None when nothing concluded),
      out_of_scope (cases set aside), people_by_role {role code: people holding it today},
      people_recognised (people holding any role today), teams (teams in force today).
      Session and case figures count the period (sessions by `held_on`, cases by `received_on`,
      each case in its state now); people and teams count today;
    - `months`: one {month, sessions, cases} per month of the period (cases = received);
    - `results`: {result code: cases received in the period}, every code present;
    - `attention`: items (dicts with `kind`, `uuid`, `reason` and the values to phrase them), at
      most ATTENTION_LIMIT per reason, in REASONS order; `attention_totals`: {reason: full count}.
    """
    today = today or date.today()
    start, end = period_bounds(today, period)
    params = {
        "ward": store.unit_code,
        "today": today.isoformat(),
        "start": start.isoformat(),
        "end": end.isoformat(),
        "limit": ATTENTION_LIMIT,
    }
    with store.read() as connection:
        sessions, months_sessions = _session_figures(connection, params)
        cases, months_cases, results = _case_figures(connection, params)
        people = _people_figures(connection, params)
        teams = _team_count(connection, params)
        attention, totals = _attention(connection, params)
        is_empty = _is_empty(connection, params)
    months = [
        {"month": m, "sessions": months_sessions.get(m, 0), "cases": months_cases.get(m, 0)}
        for m in range(start.month, end.month + 1)
    ]
    return {
        "today": today.isoformat(),
        "period": {"kind": period, "start": start.isoformat(), "end": end.isoformat()},
        "is_empty": is_empty,
        "figures": {**sessions, **cases, **people, "teams": teams},
        "months": months,
        "results": results,
        "attention": attention,
        "attention_totals": totals,
    }


# -- figures ---------------------------------------------------------------------------------


def _session_figures(connection: Connection, params: dict) -> tuple[dict, dict[int, int]]:
    s, unindexed = _sessions.c, specific(connection).unindexed
    month = _month(s.held_on)
    rows = connection.execute(
        select(
            month,
            func.count(),
            func.coalesce(func.sum(case((s.direct, 1), else_=0)), 0),
            func.coalesce(func.sum(case((s.direct, s.attendees))), 0),
        )
        .where(
            unindexed(s.ward_code) == params["ward"],
            unindexed(s.deleted).is_(False),
            s.held_on.between(params["start"], params["end"]),
        )
        .group_by(month)
    ).all()
    # Live people only, as the reports count them: a deleted person presents no more.
    p, sp = _people.c, _presenters.c
    presenters = connection.execute(
        select(func.count(func.distinct(p.id)))
        .select_from(
            _sessions.join(_presenters, sp.session_id == s.id).join(
                _people,
                and_(
                    p.uuid == sp.person_uuid,
                    p.ward_code == params["ward"],
                    unindexed(p.deleted).is_(False),
                ),
            )
        )
        .where(
            unindexed(s.ward_code) == params["ward"],
            unindexed(s.deleted).is_(False),
            s.direct,
            s.held_on.between(params["start"], params["end"]),
        )
    ).scalar_one()
    figures = {
        "sessions": sum(row[1] for row in rows),
        "direct_sessions": sum(row[2] for row in rows),
        "direct_attendees": sum(row[3] for row in rows),
        "presenters": presenters,
    }
    return figures, {row[0]: row[1] for row in rows}


def _case_figures(
    connection: Connection, params: dict
) -> tuple[dict, dict[int, int], dict[str, int]]:
    c, unindexed = _cases.c, specific(connection).unindexed
    month, counted = _month(c.received_on), _in_scope().label("counted")
    rows = connection.execute(
        select(month, c.result, counted, func.count())
        .where(
            unindexed(c.ward_code) == params["ward"],
            unindexed(c.deleted).is_(False),
            c.received_on.between(params["start"], params["end"]),
        )
        .group_by(month, c.result, counted)
    ).all()
    results = dict.fromkeys(RESULTS.codes, 0)
    months: dict[int, int] = {}
    out_of_scope = 0
    for month_number, result, in_scope, number in rows:
        if not in_scope:
            out_of_scope += number
            continue
        results[result] = results.get(result, 0) + number
        months[month_number] = months.get(month_number, 0) + number
    concluded = results["success"] + results["failure"]
    figures = {
        "cases_received": sum(results.values()),
        "concluded": concluded,
        "successful": results["success"],
        "unsuccessful": results["failure"],
        "in_progress": results["in_progress"],
        "not_started": results["not_started"],
        "success_rate": results["success"] / concluded if concluded else None,
        "out_of_scope": out_of_scope,
    }
    return figures, months, results


def _people_figures(connection: Connection, params: dict) -> dict:
    # A role is held today when its decision (if dated) is not in the future and it has not
    # ended (no end date, or one not before today).
    p, r, today = _people.c, _roles.c, params["today"]

    def held_today(*columns):
        return (
            select(*columns)
            .select_from(_people.join(_roles, r.person_id == p.id))
            .where(p.ward_code == params["ward"], p.deleted.is_(False))
            .where(or_(r.decision_date.is_(None), r.decision_date <= today))
            .where(or_(r.end_date.is_(None), r.end_date >= today))
        )

    people = func.count(func.distinct(p.id))
    by_role = dict.fromkeys(ROLES.codes, 0)
    for role, number in connection.execute(held_today(r.role, people).group_by(r.role)):
        by_role[role] = number
    anyone = connection.execute(held_today(people)).scalar_one()
    return {"people_by_role": by_role, "people_recognised": anyone}


def _team_count(connection: Connection, params: dict) -> int:
    current = _current_teams(params).subquery()
    return connection.execute(select(func.count()).select_from(current)).scalar_one()


def _is_empty(connection: Connection, params: dict) -> bool:
    held = (
        exists().where(table.c.ward_code == params["ward"], table.c.deleted.is_(False))
        for table in (_people, _teams, _sessions, _cases)
    )
    return bool(connection.execute(select(~or_(*held))).scalar_one())


# -- attention -------------------------------------------------------------------------------

# Each query returns the first ATTENTION_LIMIT items and, on every row, the full count
# (a window over the whole result, computed before LIMIT applies).


def _case_items(connection: Connection, params: dict, reason: str):
    c, engine = _cases.c, specific(connection)
    today = date.fromisoformat(params["today"])
    columns = [c.uuid, c.title, c.received_on, c.assigned_on]
    live = [c.ward_code == params["ward"], c.deleted.is_(False), _in_scope()]
    if reason == "start_overdue":
        # Not started and today is more than 3 days after assignment (exactly 3 days is in time).
        query = (
            select(
                *columns,
                null(),
                engine.days_between(literal(params["today"]), c.assigned_on),
                func.count().over(),
            )
            .where(*live, c.result == "not_started", c.started_on.is_(None))
            .where(
                c.assigned_on.is_not(None),
                c.assigned_on < (today - timedelta(days=LATE_START_DAYS)).isoformat(),
            )
            .order_by(c.assigned_on, c.id)
        )
    elif reason == "started_late":
        # Started more than 3 days after assignment: cases received in the period only, as an
        # old late start is history rather than something to act on.
        days = engine.days_between(c.started_on, c.assigned_on)
        query = (
            select(*columns, c.started_on, days, func.count().over())
            .where(*live, c.received_on.between(params["start"], params["end"]))
            .where(c.assigned_on.is_not(None), c.started_on.is_not(None))
            .where(days > LATE_START_DAYS)
            .order_by(c.started_on.desc(), c.id.desc())
        )
    else:
        # In progress for more than LONG_MEDIATION_DAYS since it started (exactly 30 is not yet).
        query = (
            select(
                *columns,
                c.started_on,
                engine.days_between(literal(params["today"]), c.started_on),
                func.count().over(),
            )
            .where(*live, c.result == "in_progress", c.started_on.is_not(None))
            .where(c.started_on < (today - timedelta(days=LONG_MEDIATION_DAYS)).isoformat())
            .order_by(c.started_on, c.id)
        )
    return connection.execute(query.limit(params["limit"]))


_CASE_REASONS = ("start_overdue", "started_late", "long_in_progress")


def _team_problems(connection: Connection, params: dict):
    """Teams in force with their live members and how many of them are women; only the teams
    that break a rule come back (a ward has tens of teams, so they are split in Python)."""
    current = _current_teams(params).cte("current")
    m, p = _members.c, _people.c
    live_person = and_(
        p.uuid == m.person_uuid,
        p.ward_code == params["ward"],
        specific(connection).unindexed(p.deleted).is_(False),
    )
    teams = (
        select(
            current.c.uuid,
            current.c.name,
            func.count(p.id).label("members"),
            func.coalesce(func.sum(case((p.gender == "female", 1), else_=0)), 0).label("women"),
        )
        .select_from(
            current.outerjoin(_members, m.team_id == current.c.id).outerjoin(_people, live_person)
        )
        .group_by(current.c.id, current.c.uuid, current.c.name)
        .subquery()
    )
    return connection.execute(
        select(teams.c.uuid, teams.c.name, teams.c.members, teams.c.women)
        .where(or_(teams.c.members < MIN_TEAM_MEMBERS, teams.c.women == 0))
        .order_by(teams.c.name, teams.c.uuid)
    )


def _recognition_ended(connection: Connection, params: dict):
    """Live people in a team in force whose roles all ended before today (at least one role,
    every role with an end date, the latest of them before today): one item per person and
    team."""
    current = _current_teams(params).cte("current")
    m, p, r = _members.c, _people.c, _roles.c
    live_person = and_(
        p.uuid == m.person_uuid,
        p.ward_code == params["ward"],
        specific(connection).unindexed(p.deleted).is_(False),
    )
    ended_on = func.max(r.end_date)
    return connection.execute(
        select(p.uuid, p.full_name, current.c.uuid, current.c.name, ended_on, func.count().over())
        .select_from(
            current.join(_members, m.team_id == current.c.id)
            .join(_people, live_person)
            .join(_roles, r.person_id == p.id)
        )
        .group_by(p.id, p.uuid, p.full_name, p.sort_key, current.c.id, current.c.uuid)
        .group_by(current.c.name)
        .having(func.count() == func.count(r.end_date), ended_on < params["today"])
        .order_by(p.sort_key, p.id, current.c.name)
        .limit(params["limit"])
    )


def _attention(connection: Connection, params: dict) -> tuple[list[dict], dict[str, int]]:
    found: dict[str, list[dict]] = {reason: [] for reason in REASONS}
    totals = dict.fromkeys(REASONS, 0)
    for reason in _CASE_REASONS:
        for uuid, title, received, assigned, started, days, total in _case_items(
            connection, params, reason
        ):
            item = {"kind": "cases", "uuid": uuid, "reason": reason, "title": title}
            item.update(received_on=received, assigned_on=assigned, days=days)
            if started:
                item["started_on"] = started
            found[reason].append(item)
            totals[reason] = total
    for uuid, name, members, women in _team_problems(connection, params):
        team = {"kind": "teams", "uuid": uuid, "name": name, "members": members}
        if members < MIN_TEAM_MEMBERS:
            totals["team_too_small"] += 1
            found["team_too_small"].append({**team, "reason": "team_too_small"})
        if members and not women:  # an empty team is already reported as too small
            totals["team_no_woman"] += 1
            found["team_no_woman"].append({**team, "reason": "team_no_woman"})
    for uuid, name, team_uuid, team_name, ended, total in _recognition_ended(connection, params):
        found["recognition_ended"].append(
            {
                "kind": "people",
                "uuid": uuid,
                "reason": "recognition_ended",
                "name": name,
                "team_uuid": team_uuid,
                "team_name": team_name,
                "ended_on": ended,
            }
        )
        totals["recognition_ended"] = total
    items = [item for reason in REASONS for item in found[reason][:ATTENTION_LIMIT]]
    return items, totals
