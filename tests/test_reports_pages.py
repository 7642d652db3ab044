"""Printed forms an office can file, page by page: pages are filled (a row stays whole, and no
page of a logbook is under 40% full unless it is a book's last), what follows a table goes over
only when it cannot fit, and the mediation statistics are the two forms the office files — the
10-series (teams and mediators) and the 11-series (results by scope) — each with its own head,
read at 9 pt or more, in the PDF, the workbook and the CSV alike."""

import csv
import itertools
import random
import re
import shutil
import subprocess

import pypdfium2
import pypdfium2.raw as pdfium
import pytest
from openpyxl import load_workbook
from reportlab.lib.pagesizes import A4, landscape

from app.reports import pagination, pdf
from app.reports.definitions import all_definitions
from app.reports.engine import Request, build_report
from app.reports.export import save_report
from app.reports.fonts import register_fonts
from app.reports.table import COUNT, ESTIMATE, TEXT, Column, Report, Row, Section
from app.services import records as svc
from tests import factories as f
from tests.report_helpers import TODAY, busy_ward, printed_by_libreoffice

MIN_FILL = 0.4


@pytest.fixture(scope="module")
def busy(tmp_path_factory):
    """A ward with eight teams and long case texts: logbook rows a quarter of a page tall."""
    store = busy_ward(tmp_path_factory)
    yield store
    store.close()


@pytest.fixture
def small(ward):
    """A ward with three teams of three mediators and a few cases."""
    names = ["Lê Thị An", "Trần Văn Bình", "Phạm Thị Cúc", "Đỗ Văn Dũng", "Vũ Thị Em",
             "Hoàng Văn Giang", "Ngô Thị Hoa", "Bùi Văn Khánh", "Đặng Thị Lan"]  # fmt: skip
    people = [
        f.person(ward, name, "female" if index % 2 == 0 else "male")["uuid"]
        for index, name in enumerate(names)
    ]
    for number in range(3):
        team = f.team(
            ward,
            people[3 * number : 3 * number + 3],
            name=f"Tổ hòa giải tổ dân phố số {number + 1}",
        )["uuid"]
        svc.create(ward, "cases", f.case_data(team=team))
        svc.create(ward, "cases", f.case_data(team=team, scope_group="marriage_family"))
    return ward


def build(store, name, period="2026", language="vi"):
    return build_report(store, Request(name, period, today=TODAY, language=language))


def laid_out(report):
    register_fonts()
    size = landscape(A4) if report.orientation == "landscape" else A4
    layout = pdf._Layout(report, size)
    return layout, layout.paginate()


def fill(layout, page) -> float:
    return sum(block.height for block in page.blocks) / layout.height


