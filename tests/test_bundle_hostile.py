"""Design.md §3–§4: a hostile bundle is refused with the reason code of the first check it fails
in the reading order, leaves every table but the import journal as it was, and is journalled.

Each case makes one thing wrong and nothing else: a forged manifest is re-signed with the ward's
own key and its member sizes and hashes fixed up, so that only the part under test is bad."""

import base64
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import minisign
import pyrage
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.canonical import canonical_bytes
from app.cli.main import run
from app.db.schema import SCHEMA_VERSION
from app.services.setup import set_up
from app.sync.archive import Limits, write_archive
from app.sync.export import export_bundle
from app.sync.importer import import_bundles, verify_bundle
from app.sync.keys import KeyFolder, key_id_from_line
from app.sync.manifest import trusted_comment
from app.sync.trust import export_card, revoke_key, show_keys, trust_card
from tests.bundle_helpers import (
    Pair,
    crc,
    db_dump,
    declare_size,
    edit_first_record,
    journal,
    make_template,
    patch_local_name,
    patch_name,
    zip_entries,
)


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return make_template(tmp_path_factory.mktemp("template"))


@pytest.fixture
def pair(template, tmp_path):
    pair = Pair.copy_of(template, tmp_path / "pair")
    yield pair
    pair.close()


@dataclass(frozen=True)
class Case:
    name: str
    code: str  # the reason code design.md's reading order gives
    make: Callable[[Pair], Path]  # prepares the district if need be; returns the hostile file
    limits: Limits | None = None


# -- the file and its encryption ------------------------------------------------------------------


def _good(pair: Pair) -> bytes:
    return pair.good.read_bytes()


