"""The statistical reports (pbgdpl-stats, mediation-stats, legal-access) on deterministic demo
data, every figure recomputed in plain Python from the records (tests/report_helpers.py), plus
the legal-access pass marks and denominator settings."""

import pytest

from app.i18n import gettext
from app.services import records as svc
from app.services.preferences import put_settings
from tests import factories as f
from tests.report_helpers import (
    MEDIATOR_KEYS,
    NO_TEAM_LABEL,
    PERIODS,
    actual_total,
    add_up,
    body_rows,
    count_columns,
    figures,
    legal_access_figures,
    mediation_figures_by_label,
    mediation_ward_figures,
    pbgdpl_figures,
    report,
)


def test_the_demo_data_exercises_the_rules(demo):
    """The comparisons below only mean something if the data has the awkward cases."""
    _, rec = demo
    forms = {s["form"] for s in rec.sessions}
    assert {"quiz", "online_quiz"} <= forms
    assert any(not s["direct"] and s["presenters"] for s in rec.sessions)
    assert any(c["scope_group"] == "out_of_scope" for c in rec.cases)
    assert any(not c["public"] for c in rec.cases)
    assert {c["result"] for c in rec.cases} == {"success", "failure", "in_progress", "not_started"}
    assert any(r["end_date"] for p in rec.people for r in p["roles"])
    assert any(s["materials"] for s in rec.sessions)
    assert rec.trainings


@pytest.mark.parametrize("period", PERIODS)
def test_pbgdpl_stats_figures(ward_records, period):
    store, rec = ward_records
    start, asof, _ = PERIODS[period]
    rep = report(store, "pbgdpl-stats", period)
    (row,) = body_rows(rep)
    assert row.values["unit"] == store.installation["unit_name"]
    assert figures(row) == pbgdpl_figures(rec, start, asof)


@pytest.mark.parametrize("period", PERIODS)
def test_mediation_stats_figures_per_team_and_total(ward_records, period):
    store, rec = ward_records
    start, asof, _ = PERIODS[period]
    rep = report(store, "mediation-stats", period)
    expected = mediation_figures_by_label(rec, start, asof, rep.language)
    got = {row.values["unit"]: figures(row) for row in body_rows(rep)}
    assert got == expected
    assert figures(actual_total(rep), count_columns(rep)) == mediation_ward_figures(
        rec, start, asof
    )
    # Every figure but the mediators (people, not memberships) is the sum of the team rows.
    summed = add_up(expected.values())
    for key, value in figures(actual_total(rep), count_columns(rep)).items():
        if key not in MEDIATOR_KEYS:
            assert value == summed[key], key


@pytest.mark.parametrize("period", PERIODS)
def test_legal_access_figures(ward_records, period):
    store, rec = ward_records
    start, asof, _ = PERIODS[period]
    rep = report(store, "legal-access", period)
    (row,) = body_rows(rep)
    assert figures(row) == legal_access_figures(rec, start, asof)
    for key, (top, bottom) in {
        "success_rate": ("cases_success", "success_denominator"),
        "timely_start": ("starts_timely", "starts_due"),
    }.items():
        assert row.values[f"{key}:numerator"] == row.values[top]
        assert row.values[f"{key}:denominator"] == row.values[bottom]


def test_edge_ward_by_hand(edges):
    """A few rows counted by hand, so the reference counting itself is checked too."""
    store, _, _ = edges
    rep = report(store, "mediation-stats", "2026-H1")
    rows = {row.values["unit"]: row.values for row in body_rows(rep)}
    t1 = rows["Tổ hòa giải biên 1"]
    # Members: F (woman), G, H hold HGV on 31/5; the TTV-only member and the one whose HGV
    # ended on 31/3 do not. F attended the April training.
    assert (t1["teams"], t1["mediators"], t1["mediators_women"], t1["mediators_trained"]) == (
        1,
        3,
        1,
        1,
    )
    # Received 20/5 (ends 10/6: in progress), 20/5 failure, 27/5 and 29/5 not started; the
    # out-of-scope and the deleted cases are not counted.
    assert (t1["cases_received"], t1["cases_failure"], t1["cases_success"]) == (4, 1, 0)
    assert (t1["cases_in_progress"], t1["cases_not_started"]) == (1, 2)
    t2 = rows["Tổ hòa giải biên 2"]  # ended 31/3: no team, no mediators, still its case
    assert (t2["teams"], t2["mediators"], t2["cases_received"], t2["cases_success"]) == (0, 0, 1, 1)
    t4 = rows["Tổ hòa giải biên 4"]  # G and F again; the 15/6 mediator not yet
    assert (t4["teams"], t4["mediators"], t4["cases_received"], t4["cases_not_started"]) == (
        1,
        2,
        2,
        1,
    )
    assert "Tổ hòa giải biên 5" not in rows  # in force from 1/6, no case
    no_team = rows[gettext(NO_TEAM_LABEL, rep.language)]
    assert (no_team["cases_received"], no_team["cases_in_progress"]) == (1, 1)
    gone = rows["Tổ hòa giải đã xóa"]  # a deleted team: its live case still counts
    assert (gone["teams"], gone["cases_received"], gone["cases_success"]) == (0, 1, 1)


