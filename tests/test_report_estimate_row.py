"""The estimate row keeps every sum of its form, as the total row does (issue 13, item 6): an
estimate row that breaks one is refused naming that row, on the command line and in the engine,
even where the total row, with the actual figures under it, would still add up. A blank
estimate cell counts as 0 on both rows. And a form with no figure that can be estimated (the
10-series: teams and mediators) prints no estimate row, no total with it and no note on it."""

import csv
import json

import pytest
from openpyxl import load_workbook

from app.cli.main import run
from app.i18n import gettext
from app.reports.errors import EstimatesDoNotAddUp
from app.reports.export import save_report
from app.reports.statistics import BLANK_ESTIMATES
from app.reports.table import ESTIMATE, TOTAL
from app.services import records as svc
from tests import factories as f
from tests.report_helpers import actual_total, demo_ward, report
from tests.test_report_head import pdf_text

PERIOD = "2026-H1"  # actual data to 31/5, June estimated

# The audit's two examples: each total row still adds up, the estimate row does not.
MATERIALS = {"materials": 3, "materials_online": 10}
CIVIL = {"cases_received": 1, "cases_other": 1, "cases_success": 1, "success_civil": 1}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    store = demo_ward(tmp_path_factory.mktemp("estimate-row") / "w", seed=2, cases=60)
    # A civil case still open on 31/5: civil cases received outnumber those concluded, so one
    # more civil success on the total row alone breaks no sum.
    svc.create(store, "cases", f.case_data(received_on="2026-05-02", assigned_on="2026-05-02",
                                           started_on="2026-05-04", ended_on=None,
                                           result="in_progress", end_reason=None))  # fmt: skip
    # Eight printed titles handed out, none posted online: likewise for the materials.
    leaflets = [{"kind": "leaflet", "title": f"Tờ gấp số {n}", "copies": 50} for n in range(8)]
    svc.create(store, "sessions", f.session_data(materials=leaflets))
    yield store
    store.close()


def _refusal(store, name, estimates) -> EstimatesDoNotAddUp:
    with pytest.raises(EstimatesDoNotAddUp) as caught:
        report(store, name, PERIOD, estimates=estimates)
    return caught.value


def _actual(store, name):
    return actual_total(report(store, name, PERIOD)).values


def test_the_examples_break_the_estimate_row_only(store):
    """What the tests below rest on: the total rows these estimates make keep their sums."""
    pbgdpl = _actual(store, "pbgdpl-stats")
    assert pbgdpl["materials"] + 3 >= pbgdpl["materials_online"] + 10
    cases = _actual(store, "mediation-stats")
    assert cases["cases_civil"] >= cases["success_civil"] + cases["failure_civil"] + 1


def test_more_titles_online_than_titles_on_the_estimate_row_is_refused(store):
    refusal = _refusal(store, "pbgdpl-stats", MATERIALS)
    assert refusal.field == "materials"  # the whole, typed: the cell to correct
    assert refusal.fields == ("materials", "materials_online")
    words = refusal.message("vi")
    assert "số đầu tài liệu đăng tải trên mạng (10)" in words
    assert "tổng số đầu tài liệu phát hành (3)" in words
    with pytest.raises(EstimatesDoNotAddUp) as english:
        report(store, "pbgdpl-stats", PERIOD, estimates=MATERIALS, language="en")
    assert english.value.message("en") == (
        "The estimates do not add up: on the estimate row, titles posted online (10) cannot be "
        "more than titles issued (3)."
    )
    # The report the window shows beside the refusal: the estimate row as typed.
    (section,) = refusal.report.sections
    estimate = next(row for row in section.rows if row.style == ESTIMATE).values
    assert (estimate["materials"], estimate["materials_online"]) == (3, 10)


def test_a_civil_success_without_a_civil_case_on_the_estimate_row_is_refused(store):
    refusal = _refusal(store, "mediation-stats", CIVIL)
    assert refusal.field == "success_civil"  # the whole (civil received) was left blank
    assert refusal.fields == ("cases_civil", "success_civil", "failure_civil")
    words = refusal.message("vi")
    assert "số vụ dân sự hòa giải thành và không thành (1)" in words
    assert "số vụ, việc dân sự tiếp nhận (0)" in words


@pytest.mark.parametrize(
    ("name", "estimates", "field"),
    [
        # "Of which online" typed, its whole left blank: 1 title online of none.
        ("pbgdpl-stats", {"materials_online": 1}, "materials_online"),
        # A funding source typed, the total left blank.
        ("pbgdpl-stats", {"funding_other": 500_000}, "funding_other"),
        # Results typed, received left blank.
        ("mediation-stats", {"cases_not_started": 1}, "cases_not_started"),
    ],
)
def test_a_blank_estimate_counts_as_0_on_the_estimate_row(store, name, estimates, field):
    """The total row holds the actual figure where the estimate is blank, so a blank adds 0
    there; the estimate row reads it the same way."""
    assert _refusal(store, name, estimates).field == field


