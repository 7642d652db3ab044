"""How each kind's long form is grouped, so it reads top to bottom like the paper logbook."""

from app.i18n import N_

GROUPS: dict[str, list[tuple[str, list[str]]]] = {
    "sessions": [
        (N_("When and where"), ["title", "held_on", "start_time", "hamlet", "place"]),
        (N_("Form and content"), ["form", "direct", "topics", "legal_documents", "audiences"]),
        (
            N_("People"),
            ["attendees", "attendees_men", "attendees_women", "presenters", "co_organisers"],
        ),
        (
            N_("Materials and funding"),
            [
                "materials",
                "funding_regular",
                "funding_programme",
                "funding_other",
                "broadcasts",
                "quiz_entries",
            ],
        ),
        (N_("Notes"), ["notes"]),
    ],
    "cases": [
        (
            N_("The case"),
            [
                "title",
                "book_number",
                "team",
                "received_on",
                "basis",
                "public",
                "scope_group",
                "scope_item",
                "subject_tags",
            ],
        ),
        (N_("Parties and invited persons"), ["parties", "invited_persons"]),
        (N_("Mediation"), ["assigned_on", "mediators", "started_on", "summary"]),
        (
            N_("Result"),
            [
                "result",
                "ended_on",
                "end_reason",
                "agreement",
                "follow_up",
                "referral",
                "fee_amount",
                "notes",
            ],
        ),
    ],
    "people": [
        (
            N_("Personal details"),
            [
                "full_name",
                "gender",
                "birth_year",
                "ethnic_minority",
                "ethnicity",
                "hamlet",
                "address",
            ],
        ),
        (N_("Roles"), ["roles"]),
        (
            N_("Work and qualification"),
            ["law_qualification", "legal_speciality", "position", "organisation"],
        ),
        (N_("Contact and notes"), ["phone", "email", "notes"]),
    ],
    "teams": [
        (N_("The team"), ["name", "hamlet", "valid_from", "valid_to"]),
        (N_("Members"), ["members"]),
        (N_("Notes"), ["notes"]),
    ],
    "trainings": [
        (N_("The training"), ["held_on", "topic", "organiser", "place"]),
        (N_("Attendees"), ["attendees"]),
        (N_("Notes"), ["notes"]),
    ],
}
