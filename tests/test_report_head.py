"""The head of a printed form and the words of its period (NĐ 30/2020, TT 03/2019): a
statistical form's band ("Biểu số …", the circular, the reporting and receiving units), the
issuing unit in bold (a district's parent body above it, from the settings and on the command
line), one pair of parentheses in "Kỳ báo cáo", no estimate named where none is typed, and the
unit of the materials column."""

import subprocess

import pytest
from openpyxl import load_workbook
from reportlab.lib.pagesizes import A4, landscape

from app.cli.main import run
from app.i18n import gettext
from app.reports import pdf
from app.reports.definitions import all_definitions
from app.reports.export import save_report
from app.reports.fonts import BOLD, REGULAR, register_fonts
from app.reports.heading import (
    BLANK,
    COMMITTEE_OF,
    FORM_NUMBER,
    numbered_forms,
    without_shared_tail,
)
from app.services.preferences import put_settings
from app.services.setup import set_up
from tests.exchange import introduce
from tests.report_helpers import demo_ward, report

STATISTICS = [name for name, d in all_definitions().items() if d.kind == "statistics"]
TT_03_2019 = [name for name in STATISTICS if "03/2019" in all_definitions()[name].legal_basis.vi]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    store = demo_ward(tmp_path_factory.mktemp("head") / "w", seed=4, sessions=80, cases=40)
    yield store
    store.close()


