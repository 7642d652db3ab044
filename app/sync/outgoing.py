"""What leaves the ward, before it leaves: the redaction context of an export (every party name
of the ward, the "do not send case texts" setting) and, for any case, the exact texts the
district will receive beside those the ward holds."""

import json
from dataclasses import dataclass

from sqlalchemy import Connection, select

from app.db.store import Store
from app.models import CaseParty, MediationCase
from app.services.kinds import KINDS
from app.services.preferences import read_settings
from app.services.rows import find_ids, load_records
from app.sync.redact import WardNames
from app.sync.travel import CASE_TEXTS, Outgoing, travelling_data

WITHHOLD_SETTING = "send.withhold_case_texts"

_cases = MediationCase.__table__
_parties = CaseParty.__table__


def ward_names(connection: Connection, ward_code: str) -> WardNames:
    """Every party's and invited person's name in the ward's cases, deleted cases included."""
    parties = connection.execute(
        select(_parties.c.full_name)
        .join(_cases, _cases.c.id == _parties.c.case_id)
        .where(_cases.c.ward_code == ward_code)
    ).scalars()
    names = list(parties)
    invited = connection.execute(
        select(_cases.c.invited_persons).where(
            _cases.c.ward_code == ward_code, _cases.c.invited_persons != "[]"
        )
    ).scalars()
    for value in invited:
        names += [person.get("name") for person in json.loads(value or "[]")]
    return WardNames.of(names)


def outgoing_for(connection: Connection, ward_code: str) -> Outgoing:
    withhold = bool(read_settings(connection, WITHHOLD_SETTING)[WITHHOLD_SETTING])
    return Outgoing(ward_names(connection, ward_code), withhold_case_texts=withhold)


@dataclass
class TextPair:
    field: str  # the data key
    label: str  # msgid of the field's label
    held: str  # what the ward holds ("" for nothing)
    sent: str  # what the district receives ("" for nothing)


def _shown(value) -> str:
    if isinstance(value, list):
        return "; ".join(str(item) for item in value if item)
    return value or ""


def case_preview(store: Store, uuid: str) -> list[TextPair]:
    """Each free text of one case of this ward: as held, and as it will travel."""
    ward = store.unit_code
    with store.read() as connection:
        record_id = find_ids(connection, "cases", ward, [uuid])[uuid]
        record = load_records(connection, "cases", [record_id])[record_id]
        sent = travelling_data("cases", record.data, outgoing_for(connection, ward))
    held = record.data
    by_name = KINDS["cases"].by_name
    pairs = [
        TextPair(name, by_name[name].label, _shown(held[name]), _shown(sent[name]))
        for name in CASE_TEXTS
    ]
    pairs.append(
        TextPair(
            "subject_tags",
            by_name["subject_tags"].label,
            _shown(held["subject_tags"]),
            _shown(sent["subject_tags"]),
        )
    )
    for i, (mine, theirs) in enumerate(
        zip(held["invited_persons"], sent["invited_persons"], strict=True)
    ):
        label = by_name["invited_persons"].label
        pairs.append(TextPair(f"invited_persons.{i}", label, _person(mine), _person(theirs)))
    for i, (mine, theirs) in enumerate(zip(held["parties"], sent["parties"], strict=True)):
        pairs.append(
            TextPair(
                f"parties.{i}",
                by_name["parties"].label,
                mine["full_name"] or "",
                theirs["full_name"] or "",
            )
        )
    return pairs


def _person(entry: dict) -> str:
    return " — ".join(part for part in (entry.get("name"), entry.get("relation")) if part)
