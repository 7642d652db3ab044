"""What a record looks like on its way to the district (design.md §3): the sync fields and the
data minus personal data, its free text redacted, as one canonical JSON line; and the check of
such a line on arrival."""

import re
from dataclasses import replace
from functools import cache

from app.canonical import MAX_SAFE_INTEGER, canonical_bytes
from app.errors import N_, Msg, RecordError
from app.services.fields import LINE_LIMIT, TEXT_LIMIT, Spec, normalise_object
from app.services.kinds import KINDS
from app.services.rows import Stored
from app.sync.errors import BundleError
from app.sync.manifest import TIMESTAMP
from app.sync.redact import Redaction, WardNames, case_redactor
from app.text import display_date

RECORD_KEYS = frozenset(
    {"uuid", "ward_code", "revision", "updated_at", "deleted", "content_sha256", "data"}
)
# The narrative of a non-public mediation stays at the ward (Luật HGCS Điều 17).
PRIVATE_NARRATIVE = ("summary", "agreement")
# A case's own free text: redacted with its parties' names, or withheld when the ward says so.
CASE_TEXTS = ("title", "summary", "agreement", "follow_up", "referral", "notes")
NARRATIVE = CASE_TEXTS[1:]
# The first schema whose bundles carry redacted free text (migration 0004). Older bundles reach
# the district with their free text blanked.
FIRST_REDACTING_SCHEMA = 4
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


# Per tuple of specs, keyed by identity (they are module constants): hashing a tuple of specs
# field by field on every record would cost more than the check itself.
_PERSONAL_PLANS: dict[int, tuple[tuple, tuple]] = {}


def _personal_plan(specs: tuple[Spec, ...]) -> tuple[tuple, tuple]:
    """(personal fields with their empty value, object lists that hold personal fields)."""
    plan = _PERSONAL_PLANS.get(id(specs))
    if plan is None:
        personal = tuple((spec.name, spec.empty) for spec in specs if spec.personal)
        holders = tuple(
            (spec.name, spec.fields)
            for spec in specs
            if not spec.personal and spec.type == "objects" and any(s.personal for s in spec.fields)
        )
        plan = _PERSONAL_PLANS[id(specs)] = (personal, holders)
    return plan


def _holds_personal(specs: tuple[Spec, ...], data: dict) -> bool:
    personal, holders = _personal_plan(specs)
    if any(data[name] != empty for name, empty in personal):
        return True
    return any(_holds_personal(fields, item) for name, fields in holders for item in data[name])


def holds_personal(kind_name: str, data: dict) -> bool:
    """Whether `strip_personal` would change the data (asked of every record a district reads,
    so without copying it)."""
    private = kind_name == "cases" and not data["public"]
    if private and any(data[name] is not None for name in PRIVATE_NARRATIVE):
        return True
    return _holds_personal(KINDS[kind_name].fields, data)


def strip_personal(kind_name: str, data: dict) -> dict:
    """The data minus personal data and the narrative of a non-public mediation."""
    kind = KINDS[kind_name]
    out = _blank_personal(kind.fields, data)
    if kind_name == "cases" and not data["public"]:
        for name in PRIVATE_NARRATIVE:
            out[name] = None
    return out


def withheld_title(data: dict) -> str:
    """What a case is called when its texts stay at the ward."""
    if data.get("book_number"):
        return f"Vụ việc số {data['book_number']}"
    return f"Vụ việc nhận ngày {display_date(data['received_on'])}"


def _fit(text: str | None, limit: int) -> str | None:
    # Initials can be longer than a short given name ("Em" → "E.(2)"): stay within the field.
    return text if text is None or len(text) <= limit else text[: limit - 1] + "…"


