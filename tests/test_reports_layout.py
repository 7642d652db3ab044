"""How the printed documents sit on paper: nothing after a table starts a page alone (Part II,
the signature), a table neither starts nor ends a page with a single row, header words and
figures fit their columns, both signers' names on one line; the spreadsheet's heading, sheet
names and signature rows."""

import subprocess

import pytest
from openpyxl import load_workbook
from reportlab.lib.pagesizes import A4, landscape

from app.reports import pdf
from app.reports.engine import Request, build_report
from app.reports.export import save_report
from app.reports.fonts import BOLD, register_fonts
from app.reports.table import COUNT, MONEY, TEXT, Column, Report, Row, Section
from app.reports.xlsx import _cut
from tests.report_helpers import TODAY, busy_ward


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    store = busy_ward(tmp_path_factory)
    yield store
    store.close()


def build(store, name, language="vi", period="2026"):
    return build_report(store, Request(name, period, today=TODAY, language=language))


def pages_of(report):
    register_fonts()
    size = landscape(A4) if report.orientation == "landscape" else A4
    layout = pdf._Layout(report, size)
    return layout, layout.paginate()


def simple_report(rows: int, **extra) -> Report:
    columns = [
        Column("seq", "STT", COUNT, width=0.5, number="(1)"),
        Column("name", "Họ và tên", TEXT, width=3, number="(2)"),
        Column("count", "Số người", COUNT, width=1, number="(3)"),
    ]
    section = Section(
        columns,
        [Row({"seq": i + 1, "name": f"Người thứ {i + 1}", "count": i}) for i in range(rows)],
        **extra,
    )
    return Report(
        name="test",
        language="vi",
        title="Thử",
        period_line="Kỳ báo cáo",
        legal_basis="Căn cứ",
        orientation="landscape",
        unit_lines=("ỦY BAN NHÂN DÂN", "PHƯỜNG CẦU GIẤY"),
        place="Cầu Giấy",
        issued_on=TODAY,
        signer_title="TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH",
        signer_name="Trần Văn A",
        preparer_title="Người lập biểu",
        preparer_name="Nguyễn Thị B",
        sections=[section],
    )


def table_rows(page) -> int:
    """Body rows of the table slices on a page (their blocks carry `rows`)."""
    return sum(getattr(block, "rows", 0) for block in page.blocks)


# -- PDF: pagination ----------------------------------------------------------------------------


@pytest.mark.parametrize("rows", range(1, 60))
def test_signature_never_alone_and_no_single_row_on_a_page(rows):
    report = simple_report(rows)
    layout, pages = pages_of(report)
    last = pages[-1]
    # The signature shares its page with table rows (or Part II): it never stands alone.
    assert len(last.blocks) >= 2
    for page in pages:
        assert sum(block.height for block in page.blocks) <= layout.height + 0.01
    if rows >= 2:
        for page in pages:
            count = table_rows(page)
            assert count == 0 or count >= 2, [table_rows(p) for p in pages]


def test_part_two_keeps_its_title_and_goes_over_with_the_last_rows(store):
    report = build(store, "mediation-logbook")
    _, pages = pages_of(report)
    for number, page in enumerate(pages, start=1):
        blocks = [block for block in page.blocks if block.height > 8]  # not the spacer
        # Part II (one block: its title and its lines) opens a page only on the last page,
        # carried there with the signature when no row could go over with it.
        if blocks[0].carry:
            assert number == len(pages), number
        if len(blocks) == 1:
            assert blocks[0].rows, number


def test_no_page_is_empty_and_pages_fit(store):
    for name in ("sessions-log", "mediation-logbook", "people-roster", "mediation-stats"):
        layout, pages = pages_of(build(store, name))
        for page in pages:
            assert page.blocks
            assert sum(block.height for block in page.blocks) <= layout.height + 0.01


# -- PDF: columns -------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("name", ["mediation-stats", "pbgdpl-stats", "legal-access"])
def test_header_words_fit_their_columns_without_shrinking(store, name, language):
    report = build(store, name, language)
    layout = pdf._Layout(report, landscape(A4))
    register_fonts()
    for section in report.sections:
        table = pdf._TableLayout(layout, section)
        assert abs(sum(table.widths) - layout.width) < 0.01
        for column, width in zip(section.columns, table.widths, strict=True):
            for word in column.label.split():
                assert pdf._width(word, BOLD, table.size) <= width - 2 * pdf.PAD + 0.01, word
        # No label row cell had to be set smaller than the table's size.
        depth = section.header_depth
        assert not [key for key in table.header_sizes if key[1] == depth - 1]


def test_team_names_of_a_statistics_form_stay_on_one_line(store):
    report = build(store, "mediation-stats")
    layout = pdf._Layout(report, landscape(A4))
    register_fonts()
    table = pdf._TableLayout(layout, report.sections[0])
    assert all("\n" not in row[0] for row in table.cells)


