"""The same computed report, printed four ways: PDF (pdftotext/pdffonts read it back), XLSX
(openpyxl reads it back), CSV (csv reads it back) — the same numbers everywhere, the official
heading, the fonts embedded, an empty period still a valid document."""

import csv
import itertools
import re
import subprocess

import pytest
from openpyxl import load_workbook

from app.reports.engine import Request, build_report
from app.reports.export import save_report
from app.reports.table import COUNT, MONEY, PERCENT
from app.reports.values import format_value
from app.services.setup import set_up
from tests.report_helpers import TODAY, demo_ward

NAMES = (
    "pbgdpl-stats",
    "mediation-stats",
    "legal-access",
    "sessions-log",
    "mediation-logbook",
    "people-roster",
)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    store = demo_ward(
        tmp_path_factory.mktemp("ward") / "w",
        seed=3,
        sessions=150,
        cases=100,
        people=40,
        officer="Nguyễn Thị Hà",
    )
    yield store
    store.close()


def report_of(store, name, period="2026", **extra):
    return build_report(store, Request(name, period, today=TODAY, language="vi", **extra))


def pdf_text(path, *options) -> str:
    return subprocess.run(
        ["pdftotext", *options, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def numbers_of(section, row):
    return [
        row.values.get(column.key)
        for column in section.columns
        if column.kind in (COUNT, MONEY, PERCENT) and row.values.get(column.key) is not None
    ]


@pytest.mark.parametrize("name", NAMES)
def test_pdf_heading_reads_back_exactly_and_fonts_are_embedded(store, tmp_path, name):
    report = report_of(store, name)
    path = save_report(report, tmp_path / f"{name}.pdf", "pdf")
    text = pdf_text(path)
    # A report filed as several forms heads each with its own title and legal basis.
    forms = [section.form for section in report.sections if section.form] or [report]
    for line in (
        "ỦY BAN NHÂN DÂN",
        "PHƯỜNG CẦU GIẤY",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Cầu Giấy, ngày 26 tháng 11 năm 2026",
        *(form.title.upper() for form in forms),
        report.period_line,
        *(form.legal_basis for form in forms),
    ):
        assert line in text, line
    pages = int(re.search(r"Trang 1/(\d+)", text).group(1))
    for page in range(1, pages + 1):
        assert f"Trang {page}/{pages}" in text
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    rows = fonts.stdout.splitlines()[2:]
    assert rows, "no font listed"
    for row in rows:
        assert "LiberationSerif" in row
        columns = row.split()
        assert columns[-5] == "yes", row  # emb


def test_pdf_rows_carry_the_engines_numbers_in_vietnamese_format(store, tmp_path):
    report = report_of(store, "pbgdpl-stats")
    section = report.sections[0]
    path = save_report(report, tmp_path / "stats.pdf", "pdf")
    lines = pdf_text(path, "-layout").splitlines()
    (row,) = section.rows
    line = next(line for line in lines if line.strip().startswith("Phường Cầu Giấy"))
    expected = [format_value(value, COUNT, "vi") for value in numbers_of(section, row)]
    assert re.findall(r"\d[\d.]*", line.replace("Phường Cầu Giấy", "")) == expected
    assert any(value >= 1000 for value in numbers_of(section, row))  # digit groups exercised


def test_long_list_repeats_its_header_on_every_page(store, tmp_path):
    report = report_of(store, "sessions-log")
    path = save_report(report, tmp_path / "log.pdf", "pdf")
    pages = pdf_text(path).split("\f")[:-1]
    assert len(pages) > 2
    for page in pages:  # the signature block is never alone: rows go over with it
        assert "Người trình bày" in page
        assert "Nội dung, văn bản phổ biến" in page
    assert "NGƯỜI LẬP BIỂU" in pages[-1]
    assert "Nguyễn Thị Hà" in pages[-1]


def test_xlsx_has_numeric_cells_merged_headers_and_print_setup(store, tmp_path):
    report = report_of(store, "mediation-stats")
    path = save_report(report, tmp_path / "stats.xlsx", "xlsx")
    sheets = load_workbook(path).worksheets
    assert len(sheets) == len(report.sections) == 2  # a sheet per form
    for sheet, section in zip(sheets, report.sections, strict=True):
        assert sheet.title == section.form.sheet
        label_row = next(
            r
            for r in range(1, sheet.max_row + 1)
            if sheet.cell(r, 1).value == section.columns[0].label
        )
        depth = section.header_depth
        first_data = label_row + depth + 1
        assert sheet.freeze_panes == f"B{first_data}"
        assert int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4)
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.page_setup.fitToWidth == 1
        assert sheet.print_title_rows
        for offset, row in enumerate(section.rows):
            cells = [
                sheet.cell(first_data + offset, index + 1).value
                for index in range(len(section.columns))
            ]
            assert cells[0] == row.values["unit"]
            for column, cell in zip(section.columns[1:], cells[1:], strict=True):
                assert cell == row.values[column.key]
                assert isinstance(cell, int)
    merged = {str(block) for block in sheets[1].merged_cells.ranges}
    assert any(sheets[1][block.split(":")[0]].value == "Kết quả" for block in merged)


def test_csv_is_utf8_with_bom_and_carries_the_same_numbers(store, tmp_path):
    report = report_of(store, "mediation-stats")
    path = save_report(report, tmp_path / "stats.csv", "csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    # One block per form: its title, its header, its rows (an empty line before the next, or
    # before a footnote).
    titles = {section.form.title for section in report.sections}
    blocks = [list(block) for filled, block in itertools.groupby(rows, key=bool) if filled]
    blocks = [block for block in blocks if block[0][0] in titles]
    assert len(blocks) == len(report.sections) == 2
    for block, section in zip(blocks, report.sections, strict=True):
        title, header, *lines = block
        assert title == [section.form.title]
        assert header[0] == "Tổ hòa giải"
        for line, row in zip(lines, section.rows, strict=True):
            assert line[0] == row.values["unit"]
            figures = [row.values[c.key] for c in section.columns[1:]]
            assert [int(cell) for cell in line[1:]] == figures
    assert "Kết quả – Hòa giải thành – Dân sự" in blocks[1][1]


@pytest.fixture(scope="module")
def empty_store(tmp_path_factory):
    result = set_up(tmp_path_factory.mktemp("empty"), "ward", "00160", province="01")
    yield result.store
    result.store.close()


@pytest.mark.parametrize("name", NAMES)
def test_an_empty_period_prints_a_valid_document_that_says_so(empty_store, tmp_path, name):
    report = report_of(empty_store, name, "2026-H1")
    assert report.empty
    pdf = save_report(report, tmp_path / f"{name}.pdf", "pdf")
    assert "Không có số liệu trong kỳ báo cáo." in pdf_text(pdf)
    load_workbook(save_report(report, tmp_path / f"{name}.xlsx", "xlsx"))
    assert (
        save_report(report, tmp_path / f"{name}.csv", "csv")
        .read_bytes()
        .startswith(b"\xef\xbb\xbf")
    )


def test_estimates_print_in_their_own_row_and_the_total_adds_them(store, tmp_path):
    report = report_of(store, "pbgdpl-stats", "2026-H1", estimates={"direct_sessions": 7})
    body, estimate, total = report.sections[0].rows
    assert estimate.values["direct_sessions"] == 7
    assert estimate.values["direct_attendees"] is None
    assert total.values["direct_sessions"] == body.values["direct_sessions"] + 7
    text = pdf_text(save_report(report, tmp_path / "h1.pdf", "pdf"))
    assert "số liệu thực tế từ 01/01/2026 đến 31/05/2026" in text
    assert "Ước tính từ 01/06/2026 đến 30/06/2026" in " ".join(text.split())
    assert "01/06/2026 đến 30/06/2026)" in text
    assert "Ô ước tính để trống" in text


def test_a_failed_save_leaves_no_file(store, tmp_path, monkeypatch):
    report = report_of(store, "sessions-log")

    def cancel(done, total):
        raise KeyboardInterrupt

    from app.reports import pdf

    with pytest.raises(KeyboardInterrupt):
        save_report(report, tmp_path / "log.pdf", "pdf", progress=cancel)
    assert list(tmp_path.iterdir()) == []
    assert pdf  # the module stays importable after a cancelled write
