"""The five kinds of record: their fields, children, cross-field rules and search text."""

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from app import enums
from app.errors import N_, Msg, RecordError
from app.services import field_help as tips
from app.services.fields import Spec, choice, codes, count, day, flag, line, text
from app.services.refs import Refs
from app.text import display_date

MONEY_MAX = 100_000_000_000  # đồng; far above any ward budget, small enough to be a typo guard
PEOPLE_MAX = 1_000_000


@dataclass(frozen=True)
class Child:
    """A list in the data whose entries are rows of their own table."""

    field: str  # the data key
    table: str
    parent_column: str


@dataclass(frozen=True)
class Kind:
    name: str  # "sessions" … as design.md §2 names them
    table: str
    label: str  # msgid, singular, for messages
    plural: str  # msgid, for headings and summaries
    fields: tuple[Spec, ...]
    children: tuple[Child, ...]
    check: Callable[[dict, Refs], None]
    search_text: Callable[[dict, Refs], list[str]]
    references: Callable[[dict], set[str]]  # person uuids a record refers to

    @cached_property  # asked for each child row of each record a bundle brings
    def by_name(self) -> dict[str, Spec]:
        return {spec.name: spec for spec in self.fields}

    def child(self, name: str) -> Child | None:
        return next((c for c in self.children if c.field == name), None)


def _order(data: dict, first: str, second: str, labels: dict[str, str]) -> None:
    if data.get(first) and data.get(second) and data[second] < data[first]:
        raise RecordError(
            second,
            N_("{later} cannot be before {earlier}."),
            later=Msg(labels[second]),
            earlier=Msg(labels[first]),
        )


def _labels(fields: tuple[Spec, ...]) -> dict[str, str]:
    return {spec.name: spec.label for spec in fields}


def _live_people(field: str, uuids: list[str], refs: Refs) -> None:
    for i, uuid in enumerate(uuids):
        if not refs.person_is_live(uuid):
            raise RecordError(f"{field}.{i}", N_("This person is not in the list of people."))


# -- people --------------------------------------------------------------------------------

ROLE_FIELDS = (
    choice("role", N_("Role"), enums.ROLES, required=True, help=tips.ROLE_ROLE),
    line("decision_number", N_("Decision number"), help=tips.ROLE_DECISION_NUMBER),
    day("decision_date", N_("Decision date"), help=tips.ROLE_DECISION_DATE),
    choice("issuer", N_("Issued by"), enums.ISSUERS, help=tips.ROLE_ISSUER),
    line("scope", N_("Scope"), help=tips.ROLE_SCOPE),
    day("end_date", N_("Date the role ended"), help=tips.ROLE_END_DATE),
    line("end_decision", N_("Decision ending the role"), help=tips.ROLE_END_DECISION),
    line("end_reason", N_("Reason the role ended"), help=tips.ROLE_END_REASON),
)

PERSON_FIELDS = (
    line("full_name", N_("Full name"), required=True, searchable=True),
    choice("gender", N_("Gender"), enums.GENDERS, required=True),
    count("birth_year", N_("Year of birth"), minimum=1900, maximum=2100),
    flag("ethnic_minority", N_("Ethnic minority"), help=tips.PERSON_ETHNIC_MINORITY),
    line("ethnicity", N_("Ethnic group"), personal=True, help=tips.PERSON_ETHNICITY),
    choice(
        "law_qualification",
        N_("Law qualification"),
        enums.LAW_QUALIFICATIONS,
        default="none",
        help=tips.PERSON_LAW_QUALIFICATION,
    ),
    line("legal_speciality", N_("Legal speciality"), help=tips.PERSON_LEGAL_SPECIALITY),
    line("position", N_("Position"), searchable=True),
    line("organisation", N_("Organisation"), searchable=True),
    line("hamlet", N_("Village / residential group"), searchable=True, help=tips.PERSON_HAMLET),
    line("phone", N_("Phone"), personal=True, searchable=True),
    line("email", N_("Email"), personal=True),
    line("address", N_("Address"), personal=True),
    text("notes", N_("Notes")),
    Spec("roles", "objects", N_("Roles"), fields=ROLE_FIELDS, help=tips.PERSON_ROLES),
)


def _check_person(data: dict, refs: Refs) -> None:
    if data["ethnicity"] and not data["ethnic_minority"]:
        raise RecordError("ethnicity", N_("An ethnic group is given only for an ethnic minority."))
    labels = _labels(ROLE_FIELDS)
    for i, role in enumerate(data["roles"]):
        try:
            _order(role, "decision_date", "end_date", labels)
        except RecordError as error:
            error.field = f"roles.{i}.{error.field}"
            raise
        if role["role"] == "HGV" and not data["hamlet"]:
            raise RecordError(
                "hamlet", N_("A mediator must have a village / residential group of residence.")
            )


