"""No party's name leaves the ward (design.md §3): a demo ward's bundle, opened with the stock
`age` tool, names none of its parties or invited persons; the district's lists, search and
logbook show none; a district that held unredacted text keeps none of it anywhere in its files;
an old-format bundle arrives with its free text blanked."""

import json
import re
import shutil
import subprocess
import zipfile

import pyrage
import pytest

from app.canonical import canonical_bytes
from app.cli.main import run
from app.db.migrate import alembic_config
from app.db.sqlite import make_engine, online_backup, transaction
from app.db.store import Store
from app.demo import fill_demo_data
from app.services import records as svc
from app.services.maintenance import open_installation
from app.services.preferences import put_settings
from app.services.setup import set_up
from app.sync.archive import Limits, read_archive, write_archive
from app.sync.export import export_bundle
from app.sync.importer import import_bundles
from app.sync.keys import KeyFolder
from app.sync.manifest import trusted_comment
from app.sync.outgoing import WITHHOLD_SETTING
from app.sync.redact import COURTESY_WORDS
from app.sync.travel import strip_personal, withheld_title
from app.text import fold
from tests import factories as f
from tests.bundle_helpers import member_entry, records_of, sign, with_records
from tests.exchange import introduce, new_pc_from_backup

WARD, DISTRICT = "00167", "01"
pytestmark = pytest.mark.skipif(shutil.which("age") is None, reason="needs the age tool")


def _texts(value) -> list[str]:
    """Every text in a record's data but identifiers."""
    if isinstance(value, dict):
        return [text for item in value.values() for text in _texts(item)]
    if isinstance(value, list):
        return [text for item in value for text in _texts(item)]
    uuid = isinstance(value, str) and re.fullmatch(r"[0-9a-f-]{36}", value)
    return [value] if isinstance(value, str) and not uuid else []


def _unaccented(text: str) -> str:
    return "".join(fold(ch).upper() if ch.isupper() else fold(ch) for ch in text)


def name_forms(name: str) -> set[str]:
    """A name as officers write it: as recorded, upper and lower case, without diacritics; and
    its given name after each courtesy word."""
    forms = {name, name.upper(), name.lower(), _unaccented(name), _unaccented(name).upper()}
    given_name = name.split()[-1]
    for courtesy in COURTESY_WORDS:
        for word in (courtesy, courtesy.capitalize()):
            forms |= {f"{word} {given_name}", f"{_unaccented(word)} {_unaccented(given_name)}"}
    return forms | {fold(form) for form in forms}


def _phrases(text: str) -> set[str]:
    words = re.findall(r"\w+", text)
    return {" ".join(words[i : i + n]) for n in range(1, 6) for i in range(len(words))}


def found_forms(text: str, names: set[str]) -> set[str]:
    phrases = _phrases(text)
    return {form for name in names for form in name_forms(name) if form in phrases}


@pytest.fixture(scope="module")
def demo_pair(tmp_path_factory):
    root = tmp_path_factory.mktemp("redaction")
    district = set_up(root / "district", "district", DISTRICT, name="Sở Tư pháp Hà Nội").store
    ward = set_up(root / "ward", "ward", WARD, province=DISTRICT, officer="Nguyễn Thị Hà").store
    introduce(district, ward)
    fill_demo_data(ward, sessions=60, cases=150, people=40, seed=7)
    yield ward, district, root
    ward.close()
    district.close()


def party_names(ward: Store) -> set[str]:
    """Every party's and invited person's name, minus those that are also a person's name in
    the ward's own lists (mediators and reporters travel by name: they are public roles)."""
    cases = svc.list_records(ward, "cases", include_deleted=True, limit=10**6)
    names = {p["full_name"] for c in cases for p in c["data"]["parties"]}
    names |= {p["name"] for c in cases for p in c["data"]["invited_persons"]}
    people = svc.list_records(ward, "people", include_deleted=True, limit=10**6)
    return names - {p["data"]["full_name"] for p in people}


def test_the_demo_writes_names_the_way_officers_do(demo_pair):
    ward, _district, _root = demo_pair
    cases = svc.list_records(ward, "cases", limit=10**6)
    texts = " ".join(
        " ".join(filter(None, (c["data"]["title"], c["data"]["summary"], c["data"]["notes"])))
        for c in cases
    )
    names = party_names(ward)
    unaccented = {_unaccented(name) for name in names}
    assert any(name in texts for name in names)
    assert any(name in texts for name in unaccented)
    assert re.search(r"\b(ông|bà|anh|chị) [A-ZĐ]\w+", texts)
    assert re.search(r"\d{10}", texts)  # a phone number in a note
    assert any(p["name"] in texts for c in cases for p in c["data"]["invited_persons"])


