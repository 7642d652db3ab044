"""The record verbs: create, get, update, delete, restore, list, history, and their rules."""

import pytest

from app.errors import NotFound, RecordError, SetupError
from app.services import records as svc
from app.services.setup import set_officer
from tests import factories as f


def test_create_and_get_every_kind(ward):
    mediator = f.person(ward)
    member_b = f.person(ward, "Trần Thị Dung", "female")
    member_c = f.person(ward, "Lê Văn An")
    team = f.team(ward, [mediator["uuid"], member_b["uuid"], member_c["uuid"]])
    training = svc.create(ward, "trainings", f.training_data([mediator["uuid"]]))
    session = svc.create(ward, "sessions", f.session_data(presenters=[member_b["uuid"]]))
    case = svc.create(ward, "cases", f.case_data(team=team["uuid"], mediators=[mediator["uuid"]]))
    for kind, record in [
        ("people", mediator),
        ("teams", team),
        ("trainings", training),
        ("sessions", session),
        ("cases", case),
    ]:
        fetched = svc.get(ward, kind, record["uuid"])
        assert fetched == record
        assert fetched["ward_code"] == "00167"
        assert len(fetched["content_sha256"]) == 64
    assert svc.get(ward, "teams", team["uuid"])["data"]["members"][0] == {
        "person": mediator["uuid"],
        "leader": True,
    }
    assert (
        svc.get(ward, "cases", case["uuid"])["data"]["parties"][0]["full_name"] == "Trần Văn Hùng"
    )


def test_text_is_nfc_normalised_and_trimmed(ward):
    decomposed = "Nguye\u0302\u0303n  Va\u0306n  Đức "
    person = f.person(ward, decomposed)
    assert person["data"]["full_name"] == "Nguyễn Văn Đức"


def test_direct_flag_follows_the_form_unless_given(ward):
    direct = svc.create(ward, "sessions", f.session_data(form="direct"))
    broadcast = svc.create(ward, "sessions", f.session_data(form="loudspeaker", broadcasts=4))
    overridden = svc.create(ward, "sessions", f.session_data(form="cultural", direct=True))
    assert direct["data"]["direct"] is True
    assert broadcast["data"]["direct"] is False
    assert overridden["data"]["direct"] is True


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "   "}, "title"),
        ({"held_on": "2026-02-30"}, "held_on"),
        ({"held_on": "10/03/2026"}, "held_on"),
        ({"form": "telepathy"}, "form"),
        ({"attendees": -1}, "attendees"),
        ({"attendees": 2_000_000}, "attendees"),
        ({"attendees": "80"}, "attendees"),
        ({"attendees": True}, "attendees"),
        ({"attendees": 10, "attendees_men": 8, "attendees_women": 5}, "attendees"),
        ({"topics": ["land", "astrology"]}, "topics.1"),
        ({"title": "Hội nghị\x07"}, "title"),
        ({"title": "x" * 501}, "title"),
        ({"start_time": "25:00"}, "start_time"),
        ({"presenters": ["not-a-uuid"]}, "presenters.0"),
        ({"presenters": ["00000000-0000-4000-8000-000000000000"]}, "presenters.0"),
        ({"materials": [{"kind": "leaflet", "copies": -5}]}, "materials.0.copies"),
        ({"materials": [{"kind": "leaflet", "colour": "red"}]}, "materials.0.colour"),
        ({"surprise": 1}, "surprise"),
    ],
)
def test_session_validation_names_the_field(ward, changes, field):
    with pytest.raises(RecordError) as caught:
        svc.create(ward, "sessions", f.session_data(**changes))
    assert caught.value.field == field
    assert caught.value.message("vi")
    assert caught.value.message("en")


def test_case_dates_must_be_in_order(ward):
    with pytest.raises(RecordError) as caught:
        svc.create(ward, "cases", f.case_data(started_on="2026-03-30"))
    assert caught.value.field == "started_on"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"result": "success", "ended_on": None}, "ended_on"),
        ({"result": "failure", "end_reason": None}, "end_reason"),
        ({"result": "in_progress"}, "result"),
        (
            {"result": "in_progress", "ended_on": None, "end_reason": None, "started_on": None},
            "started_on",
        ),
        ({"result": "not_started", "ended_on": None, "end_reason": None}, "result"),
        ({"scope_group": "gossip"}, "scope_group"),
        ({"parties": [{"role": "requester", "full_name": ""}]}, "parties.0.full_name"),
        ({"team": "00000000-0000-4000-8000-000000000000"}, "team"),
    ],
)
def test_case_result_rules(ward, changes, field):
    with pytest.raises(RecordError) as caught:
        svc.create(ward, "cases", f.case_data(**changes))
    assert caught.value.field == field


def test_a_mediator_must_hold_a_current_hgv_role(ward):
    propagandist = f.person(ward, "Phạm Thị Lan", "female", roles=("TTV",))
    ended = f.person(ward, "Vũ Văn Nam")
    svc.update(
        ward,
        "people",
        ended["uuid"],
        {"roles": [{**ended["data"]["roles"][0], "end_date": "2025-12-31"}]},
    )
    for uuid in (propagandist["uuid"], ended["uuid"]):
        with pytest.raises(RecordError) as caught:
            svc.create(ward, "cases", f.case_data(mediators=[uuid]))
        assert caught.value.field == "mediators.0"
        assert "02/04/2026" in caught.value.message("en")
    current = f.person(ward)
    assert svc.create(ward, "cases", f.case_data(mediators=[current["uuid"]]))


