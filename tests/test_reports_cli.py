"""`tiepcan report` (design.md §4): exit 0 with the file written; 1 with one plain Vietnamese
line and no file for a refusal; 2 for wrong usage."""

import csv
import json

import pytest

from app.cli.main import run
from app.cli.parser import REPORT_NAMES
from app.reports.definitions import all_definitions
from app.reports.engine import Request, build_report
from tests.report_helpers import demo_ward


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("ward") / "w"
    demo_ward(root, seed=2, sessions=60, cases=40, people=30).close()
    return str(root)


def report(folder, *args):
    return run(["report", *args, "--data-dir", folder])


def half_year_csv(out, estimates) -> list[str]:
    return [
        "--period",
        "2026-H1",
        "--format",
        "csv",
        "--out",
        str(out),
        "--estimates",
        str(estimates),
    ]


def test_the_help_lists_every_shipped_report():
    assert set(REPORT_NAMES) == set(all_definitions())


@pytest.mark.parametrize("fmt", ["pdf", "xlsx", "csv"])
def test_report_writes_the_file(folder, tmp_path, capsys, fmt):
    out = tmp_path / f"stats.{fmt}"
    assert (
        report(folder, "mediation-stats", "--period", "2026", "--format", fmt, "--out", str(out))
        == 0
    )
    assert out.stat().st_size > 0
    assert str(out) in capsys.readouterr().out


def test_estimates_file_reaches_the_total_row(folder, tmp_path):
    from app.db.store import Store

    estimates = tmp_path / "uoc-tinh.json"
    typed = {"direct_sessions": 4, "funding_total": 1500000, "funding_regular": 1500000}
    estimates.write_text(json.dumps(typed))
    out = tmp_path / "h1.csv"
    args = half_year_csv(out, estimates)
    assert report(folder, "pbgdpl-stats", *args) == 0
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    with Store.open(folder) as store:
        actual = build_report(store, Request("pbgdpl-stats", "2026-H1")).sections[0].rows[0]
    header = rows[0]
    sessions = header.index("Phổ biến pháp luật trực tiếp – Số cuộc")
    assert rows[2][sessions] == "4"
    assert int(rows[3][sessions]) == actual.values["direct_sessions"] + 4


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["no-such-report", "--period", "2026"], "Không có báo cáo tên"),
        (["pbgdpl-stats", "--period", "2026-H3"], "không phải kỳ báo cáo"),
        (["pbgdpl-stats", "--period", "2026-12-31..2026-01-01"], "ngày kết thúc trước"),
        (["pbgdpl-stats", "--period", "2026", "--ward", "00160"], "chỉ giữ số liệu"),
        (
            ["mediation-logbook", "--period", "2026", "--team", "Tổ không có"],
            "Không có tổ hòa giải",
        ),
        (["pbgdpl-stats", "--period", "2026", "--team", "x"], "không lập theo tổ"),
        (["pbgdpl-stats", "--period", "2026", "--estimates", "missing.json"], "Không đọc được"),
    ],
)
def test_refusals_say_why_in_one_line_and_write_nothing(folder, tmp_path, capsys, args, words):
    out = tmp_path / "x.pdf"
    assert report(folder, *args, "--format", "pdf", "--out", str(out)) == 1
    err = capsys.readouterr().err.strip()
    assert words in err
    assert len(err.splitlines()) == 1
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "content", ["{not json", "[1, 2]", '{"direct_sessions": -1}', '{"reporters": 3}']
)
def test_a_bad_estimates_file_is_refused(folder, tmp_path, capsys, content):
    estimates = tmp_path / "e.json"
    estimates.write_text(content)
    out = tmp_path / "x.csv"
    args = half_year_csv(out, estimates)
    assert report(folder, "pbgdpl-stats", *args) == 1
    assert capsys.readouterr().err.strip()
    assert not out.exists()


def test_wrong_usage_exits_2(folder, tmp_path):
    with pytest.raises(SystemExit) as exit_info:
        report(
            folder,
            "pbgdpl-stats",
            "--period",
            "2026",
            "--format",
            "doc",
            "--out",
            str(tmp_path / "x"),
        )
    assert exit_info.value.code == 2


def test_a_folder_not_set_up_is_refused(tmp_path, capsys):
    args = ["pbgdpl-stats", "--period", "2026", "--format", "pdf", "--out", str(tmp_path / "x.pdf")]
    assert report(str(tmp_path / "none"), *args) == 1
    assert "tiepcan init" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ('{"direct_sessions": 1, "direct_sessions": 2}', "(một khóa được ghi hai lần)"),
        ('{"direct_sessions": }', "(dòng 1, cột 21)"),
        ("[" * 5000 + "]" * 5000, "(lồng nhau quá nhiều tầng)"),
    ],
)
def test_what_is_wrong_with_an_estimates_file_is_said_in_vietnamese(
    folder, tmp_path, capsys, content, words
):
    estimates = tmp_path / "e.json"
    estimates.write_text(content)
    assert report(folder, "pbgdpl-stats", *half_year_csv(tmp_path / "x.csv", estimates)) == 1
    assert words in capsys.readouterr().err


def test_the_systems_reason_is_said_in_vietnamese(folder, tmp_path, capsys):
    out = tmp_path / "missing" / "x.pdf"
    assert (
        report(folder, "pbgdpl-stats", "--period", "2026", "--format", "pdf", "--out", str(out))
        == 1
    )
    assert capsys.readouterr().err.strip().endswith("thư mục hoặc tệp không tồn tại")
