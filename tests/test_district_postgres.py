"""A district on PostgreSQL (issue #17): `init district --database URL [--keys FILE]`, the keys
backup, status/check/backup on a server database, the error lines, and PostgreSQL's half of the
query layer. The tests that need a server run under TIEPCAN_TEST_POSTGRES (tests/
server_databases.py); the rest run everywhere."""

import io
import json
import os
import pty
import shutil
import time
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import String, insert, literal, select
from sqlalchemy.engine import make_url

from app.cli.main import run
from app.db import postgres
from app.db.migrate import needs_upgrade, upgrade_to_head
from app.db.schema import SCHEMA_HEAD
from app.db.specific import specific
from app.i18n import gettext
from app.models import metadata
from app.sync.keys import KeyFolder
from tests.server_databases import create_database, drop_database, server_url

needs_server = pytest.mark.skipif(
    server_url() is None, reason="no PostgreSQL server (set TIEPCAN_TEST_POSTGRES)"
)
PASSPHRASE = "ba con mèo trèo cây cau"


@pytest.fixture
def database(request):
    """An empty server database of the test's own."""
    url = create_database()
    request.addfinalizer(lambda: drop_database(url))
    return url


@pytest.fixture
def at_head(database):
    upgrade_to_head(database, Path("/nonexistent"), None)
    engine = postgres.make_engine(database)
    yield engine
    engine.dispose()


def tiepcan(*args: str) -> int:
    return run(list(args))


def one_line(capsys) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err


# -- without a server ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://officer:secret@10.0.0.5/tiepcan",
        "postgresql://officer@10.0.0.5/tiepcan?password=secret",
        "mysql://officer@10.0.0.5/tiepcan",
        "postgresql://officer@10.0.0.5",
    ],
)
def test_a_url_with_a_password_or_not_postgresql_is_refused(tmp_path, capsys, url):
    folder = tmp_path / "d"
    args = ["init", "district", "--code", "01", "--name", "X", "--database", url]
    assert tiepcan(*args, "--data-dir", str(folder)) == 1
    err = one_line(capsys)
    assert "secret" not in err
    assert not folder.exists()


def test_database_is_for_a_district_and_keys_need_it(tmp_path, capsys):
    ward = ["init", "ward", "--code", "00167", "--database", "postgresql://u@h/db"]
    assert tiepcan(*ward, "--data-dir", str(tmp_path / "w")) == 1
    one_line(capsys)
    keys_alone = ["init", "district", "--code", "01", "--name", "X", "--keys", "k.age"]
    assert tiepcan(*keys_alone, "--data-dir", str(tmp_path / "d")) == 1
    one_line(capsys)