def test_a_bundle_opened_with_age_names_no_party(demo_pair, tmp_path):
    ward, district, _root = demo_pair
    result = export_bundle(ward, tmp_path)
    assert result.names_replaced > 0 and result.numbers_replaced > 0
    subprocess.run(
        ["age", "-d", "-i", str(district.folder.keys / "age.key"), "-o", str(tmp_path / "b.zip"),
         str(result.path)],
        check=True,
    )  # fmt: skip
    with zipfile.ZipFile(tmp_path / "b.zip") as archive:
        members = {name: archive.read(name).decode() for name in archive.namelist()}
    everything = "\n".join(members.values())
    names = party_names(ward)
    assert len(names) > 200
    assert found_forms(everything, names) == set()
    # Every case still travels, each under a title, with no phone or identity number.
    lines = [json.loads(line) for line in members["records/cases.jsonl"].splitlines()]
    texts = [text for line in lines for text in _texts(line["data"])]
    assert not [text for text in texts if re.search(r"[0-9]{9}", text)]
    held = svc.list_records(ward, "cases", include_deleted=True, limit=10**6)
    assert len(lines) == len(held)
    assert all(line["data"]["title"] for line in lines)
    assert all(p["name"] is None for line in lines for p in line["data"]["invited_persons"])
    # The hash is still that of what the ward holds.
    assert {line["content_sha256"] for line in lines} == {c["content_sha256"] for c in held}


def test_the_district_shows_no_party_name(demo_pair, tmp_path):
    ward, district, _root = demo_pair
    bundle = export_bundle(ward, tmp_path).path
    [outcome] = import_bundles(district, [bundle])
    assert outcome.status == "imported"
    names = party_names(ward)
    cases = svc.list_records(district, "cases", ward_code=WARD, include_deleted=True, limit=10**6)
    assert len(cases) == len(svc.list_records(ward, "cases", include_deleted=True, limit=10**6))
    assert found_forms(json.dumps(cases, ensure_ascii=False), names) == set()
    with district.read() as connection:
        index = " ".join(connection.exec_driver_sql("SELECT text FROM search_cases").scalars())
    # The index is folded: "ảnh hưởng" reads "anh huong" there, so only full names are sought.
    phrases = set(_phrases(index))
    assert {name for name in names if fold(name) in phrases} == set()
    out = tmp_path / "so.csv"
    args = ["--data-dir", str(district.folder.root), "report", "mediation-logbook"]
    assert run([*args, "--period", "2026", "--format", "csv", "--out", str(out)]) == 0
    assert found_forms(out.read_text(encoding="utf-8-sig"), names) == set()


def test_the_ward_can_send_no_case_texts(demo_pair, tmp_path):
    """Titles as "Vụ việc số N", no narrative; the district takes the new text of versions it
    already holds (the same revision, another travelling line)."""
    ward, district, _root = demo_pair
    import_bundles(district, [export_bundle(ward, tmp_path).path])
    put_settings(ward, {WITHHOLD_SETTING: True})
    try:
        [outcome] = import_bundles(district, [export_bundle(ward, tmp_path).path])
    finally:
        put_settings(ward, {WITHHOLD_SETTING: None})
    assert outcome.counts["cases"]["unchanged"] == outcome.records["cases"]
    for case in svc.list_records(district, "cases", ward_code=WARD, limit=10**6):
        data = case["data"]
        assert data["title"] == withheld_title(data)
        assert data["summary"] is None and data["agreement"] is None and data["notes"] is None


# -- what a district already held --------------------------------------------------------------


def _downgrade(db, target: str) -> None:
    from alembic import command

    engine = make_engine(db, foreign_keys=False)
    try:
        with transaction(engine, write=True) as connection:
            command.downgrade(alembic_config(connection), target)
    finally:
        engine.dispose()


def _write_unredacted(district: Store, ward: Store) -> None:
    """What a district of schema 0003 held: the ward's case texts as written, in the records,
    a conflict copy and the search index."""
    held = svc.list_records(ward, "cases", include_deleted=True, limit=10**6)
    with district.write() as connection:
        ids = dict(connection.exec_driver_sql("SELECT uuid, id FROM cases").fetchall())
        for case in held:
            data = case["data"]
            connection.exec_driver_sql(
                "UPDATE cases SET title = ?, summary = ?, notes = ?, invited_persons = ? "
                "WHERE id = ?",
                (data["title"], data["summary"], data["notes"],
                 json.dumps(data["invited_persons"], ensure_ascii=False), ids[case["uuid"]]),
            )  # fmt: skip
            connection.exec_driver_sql(
                "INSERT INTO search_cases(rowid, text) VALUES (?, ?)",
                (ids[case["uuid"]] + 10**6, fold(f"{data['title']} {data['summary']}")),
            )
        first = held[0]  # as schema 3 sent it: personal data out, the free text in
        data = strip_personal("cases", first["data"])
        data["invited_persons"] = first["data"]["invited_persons"]
        line = {**first, "data": data, "revision": 1, "content_sha256": "0" * 64}
        connection.exec_driver_sql(
            "INSERT INTO conflicts (ward_code, kind, uuid, stored_revision, stored_sha256, "
            "incoming_revision, incoming_sha256, incoming_generation, incoming_record, raised_at, "
            "status) VALUES (?, 'cases', ?, 1, ?, 1, ?, 1, ?, '2026-01-01T00:00:00Z', 'open')",
            (WARD, first["uuid"], first["content_sha256"], "0" * 64,
             json.dumps(line, ensure_ascii=False)),
        )  # fmt: skip


