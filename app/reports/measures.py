"""Named measures: each one number per row of a statistical report, computed in SQL.

A measure is counted per **ward** (the row key is the ward code) or per **team** (the row key is
the team's uuid, "" for cases not given to a team). Measures that share one query (the case
figures by scope group and result) take their numbers from one cached result, so a report runs
each query once.

Rules shared by every measure (domain.md §3–§6):
- only live records (`deleted = 0`) of the wards in scope count;
- session and case figures count the period's actual days, `:start`–`:end` (sessions by
  `held_on`, cases by `received_on`); stock figures (people, teams) are read on `:asof`, the
  last day of actual data;
- a role is held on a day when its decision (if dated) is not later and it has not ended (no end
  date, or one not earlier);
- cases "không thuộc phạm vi" (out of scope, Luật HGCS Điều 3) are never counted;
- a case is counted in the state it was in on `:asof`: concluded only if it ended by then (or has
  no end date), in progress if it had started, otherwise not started;
- the cases of a period are those received in it and those carried over into it ("kỳ trước
  chuyển sang"): received earlier and not yet concluded on the day before it starts. A case
  received in December and concluded in January is received (in progress) in December's
  report and carried over, with its result, into January's: its result counts in the period it
  ends, and once.
"""

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, text

from app.reports.scope import Scope

WARD, TEAM = "ward", "team"

QUIZ_FORMS = ("quiz", "online_quiz")
LATE_START_DAYS = 3  # Luật HGCS Điều 20.2
MIN_TEAM_MEDIATORS = 3  # a team has at least 3 mediators, one of them a woman [C]
SCOPE_GROUP_CODES = ("civil", "marriage_family", "other")


@dataclass(frozen=True)
class Measure:
    key: str
    compute: Callable[[Connection, Scope, str, dict], dict[str, int]]
    groupings: tuple[str, ...] = (WARD,)
    # Activity over the period can be estimated for its remaining months; stock figures cannot.
    estimable: bool = False


MEASURES: dict[str, Measure] = {}


def _measure(key: str, groupings=(WARD,), estimable=False):
    def register(function):
        MEASURES[key] = Measure(key, function, tuple(groupings), estimable)
        return function

    return register


def compute(
    connection: Connection, key: str, scope: Scope, grouping: str, cache: dict
) -> dict[str, int]:
    """{row key: value} for one measure; rows with nothing to count are absent (read as 0)."""
    measure = MEASURES[key]
    if grouping not in measure.groupings:
        raise ValueError(f"measure {key!r} cannot be counted per {grouping}")
    return measure.compute(connection, scope, grouping, cache)


def _rows(connection: Connection, sql: str, scope: Scope) -> dict[str, int]:
    return {key: value or 0 for key, value in connection.execute(text(sql), scope.params())}


def _cached(cache: dict, name: str, grouping: str, load: Callable[[], object]):
    slot = (name, grouping)
    if slot not in cache:
        cache[slot] = load()
    return cache[slot]


# -- people with a role -------------------------------------------------------------------------

_HELD_ON_ASOF = (
    "(r.decision_date IS NULL OR r.decision_date <= :asof) "
    "AND (r.end_date IS NULL OR r.end_date >= :asof)"
)


def _role_holders(role: str, extra: str = "") -> Callable:
    def count(connection, scope, grouping, cache):
        sql = (
            "SELECT p.ward_code, count(DISTINCT p.id) FROM people p "
            "JOIN person_roles r ON r.person_id = p.id "
            f"WHERE {scope.in_wards('p.ward_code')} AND p.deleted = 0 "
            f"AND r.role = '{role}' AND {_HELD_ON_ASOF} {extra} GROUP BY p.ward_code"
        )
        return _rows(connection, _with_wards(sql, scope), scope)

    return count


# Gave at least one direct session in the period (the forms count distinct people [C]).
# A row-value IN over the period's presenters, not a correlated EXISTS: SQLite would run the
# EXISTS once per person over the whole period's sessions (48 s at a 25-ward district, 0.15 s
# this way; tests/benchmarks/reports.py). {w_s} and {w_tr} are the wards, filled per query.
_PRESENTED = """
    AND (p.ward_code, p.uuid) IN (
        SELECT s.ward_code, sp.person_uuid FROM sessions s
        JOIN session_presenters sp ON sp.session_id = s.id
        WHERE {w_s} AND s.deleted = 0 AND s.direct AND s.held_on BETWEEN :start AND :end)
"""

