"""Days at the edge of a period (README: people and teams are counted on the last day of actual
data, that day included)."""

from app.services import records as svc
from tests import factories as f
from tests.report_helpers import body_rows, report


def _mediator(ward, name, gender, end_date):
    role = {"role": "HGV", "decision_number": "15/QĐ-UBND", "decision_date": "2024-01-05",
            "issuer": "ward_chairman", "end_date": end_date}  # fmt: skip
    person = f.person(ward, name, gender, roles=("HGV",))
    return svc.update(ward, "people", person["uuid"], {"roles": [role]})


def test_a_mediator_whose_term_ends_on_the_last_day_of_actual_data_is_counted(ward):
    # 2026-H1: actual data to 31/5.
    last_day = _mediator(ward, "Nguyễn Văn Đức", "male", "2026-05-31")
    day_before = _mediator(ward, "Trần Thị Dung", "female", "2026-05-30")
    serving = _mediator(ward, "Lê Thị Hoa", "female", None)
    f.team(ward, [last_day["uuid"], day_before["uuid"], serving["uuid"]])
    (row,) = body_rows(report(ward, "mediation-stats", "2026-H1"))
    assert row.values["mediators"] == 2  # the one whose term ended on 30/5 is not
    assert row.values["mediators_men"] == 1