def pdf_text(path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def sheet_values(path) -> set:
    sheet = load_workbook(path).worksheets[0]
    return {cell.value for row in sheet.iter_rows() for cell in row if cell.value is not None}


class Canvas:
    """Records what a block draws: (font, text) of each string."""

    def __init__(self):
        self.font, self.strings = None, []

    def setFont(self, font, size):
        self.font = font

    def drawCentredString(self, x, y, text):
        self.strings.append((self.font, text))

    drawString = drawCentredString

    def setLineWidth(self, width):
        pass

    def line(self, *points):
        pass


def drawn_heading(rep) -> list[tuple[str, str]]:
    register_fonts()
    canvas = Canvas()
    for block in pdf._Layout(rep, landscape(A4))._heading():
        block.draw(canvas, 0, 500)
    return canvas.strings


# -- item 4: the band of a statistical form -----------------------------------------------------


def test_every_statistical_form_has_a_band_and_the_2019_forms_name_number_and_circular():
    assert set(TT_03_2019) >= {"pbgdpl-stats"}
    for name in STATISTICS:
        form = all_definitions()[name].form
        assert form is not None, name
        if name in TT_03_2019:
            assert form.number is not None, name  # printed, as dots where not known
            assert "03/2019/TT-BTP" in form.circular.vi, name


@pytest.mark.parametrize("name", STATISTICS)
@pytest.mark.parametrize("fmt", ["pdf", "xlsx"])
def test_each_forms_head_names_number_circular_and_both_units(demo, tmp_path, name, fmt):
    rep = report(demo, name, "2026", language="vi")
    form = all_definitions()[name].form
    reporting = gettext("Reporting unit: {unit}", "vi").format(
        unit=gettext(COMMITTEE_OF, "vi").format(unit="phường Cầu Giấy")
    )
    receiving = gettext("Receiving unit: {unit}", "vi").format(unit=BLANK)
    assert rep.form_right == (reporting, receiving)
    expected_left = []
    if form.number is not None:
        expected_left.append(gettext("Form No. {number}", "vi").format(number=form.number or BLANK))
    if form.circular is not None:
        expected_left.append(form.circular.vi)
    assert list(rep.form_left) == expected_left
    path = save_report(rep, tmp_path / f"{name}.{fmt}", fmt)
    printed = pdf_text(path) if fmt == "pdf" else "\n".join(map(str, sheet_values(path)))
    for line in (*rep.form_left, *rep.form_right):
        assert line in printed, line
    # The band comes first: above the unit and the national motto.
    if fmt == "pdf":
        assert printed.index(rep.form_right[0]) < printed.index(rep.unit_lines[0])


def test_each_form_filed_prints_the_number_the_office_typed(ward, tmp_path):
    """The 2025 forms' numbers were not obtained (domain.md §6): the office types the number its
    receiving unit prescribes, per form; each form of a report filed as several prints its own,
    in the PDF (each form's first page) and in its own sheet."""
    forms = dict(numbered_forms(all_definitions().values(), "vi"))
    keys = [key for key in forms if key.startswith(FORM_NUMBER + "mediation-stats/")]
    assert len(keys) == 2 and FORM_NUMBER + "pbgdpl-stats" in forms
    put_settings(ward, {keys[0]: "10a/TP/HGCS", keys[1]: "11a/TP/HGCS"})
    rep = report(ward, "mediation-stats", "2026", language="vi")
    numbers = [gettext("Form No. {number}", "vi").format(number=n) for n in ("10a", "11a")]
    bands = [section.form.form_left[0] for section in rep.sections]
    assert bands == [f"{numbers[0]}/TP/HGCS", f"{numbers[1]}/TP/HGCS"]
    pages = pdf_text(save_report(rep, tmp_path / "m.pdf", "pdf")).split("\f")
    first = [page for page in pages if "Biểu số" in page]
    assert "10a/TP/HGCS" in first[0] and "11a/TP/HGCS" in first[-1]
    book = load_workbook(save_report(rep, tmp_path / "m.xlsx", "xlsx"))
    for sheet, band in zip(book.worksheets, bands, strict=True):
        assert band in {c.value for row in sheet.iter_rows() for c in row}
    # A report that is one form reads its own setting; blank prints dots for the pen.
    assert report(ward, "pbgdpl-stats", "2026", language="vi").form_left[0].endswith(BLANK)
    put_settings(ward, {FORM_NUMBER + "pbgdpl-stats": "04a/TP/PBGDPL"})
    assert report(ward, "pbgdpl-stats", "2026").form_left[0].endswith("04a/TP/PBGDPL")


def test_lists_have_no_band(demo):
    rep = report(demo, "sessions-log", "2026")
    assert rep.form_left == rep.form_right == ()


def test_the_receiving_unit_is_the_trusted_district_or_the_setting(ward, district):
    def receiving():
        return report(ward, "pbgdpl-stats", "2026", language="vi").form_right[1]

    assert receiving().endswith(BLANK)
    introduce(district, ward)
    assert receiving().endswith(": Sở Tư pháp Hà Nội")
    put_settings(ward, {"reports.receiving_unit": "Sở Tư pháp thành phố Hà Nội"})
    assert receiving().endswith(": Sở Tư pháp thành phố Hà Nội")


# -- item 4: the issuing unit, top left ---------------------------------------------------------


def test_a_wards_committee_prints_both_lines_bold(demo, tmp_path):
    rep = report(demo, "pbgdpl-stats", "2026", language="vi")
    assert rep.unit_lines == ("ỦY BAN NHÂN DÂN", "PHƯỜNG CẦU GIẤY")
    drawn = dict((text, font) for font, text in drawn_heading(rep))
    assert drawn["ỦY BAN NHÂN DÂN"] == BOLD and drawn["PHƯỜNG CẦU GIẤY"] == BOLD
    sheet = load_workbook(save_report(rep, tmp_path / "s.xlsx", "xlsx")).worksheets[0]
    fonts = {c.value: c.font for row in sheet.iter_rows() for c in row if c.value}
    assert fonts["ỦY BAN NHÂN DÂN"].b and fonts["PHƯỜNG CẦU GIẤY"].b


def test_a_district_names_its_parent_above_it_in_regular_type(district, tmp_path):
    rep = report(district, "pbgdpl-stats", "2026", language="vi")
    parent = gettext(COMMITTEE_OF, "vi").format(unit="thành phố Hà Nội").upper()
    assert "HÀ NỘI" in parent
    assert rep.unit_lines == (parent, "SỞ TƯ PHÁP")
    drawn = dict((text, font) for font, text in drawn_heading(rep))
    assert drawn[parent] == REGULAR and drawn["SỞ TƯ PHÁP"] == BOLD
    sheet = load_workbook(save_report(rep, tmp_path / "d.xlsx", "xlsx")).worksheets[0]
    fonts = {c.value: c.font for row in sheet.iter_rows() for c in row if c.value}
    assert not fonts[parent].b and fonts["SỞ TƯ PHÁP"].b


def test_an_english_head_names_the_units_in_english_order(district, demo):
    """ "PEOPLE'S COMMITTEE OF THÀNH PHỐ HÀ NỘI" mixed the languages: in English the kind of
    a division follows its name, in English."""
    rep = report(district, "pbgdpl-stats", "2026", language="en")
    assert rep.unit_lines[0] == "PEOPLE'S COMMITTEE OF HÀ NỘI CITY"
    rep = report(demo, "pbgdpl-stats", "2026", language="en")
    assert rep.form_right[0] == "Reporting unit: People's Committee of Cầu Giấy Ward"


def test_the_parent_body_is_a_setting_the_command_line_uses(tmp_path):
    folder = tmp_path / "d"
    store = set_up(folder, "district", "01", name="Phòng Tư pháp quận Cầu Giấy").store
    put_settings(store, {"reports.parent_body": "Ủy ban nhân dân quận Cầu Giấy"})
    assert report(store, "legal-access", "2026").unit_lines == (
        "ỦY BAN NHÂN DÂN QUẬN CẦU GIẤY",
        "PHÒNG TƯ PHÁP",
    )
    store.close()
    out = tmp_path / "la.pdf"
    args = ["report", "legal-access", "--period", "2026", "--format", "pdf", "--out", str(out)]
    assert run([*args, "--data-dir", str(folder)]) == 0
    text = pdf_text(out)
    assert "ỦY BAN NHÂN DÂN QUẬN CẦU GIẤY" in text and "PHÒNG TƯ PHÁP" in text


def test_a_unit_name_loses_only_the_place_its_parent_names():
    assert without_shared_tail("Sở Tư pháp Hà Nội", "Ủy ban nhân dân thành phố Hà Nội") == (
        "Sở Tư pháp"
    )
    assert without_shared_tail("Sở Tư pháp", "Ủy ban nhân dân tỉnh Cao Bằng") == "Sở Tư pháp"
    assert without_shared_tail("Sở Tư pháp Hà Nội", "Bộ Tư pháp") == "Sở Tư pháp Hà Nội"
    assert without_shared_tail("Tư pháp Hà Nội", "Ủy ban nhân dân thành phố Hà Nội") == ("Tư pháp")
    # A name left with one word stays whole.
    assert without_shared_tail("Sở Hà Nội", "Ủy ban nhân dân thành phố Hà Nội") == "Sở Hà Nội"


# -- item 5: the words of the period and of the materials ---------------------------------------


@pytest.mark.parametrize("name", ["pbgdpl-stats", "sessions-log", "legal-access"])
@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_period_line_has_one_pair_of_parentheses(demo, name, language):
    for period in ("2026-Y", "2026-H1", "2026"):
        line = report(demo, name, period, language=language).period_line
        assert line.count("(") == line.count(")") == 1, line


def test_the_preliminary_annual_report_reads_as_one_name(demo):
    line = report(demo, "pbgdpl-stats", "2026-Y", language="vi").period_line
    name = gettext("preliminary report, year {year}", "vi").format(year=2026)
    assert line.startswith(gettext("Reporting period: {name} ({span})", "vi").split("{")[0] + name)


def test_a_form_without_estimate_cells_names_no_estimate_period(demo, tmp_path):
    rep = report(demo, "legal-access", "2026-H1", language="vi")
    assert not all_definitions()["legal-access"].estimates
    line = rep.period_line
    actual = gettext("actual data {start} to {actual_end}", "vi").format(
        start="01/01/2026", actual_end="31/05/2026"
    )
    assert line.endswith(f"({actual})"), line
    assert "01/06/2026" not in line and "30/06/2026" not in line
    assert line in pdf_text(save_report(rep, tmp_path / "la.pdf", "pdf"))
    # A form with estimate cells still names its estimate part.
    stats = report(demo, "pbgdpl-stats", "2026-H1", language="vi").period_line
    assert "01/06/2026" in stats and "30/06/2026" in stats


@pytest.mark.parametrize(("language", "unit"), [("vi", "(đầu tài liệu)"), ("en", "(titles)")])
def test_the_materials_column_says_it_counts_titles(demo, tmp_path, language, unit):
    rep = report(demo, "pbgdpl-stats", "2026", language=language)
    (section,) = rep.sections
    for key in ("materials", "materials_online"):
        column = next(c for c in section.columns if c.key == key)
        assert unit in " ".join((*column.groups, column.label)), key
    register_fonts()
    table = pdf._TableLayout(pdf._Layout(rep, landscape(A4)), section)
    printed = [" ".join(cell.split()) for row in table.header for cell in row]  # cells wrap
    assert any(unit in cell for cell in printed)
    assert unit in " ".join(map(str, sheet_values(save_report(rep, tmp_path / "p.xlsx", "xlsx"))))


@pytest.mark.parametrize("fmt", ["pdf", "xlsx"])
def test_a_form_with_no_estimate_row_names_no_estimated_part(demo, tmp_path, fmt):
    """The 10-series form (teams and mediators) has nothing to estimate: its "Kỳ báo cáo"
    names its actual data only; the 11-series keeps the estimated part it has cells for."""
    rep = report(demo, "mediation-stats", "2026-H1", language="vi")
    teams, results = rep.sections
    assert teams.form.period_line == (
        "Kỳ báo cáo: 6 tháng đầu năm 2026 (số liệu thực tế từ 01/01/2026 đến 31/05/2026)"
    )
    assert not results.form.period_line and "ước tính từ 01/06/2026" in rep.period_line
    path = save_report(rep, tmp_path / f"stats.{fmt}", fmt)
    if fmt == "pdf":
        first, second = pdf_text(path).split("\f")[:2]
    else:
        sheets = load_workbook(path).worksheets
        first, second = (
            " ".join(str(c.value) for row in s.iter_rows() for c in row if c.value) for s in sheets
        )
    assert teams.form.period_line in first and "ước tính từ 01/06" not in first
    assert "ước tính từ 01/06/2026 đến 30/06/2026" in " ".join(second.split())