def test_presenters_by_hand(ward):
    """Distinct presenters holding the role on the as-of day (31/5 in 2026-H1), direct
    sessions of the live records only."""
    ttv_new = f.person(ward, "Bùi Thị Ánh", "female", roles=("TTV",))["uuid"]
    svc.update(ward, "people", ttv_new, {"roles": [{"role": "TTV", "decision_date": "2026-03-01"}]})
    bcv_ended = f.person(ward, "Đỗ Văn Bình", roles=())["uuid"]
    svc.update(
        ward,
        "people",
        bcv_ended,
        {"roles": [{"role": "BCV", "decision_date": "2024-01-05", "end_date": "2026-04-30"}]},
    )
    bcv = f.person(ward, "Lê Văn An", roles=("BCV",))["uuid"]
    ttv_indirect = f.person(ward, "Hà Thị Cúc", "female", roles=("TTV",))["uuid"]
    ttv_deleted = f.person(ward, "Lý Văn Dũng", roles=("TTV",))["uuid"]
    both = f.person(ward, "Mai Văn Đông", roles=("TTV", "BCV"))["uuid"]
    sessions = [
        ("2026-04-10", "direct", [ttv_new, bcv]),
        ("2026-04-11", "direct", [ttv_new, both]),  # the same TTV twice: one person
        ("2026-04-12", "direct", [bcv_ended]),
        ("2026-04-15", "materials", [ttv_indirect]),
        ("2026-04-20", "direct", [ttv_deleted]),
        ("2026-06-01", "direct", [ttv_indirect]),  # in the estimate part
    ]
    for held_on, form, presenters in sessions:
        svc.create(
            ward, "sessions", f.session_data(held_on=held_on, form=form, presenters=presenters)
        )
    svc.delete(ward, "people", ttv_deleted)
    (row,) = body_rows(report(ward, "pbgdpl-stats", "2026-H1"))
    assert (row.values["reporters"], row.values["reporters_presenting"]) == (2, 2)
    assert (row.values["propagandists"], row.values["propagandists_presenting"]) == (3, 2)
    assert row.values["direct_sessions"] == 4
    # On 31/12 the 1/6 session counts too, and the BCV whose role ended 30/4 is not counted.
    (row,) = body_rows(report(ward, "pbgdpl-stats", "2026"))
    assert (row.values["reporters"], row.values["reporters_presenting"]) == (2, 2)
    assert (row.values["propagandists"], row.values["propagandists_presenting"]) == (3, 3)
    # On 28/2 the new TTV holds no role yet, and no session was held.
    (row,) = body_rows(report(ward, "pbgdpl-stats", "2026-01-01..2026-02-28"))
    assert row.values["propagandists"] == 2  # Cúc and Đông; Ánh not yet
    assert row.values["propagandists_presenting"] == 0


# -- legal-access: thresholds and denominators --------------------------------------------------


@pytest.fixture
def settings_restored(demo):
    store, _ = demo
    keys = ("legal_access.threshold.success_rate", "legal_access.success_denominator")
    yield store
    put_settings(store, dict.fromkeys(keys))


def test_no_threshold_no_pass_column(settings_restored, demo):
    rep = report(settings_restored, "legal-access", "2026")
    assert not [c for c in rep.sections[0].columns if c.key.endswith(":pass")]
    assert not [k for row in rep.sections[0].rows for k in row.values if k.endswith(":pass")]
    no_threshold = gettext("No threshold set, so no pass or fail is shown.", rep.language)
    assert any(no_threshold in note for note in rep.notes)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_threshold_adds_a_pass_column_consistent_with_the_rate(settings_restored, demo, language):
    store, rec = demo
    start, asof, _ = PERIODS["2026"]
    rate = legal_access_figures(rec, start, asof)["success_rate"]
    assert rate is not None
    for threshold, met in ((80, rate >= 80), (rate, True), (rate + 0.1, False), (0, True)):
        put_settings(store, {"legal_access.threshold.success_rate": threshold})
        rep = report(store, "legal-access", "2026", language=language)
        keys = [c.key for c in rep.sections[0].columns]
        assert "success_rate:pass" in keys
        assert keys.index("success_rate:pass") == keys.index("success_rate") + 1
        # Only the rate with a threshold gets the column.
        assert [k for k in keys if k.endswith(":pass")] == ["success_rate:pass"]
        (row,) = body_rows(rep)
        assert row.values["success_rate"] == rate
        assert row.values["success_rate:pass"] == gettext("Met" if met else "Not met", language)
    if language == "en":
        assert row.values["success_rate:pass"] in ("Met", "Not met")


def test_denominator_received_counts_every_in_scope_case(settings_restored, demo):
    store, rec = demo
    for period in ("2026", "2026-H1", "2025"):
        start, asof, _ = PERIODS[period]
        concluded = legal_access_figures(rec, start, asof, "concluded")
        received = legal_access_figures(rec, start, asof, "received")
        assert received["success_denominator"] >= concluded["success_denominator"]
        if period == "2026":  # cases still open at the end of 2026: the two settings differ
            assert received["success_denominator"] > concluded["success_denominator"]
        put_settings(store, {"legal_access.success_denominator": "received"})
        (row,) = body_rows(report(store, "legal-access", period))
        assert figures(row) == received
        put_settings(store, {"legal_access.success_denominator": "concluded"})
        (row,) = body_rows(report(store, "legal-access", period))
        assert figures(row) == concluded
