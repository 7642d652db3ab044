"""Period boundaries with hand-made records, typed estimates, empty periods (and their PDF),
and the refusals a user can cause."""

import math
import re
import subprocess

import pytest

from app.i18n import gettext
from app.reports.engine import ReportError, Request, build_report, report_names
from app.reports.pdf import write_pdf
from app.reports.periods import PeriodError
from app.services import records as svc
from app.services.preferences import put_settings
from app.services.setup import set_up
from tests import factories as f
from tests.report_helpers import actual_total, body_rows, demo_ward, figures, report

STATISTICS = ("pbgdpl-stats", "mediation-stats", "legal-access")


def direct_sessions(store, period):
    (row,) = body_rows(report(store, "pbgdpl-stats", period))
    return row.values["direct_sessions"]


def add_session(store, held_on, **extra):
    return svc.create(store, "sessions", f.session_data(held_on=held_on, **extra))["uuid"]


# -- boundaries ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("held_on", "first_half", "second_half"),
    [("2026-06-30", 1, 0), ("2026-07-01", 0, 1), ("2026-01-01", 1, 0), ("2026-12-31", 0, 1)],
)
def test_range_boundaries(ward, held_on, first_half, second_half):
    add_session(ward, held_on)
    add_session(ward, held_on, form="materials")  # not direct: never counted
    assert direct_sessions(ward, "2026-01-01..2026-06-30") == first_half
    assert direct_sessions(ward, "2026-07-01..2026-12-31") == second_half
    assert direct_sessions(ward, "2026") == 1
    assert direct_sessions(ward, f"{held_on}..{held_on}") == 1


def test_six_month_report_counts_actual_data_to_31_may(ward):
    add_session(ward, "2026-05-31", attendees=31)
    assert direct_sessions(ward, "2026-H1") == 1
    add_session(ward, "2026-06-01", attendees=61)
    assert direct_sessions(ward, "2026-H1") == 1  # 1/6 is in the estimate part
    rows = report(ward, "pbgdpl-stats", "2026-H1").sections[0].rows
    assert [row.style for row in rows] == ["body", "estimate", "total"]
    assert rows[0].values["direct_attendees"] == 31
    assert rows[-1].values["direct_attendees"] == 31  # no estimate typed
    add_session(ward, "2025-12-31")
    assert direct_sessions(ward, "2026-H1") == 1


def test_preliminary_year_cut_off_setting(ward):
    for held_on in ("2026-10-31", "2026-11-01", "2026-11-30", "2026-12-01"):
        add_session(ward, held_on)
    assert direct_sessions(ward, "2026-Y") == 1  # default cut-off 31/10
    put_settings(ward, {"reports.annual_cutoff": "11-30"})
    assert direct_sessions(ward, "2026-Y") == 3
    assert direct_sessions(ward, "2026") == 4
    period_line = report(ward, "pbgdpl-stats", "2026-Y").period_line
    assert "30/11/2026" in period_line and "01/12/2026" in period_line
    put_settings(ward, {"reports.annual_cutoff": None})
    assert direct_sessions(ward, "2026-Y") == 1


def _case_row(store, period, name="mediation-stats"):
    rows = body_rows(report(store, name, period))
    assert len(rows) == 1
    return rows[0].values


def test_case_state_on_the_last_day_of_actual_data(ward):
    # Received in the first half, ended after it: in progress on 30/6.
    svc.create(ward, "cases", f.case_data(received_on="2026-06-20", assigned_on="2026-06-20",
                                          started_on="2026-06-25", ended_on="2026-07-05"))  # fmt: skip
    row = _case_row(ward, "2026-01-01..2026-06-30")
    assert (row["cases_received"], row["cases_in_progress"], row["cases_success"]) == (1, 1, 0)
    assert _case_row(ward, "2026")["cases_success"] == 1
    # Started after the last day too: not started.
    svc.create(ward, "cases", f.case_data(received_on="2026-06-29", assigned_on="2026-06-29",
                                          started_on="2026-07-02", ended_on="2026-07-03",
                                          result="failure", end_reason="party_stopped"))  # fmt: skip
    row = _case_row(ward, "2026-01-01..2026-06-30")
    assert (row["cases_received"], row["cases_in_progress"], row["cases_not_started"]) == (2, 1, 1)
    assert (row["cases_success"], row["cases_failure"]) == (0, 0)
    # Received before and still open on 1/7: carried over, their results counted where they end.
    row = _case_row(ward, "2026-07-01..2026-12-31")
    assert (row["cases_received"], row["cases_carried_over"]) == (2, 2)
    assert (row["cases_success"], row["cases_failure"], row["cases_in_progress"]) == (1, 1, 0)
    row = _case_row(ward, "2026")
    assert (row["cases_success"], row["cases_failure"], row["cases_civil"]) == (1, 1, 2)
    # 2026-H1: actual data to 31/5, so neither case counts in the actual figures.
    assert actual_total(report(ward, "mediation-stats", "2026-H1")).values["cases_received"] == 0