def _person_search(data: dict, refs: Refs) -> list[str]:
    words = [
        data["full_name"],
        data["position"],
        data["organisation"],
        data["hamlet"],
        data["phone"],
    ]
    words += [role["decision_number"] for role in data["roles"]]
    words += [enums.ROLES.label(role["role"]) for role in data["roles"]]
    return words


# -- teams ---------------------------------------------------------------------------------

MEMBER_FIELDS = (
    Spec(
        "person", "uuid", N_("Member"), required=True, column="person_uuid", help=tips.MEMBER_PERSON
    ),
    flag("leader", N_("Team leader"), column="is_leader", help=tips.MEMBER_LEADER),
)

TEAM_FIELDS = (
    line("name", N_("Team name"), required=True, searchable=True),
    line("hamlet", N_("Village / residential group"), required=True, searchable=True),
    day("valid_from", N_("Valid from"), help=tips.TEAM_VALID_FROM),
    day("valid_to", N_("Valid until"), help=tips.TEAM_VALID_TO),
    text("notes", N_("Notes")),
    Spec("members", "objects", N_("Members"), fields=MEMBER_FIELDS, help=tips.TEAM_MEMBERS),
)


def _check_team(data: dict, refs: Refs) -> None:
    _order(data, "valid_from", "valid_to", _labels(TEAM_FIELDS))
    seen = set()
    for i, member in enumerate(data["members"]):
        if member["person"] in seen:
            raise RecordError(f"members.{i}.person", N_("This person is already a member."))
        seen.add(member["person"])
        if not refs.person_is_live(member["person"]):
            raise RecordError(
                f"members.{i}.person", N_("This person is not in the list of people.")
            )
    if sum(1 for m in data["members"] if m["leader"]) > 1:
        raise RecordError("members", N_("A team has only one leader."))


def _team_search(data: dict, refs: Refs) -> list[str]:
    return [data["name"], data["hamlet"], *(refs.person_name(m["person"]) for m in data["members"])]


# -- trainings -----------------------------------------------------------------------------

TRAINING_FIELDS = (
    day("held_on", N_("Date"), required=True),
    line("topic", N_("Topic"), required=True, searchable=True),
    line("organiser", N_("Organised by"), searchable=True),
    line("place", N_("Place"), searchable=True),
    text("notes", N_("Notes")),
    Spec("attendees", "uuids", N_("Attendees"), help=tips.TRAINING_ATTENDEES),
)


def _check_training(data: dict, refs: Refs) -> None:
    _live_people("attendees", data["attendees"], refs)


def _training_search(data: dict, refs: Refs) -> list[str]:
    return [data["topic"], data["organiser"], data["place"]]


# -- outreach sessions ---------------------------------------------------------------------

MATERIAL_FIELDS = (
    choice("kind", N_("Kind of material"), enums.MATERIAL_KINDS, required=True),
    line("title", N_("Title")),
    count("copies", N_("Copies"), maximum=10_000_000),
    line("language", N_("Language"), default="vi", help=tips.MATERIAL_LANGUAGE),
    flag("online", N_("Posted online"), help=tips.MATERIAL_ONLINE),
)

SESSION_FIELDS = (
    line("title", N_("Title"), required=True, searchable=True),
    day("held_on", N_("Date"), required=True),
    Spec("start_time", "time", N_("Start time")),
    line("hamlet", N_("Village / residential group"), searchable=True),
    line("place", N_("Place"), searchable=True),
    choice("form", N_("Form"), enums.SESSION_FORMS, required=True, help=tips.SESSION_FORM),
    flag("direct", N_("Direct session"), default=None, help=tips.SESSION_DIRECT),
    codes("topics", N_("Topics"), enums.TOPICS, help=tips.SESSION_TOPICS),
    Spec(
        "legal_documents",
        "strings",
        N_("Legal documents"),
        searchable=True,
        help=tips.SESSION_LEGAL_DOCUMENTS,
    ),
    codes("audiences", N_("Audiences"), enums.AUDIENCES, help=tips.SESSION_AUDIENCES),
    count(
        "attendees",
        N_("Number attending"),
        maximum=PEOPLE_MAX,
        default=0,
        help=tips.SESSION_ATTENDEES,
    ),
    count(
        "attendees_men", N_("Men attending"), maximum=PEOPLE_MAX, help=tips.SESSION_ATTENDEES_MEN
    ),
    count(
        "attendees_women",
        N_("Women attending"),
        maximum=PEOPLE_MAX,
        help=tips.SESSION_ATTENDEES_WOMEN,
    ),
    Spec("presenters", "uuids", N_("Presenters"), help=tips.SESSION_PRESENTERS),
    Spec("co_organisers", "strings", N_("Co-organisers"), searchable=True),
    Spec(
        "materials",
        "objects",
        N_("Materials issued"),
        fields=MATERIAL_FIELDS,
        help=tips.SESSION_MATERIALS,
    ),
    count(
        "funding_regular",
        N_("Regular budget (đồng)"),
        maximum=MONEY_MAX,
        default=0,
        help=tips.SESSION_FUNDING_REGULAR,
    ),
    count(
        "funding_programme",
        N_("Programme budget (đồng)"),
        maximum=MONEY_MAX,
        default=0,
        help=tips.SESSION_FUNDING_PROGRAMME,
    ),
    count(
        "funding_other",
        N_("Other funding (đồng)"),
        maximum=MONEY_MAX,
        default=0,
        help=tips.SESSION_FUNDING_OTHER,
    ),
    count(
        "broadcasts",
        N_("Loudspeaker broadcasts"),
        maximum=100_000,
        default=0,
        help=tips.SESSION_BROADCASTS,
    ),
    count(
        "quiz_entries",
        N_("Quiz entries"),
        maximum=PEOPLE_MAX,
        default=0,
        help=tips.SESSION_QUIZ_ENTRIES,
    ),
    text("notes", N_("Notes"), searchable=True),
)


