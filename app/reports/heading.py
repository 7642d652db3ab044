"""The words around the table (NĐ 30/2020): the issuing unit, the place, the signers, and the
line that names the reporting period."""

from sqlalchemy import Connection, select

from app.db.store import Store
from app.errors import N_
from app.i18n import gettext
from app.models import AdminUnit, TrustedDistrict
from app.reports import listings
from app.reports.definitions import Definition
from app.reports.periods import Period

_DIVISION_PREFIXES = ("Phường ", "Xã ", "Đặc khu ", "Thị trấn ", "Thành phố ", "Tỉnh ")
# A division's kind in English, after its name (as "Hà Nội City", "Cầu Giấy Ward"): proper
# names, not translated through the catalogue.
_ENGLISH_KINDS = {
    "Phường ": "Ward", "Xã ": "Commune", "Đặc khu ": "Special Zone", "Thị trấn ": "Township",
    "Thành phố ": "City", "Tỉnh ": "Province",
}  # fmt: skip


_units = AdminUnit.__table__
_district = TrustedDistrict.__table__


def place_of(connection: Connection, store: Store) -> str:
    """Where the document is issued: the unit's name without its kind ("Phường Cầu Giấy" →
    "Cầu Giấy"); at a district, the province's."""
    if store.role == "district":
        row = connection.execute(
            select(_units.c.name).where(_units.c.code == store.installation["province_code"])
        ).first()
        name = row[0] if row else store.installation["unit_name"]
    else:
        name = store.installation["unit_name"]
    return without_kind(name)


def without_kind(name: str) -> str:
    """A unit's name without its kind: "Phường Ba Đình" → "Ba Đình"."""
    kind = next((prefix for prefix in _DIVISION_PREFIXES if name.startswith(prefix)), "")
    return name[len(kind) :] or name


PREPARER = N_("PREPARED BY")
WARD_SIGNER = (N_("ON BEHALF OF THE PEOPLE'S COMMITTEE"), N_("CHAIRMAN"))
DISTRICT_SIGNER = N_("HEAD OF THE OFFICE")


def default_signer(store: Store, language: str) -> str:
    if store.role == "ward":
        return "\n".join(gettext(line, language) for line in WARD_SIGNER)
    return gettext(DISTRICT_SIGNER, language)


BLANK = "……………"  # a field the form asks for and no record holds: written in by hand


def unit_head(
    connection: Connection, store: Store, settings: dict, language: str
) -> tuple[tuple[str, ...], tuple[bool, ...]]:
    """The issuing unit, top left, and which of its lines are bold (NĐ 30/2020). A ward's
    People's Committee issues in its own name, "ỦY BAN NHÂN DÂN" over "PHƯỜNG …", both bold.
    A district's office names its parent body above it in regular type ("ỦY BAN NHÂN DÂN
    THÀNH PHỐ HÀ NỘI" over "SỞ TƯ PHÁP"): the setting, or the province's People's Committee;
    the office's own name is printed without the place its parent already names."""
    name = store.installation["unit_name"]
    if store.role == "ward":
        return (gettext(N_("PEOPLE'S COMMITTEE"), language), name.upper()), (True, True)
    parent = str(settings.get("reports.parent_body") or "") or default_parent(
        connection, store, language
    )
    if not parent:
        return (name.upper(),), (True,)
    return (parent.upper(), without_shared_tail(name, parent).upper()), (False, True)


def default_parent(connection: Connection, store: Store, language: str) -> str:
    """The People's Committee of the district's province, from the shipped unit list
    ("Ủy ban nhân dân thành phố Hà Nội", "Ủy ban nhân dân tỉnh Cao Bằng"); "" if not listed."""
    row = connection.execute(
        select(_units.c.name).where(
            _units.c.code == store.installation.get("province_code"),
            _units.c.level == "province",
        )
    ).first()
    if row is None:
        return ""
    return gettext(COMMITTEE_OF, language).format(unit=_with_kind(row[0], language))


COMMITTEE_OF = N_("People's Committee of {unit}")


def _with_kind(name: str, language: str) -> str:
    """A province's name with its kind: "Thành phố Hà Nội", "Cao Bằng" → "Tỉnh Cao Bằng"."""
    if not name.startswith(_DIVISION_PREFIXES):
        name = "Tỉnh " + name
    return _in_phrase(name, language)


def without_shared_tail(name: str, parent: str) -> str:
    """`name` without the words at its end that also end `parent`: under "Ủy ban nhân dân
    thành phố Hà Nội", "Sở Tư pháp Hà Nội" is "Sở Tư pháp". A name that would keep fewer
    than two words stays whole."""
    words, above = name.split(), parent.casefold().split()
    shared = 0
    while (
        shared < min(len(words), len(above)) and words[-1 - shared].casefold() == above[-1 - shared]
    ):
        shared += 1
    return " ".join(words[: len(words) - shared]) if shared and len(words) - shared >= 2 else name


