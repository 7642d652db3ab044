"""The bundle's manifest (design.md §3): its fields, fixed per format version, and their check."""

import re

from app.errors import N_
from app.sync.errors import BundleError
from app.text import clean_line, has_control_chars
from app.units import PROVINCE_CODE, WARD_CODE

FORMAT = "tiepcan-bundle"
FORMAT_VERSION = 1
KINDS_IN_BUNDLE = ("sessions", "cases", "people", "teams", "trainings")
MEMBER_NAMES = tuple(f"records/{kind}.jsonl" for kind in KINDS_IN_BUNDLE)
ZIP_MEMBERS = frozenset({"manifest.json", "manifest.json.minisig", *MEMBER_NAMES})

FIELDS = frozenset(
    {
        "format",
        "format_version",
        "schema_version",
        "bundle_id",
        "ward",
        "key_id",
        "seq",
        "prev_manifest_sha256",
        "created_at",
        "audience",
        "members",
    }
)
WARD_FIELDS = frozenset({"code", "name", "province"})
MEMBER_FIELDS = frozenset({"name", "size", "sha256", "records"})
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_SHA = re.compile(r"[0-9a-f]{64}")
_KEY_ID = re.compile(r"[0-9A-F]{16}")
# An ISO 8601 UTC or offset timestamp, as `now_iso` writes and a person can type by hand.
TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})")


def trusted_comment(ward_code: str, seq: int, bundle_id: str) -> str:
    return f"tiepcan ward={ward_code} seq={seq} bundle={bundle_id}"


def _bad(detail: str) -> BundleError:
    return BundleError(
        "manifest", N_("The bundle's manifest is not valid: {detail}."), detail=detail
    )


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _text(value, limit: int = 200) -> bool:
    """A one-line text as the ward's services store it: trimmed, NFC, no control characters."""
    return (
        isinstance(value, str)
        and 0 < len(value) <= limit
        and clean_line(value) == value
        and not has_control_chars(value)
    )


def check_manifest(manifest, schema_version: int) -> dict:
    """Raise `manifest` or `schema-newer` unless the manifest has exactly the fields of format
    version 1, each of the right type and shape."""
    if not isinstance(manifest, dict):
        raise _bad("not an object")
    if manifest.get("format") != FORMAT:
        raise _bad("format")
    version = manifest.get("format_version")
    if not _is_int(version) or version != FORMAT_VERSION:
        raise _bad("format_version")
    if set(manifest) != FIELDS:
        unknown = sorted(set(manifest) - FIELDS) or sorted(FIELDS - set(manifest))
        raise _bad(", ".join(unknown))
    if not _is_int(manifest["schema_version"]) or manifest["schema_version"] < 1:
        raise _bad("schema_version")
    if manifest["schema_version"] > schema_version:
        raise BundleError(
            "schema-newer",
            N_(
                "This bundle was made by a newer TiepCan (schema {theirs}; this one reads up to {ours}). Update TiepCan here first."
            ),
            theirs=manifest["schema_version"],
            ours=schema_version,
        )
    ward = manifest["ward"]
    if not isinstance(ward, dict) or set(ward) != WARD_FIELDS:
        raise _bad("ward")
    if not (isinstance(ward["code"], str) and WARD_CODE.fullmatch(ward["code"])):
        raise _bad("ward.code")
    if not _text(ward["name"]) or not (
        isinstance(ward["province"], str) and PROVINCE_CODE.fullmatch(ward["province"])
    ):
        raise _bad("ward")
    if not (isinstance(manifest["bundle_id"], str) and _UUID.fullmatch(manifest["bundle_id"])):
        raise _bad("bundle_id")
    if not (isinstance(manifest["key_id"], str) and _KEY_ID.fullmatch(manifest["key_id"])):
        raise _bad("key_id")
    if not _is_int(manifest["seq"]) or manifest["seq"] < 1:
        raise _bad("seq")
    prev = manifest["prev_manifest_sha256"]
    if not isinstance(prev, str) or not (prev == "" or _SHA.fullmatch(prev)):
        raise _bad("prev_manifest_sha256")
    if not (
        isinstance(manifest["created_at"], str) and TIMESTAMP.fullmatch(manifest["created_at"])
    ):
        raise _bad("created_at")
    if not (
        isinstance(manifest["audience"], str) and PROVINCE_CODE.fullmatch(manifest["audience"])
    ):
        raise _bad("audience")
    _check_members(manifest["members"])
    return manifest


def _check_members(members) -> None:
    if not isinstance(members, list) or len(members) != len(MEMBER_NAMES):
        raise _bad("members")
    names = []
    for member in members:
        if not isinstance(member, dict) or set(member) != MEMBER_FIELDS:
            raise _bad("members")
        if not (_is_int(member["size"]) and member["size"] >= 0):
            raise _bad("members.size")
        if not (_is_int(member["records"]) and member["records"] >= 0):
            raise _bad("members.records")
        if not (isinstance(member["sha256"], str) and _SHA.fullmatch(member["sha256"])):
            raise _bad("members.sha256")
        names.append(member["name"])
    if sorted(names, key=str) != sorted(MEMBER_NAMES):
        raise _bad("members.name")
