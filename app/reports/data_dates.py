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
    dates = data_dates(connection, wards)
    parts = [
        f"{names.get(code, code)} {display_date(dates[code]) if code in dates else '—'}"
        for code in wards
    ]
    return gettext(
        N_("Each ward's data as of the day its last bundle was made: {list}."), language
    ).format(list="; ".join(parts))