FORM_NUMBER = "reports.form_number."  # + the report's name, or "<name>/<part>" (1-based)


def form_number_key(definition: Definition, part: int | None = None) -> str:
    return FORM_NUMBER + definition.name + (f"/{part}" if part else "")


def numbered_forms(definitions, language: str) -> list[tuple[str, str]]:
    """(setting key, the form's short name) of every numbered form the reports print: each part of
    a report filed as several forms, else the report. The numbers of the 2025 forms were not
    obtained (domain.md §6): the office types the one its receiving unit prescribes."""
    forms = []
    for definition in definitions:
        if definition.form is None or definition.form.number is None:
            continue
        if definition.parts:
            for number, part in enumerate(definition.parts, start=1):
                forms.append((form_number_key(definition, number), part.sheet(language)))
        else:
            short = definition.form.short or definition.title
            forms.append((form_number_key(definition), short(language)))
    return forms


def form_band(
    connection: Connection,
    store: Store,
    definition: Definition,
    settings: dict,
    language: str,
    part: int | None = None,
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A statistical form's band at the top: its number and the circular issuing it (left),
    the reporting and receiving units (right). Nothing for a document that is no form.
    `part`: the band of that form (1-based) of a report filed as several."""
    form = definition.form
    if form is None:
        return (), ()

    def t(msgid):
        return gettext(msgid, language)

    left = []
    if form.number is not None:
        # Typed in the report settings, else the definition's (blank: dots, for the pen).
        number = str(settings.get(form_number_key(definition, part)) or "").strip()
        number = number or form.number
        left.append(t(N_("Form No. {number}")).format(number=number or BLANK))
    if form.circular is not None:
        left.append(form.circular(language))
    name = store.installation["unit_name"]
    reporting = (
        gettext(COMMITTEE_OF, language).format(unit=_in_phrase(name, language))
        if store.role == "ward"
        else name
    )
    receiving = str(settings.get("reports.receiving_unit") or "") or trusted_district_name(
        connection, store
    )
    right = (
        t(N_("Reporting unit: {unit}")).format(unit=reporting),
        t(N_("Receiving unit: {unit}")).format(unit=receiving or BLANK),
    )
    return tuple(left), right


def _in_phrase(name: str, language: str) -> str:
    """A unit's name inside a phrase: in Vietnamese its kind in lower case ("Ủy ban nhân dân
    phường Cầu Giấy", "… thành phố Hà Nội"); in English its kind in English after the name
    ("People's Committee of Hà Nội City"), not a Vietnamese word amid English ones."""
    kind = next((prefix for prefix in _DIVISION_PREFIXES if name.startswith(prefix)), None)
    if kind is None:
        return name
    if language == "vi":
        return name[0].lower() + name[1:]
    return f"{without_kind(name)} {_ENGLISH_KINDS[kind]}"


def trusted_district_name(connection: Connection, store: Store) -> str:
    """A ward sends its reports to the district it trusts: that district's name."""
    if store.role != "ward":
        return ""
    row = connection.execute(select(_district.c.district_name).where(_district.c.id == 1)).first()
    return (row[0] or "") if row else ""


def period_line(
    period: Period, definition: Definition, language: str, estimated: bool = True
) -> str:
    """ "Kỳ báo cáo: …": the period's name, then its dates in one pair of parentheses. A list
    runs to the period's last day; a statistical form counts actual data to the period's
    actual end, and names an estimate part only when it has estimate cells to fill (not
    `estimated`: a form of the report that has none, as the teams and mediators)."""

    def t(msgid):
        return gettext(msgid, language)

    start, end = listings.day(period.start.isoformat()), listings.day(period.end.isoformat())
    names = {
        "half": N_("6 months of {year}"),
        "preliminary_year": N_("preliminary report, year {year}"),
        "year": N_("year {year}"),
    }
    name = t(names[period.kind]).format(year=period.start.year) if period.kind in names else ""
    actual_end = listings.day(period.actual_end.isoformat())
    if definition.kind == "list" or not period.has_estimate:
        span = t(N_("from {start} to {end}")).format(start=start, end=end)
    elif definition.estimates and estimated:
        span = t(N_("actual data {start} to {actual_end}; estimate {estimate_start} to {end}"))
        span = span.format(
            start=start,
            actual_end=actual_end,
            estimate_start=listings.day(period.estimate_start.isoformat()),
            end=end,
        )
    else:  # a form without estimate cells: its actual data only, no estimate named
        span = t(N_("actual data {start} to {actual_end}")).format(
            start=start, actual_end=actual_end
        )
    if name:
        return t(N_("Reporting period: {name} ({span})")).format(name=name, span=span)
    return t(N_("Reporting period: {span}")).format(span=span)
