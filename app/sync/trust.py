"""Keys and trust as services: show this installation's key, register a ward's key at the
district (with generations and revocation), trust the district at a ward."""

import json

from sqlalchemy import Connection, func, insert, select, update

from app.db.specific import specific
from app.db.store import Store
from app.errors import N_, TiepCanError
from app.models import AcceptedBundle, AuditEntry, TrustedDistrict, WardKey
from app.services.audit import now_iso
from app.services.records import actor_for
from app.sync.card import make_card, read_card
from app.sync.keys import KeyFolder, PublicKeys, normalise_fingerprint
from app.text import clean_line, display_date

_keys = WardKey.__table__
_accepted = AcceptedBundle.__table__
_audit = AuditEntry.__table__
_district = TrustedDistrict.__table__

# A revocation's reason has no column of its own in ward_keys; it is kept in the audit log under
# this kind, with the key id in place of a record's uuid (no record kind uses this name).
KEY_AUDIT_KIND = "ward_key"


def key_folder(store: Store) -> KeyFolder:
    return KeyFolder(store.folder.keys)


def own_keys(store: Store) -> PublicKeys:
    keys = key_folder(store)
    if not keys.exists():
        raise TiepCanError(N_("This installation has no keys in its keys folder."))
    return keys.public()


def show_keys(store: Store) -> dict:
    public = own_keys(store)
    return {"key_id": public.key_id, "fingerprint": public.fingerprint}


def export_card(store: Store) -> bytes:
    own_keys(store)
    return make_card(store.installation, key_folder(store))


def trust_card(
    store: Store, card_bytes: bytes, typed_fingerprint: str, replace: bool = False
) -> dict:
    """District: register a ward's key. Ward: trust the district. Returns what was registered."""
    card, public = read_card(card_bytes)
    check_fingerprint(public, typed_fingerprint)
    installation = store.installation
    if installation["role"] == "district":
        return _register_ward(store, card, public, replace)
    return _trust_district(store, card, public, replace)


def check_fingerprint(public: PublicKeys, typed_fingerprint: str) -> None:
    """The fingerprint read over the phone is what makes a card trusted: refuse any other."""
    if normalise_fingerprint(typed_fingerprint) != public.fingerprint:
        raise TiepCanError(
            N_("The fingerprint does not match this card. Check it again with the sender by phone.")
        )


def check_ward_card(store: Store, card: dict) -> None:
    """District: refuse a card that is not one of this province's wards' (before any typing)."""
    unit = card["unit"]
    if card["role"] != "ward":
        raise TiepCanError(N_("This card belongs to a district; a district registers ward cards."))
    if unit["province"] != store.unit_code:
        raise TiepCanError(
            N_("Ward {code} belongs to province {province}, not to this office ({own})."),
            code=unit["code"],
            province=unit["province"],
            own=store.unit_code,
        )


def check_key_unregistered(connection: Connection, key_id: str) -> None:
    """A key belongs to one ward, once: refuse one registered already, revoked or not."""
    holder = connection.execute(
        select(_keys.c.ward_code, _keys.c.revoked_at).where(_keys.c.key_id == key_id)
    ).first()
    if holder and holder[1]:
        raise TiepCanError(
            N_(
                "Key {key_id} of ward {code} was revoked on {date}; a revoked key cannot be registered again. The ward must make new keys."
            ),
            key_id=key_id,
            code=holder[0],
            date=display_date(holder[1][:10]),
        )
    if holder:
        raise TiepCanError(
            N_("Key {key_id} is already registered for ward {code}."),
            key_id=key_id,
            code=holder[0],
        )


def _register_ward(store: Store, card: dict, public: PublicKeys, replace: bool) -> dict:
    unit = card["unit"]
    check_ward_card(store, card)
    actor = actor_for(store)
    with store.write() as connection:
        check_key_unregistered(connection, public.key_id)
        latest = connection.execute(
            select(func.max(_keys.c.generation)).where(_keys.c.ward_code == unit["code"])
        ).scalar()
        if latest and not replace:
            raise TiepCanError(
                N_(
                    "Ward {code} already has a registered key. To register its new key, use --replace."
                ),
                code=unit["code"],
            )
        generation = (latest or 0) + 1
        connection.execute(
            insert(_keys).values(
                ward_code=unit["code"], ward_name=unit["name"], province_code=unit["province"],
                key_id=public.key_id, minisign_public=public.minisign_public,
                age_recipient=public.age_recipient, fingerprint=public.fingerprint,
                generation=generation, registered_at=now_iso(), registered_by=actor.who,
            )
        )  # fmt: skip
    return {
        "role": "ward",
        "code": unit["code"],
        "name": unit["name"],
        "key_id": public.key_id,
        "generation": generation,
    }


