"""A spreadsheet prints without text over text: every row whose text wraps carries the height of
its lines (LibreOffice Calc and Excel print a row at its stored height), merged header cells too,
and no column cuts a date in two. The last test prints a logbook through LibreOffice itself and
reads the word boxes back from the PDF."""

import re
import shutil
import subprocess
from datetime import date

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from app.reports.engine import Request, build_report
from app.reports.export import save_report
from app.reports.table import Column, Report, Row, Section
from app.reports.xlsx import lines_needed
from tests.report_helpers import TODAY, demo_ward, printed_by_libreoffice

NAMES = (
    "pbgdpl-stats",
    "mediation-stats",
    "legal-access",
    "sessions-log",
    "mediation-logbook",
    "people-roster",
)
# Excel's height of one line of Times New Roman at 12 pt; Calc's is less.
LINE_POINTS_AT_12 = 15.75

STORY = (
    "Bà Nguyễn Minh Hương trình bày: hộ bà Bích xây tường rào lấn ra lối đi chung khoảng "
    "0,7 m, lối vào nhà bà Hương chỉ còn chưa đến 1 m, xe máy không đi qua được. Bà Bích "
    "cho rằng phần đất xây tường thuộc quyền sử dụng của gia đình mình."
)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    store = demo_ward(tmp_path_factory.mktemp("ward") / "w", seed=3, officer="Nguyễn Thị Hà")
    yield store
    store.close()


def sheets_of(store, tmp_path, name, period="2026", **extra):
    report = build_report(store, Request(name, period, today=TODAY, language="vi", **extra))
    return load_workbook(save_report(report, tmp_path / f"{name}.xlsx", "xlsx")).worksheets


def column_widths(sheet) -> list[float]:
    return [
        sheet.column_dimensions[get_column_letter(index)].width
        for index in range(1, sheet.max_column + 1)
    ]


def cells_with_text(sheet):
    """(cell, its rows, the characters of width it spans) for every cell holding a value."""
    widths = column_widths(sheet)
    blocks = {(block.min_row, block.min_col): block for block in sheet.merged_cells.ranges}
    for cells in sheet.iter_rows():
        for cell in cells:
            if cell.value is None:  # a merged cell's other cells hold none
                continue
            block = blocks.get((cell.row, cell.column))
            first, last = (block.min_col, block.max_col) if block else (cell.column,) * 2
            rows = range(cell.row, (block.max_row if block else cell.row) + 1)
            yield cell, rows, sum(widths[first - 1 : last])


def stored_height(sheet, rows) -> float:
    return sum(sheet.row_dimensions[r].height or 0.0 for r in rows)


# -- how many lines a text wraps to -------------------------------------------------------------


def test_a_short_text_takes_one_line_and_each_line_break_one_more():
    assert lines_needed("Phường Cầu Giấy", 20) == 1
    assert lines_needed("", 20) == 1
    assert lines_needed("Tổng số\nTrong đó: nữ\n", 20) == 3


def test_a_long_text_wraps_to_more_lines_in_a_narrower_column():
    wide, narrow = lines_needed(STORY, 40), lines_needed(STORY, 20)
    assert 3 <= wide < narrow
    # Vietnamese text at 12 pt: about 2.6 pt of the 6 pt of a column character goes unused,
    # so a line holds about 1.5 characters a column character, never 3 or 1.
    assert len(STORY) / (40 * 3) < wide < len(STORY) / 40 + 1


def test_a_word_wider_than_the_column_is_cut_across_lines():
    assert lines_needed("0379945070037994507003799450700", 8) >= 3
    assert lines_needed("ĐƯỢC", 2) > 1


def test_bold_and_larger_text_need_at_least_as_many_lines():
    plain = lines_needed(STORY, 30)
    assert lines_needed(STORY, 30, bold=True) >= plain
    assert lines_needed(STORY, 30, size=14) > plain


# -- the heights stored in the sheet ------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_every_row_whose_text_wraps_carries_the_height_of_its_lines(store, tmp_path, name):
    wrapped = 0
    for sheet in sheets_of(store, tmp_path, name):
        for cell, rows, chars in cells_with_text(sheet):
            if not cell.alignment.wrap_text:
                continue
            size = cell.font.sz or 12
            lines = lines_needed(str(cell.value), chars, size, cell.font.b, cell.font.i)
            if lines == 1:
                continue  # one line fits the default height
            needed = lines * LINE_POINTS_AT_12 * size / 12
            assert stored_height(sheet, rows) >= needed - 0.01, (cell.coordinate, cell.value)
            wrapped += 1
    assert wrapped, "no text wraps: the test would prove nothing"


def test_the_estimate_label_and_the_header_rows_carry_their_heights(store, tmp_path):
    (sheet,) = sheets_of(
        store, tmp_path, "pbgdpl-stats", "2026-H1", estimates={"direct_sessions": 7}
    )
    values = {cell.value: cell for row in sheet.iter_rows() for cell in row if cell.value}
    label = next(cell for value, cell in values.items() if str(value).startswith("Ước tính từ"))
    assert lines_needed(label.value, column_widths(sheet)[0]) > 1
    assert sheet.row_dimensions[label.row].height >= 2 * LINE_POINTS_AT_12
    number_row = values["(1)"].row
    header = range(values["Đơn vị"].row, number_row)
    assert len(header) == 2  # a group row ("Kinh phí (đồng)") over the labels
    for row in header:
        assert sheet.row_dimensions[row].height
    # "Trong đó: đã trực tiếp phổ biến" takes three lines of its narrow column.
    assert stored_height(sheet, header) >= 4 * LINE_POINTS_AT_12


