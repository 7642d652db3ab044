"""A few names in the shipped unit list carry two spaces ("Phường  Rạch Dừa"). A ward set up
from the list, or set up before the names were cleaned, must still send bundles its district
reads (the manifest admits only clean one-line text)."""

from sqlalchemy import text

from app.services import records as svc
from app.services.setup import set_up
from app.sync.export import export_bundle
from app.sync.importer import import_bundles
from app.units import shipped_units
from tests import factories as f
from tests.exchange import introduce


def test_every_shipped_name_is_clean_text():
    from app.text import clean_line

    assert all(unit.name == clean_line(unit.name) for unit in shipped_units())


def test_a_ward_named_with_two_spaces_is_read_by_its_district(tmp_path):
    district = set_up(tmp_path / "district", "district", "79", name="Sở Tư pháp").store
    ward = set_up(tmp_path / "ward", "ward", "26536").store  # its name from the unit list
    try:
        assert ward.installation["unit_name"] == "Phường Rạch Dừa"
        # An installation set up before the list was cleaned keeps the double space.
        with ward.write() as connection:
            connection.execute(text("UPDATE installation SET unit_name = 'Phường  Rạch Dừa'"))
        introduce(district, ward)
        svc.create(ward, "sessions", f.session_data())
        [outcome] = import_bundles(district, [export_bundle(ward, tmp_path / "1.tcb").path])
        assert outcome.status == "imported", outcome.reason
        assert outcome.ward_name == "Phường Rạch Dừa"
    finally:
        ward.close()
        district.close()
