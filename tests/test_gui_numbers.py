"""Numbers as each language writes them, everywhere in the window (41.873 in Vietnamese, 41,873
in English), and English nouns in the right form for the count ("1 case", "2 cases"), through
plural entries of the gettext catalogs."""

from datetime import date
from types import SimpleNamespace

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import write_po
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow

import app.i18n
import ui.pages.reports as reports_page
from app.i18n import ngettext
from app.reports.table import COUNT, TEXT, TOTAL, Column, Report, Row, Section
from app.services import records as svc
from app.services.fields import Spec
from tests import factories as f
from ui.dialogs.history import HistoryDialog
from ui.forms.widgets import NumberEditor
from ui.pages.dashboard import freshness
from ui.pages.overview import number
from ui.pages.records import RecordsPage
from ui.pages.reports import ReportsPage
from ui.pages.send import SendPage
from ui.settings_store import UiSettings

ROW = ("{count} row.", "{count} rows.")


@pytest.fixture
def english(monkeypatch):
    monkeypatch.setattr("app.i18n._current", "en")


# -- plural entries in the catalogs ---------------------------------------------------------------


@pytest.fixture
def catalogs(tmp_path, monkeypatch):
    """Shipped catalogs holding one plural entry, translated or (`translated=False`) not."""

    def make(translated=True, compiled=False):
        for language, forms in (
            ("vi", ("{count} dòng.",)),
            ("en", ("{count} line.", "{count} lines.")),
        ):
            catalog = Catalog(locale=language)
            catalog.add(ROW, forms if translated else ("",) * len(forms))
            folder = tmp_path / "i18n" / language / "LC_MESSAGES"
            folder.mkdir(parents=True, exist_ok=True)
            with (folder / "tiepcan.po").open("wb") as handle:
                write_po(handle, catalog)
            if compiled:
                with (folder / "tiepcan.mo").open("wb") as handle:
                    write_mo(handle, catalog)
        monkeypatch.setattr(app.i18n, "shipped_dir", lambda name: tmp_path / name)
        app.i18n._catalog.cache_clear()

    yield make
    app.i18n._catalog.cache_clear()


@pytest.mark.parametrize("compiled", [False, True])
def test_a_plural_entry_gives_each_language_its_forms(catalogs, compiled):
    catalogs(compiled=compiled)
    assert [ngettext(*ROW, n, "vi") for n in (1, 2)] == ["{count} dòng."] * 2
    assert [ngettext(*ROW, n, "en") for n in (0, 1, 2)] == [
        "{count} lines.",
        "{count} line.",
        "{count} lines.",
    ]


@pytest.mark.parametrize("compiled", [False, True])
def test_an_untranslated_plural_follows_the_english_rule(catalogs, compiled):
    # Babel compiles an untranslated entry with the msgids as its forms: "1 rows" would follow.
    catalogs(translated=False, compiled=compiled)
    assert [ngettext(*ROW, n, "vi") for n in (1, 2)] == list(ROW)
    assert [ngettext(*ROW, n, "en") for n in (1, 2)] == list(ROW)


# -- the window -------------------------------------------------------------------------------


def show(qtbot, widget, window=None):
    window = window or QMainWindow()
    window.setCentralWidget(widget)
    qtbot.addWidget(window)
    window.show()
    widget.host = window
    return widget


def long_report(rows: int) -> Report:
    columns = [Column("seq", "STT", COUNT), Column("text", "Nội dung", TEXT, width=3)]
    body = [Row({"seq": n, "text": f"Buổi {n}"}) for n in range(1, rows + 1)]
    return Report(
        "sessions-log", "vi", "Sổ", "Kỳ", "", "landscape", ("UBND",), "Cầu Giấy",
        date(2026, 6, 30), "CHỦ TỊCH", "", "NGƯỜI LẬP BIỂU", "",
        [Section(columns, [*body, Row({"text": "Tổng cộng"}, TOTAL)])],
    )  # fmt: skip


@pytest.mark.parametrize(
    ("language", "rows", "expected"),
    [("vi", 41_873, "41.873"), ("en", 41_873, "41,873 rows."), ("en", 1, "1 row.")],
)
def test_the_reports_page_counts_rows_grouped(qtbot, ward, monkeypatch, language, rows, expected):
    monkeypatch.setattr("app.i18n._current", language)
    monkeypatch.setattr(reports_page, "build_report", lambda *_args: long_report(rows))
    window = QMainWindow()
    page = ReportsPage(ward, UiSettings(ward.folder.root), window)
    show(qtbot, page, window)
    page.report_combo.setCurrentIndex(page.report_combo.findData("sessions-log"))
    page.period_combo.setEditText("2026")
    qtbot.mouseClick(page.view_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.report is not None and page._compute_task is None)
    assert expected in page.status.text()
    assert str(rows) not in page.status.text() or rows < 1000


def test_one_record_is_one_case_not_one_cases(qtbot, ward, english):
    svc.create(ward, "cases", f.case_data())
    page = show(qtbot, RecordsPage(ward, "cases", UiSettings(ward.folder.root)))
    page.refresh()
    assert page.count.text() == "1 case"
    svc.create(ward, "cases", f.case_data(title="Tranh chấp ranh giới đất"))
    page.reload()
    assert page.count.text() == "2 cases"


def test_history_counts_entries_in_the_right_form(qtbot, ward, english):
    case = svc.create(ward, "cases", f.case_data())
    second = {"role": "respondent", "full_name": "Lê Thị Mai", "birth_year": 1980}
    svc.update(ward, "cases", case["uuid"], {"parties": [*case["data"]["parties"], second]})
    dialog = HistoryDialog(ward, "cases", case["uuid"])
    qtbot.addWidget(dialog)
    edit = dialog.tree.topLevelItem(0)
    change = next(edit.child(i) for i in range(edit.childCount()) if edit.child(i).text(3))
    assert (change.text(3), change.text(4)) == ("1 entry", "2 entries")


def test_the_export_sentence_groups_its_counts(qtbot, ward, english):
    window = QMainWindow()
    page = show(qtbot, SendPage(ward, UiSettings(ward.folder.root), window), window)
    done = SimpleNamespace(
        seq=3, path="00167-3.tcb", counts={"sessions": 41_000, "cases": 873},
        names_replaced=1, numbers_replaced=1_200, case_texts_withheld=False,
    )  # fmt: skip
    page._exported(done)  # what the export task hands back when it is done
    text = page.result.text()
    assert "(41,873 records)" in text
    assert "1 name of a party or an invited person was replaced" in text
    assert "1,200 long numbers" in text


def test_days_ago_and_overview_figures_follow_the_language(monkeypatch):
    monkeypatch.setattr("app.i18n._current", "en")
    assert freshness(date(2026, 11, 30), date(2026, 12, 1)).endswith("1 day ago")
    assert number(41_873) == "41,873"
    monkeypatch.setattr("app.i18n._current", "vi")
    assert number(41_873) == "41.873"


@pytest.mark.parametrize(("language", "shown"), [("vi", "1.500.000"), ("en", "1,500,000")])
def test_a_number_field_shows_and_reads_the_language_s_grouping(
    qtbot, monkeypatch, language, shown
):
    monkeypatch.setattr("app.i18n._current", language)
    editor = NumberEditor(Spec("fee_amount", "int", "Fee"))
    qtbot.addWidget(editor)
    editor.set_value(1_500_000)
    assert editor.editor.text() == shown
    assert editor.value() == 1_500_000