def _trust_district(store: Store, card: dict, public: PublicKeys, replace: bool) -> dict:
    unit = card["unit"]
    if card["role"] != "district":
        raise TiepCanError(N_("This card belongs to a ward; a ward trusts its district's card."))
    if unit["code"] != store.installation["province_code"]:
        raise TiepCanError(
            N_("This district's code is {code}, but this ward reports to province {province}."),
            code=unit["code"],
            province=store.installation["province_code"],
        )
    with store.write() as connection:
        current = connection.execute(select(_district.c.key_id)).first()
        if current and current[0] != public.key_id and not replace:
            raise TiepCanError(
                N_("A district is already trusted. To trust its new key, use --replace.")
            )
        # One row, id 1: trusting a new key replaces the district trusted before.
        specific(connection).upsert(
            connection,
            _district,
            [{
                "id": 1, "district_code": unit["code"], "district_name": unit["name"],
                "key_id": public.key_id, "minisign_public": public.minisign_public,
                "age_recipient": public.age_recipient, "fingerprint": public.fingerprint,
                "trusted_at": now_iso(), "trusted_by": actor_for(store).who,
            }],
            key=["id"],
        )  # fmt: skip
    return {"role": "district", "code": unit["code"], "name": unit["name"], "key_id": public.key_id}


def revoke_key(store: Store, key_id: str, reason: str = "") -> dict:
    """Revoke a ward's key (revoking it again changes nothing). The revocation, with its reason
    when one is given, is also written to the audit log."""
    key_id = key_id.strip().upper()
    reason = clean_line(reason)
    actor = actor_for(store)
    with store.write() as connection:
        row = connection.execute(
            select(_keys.c.ward_code, _keys.c.revoked_at).where(_keys.c.key_id == key_id)
        ).first()
        if row is None:
            raise TiepCanError(N_("No ward key {key_id} is registered here."), key_id=key_id)
        if row[1] is None:
            at = now_iso()
            connection.execute(
                update(_keys)
                .where(_keys.c.key_id == key_id)
                .values(revoked_at=at, revoked_by=actor.who)
            )
            connection.execute(
                insert(_audit).values(
                    at=at, officer=actor.officer, os_user=actor.os_user, kind=KEY_AUDIT_KIND,
                    record_uuid=key_id, ward_code=row[0], action="revoke", revision=0,
                    before=None,
                    after=json.dumps({"revoked_at": at, "reason": reason}, ensure_ascii=False),
                )
            )  # fmt: skip
    return {"key_id": key_id, "ward_code": row[0]}


def revocation_reasons(store: Store) -> dict[str, str]:
    """key id → the reason given when it was revoked ("" when none was given)."""
    with store.read() as connection:
        rows = connection.execute(
            select(_audit.c.record_uuid, _audit.c.after)
            .where(_audit.c.kind == KEY_AUDIT_KIND, _audit.c.action == "revoke")
            .order_by(_audit.c.id)
        ).all()
    return {key_id: json.loads(after or "{}").get("reason", "") for key_id, after in rows}


def trusted_district(store: Store) -> dict | None:
    with store.read() as connection:
        row = connection.execute(select(_district).where(_district.c.id == 1)).first()
    return dict(row._mapping) if row else None


def trust_list(store: Store) -> dict:
    """District: the registered wards, their keys and what was last accepted from each (design.md
    §4). Ward: the district it trusts, or None."""
    if store.role == "ward":
        district = trusted_district(store)
        if district is None:
            return {"district": None}
        return {
            "district": {
                "code": district["district_code"],
                "name": district["district_name"],
                "key_id": district["key_id"],
                "fingerprint": district["fingerprint"],
            }
        }
    with store.read() as connection:
        keys = connection.execute(
            select(_keys).order_by(_keys.c.ward_code, _keys.c.generation)
        ).all()
        accepted = connection.execute(
            select(
                _accepted.c.ward_code,
                _accepted.c.generation,
                _accepted.c.seq,
                _accepted.c.accepted_at,
            ).order_by(_accepted.c.id)
        ).all()
    last_of_key = {(a.ward_code, a.generation): a.seq for a in accepted}
    last_of_ward = {a.ward_code: a for a in accepted}  # the last accepted, in the order accepted
    wards: dict[str, dict] = {}
    for key in keys:
        last = last_of_ward.get(key.ward_code)
        ward = wards.setdefault(
            key.ward_code,
            {
                "code": key.ward_code,
                "name": key.ward_name,
                "keys": [],
                "last_seq": last.seq if last else None,
                "last_import_at": last.accepted_at if last else None,
            },
        )
        ward["name"] = key.ward_name  # the latest card's name
        ward["keys"].append(
            {
                "key_id": key.key_id,
                "fingerprint": key.fingerprint,
                "generation": key.generation,
                "registered_at": key.registered_at,
                "registered_by": key.registered_by,
                "revoked": key.revoked_at is not None,
                "revoked_at": key.revoked_at,
                "last_seq": last_of_key.get((key.ward_code, key.generation)),
            }
        )
    return {"wards": list(wards.values())}