@pytest.mark.parametrize("rows", [3, 150])
def test_a_figure_too_wide_for_its_cell_is_never_cut(rows):
    report = simple_report(rows)
    report.sections[0].columns[2] = Column("count", "Số", MONEY, width=0.3, number="(3)")
    report.sections[0].rows[1].values["count"] = 123_456_789_012
    register_fonts()
    layout = pdf._Layout(report, landscape(A4))
    table = pdf._TableLayout(layout, report.sections[0])
    assert table.cells[1][2] == "123.456.789.012"  # whole, on one line
    room = table.widths[2] - 2 * pdf.PAD
    if rows <= pdf.SHORT_TABLE:  # a short form: the column is widened to its widest figure
        assert pdf._width("123.456.789.012", "TiepCanSerif", table.size) <= room
        assert 1 not in table.cell_sizes
    else:  # a long list keeps its widths: that one figure is set smaller
        ((column, size),) = table.cell_sizes[1]
        assert column == 2 and size < table.size
        assert pdf._width("123.456.789.012", "TiepCanSerif", size) <= room + 0.01


# -- PDF: read back -----------------------------------------------------------------------------


def pdf_pages(path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")[:-1]


@pytest.mark.parametrize("language", ["vi", "en"])
def test_logbook_pages_read_back(store, tmp_path, language):
    report = build(store, "mediation-logbook", language)
    path = save_report(report, tmp_path / "book.pdf", "pdf")
    pages = pdf_pages(path)
    part_two = report.sections[0].summary_title
    for number, page in enumerate(pages, start=1):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        # Part II's title is never the last thing on a page (its lines follow it).
        assert lines[-2] != part_two, number
        if number < len(pages) and lines[0].startswith(part_two):
            pytest.fail(f"page {number} opens with Part II and no rows")
    # The last page never holds the notes and the signature alone.
    last = [line.strip() for line in pages[-1].splitlines() if line.strip()]
    assert not report.notes or not last[0].startswith(report.notes[0][:30])


def test_names_of_both_signers_on_one_line(tmp_path):
    report = simple_report(5)
    path = save_report(report, tmp_path / "sign.pdf", "pdf")
    lines = pdf_pages(path)[-1].splitlines()
    assert any("Nguyễn Thị B" in line and "Trần Văn A" in line for line in lines)


# -- XLSX ---------------------------------------------------------------------------------------


def test_sheet_names_are_cut_between_words():
    assert _cut("Sổ theo dõi các buổi phổ biến, giáo dục pháp luật", 28) == (
        "Sổ theo dõi các buổi phổ"
    )
    assert _cut("Tổ hòa giải tổ dân phố số 1", 28) == "Tổ hòa giải tổ dân phố số 1"


@pytest.mark.parametrize("name", ["sessions-log", "mediation-logbook", "pbgdpl-stats"])
def test_xlsx_heading_and_signature(store, tmp_path, name):
    report = build(store, name)
    path = save_report(report, tmp_path / f"{name}.xlsx", "xlsx")
    book = load_workbook(path)
    for sheet in book.worksheets:
        title = report.title
        assert sheet.title == title[: len(sheet.title)] or not title.startswith(sheet.title)
        # The unit's block is wide enough for "ỦY BAN NHÂN DÂN": about 40% of the sheet.
        unit = next(
            r
            for r in sheet.merged_cells.ranges
            if r.min_col == 1 and sheet.cell(r.min_row, 1).value == report.unit_lines[0]
        )
        widths = [sheet.column_dimensions[c].width for c in "ABCDEFGHIJKLMNOPQRSTUVW"]
        widths = widths[: sheet.max_column]
        share = sum(widths[: unit.max_col]) / sum(widths)
        assert 0.25 <= share <= 0.55, share
        motto = sheet.cell(unit.min_row + 1, unit.max_col + 1)
        assert motto.value == "Độc lập - Tự do - Hạnh phúc" and motto.font.u == "single"
        assert sheet.page_margins.left > sheet.page_margins.right
    last = book.worksheets[-1]
    values = [[c.value for c in row] for row in last.iter_rows()]
    if not report.signed:  # the logbook: each team's leader signs its Part II instead
        assert not any("TM. ỦY BAN NHÂN DÂN" in row for row in values)
        for sheet, section in zip(book.worksheets, report.sections, strict=True):
            cells = {c.value for row in sheet.iter_rows() for c in row}
            assert section.signer_title.upper() in cells
            assert not section.signer_name or section.signer_name in cells
        return
    title_row = next(i for i, row in enumerate(values) if "TM. ỦY BAN NHÂN DÂN" in row)
    assert "CHỦ TỊCH" in values[title_row + 1]
    name_rows = [i for i, row in enumerate(values) if report.preparer_name in row]
    assert name_rows and name_rows[-1] > title_row
