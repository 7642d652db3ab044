"""Figures a printed form must get right: a case carried over from the previous period counts
once, its result in the period it ends; typed estimates that break a sum of the form are refused
naming the sum (engine and command line); the footnote on team rows that add up to more than
the total, in every format, only when a mediator serves two teams."""

import csv
import subprocess

import pytest
from openpyxl import load_workbook

from app.cli.main import run
from app.i18n import gettext
from app.reports.definitions import all_definitions
from app.reports.errors import EstimatesDoNotAddUp
from app.reports.export import save_report
from app.reports.statistics import TOTAL_COUNTS_PEOPLE
from app.reports.table import ESTIMATE, TOTAL
from app.services import records as svc
from tests import factories as f
from tests.report_helpers import actual_total, body_rows, demo_ward, figures, report

# -- a case received in December and concluded in January ---------------------------------------


def _stats(store, period):
    return figures(actual_total(report(store, "mediation-stats", period)))


@pytest.fixture
def december_case(ward):
    """One team; a case received 20/12/2025, concluded successfully 10/01/2026; beside it a
    case received and concluded in December."""
    people = [f.person(ward, f"Hòa Giải Viên {n}")["uuid"] for n in "ABC"]
    team = f.team(ward, people)["uuid"]
    dates = {"received_on": "2025-12-20", "assigned_on": "2025-12-20", "team": team}
    f_case = svc.create(ward, "cases", f.case_data(started_on="2025-12-22", ended_on="2026-01-10",
                                                   **dates))  # fmt: skip
    svc.create(ward, "cases", f.case_data(started_on="2025-12-21", ended_on="2025-12-28", **dates))
    return f_case["uuid"]


def test_a_december_case_concluded_in_january_counts_once_in_january(ward, december_case):
    year_2025 = _stats(ward, "2025")
    assert (year_2025["cases_received"], year_2025["cases_carried_over"]) == (2, 0)
    assert (year_2025["cases_success"], year_2025["cases_in_progress"]) == (1, 1)
    for period in ("2026", "2026-H1", "2026-01-01..2026-01-31"):
        row = _stats(ward, period)
        # Only the open one is carried over; its success counts here, in the period it ends.
        assert (row["cases_received"], row["cases_carried_over"]) == (1, 1), period
        assert (row["cases_success"], row["success_civil"], row["cases_civil"]) == (1, 1, 1)
        assert row["cases_in_progress"] == row["cases_not_started"] == 0
    # Its success is counted once over the two years.
    assert year_2025["cases_success"] + _stats(ward, "2026")["cases_success"] == 2
    # Concluded before February: not carried into it.
    assert _stats(ward, "2026-02-01..2026-02-28")["cases_received"] == 0
    (access,) = body_rows(report(ward, "legal-access", "2026"))
    assert access.values["cases_success"] == access.values["success_denominator"] == 1


def test_a_case_still_open_is_carried_over_until_it_ends(ward, december_case):
    svc.update(ward, "cases", december_case, {"ended_on": None, "result": "in_progress",
                                               "end_reason": None})  # fmt: skip
    for period in ("2026", "2027-H1"):
        row = _stats(ward, period)
        assert (row["cases_carried_over"], row["cases_in_progress"]) == (1, 1), period


def test_the_logbook_summary_counts_the_carried_over_result(ward, december_case):
    log = report(ward, "mediation-logbook", "2026")
    (section,) = log.sections
    assert section.rows == []  # Part I lists the cases received in the period only
    summary = dict(section.summary)
    assert summary["– Trong đó: kỳ trước chuyển sang"] == "1"
    assert summary["Hòa giải thành"] == "1"


# -- estimates that break a sum -----------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory):
    store = demo_ward(tmp_path_factory.mktemp("sums") / "demo", seed=2, cases=60)
    yield store
    store.close()


def _refusal(store, name, estimates, period="2026-Y") -> EstimatesDoNotAddUp:
    with pytest.raises(EstimatesDoNotAddUp) as caught:
        report(store, name, period, estimates=estimates)
    return caught.value


def test_a_success_total_against_its_split_is_refused_naming_the_sum(demo_store):
    refusal = _refusal(demo_store, "mediation-stats", {"cases_success": 2, "success_civil": 5})
    total = actual_total(refusal.report)  # the report as it would print, for the window
    whole = total.values["cases_success"]
    results = refusal.report.sections[1]  # the 11-series form holds the estimate row
    assert results.rows[-1].style == TOTAL
    printed = results.rows[-1].values
    assert printed["cases_success"] == whole + 2
    assert refusal.field == "cases_success"
    assert refusal.fields[0] == "cases_success" and "success_civil" in refusal.fields
    # Named on the row that was typed, with the figures typed there.
    words = refusal.message("vi")
    assert "số vụ hòa giải thành (2)" in words and "tổng theo lĩnh vực (5)" in words
    assert "on the estimate row" in refusal.message("en")


