"""Several operators at one PostgreSQL district (issue #17): imports of different wards run side
by side; two of the same ward queue behind that ward's lock, the second saying it waits and
never giving up; the figures equal an SQLite district's fed the same bundles; who else is
working is kept in `presence`. Two PCs are two data folders naming one database, each command a
process of its own, as on two desks. The tests that need a server run under
TIEPCAN_TEST_POSTGRES (tests/server_databases.py); the rest run everywhere."""

import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import select, update

from app.db import postgres
from app.i18n import gettext as _
from app.models import metadata
from app.services import presence
from app.services import records as svc
from app.services.setup import set_up
from app.sync.export import export_bundle
from app.sync.importer import bundle_files, import_bundles
from app.sync.trust import export_card, show_keys, trust_card
from tests.exchange import introduce, table_rows
from tests.report_helpers import demo_ward
from tests.server_databases import new_district, server_url

needs_server = pytest.mark.skipif(
    server_url() is None, reason="no PostgreSQL server (set TIEPCAN_TEST_POSTGRES)"
)
ROOT = Path(__file__).resolve().parent.parent
WARDS = {"00167": 1, "00160": 2}  # code: demo seed
KINDS = ("sessions", "cases", "people", "teams", "trainings")
# `tiepcan` in a process of its own; SLOW_MERGE_SECONDS makes its merge hold the ward's lock
# that long (a big bundle, without building one), MERGE_GATE until that file exists.
RUNNER = """
import os, sys, time
import app.sync.importer as importer
pause = float(os.environ.get("SLOW_MERGE_SECONDS") or 0)
gate = os.environ.get("MERGE_GATE")
merge = importer.merge_bundle
def slow_merge(*args, **kwargs):
    time.sleep(pause)
    deadline = time.monotonic() + 120
    while gate and not os.path.exists(gate) and time.monotonic() < deadline:
        time.sleep(0.05)
    return merge(*args, **kwargs)
importer.merge_bundle = slow_merge
from app.cli.main import run
sys.exit(run(sys.argv[1:]))
"""


