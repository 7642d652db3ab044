"""The fixed words of an administrative document (NĐ 30/2020/NĐ-CP): the national motto, the
"<place>, ngày … tháng … năm …" line and the signature block's captions, in either language."""

from datetime import date

from app.i18n import N_, gettext

MOTTO = (N_("SOCIALIST REPUBLIC OF VIET NAM"), N_("Independence - Freedom - Happiness"))
SIGN_HINT = N_("(Signature, full name)")
SIGN_AND_SEAL_HINT = N_("(Signature, full name, seal)")


def motto(language: str) -> tuple[str, str]:
    return tuple(gettext(line, language) for line in MOTTO)


def place_and_date(place: str, day: date, language: str) -> str:
    """NĐ 30/2020: days below 10 and the months 1 and 2 take a leading zero."""
    if language == "vi":
        dd = f"{day.day:02d}"
        mm = f"{day.month:02d}" if day.month <= 2 else str(day.month)
        return f"{place}, ngày {dd} tháng {mm} năm {day.year}"
    from babel.dates import format_date

    return f"{place}, {format_date(day, 'd MMMM yyyy', locale='en_GB')}"
