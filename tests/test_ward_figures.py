"""The district's dashboard figures per ward equal what the ward's own overview counts for the
same period, after its bundle is merged."""

from datetime import date

from app.demo import fill_demo_data
from app.services.overview import overview
from app.services.ward_figures import ward_figures
from app.sync.export import export_bundle
from app.sync.importer import import_bundles
from tests.exchange import introduce


def test_figures_per_ward_match_the_wards_own_overview(district, ward, tmp_path):
    introduce(district, ward)
    fill_demo_data(ward, sessions=400, cases=150, people=80, seed=3)
    [outcome] = import_bundles(district, [export_bundle(ward, tmp_path / "1.tcb").path])
    assert outcome.status == "imported"
    today = date(2026, 12, 5)
    own = overview(ward, today=today, period="year")
    figures = ward_figures(district, date(2026, 1, 1), date(2026, 12, 31), today)
    mine = figures["00167"]
    expected = own["figures"]
    assert mine.sessions == expected["sessions"] > 0
    assert mine.attendees == expected["direct_attendees"]
    assert mine.cases == expected["cases_received"] > 0
    assert (mine.successful, mine.unsuccessful) == (
        expected["successful"],
        expected["unsuccessful"],
    )
    assert mine.success_rate == expected["success_rate"]
    assert mine.teams == expected["teams"] > 0
    totals = own["attention_totals"]
    assert mine.teams_below_rules <= totals["team_too_small"] + totals["team_no_woman"]
    assert mine.teams_below_rules >= max(totals["team_too_small"], totals["team_no_woman"])
    assert set(figures) == {"00167"}
