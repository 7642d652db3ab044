"""At a district, a report says how far each ward's data reaches: the day its newest accepted
bundle was made (a bundle accepted before migration 0008 gives the day it was accepted)."""

from sqlalchemy import Connection, func, select

from app.db.specific import OneOf
from app.errors import N_
from app.i18n import gettext
from app.models import AcceptedBundle
from app.text import display_date

_accepted = AcceptedBundle.__table__
_LATEST = (
    select(
        _accepted.c.ward_code,
        func.max(func.coalesce(_accepted.c.created_at, _accepted.c.accepted_at)),
    )
    .where(OneOf(_accepted.c.ward_code, "wards"))
    .group_by(_accepted.c.ward_code)
)


def data_dates(connection: Connection, wards: list[str]) -> dict[str, str]:
    """{ward code: ISO day} for the wards that sent anything."""
    rows = connection.execute(_LATEST, {"wards": list(wards)})
    return {code: latest[:10] for code, latest in rows if latest}


def data_dates_note(
    connection: Connection, wards: list[str], names: dict[str, str], language: str
) -> str:
    return data_dates_text(data_dates(connection, wards), wards, names, language)


def data_dates_text(
    dates: dict[str, str], wards: list[str], names: dict[str, str], language: str
) -> str:
    """The note, as short as the dates allow: most wards send on the same day, so that day is
    said once with how many wards it covers, and only the wards behind it (or with nothing
    yet) are named — a province's 126 wards, named one by one under every form, took a third
    of the page."""
    by_day: dict[str, list[str]] = {}
    for code in wards:
        by_day.setdefault(dates.get(code, ""), []).append(code)
    common = max((day for day in by_day if day), key=lambda day: len(by_day[day]), default="")
    parts = []
    if common and len(by_day[common]) > 1:
        covered = gettext(N_("{date} ({count} wards)"), language)
        parts.append(covered.format(date=display_date(common), count=len(by_day[common])))
    for code in wards:
        day = dates.get(code, "")
        if day and (day != common or len(by_day[common]) == 1):
            parts.append(f"{names.get(code, code)} {display_date(day)}")
    if by_day.get(""):
        missing = ", ".join(names.get(code, code) for code in by_day[""])
        parts.append(gettext(N_("nothing sent yet: {wards}"), language).format(wards=missing))
    return gettext(
        N_("Each ward's data as of the day its last bundle was made: {list}."), language
    ).format(list="; ".join(parts))
