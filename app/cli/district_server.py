"""`tiepcan init district --database URL [--keys FILE]`: a district whose records live in a
PostgreSQL database that several operators share (design.md §1, §4).

The first PC sets the database up: its schema, the district's identity, and the public half of
the district's keys (setting `district.keys`), so that a later PC's keys can be checked against
it. Every other PC joins with a keys backup of the first (`tiepcan keys backup`): the same
district signs and decrypts the same way whichever PC an operator sits at."""

import json
from pathlib import Path

from sqlalchemy import select

from app.cli import keys_backup
from app.db import postgres
from app.db.store import Store
from app.errors import N_, SetupError
from app.models import Installation, Setting
from app.paths import DataDir
from app.services.setup import SetupResult, set_up, write_officer_file
from app.sync.keys import KeyFolder, PublicKeys
from app.sync.state import EMPTY_STATE, CounterState

KEYS_SETTING = "district.keys"  # the public half of the district's keys, as JSON


def _refuse_a_folder_set_up(folder: DataDir) -> None:
    if folder.db.exists() or folder.database_url.exists():
        raise SetupError(
            N_("This data folder is already set up: {folder}"), folder=str(folder.root)
        )


def _write_url(folder: DataDir, url: str) -> None:
    from app.files import write_file

    folder.root.mkdir(parents=True, exist_ok=True)
    write_file(folder.database_url, (url + "\n").encode("utf-8"))


def set_up_on_server(root: Path, url: str, code: str, name: str | None, officer: str):
    """The first PC: the schema in an empty database, the identity, the keys in the folder."""
    postgres.check_url(url)
    folder = DataDir(root)
    _refuse_a_folder_set_up(folder)
    if postgres.holds_our_schema(url):
        raise SetupError(
            N_(
                "The database {database} is already set up for TiepCan. To work on it from this PC, add --keys with a keys backup of the PC that set it up (tiepcan keys backup)."
            ),
            database=postgres.shown_url(url),
        )
    _write_url(folder, url)
    try:
        result = set_up(root, "district", code, name=name, officer=officer)
    except BaseException:
        folder.database_url.unlink(missing_ok=True)
        if postgres.holds_our_schema(url):
            postgres.drop_our_schema(url)
        raise
    _remember_public_keys(result, KeyFolder(folder.keys).public())
    return result


def public_keys_setting(keys: PublicKeys) -> str:
    """The value of KEYS_SETTING (also written by `move-to-server`, app.db.move)."""
    return json.dumps(
        {
            "key_id": keys.key_id,
            "minisign_public": keys.minisign_public,
            "age_recipient": keys.age_recipient,
        },
        sort_keys=True,
    )


def _remember_public_keys(result: SetupResult, keys: PublicKeys) -> None:
    value = public_keys_setting(keys)
    with result.store.write() as connection:
        connection.execute(Setting.__table__.insert().values(key=KEYS_SETTING, value=value))


def join_server(root: Path, url: str, code: str, keys_file: Path, officer: str = "") -> Store:
    """Another PC: the database is set up already; this folder gets its URL and the keys."""
    postgres.check_url(url)
    folder = DataDir(root)
    _refuse_a_folder_set_up(folder)
    installation, recorded = _what_the_database_holds(url)
    if installation is None:
        raise SetupError(
            N_(
                "The database {database} is not set up for TiepCan yet: set it up first with “tiepcan init district --database URL” without --keys."
            ),
            database=postgres.shown_url(url),
        )
    if installation.unit_code != code:
        raise SetupError(
            N_("The database {database} belongs to district {listed}, not {given}."),
            database=postgres.shown_url(url),
            listed=installation.unit_code,
            given=code,
        )
    files = keys_backup.read_backup(keys_file, keys_backup.passphrase(twice=False))
    keys = keys_backup.public_keys_of(files)
    if recorded is None or (keys.key_id, keys.age_recipient) != (
        recorded.get("key_id"),
        recorded.get("age_recipient"),
    ):
        raise SetupError(
            N_(
                "These keys are not the keys of the district in {database}: use a keys backup made on a PC of this district."
            ),
            database=postgres.shown_url(url),
        )
    created_keys = not folder.keys.exists()
    try:
        keys_backup.place(files, folder.keys)
        counters = CounterState(folder.state_file)
        if not counters.exists():
            counters.save(dict(EMPTY_STATE))
        write_officer_file(folder, officer)
        _write_url(folder, url)
        return Store.open(root)
    except BaseException:
        folder.database_url.unlink(missing_ok=True)
        folder.officer_file.unlink(missing_ok=True)
        if created_keys:
            import shutil

            shutil.rmtree(folder.keys, ignore_errors=True)
        raise


def _what_the_database_holds(url: str):
    """(the installation row or None, the recorded public keys or None)."""
    if not postgres.holds_our_schema(url):
        return None, None
    engine = postgres.make_engine(url)
    try:
        with postgres.transaction(engine, write=False) as connection:
            installation = connection.execute(
                select(Installation.__table__).where(Installation.__table__.c.id == 1)
            ).first()
            value = connection.execute(
                select(Setting.__table__.c.value).where(Setting.__table__.c.key == KEYS_SETTING)
            ).scalar()
    finally:
        engine.dispose()
    if installation is not None and installation.role != "district":
        installation = None
    return installation, json.loads(value) if value else None
