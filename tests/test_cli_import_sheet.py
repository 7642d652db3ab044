"""`tiepcan import-sheet` (design.md §4): the JSON shape, the plain lines, the exit codes."""

import json

import pytest

from app import sheets
from app.cli.main import run
from app.services import records as svc
from tests.sheet_makers import mediators_xlsx


@pytest.fixture
def mediators(tmp_path):
    return mediators_xlsx(tmp_path / "hoa-giai-vien.xlsx")


def _run(capsys, store, *argv) -> tuple[int, str, str]:
    capsys.readouterr()
    status = run(["import-sheet", *map(str, argv), "--data-dir", str(store.folder.root)])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_dry_run_json_writes_nothing_and_exits_1_for_refused_rows(ward, mediators, capsys):
    status, out, _err = _run(capsys, ward, mediators, "--kind", "people", "--dry-run", "--json")
    assert status == 1
    report = json.loads(out)
    assert report == {
        "dry_run": True,
        "kind": "people",
        "rows": {"new": 6, "duplicate": 1, "refused": 2, "skipped": 3},
        "refused": [
            {"row": 12, "column": "Ngày QĐ", "reason": report["refused"][0]["reason"]},
            {"row": 13, "column": "Thôn/TDP", "reason": report["refused"][1]["reason"]},
        ],
    }
    assert "tháng 3/2024" in report["refused"][0]["reason"]
    assert svc.list_records(ward, "people") == []


def test_the_good_rows_are_imported_even_when_others_are_refused(ward, mediators, capsys):
    status, out, _ = _run(capsys, ward, mediators, "--kind", "people", "--json")
    assert status == 1 and json.loads(out)["dry_run"] is False
    assert len(svc.list_records(ward, "people")) == 6
    status, out, _ = _run(capsys, ward, mediators, "--kind", "people", "--json")
    assert json.loads(out)["rows"]["new"] == 0 and json.loads(out)["rows"]["duplicate"] == 7
    assert len(svc.list_records(ward, "people")) == 6


def test_plain_output_one_line_per_status_and_per_refused_row(ward, mediators, capsys):
    status, out, _ = _run(capsys, ward, mediators, "--kind", "people", "--dry-run")
    # The mapping first (one line per column read, one for those ignored), then the counts.
    mapped = sum(1 for c in sheets.plan_import(ward, mediators, "people").columns if c.field)
    assert out.splitlines()[mapped].startswith(("Cột bỏ qua: ", "Columns ignored: "))
    lines = out.splitlines()[mapped + 1 :]
    assert status == 1 and len(lines) == 6
    assert lines[0].endswith(": 6") and lines[3].endswith(": 3")
    assert lines[4].startswith("Dòng 12, cột “Ngày QĐ”: ") or lines[4].startswith(
        "Row 12, column “Ngày QĐ”: "
    )


def test_a_clean_sheet_exits_0_and_a_mapping_file_is_taken(ward, mediators, tmp_path, capsys):
    mapping = tmp_path / "cot.json"
    # The decision date ignored: the month-only row goes in; the mediator with no hamlet does not.
    mapping.write_text(json.dumps({"Ngày QĐ": None, "Ghi chú": None}), encoding="utf-8")
    status, out, _ = _run(capsys, ward, mediators, "--kind", "people", "--mapping", mapping,
                          "--json")  # fmt: skip
    assert json.loads(out)["rows"]["refused"] == 1 and status == 1
    bad = tmp_path / "hong.json"
    bad.write_text("[1, 2]")
    status, out, err = _run(capsys, ward, mediators, "--kind", "people", "--mapping", bad, "--json")
    assert status == 1 and len(err.strip().splitlines()) == 1
    assert json.loads(out)["rows"] == {"new": 0, "duplicate": 0, "refused": 0, "skipped": 0}


def test_a_template_and_its_import(ward, tmp_path, capsys):
    out_file = tmp_path / "mau.xlsx"
    status, _, _ = _run(capsys, ward, "--kind", "sessions", "--template", out_file)
    assert status == 0 and out_file.is_file()
    status, out, _ = _run(capsys, ward, out_file, "--kind", "sessions", "--json")
    assert status == 0 and json.loads(out)["rows"]["skipped"] == 1


def test_a_district_is_refused_in_one_line(district, mediators, capsys):
    status, out, err = _run(capsys, district, mediators, "--kind", "people", "--json")
    assert status == 1 and len(err.strip().splitlines()) == 1
    assert json.loads(out) == {
        "dry_run": False,
        "kind": "people",
        "rows": {"new": 0, "duplicate": 0, "refused": 0, "skipped": 0},
        "refused": [],
    }


def test_a_missing_file_is_refused_in_one_line(ward, tmp_path, capsys):
    status, _, err = _run(capsys, ward, tmp_path / "khong-co.xlsx", "--kind", "teams")
    assert status == 1 and len(err.strip().splitlines()) == 1
