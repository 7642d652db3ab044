"""Small settings kept in the database (the `settings` table, JSON values): what reports need to
know that no record holds — the signer, the annual cut-off, legal-access thresholds, typed
estimates. They are bookkeeping: they never take a revision and never travel."""

import json

from sqlalchemy import Connection, delete, select

from app.db.specific import specific
from app.db.store import Store
from app.models import Setting

_settings = Setting.__table__

# Report settings and their defaults. Thresholds start unset: no pass/fail is shown until the
# officer sets one (domain.md §6: the threshold has no confirmed source).
DEFAULTS: dict[str, object] = {
    "reports.annual_cutoff": "10-31",  # app.reports.periods.ANNUAL_CUTOFFS
    "reports.place": "",  # "<place>, ngày … tháng … năm …"; blank: from the unit's name
    "reports.signer_title": "",  # blank: by role, "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH" at a ward
    "reports.signer_name": "",
    "reports.preparer_title": "",  # blank: "NGƯỜI LẬP BIỂU"
    # A district's parent body, above its own name (NĐ 30/2020); blank: the People's Committee
    # of the province in the unit list ("ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI" over "SỞ TƯ PHÁP").
    "reports.parent_body": "",
    # "Đơn vị nhận báo cáo" on a statistical form; blank: a ward's trusted district, else dots.
    "reports.receiving_unit": "",
    # Each team's logbooks are kept under "logbook.books.<team uuid>": a list of
    # {"number", "opened_on"} (app.reports.logbook); none: one book a calendar year.
    "legal_access.success_denominator": "concluded",  # or "received"
    "legal_access.threshold.success_rate": None,  # percent, e.g. 80
    "legal_access.threshold.timely_start": None,
    "legal_access.threshold.team_composition": None,
    "legal_access.threshold.propagandists_trained": None,
    # A ward that sends no case texts: titles travel as "Vụ việc số N", no narrative at all.
    "send.withhold_case_texts": False,
    # When a backup was last written off this PC (a USB stick): the overview reminds when old.
    "backup.last_copy_out": None,
}


def read_settings(connection: Connection, prefix: str = "") -> dict[str, object]:
    """Every setting whose key starts with `prefix`, defaults filled in."""
    values = {key: value for key, value in DEFAULTS.items() if key.startswith(prefix)}
    column = _settings.c.key
    rows = connection.execute(
        select(column, _settings.c.value).where(column >= prefix, column < prefix + "\U0010ffff")
    )
    for key, value in rows:
        values[key] = json.loads(value)
    return values


def get_settings(store: Store, prefix: str = "") -> dict[str, object]:
    with store.read() as connection:
        return read_settings(connection, prefix)


def put_settings(store: Store, values: dict[str, object]) -> None:
    """Store settings in one transaction; a value of None removes the key (back to default)."""
    with store.write() as connection:
        for key, value in values.items():
            if value is None:
                connection.execute(delete(_settings).where(_settings.c.key == key))
            else:
                row = {"key": key, "value": json.dumps(value, ensure_ascii=False)}
                specific(connection).upsert(connection, _settings, [row], ["key"])