def _raw_bytes(folder) -> bytes:
    return b"".join(path.read_bytes() for path in folder.rglob("*") if path.is_file())


def test_a_district_that_held_names_keeps_none_after_the_next_bundle(tmp_path):
    district = set_up(tmp_path / "district", "district", DISTRICT, name="Sở Tư pháp").store
    ward = set_up(tmp_path / "ward", "ward", WARD, province=DISTRICT, officer="Trần Thị An").store
    introduce(district, ward)
    fill_demo_data(ward, sessions=10, cases=40, people=20, seed=11)
    import_bundles(district, [export_bundle(ward, tmp_path).path])
    district.close()
    _downgrade(district.folder.db, "0003")
    held_district = Store(district.folder)  # opened as it is, without upgrading
    try:
        _write_unredacted(held_district, ward)
    finally:
        held_district.close()
    names = party_names(ward)
    raw = _raw_bytes(district.folder.root)
    assert any(name.encode() in raw for name in names)  # the test really starts from names
    # An upgrade backup, as the 0003 code left it, holds them too.
    district.folder.backups.mkdir(exist_ok=True)
    shutil.copy(district.folder.db, district.folder.backups / "tiepcan-20261101-schema-0003.db")

    upgraded = open_installation(district.folder.root)
    try:
        assert upgraded.notices
        cases = svc.list_records(upgraded, "cases", ward_code=WARD, limit=10**6)
        assert all(case["data"]["summary"] is None for case in cases)
        import_bundles(upgraded, [export_bundle(ward, tmp_path).path])
        cases = svc.list_records(upgraded, "cases", ward_code=WARD, limit=10**6)
        assert any(case["data"]["summary"] for case in cases)  # the redacted text came back
        # The search index was rebuilt: cases are found again by their team's name.
        team = svc.list_records(ward, "teams", limit=1)[0]["data"]["name"]
        assert svc.list_records(upgraded, "cases", search=fold(team), ward_code=WARD)
    finally:
        upgraded.close()
        ward.close()
    raw = _raw_bytes(district.folder.root)
    leaked = {name for name in names if name.encode() in raw or _unaccented(name).encode() in raw}
    assert leaked == set()
    assert not list(district.folder.backups.glob("*-schema-0003.db"))


def test_an_old_format_bundle_arrives_with_its_free_text_blanked(district, ward, tmp_path):
    """A ward that has not updated TiepCan yet sends schema 3: unredacted text, invited names."""
    introduce(district, ward)
    fill_demo_data(ward, sessions=5, cases=20, people=15, seed=5)
    keys = KeyFolder(ward.folder.keys)
    path = export_bundle(ward, tmp_path).path
    members = read_archive(pyrage.decrypt(path.read_bytes(), [keys.identity()]), Limits())
    held = {
        c["uuid"]: c["data"]
        for c in svc.list_records(ward, "cases", include_deleted=True, limit=10**6)
    }
    cases = records_of(members, "cases")
    for record in cases:  # as the schema-3 code wrote them: names in the text, invited named
        data = held[record["uuid"]]
        record["data"].update(title=data["title"], invited_persons=data["invited_persons"])
    members = with_records(members, "cases", cases)
    manifest = json.loads(members["manifest.json"])
    manifest["schema_version"] = 3
    manifest["members"] = [member_entry(m["name"], members[m["name"]]) for m in manifest["members"]]
    members["manifest.json"] = canonical_bytes(manifest)
    comment = trusted_comment(WARD, manifest["seq"], manifest["bundle_id"])
    members["manifest.json.minisig"] = sign(members["manifest.json"], comment, keys.secret_key())
    recipient = KeyFolder(district.folder.keys).public().age_recipient
    old = tmp_path / "old.tcb"
    old.write_bytes(
        pyrage.encrypt(write_archive(members), [pyrage.x25519.Recipient.from_str(recipient)])
    )
    [outcome] = import_bundles(district, [old])
    assert outcome.status == "imported", outcome.reason
    names = party_names(ward)
    stored = svc.list_records(district, "cases", ward_code=WARD, include_deleted=True, limit=10**6)
    assert len(stored) == len(held)
    assert found_forms(json.dumps(stored, ensure_ascii=False), names) == set()
    for case in stored:
        assert case["data"]["title"] == withheld_title(case["data"])
        assert case["data"]["summary"] is None and case["data"]["notes"] is None
        assert all(p["name"] is None for p in case["data"]["invited_persons"])