def tiepcan(
    folder: Path, *args: str, slow: float = 0, gate: Path | None = None
) -> subprocess.Popen:
    environment = {**os.environ, "SLOW_MERGE_SECONDS": str(slow), "MERGE_GATE": str(gate or "")}
    environment.pop("TIEPCAN_LANG", None)  # Vietnamese, the default
    return subprocess.Popen(
        [sys.executable, "-c", RUNNER, *args, "--data-dir", str(folder)],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finished(process: subprocess.Popen, timeout: float = 120) -> tuple[str, str]:
    out, err = process.communicate(timeout=timeout)
    assert process.returncode == 0, err
    return out, err


def second_pc(district, folder: Path) -> Path:
    """Another PC joined to the same database: its own data folder, the same keys and URL."""
    shutil.copytree(district.folder.root, folder)
    return folder


def ward_lock_held(url: str, code: str) -> bool:
    engine = postgres.make_engine(url)
    try:
        with engine.connect() as connection:
            return bool(
                connection.exec_driver_sql(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
                    " AND classid = %s AND objid = %s AND objsubid = 2",
                    (postgres.WARD_LOCK_SPACE, postgres.ward_key(code)),
                ).scalar()
            )
    finally:
        engine.dispose()


def wait_until(condition, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "waited too long"
        time.sleep(0.05)


@pytest.fixture
def wards(tmp_path):
    made = {
        code: demo_ward(tmp_path / code, code=code, seed=seed, sessions=40, cases=30, people=20)
        for code, seed in WARDS.items()
    }
    yield made
    for store in made.values():
        store.close()


def folders_of_bundles(wards: dict, root: Path) -> dict[str, Path]:
    """Each ward's bundle in a folder of its own, named as an export names it."""
    folders = {}
    for code, store in wards.items():
        folders[code] = root / f"stick-{code}"
        folders[code].mkdir()
        export_bundle(store, folders[code])
    return folders


def status_counts(folder: Path) -> dict:
    process = tiepcan(folder, "status", "--json")
    out, _err = finished(process)
    return json.loads(out)["counts"]


def live_counts(ward) -> dict:
    process = tiepcan(ward.folder.root, "status", "--json")
    out, _err = finished(process)
    return json.loads(out)["counts"][ward.unit_code]


# -- with a server -------------------------------------------------------------------------


@needs_server
def test_imports_of_different_wards_run_together_and_lose_nothing(request, tmp_path, wards, capsys):
    district = new_district(tmp_path / "pc-1", cleanup=request.addfinalizer).store
    request.addfinalizer(district.close)
    for ward in wards.values():
        introduce(district, ward)
    other = second_pc(district, tmp_path / "pc-2")
    sticks = folders_of_bundles(wards, tmp_path)
    first_code, second_code = WARDS
    gate = tmp_path / "gate"
    slow = tiepcan(district.folder.root, "bundle", "import", str(sticks[first_code]), gate=gate)
    try:
        wait_until(lambda: ward_lock_held(district.database_url, first_code))
        # The second ward goes in, whole, while the first is held in the middle of its merge.
        quick = tiepcan(other, "bundle", "import", str(sticks[second_code]))
        try:
            _out, err = finished(quick, timeout=60)
        finally:
            quick.kill()
        assert err == ""  # it never waited
    finally:
        gate.touch()
    finished(slow)
    expected = {code: live_counts(ward) for code, ward in wards.items()}
    assert status_counts(other) == expected
    for code in wards:  # every record once, tombstones included
        held = table_rows(district, code)
        assert {kind: sum(not row[2] for row in held[kind]) for kind in KINDS} == expected[code]
        assert all(len({row[0] for row in held[kind]}) == len(held[kind]) for kind in KINDS)


@needs_server
def test_two_imports_of_one_ward_queue_and_the_second_says_it_waits(
    request, tmp_path, wards, capsys
):
    """The first holds the ward for 11 s: more than the 10 s a command gives a locked database.
    The second waits its turn, says so once, then imports: the same as one after the other."""
    code = "00167"
    ward = wards[code]
    district = new_district(tmp_path / "pc-1", cleanup=request.addfinalizer).store
    request.addfinalizer(district.close)
    introduce(district, ward)
    other = second_pc(district, tmp_path / "pc-2")
    first = export_bundle(ward, tmp_path / f"{code}-1.tcb").path
    sessions = metadata.tables["sessions"]
    with ward.read() as connection:
        uuid = connection.execute(select(sessions.c.uuid).limit(1)).scalar()
    svc.update(ward, "sessions", uuid, {"attendees": 321})
    second = export_bundle(ward, tmp_path / f"{code}-2.tcb").path

    slow = tiepcan(district.folder.root, "bundle", "import", str(first), "--json", slow=11)
    wait_until(lambda: ward_lock_held(district.database_url, code))
    # While it runs, the other PC sees who imports what.
    shown = presence.others(district)
    assert [o.activity for o in shown] == [f"importing {code}"]
    queued = tiepcan(other, "bundle", "import", str(second), "--json")
    out, err = finished(queued, timeout=180)
    first_out, _first_err = finished(slow)  # (it may end after: its journal line comes last)
    assert err == _("Waiting… (someone else is importing ward {ward})").format(ward=code) + "\n"
    outcomes = [json.loads(first_out)["bundles"][0], json.loads(out)["bundles"][0]]
    assert [o["status"] for o in outcomes] == ["imported", "imported"]
    assert [o["warnings"] for o in outcomes] == [[], []]  # the second found the first: no gap
    assert outcomes[1]["counts"]["sessions"]["updated"] == 1
    assert presence.others(district) == []  # both commands removed their rows

    # One after the other into an SQLite district gives the very same records.
    alone = set_up(tmp_path / "alone", "district", "01", name="Sở Tư pháp Hà Nội").store
    request.addfinalizer(alone.close)
    trust_card(alone, export_card(ward), show_keys(ward)["fingerprint"])
    shutil.rmtree(alone.folder.keys)
    shutil.copytree(district.folder.keys, alone.folder.keys)  # the same district, keys and all
    assert [o.status for o in import_bundles(alone, [first, second])] == ["imported"] * 2
    assert table_rows(district, code) == table_rows(alone, code)


@needs_server
def test_figures_after_concurrent_imports_equal_an_sqlite_districts(request, tmp_path, wards):
    district = new_district(tmp_path / "pc-1", cleanup=request.addfinalizer).store
    request.addfinalizer(district.close)
    alone = set_up(tmp_path / "alone", "district", "01", name="Sở Tư pháp Hà Nội").store
    request.addfinalizer(alone.close)
    shutil.rmtree(alone.folder.keys)
    shutil.copytree(district.folder.keys, alone.folder.keys)
    for ward in wards.values():
        introduce(district, ward)
        trust_card(alone, export_card(ward), show_keys(ward)["fingerprint"])
    other = second_pc(district, tmp_path / "pc-2")
    sticks = folders_of_bundles(wards, tmp_path)
    first_code, second_code = WARDS
    both = [
        tiepcan(district.folder.root, "bundle", "import", str(sticks[first_code]), slow=1),
        tiepcan(other, "bundle", "import", str(sticks[second_code]), slow=1),
    ]
    for process in both:
        finished(process)
    files = bundle_files(alone, list(sticks.values()))
    assert [o.status for o in import_bundles(alone, files)] == ["imported"] * 2
    for name in ("pbgdpl-stats", "mediation-stats"):
        printed = []
        for folder in (other, alone.folder.root):
            out = tmp_path / f"{name}-{folder.name}.csv"
            args = ["report", name, "--period", "2026", "--format", "csv", "--out", str(out)]
            finished(tiepcan(folder, *args))
            printed.append(out.read_bytes())
        assert printed[0] == printed[1], name
        assert len(printed[0].splitlines()) > 2


@needs_server
def test_presence_rows_appear_and_go_stale(district, tmp_path):
    assert district.on_server
    here = presence.announce(district, "printing pbgdpl-stats")
    other = type(district).open(second_pc(district, tmp_path / "pc-2"))
    try:
        there = presence.announce(other, "")
        seen = presence.others(other, there)
        assert [(o.id, o.officer, o.activity) for o in seen] == [
            (here, "Lê Văn Tâm", "printing pbgdpl-stats")
        ]
        assert presence.others_text(seen) == _("Also working now: {names}").format(
            names="Lê Văn Tâm (" + _("printing {what}").format(what="pbgdpl-stats") + ")"
        )
        assert [o.id for o in presence.others(district, here)] == [there]
        # A PC switched off: its row is not seen for 2 minutes and is no longer shown.
        table = metadata.tables["presence"]
        long_ago = "2020-01-01T00:00:00Z"
        with district.write() as connection:
            connection.execute(update(table).where(table.c.id == here).values(last_seen=long_ago))
        assert presence.others(other, there) == []
        # Its next heartbeat shows it again; leaving removes the row.
        assert presence.heartbeat(district, here, "importing 00167") == here
        assert [o.activity for o in presence.others(other, there)] == ["importing 00167"]
        presence.leave(district, here)
        assert presence.others(other, there) == []
    finally:
        other.close()


@needs_server
def test_a_ward_lock_waits_without_giving_up_and_says_so_once(district, monkeypatch):
    monkeypatch.setattr(postgres, "LOCK_TIMEOUT", "200ms")
    engine, held, told = district.engine, threading.Event(), []

    def hold_the_ward_for_a_while():
        with postgres.transaction(engine, write=True, exclusive=False) as holder:
            postgres.ward_lock(holder, "00167")
            held.set()
            time.sleep(1.6)

    holder = threading.Thread(target=hold_the_ward_for_a_while)
    holder.start()
    assert held.wait(30)
    with postgres.transaction(engine, write=True, exclusive=False) as other:
        postgres.ward_lock(other, "00160", told.append)  # another ward: at once
    assert told == []
    started = time.monotonic()
    with postgres.transaction(engine, write=True, exclusive=False) as waiter:
        postgres.ward_lock(waiter, "00167", told.append)
    assert time.monotonic() - started >= 1.0  # well past the 200 ms lock_timeout: no give-up
    holder.join()
    assert told == ["00167"]


@needs_server
def test_a_write_to_every_ward_waits_for_the_imports_and_they_for_it(district, monkeypatch):
    """Registering or revoking a key, settings: exclusive, so no import runs half before and
    half after them; an import holds the write lock shared."""
    from app.errors import StoreLocked

    monkeypatch.setattr(postgres, "LOCK_TIMEOUT", "200ms")
    with postgres.transaction(district.engine, write=True, exclusive=False) as importing:
        postgres.ward_lock(importing, "00167")
        with postgres.transaction(district.engine, write=True, exclusive=False):
            pass  # another ward's import, the journal, a presence row: at once
        with pytest.raises(StoreLocked), postgres.transaction(district.engine, write=True):
            pass
    all_wards = postgres.transaction(district.engine, write=True)
    an_import = postgres.transaction(district.engine, write=True, exclusive=False)
    with all_wards, pytest.raises(StoreLocked), an_import:
        pass


@needs_server
def test_the_dashboard_shows_another_operator_and_the_window_keeps_its_row(
    qtbot, district, tmp_path, monkeypatch
):
    from ui.main_window import MainWindow
    from ui.settings_store import UiSettings

    monkeypatch.setattr("app.i18n._current", "en")
    other = type(district).open(second_pc(district, tmp_path / "pc-2"))
    try:
        there = presence.announce(other, "importing 00167")
        window = MainWindow(district, UiSettings(district.folder.root))
        qtbot.addWidget(window)
        window.show()
        page = window.pages["dashboard"]
        qtbot.waitUntil(page.others_line.isVisible, timeout=20_000)
        assert page.others_line.text() == "Also working now: Lê Văn Tâm (importing ward 00167)"
        # The other PC sees this window's row; it goes when the window lets the database go.
        qtbot.waitUntil(lambda: window.presence.presence_id is not None, timeout=20_000)
        assert [o.activity for o in presence.others(other, there)] == [""]
        presence.leave(other, there)
        window.presence.beat()
        qtbot.waitUntil(lambda: not page.others_line.isVisible(), timeout=20_000)
        qtbot.waitUntil(lambda: window.presence._task is None, timeout=20_000)
        window.release_store()
        assert presence.others(other) == []
    finally:
        other.close()


@needs_server
def test_the_inbox_shows_that_its_import_waits_for_another_operator(
    qtbot, district, ward, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QMainWindow

    from ui.pages.inbox import InboxPage
    from ui.settings_store import UiSettings

    monkeypatch.setattr("app.i18n._current", "en")
    introduce(district, ward)
    bundle = export_bundle(ward, tmp_path / "00167-1.tcb").path
    host = QMainWindow()
    page = InboxPage(district, UiSettings(district.folder.root), host)
    host.setCentralWidget(page)
    qtbot.addWidget(host)
    host.show()
    page.add_paths([bundle])
    qtbot.waitUntil(lambda: page._task is None and len(page.items) == 1, timeout=20_000)
    held, release = threading.Event(), threading.Event()

    def another_operator_imports_the_ward():
        with postgres.transaction(district.engine, write=True, exclusive=False) as connection:
            postgres.ward_lock(connection, "00167")
            held.set()
            release.wait(30)

    operator = threading.Thread(target=another_operator_imports_the_ward)
    operator.start()
    try:
        assert held.wait(30)
        page.import_now()
        waiting = "Waiting… (someone else is importing ward 00167)"
        qtbot.waitUntil(lambda: page.summary.text() == waiting, timeout=20_000)
        assert page.progress.format() == waiting and page._task is not None
    finally:
        release.set()
        operator.join()
    qtbot.waitUntil(lambda: page._task is None, timeout=30_000)
    assert page.items[0].imported.status == "imported"


# -- everywhere ----------------------------------------------------------------------------


def test_an_sqlite_installation_keeps_no_presence(tmp_path):
    store = set_up(tmp_path / "d", "district", "01", name="Sở Tư pháp Hà Nội").store
    try:
        assert presence.announce(store, "importing 00167") is None
        assert presence.others(store) == []
        with presence.present(store, "importing 00167") as presence_id:
            assert presence_id is None
        with store.read() as connection:
            assert connection.execute(select(metadata.tables["presence"].c.id)).all() == []
    finally:
        store.close()