class Outgoing:
    """What an export knows beyond each record: the ward's party names (for other records'
    notes), whether case texts are withheld, and how much was replaced."""

    def __init__(self, ward_names: WardNames, withhold_case_texts: bool = False):
        self.ward_names = ward_names
        self.notes_redactor = ward_names.redactor()
        self.withhold_case_texts = withhold_case_texts
        self.counts = Redaction()

    def case_texts(self, data: dict, out: dict) -> None:
        names = [party["full_name"] for party in data["parties"]]
        names += [person["name"] for person in data["invited_persons"]]
        redactor = case_redactor(names, self.ward_names)
        for name in CASE_TEXTS:
            limit = LINE_LIMIT if name in ("title", "referral") else TEXT_LIMIT
            out[name] = _fit(redactor.redact(out[name], self.counts), limit)
        # Two tags may read alike once redacted ("SĐT …"): kept once, as the district will.
        tags = [_fit(redactor.redact(tag, self.counts), LINE_LIMIT) for tag in out["subject_tags"]]
        out["subject_tags"] = list(dict.fromkeys(tags))
        out["invited_persons"] = [
            {
                **person,
                "relation": _fit(redactor.redact(person["relation"], self.counts), LINE_LIMIT),
            }
            for person in out["invited_persons"]
        ]
        if self.withhold_case_texts:
            withhold_case_texts(out)


def withhold_case_texts(out: dict) -> None:
    out["title"] = withheld_title(out)
    for name in NARRATIVE:
        out[name] = None


def travelling_data(kind_name: str, data: dict, outgoing: Outgoing) -> dict:
    """The data as it leaves the ward: personal data blank, free text redacted, in the form
    the district checks it against (design.md §3)."""
    out = strip_personal(kind_name, data)
    if kind_name == "cases":
        outgoing.case_texts(data, out)
        # Redaction may turn text into what normalises otherwise (a line left empty, say): the
        # bundle carries the normal form, never one the district would refuse.
        return normalise_object(travel_specs(kind_name), out, "")
    out["notes"] = _fit(outgoing.notes_redactor.redact(out["notes"], outgoing.counts), TEXT_LIMIT)
    return out


def blank_free_text(kind_name: str, data: dict) -> dict:
    """A record from a bundle older than FIRST_REDACTING_SCHEMA, as the district keeps it: its
    free text could name the parties, so none of it is kept."""
    out = strip_personal(kind_name, data)
    out["notes"] = None
    if kind_name == "cases":
        withhold_case_texts(out)
        out["subject_tags"] = []
        out["invited_persons"] = [
            {**person, "name": None, "relation": None} for person in out["invited_persons"]
        ]
    return out


def record_line(kind_name: str, record: Stored, outgoing: Outgoing) -> bytes:
    travelling = replace(record, data=travelling_data(kind_name, record.data, outgoing))
    return stored_line(travelling) + b"\n"


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
    legacy: bool = False,
) -> Stored:
    """A record line as parsed JSON → a Stored version, or a BundleError (`record`, `owner` or
    `too-large`). The data must already be in the canonical form the ward's services write.
    `legacy`: the bundle predates redaction, and its free text is blanked here."""
    if not isinstance(value, dict) or set(value) != RECORD_KEYS:
        raise _refuse(
            N_("A {kind} record does not have the fields of the format."), kind=_label(kind_name)
        )
    uuid, ward, revision = value["uuid"], value["ward_code"], value["revision"]
    if not (isinstance(uuid, str) and _UUID.fullmatch(uuid)):
        raise _refuse(N_("A {kind} record has an invalid identifier."), kind=_label(kind_name))
    # Within ±(2^53−1) like every integer of the format (the fast parser admits up to 2^64).
    if type(revision) is not int or not 1 <= revision <= MAX_SAFE_INTEGER:
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
    if normalised != data or (not legacy and holds_personal(kind_name, data)):
        raise _refuse(
            N_("A {kind} record is not in the form the format requires."), kind=_label(kind_name)
        )
    if legacy:
        data = blank_free_text(kind_name, data)
    if ward != ward_code:
        raise BundleError(
            "owner",
            N_("The bundle holds a record of ward {other}, not of {ward}."),
            other=ward,
            ward=ward_code,
        )
    return Stored(uuid, ward, revision, value["updated_at"], value["deleted"], sha, data)


def stored_line(record: Stored) -> bytes:
    """The line a district keeps for a version (a legacy record's, as blanked), no newline."""
    return canonical_bytes(
        {
            "uuid": record.uuid,
            "ward_code": record.ward_code,
            "revision": record.revision,
            "updated_at": record.updated_at,
            "deleted": record.deleted,
            "content_sha256": record.content_sha256,
            "data": record.data,
        }
    )