def _backup_keys(folder: Path, out: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("TIEPCAN_KEYS_PASSPHRASE", PASSPHRASE)
    assert tiepcan("keys", "backup", "--out", str(out), "--data-dir", str(folder)) == 0
    capsys.readouterr()


def test_keys_backup_holds_the_keys_encrypted_with_the_passphrase(
    ward, tmp_path, monkeypatch, capsys
):
    import pyrage

    out = tmp_path / "keys.age"
    _backup_keys(ward.folder.root, out, monkeypatch, capsys)
    data = out.read_bytes()
    assert data.startswith(b"age-encryption.org/v1\n-> scrypt ")
    assert b"AGE-SECRET-KEY" not in data
    with pytest.raises(pyrage.DecryptError):
        pyrage.passphrase.decrypt(data, "not the passphrase")
    inside = zipfile.ZipFile(io.BytesIO(pyrage.passphrase.decrypt(data, PASSPHRASE)))
    assert sorted(inside.namelist()) == ["age.key", "minisign.key", "minisign.pub"]
    for name in inside.namelist():
        assert inside.read(name) == (ward.folder.keys / name).read_bytes()
    # A second backup never overwrites a file; a short passphrase is refused.
    assert tiepcan("keys", "backup", "--out", str(out), "--data-dir", str(ward.folder.root)) == 1
    one_line(capsys)
    monkeypatch.setenv("TIEPCAN_KEYS_PASSPHRASE", "short")
    other = tmp_path / "other.age"
    assert tiepcan("keys", "backup", "--out", str(other), "--data-dir", str(ward.folder.root)) == 1
    one_line(capsys)
    assert not other.exists()


def test_keys_backup_asks_at_a_terminal_without_the_variable(ward, tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("TIEPCAN_KEYS_PASSPHRASE", raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    typed = iter([PASSPHRASE, PASSPHRASE + "x"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(typed))
    out = tmp_path / "keys.age"
    assert tiepcan("keys", "backup", "--out", str(out), "--data-dir", str(ward.folder.root)) == 1
    one_line(capsys)  # the two passphrases differ
    assert not out.exists()
    typed = iter([PASSPHRASE, PASSPHRASE])
    assert tiepcan("keys", "backup", "--out", str(out), "--data-dir", str(ward.folder.root)) == 0


@pytest.mark.skipif(shutil.which("age") is None, reason="the age tool is not installed")
def test_the_age_tool_decrypts_the_keys_backup(ward, tmp_path, monkeypatch, capsys):
    """age asks for the passphrase on its terminal only: it is given one (a pty)."""
    out, plain = tmp_path / "keys.age", tmp_path / "keys.zip"
    _backup_keys(ward.folder.root, out, monkeypatch, capsys)
    pid, terminal = pty.fork()
    if pid == 0:  # the child: age, on the pty
        os.execvp("age", ["age", "--decrypt", "--output", str(plain), str(out)])
    said = b""
    deadline = time.monotonic() + 30
    while b"passphrase" not in said.lower() and time.monotonic() < deadline:
        said += os.read(terminal, 1024)
    os.write(terminal, PASSPHRASE.encode() + b"\n")
    while True:  # drain until age closes the terminal
        try:
            if not os.read(terminal, 1024):
                break
        except OSError:
            break
    _, status = os.waitpid(pid, 0)
    os.close(terminal)
    assert os.waitstatus_to_exitcode(status) == 0, said
    with zipfile.ZipFile(plain) as inside:
        assert inside.read("age.key") == (ward.folder.keys / "age.key").read_bytes()


# -- with a server -------------------------------------------------------------------------


@needs_server
def test_a_server_that_cannot_be_reached_or_a_missing_database_is_one_line(tmp_path, capsys):
    missing = make_url(server_url()).set(database="no_such_database_here")
    missing = missing.render_as_string(hide_password=False)
    for url in ("postgresql://tiepcan@127.0.0.1:1/x", missing):
        folder = tmp_path / str(abs(hash(url)))
        args = ["init", "district", "--code", "01", "--name", "X", "--database", url]
        assert tiepcan(*args, "--data-dir", str(folder)) == 1
        err = one_line(capsys)
        assert "Traceback" not in err
        assert not (folder / "database.url").exists()


@needs_server
def test_migrations_build_the_schema_on_postgresql(database):
    assert needs_upgrade(database) == (True, None)
    upgrade_to_head(database, Path("/nonexistent"), None)
    assert needs_upgrade(database) == (False, SCHEMA_HEAD)
    assert postgres.holds_our_schema(database)
    engine = postgres.make_engine(database)
    try:
        with postgres.transaction(engine, write=False) as connection:
            assert postgres.check_problems(connection) == []
            from alembic.autogenerate import compare_metadata
            from alembic.migration import MigrationContext

            from app.db.sqlite import is_search_table

            context = MigrationContext.configure(
                connection,
                opts={
                    "include_object": lambda obj, name, type_, reflected, other: (
                        not (type_ == "table" and is_search_table(name))
                    )
                },
            )
            assert compare_metadata(context, metadata) == []
    finally:
        engine.dispose()


@needs_server
def test_revisions_up_to_two_to_the_53_fit(at_head):
    versions = metadata.tables["record_versions"]
    top = 2**53 - 1
    with postgres.transaction(at_head, write=True) as connection:
        connection.execute(
            insert(versions).values(
                ward_code="00167", kind="cases", uuid="u", revision=top, content_sha256="0" * 64,
                deleted=False, first_seen_at="2026-01-01T00:00:00Z", rollback_warned=False,
                accepted_bundle_id=top,
            )
        )  # fmt: skip
        assert connection.execute(select(versions.c.revision)).scalar() == top


@needs_server
def test_the_postgresql_half_of_the_query_layer(at_head):
    versions, settings = metadata.tables["record_versions"], metadata.tables["settings"]
    columns = ("ward_code", "kind", "uuid", "revision", "content_sha256", "deleted",
               "first_seen_at", "rollback_warned")  # fmt: skip
    row = ("00167", "cases", "a", 1, "0" * 64, 0, "2026-01-01", 0)  # SQLite's 0/1 for booleans
    with postgres.transaction(at_head, write=True) as connection:
        engine_half = specific(connection)
        assert engine_half.name == "postgresql"
        engine_half.insert_many(connection, versions, columns, [row, (*row[:2], "b", *row[3:])])
        engine_half.insert_many(connection, versions, columns, [row], on_conflict="ignore")
        ids = engine_half.fetch_column(connection, select(versions.c.id).order_by(versions.c.id))
        assert len(ids) == 2
        engine_half.update_many(
            connection, versions, ["revision", "deleted"], "id", [(7, 1, ids[0])]
        )
        assert connection.execute(
            select(versions.c.revision, versions.c.deleted).where(versions.c.id == ids[0])
        ).one() == (7, True)
        engine_half.upsert(connection, settings, [{"key": "k", "value": "1"}], ["key"])
        engine_half.upsert(connection, settings, [{"key": "k", "value": "2"}], ["key"])
        assert connection.execute(select(settings.c.value)).scalar() == "2"
        drawn = engine_half.allocate_ids(connection, versions, 3)
        assert len(set(drawn)) == 3 and min(drawn) > max(ids)
        # search: every term a word prefix, best first; reindexing replaces
        engine_half.index_search(
            connection, "people", [(1, "nguyen van duc"), (2, "le thi ha")], True
        )
        engine_half.index_search(connection, "people", [(2, "le thi hoa ngoc")], False)

        def found(*terms):
            return [r[0] for r in connection.execute(engine_half.search_ids("people", terms))]

        assert found("ng") == [1, 2] or found("ng") == [2, 1]
        assert found("ng", "du") == [1]
        assert found("hoa") == [2] and found("ha") == []
        assert found("o'brien") == []  # a quote in a term is no syntax error
        engine_half.unindex_search(connection, "people", [1])
        assert found("ng") == [2]
        engine_half.clear_search(connection, "people")
        assert found("le") == []
        # expressions
        assert (
            connection.execute(
                select(engine_half.days_between("2026-03-01", "2026-02-01"))
            ).scalar()
            == 28
        )
        materials = '[{"copies": 5, "online": true}, {"copies": 2, "online": false}]'
        element = engine_half.json_elements(literal(materials, String)).alias("m")
        copies = engine_half.json_field(element.c.value, "copies")
        online = engine_half.json_field(element.c.value, "online")
        assert connection.execute(select(copies, online).select_from(element)).all() == [
            (5, 1), (2, 0)
        ]  # fmt: skip
    # two operators at once draw different ids from the sequence
    with at_head.connect() as first, at_head.connect() as second:
        a = specific(first).allocate_ids(first, versions, 2)
        b = specific(second).allocate_ids(second, versions, 2)
        assert not set(a) & set(b)
    specific(at_head).compact(at_head)


@needs_server
def test_writers_wait_for_each_other_then_give_up_with_store_locked(at_head, monkeypatch):
    from app.errors import StoreLocked

    monkeypatch.setattr(postgres, "LOCK_TIMEOUT", "200ms")
    with postgres.transaction(at_head, write=True):
        with pytest.raises(StoreLocked), postgres.transaction(at_head, write=True):
            pass
        with postgres.transaction(at_head, write=False) as reader:  # readers never wait
            reader.execute(select(metadata.tables["settings"].c.key)).all()


def _init(folder: Path, url: str, *more: str) -> int:
    return tiepcan(
        "init", "district", "--code", "01", "--name", "Sở Tư pháp Hà Nội", "--database", url,
        *more, "--data-dir", str(folder),
    )  # fmt: skip


@needs_server
def test_a_district_on_postgresql_end_to_end(database, tmp_path, capsys, monkeypatch):
    first, second = tmp_path / "first-pc", tmp_path / "second-pc"
    assert _init(first, database) == 0, capsys.readouterr().err
    assert "Sở Tư pháp Hà Nội" in capsys.readouterr().out
    assert (first / "database.url").read_text().strip() == database
    assert (first / "keys" / "age.key").is_file() and not (first / "tiepcan.db").exists()

    assert tiepcan("status", "--json", "--data-dir", str(first)) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["unit"] == {"role": "district", "code": "01", "name": "Sở Tư pháp Hà Nội"}
    assert tiepcan("check", "--data-dir", str(first)) == 0
    assert "PostgreSQL" in capsys.readouterr().out
    assert tiepcan("backup", "--data-dir", str(first)) == 1
    assert "pg_dump" in one_line(capsys)

    # The database is set up: a second `init` on it is refused, in a new folder too.
    assert _init(second, database) == 1
    one_line(capsys)
    assert not second.exists()
    assert _init(first, database) == 1
    one_line(capsys)

    # Another PC joins with the keys backup of the first.
    keys = tmp_path / "district-keys.age"
    _backup_keys(first, keys, monkeypatch, capsys)
    monkeypatch.setenv("TIEPCAN_KEYS_PASSPHRASE", "not the passphrase")
    assert _init(second, database, "--keys", str(keys)) == 1
    one_line(capsys)
    assert not (second / "database.url").exists()
    monkeypatch.setenv("TIEPCAN_KEYS_PASSPHRASE", PASSPHRASE)
    assert _init(second, database, "--keys", str(keys)) == 0, capsys.readouterr().err
    capsys.readouterr()
    shown = []
    for folder in (first, second):
        assert tiepcan("keys", "show", "--json", "--data-dir", str(folder)) == 0
        shown.append(json.loads(capsys.readouterr().out))
    assert shown[0] == shown[1]
    assert KeyFolder(second / "keys").public() == KeyFolder(first / "keys").public()


@needs_server
def test_joining_refuses_other_keys_and_a_database_not_set_up(
    database, tmp_path, capsys, monkeypatch
):
    assert tiepcan("init", "ward", "--code", "00167", "--data-dir", str(tmp_path / "w")) == 0
    foreign = tmp_path / "ward-keys.age"
    _backup_keys(tmp_path / "w", foreign, monkeypatch, capsys)
    # Not set up yet: nothing to join.
    assert _init(tmp_path / "x", database, "--keys", str(foreign)) == 1
    one_line(capsys)
    assert _init(tmp_path / "first", database) == 0
    capsys.readouterr()
    assert _init(tmp_path / "second", database, "--keys", str(foreign)) == 1
    wrong_keys = gettext(
        "These keys are not the keys of the district in {database}: use a keys backup made on a PC of this district."
    ).split("{database}")[0]
    assert one_line(capsys).startswith(wrong_keys)
    assert not (tmp_path / "second" / "keys").exists()


def test_postgresql_implements_every_method_of_the_interface():
    """app.db.specific grows as modules move to the query layer: PostgreSQL keeps up."""
    from app.db.specific import EngineSpecific
    from app.db.sqlite import SqliteSpecific

    wanted = {name for name in vars(EngineSpecific) if not name.startswith("_")}
    wanted |= set(EngineSpecific.__annotations__)
    assert wanted <= set(dir(postgres.PostgresSpecific))
    assert wanted <= set(dir(SqliteSpecific))


@needs_server
def test_an_import_at_a_server_district_makes_no_file_copy(district, ward, tmp_path, capsys):
    """The day's first import backs an SQLite district up; a server database has no file to copy
    (an empty tiepcan.db would appear beside database.url)."""
    from app.sync.export import export_bundle
    from tests.exchange import introduce

    assert district.on_server
    introduce(district, ward)
    bundle = export_bundle(ward, tmp_path / "b.tcb").path
    folder = str(district.folder.root)
    assert tiepcan("bundle", "import", str(bundle), "--data-dir", folder) == 0, capsys.readouterr()
    assert not district.folder.db.exists() and not district.folder.backups.exists()


@needs_server
def test_each_pc_on_a_server_district_signs_with_its_own_officer(
    database, tmp_path, capsys, monkeypatch
):
    """design.md §1: "who" is the officer name set at set-up or in Settings. Operators share
    the database, not their names: each PC keeps its own."""
    from app.db.store import Store
    from app.services.records import actor_for
    from app.services.setup import set_officer

    first, second = tmp_path / "first-pc", tmp_path / "second-pc"
    assert _init(first, database, "--officer", "Lê Văn Tâm") == 0, capsys.readouterr().err
    keys = tmp_path / "district-keys.age"
    _backup_keys(first, keys, monkeypatch, capsys)
    assert _init(second, database, "--keys", str(keys), "--officer", "Phạm Thu Hà") == 0
    with Store.open(first) as one, Store.open(second) as other:
        assert actor_for(one).officer == "Lê Văn Tâm"
        assert actor_for(other).officer == "Phạm Thu Hà"
        set_officer(other, "Phạm T. Hà")  # Settings on the second PC
        assert actor_for(other).officer == "Phạm T. Hà"
        assert actor_for(one).officer == "Lê Văn Tâm"
    # A PC that joined without a name signs with its OS user alone, not with another's name.
    third = tmp_path / "third-pc"
    assert _init(third, database, "--keys", str(keys)) == 0
    with Store.open(third) as store:
        assert actor_for(store).officer == ""
