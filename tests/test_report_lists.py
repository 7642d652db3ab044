"""The list reports on demo data: the session log, the mediation logbook (one section per team,
Part II agreeing with mediation-stats) and the people roster."""

import csv
import subprocess
from collections import Counter

import pytest
from openpyxl import load_workbook

from app.i18n import gettext
from app.reports.definitions import all_definitions
from app.reports.export import save_report
from app.reports.listings import NOT_PUBLIC
from app.reports.values import format_value
from tests.report_helpers import (
    NO_TEAM_LABEL,
    PERIODS,
    QUIZ_FORMS,
    actual_total,
    body_rows,
    figures,
    overlaps,
    report,
)


def day(iso):
    return f"{iso[8:10]}/{iso[5:7]}/{iso[0:4]}"


def pdf_lines(path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [" ".join(line.split()) for line in text.splitlines()]


# Lists run to the period's last day, estimate part included.
LIST_PERIODS = ["2026", "2026-H1", "2025", "2025-07-01..2026-03-15"]
FUNDING_SOURCES = ("funding_regular", "funding_programme", "funding_other")
FUNDING = ("funding", *FUNDING_SOURCES)  # the log's "Kinh phí (đồng)" columns, total first


# -- the session log ----------------------------------------------------------------------------


def _session_figures(session) -> dict:
    """What the log prints of a session's figures, counted as the PBGDPL form counts them."""
    quiz = session["form"] in QUIZ_FORMS
    return {
        "attendees": session["attendees"],
        "quiz_entries": session["quiz_entries"] if quiz else None,
        "materials": len(session["materials"]),
        "materials_online": sum(bool(m["online"]) for m in session["materials"]),
        "funding": sum(
            session[f"funding_{source}"] for source in ("regular", "programme", "other")
        ),
        **{key: session[key] for key in FUNDING_SOURCES},
    }


@pytest.mark.parametrize("period", LIST_PERIODS)
def test_sessions_log_lists_the_live_sessions_in_date_order(ward_records, period):
    store, rec = ward_records
    start, _, end = PERIODS[period]
    held = sorted(
        (s for s in rec.sessions if start <= s["held_on"] <= end),
        key=lambda s: (s["held_on"], s["start_time"] or ""),
    )
    assert held
    rep = report(store, "sessions-log", period)
    direct, other = rep.sections  # part I the direct sessions, part II every other form
    for section, expected in (
        (direct, [s for s in held if s["direct"]]),
        (other, [s for s in held if not s["direct"]]),
    ):
        body = [row.values for row in section.rows if row.style == "body"]
        assert len(body) == len(expected)
        assert [row["seq"] for row in body] == list(range(1, len(body) + 1))
        printed_days = [row["held_on"][:10] for row in body]
        assert printed_days == [day(s["held_on"]) for s in expected]  # date order
        keys = ("attendees", "quiz_entries", "materials", "materials_online", *FUNDING)
        assert Counter(
            (row["held_on"][:10], row["title"], *(row[key] for key in keys)) for row in body
        ) == Counter(
            (day(s["held_on"]), s["title"], *_session_figures(s).values()) for s in expected
        )
        if not expected:
            continue
        (total,) = [row.values for row in section.rows if row.style == "total"]
        assert section.rows[-1].style == "total"
        assert total["count"] == len(expected)
        for key in keys:
            assert total[key] == sum(row[key] or 0 for row in body), key


@pytest.mark.parametrize("period", ["2026", "2026-H1", "2026-Y"])
def test_the_session_log_reconciles_with_the_pbgdpl_form(ward_records, period, tmp_path):
    """Part I's sessions are the form's direct sessions; the two parts' materials, entries and
    funding are the form's; in a preliminary period a subtotal marks the last day of actual
    data, and it is that subtotal that agrees with the form's actual figures."""
    store, _ = ward_records
    _, actual_end, _ = PERIODS[period]
    form = actual_total(report(store, "pbgdpl-stats", period)).values
    log = report(store, "sessions-log", period)
    preliminary = period != "2026"
    actual = []
    for section in log.sections:
        styles = [row.style for row in section.rows]
        assert styles.count("total") == 1 and styles[-1] == "total"
        assert styles.count("subtotal") == (1 if preliminary else 0)
        if preliminary:  # under the last session of actual data, the later ones below it
            cut = styles.index("subtotal")
            days = [row.values["day"] for row in section.rows if row.style == "body"]
            assert days[:cut] == [d for d in days if d <= actual_end]
            assert day(actual_end) in section.rows[cut].values["held_on"]
            actual.append(section.rows[cut].values)
        else:
            actual.append(section.rows[-1].values)
    direct, other = actual
    assert direct["count"] == form["direct_sessions"]
    assert direct["attendees"] == form["direct_attendees"]
    for key, measure in (
        ("quiz_entries", "quiz_entrants"),
        ("materials", "materials"),
        ("materials_online", "materials_online"),
        ("funding", "funding_total"),
        *((source, source) for source in FUNDING_SOURCES),  # the form's split, source by source
    ):
        assert direct[key] + other[key] == form[measure], key
    # The paper says so too: each part's total, and the cut-off where there is one.
    text = " ".join(pdf_lines(save_report(log, tmp_path / "log.pdf", "pdf")))
    for section in log.sections:
        for row in section.rows:
            if row.style != "body":
                assert row.values["held_on"] in text


def _sheet_rows(path) -> list[tuple]:
    return [
        row for sheet in load_workbook(path).worksheets for row in sheet.iter_rows(values_only=True)
    ]


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_session_log_prints_the_forms_funding_sources(demo, language, tmp_path):
    """Under one "Kinh phí (đồng)" heading, the total and the form's three sources; each part's
    "Total to 31/05" and part total carry every source, on PDF, XLSX and CSV alike, and the two
    parts' actual totals are the form's funding source by source."""
    store, _ = demo
    log = report(store, "sessions-log", "2026-H1", language=language)
    stats = report(store, "pbgdpl-stats", "2026-H1", language=language)
    form_columns = {column.key: column for column in stats.sections[0].columns}
    form = actual_total(stats).values
    for section in log.sections:
        columns = [column.key for column in section.columns]
        at = [columns.index(key) for key in FUNDING]
        assert at == list(range(at[0], at[0] + len(FUNDING)))  # side by side, total first
        for key in FUNDING_SOURCES:  # the form's heading, over the form's source
            (column,) = [c for c in section.columns if c.key == key]
            assert column.groups == form_columns[key].groups
    subtotals = [
        next(row.values for row in section.rows if row.style == "subtotal")
        for section in log.sections
    ]
    for key in FUNDING_SOURCES:
        assert sum(part[key] for part in subtotals) == form[key], key
    # The demo's funding is not all of one source, so a source mixed up would show.
    assert sum(form[key] for key in FUNDING_SOURCES) > form["funding_regular"] > 0
    totals = [
        (section, row.values)
        for section in log.sections
        for row in section.rows
        if row.style in ("subtotal", "total")
    ]
    labels = {values["held_on"] for _, values in totals}

    def total_lines(lines) -> list:  # the lines of `lines` holding a total, in order
        return [line for line in lines if any(label in line for label in labels)]

    csv_rows = list(
        csv.reader(
            save_report(log, tmp_path / "log.csv", "csv").read_text("utf-8-sig").splitlines()
        )
    )
    sheet_rows = _sheet_rows(save_report(log, tmp_path / "log.xlsx", "xlsx"))
    pdf = pdf_lines(save_report(log, tmp_path / "log.pdf", "pdf"))
    printed = zip(
        totals, total_lines(csv_rows), total_lines(sheet_rows), total_lines(pdf), strict=True
    )
    for (section, values), csv_line, sheet_line, pdf_line in printed:
        figures_of = [values[key] for key in FUNDING]
        width = len(section.columns)
        # CSV: "Kinh phí (đồng) – Nguồn khác" over the figures of each total line.
        headers = [" – ".join([*c.groups, c.label]) for c in section.columns if c.key in FUNDING]
        assert any(row[-len(FUNDING) :] == headers for row in csv_rows)
        assert [int(cell) for cell in csv_line[-len(FUNDING) :]] == figures_of
        assert list(sheet_line[width - len(FUNDING) : width]) == figures_of
        assert pdf_line.endswith(" ".join(format_value(v, "money", language) for v in figures_of))
    texts = {cell for row in sheet_rows for cell in row if isinstance(cell, str)}
    for key in FUNDING:  # the spreadsheet's header names them too
        (column,) = [c for c in log.sections[0].columns if c.key == key]
        assert {column.label, *column.groups} <= texts


# -- the mediation logbook ----------------------------------------------------------------------


def _facts(section):
    return dict(section.facts)


def _summary_numbers(section):
    return [int(value.replace(".", "")) for _, value in section.summary]


SUMMARY_MEASURES = [
    line.measure for line in all_definitions()["mediation-logbook"].sections[0].summary
]


@pytest.mark.parametrize("period", ["2026", "2025", "2025-07-01..2026-03-15"])
def test_logbook_part_two_agrees_with_mediation_stats(ward_records, period):
    """Periods without an estimate part: the log and the stats read states on the same day.
    Each team keeps a book a calendar year (no book recorded here), so a period across two
    years prints two books a team, each agreeing with the stats of its year's days."""
    store, _ = ward_records
    start, _, end = PERIODS[period]
    log = report(store, "mediation-logbook", period)
    team_label = gettext("Mediation team", log.language)
    opened_label = gettext("Opened on", log.language)
    by_part = {}
    seen = []
    for section in log.sections:
        name = _facts(section)[team_label]
        year = _facts(section)[opened_label][-4:]
        part = f"{max(start, f'{year}-01-01')}..{min(end, f'{year}-12-31')}"
        if part not in by_part:
            stats = report(store, "mediation-stats", part)
            by_part[part] = {row.values["unit"]: figures(row) for row in body_rows(stats)}
        seen.append((part, name))
        assert section.title.startswith(_title(log) + " — " + name)
        expected = by_part[part].get(name)
        numbers = dict(zip(SUMMARY_MEASURES, _summary_numbers(section), strict=True))
        if expected is None:  # a section the stats have no row for must have nothing to count
            assert set(numbers.values()) == {0}, name
        else:
            assert numbers == {m: expected[m] for m in SUMMARY_MEASURES}, name
    assert len(by_part) == (2 if period.startswith("2025-07") else 1)
    # Every stats row with something to count has its book, a deleted team's included.
    for part, by_team in by_part.items():
        for name, values in by_team.items():
            if any(values[m] for m in SUMMARY_MEASURES):
                assert (part, name) in seen, name
    assert len(seen) == len(set(seen))


def _title(log) -> str:
    return all_definitions()["mediation-logbook"].sections[0].title(log.language)


@pytest.mark.parametrize("period", LIST_PERIODS)
def test_logbook_sections_hold_each_teams_cases(demo, period):
    store, rec = demo
    start, _, end = PERIODS[period]
    log = report(store, "mediation-logbook", period)
    team_label = gettext("Mediation team", log.language)
    no_team = gettext(NO_TEAM_LABEL, log.language)
    names = {t["uuid"]: t["name"] for t in rec.teams}
    expected = Counter()
    for case in rec.cases:
        if start <= case["received_on"] <= end:
            expected[names[case["team"]] if case["team"] else no_team] += 1
    got = Counter()
    for section in log.sections:
        got[_facts(section)[team_label]] += len(section.rows)
    assert +got == expected


def test_every_live_case_of_the_period_is_in_the_logbook(edges):
    store, rec, made = edges
    start, _, end = PERIODS["2026"]
    log = report(store, "mediation-logbook", "2026")
    live = [c for c in rec.cases if start <= c["received_on"] <= end]
    assert any(c["uuid"] == made["c_gone_team"] for c in live)
    stats = report(store, "mediation-stats", "2026")
    assert "Tổ hòa giải đã xóa" in {row.values["unit"] for row in body_rows(stats)}
    team_label = gettext("Mediation team", log.language)
    assert "Tổ hòa giải đã xóa" in {_facts(section)[team_label] for section in log.sections}
    assert sum(len(section.rows) for section in log.sections) == len(live)


def test_logbook_hides_non_public_contents(edges):
    store, rec, made = edges
    log = report(store, "mediation-logbook", "2026")
    private = [c for c in rec.cases if not c["public"] and c["received_on"].startswith("2026")]
    assert any(c["uuid"] == made["c_private"] for c in private)
    hidden = gettext(NOT_PUBLIC, log.language)
    rows = [row.values for section in log.sections for row in section.rows]
    hidden_rows = [row for row in rows if row["content"] == hidden]
    assert len(hidden_rows) == len(private)
    for row in hidden_rows:
        assert row["parties"] == "" and row["agreement"] == ""
    text = repr(rows)
    for case in private:
        for secret in (case["summary"], case["agreement"]):
            if secret:
                assert secret not in text
        for party in case["parties"]:
            if party["full_name"]:
                assert party["full_name"] not in text
    public = [c for c in rec.cases if c["public"] and c["received_on"].startswith("2026")]
    assert sum(row["content"] != hidden for row in rows) == len(public)


def test_logbook_marks_results_as_of_the_last_day(edges):
    """In 2026-H1 (lists run to 30/6) the case ending 10/6 is successful; out-of-scope cases
    are listed with the remark but never marked."""
    store, _, _ = edges
    log = report(store, "mediation-logbook", "2026-H1")
    team_label = gettext("Mediation team", log.language)
    (t1,) = [s for s in log.sections if _facts(s)[team_label] == "Tổ hòa giải biên 1"]
    marks = {(row.values["received_on"], row.values["success"], row.values["failure"])
             for row in t1.rows}  # fmt: skip
    assert ("20/05/2026", "x", "") in marks and ("20/05/2026", "", "x") in marks
    outside = [row.values for row in t1.rows if row.values["received_on"] == "05/04/2026"]
    assert outside and outside[0]["success"] == outside[0]["failure"] == ""
    numbers = dict(zip(SUMMARY_MEASURES, _summary_numbers(t1), strict=True))
    assert numbers["cases_received"] == 4  # the out-of-scope one is not counted
    assert (numbers["cases_success"], numbers["cases_failure"]) == (1, 1)


# -- the roster ---------------------------------------------------------------------------------


@pytest.mark.parametrize("period", ["2026", "2026-H1", "2025-07-01..2025-12-31", "2021"])
def test_roster_lists_people_whose_role_overlaps_the_period(ward_records, period):
    store, rec = ward_records
    start, _, end = PERIODS.get(period, (f"{period}-01-01", None, f"{period}-12-31"))
    if period == "2025-07-01..2025-12-31":
        start, end = "2025-07-01", "2025-12-31"
    rep = report(store, "people-roster", period)
    assert len(rep.sections) == 4
    for section, role in zip(rep.sections[:3], ("BCV", "TTV", "HGV"), strict=True):
        expected = Counter(
            p["full_name"]
            for p in rec.people
            for r in p["roles"]
            if r["role"] == role and overlaps(r, start, end)
        )
        got = Counter(row.values["full_name"] for row in section.rows)
        assert got == expected, role
    teams = Counter(
        t["name"]
        for t in rec.teams
        if (t["valid_from"] or "") <= end and (t["valid_to"] is None or t["valid_to"] >= start)
    )
    team_rows = [row.values for row in rep.sections[3].rows if row.style == "body"]
    assert Counter(row["name"] for row in team_rows) == teams
    totals = [row.values for row in rep.sections[3].rows if row.style == "total"]
    if team_rows:
        assert totals[0]["members"] == sum(row["members"] for row in team_rows)
        assert totals[0]["women"] == sum(row["women"] for row in team_rows)
