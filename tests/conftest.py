"""Shared fixtures: fresh ward and district folders, and the hypothesis profiles."""

import os

# GUI tests run without a screen; set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from hypothesis import HealthCheck, settings

from app.services.setup import set_up
from tests.server_databases import new_district, server_url

# CI runs few examples; `-m slow` tests ask for more themselves.
settings.register_profile(
    "ci", max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=60, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# The report tests' demo and edge wards (module-scoped: each test module builds its own).
pytest_plugins = ["tests.report_fixtures"]

WARD_CODE = "00167"
OFFICER = "Nguyễn Thị Hà"


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch, tmp_path):
    # Tests never touch the real user data folder, and messages default to Vietnamese.
    monkeypatch.setenv("TIEPCAN_DATA_DIR", str(tmp_path / "default-data"))
    monkeypatch.delenv("TIEPCAN_LANG", raising=False)
    # No test inherits the language another one chose (a window's language switch, say).
    monkeypatch.setattr("app.i18n._current", None)


@pytest.fixture
def ward(tmp_path):
    result = set_up(tmp_path / "ward", "ward", WARD_CODE, province="01", officer=OFFICER)
    yield result.store
    result.store.close()


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "sqlite_only: the district stays an SQLite file under TIEPCAN_TEST_POSTGRES (backups, "
        "restore, the crash harness, a damaged file: things a server database does not have)",
    )


@pytest.fixture
def district(request, tmp_path):
    """A district set up in tmp_path; under TIEPCAN_TEST_POSTGRES (tests/server_databases.py) on
    a PostgreSQL database of its own, unless the test is marked sqlite_only."""
    on_server = server_url() is not None and request.node.get_closest_marker("sqlite_only") is None
    root = tmp_path / "district"
    if on_server:
        result = new_district(root, officer="Lê Văn Tâm", cleanup=request.addfinalizer)
    else:
        result = set_up(root, "district", "01", name="Sở Tư pháp Hà Nội", officer="Lê Văn Tâm")
    yield result.store
    result.store.close()