@pytest.mark.parametrize(
    ("name", "estimates"),
    [
        ("pbgdpl-stats", {"materials": 3}),  # online left blank: 0 of 3
        ("pbgdpl-stats", {"materials": 3, "materials_online": 3, "direct_sessions": 4}),
        ("pbgdpl-stats", {"funding_total": 900_000, "funding_regular": 900_000}),
        ("mediation-stats", {"cases_received": 1, "cases_civil": 1, "cases_in_progress": 1}),
        ("mediation-stats", {**CIVIL, "cases_civil": 1, "cases_other": 0}),
    ],
)
def test_estimate_rows_that_keep_every_sum_are_accepted(store, name, estimates):
    rows = report(store, name, PERIOD, estimates=estimates).sections[-1].rows
    assert [row.style for row in rows][-2:] == [ESTIMATE, TOTAL]


@pytest.mark.parametrize(("name", "estimates"), [("pbgdpl-stats", MATERIALS),
                                                 ("mediation-stats", CIVIL)])  # fmt: skip
@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_command_line_refuses_them_in_one_line_and_writes_nothing(
    store, tmp_path, capsys, monkeypatch, name, estimates, language
):
    monkeypatch.setattr("app.i18n._current", language)
    typed = tmp_path / "uoc-tinh.json"
    typed.write_text(json.dumps(estimates))
    out = tmp_path / "bieu.csv"
    args = ["report", name, "--period", PERIOD, "--estimates", str(typed), "--format", "csv"]
    args += ["--out", str(out), "--data-dir", str(store.folder.root)]
    capsys.readouterr()
    assert run(args) == 1
    err = capsys.readouterr().err
    assert err.strip() == _refusal(store, name, estimates).message(language)
    assert err.count("\n") == 1
    if language == "en":
        assert "on the estimate row" in err
    assert not out.exists()


# -- the 10-series form has nothing to estimate -------------------------------------------------


def _csv_blocks(path) -> list[list[list[str]]]:
    blocks = [[]]
    for line in csv.reader(path.read_text(encoding="utf-8-sig").splitlines()):
        if line:
            blocks[-1].append(line)
        else:
            blocks.append([])
    return [block for block in blocks if block]


def test_the_teams_form_prints_no_estimate_row_the_results_form_does(store, tmp_path):
    rep = report(store, "mediation-stats", PERIOD)
    teams, results = rep.sections
    blank_note = gettext(BLANK_ESTIMATES, "vi")
    total = gettext("Total", "vi")
    with_estimate = gettext("Total, actual and estimate", "vi")  # Tổng cộng (thực tế và ước tính)
    estimate_label = results.rows[-2].values["unit"]  # Ước tính từ 01/06… đến 30/06…

    # The teams and mediators: the rows of actual data and their total, as the same days
    # print without an estimated part.
    actual_only = report(store, "mediation-stats", "2026-01-01..2026-05-31").sections[0]
    keys = [column.key for column in teams.columns]
    assert [(row.style, [row.values[k] for k in keys]) for row in teams.rows] == [
        (row.style, [row.values[k] for k in keys]) for row in actual_only.rows
    ]
    assert teams.rows[-1].style == TOTAL and teams.rows[-1].values["unit"] == total
    assert blank_note not in teams.form.notes
    # The results: estimate row, total with it, and the note on blank estimates.
    assert [row.style for row in results.rows][-3:] == ["subtotal", ESTIMATE, TOTAL]
    assert results.rows[-1].values["unit"] == with_estimate
    assert blank_note in results.form.notes

    # The same in every format.
    text = " ".join(pdf_text(save_report(rep, tmp_path / "m.pdf", "pdf")).split())
    results_title = results.form.title.upper()
    first, second = text[: text.index(results_title)], text[text.index(results_title) :]
    for printed in (with_estimate, estimate_label, blank_note):
        assert printed not in first and printed in second, printed

    book = load_workbook(save_report(rep, tmp_path / "m.xlsx", "xlsx"))
    sheets = [
        {str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value is not None}
        for sheet in book.worksheets
    ]
    assert len(sheets) == 2
    for printed in (with_estimate, estimate_label, blank_note):
        assert printed not in sheets[0] and printed in sheets[1], printed

    blocks = _csv_blocks(save_report(rep, tmp_path / "m.csv", "csv"))
    labels = [[line[0] for line in block] for block in blocks]
    assert labels[0][-1] == total
    assert with_estimate not in labels[0] and estimate_label not in labels[0]
    assert labels[1][-2:] == [estimate_label, with_estimate]


def test_every_sum_the_estimates_break_is_named_at_once(store):
    """The officer corrected one sum, then met the next: each broken sum comes with the
    refusal, the first one named, the others marked."""
    estimates = {"cases_received": 3, "cases_civil": 1, "cases_marriage_family": 1,
                 "cases_other": 2, "cases_success": 5, "success_civil": 0}  # fmt: skip
    refusal = _refusal(store, "mediation-stats", estimates)
    broken = [refusal, *refusal.others]
    assert len(broken) >= 2
    assert len({tuple(sorted(each.fields)) for each in broken}) == len(broken)  # each sum once
    named = " ".join(each.message("vi") for each in broken)
    assert "tổng theo lĩnh vực" in named and "(3)" in named and "(5)" in named