def _check_session(data: dict, refs: Refs) -> None:
    if data["direct"] is None:
        # The form decides by default; the officer may override it either way.
        data["direct"] = enums.SESSION_FORMS[data["form"]].flag
    men, women = data["attendees_men"] or 0, data["attendees_women"] or 0
    if men + women > data["attendees"]:
        raise RecordError(
            "attendees", N_("Men and women attending add up to more than the attendees.")
        )
    _live_people("presenters", data["presenters"], refs)


def _session_search(data: dict, refs: Refs) -> list[str]:
    words = [data["title"], data["hamlet"], data["place"], data["notes"]]
    words += data["legal_documents"] + data["co_organisers"]
    words += [enums.TOPICS.label(code) for code in data["topics"]]
    words += [refs.person_name(uuid) for uuid in data["presenters"]]
    return words


# -- mediation cases -----------------------------------------------------------------------

PARTY_FIELDS = (
    choice("role", N_("Party role"), enums.PARTY_ROLES, required=True, help=tips.PARTY_ROLE),
    line("full_name", N_("Full name"), required=True, personal=True),
    count("birth_year", N_("Year of birth"), minimum=1900, maximum=2100, personal=True),
    choice("gender", N_("Gender"), enums.GENDERS),
    line("address", N_("Address"), personal=True),
    line("phone", N_("Phone"), personal=True),
    line("id_number", N_("Identity number"), personal=True, help=tips.PARTY_ID_NUMBER),
)

INVITED_FIELDS = (
    line("name", N_("Full name"), required=True, personal=True),
    line("relation", N_("Relation to the case"), help=tips.INVITED_RELATION),
)

CASE_FIELDS = (
    line("title", N_("Case title"), required=True, searchable=True),
    count(
        "book_number",
        N_("Logbook number"),
        minimum=1,
        maximum=1_000_000,
        help=tips.CASE_BOOK_NUMBER,
    ),
    Spec("team", "uuid", N_("Mediation team"), column="team_uuid", help=tips.CASE_TEAM),
    day("received_on", N_("Date received"), required=True, help=tips.CASE_RECEIVED_ON),
    day("assigned_on", N_("Date assigned"), help=tips.CASE_ASSIGNED_ON),
    day("started_on", N_("Date mediation started"), help=tips.CASE_STARTED_ON),
    day("ended_on", N_("Date ended"), help=tips.CASE_ENDED_ON),
    choice("basis", N_("Basis for mediation"), enums.BASES, required=True, help=tips.CASE_BASIS),
    flag("public", N_("Public mediation"), default=True, help=tips.CASE_PUBLIC),
    choice(
        "scope_group",
        N_("Kind of dispute"),
        enums.SCOPE_GROUPS,
        required=True,
        help=tips.CASE_SCOPE_GROUP,
    ),
    choice(
        "scope_item",
        N_("Scope (Decree 15/2014, Art. 5)"),
        enums.SCOPE_ITEMS,
        help=tips.CASE_SCOPE_ITEM,
    ),
    Spec("subject_tags", "strings", N_("Subject"), searchable=True, help=tips.CASE_SUBJECT_TAGS),
    Spec(
        "invited_persons",
        "objects",
        N_("Invited persons"),
        fields=INVITED_FIELDS,
        help=tips.CASE_INVITED_PERSONS,
    ),
    text("summary", N_("Main content"), searchable=True, help=tips.CASE_SUMMARY),
    text("agreement", N_("Agreement of the parties"), help=tips.CASE_AGREEMENT),
    # A case is recorded when received: "not started" is what the form should offer first.
    choice(
        "result",
        N_("Result"),
        enums.RESULTS,
        required=True,
        default="not_started",
        help=tips.CASE_RESULT,
    ),
    choice(
        "end_reason", N_("Reason the mediation ended"), enums.END_REASONS, help=tips.CASE_END_REASON
    ),
    text("follow_up", N_("Follow-up of the agreement"), help=tips.CASE_FOLLOW_UP),
    line("referral", N_("Referred to"), help=tips.CASE_REFERRAL),
    count(
        "fee_amount",
        N_("Mediator fees (đồng)"),
        maximum=MONEY_MAX,
        default=0,
        help=tips.CASE_FEE_AMOUNT,
    ),
    text("notes", N_("Notes")),
    Spec("mediators", "uuids", N_("Mediators"), help=tips.CASE_MEDIATORS),
    Spec("parties", "objects", N_("Parties"), fields=PARTY_FIELDS, help=tips.CASE_PARTIES),
)


