"""Districts on PostgreSQL in the tests (issue #17).

Set TIEPCAN_TEST_POSTGRES to the URL of a database the test user may connect to and create
databases from (`postgresql:///postgres?host=/tmp/pgsock`, say): the `district` fixture and
`new_district` then set each test's district up in a database of its own, made for it and
dropped after it. Unset, every district is an SQLite file, as before."""

import itertools
import os
import time
from pathlib import Path

from sqlalchemy.engine import make_url

from app.services.setup import set_up

SERVER_ENV = "TIEPCAN_TEST_POSTGRES"
_numbers = itertools.count(1)


def server_url() -> str | None:
    return os.environ.get(SERVER_ENV) or None


def _admin():
    import psycopg

    url = make_url(server_url())
    parameters = {"dbname": url.database, "user": url.username, "host": url.host, "port": url.port}
    parameters.update({key: value for key, value in url.query.items() if isinstance(value, str)})
    return psycopg.connect(
        **{key: value for key, value in parameters.items() if value is not None}, autocommit=True
    )


def create_database() -> str:
    """A fresh, empty database; its URL."""
    name = f"tiepcan_test_{os.getpid()}_{next(_numbers)}"
    with _admin() as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return make_url(server_url()).set(database=name).render_as_string(hide_password=False)


def drop_database(url: str) -> None:
    """Drop a test's database, ending what still holds it open. An autovacuum worker on it can
    be ended only by a member of pg_signal_backend: without that, wait for it to finish."""
    import psycopg

    name = make_url(url).database
    for _attempt in range(50):
        try:
            with _admin() as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            return
        except psycopg.errors.InsufficientPrivilege:
            time.sleep(0.1)
    raise RuntimeError(f"test database {name} could not be dropped")


def new_district(root: Path, code="01", name="Sở Tư pháp Hà Nội", officer="", *, cleanup=None):
    """set_up of a district: on a fresh server database under TIEPCAN_TEST_POSTGRES (dropped by
    `cleanup`, a finaliser registrar such as request.addfinalizer), else in an SQLite file."""
    if server_url() is not None:
        url = create_database()
        if cleanup is not None:
            cleanup(lambda: drop_database(url))
        root.mkdir(parents=True, exist_ok=True)
        (root / "database.url").write_text(url + "\n", encoding="utf-8")
    return set_up(root, "district", code, name=name, officer=officer)