@pytest.mark.parametrize("name", ["sessions-log", "mediation-logbook"])
def test_no_column_cuts_a_date_in_two(store, tmp_path, name):
    dates = 0
    for sheet in sheets_of(store, tmp_path, name):
        for cell, _rows, chars in cells_with_text(sheet):
            if re.fullmatch(r"\d\d/\d\d/\d{4}( \d\d:\d\d)?", str(cell.value)):
                dates += 1
                assert lines_needed(str(cell.value).split()[0], chars) == 1, cell.coordinate
    assert dates


def test_columns_are_measured_in_the_sheets_own_font(store, tmp_path):
    # Column widths count digits of the default font: Calibri, openpyxl's, is missing from
    # LibreOffice on Linux, which then lays the columns out in another font's digits.
    sheet = sheets_of(store, tmp_path, "sessions-log")[0]
    normal = sheet.parent._named_styles["Normal"].font
    assert (normal.name, normal.sz) == ("Times New Roman", 12)
    assert sheet.parent._fonts[0].name == "Times New Roman"


# -- printed by LibreOffice ---------------------------------------------------------------------

WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)


def long_logbook() -> Report:
    """Six cases whose texts wrap to many lines; every word of case k ends in "_k"."""

    def tagged(text, k):
        return " ".join(f"{word}_{k}" for word in text.split())

    columns = [
        Column("seq", "STT", width=0.4, number="(1)"),
        Column("received", "Ngày tiếp nhận", width=0.85, number="(2)"),
        Column("parties", "Họ, tên, tuổi, địa chỉ các bên và người có liên quan", width=2.0),
        Column("content", "Nội dung chính của vụ, việc", width=2.0, number="(4)"),
        Column("agreed", "Thỏa thuận", groups=("Kết quả",), width=0.6, number="(5)"),
        Column("failed", "Không thành", groups=("Kết quả",), width=0.6, number="(6)"),
        Column("notes", "Ghi chú", width=1.0, number="(7)"),
    ]
    rows = [
        Row(
            {
                "seq": str(k),
                "received": f"1{k}/03/2026",
                "parties": tagged("Nguyễn Minh Hương, 53 tuổi, số 80, ngõ 128 Xuân Thủy", k),
                "content": tagged(STORY[: 40 + 30 * k], k),
                "agreed": "x",
                "notes": tagged("Số điện thoại liên hệ của bà Hương", k),
            }
        )
        for k in range(1, 7)
    ]
    return Report(
        name="mediation-logbook",
        language="vi",
        title="Sổ theo dõi hoạt động hòa giải ở cơ sở",
        period_line="Kỳ báo cáo: năm 2026",
        legal_basis="Luật Hòa giải ở cơ sở số 35/2013/QH13",
        orientation="landscape",
        unit_lines=("ỦY BAN NHÂN DÂN", "PHƯỜNG CẦU GIẤY"),
        place="Cầu Giấy",
        issued_on=date(2026, 11, 26),
        signer_title="TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH",
        signer_name="Trần Văn An",
        preparer_title="Người lập biểu",
        preparer_name="Nguyễn Thị Hà",
        sections=[Section(columns, rows, title="Phần I. Theo dõi vụ, việc hòa giải")],
    )


def words_per_page(pdf) -> list[list[tuple[float, float, str]]]:
    """(top, bottom, text) of each word, page by page, as poppler reads the PDF back."""
    boxes = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [
        [(float(m[2]), float(m[4]), m[5]) for m in WORD.finditer(page)]
        for page in boxes.split("<page ")[1:]
    ]


@pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice is not installed (apt-get install libreoffice-calc-nogui)",
)
def test_libreoffice_prints_each_row_clear_of_the_next(tmp_path):
    report = long_logbook()
    sheet_file = save_report(report, tmp_path / "logbook.xlsx", "xlsx")
    pages = words_per_page(printed_by_libreoffice(sheet_file, tmp_path))
    expected = {
        k: sum(
            len(str(v).split())
            for key, v in row.values.items()
            if key not in ("seq", "agreed", "received")
        )
        for k, row in enumerate(report.sections[0].rows, start=1)
    }
    found = {k: 0 for k in expected}
    compared = 0
    for words in pages:
        rows: dict[int, list[tuple[float, float]]] = {}
        for top, bottom, text in words:
            tag = re.search(r"_(\d)$", text)
            if tag:
                rows.setdefault(int(tag[1]), []).append((top, bottom))
        for k, boxes in rows.items():
            found[k] += len(boxes)
            later = [top for j, others in rows.items() if j > k for top, _ in others]
            if later:  # every line of case k ends above the first line of the cases after it
                assert max(bottom for _, bottom in boxes) <= min(later) + 0.5, k
                compared += 1
        # The header is whole: nothing of it reaches down into the row of column numbers.
        numbers = [top for top, _, text in words if text == "(1)"]
        if numbers:
            above = [bottom for top, bottom, _ in words if top < numbers[0] - 1]
            assert max(above) <= numbers[0] + 0.5
    assert found == expected  # every word printed, none cut off
    assert compared >= 2, "too few cases share a page to compare"