def test_out_of_scope_cases_never_count(ward):
    for result, extra in (("success", {}), ("in_progress", {"ended_on": None, "end_reason": None})):
        svc.create(ward, "cases", f.case_data(scope_group="out_of_scope", result=result, **extra))
    for period in ("2026", "2026-H1", "2026-04-01..2026-04-30"):
        values = figures(actual_total(report(ward, "mediation-stats", period)))
        assert not any(
            v for k, v in values.items() if k.startswith(("cases", "success", "failure"))
        )
        (row,) = body_rows(report(ward, "legal-access", period))
        assert row.values["cases_success"] == row.values["success_denominator"] == 0
        assert row.values["starts_due"] == row.values["starts_timely"] == 0
    put_settings(ward, {"legal_access.success_denominator": "received"})
    (row,) = body_rows(report(ward, "legal-access", "2026"))
    assert row.values["success_denominator"] == 0 and row.values["success_rate"] is None


def test_three_day_start_rule(ward):
    def case(assigned_on, started_on=None):
        extra = {"ended_on": None, "end_reason": None}
        extra["result"] = "in_progress" if started_on else "not_started"
        data = f.case_data(received_on=assigned_on, assigned_on=assigned_on,
                           started_on=started_on, **extra)  # fmt: skip
        svc.create(ward, "cases", data)

    case("2026-03-01", "2026-03-04")  # day 3: in time
    case("2026-03-10", "2026-03-14")  # day 4: late
    case("2026-03-20")  # not started, 3 days over by 31/3: due, late
    case("2026-03-28")  # not started, 31/3 is its third day: not yet due
    (row,) = body_rows(report(ward, "legal-access", "2026-03-01..2026-03-31"))
    assert (row.values["starts_timely"], row.values["starts_due"]) == (1, 3)
    assert row.values["timely_start"] == round(100 / 3, 1)


# -- estimates ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    store = demo_ward(tmp_path_factory.mktemp("periods") / "demo", sessions=80, cases=50)
    yield store
    store.close()


def test_estimates_fill_the_estimate_row_and_add_to_the_total(demo):
    plain = report(demo, "pbgdpl-stats", "2026-H1")
    rep = report(demo, "pbgdpl-stats", "2026-H1", estimates={"direct_sessions": 5, "quizzes": 0})
    actual, estimate, total = rep.sections[0].rows
    assert (actual.style, estimate.style, total.style) == ("body", "estimate", "total")
    assert figures(actual) == figures(plain.sections[0].rows[0])
    assert estimate.values["direct_sessions"] == 5 and estimate.values["quizzes"] == 0
    assert estimate.values["direct_attendees"] is None
    assert total.values["direct_sessions"] == actual.values["direct_sessions"] + 5
    assert total.values["quizzes"] == actual.values["quizzes"]
    assert total.values["direct_attendees"] == actual.values["direct_attendees"]
    assert total.values["reporters"] == actual.values["reporters"]  # a stock: not estimated
    assert "reporters" not in estimate.values
    assert "06/2026" in estimate.values["unit"]
    # Whole floats are whole numbers.
    again = report(demo, "pbgdpl-stats", "2026-H1", estimates={"direct_sessions": 5.0})
    assert again.sections[0].rows[-1].values["direct_sessions"] == total.values["direct_sessions"]


def test_estimates_on_team_rows_add_to_the_actual_total(demo):
    typed = {"cases_received": 3, "cases_civil": 3, "cases_not_started": 3}  # they add up
    rep = report(demo, "mediation-stats", "2026-Y", estimates=typed)
    rows = rep.sections[1].rows  # the results form: the teams' form has no estimate row
    styles = [row.style for row in rows]
    assert styles[-3:] == ["subtotal", "estimate", "total"] and styles.count("body") > 1
    subtotal, estimate, total = rows[-3:]
    for key in ("cases_received", "cases_success", "teams", "mediators"):
        assert subtotal.values[key] == sum(row.values[key] for row in body_rows(rep))
    assert estimate.values["cases_received"] == 3
    assert total.values["cases_received"] == subtotal.values["cases_received"] + 3
    assert total.values["mediators"] == subtotal.values["mediators"]


@pytest.mark.parametrize(
    "estimates",
    [
        {"no_such_figure": 1},
        {"direct_sessions": -1},
        {"direct_sessions": 2.5},
        {"direct_sessions": "5"},
        {"direct_sessions": True},
        {"reporters": 3},  # a stock figure cannot be estimated
        {"funding_total": 1, "propagandists": 2},
    ],
)
def test_bad_estimates_are_refused(demo, estimates):
    with pytest.raises(ReportError) as caught:
        report(demo, "pbgdpl-stats", "2026-H1", estimates=estimates)
    assert_clear(caught.value)


@pytest.mark.parametrize("value", [math.nan, math.inf])
def test_non_finite_estimates_are_refused(demo, value):
    with pytest.raises(ReportError):
        report(demo, "pbgdpl-stats", "2026-H1", estimates={"direct_sessions": value})


