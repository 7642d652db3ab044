"""A long report tells how far it has come and can be stopped: building it counts the rows read
(or the measures counted) against a total known up front, writing it counts the rows measured
and the pages drawn; a stop raised from the progress call ends the work and leaves no file."""

import pytest

from app.reports.engine import Request, build_report
from app.reports.export import save_report
from app.reports.pdf import write_pdf
from app.reports.progress import EVERY, Tally
from tests.report_helpers import TODAY, demo_ward

SESSIONS = 2 * EVERY + 50  # enough rows for progress on the way, not just at the end
PERIOD = "2025-01-01..2026-12-31"  # every day of the demo data


class Stop(Exception):
    pass


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    store = demo_ward(tmp_path_factory.mktemp("ward") / "w", sessions=SESSIONS, cases=60)
    yield store
    store.close()


def build(store, name, progress=None):
    request = Request(name, PERIOD, today=TODAY, language="vi")
    return build_report(store, request, progress)


def recorder():
    calls = []
    return calls, lambda done, total: calls.append((done, total))


def test_building_a_list_counts_its_rows_against_a_total_known_up_front(store):
    calls, progress = recorder()
    report = build(store, "sessions-log", progress)
    # Its two parts (direct sessions, other forms) read one listing; total rows are not read.
    rows = sum(len(section.rows) - 1 for section in report.sections)
    assert rows == SESSIONS
    assert len(calls) >= 3  # on the way, not only once it is over
    assert {total for _done, total in calls} == {SESSIONS}
    assert [done for done, _total in calls] == sorted(done for done, _total in calls)
    assert calls[-1] == (SESSIONS, SESSIONS)


def test_the_logbook_counts_every_team_s_cases_on_one_scale(store):
    calls, progress = recorder()
    report = build(store, "mediation-logbook", progress)
    assert len(report.sections) > 1  # one section per team
    assert calls[-1][0] == calls[-1][1] >= 60
    assert len({total for _done, total in calls}) == 1


def test_a_statistics_report_counts_its_measures(store):
    calls, progress = recorder()
    build(store, "pbgdpl-stats", progress)
    assert len(calls) > 3 and all(0 < done <= total for done, total in calls)
    assert calls[-1][0] == calls[-1][1]


def test_a_stop_ends_the_building_and_the_store_stays_usable(store):
    def stop(done, total):
        if done:
            raise Stop

    with pytest.raises(Stop):
        build(store, "sessions-log", stop)
    assert sum(len(section.rows) for section in build(store, "sessions-log").sections) == (
        SESSIONS + 2  # and each part's total
    )


def test_writing_a_pdf_counts_rows_measured_then_pages_drawn(store, tmp_path):
    report = build(store, "sessions-log")
    calls, progress = recorder()
    pages = write_pdf(report, tmp_path / "log.pdf", progress)
    total = calls[-1][1]
    assert calls[-1] == (total, total) and total >= SESSIONS
    done = [d for d, _t in calls]
    assert done == sorted(done)
    # Measuring tells before any page is drawn, drawing once a page.
    measured = [d for d in done if d <= SESSIONS]
    assert len(measured) >= 2 and len(done) - len(measured) >= pages - 1


@pytest.mark.parametrize("when", ["measuring", "drawing"])
def test_a_stopped_pdf_leaves_no_file(store, tmp_path, when):
    report = build(store, "sessions-log")

    def stop(done, total):
        if (when == "measuring") or done > total // 2:
            raise Stop

    with pytest.raises(Stop):
        write_pdf(report, tmp_path / "log.pdf", stop)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt", ["pdf", "xlsx", "csv"])
def test_every_format_tells_its_progress_and_a_stop_leaves_no_file(store, tmp_path, fmt):
    report = build(store, "sessions-log")
    calls, progress = recorder()
    save_report(report, tmp_path / f"log.{fmt}", fmt, progress)
    assert len(calls) >= 2 and calls[-1][0] == calls[-1][1]
    (tmp_path / f"log.{fmt}").unlink()

    def stop(done, total):
        if done >= EVERY:
            raise Stop

    with pytest.raises(Stop):
        save_report(report, tmp_path / f"log.{fmt}", fmt, stop)
    assert list(tmp_path.iterdir()) == []  # neither the file nor its partial copy


def test_a_tally_reports_every_so_often_and_at_the_end():
    calls, progress = recorder()
    tally = Tally(progress, total=450, every=200)
    for _item in tally.counted(range(450)):
        pass
    tally.finish()
    assert calls == [(200, 450), (400, 450), (450, 450)]
    calls.clear()
    estimate_too_high = Tally(progress, total=10)
    estimate_too_high.add(4)
    estimate_too_high.finish()
    assert calls == [(10, 10)]
