"""Review of the report engine: figures at a district whose wards share uuids, duplicated
children a bundle can carry, a person with two recognitions of the same kind, and inputs a user
can type that must be refused with one plain line rather than a traceback."""

import json
import os
import uuid as uuidlib

import pytest
from sqlalchemy import text

from app.cli.main import run
from app.demo import fill_demo_data
from app.errors import TiepCanError
from app.reports.engine import ReportError, Request, build_report
from app.reports.periods import PeriodError, parse_period
from app.services import records as svc
from app.services.setup import set_up
from tests import factories as f
from tests.report_helpers import body_rows, report

A, B = "00167", "00160"
SHARED_TEAM = str(uuidlib.UUID(int=1))
SHARED_PERSON = [str(uuidlib.UUID(int=10 + i)) for i in range(3)]


# -- a district whose wards share uuids -------------------------------------------------------


def _insert(connection, table: str, **values) -> int:
    if "uuid" in values:
        sync = {"revision": 1, "updated_at": "2026-01-01T00:00:00Z", "deleted": 0}
        values = {**sync, "content_sha256": "0" * 64, **values}
    columns = ", ".join(values)
    marks = ", ".join(f":{key}" for key in values)
    result = connection.execute(text(f"INSERT INTO {table} ({columns}) VALUES ({marks})"), values)
    return result.lastrowid


def _person(connection, ward, uuid, name, gender):
    person_id = _insert(
        connection, "people", uuid=uuid, ward_code=ward, full_name=name, sort_key=name,
        gender=gender, ethnic_minority=0, law_qualification="none", hamlet="TDP 1",
    )  # fmt: skip
    _insert(connection, "person_roles", person_id=person_id, role="HGV", position=0,
            decision_date="2024-01-05")  # fmt: skip


def _team(connection, ward, name, members):
    team_id = _insert(connection, "teams", uuid=SHARED_TEAM, ward_code=ward, name=name,
                      hamlet="TDP 1")  # fmt: skip
    for position, person in enumerate(members):
        _insert(connection, "team_members", team_id=team_id, person_uuid=person,
                is_leader=0, position=position)  # fmt: skip


def _case(connection, ward, received_on="2026-03-01"):
    _insert(
        connection, "cases", uuid=str(uuidlib.uuid4()), ward_code=ward, title="Lối đi",
        team_uuid=SHARED_TEAM, received_on=received_on, basis="party_request", public=1,
        scope_group="civil", subject_tags="[]", invited_persons="[]", result="not_started",
        fee_amount=0,
    )  # fmt: skip


@pytest.fixture(scope="module")
def district(tmp_path_factory):
    """Two wards' records as a district holds them (keyed by ward code and uuid), written the
    way the importer stores them. Ward B's rows come first, so a lookup by uuid alone that keeps
    the last row found picks ward A's. Ward B's team lists one member twice, as a bundle may
    carry it (the importer normalises records but does not run the ward's form checks)."""
    root = tmp_path_factory.mktemp("shared") / "district"
    store = set_up(root, "district", "01", name="Sở Tư pháp Hà Nội").store
    with store.write() as connection:
        _person(connection, B, SHARED_PERSON[0], "Nguyễn Thị Bê", "female")
        _person(connection, B, SHARED_PERSON[1], "Trần Văn Bờ", "male")
        _team(connection, B, "Tổ hòa giải phường Bê",
              [SHARED_PERSON[0], SHARED_PERSON[1], SHARED_PERSON[1]])  # fmt: skip
        _case(connection, B)
        for i, (name, gender) in enumerate(
            [("Lê Thị A", "female"), ("Phạm Văn A", "male"), ("Hồ Văn A", "male")]
        ):
            _person(connection, A, SHARED_PERSON[i], name, gender)
        _team(connection, A, "Tổ hòa giải phường A", SHARED_PERSON)
        _case(connection, A)
        _case(connection, A)
    yield store
    store.close()


def test_team_rows_of_one_ward_carry_that_wards_team_name(district):
    rep = report(district, "mediation-stats", "2026", ward=B)
    (row,) = body_rows(rep)
    assert row.values["unit"] == "Tổ hòa giải phường Bê"
    assert row.values["cases_received"] == 1