@pytest.mark.parametrize(
    ("name", "estimates", "field", "names"),
    [
        # received against its results
        ("mediation-stats", {"cases_received": 2, "cases_civil": 2}, "cases_received",
         ("số vụ, việc tiếp nhận", "tổng theo kết quả")),
        # a split by field typed, its total not
        ("mediation-stats", {"failure_other": 1}, "failure_other",
         ("số vụ hòa giải không thành", "tổng theo lĩnh vực")),
        # funding against its sources
        ("pbgdpl-stats", {"funding_total": 1_000_000, "funding_regular": 900_000},
         "funding_total", ("tổng kinh phí", "tổng các nguồn")),
        # "of which" more than its whole
        ("pbgdpl-stats", {"materials_online": 100_000}, "materials_online",
         ("số đầu tài liệu đăng tải trên mạng", "tổng số đầu tài liệu phát hành")),
    ],
)  # fmt: skip
def test_estimates_that_break_a_sum_are_refused(demo_store, name, estimates, field, names):
    refusal = _refusal(demo_store, name, estimates)
    assert refusal.field == field
    assert all(words in refusal.message("vi") for words in names)


def test_estimates_that_keep_every_sum_are_accepted(demo_store):
    typed = {"cases_received": 3, "cases_civil": 2, "cases_other": 1, "cases_success": 2,
             "success_civil": 2, "cases_in_progress": 1}  # fmt: skip
    rep = report(demo_store, "mediation-stats", "2026-Y", estimates=typed)
    assert [row.style for row in rep.sections[1].rows][-2:] == [ESTIMATE, TOTAL]
    typed = {"funding_total": 1_000_000, "funding_regular": 600_000, "funding_other": 400_000,
             "materials": 5, "materials_online": 5}  # fmt: skip
    report(demo_store, "pbgdpl-stats", "2026-H1", estimates=typed)


@pytest.mark.parametrize("name", ["pbgdpl-stats", "mediation-stats"])
@pytest.mark.parametrize("period", ["2025", "2026", "2026-H1", "2025-07-01..2026-03-15"])
def test_the_declared_sums_hold_on_actual_figures(demo_store, name, period):
    """The sums are data (resources/reports/*.toml): they must be true of what is recorded."""
    definition = all_definitions()[name]
    assert definition.sums
    for row in report(demo_store, name, period).sections[0].rows:
        if row.style == ESTIMATE:
            continue
        for rule in definition.sums:
            whole = row.values[rule.whole] or 0
            parts = sum(row.values[key] or 0 for key in rule.parts)
            assert whole >= parts if rule.of_which else whole == parts, (rule.whole, row.style)


def test_the_command_line_refuses_them_in_one_line(demo_store, tmp_path, capsys):
    estimates = tmp_path / "uoc-tinh.json"
    estimates.write_text('{"cases_success": 2, "success_civil": 5}')
    out = tmp_path / "hoa-giai.csv"
    args = ["report", "mediation-stats", "--period", "2026-Y", "--estimates", str(estimates)]
    args += ["--format", "csv", "--out", str(out), "--data-dir", str(demo_store.folder.root)]
    capsys.readouterr()
    assert run(args) == 1
    err = capsys.readouterr().err
    expected = _refusal(demo_store, "mediation-stats", {"cases_success": 2, "success_civil": 5})
    assert err.strip() == expected.message("vi")
    assert err.count("\n") == 1 and "số vụ hòa giải thành" in err
    assert not out.exists()


# -- the footnote when a mediator serves two teams ----------------------------------------------


@pytest.fixture(params=[True, False], ids=["shared", "apart"])
def two_teams(request, ward):
    """Two teams of three mediators; with `shared`, one person serves in both."""
    made = [f.person(ward, f"Hòa Giải Viên {n}", "female" if n in "AD" else "male")["uuid"]
            for n in "ABCDEF"]  # fmt: skip
    f.team(ward, made[:3], name="Tổ hòa giải số 1")
    f.team(ward, [made[0] if request.param else made[3], *made[4:]], name="Tổ hòa giải số 2")
    svc.create(ward, "cases", f.case_data())
    return ward, request.param


def _csv_lines(path):
    return list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))


@pytest.mark.parametrize("period", ["2026", "2026-H1"])
def test_the_footnote_is_printed_exactly_when_a_mediator_serves_two_teams(
    two_teams, tmp_path, period
):
    store, shared = two_teams
    rep = report(store, "mediation-stats", period)
    teams = body_rows(rep)
    total = actual_total(rep)
    assert sum(row.values["mediators"] for row in teams) == 6
    assert total.values["mediators"] == (5 if shared else 6)
    footnote = gettext(TOTAL_COUNTS_PEOPLE, "vi")

    assert (footnote in rep.notes) == shared
    pdf = save_report(rep, tmp_path / "m.pdf", "pdf")
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    assert (footnote in " ".join(text.split())) == shared
    sheet = load_workbook(save_report(rep, tmp_path / "m.xlsx", "xlsx")).active
    cells = {cell.value for row in sheet.iter_rows() for cell in row if cell.value}
    assert (footnote in cells) == shared
    lines = _csv_lines(save_report(rep, tmp_path / "m.csv", "csv"))
    assert ([footnote] in lines) == shared
    # Each form is a block under its title; the mediators' table stays a table: its rows,
    # then (only with a footnote) an empty line and the footnote, before the next form.
    mediators, results = rep.sections
    assert lines[0] == [mediators.form.title]
    table = lines[1 : 2 + len(mediators.rows)]
    assert table[-1][0] == mediators.rows[-1].values["unit"]
    rest = lines[1 + len(table) :]
    under = [[], [footnote]] if shared else []
    assert rest[: len(under) + 2] == [*under, [], [results.form.title]]