def bit_flip(pair: Pair) -> Path:
    data = bytearray(_good(pair))
    data[len(data) // 2] ^= 0x01
    return pair.write("flipped.tcb", bytes(data))


def for_someone_else(pair: Pair) -> Path:
    stranger = pyrage.x25519.Identity.generate().to_public()
    return pair.write("stranger.tcb", pyrage.encrypt(write_archive(pair.members()), [stranger]))


# -- the ZIP layer (the manifest and its signature stay good) --------------------------------------


def rezip(pair: Pair, entries: list[tuple[str, bytes]]) -> Path:
    return pair.seal("rezipped.tcb", zip_entries(entries))


def entries(pair: Pair, rename: dict[str, str] | None = None) -> list[tuple[str, bytes]]:
    rename = rename or {}
    return [(rename.get(name, name), data) for name, data in pair.members().items()]


def missing_member(pair: Pair) -> Path:
    return rezip(pair, [(n, d) for n, d in entries(pair) if n != "records/trainings.jsonl"])


def duplicated_member(pair: Pair) -> Path:
    members = pair.members()
    return rezip(pair, [*entries(pair), ("records/teams.jsonl", members["records/teams.jsonl"])])


def member_bigger_than_declared(pair: Pair) -> Path:
    members = pair.members()
    content = members["records/people.jsonl"]
    archive = declare_size(
        write_archive(members), "records/people.jsonl", len(content) - 10, crc(content[:-10])
    )
    return pair.seal("liar.tcb", archive)


BOMB_LIMITS = Limits(member_bytes=64 * 1024)
BOMB = b"\n" * (4 * 2**20)  # 4 MiB that deflate to about 4 KiB


def zip_bomb_declared(pair: Pair) -> Path:
    return pair.seal("bomb.tcb", write_archive({**pair.members(), "records/sessions.jsonl": BOMB}))


def zip_bomb_hidden(pair: Pair) -> Path:
    """The headers claim 100 bytes; the data inflates to 4 MiB."""
    archive = write_archive({**pair.members(), "records/sessions.jsonl": BOMB})
    archive = declare_size(archive, "records/sessions.jsonl", 100, crc(BOMB[:100]))
    return pair.seal("hidden-bomb.tcb", archive)


def renamed_bytes(name: str, new_name: bytes, local_only: bool = False):
    """A name no ZIP writer here would write (a NUL in it; local and central names differing)."""
    patch = patch_local_name if local_only else patch_name
    return lambda p: p.seal("named.tcb", patch(write_archive(p.members()), name, new_name))


# -- the manifest, re-signed validly -----------------------------------------------------------------


def reseal(edit=None, **kwargs) -> Callable[[Pair], Path]:
    return lambda pair: pair.reseal("resealed.tcb", pair.members(), edit, **kwargs)


def as_bytes(transform: Callable[[bytes], bytes]):
    """An edit giving the manifest's canonical bytes, transformed."""
    return lambda manifest: transform(canonical_bytes(manifest))


def seq_text(replacement: bytes):
    return as_bytes(lambda data: data.replace(b'"seq":1,', b'"seq":' + replacement + b","))


def with_spaces(manifest: dict) -> bytes:
    return json.dumps(manifest, sort_keys=True, ensure_ascii=False).encode("utf-8")


def unsorted(manifest: dict) -> bytes:
    reordered = dict(reversed(manifest.items()))
    return json.dumps(reordered, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def setter(**fields) -> Callable[[dict], None]:
    return lambda manifest: manifest.update(fields)


def first_member(**fields) -> Callable[[dict], None]:
    return lambda manifest: manifest["members"][0].update(fields)


def bump_first_member(field: str) -> Callable[[dict], None]:
    def edit(manifest: dict) -> None:
        manifest["members"][0][field] += 1

    return edit


def without(field: str) -> Callable[[dict], None]:
    return lambda manifest: manifest.pop(field)


# -- keys and signatures ---------------------------------------------------------------------------


def unregistered_key(pair: Pair) -> Path:
    stranger = minisign.KeyPair.generate()
    key_id = key_id_from_line(stranger.public_key.to_base64())
    return pair.reseal(
        "stranger-signed.tcb", pair.members(), setter(key_id=key_id), secret_key=stranger.secret_key
    )


def revoked_key(pair: Pair) -> Path:
    revoke_key(pair.district, show_keys(pair.ward)["key_id"])
    return pair.good


def other_wards_key(claim_its_key_id: bool) -> Callable[[Pair], Path]:
    """Ward 00160, registered at this district, signs a bundle that says it is ward 00167's."""

    def make(pair: Pair) -> Path:
        other = set_up(pair.folder / "00160", "ward", "00160", province="01").store
        try:
            trust_card(pair.district, export_card(other), show_keys(other)["fingerprint"])
            keys = KeyFolder(other.folder.keys)
            edit = setter(key_id=keys.public().key_id) if claim_its_key_id else None
            return pair.reseal("impostor.tcb", pair.members(), edit, secret_key=keys.secret_key())
        finally:
            other.close()

    return make


def altered_signature(pair: Pair) -> Path:
    members = pair.members()
    lines = members["manifest.json.minisig"].split(b"\n")
    raw = bytearray(base64.b64decode(lines[1]))
    raw[-1] ^= 0x01  # the last byte of the Ed25519 signature; the key id stays
    lines[1] = base64.b64encode(bytes(raw))
    members["manifest.json.minisig"] = b"\n".join(lines)
    return pair.seal("bad-signature.tcb", write_archive(members))


def signature_file(transform: Callable[[Pair, bytes], bytes]) -> Callable[[Pair], Path]:
    def make(pair: Pair) -> Path:
        members = pair.members()
        members["manifest.json.minisig"] = transform(pair, members["manifest.json"])
        return pair.seal("signature.tcb", write_archive(members))

    return make


def legacy_signature(pair: Pair, manifest: bytes) -> bytes:
    """minisign's legacy mode (not prehashed), which design.md does not admit."""
    comment = trusted_comment("00167", 1, json.loads(manifest)["bundle_id"])
    secret = pair.ward_keys.secret_key()
    return bytes(secret.sign(manifest, prehash=False, trusted_comment=comment)) + b"\n"


def altered_after_signing(pair: Pair) -> Path:
    members = pair.members()
    manifest = json.loads(members["manifest.json"])
    manifest["created_at"] = "2020-01-01T00:00:00Z"
    members["manifest.json"] = canonical_bytes(manifest)
    return pair.seal("altered.tcb", write_archive(members))


def invalid_manifest_not_resigned(pair: Pair) -> Path:
    """The signature is checked before the manifest is parsed: an unsigned, invalid manifest is
    a `signature` refusal, never a `manifest` one."""
    members = pair.members()
    members["manifest.json"] = b'{"format": not json at all'
    return pair.seal("invalid-unsigned.tcb", write_archive(members))


def other_comment(pair: Pair) -> Path:
    manifest = json.loads(pair.members()["manifest.json"])
    comment = trusted_comment("00167", 2, manifest["bundle_id"])
    return pair.reseal("comment.tcb", pair.members(), comment=comment)


# -- members that do not match the manifest ----------------------------------------------------------


def content_changed_not_manifest(pair: Pair) -> Path:
    members = pair.members()
    members["records/sessions.jsonl"] = members["records/sessions.jsonl"].replace(
        b'"attendees":80', b'"attendees":81'
    )
    return pair.seal("edited.tcb", write_archive(members))


# -- records (the manifest fixed up to match them and re-signed) ---------------------------------


def record(kind: str, edit: Callable[[dict], None]) -> Callable[[Pair], Path]:
    return lambda pair: pair.reseal("record.tcb", edit_first_record(pair.members(), kind, edit))


def data(**fields) -> Callable[[dict], None]:
    return lambda record: record["data"].update(fields)


def raw_record(kind: str, placeholder_to: bytes) -> Callable[[Pair], Path]:
    """The first record of a kind with its `notes` set to raw bytes no JSON encoder writes."""

    def make(pair: Pair) -> Path:
        members = edit_first_record(pair.members(), kind, data(notes="@@"))
        name = f"records/{kind}.jsonl"
        members[name] = members[name].replace(b'"@@"', placeholder_to)
        return pair.reseal("raw.tcb", members)

    return make


def first_line_bytes(kind: str, old: bytes, new: bytes) -> Callable[[Pair], Path]:
    """The first record of a kind, its canonical line edited as bytes: what the record readers'
    fast path (canonical lines) must still refuse."""

    def make(pair: Pair) -> Path:
        def edit(record: dict) -> None:
            record.update(revision=7)
            record["data"].update(attendees=7, notes="@@")

        members = edit_first_record(pair.members(), kind, edit)
        name = f"records/{kind}.jsonl"
        first, rest = members[name].split(b"\n", 1)
        assert old in first
        members[name] = first.replace(old, new, 1) + b"\n" + rest
        return pair.reseal("bytes.tcb", members)

    return make


def deep_manifest(depth: int):
    def edit(manifest: dict) -> bytes:
        nested = b"[" * depth + b"]" * depth
        return canonical_bytes(manifest).replace(b'"seq":1,', b'"seq":1,"zz":' + nested + b",")

    return edit


def blank_line(pair: Pair) -> Path:
    members = pair.members()
    members["records/people.jsonl"] = b"\n" + members["records/people.jsonl"]
    return pair.reseal("blank.tcb", members)


def duplicate_record(pair: Pair) -> Path:
    members = pair.members()
    members["records/teams.jsonl"] *= 2
    return pair.reseal("twice.tcb", members)


def party_named(party: dict) -> None:
    party["full_name"] = "Trần Văn Hùng"


# -- acceptance ------------------------------------------------------------------------------------


def replay(pair: Pair) -> Path:
    newer = export_bundle(pair.ward, pair.folder / "seq2.tcb")
    [outcome] = import_bundles(pair.district, [newer.path])
    assert outcome.status == "imported"
    return pair.good


def equivocation(pair: Pair) -> Path:
    [outcome] = import_bundles(pair.district, [pair.good])
    assert outcome.status == "imported"
    return pair.reseal("equivocal.tcb", pair.members(), setter(created_at="2026-01-01T00:00:00Z"))


CASES = [
    # The file, and its age layer.
    Case("empty file", "decrypt", lambda p: p.write("empty.tcb", b"")),
    Case("truncated", "decrypt", lambda p: p.write("cut.tcb", _good(p)[:-100])),
    Case("appended-to", "decrypt", lambda p: p.write("long.tcb", _good(p) + b"more")),
    Case("bit flip in the middle", "decrypt", bit_flip),
    Case("encrypted to someone else", "decrypt", for_someone_else),
    Case("larger than the cap", "too-large", lambda p: p.good, Limits(bundle_bytes=1000)),
    Case("no such file", "unreadable", lambda p: p.folder / "nowhere.tcb"),
    Case("a folder", "unreadable", lambda p: p.folder),
    # The ZIP layer.
    Case("extra member", "zip", lambda p: rezip(p, [*entries(p), ("records/x.jsonl", b"")])),
    Case("duplicated member", "zip", duplicated_member),
    Case(
        "nested path",
        "zip",
        lambda p: rezip(p, entries(p, {"records/sessions.jsonl": "records/x/sessions.jsonl"})),
    ),
    Case(
        "absolute name", "zip", lambda p: rezip(p, entries(p, {"manifest.json": "/manifest.json"}))
    ),
    Case("../ name", "zip", lambda p: rezip(p, entries(p, {"manifest.json": "../manifest.json"}))),
    Case("directory entry", "zip", lambda p: rezip(p, [("records/", b""), *entries(p)])),
    Case("member bigger than its header", "zip", member_bigger_than_declared),
    Case("zip bomb, size declared", "too-large", zip_bomb_declared, BOMB_LIMITS),
    Case("zip bomb, size hidden", "too-large", zip_bomb_hidden, BOMB_LIMITS),
    Case("missing member", "zip", missing_member),
    Case(
        "bytes after the end",
        "zip",
        lambda p: p.seal("trailing.tcb", write_archive(p.members()) + b"trailing"),
    ),
    Case("not a zip", "zip", lambda p: p.seal("garbage.tcb", b"not a zip archive\n" * 20)),
    Case("NUL in a name", "zip", renamed_bytes("records/teams.jsonl", b"records/teams\x00jsonl")),
    Case("backslash name", "zip", renamed_bytes("records/teams.jsonl", b"records\\teams.jsonl")),
    Case(
        "local and central names differ",
        "zip",
        renamed_bytes("records/teams.jsonl", b"records/teamz.jsonl", local_only=True),
    ),
    Case("all members over the cap", "too-large", lambda p: p.good, Limits(total_bytes=2000)),
    # The manifest, validly signed.
    Case("manifest with spaces", "manifest", reseal(with_spaces)),
    Case("manifest keys unsorted", "manifest", reseal(unsorted)),
    Case("manifest duplicate key", "manifest", reseal(seq_text(b'1,"seq":1'))),
    Case("manifest NaN", "manifest", reseal(seq_text(b"NaN"))),
    Case("manifest float", "manifest", reseal(seq_text(b"1.0"))),
    Case("manifest huge integer", "manifest", reseal(seq_text(b"9" * 400))),
    Case("manifest integer 2^53", "manifest", reseal(seq_text(str(2**53).encode()))),
    Case("manifest nesting 33 deep", "manifest", reseal(deep_manifest(33))),
    Case("manifest nesting 400 deep", "manifest", reseal(deep_manifest(400))),
    Case("manifest nesting 100,000 deep", "manifest", reseal(deep_manifest(100_000))),
    Case("manifest unknown field", "manifest", reseal(setter(note="hello"))),
    Case("manifest missing field", "manifest", reseal(without("created_at"))),
    Case("format_version 2", "manifest", reseal(setter(format_version=2))),
    Case("newer schema_version", "schema-newer", reseal(setter(schema_version=SCHEMA_VERSION + 1))),
    Case("members entry size as text", "manifest", reseal(first_member(size="724"))),
    Case("members entry extra key", "manifest", reseal(first_member(mode="rw"))),
    Case("members entry other name", "manifest", reseal(first_member(name="records/x.jsonl"))),
    Case(
        "control character in created_at",
        "manifest",
        reseal(setter(created_at="\x1b[2J2026-01-01")),
    ),
    Case("newline in the ward's name", "manifest", reseal(lambda m: m["ward"].update(name="A\nB"))),
    # Keys and signatures.
    Case("another audience", "audience", reseal(setter(audience="02"))),
    Case("key not registered", "unknown-key", unregistered_key),
    Case("revoked key", "revoked-key", revoked_key),
    Case("another ward's key, its key id", "unknown-key", other_wards_key(True)),
    Case("another ward's key, this key id", "unknown-key", other_wards_key(False)),
    Case("signature bytes altered", "signature", altered_signature),
    Case("signature file garbage", "signature", signature_file(lambda p, m: b"garbage\n" * 4)),
    Case("legacy signature", "signature", signature_file(legacy_signature)),
    Case("manifest altered after signing", "signature", altered_after_signing),
    Case("invalid manifest, not signed again", "signature", invalid_manifest_not_resigned),
    Case("trusted comment differs", "comment", other_comment),
    # Members against the manifest.
    Case("member hash differs", "hash", reseal(first_member(sha256="0" * 64))),
    Case("member size differs", "hash", reseal(bump_first_member("size"))),
    Case("member count differs", "hash", reseal(bump_first_member("records"))),
    Case("member content edited", "hash", content_changed_not_manifest),
    # Records.
    Case(
        "record of another ward", "owner", record("sessions", lambda r: r.update(ward_code="00160"))
    ),
    Case("revision as text", "record", record("sessions", lambda r: r.update(revision="1"))),
    Case("impossible date", "record", record("sessions", data(held_on="2026-02-30"))),
    Case("nesting 100,000 deep", "record", raw_record("sessions", b"[" * 100_000 + b"]" * 100_000)),
    Case("nesting 33 deep", "record", raw_record("sessions", b"[" * 33 + b"]" * 33)),
    Case("nesting 400 deep", "record", raw_record("sessions", b"[" * 400 + b"]" * 400)),
    Case("invalid UTF-8", "record", raw_record("sessions", b'"\xff\xfe"')),
    Case("control character", "record", record("sessions", data(title="Hội nghị\x01"))),
    Case(
        "control character in updated_at",
        "record",
        record("sessions", lambda r: r.update(updated_at="\x1b[2J2026-01-01")),
    ),
    Case("text over 64 KiB", "too-large", record("sessions", data(notes="a" * (64 * 1024 + 1)))),
    Case("line over 1 MiB", "too-large", record("sessions", data(notes="a" * 2**20))),
    Case("blank line", "record", blank_line),
    # Lines that stay canonical in form, against the fast path for canonical lines.
    Case(
        "duplicate key, keys still in order",
        "record",
        first_line_bytes("sessions", b'"deleted":false', b'"deleted":false,"deleted":false'),
    ),
    Case(
        "float revision",
        "record",
        first_line_bytes("sessions", b'"revision":7,', b'"revision":7.0,'),
    ),
    Case(
        "float count", "record", first_line_bytes("sessions", b'"attendees":7', b'"attendees":7.0')
    ),
    Case(
        "revision 2^53",
        "record",
        first_line_bytes("sessions", b'"revision":7,', f'"revision":{2**53},'.encode()),
    ),
    Case(
        "revision 2^64",
        "record",
        first_line_bytes("sessions", b'"revision":7,', f'"revision":{2**64},'.encode()),
    ),
    Case(
        "lone surrogate",
        "record",
        first_line_bytes("sessions", b'"@@"', b'"\\ud800"'),
    ),
    Case("record twice", "record", duplicate_record),
    Case("unknown record field", "record", record("teams", lambda r: r.update(extra=1))),
    Case(
        "party's name present",
        "record",
        record("cases", lambda r: party_named(r["data"]["parties"][0])),
    ),
    Case("person's phone present", "record", record("people", data(phone="0912345678"))),
    # Acceptance.
    Case("replay of an older seq", "replay", replay),
    Case("equivocation", "equivocation", equivocation),
]


def test_records_written_by_another_tool_import_as_the_wards_own(pair, tmp_path):
    """Keys in another order and spaces between them are valid JSON of the format: the strict
    reader reads such lines (the fast path takes only canonical ones) and the district ends up
    with the same records."""
    members = pair.members()
    for name in [n for n in members if n.startswith("records/")]:
        lines = [json.loads(line) for line in members[name].splitlines()]
        members[name] = b"".join(
            json.dumps(dict(reversed(line.items())), ensure_ascii=True, indent=None).encode()
            + b"\n"
            for line in lines
        )
    path = pair.reseal("spaced.tcb", members)
    sessions = pair.members(path)["records/sessions.jsonl"]
    assert b'", "' in sessions
    [outcome] = import_bundles(pair.district, [path])
    assert outcome.status == "imported", outcome.reason
    assert outcome.counts["sessions"]["new"] == sessions.count(b"\n") > 0


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_hostile_bundle_is_refused_and_changes_nothing(pair, case):
    path = case.make(pair)
    tables, journalled = db_dump(pair.district), journal(pair.district)

    checked = verify_bundle(pair.district, path, limits=case.limits)
    [outcome] = import_bundles(pair.district, [path], limits=case.limits)

    assert (checked.status, checked.reason_code) == ("refused", case.code), checked.reason
    assert (outcome.status, outcome.reason_code) == ("refused", case.code), outcome.reason
    assert outcome.reason and "\n" not in outcome.reason
    assert db_dump(pair.district) == tables
    rows = journal(pair.district)
    assert rows[: len(journalled)] == journalled
    [row] = rows[len(journalled) :]
    assert (row["outcome"], row["reason_code"], row["file_name"]) == (
        "refused",
        case.code,
        path.name,
    )


# -- the command line ------------------------------------------------------------------------------

CLI_CASES = [
    "empty file",
    "bit flip in the middle",
    "extra member",
    "manifest unknown field",
    "another audience",
    "record of another ward",
    "replay of an older seq",
]
BY_NAME = {case.name: case for case in CASES}
BUNDLE_KEYS = {"file", "status", "reason_code", "reason", "warnings", "counts"}


def import_by_cli(pair: Pair, paths: list[Path]) -> int:
    folder = str(pair.district.folder.root)
    return run(["--data-dir", folder, "bundle", "import", *map(str, paths), "--json"])


@pytest.mark.parametrize("name", CLI_CASES)
def test_cli_refuses_with_one_line_and_the_json_of_the_contract(pair, name, capsys):
    case = BY_NAME[name]
    path = case.make(pair)
    tables = db_dump(pair.district)
    capsys.readouterr()

    assert import_by_cli(pair, [path]) == 1

    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1 and "Traceback" not in captured.err
    report = json.loads(captured.out)
    assert report["dry_run"] is False
    [bundle] = report["bundles"]
    assert set(bundle) >= BUNDLE_KEYS
    assert (bundle["status"], bundle["reason_code"]) == ("refused", case.code)
    assert bundle["file"] == str(path)
    assert isinstance(bundle["reason"], str) and bundle["reason"]
    assert bundle["warnings"] == [] and bundle["counts"] in ({}, None)
    assert db_dump(pair.district) == tables


def test_cli_several_files_one_line_per_refusal(pair, capsys):
    hostile = [BY_NAME[name].make(pair) for name in ("empty file", "missing member", "blank line")]
    capsys.readouterr()

    assert import_by_cli(pair, [*hostile, pair.good]) == 1

    captured = capsys.readouterr()
    assert captured.err.count("\n") == 3
    bundles = json.loads(captured.out)["bundles"]
    assert [(b["status"], b["reason_code"]) for b in bundles] == [
        ("refused", "decrypt"),
        ("refused", "zip"),
        ("refused", "record"),
        ("imported", None),
    ]
    assert set(bundles[-1]["counts"]["people"]) == {
        "new",
        "updated",
        "deleted",
        "unchanged",
        "stale",
        "conflict",
    }


def test_cli_a_file_name_with_a_newline_still_gives_one_line(pair, capsys):
    # A name on a USB stick is the sender's choice; the refusal must stay one plain line.
    path = pair.write("bundle\n[imported].tcb", b"")
    capsys.readouterr()

    assert import_by_cli(pair, [path]) == 1

    assert capsys.readouterr().err.count("\n") == 1


# -- any damage to a good file -------------------------------------------------------------------


@pytest.fixture(scope="module")
def shared_pair(template, tmp_path_factory):
    """One district for every example: a refused import changes nothing but the journal."""
    pair = Pair.copy_of(template, tmp_path_factory.mktemp("shared"))
    yield pair
    pair.close()


def damaged(good: bytes) -> st.SearchStrategy[bytes]:
    def flip(at: int, mask: int) -> bytes:
        data = bytearray(good)
        data[at] ^= mask
        return bytes(data)

    flips = st.builds(flip, st.integers(0, len(good) - 1), st.integers(1, 255))
    cuts = st.integers(0, len(good) - 1).map(lambda n: good[:n])
    extensions = st.binary(min_size=1, max_size=100).map(lambda tail: good + tail)
    return st.one_of(flips, cuts, extensions)


def _damaged_file_is_refused(pair: Pair, data) -> None:
    bad = data.draw(damaged(pair.good.read_bytes()))
    path = pair.write("damaged.tcb", bad)
    tables = db_dump(pair.district)
    # Returning at all shows no exception but BundleError left the reader.
    [outcome] = import_bundles(pair.district, [path])
    assert outcome.status == "refused", outcome
    assert db_dump(pair.district) == tables


@given(data=st.data())
def test_any_flip_cut_or_extension_is_refused(shared_pair, data):
    _damaged_file_is_refused(shared_pair, data)


@pytest.mark.slow
@given(data=st.data())
@settings(max_examples=300)
def test_any_flip_cut_or_extension_is_refused_many(shared_pair, data):
    _damaged_file_is_refused(shared_pair, data)


# -- the tools themselves: without a mutation they make bundles that are imported ----------------

CONTROLS = {
    "re-sealed as is": lambda p: p.reseal("same.tcb", p.members()),
    "re-zipped as is": lambda p: rezip(p, entries(p)),
    "a record edited validly": record("sessions", data(attendees=81)),
    "re-signed by the ward with a new created_at": reseal(
        setter(created_at="2026-01-01T00:00:00Z")
    ),
}


@pytest.mark.parametrize("name", CONTROLS)
def test_without_the_mutation_the_bundle_is_imported(pair, name):
    [outcome] = import_bundles(pair.district, [CONTROLS[name](pair)])
    assert (outcome.status, outcome.reason_code) == ("imported", None), outcome.reason
