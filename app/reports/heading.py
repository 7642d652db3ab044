"""The words around the table (NĐ 30/2020): the issuing unit, the place, the signers, and the
line that names the reporting period."""

from sqlalchemy import Connection, text

from app.db.store import Store
from app.errors import N_
from app.i18n import gettext
from app.reports import listings
from app.reports.definitions import Definition
from app.reports.periods import Period

_DIVISION_PREFIXES = ("Phường ", "Xã ", "Đặc khu ", "Thị trấn ", "Thành phố ", "Tỉnh ")


def place_of(connection: Connection, store: Store) -> str:
    """Where the document is issued: the unit's name without its kind ("Phường Cầu Giấy" →
    "Cầu Giấy"); at a district, the province's."""
    if store.role == "district":
        row = connection.execute(
            text("SELECT name FROM admin_units WHERE code = :code"),
            {"code": store.installation["province_code"]},
        ).first()
        name = row[0] if row else store.installation["unit_name"]
    else:
        name = store.installation["unit_name"]
    for prefix in _DIVISION_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


PREPARER = N_("PREPARED BY")
WARD_SIGNER = (N_("ON BEHALF OF THE PEOPLE'S COMMITTEE"), N_("CHAIRMAN"))
DISTRICT_SIGNER = N_("HEAD OF THE OFFICE")


def default_signer(store: Store, language: str) -> str:
    if store.role == "ward":
        return "\n".join(gettext(line, language) for line in WARD_SIGNER)
    return gettext(DISTRICT_SIGNER, language)


def unit_lines(store: Store, language: str) -> tuple[str, ...]:
    name = store.installation["unit_name"]
    if store.role == "ward":
        return (gettext(N_("PEOPLE'S COMMITTEE"), language), name.upper())
    return (name.upper(),)


def period_line(period: Period, definition: Definition, language: str) -> str:
    def t(msgid):
        return gettext(msgid, language)

    start, end = listings.day(period.start.isoformat()), listings.day(period.end.isoformat())
    if definition.kind == "list" or not period.has_estimate:
        names = {
            "half": N_("6 months of {year}"),
            "preliminary_year": N_("year {year}, preliminary"),
            "year": N_("year {year}"),
        }
        span = t(N_("from {start} to {end}")).format(start=start, end=end)
        if period.kind in names:
            return t(N_("Reporting period: {name} ({span})")).format(
                name=t(names[period.kind]).format(year=period.start.year), span=span
            )
        return t(N_("Reporting period: {span}")).format(span=span)
    name = t(N_("6 months of {year}") if period.kind == "half" else N_("year {year}, preliminary"))
    return t(
        N_(
            "Reporting period: {name} (actual data {start} to {actual_end}; estimate {estimate_start} to {end})"
        )
    ).format(
        name=name.format(year=period.start.year),
        start=start,
        actual_end=listings.day(period.actual_end.isoformat()),
        estimate_start=listings.day(period.estimate_start.isoformat()),
        end=end,
    )
