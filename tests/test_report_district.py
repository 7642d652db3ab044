"""Reports at the district: three wards with their own demo data send bundles through the real
services; the district's rows are each ward's own figures, and the total is their sum."""

import pytest

from app.reports.table import TOTAL
from app.sync.export import export_bundle
from app.sync.importer import import_bundles
from tests.exchange import introduce
from tests.report_helpers import (
    PERIODS,
    Records,
    actual_total,
    body_rows,
    count_columns,
    demo_ward,
    figures,
    legal_access_figures,
    pbgdpl_figures,
    report,
)
from tests.server_databases import new_district

WARDS = {"00167": 1, "00160": 2, "00175": 3}  # code: demo seed
STATS = ("pbgdpl-stats", "mediation-stats", "legal-access")
DISTRICT_PERIODS = ["2026", "2026-H1", "2025"]


@pytest.fixture(scope="module")
def setup(request, tmp_path_factory):
    root = tmp_path_factory.mktemp("district")
    # On its own PostgreSQL database under TIEPCAN_TEST_POSTGRES (tests/server_databases.py).
    district = new_district(root / "district", cleanup=request.addfinalizer).store
    wards = {}
    for code, seed in WARDS.items():
        wards[code] = demo_ward(root / code, code=code, seed=seed, sessions=60, cases=40, people=30)
        introduce(district, wards[code])
    bundles = [export_bundle(store, root / f"{code}.tcb").path for code, store in wards.items()]
    results = import_bundles(district, bundles)
    assert [r.status for r in results] == ["imported"] * len(WARDS)
    yield district, wards
    for store in [district, *wards.values()]:
        store.close()


def _ward_rows(rep, wards):
    """{ward code: row} from the ward names the district prints."""
    names = {store.installation["unit_name"]: code for code, store in wards.items()}
    return {names[row.values["unit"]]: row for row in body_rows(rep)}


def _own(rep):
    """A ward's own figures: its single row, or its total row when it has team rows."""
    rows = rep.sections[0].rows
    return actual_total(rep) if len(body_rows(rep)) > 1 else rows[0]


@pytest.mark.parametrize("period", DISTRICT_PERIODS)
@pytest.mark.parametrize("name", STATS)
def test_one_row_per_ward_and_a_total(setup, name, period):
    district, wards = setup
    rep = report(district, name, period)
    rows = _ward_rows(rep, wards)
    assert set(rows) == set(WARDS)
    totals = [row for row in rep.sections[0].rows if row.style in ("total", "subtotal")]
    assert totals, "a district report ends with a total row"
    total = actual_total(rep)
    for key in count_columns(rep):
        assert total.values[key] == sum(row.values[key] for row in rows.values()), key
    for code, row in rows.items():
        own = report(wards[code], name, period)
        keys = [k for k in figures(_own(own)) if ":" not in k]
        assert figures(row, keys) == figures(_own(own), keys), (code, name, period)


@pytest.mark.parametrize("period", DISTRICT_PERIODS)
@pytest.mark.parametrize("name", STATS)
def test_one_ward_at_the_district_equals_its_own_report(setup, name, period):
    district, wards = setup
    for code, store in wards.items():
        there = report(district, name, period, ward=code)
        here = report(store, name, period)
        assert [figures(row) for row in there.sections[0].rows] == [
            figures(row) for row in here.sections[0].rows
        ], (code, name, period)
        assert [row.style for row in there.sections[0].rows] == [
            row.style for row in here.sections[0].rows
        ]


@pytest.mark.parametrize("name", ["sessions-log", "people-roster", "mediation-stats"])
def test_one_ward_s_report_at_the_district_names_the_ward_under_its_title(setup, name):
    """Its rows no longer carry the ward's name: a loose page must still say whose it is."""
    district, wards = setup
    code = next(iter(wards))
    there = report(district, name, "2026", ward=code)
    ward_name = wards[code].installation["unit_name"]
    assert there.period_line.endswith(f"; đơn vị: {ward_name}")
    assert ward_name not in report(district, name, "2026").period_line


@pytest.mark.parametrize("period", DISTRICT_PERIODS)
def test_district_figures_recomputed_from_the_imported_records(setup, period):
    district, wards = setup
    start, asof, _ = PERIODS[period]
    pbgdpl = _ward_rows(report(district, "pbgdpl-stats", period), wards)
    access = _ward_rows(report(district, "legal-access", period), wards)
    for code in WARDS:
        rec = Records(district, ward_code=code)
        assert rec.sessions and rec.cases and rec.people
        assert figures(pbgdpl[code]) == pbgdpl_figures(rec, start, asof)
        assert figures(access[code]) == legal_access_figures(rec, start, asof)