def pdf_pages(path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [" ".join(page.split()) for page in text.split("\f")[:-1]]


# -- filling pages ------------------------------------------------------------------------------


def test_no_logbook_page_is_under_40_percent_full_unless_it_is_a_book_s_last(busy):
    report = build(busy, "mediation-logbook")
    layout, pages = laid_out(report)
    assert len(report.sections) > 3 and len(pages) > 2 * len(report.sections)
    # A book's last page is the one that holds its Part II (the team leader's summary).
    lasts = [number for number, page in enumerate(pages) if any(b.carry for b in page.blocks)]
    assert len(lasts) == len(report.sections)
    thin = [
        (number + 1, round(fill(layout, page), 2))
        for number, page in enumerate(pages)
        if fill(layout, page) < MIN_FILL and number not in lasts
    ]
    assert not thin, thin
    # Every row printed once, whole: each book's rows add up over its pages.
    assert sum(block.rows for page in pages for block in page.blocks) == sum(
        len(section.rows) for section in report.sections
    )


def sheet_pages(sheet) -> list[list[int]]:
    """The rows of each page a spreadsheet program prints of `sheet`, by its breaks."""
    ends = [*sorted(brk.id for brk in sheet.row_breaks.brk), sheet.max_row]
    starts = [1] + [end + 1 for end in ends[:-1]]
    return [list(range(start, end + 1)) for start, end in zip(starts, ends, strict=True)]


def printed_height(sheet, rows) -> float:
    """Points `rows` take on paper at the sheet's scale, the header repeated above them."""
    first, last = (int(part.lstrip("$")) for part in sheet.print_title_rows.split(":"))
    repeated = list(range(first, last + 1)) if rows[0] > last else []
    return (
        sum(sheet.row_dimensions[r].height for r in repeated + rows) * sheet.page_setup.scale / 100
    )


def test_a_logbook_sheet_breaks_its_pages_as_the_pdf_fills_them(busy, tmp_path):
    """Left to itself, Calc parted Part II from its title and set a header alone at a page's
    foot: each sheet prints at a fixed scale, with the breaks plan_pages chooses. Every page
    fits the paper, none but a book's last is under 40% full, and the last rows keep Part II
    and the leader's signature with them."""
    report = build(busy, "mediation-logbook")
    path = save_report(report, tmp_path / "logbook.xlsx", "xlsx")
    printable = A4[0] - (0.79 + 0.71) * 72
    for sheet, section in zip(load_workbook(path).worksheets, report.sections, strict=True):
        assert not sheet.sheet_properties.pageSetUpPr.fitToPage  # Excel keeps the breaks
        assert sheet.page_setup.scale and all(
            sheet.row_dimensions[r].height for r in range(1, sheet.max_row + 1)
        )
        pages = sheet_pages(sheet)
        assert len(pages) > 1, sheet.title
        heights = [printed_height(sheet, rows) for rows in pages]
        assert max(heights) <= printable, (sheet.title, heights)
        assert all(height >= MIN_FILL * printable for height in heights[:-1]), heights
        last = [sheet.cell(r, 1).value for r in pages[-1]]
        assert section.summary_title in last
        assert str(section.rows[-1].values["seq"]) in map(str, last)
        assert all(label in last for label, _ in section.summary)


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_libreoffice_prints_the_logbook_on_the_pages_planned(busy, tmp_path):
    """Calc breaks nowhere but at the planned breaks (none of its own on an overfull page): each
    book's Part II prints whole under its title with the leader's signature, and no page ends
    on the header."""
    report = build(busy, "mediation-logbook")
    path = save_report(report, tmp_path / "logbook.xlsx", "xlsx")
    planned = [len(sheet_pages(sheet)) for sheet in load_workbook(path).worksheets]
    pages = pdf_pages(printed_by_libreoffice(path, tmp_path))
    assert len(pages) == sum(planned)
    lasts = list(itertools.accumulate(planned))
    for number, page in enumerate(pages, start=1):
        body = re.sub(r"Trang \d+/\d+$", "", page).rstrip()
        assert not body.endswith("(10)"), number  # a header with no row under it
        if number in lasts:
            section = report.sections[lasts.index(number)]
            title = page.index(section.summary_title)
            assert all(page.index(label, title) for label, _ in section.summary)
            assert "TỔ TRƯỞNG TỔ HÒA GIẢI" in page and section.signer_name in page
        else:
            assert "Phần II" not in page


def test_a_row_does_not_go_over_only_to_leave_two_pages_part_empty():
    """Two tall rows fit their page; the tail (Part II, notes, signature) cannot follow them.
    Sending the last row over with it leaves it on a page of its own anyway: the rows stay
    together and the tail, which fits nowhere else, goes over alone."""
    plan = pagination.plan_pages([175, 103], header=63, page=487, room=487, lead=0, tail=347)
    assert plan.slices == [(0, 2)] and plan.tail_alone
    # Where the last row and the tail fit together, they go over together.
    plan = pagination.plan_pages([175, 103], header=63, page=487, room=487, lead=0, tail=300)
    assert plan.slices == [(0, 1), (1, 2)] and not plan.tail_alone
    # Where everything fits, nothing goes over.
    plan = pagination.plan_pages([175, 103], header=63, page=487, room=487, lead=0, tail=140)
    assert plan.slices == [(0, 2)] and not plan.tail_alone


def test_the_totals_go_over_with_a_row_above_them_when_one_fits():
    """The table's total rows never open a page on their own: the last body row goes over
    with them and the signature where that fits; where it cannot, the totals go over with the
    signature rather than leave it alone on a page."""
    plan = pagination.plan_pages([200, 150, 20, 20], 40, 487, 487, 0, tail=100, totals=2)
    assert plan.slices == [(0, 1), (1, 4)] and not plan.tail_alone
    plan = pagination.plan_pages([200, 200, 20, 20], 40, 487, 487, 0, tail=250, totals=2)
    assert plan.slices == [(0, 2), (2, 4)] and not plan.tail_alone


def test_a_first_page_takes_the_next_row_that_fits_on_it():
    """A clerk reprints a page that a second case would have fitted on: among equally good
    plans the earlier pages are the fuller, not balanced against the later ones."""
    plan = pagination.plan_pages([200, 80, 80, 160, 200, 160], 60, 487, 487, 120, tail=60)
    assert plan.slices[0] == (0, 2)


def _rows_of(seed: int, count: int) -> Report:
    rng = random.Random(seed)
    columns = [
        Column("seq", "STT", COUNT, width=0.5, number="(1)"),
        Column("text", "Nội dung chính của vụ, việc", TEXT, width=4, number="(2)"),
    ]
    words = ["bà", "Hương", "trình", "bày", "hộ", "Bích", "xây", "tường", "rào", "lấn", "lối"]
    rows = [
        Row({"seq": i + 1, "text": " ".join(rng.choices(words, k=rng.randint(30, 260)))})
        for i in range(count)
    ]
    summary = [(f"Dòng tổng hợp {n}", str(n)) for n in range(rng.randint(2, 10))]  # Part II
    return Report(
        name="test", language="vi", title="Thử", period_line="Kỳ báo cáo", legal_basis="Căn cứ",
        orientation="landscape", unit_lines=("ỦY BAN NHÂN DÂN", "PHƯỜNG CẦU GIẤY"),
        place="Cầu Giấy", issued_on=TODAY, signer_title="TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH",
        signer_name="Trần Văn A", preparer_title="Người lập biểu", preparer_name="Nguyễn Thị B",
        sections=[Section(columns, rows, summary_title="Phần II. Tổng hợp", summary=summary)],
        notes=["Cách tính: mọi vụ việc trong kỳ."],
    )  # fmt: skip


@pytest.mark.parametrize("seed", range(16))
def test_rows_of_any_height_fill_their_pages_and_the_signature_keeps_to_the_last(seed):
    report = _rows_of(seed, random.Random(seed).randint(3, 60))
    layout, pages = laid_out(report)
    for number, page in enumerate(pages[:-1], start=1):
        assert fill(layout, page) >= MIN_FILL, (number, [round(fill(layout, p), 2) for p in pages])
    for page in pages:
        assert sum(block.height for block in page.blocks) <= layout.height + 0.01
    # Rows in order, each once; the signature shares its page with the last rows.
    assert [block.rows for page in pages for block in page.blocks if block.rows]
    assert sum(block.rows for page in pages for block in page.blocks) == len(
        report.sections[0].rows
    )
    assert pages[-1].blocks[0].rows


# -- the mediation statistics: two forms --------------------------------------------------------


def _form_pages(report, path) -> list[list[str]]:
    """The PDF's pages, grouped by the form whose title heads them."""
    titles = [section.form.title.upper() for section in report.sections]
    grouped: list[list[str]] = []
    for page in pdf_pages(path):
        if any(title in page for title in titles):
            grouped.append([])
        grouped[-1].append(page)
    return grouped


def test_a_ward_s_mediation_statistics_print_one_page_a_form_when_they_fit(small, tmp_path):
    report = build(small, "mediation-stats")
    path = save_report(report, tmp_path / "stats.pdf", "pdf")
    forms = _form_pages(report, path)
    assert [len(pages) for pages in forms] == [1, 1]
    for (page,), section in zip(forms, report.sections, strict=True):
        assert section.form.title.upper() in page
        assert section.rows[-1].values["unit"] in page  # the total row
        assert "NGƯỜI LẬP BIỂU" in page and "TM. ỦY BAN NHÂN DÂN" in page  # the signature


def _with_teams(store, count: int):
    """`count` teams of three mediators, each with a case or two of its own."""
    for number in range(1, count + 1):
        members = [
            f.person(store, f"Hòa giải viên {number}.{seat}", "female" if seat % 2 else "male")[
                "uuid"
            ]
            for seat in range(3)
        ]
        team = f.team(store, members, name=f"Tổ hòa giải tổ dân phố số {number}")["uuid"]
        svc.create(store, "cases", f.case_data(team=team))
        if number % 3 == 0:
            svc.create(store, "cases", f.case_data(team=team, scope_group="marriage_family"))
    return store


@pytest.mark.parametrize("teams", [9, 12])
def test_a_ward_s_form_of_up_to_12_teams_prints_on_one_page(ward, tmp_path, teams):
    """Each form whole on one landscape page: its band, its title, every team, the total row
    and both signatures; no form runs over to a second page for its last rows."""
    report = build(_with_teams(ward, teams), "mediation-stats")
    assert [len(section.rows) for section in report.sections] == [teams + 1] * 2
    pages = pdf_pages(save_report(report, tmp_path / "stats.pdf", "pdf"))
    assert len(pages) == 2
    for page, section in zip(pages, report.sections, strict=True):
        assert "Biểu số" in page and "Đơn vị nhận báo cáo" in page  # the band
        assert section.form.title.upper() in page
        assert all(row.values["unit"] in page for row in section.rows)  # the teams, the total
        assert "NGƯỜI LẬP BIỂU" in page and "TM. ỦY BAN NHÂN DÂN" in page
        assert report.preparer_name in page


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_ward_s_6_month_forms_of_9_teams_print_a_page_each(ward, tmp_path, language):
    """The results form has three more rows in a 6-month report (actual, estimate, total): its
    text column takes the estimate's label whole or the figures take the room, whichever sets
    the shorter table, and its notes run on; 9 teams keep each form on its page."""
    report = build(_with_teams(ward, 9), "mediation-stats", "2026-H1", language)
    assert any(row.style == ESTIMATE for row in report.sections[1].rows)
    pages = pdf_pages(save_report(report, tmp_path / "stats.pdf", "pdf"))
    assert len(pages) == 2
    assert report.preparer_name in pages[0] and report.preparer_name in pages[1]


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
@pytest.mark.parametrize("teams", [9, 12])
def test_a_ward_s_form_sheet_prints_on_one_page_in_libreoffice(ward, tmp_path, teams):
    """Fitted to the page's width alone, the 10-series sheet sent its signatures to a second
    page: a form that keeps 9 pt or more on one page is fitted to it, head to signatures (12
    teams fit once the blank rows between its blocks take half a line)."""
    report = build(_with_teams(ward, teams), "mediation-stats")
    path = save_report(report, tmp_path / "stats.xlsx", "xlsx")
    assert [sheet.page_setup.fitToHeight for sheet in load_workbook(path).worksheets] == [1, 1]
    pages = pdf_pages(printed_by_libreoffice(path, tmp_path))
    assert len(pages) == 2
    for page, section in zip(pages, report.sections, strict=True):
        assert section.form.title.upper() in page and section.rows[-1].values["unit"] in page
        assert "NGƯỜI LẬP BIỂU" in page and report.preparer_name in page


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("period", ["2026", "2026-H1"])
@pytest.mark.parametrize("unit", ["busy", "small"])
def test_a_form_goes_over_only_when_it_cannot_fit(request, tmp_path, unit, period, language):
    report = build(request.getfixturevalue(unit), "mediation-stats", period, language)
    layout, _ = laid_out(report)
    forms = _form_pages(report, save_report(report, tmp_path / "stats.pdf", "pdf"))
    assert len(forms) == 2
    for pages, section in zip(forms, report.sections, strict=True):
        table = pdf._TableLayout(layout, section)
        whole = (
            sum(block.height for block in layout._heading(section.form))
            + table.header_height
            + sum(table.heights)
            + layout.rhythm.table_gap  # the space under the table
            + sum(block.height for block in layout._notes(section.form))
            + layout._signature().height
        )
        assert (len(pages) > 1) == (whole > layout.height), (len(pages), whole)
        # The total row goes over with a row above it and the signature under it.
        last = pages[-1]
        assert section.rows[-1].values["unit"] in last and section.rows[-2].values["unit"] in last
        assert report.preparer_name in last


@pytest.mark.parametrize("language", ["vi", "en"])
def test_mediation_stats_are_two_forms_each_at_9_pt_or_more(busy, tmp_path, language):
    definition = all_definitions()["mediation-stats"]
    report = build(busy, "mediation-stats", "2026-H1", language)
    assert len(report.sections) == 2
    layout, _ = laid_out(report)
    for section, part in zip(report.sections, definition.parts, strict=True):
        assert section.form.title == part.title(language)
        # Its own columns after the team's, numbered afresh.
        assert [c.key for c in section.columns] == ["unit", *part.columns]
        assert [c.number for c in section.columns] == [
            f"({n})" for n in range(1, len(section.columns) + 1)
        ]
        table = pdf._TableLayout(layout, section)
        assert table.size >= 9 and table.number_size >= 9
        assert all(size >= 9 for size in table.header_sizes.values())
        assert all(size >= 9 for row in table.cell_sizes.values() for _, size in row)
        # Team names on one line: the column allows it (the estimate row's label may wrap:
        # the column is as wide as the teams' names, the figures take the rest).
        assert not [
            row[0]
            for row, style in zip(table.cells, table.styles, strict=True)
            if "\n" in row[0] and style != ESTIMATE
        ]
    assert [len(s.columns) for s in report.sections] == [9, 16]  # not one 23-column table
    # Read back from the PDF: no character is set under 9 pt.
    path = save_report(report, tmp_path / "stats.pdf", "pdf")
    document = pypdfium2.PdfDocument(str(path))
    try:
        for number, page in enumerate(document, start=1):
            text = page.get_textpage()
            sizes = {
                round(pdfium.FPDFText_GetFontSize(text.raw, index), 2)
                for index in range(text.count_chars())
                if text.get_text_range(index, 1).strip()
            }
            assert min(sizes) >= 9, (number, sorted(sizes))
    finally:
        document.close()


def test_both_forms_are_in_every_format(busy, tmp_path):
    report = build(busy, "mediation-stats", "2026-H1")
    forms = [section.form for section in report.sections]
    # PDF: the forms one after the other, each under its own head.
    text = " ".join(pdf_pages(save_report(report, tmp_path / "stats.pdf", "pdf")))
    places = [text.index(form.title.upper()) for form in forms]
    assert places == sorted(places)
    for form in forms:
        assert form.legal_basis in text
        assert text.count("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") == 2
    # XLSX: a sheet per form, each whole — its head, its table, its notes, the signatures.
    book = load_workbook(save_report(report, tmp_path / "stats.xlsx", "xlsx"))
    assert book.sheetnames == [form.sheet for form in forms]
    for sheet, section in zip(book.worksheets, report.sections, strict=True):
        cells = {cell.value for row in sheet.iter_rows() for cell in row if cell.value}
        assert section.form.title.upper() in cells
        assert section.form.legal_basis in cells
        assert set(section.form.notes) <= cells
        assert {"NGƯỜI LẬP BIỂU", report.preparer_name} <= cells
        assert {column.label for column in section.columns} <= cells
    # CSV: both tables one after the other, a blank line between, each under its title.
    with open(save_report(report, tmp_path / "stats.csv", "csv"), encoding="utf-8-sig") as file:
        lines = list(csv.reader(file))
    blocks = [list(block) for filled, block in itertools.groupby(lines, key=bool) if filled]
    assert [block[0] for block in blocks[:2]] == [[form.title] for form in forms]
    for block, section in zip(blocks, report.sections, strict=True):
        assert len(block) == 2 + len(section.rows)  # title, header, rows
        assert len(block[1]) == len(section.columns)


def test_the_leader_signs_beside_part_two_as_in_the_paper_book(busy, tmp_path):
    """Under Part II, the signature took 110 pt more of the book's last page and sent Part II
    alone to a page of its own: it stands on the right, beside Part II's lines."""
    from tests.test_xlsx_print import words_per_page

    report = build(busy, "mediation-logbook")
    pages = words_per_page(save_report(report, tmp_path / "logbook.pdf", "pdf"))
    signed = 0
    for words in pages:
        titles = [top for top, _, text in words if text == "TRƯỞNG"]
        lines = [top for top, _, text in words if text in ("Hòa", "Đang", "Chưa")]
        part_two = [top for top, _, text in words if text == "II."]
        if titles and part_two:
            assert part_two[0] < titles[0] < max(lines), (titles, lines)
            signed += 1
    assert signed == len(report.sections)
