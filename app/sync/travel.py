"""What a record looks like on its way to the district (design.md §3): the sync fields and the
data minus personal data, as one canonical JSON line; and the check of such a line on arrival."""

import re
from dataclasses import replace
from functools import cache

from app.canonical import canonical_bytes
from app.errors import N_, Msg, RecordError
from app.services.fields import TEXT_LIMIT, Spec, normalise_object
from app.services.kinds import KINDS
from app.services.rows import Stored
from app.sync.errors import BundleError
from app.sync.manifest import TIMESTAMP

RECORD_KEYS = frozenset(
    {"uuid", "ward_code", "revision", "updated_at", "deleted", "content_sha256", "data"}
)
# The narrative of a non-public mediation stays at the ward (Luật HGCS Điều 17).
PRIVATE_NARRATIVE = ("summary", "agreement")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_SHA = re.compile(r"[0-9a-f]{64}")


def _blank_personal(specs: tuple[Spec, ...], data: dict) -> dict:
    out = dict(data)
    for spec in specs:
        if spec.personal:
            out[spec.name] = spec.empty
        elif spec.type == "objects" and any(s.personal for s in spec.fields):
            out[spec.name] = [_blank_personal(spec.fields, item) for item in data[spec.name]]
    return out


def travelling_data(kind_name: str, data: dict) -> dict:
    kind = KINDS[kind_name]
    out = _blank_personal(kind.fields, data)
    if kind_name == "cases" and not data["public"]:
        for name in PRIVATE_NARRATIVE:
            out[name] = None
    return out


def record_line(kind_name: str, record: Stored) -> bytes:
    line = {
        "uuid": record.uuid,
        "ward_code": record.ward_code,
        "revision": record.revision,
        "updated_at": record.updated_at,
        "deleted": record.deleted,
        "content_sha256": record.content_sha256,
        "data": travelling_data(kind_name, record.data),
    }
    return canonical_bytes(line) + b"\n"


# -- arrival ---------------------------------------------------------------------------------


def _optional(spec: Spec) -> Spec:
    """The travel form of a field: personal data arrives blank, so it cannot be required."""
    fields = tuple(_optional(s) for s in spec.fields)
    return replace(spec, required=spec.required and not spec.personal, fields=fields)


@cache
def travel_specs(kind_name: str) -> tuple[Spec, ...]:
    return tuple(_optional(spec) for spec in KINDS[kind_name].fields)


def _label(kind_name: str) -> Msg:
    return Msg(KINDS[kind_name].label)


def _refuse(message: str, **params) -> BundleError:
    return BundleError("record", message, **params)


def _longest_text(value) -> int:
    if isinstance(value, str):
        return len(value)
    if isinstance(value, dict):
        return max((_longest_text(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return max((_longest_text(v) for v in value), default=0)
    return 0


def check_record(
    kind_name: str,
    value,
    ward_code: str,
    text_limit: int = TEXT_LIMIT,
    line_chars: int | None = None,
) -> Stored:
    """A record line as parsed JSON → a Stored version, or a BundleError (`record`, `owner` or
    `too-large`). The data must already be in the canonical form the ward's services write."""
    if not isinstance(value, dict) or set(value) != RECORD_KEYS:
        raise _refuse(
            N_("A {kind} record does not have the fields of the format."), kind=_label(kind_name)
        )
    uuid, ward, revision = value["uuid"], value["ward_code"], value["revision"]
    if not (isinstance(uuid, str) and _UUID.fullmatch(uuid)):
        raise _refuse(N_("A {kind} record has an invalid identifier."), kind=_label(kind_name))
    if isinstance(revision, bool) or not isinstance(revision, int) or revision < 1:
        raise _refuse(N_("A {kind} record has an invalid revision."), kind=_label(kind_name))
    if not isinstance(value["deleted"], bool) or not isinstance(value["updated_at"], str):
        raise _refuse(N_("A {kind} record has invalid sync fields."), kind=_label(kind_name))
    if not TIMESTAMP.fullmatch(value["updated_at"]):
        raise _refuse(N_("A {kind} record has invalid sync fields."), kind=_label(kind_name))
    sha = value["content_sha256"]
    if not (isinstance(sha, str) and _SHA.fullmatch(sha)) or not isinstance(ward, str):
        raise _refuse(N_("A {kind} record has invalid sync fields."), kind=_label(kind_name))
    data = value["data"]
    # No text can be longer than the line that holds it: most lines need no walk at all.
    if (line_chars is None or line_chars > text_limit) and _longest_text(data) > text_limit:
        raise BundleError(
            "too-large",
            N_("A {kind} record holds a text longer than the limit."),
            kind=_label(kind_name),
        )
    try:
        normalised = normalise_object(travel_specs(kind_name), data, "")
    except RecordError as error:
        raise _refuse(
            N_("A {kind} record is malformed ({field})."),
            kind=_label(kind_name),
            field=error.field or "data",
        ) from None
    if normalised != data or travelling_data(kind_name, data) != data:
        raise _refuse(
            N_("A {kind} record is not in the form the format requires."), kind=_label(kind_name)
        )
    if ward != ward_code:
        raise BundleError(
            "owner",
            N_("The bundle holds a record of ward {other}, not of {ward}."),
            other=ward,
            ward=ward_code,
        )
    return Stored(uuid, ward, revision, value["updated_at"], value["deleted"], sha, data)