def test_a_member_listed_twice_is_one_mediator(district):
    rep = report(district, "mediation-stats", "2026", ward=B)
    (row,) = body_rows(rep)
    assert (row.values["mediators"], row.values["mediators_men"]) == (2, 1)
    (access,) = body_rows(report(district, "legal-access", "2026", ward=B))
    assert access.values["teams"] == 1
    assert access.values["teams_compliant"] == 0  # two mediators, not three


def test_the_roster_counts_a_member_listed_twice_once(district):
    rep = report(district, "people-roster", "2026", ward=B)
    (team,) = [row.values for row in rep.sections[3].rows if row.style == "body"]
    assert (team["members"], team["women"]) == (2, 1)
    mediators = {row.values["full_name"]: row.values for row in rep.sections[2].rows}
    assert mediators["Trần Văn Bờ"]["teams"] == "Tổ hòa giải phường Bê"


def test_a_team_id_shared_by_two_wards_asks_for_the_ward(district):
    with pytest.raises(ReportError) as caught:
        report(district, "mediation-logbook", "2026", team=SHARED_TEAM)
    assert "--ward" in caught.value.message("en")
    rep = report(district, "mediation-logbook", "2026", team=SHARED_TEAM, ward=B)
    assert [section.title.split(" — ")[-1] for section in rep.sections] == ["Tổ hòa giải phường Bê"]


# -- one ward ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ward(tmp_path_factory):
    root = tmp_path_factory.mktemp("review") / "ward"
    store = set_up(root, "ward", "00175", province="01", officer="Cán bộ").store
    fill_demo_data(store, sessions=20, cases=10, people=12, seed=5)
    yield store
    store.close()


def test_a_person_recognised_twice_in_the_period_is_one_roster_row(ward):
    uuid = f.person(ward, "Đinh Thị Hai Lần", "female", roles=())["uuid"]
    roles = [
        {"role": "TTV", "decision_number": "1/QĐ", "decision_date": "2024-01-05",
         "end_date": "2026-03-31", "end_reason": "Hết nhiệm kỳ"},
        {"role": "TTV", "decision_number": "2/QĐ", "decision_date": "2026-04-01"},
    ]  # fmt: skip
    svc.update(ward, "people", uuid, {"roles": roles})
    rep = report(ward, "people-roster", "2026")
    rows = [
        row.values for row in rep.sections[1].rows if row.values["full_name"] == "Đinh Thị Hai Lần"
    ]
    assert len(rows) == 1
    assert "1/QĐ" in rows[0]["decision"] and "2/QĐ" in rows[0]["decision"]
    seqs = [row.values["seq"] for row in rep.sections[1].rows]
    assert seqs == list(range(1, len(seqs) + 1))
    assert rows[0]["ended"] == ""  # the second decision is still in force


def test_deleted_people_are_not_named_in_the_lists(ward):
    gone = f.person(ward, "Vương Văn Đã Xóa", roles=("TTV", "HGV"))["uuid"]
    stays = f.person(ward, "Cao Thị Còn", "female", roles=("TTV", "HGV"))["uuid"]
    svc.create(ward, "sessions", f.session_data(held_on="2026-08-08", presenters=[gone, stays]))
    team = f.team(ward, [stays, gone], name="Tổ xét xóa")["uuid"]
    svc.create(ward, "cases", f.case_data(received_on="2026-08-09", assigned_on="2026-08-09",
               started_on="2026-08-10", ended_on="2026-08-11", team=team,
               mediators=[gone, stays]))  # fmt: skip
    svc.delete(ward, "people", gone)
    log = report(ward, "sessions-log", "2026-08-08..2026-08-08")
    (row,) = body_rows(log)
    assert row.values["presenters"] == "Cao Thị Còn"
    book = report(ward, "mediation-logbook", "2026-08-09..2026-08-09", team=team)
    (case,) = [row.values for row in book.sections[0].rows]
    assert case["mediators"] == "Cao Thị Còn"


# -- periods ------------------------------------------------------------------------------------


def test_periods_in_other_digits():
    assert parse_period("２０２６-01-01..２０２６-02-01").start.isoformat() == "2026-01-01"
    assert parse_period("２０２６-H1").code == "2026-H1"
    for typed in ("٢٠٢٦-H1", "٢٠٢٦", "2026-02-30..2026-03-01", "2026\x00"):
        with pytest.raises(PeriodError):
            parse_period(typed)