# Attended a training held in the period.
_TRAINED = """
    AND (p.ward_code, p.uuid) IN (
        SELECT tr.ward_code, ta.person_uuid FROM trainings tr
        JOIN training_attendees ta ON ta.training_id = tr.id
        WHERE {w_tr} AND tr.deleted = 0 AND tr.held_on BETWEEN :start AND :end)
"""


def _with_wards(sql: str, scope: Scope) -> str:
    return sql.format(w_s=scope.in_wards("s.ward_code"), w_tr=scope.in_wards("tr.ward_code"))


_measure("reporters")(_role_holders("BCV"))
_measure("reporters_presenting")(_role_holders("BCV", _PRESENTED))
_measure("propagandists")(_role_holders("TTV"))
_measure("propagandists_presenting")(_role_holders("TTV", _PRESENTED))
_measure("propagandists_trained")(_role_holders("TTV", _TRAINED))


# -- outreach sessions --------------------------------------------------------------------------


_QUIZ = "s.form IN ({})".format(", ".join(f"'{form}'" for form in QUIZ_FORMS))

# Every session figure of a ward in one pass over the period's sessions (the PBGDPL form has
# ten of them: ten scans took 0.85 s at a 25-ward district of 500,000 records).
_SESSION_FIGURES = {
    "direct_sessions": "sum(s.direct)",
    "direct_attendees": "sum(CASE WHEN s.direct THEN s.attendees ELSE 0 END)",
    "quizzes": f"sum({_QUIZ})",
    "quiz_entrants": f"sum(CASE WHEN {_QUIZ} THEN s.quiz_entries ELSE 0 END)",
    "funding_regular": "sum(s.funding_regular)",
    "funding_programme": "sum(s.funding_programme)",
    "funding_other": "sum(s.funding_other)",
    "funding_total": "sum(s.funding_regular + s.funding_programme + s.funding_other)",
}

# Materials are a JSON list on the session: [{kind, title, copies, language, online}].
_MATERIAL_FIGURES = {
    "materials": "count(*)",
    "materials_online": "sum(json_extract(m.value, '$.online') = 1)",
    "materials_copies": "sum(json_extract(m.value, '$.copies'))",
}


def _figure_table(name: str, figures: dict[str, str], source: str) -> Callable:
    """A table {ward: {figure: value}} read in one query and kept in the report's cache."""

    def table(connection, scope, cache) -> dict[str, dict[str, int]]:
        def load():
            columns = ", ".join(f"coalesce({sql}, 0)" for sql in figures.values())
            query = (
                f"SELECT s.ward_code, {columns} FROM {source} "
                f"WHERE {scope.in_wards('s.ward_code')} AND s.deleted = 0 "
                "AND s.held_on BETWEEN :start AND :end GROUP BY s.ward_code"
            )
            return {
                row[0]: dict(zip(figures, row[1:], strict=True))
                for row in connection.execute(text(query), scope.params())
            }

        return _cached(cache, name, WARD, load)

    return table


def _pick(table: Callable, figure: str) -> Callable:
    def count(connection, scope, grouping, cache):
        return {ward: values[figure] for ward, values in table(connection, scope, cache).items()}

    return count


_sessions_table = _figure_table("sessions", _SESSION_FIGURES, "sessions s")
_materials_table = _figure_table(
    "materials", _MATERIAL_FIGURES, "sessions s, json_each(s.materials) m"
)
for _figure in _SESSION_FIGURES:
    _measure(_figure, estimable=True)(_pick(_sessions_table, _figure))
for _figure in _MATERIAL_FIGURES:
    _measure(_figure, estimable=True)(_pick(_materials_table, _figure))


# -- teams and mediators ------------------------------------------------------------------------

_TEAMS_IN_FORCE = (
    "t.deleted = 0 AND (t.valid_from IS NULL OR t.valid_from <= :asof) "
    "AND (t.valid_to IS NULL OR t.valid_to >= :asof)"
)


def _team_key(grouping: str) -> str:
    return "t.ward_code" if grouping == WARD else "t.uuid"


def _team_filter(scope: Scope) -> str:
    return "AND t.uuid = :team" if scope.team_uuid else ""