def test_the_command_line_export_says_how_many_names_were_replaced(
    demo_pair, tmp_path, capsys, monkeypatch
):
    ward, _district, _root = demo_pair
    monkeypatch.setattr("app.i18n._current", "en")  # GUI tests may have chosen Vietnamese
    capsys.readouterr()
    assert (
        run(["bundle", "export", "--out", str(tmp_path), "--data-dir", str(ward.folder.root)]) == 0
    )
    said = capsys.readouterr().out
    replaced = re.search(r"(\d+) names of parties and invited persons were replaced", said)
    assert replaced and int(replaced.group(1)) > 100
    assert "Case texts were not sent" not in said


def test_a_conflict_copy_takes_the_wards_new_redaction(district, ward, tmp_path):
    """A version held in a conflict that arrives again redacted anew keeps only the new line."""
    introduce(district, ward)
    session = svc.create(
        ward, "sessions", f.session_data(notes="Có ông Phạm Văn Khải tham dự và phát biểu.")
    )
    backup = tmp_path / "backup.db"
    online_backup(ward.folder.db, backup)
    import_bundles(district, [export_bundle(ward, tmp_path / "1.tcb").path])
    svc.update(ward, "sessions", session["uuid"], {"attendees": 130})
    import_bundles(district, [export_bundle(ward, tmp_path / "2.tcb").path])
    ward.close()
    # A new PC from last week's database, with new keys: its edit is a conflict at the district.
    replacement = new_pc_from_backup(district, backup, tmp_path / "new-pc")
    try:
        svc.update(replacement, "sessions", session["uuid"], {"attendees": 70})
        outcome = import_bundles(district, [export_bundle(replacement, tmp_path / "3.tcb").path])
        assert outcome[0].counts["sessions"]["conflict"] == 1
        # Mr Khải turns out to be a party to a case: the session's note now travels redacted.
        svc.create(
            replacement,
            "cases",
            f.case_data(parties=[{"role": "requester", "full_name": "Phạm Văn Khải"}]),
        )
        import_bundles(district, [export_bundle(replacement, tmp_path / "4.tcb").path])
    finally:
        replacement.close()
    with district.read() as connection:
        [copy] = connection.exec_driver_sql("SELECT incoming_record FROM conflicts").scalars()
    assert "P.V.K." in json.loads(copy)["data"]["notes"] and "Khải" not in copy


def test_texts_that_read_alike_once_redacted_still_travel(district, ward, tmp_path):
    """Two subject tags that differ only by a phone number, or by a name's spelling, become one
    tag on the way out; the district accepts the bundle."""
    introduce(district, ward)
    tags = ["SĐT 0912345678", "SĐT 0987654321", "Trần Văn Hùng", "tran van hung"]
    case = svc.create(
        ward,
        "cases",
        f.case_data(
            subject_tags=tags, parties=[{"role": "requester", "full_name": "Trần Văn Hùng"}]
        ),
    )
    [outcome] = import_bundles(district, [export_bundle(ward, tmp_path).path])
    assert outcome.status == "imported", outcome.reason
    held = svc.get(district, "cases", case["uuid"], ward_code=WARD)
    assert held["data"]["subject_tags"] == ["SĐT …", "T.V.H."]


def test_an_interrupted_clean_up_runs_again_at_the_next_opening(tmp_path, monkeypatch):
    """VACUUM can fail (a full disk): the upgrade's clean-up stays pending until it succeeds."""
    from app.db import sqlite
    from app.errors import EnvironmentProblem

    district = set_up(tmp_path / "district", "district", DISTRICT, name="Sở Tư pháp").store
    district.close()
    _downgrade(district.folder.db, "0003")
    district.folder.backups.mkdir(exist_ok=True)
    old_copy = district.folder.backups / "tiepcan-20261101-schema-0003.db"
    shutil.copy(district.folder.db, old_copy)

    def full_disk(engine):
        raise EnvironmentProblem("The disk is full: free some space, then try again.")

    monkeypatch.setattr(sqlite.SPECIFIC, "compact", full_disk)  # the clean-up's VACUUM
    with pytest.raises(EnvironmentProblem):
        open_installation(district.folder.root)
    assert old_copy.exists()
    monkeypatch.undo()
    store = open_installation(district.folder.root)
    store.close()
    assert not old_copy.exists() and store.notices
    again = open_installation(district.folder.root)
    again.close()
    assert again.notices == []
