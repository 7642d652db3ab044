"""The standard tools agree with us: `age` decrypts our bundles, `minisign` verifies our
manifests, and a bundle assembled by hand with age, minisign, zip and a text editor, as the
README describes, imports."""

import hashlib
import json
import os
import shutil
import subprocess
import uuid

import pytest

from app.sync.export import export_bundle
from app.sync.importer import import_bundles
from app.sync.trust import own_keys
from tests import factories as f
from tests.exchange import introduce

TOOLS = ("age", "minisign", "zip", "unzip")
missing = [tool for tool in TOOLS if shutil.which(tool) is None]
if missing and not os.environ.get("CI"):
    pytest.skip(f"needs {', '.join(missing)}", allow_module_level=True)


def sh(*args, cwd=None, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(list(map(str, args)), cwd=cwd, check=True, capture_output=True, **kwargs)


@pytest.fixture
def exported(district, ward, tmp_path):
    introduce(district, ward)
    a = f.person(ward)
    svc_session = f.session_data(presenters=[a["uuid"]])
    from app.services import records as svc

    svc.create(ward, "sessions", svc_session)
    svc.create(ward, "cases", f.case_data(mediators=[a["uuid"]]))
    return district, ward, export_bundle(ward, tmp_path / "b.tcb")


def test_age_decrypts_for_the_district_and_the_ward(exported, tmp_path):
    district, ward, bundle = exported
    for folder in (district.folder, ward.folder):
        out = tmp_path / f"{folder.root.name}.zip"
        sh("age", "-d", "-i", folder.keys / "age.key", "-o", out, bundle.path)
        listing = sh("unzip", "-Z1", out).stdout.decode().split()
        assert sorted(listing) == sorted(
            ["manifest.json", "manifest.json.minisig"]
            + [f"records/{k}.jsonl" for k in ("sessions", "cases", "people", "teams", "trainings")]
        )


def test_minisign_verifies_the_manifest(exported, tmp_path):
    district, ward, bundle = exported
    sh("age", "-d", "-i", district.folder.keys / "age.key", "-o", tmp_path / "b.zip", bundle.path)
    sh("unzip", "-q", tmp_path / "b.zip", "-d", tmp_path / "x")
    result = sh(
        "minisign",
        "-V",
        "-p",
        ward.folder.keys / "minisign.pub",
        "-m",
        tmp_path / "x" / "manifest.json",
    )
    manifest = json.loads((tmp_path / "x" / "manifest.json").read_text())
    expected = f"tiepcan ward=00167 seq=1 bundle={manifest['bundle_id']}"
    assert f"Trusted comment: {expected}" in result.stdout.decode()
    assert (
        sh(
            "minisign",
            "-V",
            "-p",
            ward.folder.keys / "minisign.pub",
            "-m",
            tmp_path / "x" / "manifest.json",
            "-q",
        ).returncode
        == 0
    )


def test_a_bundle_assembled_by_hand_imports(exported, tmp_path):
    """README, "Checking and making a bundle by hand", step by step with the stock tools."""
    district, ward, bundle = exported
    import_bundles(district, [bundle.path])
    work = tmp_path / "hand"
    (work / "records").mkdir(parents=True)
    # Records: the ward's records files, as a text editor would save them.
    sh("age", "-d", "-i", ward.folder.keys / "age.key", "-o", tmp_path / "old.zip", bundle.path)
    sh("unzip", "-q", tmp_path / "old.zip", "records/*", "-d", work)
    members = []
    for kind in ("sessions", "cases", "people", "teams", "trainings"):
        content = (work / "records" / f"{kind}.jsonl").read_bytes()
        members.append(
            {
                "name": f"records/{kind}.jsonl",
                "size": len(content),
                "sha256": hashlib.sha256(content).hexdigest(),
                "records": content.count(b"\n"),
            }
        )
    public = own_keys(ward)
    bundle_id = str(uuid.uuid4())
    manifest = {
        "format": "tiepcan-bundle",
        "format_version": 1,
        "schema_version": 2,
        "bundle_id": bundle_id,
        "ward": {"code": "00167", "name": "Phường Cầu Giấy", "province": "01"},
        "key_id": public.key_id,
        "seq": 2,
        "prev_manifest_sha256": bundle.manifest_sha256,
        "created_at": "2026-11-26T08:00:00Z",
        "audience": "01",
        "members": members,
    }
    text = json.dumps(manifest, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    (work / "manifest.json").write_bytes(text.encode("utf-8"))
    sh(
        "minisign", "-S", "-s", ward.folder.keys / "minisign.key", "-m", work / "manifest.json",
        "-t", f"tiepcan ward=00167 seq=2 bundle={bundle_id}", stdin=subprocess.DEVNULL,
    )  # fmt: skip
    sh(
        "zip",
        "-q",
        "-X",
        "-D",
        "hand.zip",
        "manifest.json",
        "manifest.json.minisig",
        *[m["name"] for m in members],
        cwd=work,
    )
    recipient = next(
        line.split(": ")[1]
        for line in (district.folder.keys / "age.key").read_text().splitlines()
        if line.startswith("# public key:")
    )
    sh("age", "-r", recipient, "-o", tmp_path / "hand.tcb", work / "hand.zip")
    outcome = import_bundles(district, [tmp_path / "hand.tcb"])[0]
    assert (outcome.status, outcome.reason_code, outcome.warnings) == ("imported", None, [])
    assert outcome.counts["sessions"]["unchanged"] == 1
