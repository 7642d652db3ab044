"""The two wards the report figure tests count over, built once per test module: plain demo
data, and demo data with hand-made edge records on top. Import the fixtures by name."""

import pytest

from tests.report_helpers import Records, demo_ward, edge_ward


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    store = demo_ward(tmp_path_factory.mktemp("reports") / "demo")
    yield store, Records(store)
    store.close()


@pytest.fixture(scope="module")
def edges(tmp_path_factory):
    store, made = edge_ward(tmp_path_factory.mktemp("reports") / "edges")
    yield store, Records(store), made
    store.close()


@pytest.fixture(params=["demo", "edges"])
def ward_records(request, demo, edges):
    chosen = demo if request.param == "demo" else edges
    return chosen[0], chosen[1]
