"""`tiepcan move-to-server --database URL` (issue #17): a district's SQLite file copied into an
empty PostgreSQL database, counted, then switched. The refusals that need no server run
everywhere; the rest under TIEPCAN_TEST_POSTGRES (tests/server_databases.py)."""

import json
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from app.cli.main import run
from app.db import postgres
from app.db.store import Store
from app.demo import fill_demo_data
from app.services import records as svc
from app.sync.export import export_bundle
from app.sync.importer import import_bundles
from tests import factories as f
from tests.exchange import introduce, session_in_conflict
from tests.server_databases import create_database, drop_database, server_url

needs_server = pytest.mark.skipif(
    server_url() is None, reason="no PostgreSQL server (set TIEPCAN_TEST_POSTGRES)"
)
# Every district here starts as an SQLite file, whatever TIEPCAN_TEST_POSTGRES says.
pytestmark = pytest.mark.sqlite_only
SERVER = "postgresql://tiepcan@10.0.0.5/tiepcan_01"  # never reached: refused before


@pytest.fixture(autouse=True)
def _in_english(monkeypatch):
    monkeypatch.setattr("app.i18n._current", "en")


@pytest.fixture
def database(request):
    """An empty server database of the test's own."""
    url = create_database()
    request.addfinalizer(lambda: drop_database(url))
    return url


def tiepcan(*args: str) -> int:
    return run(list(args))


def one_line(capsys) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err


def move(folder: Path, url: str) -> int:
    return tiepcan("move-to-server", "--database", url, "--data-dir", str(folder))


def answer(capsys, *args: str):
    assert tiepcan(*args) == 0, capsys.readouterr().err
    return capsys.readouterr().out


# -- without a server ----------------------------------------------------------------------


def test_a_ward_is_not_moved(ward, capsys):
    root = ward.folder.root
    ward.close()
    assert move(root, SERVER) == 1
    assert "district" in one_line(capsys)
    assert (root / "tiepcan.db").is_file() and not (root / "database.url").exists()


def test_a_url_with_a_password_is_refused(district, capsys):
    root = district.folder.root
    district.close()
    assert move(root, "postgresql://tiepcan:secret@10.0.0.5/tiepcan_01") == 1
    assert "PGPASSWORD" in one_line(capsys)
    assert (root / "tiepcan.db").is_file() and not (root / "database.url").exists()


# -- with a server -------------------------------------------------------------------------


def _district_with_history(district: Store, ward: Store, folder: Path) -> str:
    """Two imported bundles of demo data, an open conflict (a PC restored from a backup), its
    import undo-able, receipts written. Closes `ward`; returns the folder of receipts."""
    introduce(district, ward)
    fill_demo_data(ward, sessions=25, cases=15, people=10, seed=3)
    assert import_bundles(district, [export_bundle(ward, folder / "0.tcb").path])[0].status == (
        "imported"
    )
    session_in_conflict(district, ward, folder)  # closes the ward
    receipts = folder / "receipts"
    receipts.mkdir()
    return str(receipts)


@needs_server
def test_a_district_moves_and_answers_the_same(district, ward, database, tmp_path, capsys):
    root, ward_root = district.folder.root, ward.folder.root
    receipts = _district_with_history(district, ward, tmp_path)
    district.close()
    at = ("--data-dir", str(root))
    assert "00167-2.tcr" in answer(capsys, "bundle", "receipts", "--out", receipts, *at)
    views = [("status", "--json"), ("conflicts", "list", "--json"), ("trust", "list", "--json")]
    before = [answer(capsys, *view, *at) for view in views]
    assert json.loads(before[1])["conflicts"][0]["status"] == "open"
    reports = {}
    for name in ("pbgdpl-stats", "mediation-stats", "sessions-log"):
        out = tmp_path / f"{name}-before.csv"
        answer(
            capsys, "report", name, "--period", "2026", "--format", "csv", "--out", str(out), *at
        )
        reports[name] = out.read_bytes()

    assert move(root, database) == 0, capsys.readouterr().err
    said = capsys.readouterr().out
    assert "cases:" in said and "record_versions:" in said and "search_people:" in said
    assert (root / "database.url").read_text().strip() == database
    assert not (root / "tiepcan.db").exists()
    [kept] = root.glob("tiepcan-before-server-*.db")
    assert kept.with_suffix(".txt").is_file() and str(kept.name) in said

    with Store.open(root) as moved:
        assert moved.on_server
    assert [answer(capsys, *view, *at) for view in views] == before
    for name, content in reports.items():
        out = tmp_path / f"{name}-after.csv"
        answer(
            capsys, "report", name, "--period", "2026", "--format", "csv", "--out", str(out), *at
        )
        assert out.read_bytes() == content, name
    assert answer(capsys, "check", *at)

    # The import that raised the conflict is undone on the server as it would have been in the
    # file; a further bundle imports (new rows draw ids past the copied ones).
    assert "undone" in answer(capsys, "bundle", "undo", "00167", *at)
    assert json.loads(answer(capsys, "conflicts", "list", "--json", *at))["conflicts"] == []
    counts = json.loads(before[0])["counts"]["00167"]
    with Store.open(ward_root) as ward:
        svc.create(ward, "sessions", f.session_data(attendees=12))
        bundle = export_bundle(ward, tmp_path / "next.tcb").path
    answer(capsys, "bundle", "import", str(bundle), *at)
    after = json.loads(answer(capsys, "status", "--json", *at))["counts"]["00167"]
    assert after == {**counts, "sessions": counts["sessions"] + 1}


@needs_server
def test_a_database_not_empty_is_refused(district, database, capsys):
    root = district.folder.root
    district.close()
    engine = postgres.make_engine(database)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE their_own (id INTEGER)"))
    engine.dispose()
    assert move(root, database) == 1
    assert "createdb" in one_line(capsys)
    assert (root / "tiepcan.db").is_file() and not (root / "database.url").exists()


@needs_server
def test_counts_that_differ_leave_nothing_on_the_server(
    district, ward, database, tmp_path, capsys, monkeypatch
):
    introduce(district, ward)
    fill_demo_data(ward, sessions=5, cases=5, people=5, seed=1)
    import_bundles(district, [export_bundle(ward, tmp_path / "0.tcb").path])
    root = district.folder.root
    district.close()
    copy_rows = postgres.copy_rows

    def one_row_lost(connection, table, columns, rows):
        rows = list(rows)
        return copy_rows(connection, table, columns, rows[:-1] if table.name == "cases" else rows)

    monkeypatch.setattr(postgres, "copy_rows", one_row_lost)
    assert move(root, database) == 1
    assert "cases" in one_line(capsys)
    assert (root / "tiepcan.db").is_file() and not (root / "database.url").exists()
    assert not list(root.glob("tiepcan-before-server-*"))
    engine = postgres.make_engine(database)
    with engine.connect() as connection:
        assert inspect(connection).get_table_names() == []  # the schema went back too
    engine.dispose()
    monkeypatch.setattr(postgres, "copy_rows", copy_rows)
    assert move(root, database) == 0, capsys.readouterr().err  # and it can be tried again
