"""Valid record data for tests, built through the real services."""

from app.services import records as svc


def person(store, name="Nguyễn Văn Đức", gender="male", roles=("HGV",), **extra) -> dict:
    data = {
        "full_name": name,
        "gender": gender,
        "hamlet": "Tổ dân phố số 5",
        "roles": [
            {
                "role": role,
                "decision_number": "15/QĐ-UBND",
                "decision_date": "2024-01-05",
                "issuer": "ward_chairman",
            }
            for role in roles
        ],
        **extra,
    }
    return svc.create(store, "people", data)


def team(store, members, **extra) -> dict:
    data = {
        "name": "Tổ hòa giải số 5",
        "hamlet": "Tổ dân phố số 5",
        "members": [{"person": uuid, "leader": i == 0} for i, uuid in enumerate(members)],
        **extra,
    }
    return svc.create(store, "teams", data)


def session_data(**extra) -> dict:
    return {
        "title": "Hội nghị phổ biến Luật Đất đai 2024",
        "held_on": "2026-03-10",
        "form": "direct",
        "attendees": 80,
        "topics": ["land"],
        "legal_documents": ["Luật Đất đai 2024"],
        "audiences": ["general"],
        **extra,
    }


def case_data(**extra) -> dict:
    return {
        "title": "Tranh chấp lối đi chung",
        "received_on": "2026-04-01",
        "assigned_on": "2026-04-02",
        "started_on": "2026-04-03",
        "ended_on": "2026-04-10",
        "basis": "party_request",
        "scope_group": "civil",
        "result": "success",
        "end_reason": "agreement",
        "parties": [{"role": "requester", "full_name": "Trần Văn Hùng", "birth_year": 1970}],
        **extra,
    }


def training_data(attendees, **extra) -> dict:
    return {"held_on": "2026-05-20", "topic": "Kỹ năng hòa giải", "attendees": attendees, **extra}