@_measure("teams", groupings=(WARD, TEAM))
def _teams(connection, scope, grouping, cache):
    sql = (
        f"SELECT {_team_key(grouping)}, count(*) FROM teams t "
        f"WHERE {scope.in_wards('t.ward_code')} AND {_TEAMS_IN_FORCE} {_team_filter(scope)} "
        f"GROUP BY {_team_key(grouping)}"
    )
    return _rows(connection, sql, scope)


def _mediators(condition: str = "1") -> Callable:
    # A mediator is a live member of a team in force who holds the HGV role on :asof. A team
    # counts its members once each (a bundle can list one twice); a ward counts people, so one
    # who serves in two teams is one mediator of the ward though a member of both teams' rows.
    def count(connection, scope, grouping, cache):
        team = "t.id AS team_id, " if grouping == TEAM else ""
        sql = (
            f"SELECT key, count(*) FROM (SELECT DISTINCT {_team_key(grouping)} AS key, "
            f"{team}p.id AS person_id FROM teams t "
            "JOIN team_members m ON m.team_id = t.id "
            "JOIN people p ON p.uuid = m.person_uuid AND p.ward_code = t.ward_code "
            f"WHERE {scope.in_wards('t.ward_code')} AND {_TEAMS_IN_FORCE} {_team_filter(scope)} "
            "AND p.deleted = 0 AND EXISTS (SELECT 1 FROM person_roles r WHERE r.person_id = p.id "
            f"AND r.role = 'HGV' AND {_HELD_ON_ASOF}) AND ({condition})) GROUP BY key"
        )
        return _rows(connection, _with_wards(sql, scope), scope)

    return count


_measure("mediators", groupings=(WARD, TEAM))(_mediators())
_measure("mediators_men", groupings=(WARD, TEAM))(_mediators("p.gender = 'male'"))
_measure("mediators_women", groupings=(WARD, TEAM))(_mediators("p.gender = 'female'"))
_measure("mediators_law", groupings=(WARD, TEAM))(_mediators("p.law_qualification = 'law'"))
_measure("mediators_untrained", groupings=(WARD, TEAM))(_mediators("p.law_qualification = 'none'"))
_measure("mediators_minority", groupings=(WARD, TEAM))(_mediators("p.ethnic_minority"))
_measure("mediators_trained", groupings=(WARD, TEAM))(_mediators("1" + _TRAINED))


@_measure("teams_compliant", groupings=(WARD, TEAM))
def _teams_compliant(connection, scope, grouping, cache):
    """Teams in force with at least 3 mediators, at least one of them a woman (distinct
    people: a member listed twice is one)."""
    sql = (
        f"SELECT key, count(*) FROM (SELECT {_team_key(grouping)} AS key, t.id FROM teams t "
        "LEFT JOIN team_members m ON m.team_id = t.id "
        "LEFT JOIN people p ON p.uuid = m.person_uuid AND p.ward_code = t.ward_code "
        "AND p.deleted = 0 AND EXISTS (SELECT 1 FROM person_roles r WHERE r.person_id = p.id "
        f"AND r.role = 'HGV' AND {_HELD_ON_ASOF}) "
        f"WHERE {scope.in_wards('t.ward_code')} AND {_TEAMS_IN_FORCE} {_team_filter(scope)} "
        f"GROUP BY t.id HAVING count(DISTINCT p.id) >= {MIN_TEAM_MEDIATORS} "
        "AND count(DISTINCT CASE WHEN p.gender = 'female' THEN p.id END) >= 1) GROUP BY key"
    )
    return _rows(connection, sql, scope)


# -- mediation cases ----------------------------------------------------------------------------

# The state a case was in on :asof (see the module docstring).
STATE_ON_ASOF = """
    CASE
      WHEN c.result IN ('success', 'failure') AND (c.ended_on IS NULL OR c.ended_on <= :asof)
        THEN c.result
      WHEN c.result != 'not_started' AND c.started_on IS NOT NULL AND c.started_on <= :asof
        THEN 'in_progress'
      WHEN c.result = 'in_progress' AND c.started_on IS NULL THEN 'in_progress'
      ELSE 'not_started'
    END
"""

# Concluded before the period starts: a result, and an end before :start (or no end date, which
# the state rule above reads as concluded on any day).
_CONCLUDED_BEFORE_START = (
    "c.result IN ('success', 'failure') AND (c.ended_on IS NULL OR c.ended_on < :start)"
)
CARRIED_OVER = f"c.received_on < :start AND NOT ({_CONCLUDED_BEFORE_START})"
CASES_IN_SCOPE = (
    "c.deleted = 0 AND c.scope_group != 'out_of_scope' AND c.received_on <= :end "
    f"AND (c.received_on >= :start OR ({CARRIED_OVER}))"
)