def test_person_rules(ward):
    with pytest.raises(RecordError) as caught:
        f.person(ward, hamlet=None)
    assert caught.value.field == "hamlet"
    with pytest.raises(RecordError) as caught:
        f.person(ward, ethnicity="Tày")
    assert caught.value.field == "ethnicity"
    with pytest.raises(RecordError) as caught:
        svc.create(
            ward,
            "people",
            {
                "full_name": "A",
                "gender": "male",
                "roles": [{"role": "BCV", "decision_date": "2025-01-02", "end_date": "2024-01-01"}],
            },
        )
    assert caught.value.field == "roles.0.end_date"
    with pytest.raises(RecordError) as caught:
        svc.create(ward, "people", {"full_name": "A", "gender": "x"})
    assert caught.value.field == "gender"


def test_team_rules(ward):
    a, b = f.person(ward), f.person(ward, "Trần Thị Dung", "female")
    with pytest.raises(RecordError) as caught:
        svc.create(
            ward,
            "teams",
            {
                "name": "T",
                "hamlet": "H",
                "members": [
                    {"person": a["uuid"], "leader": True},
                    {"person": b["uuid"], "leader": True},
                ],
            },
        )
    assert caught.value.field == "members"
    with pytest.raises(RecordError) as caught:
        svc.create(
            ward,
            "teams",
            {"name": "T", "hamlet": "H", "valid_from": "2026-01-01", "valid_to": "2025-01-01"},
        )
    assert caught.value.field == "valid_to"


def test_a_refused_write_changes_nothing(ward):
    svc.create(ward, "sessions", f.session_data())
    before = ward.counters.load()
    with pytest.raises(RecordError):
        svc.create_many(ward, "sessions", [f.session_data(), f.session_data(attendees=-1)])
    assert ward.counters.load() == before
    assert len(svc.list_records(ward, "sessions")) == 1


def test_update_takes_a_new_revision_and_audits_before_and_after(ward):
    session = svc.create(ward, "sessions", f.session_data())
    updated = svc.update(ward, "sessions", session["uuid"], {"attendees": 95})
    assert updated["revision"] > session["revision"]
    assert updated["data"]["attendees"] == 95
    assert updated["content_sha256"] != session["content_sha256"]
    entries = svc.history(ward, "sessions", session["uuid"])
    assert [e["action"] for e in entries] == ["create", "update"]
    assert entries[1]["before"]["attendees"] == 80
    assert entries[1]["after"]["attendees"] == 95
    assert entries[1]["officer"] == "Nguyễn Thị Hà"
    assert entries[1]["revision"] == updated["revision"]


def test_an_update_that_changes_nothing_takes_no_revision(ward):
    session = svc.create(ward, "sessions", f.session_data())
    same = svc.update(
        ward, "sessions", session["uuid"], {"title": "  Hội nghị phổ biến Luật Đất đai 2024 "}
    )
    assert same["revision"] == session["revision"]
    assert len(svc.history(ward, "sessions", session["uuid"])) == 1


def test_delete_and_restore_are_edits(ward):
    session = svc.create(ward, "sessions", f.session_data())
    deleted = svc.delete(ward, "sessions", session["uuid"])
    assert deleted["deleted"] is True
    assert deleted["revision"] > session["revision"]
    assert deleted["content_sha256"] == session["content_sha256"]
    assert svc.list_records(ward, "sessions") == []
    assert svc.list_records(ward, "sessions", search="dat dai") == []
    assert len(svc.list_records(ward, "sessions", include_deleted=True)) == 1
    with pytest.raises(RecordError):
        svc.update(ward, "sessions", session["uuid"], {"attendees": 5})
    restored = svc.restore(ward, "sessions", session["uuid"])
    assert restored["deleted"] is False
    assert restored["revision"] > deleted["revision"]
    assert svc.list_records(ward, "sessions", search="dat dai")[0]["uuid"] == session["uuid"]
    actions = [e["action"] for e in svc.history(ward, "sessions", session["uuid"])]
    assert actions == ["create", "delete", "restore"]


def test_unknown_record_is_not_found(ward):
    with pytest.raises(NotFound):
        svc.get(ward, "people", "00000000-0000-4000-8000-000000000000")
    with pytest.raises(NotFound):
        svc.delete(ward, "people", "00000000-0000-4000-8000-000000000000")


def test_every_change_takes_its_own_increasing_revision(ward):
    seen = []
    person = f.person(ward)
    seen.append(person["revision"])
    batch = svc.create_many(ward, "sessions", [f.session_data(), f.session_data()])
    seen += [r["revision"] for r in batch]
    seen.append(svc.update(ward, "people", person["uuid"], {"birth_year": 1970})["revision"])
    seen.append(svc.delete(ward, "sessions", batch[0]["uuid"])["revision"])
    assert seen == sorted(seen)
    assert len(set(seen)) == len(seen)
    assert ward.counters.load()["revision"] == seen[-1]


def test_bookkeeping_takes_no_revision(ward):
    svc.create(ward, "sessions", f.session_data())
    before = ward.counters.load()["revision"]
    set_officer(ward, "Đỗ Minh Châu")
    svc.list_records(ward, "sessions", search="dat")
    assert ward.counters.load()["revision"] == before
    assert ward.installation["officer_name"] == "Đỗ Minh Châu"


def test_a_district_keeps_no_records(district):
    with pytest.raises(SetupError):
        svc.create(district, "sessions", f.session_data())


def test_list_orders_people_by_vietnamese_name(ward):
    for name in ["Nguyễn Văn Đức", "Trần Thị Dung", "Lê Văn An", "Phạm Anh", "Hoàng Thị Ánh"]:
        f.person(ward, name, roles=("TTV",))
    names = [p["data"]["full_name"] for p in svc.list_records(ward, "people")]
    assert names == ["Lê Văn An", "Phạm Anh", "Hoàng Thị Ánh", "Trần Thị Dung", "Nguyễn Văn Đức"]