def _check_case(data: dict, refs: Refs) -> None:
    labels = _labels(CASE_FIELDS)
    steps = ("received_on", "assigned_on", "started_on", "ended_on")
    present = [step for step in steps if data[step]]
    for earlier, later in itertools.pairwise(present):
        _order(data, earlier, later, labels)
    result = data["result"]
    if result in enums.CONCLUDED_RESULTS:
        if not data["ended_on"]:
            raise RecordError("ended_on", N_("A concluded mediation needs the date it ended."))
        if not data["end_reason"]:
            raise RecordError("end_reason", N_("Say why the mediation ended."))
    elif data["ended_on"] or data["end_reason"]:
        raise RecordError(
            "result",
            N_(
                "A mediation with an end date or end reason must be “Successful” or “Unsuccessful”."
            ),
        )
    if result == "not_started" and data["started_on"]:
        raise RecordError(
            "result", N_("A mediation with a start date cannot have the result “Not started”.")
        )
    if result in ("in_progress",) and not data["started_on"]:
        raise RecordError("started_on", N_("A mediation in progress needs its start date."))
    if data["team"] and not refs.team_is_live(data["team"]):
        raise RecordError("team", N_("This mediation team is not in the list of teams."))
    on = data["assigned_on"] or data["received_on"]
    for i, uuid in enumerate(data["mediators"]):
        if not refs.person_is_live(uuid):
            raise RecordError(f"mediators.{i}", N_("This person is not in the list of people."))
        if not refs.is_mediator_on(uuid, on):
            raise RecordError(
                f"mediators.{i}",
                N_("{name} is not a recognised mediator on {date}."),
                name=refs.person_name(uuid),
                date=display_date(on),
            )


def _case_search(data: dict, refs: Refs) -> list[str]:
    words = [data["title"], data["summary"], *data["subject_tags"]]
    words += [party["full_name"] for party in data["parties"]]
    words += [refs.person_name(uuid) for uuid in data["mediators"]]
    if data["team"]:
        words.append(refs.team_name(data["team"]))
    return words


def _uuids_of(*names: str, objects: tuple[str, str] | None = None) -> Callable[[dict], set[str]]:
    def collect(data: dict) -> set[str]:
        found = {uuid for name in names for uuid in data[name]}
        if objects:
            found |= {item[objects[1]] for item in data[objects[0]]}
        return found

    return collect


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind("people", "people", N_("person"), N_("People"),
             PERSON_FIELDS,
             (Child("roles", "person_roles", "person_id"),),
             _check_person, _person_search, lambda data: set()),
        Kind("teams", "teams", N_("mediation team"), N_("Mediation teams"),
             TEAM_FIELDS,
             (Child("members", "team_members", "team_id"),),
             _check_team, _team_search, _uuids_of(objects=("members", "person"))),
        Kind("trainings", "trainings", N_("training"), N_("Trainings"),
             TRAINING_FIELDS,
             (Child("attendees", "training_attendees", "training_id"),),
             _check_training, _training_search, _uuids_of("attendees")),
        Kind("sessions", "sessions", N_("outreach session"), N_("Outreach sessions"),
             SESSION_FIELDS,
             (Child("presenters", "session_presenters", "session_id"),),
             _check_session, _session_search, _uuids_of("presenters")),
        Kind("cases", "cases", N_("mediation case"), N_("Mediation cases"),
             CASE_FIELDS,
             (Child("mediators", "case_mediators", "case_id"),
              Child("parties", "case_parties", "case_id")),
             _check_case, _case_search, _uuids_of("mediators")),
    )
}  # fmt: skip
