"""How the statistics reports query (issue #17: a national district of 3,321 wards on
PostgreSQL): figures read from one table in one pass, the scope's wards bound as one value.
The figures themselves are the other report tests' concern."""

import pytest
from sqlalchemy import event, select
from sqlalchemy.dialects import postgresql, sqlite

from app.models import Team
from app.reports.scope import in_wards
from tests.report_helpers import demo_ward, report

teams = Team.__table__


@pytest.fixture(scope="module")
def ward(tmp_path_factory):
    store = demo_ward(tmp_path_factory.mktemp("queries") / "w", sessions=20, cases=20, people=30)
    yield store
    store.close()


def _statements(store, run) -> list[str]:
    seen: list[str] = []

    def heard(connection, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    event.listen(store.engine, "before_cursor_execute", heard)
    try:
        run()
    finally:
        event.remove(store.engine, "before_cursor_execute", heard)
    return seen


def test_mediation_stats_reads_the_mediators_once_per_row_grouping(ward):
    # A ward's form has a row per team and a total row of the ward's own people: every mediator
    # figure (all, men, women, law, untrained, minority, trained) of each from one query, not
    # seven (7 × 0.3 s over a national district).
    statements = _statements(ward, lambda: report(ward, "mediation-stats", "2025"))
    reading_members = [s for s in statements if "team_members" in s]
    assert len(reading_members) == 2


def test_the_scope_wards_are_one_array_parameter_on_postgresql():
    # 3,321 wards as 3,321 parameters cost SQLAlchemy and the driver 0.3 s a query to rewrite.
    import app.db.postgres  # noqa: F401 -- its rendering, as opening a server district loads it

    statement = select(teams.c.id).where(in_wards(teams.c.ward_code))
    compiled = statement.compile(dialect=postgresql.dialect())
    assert "teams.ward_code = ANY (%(wards)s::VARCHAR(5)[])" in str(compiled)
    assert list(compiled.params) == ["wards"]


def test_the_scope_wards_stay_an_in_list_on_sqlite():
    statement = select(teams.c.id).where(in_wards(teams.c.ward_code), teams.c.deleted.is_(False))
    sql = " ".join(str(statement.compile(dialect=sqlite.dialect())).split())
    # A condition of its own: no "= 1" after it, which would hide it from the ward indexes.
    assert sql.endswith("WHERE teams.ward_code IN (__[POSTCOMPILE_wards]) AND teams.deleted IS 0")


def test_an_empty_scope_matches_nothing(ward):
    statement = select(teams.c.id).where(in_wards(teams.c.ward_code))
    with ward.read() as connection:
        assert connection.execute(statement, {"wards": []}).all() == []
        assert connection.execute(statement, {"wards": [ward.unit_code]}).all() != []
