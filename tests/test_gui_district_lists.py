"""At a district the lists hold every ward's records: a ward column and filter, search across
wards, and nothing to add, change or delete."""

import pytest
from PySide6.QtCore import Qt

from app.services import records as svc
from app.services.setup import set_up
from app.sync.export import export_bundle
from app.sync.importer import import_bundles
from tests import factories as f
from tests.exchange import introduce
from tests.gui_helpers import when_modal
from ui.main_window import MainWindow
from ui.settings_store import UiSettings


@pytest.fixture(autouse=True)
def _english(monkeypatch):
    monkeypatch.setattr("app.i18n._current", "en")


@pytest.fixture
def merged(tmp_path, district, ward):
    other = set_up(tmp_path / "ward2", "ward", "00070", province="01", officer="Phạm Thu").store
    try:
        for store, titles in (
            (ward, ["Luật Hòa giải ở cơ sở", "Luật Đất đai"]),
            (other, ["Luật Cư trú"]),
        ):
            introduce(district, store)
            svc.create_many(store, "sessions", [f.session_data(title=t) for t in titles])
            [outcome] = import_bundles(
                district, [export_bundle(store, tmp_path / f"{store.unit_code}.tcb").path]
            )
            assert outcome.status == "imported"
    finally:
        other.close()
    return district


def test_the_district_lists_every_wards_records_read_only(qtbot, merged):
    window = MainWindow(merged, UiSettings(merged.folder.root))
    qtbot.addWidget(window)
    window.show()
    window.navigation.setCurrentRow([k for k, _l in window.page_list].index("sessions"))
    page = window.pages["sessions"]
    assert page.model.total() == 3
    assert page.model.headerData(0, Qt.Orientation.Horizontal) == "Ward"
    wards = {page.model.data(page.model.index(row, 0)) for row in range(3)}
    assert wards == {"Phường Cầu Giấy", "Phường Hoàn Kiếm"}
    assert not page.new_button.isVisibleTo(page) and not page.delete_button.isVisibleTo(page)

    page.search.setText("cu tru")  # across wards, without diacritics
    qtbot.waitUntil(lambda: page.model.total() == 1)
    page.search.clear()
    qtbot.waitUntil(lambda: page.model.total() == 3)
    _caption, combo, _label, _source = page.filters.combos["ward"]
    combo.setCurrentIndex(combo.findData("00070"))
    qtbot.waitUntil(lambda: page.model.total() == 1)

    # Enter opens the record to read, with no Save; nothing can be changed.
    page.table.selectRow(0)
    seen = {}

    def look(dialog):
        seen["read_only"] = dialog.read_only
        seen["title"] = dialog.editors["title"].value()
        dialog.reject()

    errors = when_modal(qtbot, look)
    page.edit()
    assert not errors, errors
    assert seen == {"read_only": True, "title": "Luật Cư trú"}