def _case_key(grouping: str) -> str:
    return "c.ward_code" if grouping == WARD else "coalesce(c.team_uuid, '')"


def _case_table(connection, scope, grouping, cache) -> dict[str, dict[tuple, int]]:
    """{row key: {(scope group, state on :asof, carried over): cases}}, one query for every case
    measure."""

    def load():
        team = "AND c.team_uuid = :team" if scope.team_uuid else ""
        sql = (
            f"SELECT {_case_key(grouping)}, c.scope_group, {STATE_ON_ASOF} AS state, "
            f"c.received_on < :start AS carried, count(*) "
            f"FROM cases c WHERE {scope.in_wards('c.ward_code')} AND {CASES_IN_SCOPE} {team} "
            "GROUP BY 1, 2, 3, 4"
        )
        table: dict[str, dict[tuple, int]] = {}
        for key, group, state, carried, number in connection.execute(text(sql), scope.params()):
            table.setdefault(key, {})[(group, state, bool(carried))] = number
        return table

    return _cached(cache, "cases", grouping, load)


ALL_STATES = ("success", "failure", "in_progress", "not_started")


def _cases(groups=SCOPE_GROUP_CODES, states=ALL_STATES, carried_only=False):
    def count(connection, scope, grouping, cache):
        table = _case_table(connection, scope, grouping, cache)
        return {
            key: sum(
                n
                for (group, state, carried), n in cells.items()
                if group in groups and state in states and (carried or not carried_only)
            )
            for key, cells in table.items()
        }

    return count


_CASE_MEASURES = {
    "cases_received": _cases(),
    "cases_success": _cases(states=("success",)),
    "cases_failure": _cases(states=("failure",)),
    "cases_concluded": _cases(states=("success", "failure")),
    "cases_in_progress": _cases(states=("in_progress",)),
    "cases_not_started": _cases(states=("not_started",)),
}
for _group in SCOPE_GROUP_CODES:
    _CASE_MEASURES[f"cases_{_group}"] = _cases(groups=(_group,))
    _CASE_MEASURES[f"success_{_group}"] = _cases(groups=(_group,), states=("success",))
    _CASE_MEASURES[f"failure_{_group}"] = _cases(groups=(_group,), states=("failure",))
for _key, _function in _CASE_MEASURES.items():
    _measure(_key, groupings=(WARD, TEAM), estimable=True)(_function)
# Known on the period's first day: nothing of it is left to estimate.
_measure("cases_carried_over", groupings=(WARD, TEAM))(_cases(carried_only=True))


@_measure("success_denominator", groupings=(WARD, TEAM))
def _success_denominator(connection, scope, grouping, cache):
    """The setting decides: cases concluded (thành + không thành) or every case of the period
    (received in it or carried over into it)."""
    which = scope.settings.get("legal_access.success_denominator", "concluded")
    key = "cases_received" if which == "received" else "cases_concluded"
    return compute(connection, key, scope, grouping, cache)


def _start_timing(condition: str) -> Callable:
    # Cases assigned in the period whose 3-day start can be judged on :asof: started by then, or
    # still not started with the 3 days already over.
    def count(connection, scope, grouping, cache):
        team = "AND c.team_uuid = :team" if scope.team_uuid else ""
        sql = (
            f"SELECT {_case_key(grouping)}, count(*) FROM cases c "
            f"WHERE {scope.in_wards('c.ward_code')} AND c.deleted = 0 {team} "
            "AND c.scope_group != 'out_of_scope' AND c.assigned_on BETWEEN :start AND :end "
            "AND ((c.started_on IS NOT NULL AND c.started_on <= :asof) "
            f"  OR date(c.assigned_on, '+{LATE_START_DAYS} days') < :asof) "
            f"AND ({condition}) GROUP BY 1"
        )
        return _rows(connection, sql, scope)

    return count


_measure("starts_due", groupings=(WARD, TEAM))(_start_timing("1"))
_measure("starts_timely", groupings=(WARD, TEAM))(
    _start_timing(
        "c.started_on IS NOT NULL AND c.started_on <= :asof "
        f"AND c.started_on <= date(c.assigned_on, '+{LATE_START_DAYS} days')"
    )
)
