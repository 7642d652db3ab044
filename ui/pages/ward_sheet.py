"""The printed confirmation of a ward's key registration: what the district registered (ward, key
id, fingerprint, generation, when and by whom), with lines for both officers' signatures. The
ward files it beside its own key sheet; the HTML is built here, apart from any printer."""

from datetime import date
from html import escape

from app.i18n import format_day
from app.sync.wards import WardEntry, local_day
from ui.strings import _


def confirmation_html(office: dict, ward: WardEntry, key: dict, today: date | None = None) -> str:
    """`office` is the district's installation row (unit_name, unit_code); `key` one of the
    ward's keys as `province_wards` gives them."""
    day = format_day((today or date.today()).isoformat())
    # Each text through _() on its own: the catalog extractor does not look inside f-strings.
    title = _("Confirmation of a ward's key registration")
    office_label, ward_label, key_label = _("Registering office"), _("Ward"), _("Key id")
    fingerprint_label, generation_label = _("Fingerprint"), _("Key generation")
    registered_label, by_label = _("Registered on"), _("Registered by")
    date_label, revoked_label = _("Date"), _("Revoked on")
    statement = _(
        "The fingerprint above was read out by the ward's officer by telephone and matched the ward's key card before the key was registered. From the registration date, this office accepts the ward's bundles signed with this key."
    )
    district_sign = _("For the registering office")
    ward_sign = _("For the ward")
    sign_hint = _("(signature and full name)")
    rows = [
        (office_label, f"<b>{escape(office['unit_name'])}</b> ({escape(office['unit_code'])})"),
        (ward_label, f"<b>{escape(ward.name)}</b> ({escape(ward.code)})"),
        (key_label, f"<b><tt>{escape(key['key_id'])}</tt></b>"),
        (generation_label, str(key["generation"])),
        (registered_label, format_day(local_day(key["registered_at"]))),
        (by_label, escape(key["registered_by"] or "")),
    ]
    if key["revoked"]:
        rows.append(
            (revoked_label, f"<b>{format_day(local_day(key['revoked_at']))}</b>"),
        )
    table = "".join(
        f"<tr><td style='padding:4px 16px 4px 0'>{escape(label)}</td><td>{value}</td></tr>"
        for label, value in rows
    )
    signatures = "".join(
        f"<td width='50%' align='center'><b>{escape(who)}</b><br><i>{escape(sign_hint)}</i>"
        "<br><br><br><br><br>____________________________</td>"
        for who in (district_sign, ward_sign)
    )
    return (
        f"<h2>{escape(title)}</h2>"
        f"<p>{escape(date_label)}: {day}</p>"
        f"<table cellspacing='0'>{table}</table>"
        f"<p>{escape(fingerprint_label)}:</p>"
        f"<p style='font-size:20pt'><b><tt>{escape(key['fingerprint'])}</tt></b></p>"
        f"<p>{escape(statement)}</p>"
        f"<br><table width='100%' cellspacing='0'><tr>{signatures}</tr></table>"
    )
