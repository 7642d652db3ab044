"""The submission tracker: received, late, missing and pending per ward and period; freshness;
gaps, rollbacks, equivocations and open conflicts counted per ward."""

from datetime import date

from sqlalchemy import update

from app.models import AcceptedBundle
from app.services import records as svc
from app.sync.export import export_bundle
from app.sync.importer import import_bundles
from app.sync.tracker import periods_of, track
from tests import factories as f
from tests.exchange import introduce

_accepted = AcceptedBundle.__table__


def _send(district, ward, folder, name):
    [outcome] = import_bundles(district, [export_bundle(ward, folder / name).path])
    assert outcome.status == "imported", outcome.reason


def _set_dates(district, seq, made, accepted):
    with district.write() as connection:
        connection.execute(
            update(_accepted)
            .where(_accepted.c.seq == seq)
            .values(created_at=f"{made}T08:00:00Z", accepted_at=f"{accepted}T09:00:00Z")
        )


def test_periods_and_due_dates():
    [half, preliminary, whole] = periods_of(2026)
    assert (half.period.actual_end, half.due) == (date(2026, 5, 31), date(2026, 6, 10))
    assert (preliminary.period.actual_end, preliminary.due) == (
        date(2026, 10, 31),
        date(2026, 11, 10),
    )
    assert (whole.period.actual_end, whole.due) == (date(2026, 12, 31), date(2027, 1, 10))


def test_a_ward_on_time_late_missing_and_pending(district, ward, tmp_path):
    _periods, wards = track(district, 2026, today=date(2026, 12, 5))
    by_code = {w.code: w for w in wards}
    assert len(wards) > 100  # every commune of the province, registered or not
    assert not by_code["00167"].registered
    assert by_code["00167"].states == {"2026-H1": "missing", "2026-Y": "missing", "2026": "pending"}

    introduce(district, ward)
    svc.create(ward, "sessions", f.session_data())
    _send(district, ward, tmp_path, "1.tcb")
    _set_dates(district, 1, "2026-06-02", "2026-06-08")  # made after 31/5, in by 10/6
    _send(district, ward, tmp_path, "2.tcb")
    _set_dates(district, 2, "2026-11-01", "2026-11-20")  # after the 31/10 cut-off, late
    _periods, wards = track(district, 2026, today=date(2026, 12, 5))
    mine = next(w for w in wards if w.code == "00167")
    assert mine.registered
    assert mine.states == {"2026-H1": "received", "2026-Y": "late", "2026": "pending"}
    assert (mine.last_seq, mine.data_date, mine.age_days(date(2026, 12, 5))) == (
        2,
        date(2026, 11, 1),
        34,
    )
    # A month later the official annual report is overdue.
    _periods, later = track(district, 2026, today=date(2027, 1, 11))
    assert next(w for w in later if w.code == "00167").states["2026"] == "missing"


def test_open_conflicts_are_counted(district, ward, tmp_path):
    from tests.exchange import session_in_conflict

    introduce(district, ward)
    session_in_conflict(district, ward, tmp_path)
    _periods, wards = track(district, 2026, today=date(2026, 12, 5))
    mine = next(w for w in wards if w.code == "00167")
    assert mine.open_conflicts == 1
    assert mine.last_seq is not None and mine.data_date is not None


def test_a_ward_that_restored_an_old_database_is_counted_as_a_rollback(district, ward, tmp_path):
    """The database alone restored from a backup (keys and counters kept): its next bundle
    carries versions the district already holds newer copies of."""
    import shutil

    from app.db.store import Store

    introduce(district, ward)
    session = svc.create(ward, "sessions", f.session_data(attendees=10))
    _send(district, ward, tmp_path, "1.tcb")
    ward.close()
    shutil.copy(ward.folder.db, tmp_path / "backup.db")
    ward = Store.open(ward.folder.root)
    svc.update(ward, "sessions", session["uuid"], {"attendees": 20})
    _send(district, ward, tmp_path, "2.tcb")
    ward.close()
    shutil.copy(tmp_path / "backup.db", ward.folder.db)
    ward = Store.open(ward.folder.root)
    try:
        [outcome] = import_bundles(district, [export_bundle(ward, tmp_path / "3.tcb").path])
    finally:
        ward.close()
    assert outcome.status == "imported" and "rollback" in outcome.warnings
    _periods, wards = track(district, 2026, today=date(2026, 12, 5))
    mine = next(w for w in wards if w.code == "00167")
    assert (mine.rollbacks, mine.last_seq, mine.open_conflicts) == (1, 3, 0)
