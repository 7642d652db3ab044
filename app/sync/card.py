"""The public card an installation hands to its peer: unit, role and public keys, signed with
its own minisign key. The fingerprint read aloud over the phone is what makes it trusted."""

import json

from app.canonical import canonical_bytes
from app.errors import N_, TiepCanError
from app.services.audit import now_iso
from app.sync import strictjson
from app.sync.keys import KeyFolder, PublicKeys, key_id_from_line
from app.text import clean_line
from app.units import PROVINCE_CODE, WARD_CODE

CARD_FORMAT = "tiepcan-card"
CARD_FIELDS = frozenset(
    {
        "format",
        "format_version",
        "role",
        "unit",
        "key_id",
        "minisign_public",
        "age_recipient",
        "created_at",
    }
)


def card_comment(role: str, code: str) -> str:
    return f"tiepcan card role={role} unit={code}"


def make_card(installation: dict, keys: KeyFolder) -> bytes:
    public = keys.public()
    card = {
        "format": CARD_FORMAT,
        "format_version": 1,
        "role": installation["role"],
        "unit": {
            "code": installation["unit_code"],
            "name": clean_line(installation["unit_name"]),
            "province": installation["province_code"],
        },
        "key_id": public.key_id,
        "minisign_public": public.minisign_public,
        "age_recipient": public.age_recipient,
        "created_at": now_iso(),
    }
    signature = keys.secret_key().sign(
        canonical_bytes(card),
        prehash=True,
        trusted_comment=card_comment(installation["role"], installation["unit_code"]),
    )
    document = {"card": card, "signature": bytes(signature).decode("ascii") + "\n"}
    return (
        json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8") + b"\n"
    )


def _invalid() -> TiepCanError:
    return TiepCanError(N_("This file is not a valid TiepCan key card."))


def read_card(data: bytes) -> tuple[dict, PublicKeys]:
    """The card's fields and keys, once its self-signature checks out."""
    import minisign
    import pyrage

    try:
        document = strictjson.loads(data, max_depth=4)
    except ValueError:
        raise _invalid() from None
    if not isinstance(document, dict) or set(document) != {"card", "signature"}:
        raise _invalid()
    card, signature_text = document["card"], document["signature"]
    if (
        not isinstance(card, dict)
        or set(card) != CARD_FIELDS
        or not isinstance(signature_text, str)
    ):
        raise _invalid()
    if card["format"] != CARD_FORMAT or card["format_version"] != 1:
        raise _invalid()
    unit = card["unit"]
    if card["role"] not in ("ward", "district") or not isinstance(unit, dict):
        raise _invalid()
    if set(unit) != {"code", "name", "province"} or not all(
        isinstance(v, str) for v in unit.values()
    ):
        raise _invalid()
    code_format = WARD_CODE if card["role"] == "ward" else PROVINCE_CODE
    if not code_format.fullmatch(unit["code"]) or not PROVINCE_CODE.fullmatch(unit["province"]):
        raise _invalid()
    try:
        public_key = minisign.PublicKey.from_base64(card["minisign_public"])
        signature = minisign.Signature.from_bytes(signature_text.encode("ascii"))
        public_key.verify(canonical_bytes(card), signature)
        key_id = key_id_from_line(card["minisign_public"])
        pyrage.x25519.Recipient.from_str(card["age_recipient"])
    except Exception:  # any defect of a foreign file is the same refusal
        raise TiepCanError(N_("The key card's signature does not match its content.")) from None
    if key_id != card["key_id"] or signature.trusted_comment != card_comment(
        card["role"], unit["code"]
    ):
        raise TiepCanError(N_("The key card's signature does not match its content."))
    return card, PublicKeys(key_id, card["minisign_public"], card["age_recipient"])