@pytest.mark.parametrize("name", STATS)
def test_figures_are_whole_numbers_on_every_engine(setup, name):
    """A figure is an int, as the renderers and the sums expect: PostgreSQL sums its BIGINT
    columns (funding, attendees) as NUMERIC, which the driver gives as Decimal."""
    district, _ = setup
    for row in report(district, name, "2025").sections[0].rows:
        for key, value in row.values.items():
            assert value is None or isinstance(value, (int, float, str)), (name, key, value)


def test_personal_data_arrives_blank_but_the_figures_do_not_need_it(setup):
    district, _ = setup
    rec = Records(district, ward_code="00167")
    assert all(party["full_name"] is None for c in rec.cases for party in c["parties"])
    rep = report(district, "mediation-stats", "2026")
    assert rep.sections[0].rows[-1].style == TOTAL
    assert rep.sections[0].rows[-1].values["cases_received"] > 0


@pytest.mark.parametrize("name", ["sessions-log", "mediation-logbook", "people-roster"])
def test_lists_at_the_district_name_each_rows_ward(setup, name, tmp_path):
    """Lists over every merged ward gain a ward column; each ward's rows are its own list's."""
    from app.reports.export import save_report

    district, wards = setup
    merged = report(district, name, "2026")
    names = {store.installation["unit_name"] for store in wards.values()}
    own_counts = {
        store.installation["unit_name"]: sum(
            row.style != TOTAL
            for section in report(store, name, "2026").sections
            for row in section.rows
        )
        for store in wards.values()
    }
    counts = dict.fromkeys(names, 0)
    for section in merged.sections:
        keys = [column.key for column in section.columns]
        if name == "mediation-logbook":
            assert "ward" not in keys  # a logbook section is one team of one ward
            ward_name = dict(section.facts)["Phường, xã"]
            counts[ward_name] += sum(row.style != TOTAL for row in section.rows)
            continue
        assert keys[1] == "ward"
        for row in section.rows:
            if row.style != TOTAL:
                counts[row.values["ward"]] += 1
    assert counts == own_counts
    assert save_report(merged, tmp_path / f"{name}.pdf", "pdf").stat().st_size > 0


def test_a_district_s_logbook_tabs_say_which_ward_and_team(setup, tmp_path):
    """ "Tổ hòa giải tổ dân phố số 1 (2)" was another ward's team 1, read as team 2: each tab
    names its ward and its team, within a tab's 31 characters."""
    from openpyxl import load_workbook

    from app.reports.export import save_report
    from app.reports.lists import short_team_name, short_unit_name

    district, _ = setup
    merged = report(district, "mediation-logbook", "2026")
    path = save_report(merged, tmp_path / "logbook.xlsx", "xlsx")
    titles = [sheet.title for sheet in load_workbook(path).worksheets]
    assert len(titles) == len(merged.sections) > 1
    for title, section in zip(titles, merged.sections, strict=True):
        facts = dict(section.facts)
        ward, team = short_unit_name(facts["Phường, xã"]), short_team_name(facts["Tổ hòa giải"])
        assert title == f"{ward} – {team}"[:31] and len(title) <= 31
    assert short_team_name("Tổ hòa giải tổ dân phố số 12") == "TDP số 12"
    assert short_unit_name("Phường Ba Đình") == "Ba Đình"


def test_a_district_s_session_log_keeps_each_date_on_one_line(setup):
    """The ward column squeezed the date's: "04/03/202" over "6" on every row."""
    from reportlab.lib.pagesizes import A4, landscape

    from app.reports import pdf
    from app.reports.fonts import register_fonts

    register_fonts()
    district, _ = setup
    merged = report(district, "sessions-log", "2026")
    layout = pdf._Layout(merged, landscape(A4))
    for section in merged.sections:
        table = pdf._TableLayout(layout, section)
        day = [column.key for column in section.columns].index("held_on")
        dates = [cells[day].split("\n")[0] for cells in table.cells if cells[day]]
        assert dates and all(len(date) == 10 and date.count("/") == 2 for date in dates)