@pytest.mark.parametrize("period", ["2026", "2026-01-01..2026-06-30"])
def test_estimates_on_a_period_without_an_estimate_part_are_refused(demo, period):
    with pytest.raises(ReportError) as caught:
        report(demo, "pbgdpl-stats", period, estimates={"direct_sessions": 5})
    assert_clear(caught.value)
    assert period in caught.value.message("en")


# -- empty periods ------------------------------------------------------------------------------


def pdf_text(rep, path):
    write_pdf(rep, path)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return re.sub(r"\s+", " ", out.stdout).casefold()


def titles(rep):
    """The printed titles: the report's, or each form's where it is filed as several."""
    forms = [section.form.title for section in rep.sections if section.form]
    # Printed in capitals (NĐ 30/2020).
    return [re.sub(r"\s+", " ", title).casefold() for title in forms or [rep.title]]


@pytest.mark.parametrize("name", report_names())
def test_an_empty_period_says_so_and_prints(ward, tmp_path, name):
    for period in ("2030", "2030-H1"):
        rep = report(ward, name, period)
        assert rep.empty, period
        assert gettext("No records fall in this period.", rep.language) in rep.notes
    text = pdf_text(rep, tmp_path / f"{name}.pdf")
    assert all(title in text for title in titles(rep))


@pytest.mark.parametrize("name", report_names())
def test_a_period_before_any_record_is_empty_on_demo_data(demo, tmp_path, name):
    rep = report(demo, name, "2020", language="en")
    assert rep.empty
    assert "No records fall in this period." in rep.notes
    text = pdf_text(rep, tmp_path / f"{name}.pdf")
    assert all(title in text for title in titles(rep))


def test_a_period_with_records_is_not_empty(demo):
    for name in report_names():
        assert not report(demo, name, "2026").empty, name


def test_a_district_without_wards_reports_an_empty_half_year(district):
    rep = report(district, "pbgdpl-stats", "2030-H1")
    assert rep.empty


# -- refusals -----------------------------------------------------------------------------------


def assert_clear(error):
    for language in ("vi", "en"):
        text = error.message(language)
        assert isinstance(text, str) and text.strip()
        assert "Traceback" not in text and "{" not in text
        assert "\n" not in text


@pytest.mark.parametrize(
    ("request_args", "error_type"),
    [
        (("no-such-report", "2026"), ReportError),
        (("pbgdpl-stats", "2026-H3"), PeriodError),
        (("pbgdpl-stats", "2026-13-01..2026-12-31"), PeriodError),
        (("pbgdpl-stats", "2026-02-30..2026-03-01"), PeriodError),
        (("pbgdpl-stats", "2026-12-31..2026-01-01"), PeriodError),
        (("pbgdpl-stats", "1999"), PeriodError),
        (("pbgdpl-stats", ""), PeriodError),
        (("sessions-log", "H1-2026"), PeriodError),
    ],
)
def test_refusals(ward, request_args, error_type):
    with pytest.raises(error_type) as caught:
        build_report(ward, Request(*request_args))
    assert_clear(caught.value)


def test_another_ward_and_unknown_team_are_refused(ward, tmp_path):
    with pytest.raises(ReportError) as caught:
        build_report(ward, Request("pbgdpl-stats", "2026", ward="00160"))
    assert_clear(caught.value)
    assert "00160" in caught.value.message("vi")
    with pytest.raises(ReportError) as caught:
        build_report(ward, Request("mediation-stats", "2026", team="Tổ không có"))
    assert_clear(caught.value)
    with pytest.raises(ReportError) as caught:
        build_report(ward, Request("mediation-logbook", "2026", team="Tổ không có"))
    assert_clear(caught.value)
    with pytest.raises(ReportError) as caught:  # not a per-team report
        build_report(ward, Request("pbgdpl-stats", "2026", team="Tổ hòa giải số 5"))
    assert_clear(caught.value)


def test_the_own_ward_and_a_known_team_are_accepted(ward):
    a = f.person(ward)
    b = f.person(ward, "Trần Thị Dung", "female")
    team = f.team(ward, [a["uuid"], b["uuid"]])
    svc.create(ward, "cases", f.case_data(team=team["uuid"]))
    rep = build_report(
        ward, Request("mediation-stats", "2026", ward="00167", team="to hoa giai so 5")
    )
    (row,) = rep.sections[0].rows
    assert row.values["unit"] == "Tổ hòa giải số 5" and row.values["cases_received"] == 1


def test_district_refuses_an_unknown_ward(tmp_path):
    store = set_up(tmp_path / "d", "district", "01", name="Sở Tư pháp Hà Nội").store
    try:
        with pytest.raises(ReportError) as caught:
            build_report(store, Request("pbgdpl-stats", "2026", ward="00999"))
        assert_clear(caught.value)
    finally:
        store.close()