def test_a_range_typed_as_an_officer_writes_dates_is_the_same_period():
    """01/01/2026..30/06/2026 was refused: every other date in the app is dd/MM/yyyy."""
    for typed in ("01/01/2026..30/06/2026", "1/1/2026 - 30/6/2026", "01/01/2026 – 30/06/2026"):
        period = parse_period(typed)
        assert period.code == "2026-01-01..2026-06-30"  # its estimates are kept under one key
        assert (period.start.isoformat(), period.end.isoformat()) == ("2026-01-01", "2026-06-30")
    for typed in ("31/02/2026..30/06/2026", "30/06/2026..01/01/2026"):
        with pytest.raises(PeriodError) as refused:
            parse_period(typed)
        assert typed in refused.value.message("vi")


# -- estimates ----------------------------------------------------------------------------------


def test_estimates_for_a_report_that_takes_none_are_refused(ward):
    for name, period in (("sessions-log", "2026-H1"), ("legal-access", "2026-H1")):
        with pytest.raises(ReportError) as caught:
            build_report(ward, Request(name, period, estimates={"direct_sessions": 1}))
        assert name in caught.value.message("en")


@pytest.mark.parametrize(
    "value", [10**400, -(10**400), 1e308, [1], {"a": 1}, "4", True, float("nan")]
)
def test_any_estimate_value_is_refused_as_input(ward, value):
    with pytest.raises(ReportError):
        build_report(ward, Request("pbgdpl-stats", "2026-H1", estimates={"direct_sessions": value}))


@pytest.fixture(scope="module")
def folder(ward):
    return str(ward.folder.root)


def _cli(folder, *args):
    return run(["report", *args, "--data-dir", folder])


@pytest.mark.parametrize(
    "content",
    [
        "[" * 100_000 + "]" * 100_000,
        '{"direct_sessions": 1' + "0" * 400 + "}",
        '{"direct_sessions": 1' + "0" * 5000 + "}",
        '{"direct_sessions": ' + "[" * 50_000 + "]" * 50_000 + "}",
        b"\xff\xfe\x00\x01binary",
        '{"direct_sessions": 1, "direct_sessions": 2}',
    ],
)
def test_a_hostile_estimates_file_is_one_plain_refusal(folder, tmp_path, capsys, content):
    estimates = tmp_path / "e.json"
    if isinstance(content, bytes):
        estimates.write_bytes(content)
    else:
        estimates.write_text(content)
    out = tmp_path / "out" / "x.csv"
    out.parent.mkdir()
    args = ["--period", "2026-H1", "--format", "csv", "--out", str(out)]
    assert _cli(folder, "pbgdpl-stats", *args, "--estimates", str(estimates)) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert list(out.parent.iterdir()) == []


def test_an_endless_estimates_file_is_refused(folder, tmp_path, capsys, monkeypatch):
    """/dev/zero reports size 0: the file must be read with a bound, not whole."""
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    from app.cli import report_command

    monkeypatch.setattr(report_command, "MAX_ESTIMATES_BYTES", 1000)
    out = tmp_path / "x.csv"
    args = ["--period", "2026-H1", "--format", "csv", "--out", str(out)]
    assert _cli(folder, "pbgdpl-stats", *args, "--estimates", "/dev/zero") == 1
    assert capsys.readouterr().err.strip()
    assert not out.exists()


def test_estimates_for_a_list_report_are_refused_by_the_cli(folder, tmp_path, capsys):
    estimates = tmp_path / "e.json"
    estimates.write_text(json.dumps({"direct_sessions": 3}))
    out = tmp_path / "x.csv"
    args = ["--period", "2026-H1", "--format", "csv", "--out", str(out)]
    assert _cli(folder, "sessions-log", *args, "--estimates", str(estimates)) == 1
    assert "sessions-log" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize(
    "team", ["\u202e\u0301", "Tổ\udcff", " ", "x" * 10_000, "%", "' OR 1=1 --"]
)
def test_odd_team_names_are_refused_plainly(ward, team):
    with pytest.raises(TiepCanError):
        report(ward, "mediation-logbook", "2026", team=team)
