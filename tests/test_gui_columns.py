"""What the lists and the history show of a long value: columns as wide as their header and
values need at the font the officer chose (a team's name and a case's result whole), a longer
value cut in the middle so its end stays visible, and an edit near the end of a long value
visible in the history's before and after."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QMainWindow, QStyle, QStyleOptionViewItem

from app.services import records as svc
from tests import factories as f
from ui.dialogs.history import AFTER, BEFORE, HistoryDialog
from ui.pages.records import RecordsPage
from ui.settings_store import UiSettings
from ui.theme import FONT_SIZES

TEAM = "Tổ hòa giải tổ dân phố số 12"
TITLE = (
    "Tranh chấp lối đi chung giữa hộ ông Nguyễn Văn Hùng và hộ bà Trần Thị Lan tại ngõ 14 "
    "phố Trần Quốc Hoàn, tổ dân phố số 12"
)


@pytest.fixture
def largest_font():
    """The Settings page's largest font, as the whole application gets it; put back after."""
    app = QApplication.instance()
    before = QFont(app.font())
    font = QFont(before)
    font.setPointSize(FONT_SIZES["largest"])
    app.setFont(font)
    yield
    app.setFont(before)


@pytest.fixture
def cases(ward):
    people = [f.person(ward, name) for name in ("Nguyễn Văn Đức", "Phạm Thị Lan")]
    team = f.team(ward, [p["uuid"] for p in people], name=TEAM)
    for result, reason in (("success", "agreement"), ("failure", "party_stopped")):
        data = f.case_data(title=TITLE, team=team["uuid"], result=result, end_reason=reason)
        svc.create(ward, "cases", data)
    return team


def open_page(qtbot, ward, kind, width=1100) -> RecordsPage:
    window = QMainWindow()
    page = RecordsPage(ward, kind, UiSettings(ward.folder.root), window)
    window.setCentralWidget(page)
    window.resize(width, 700)
    qtbot.addWidget(window)
    window.show()
    page.host = window
    page.refresh()
    return page


def text_margin(view) -> int:
    # What the style leaves between a cell's edge and its text, on each side.
    return view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1


def shown(table, row: int, column: int) -> str:
    """The text a cell of the list paints: its value, elided to the column as the view does."""
    text = table.model().index(row, column).data()
    room = table.columnWidth(column) - 2 * text_margin(table) - 1  # the grid line
    return table.fontMetrics().elidedText(text, table.textElideMode(), room)


def column(page, key: str) -> int:
    return next(i for i, c in enumerate(page.spec.columns) if c.key == key)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_header_fits_at_the_largest_font(
    qtbot, ward, cases, largest_font, monkeypatch, language
):
    monkeypatch.setattr("app.i18n._current", language)
    for kind in ("sessions", "cases", "people", "teams", "trainings"):
        page = open_page(qtbot, ward, kind)
        header = page.table.horizontalHeader()
        for index in range(header.count() - 1):  # the last one stretches to the edge
            assert header.sectionSize(index) >= header.sectionSizeHint(index), (
                kind,
                page.model.headerData(index, Qt.Orientation.Horizontal),
            )


def test_a_team_and_a_result_are_shown_whole_at_the_largest_font(qtbot, ward, cases, largest_font):
    page = open_page(qtbot, ward, "cases")
    table = page.table
    results = {shown(table, row, column(page, "result")) for row in range(2)}
    assert results == {"Hòa giải thành", "Hòa giải không thành"}
    assert shown(table, 0, column(page, "team")) == TEAM


def test_a_long_value_keeps_its_end_in_view(qtbot, ward, cases):
    page = open_page(qtbot, ward, "cases")
    title = shown(page.table, 0, column(page, "title"))
    assert title != TITLE and "…" in title  # too long for any column: cut…
    assert title.startswith("Tranh chấp") and title.endswith("số 12")  # …in the middle


def test_columns_follow_a_change_of_font_size(qtbot, ward, cases):
    page = open_page(qtbot, ward, "cases")
    header = page.table.horizontalHeader()
    result = column(page, "result")
    bigger = QFont(page.font())
    bigger.setPointSize(FONT_SIZES["largest"])
    page.setFont(bigger)  # what Settings → font size does, for the whole window
    assert header.sectionSize(result) >= header.sectionSizeHint(result)
    assert shown(page.table, 1, result) in ("Hòa giải thành", "Hòa giải không thành")
    assert page.table.rowHeight(0) > page.table.fontMetrics().height()


def painted(tree, item, column: int) -> str:
    """The text a history cell paints, through the tree's own delegate."""
    index = tree.indexFromItem(item, column)
    option = QStyleOptionViewItem()
    option.rect = tree.visualRect(index)
    option.font = tree.font()
    option.fontMetrics = tree.fontMetrics()
    tree.itemDelegateForIndex(index).initStyleOption(option, index)
    room = option.rect.width() - 2 * text_margin(tree)
    return option.fontMetrics.elidedText(option.text, tree.textElideMode(), room)


def test_history_shows_a_change_at_the_end_of_a_long_value(qtbot, ward, cases):
    case = svc.list_records(ward, "cases", limit=1)[0]
    svc.update(ward, "cases", case["uuid"], {"title": TITLE.replace("số 12", "số 13")})
    dialog = HistoryDialog(ward, "cases", case["uuid"])
    qtbot.addWidget(dialog)
    dialog.show()
    edit = dialog.tree.topLevelItem(0)
    change = next(edit.child(i) for i in range(edit.childCount()) if edit.child(i).text(2))
    before, after = painted(dialog.tree, change, BEFORE), painted(dialog.tree, change, AFTER)
    assert before != after
    assert "số 12" in before and "số 13" in after
    # The whole change, wrapped, for the row under the cursor.
    dialog.tree.setCurrentItem(change)
    assert dialog.details.isVisible()
    assert TITLE in dialog.details.toPlainText()
    assert TITLE.replace("số 12", "số 13") in dialog.details.toPlainText()


def test_history_shows_labels_names_and_grouped_figures(qtbot, ward, cases):
    case = next(c for c in svc.list_records(ward, "cases") if c["data"]["result"] == "success")
    other = f.team(ward, [], name="Tổ hòa giải thôn Đông")
    changes = {"fee_amount": 1_500_000, "team": other["uuid"]}
    svc.update(
        ward, "cases", case["uuid"], {**changes, "result": "failure", "end_reason": "party_stopped"}
    )
    dialog = HistoryDialog(ward, "cases", case["uuid"])
    qtbot.addWidget(dialog)
    edit = dialog.tree.topLevelItem(0)
    after = {edit.child(i).text(AFTER) for i in range(edit.childCount())}
    before = {edit.child(i).text(BEFORE) for i in range(edit.childCount())}
    assert {"1.500.000", "Hòa giải không thành"} <= after
    assert "Hòa giải thành" in before  # labels, never the codes "success", "failure"
    assert any(text.startswith("Tổ hòa giải thôn Đông") for text in after)  # not its uuid
    assert any(text.startswith(TEAM) for text in before)


def test_every_column_is_in_view_at_the_usual_size_and_the_result_whole(qtbot, cases, ward):
    """A case's title gives way (cut in the middle) before the result column leaves the window:
    at the usual font and window, "Hòa giải không thành" is in view and whole."""
    page = open_page(qtbot, ward, "cases", width=1000)  # 1366 × 768 less the sidebar
    table = page.table
    qtbot.waitUntil(lambda: table.model().rowCount() == 2)
    header = table.horizontalHeader()
    shown = [c for c in range(table.model().columnCount()) if not header.isSectionHidden(c)]
    assert sum(header.sectionSize(c) for c in shown) <= table.viewport().width()
    result = next(
        c for c in shown if table.model().headerData(c, Qt.Orientation.Horizontal) == "Kết quả"
    )
    assert header.sectionSize(result) >= table.needed_width(result)


def test_a_list_of_names_is_cut_at_its_end_never_into_a_made_up_name(qtbot, ward, cases):
    page = open_page(qtbot, ward, "cases")
    table = page.table
    qtbot.waitUntil(lambda: table.model().rowCount() == 2)
    keys = [c.key for c in table.model().spec.columns]
    names, title = keys.index("mediators"), keys.index("title")
    option = QStyleOptionViewItem()
    delegate = table.itemDelegateForColumn(names)
    delegate.initStyleOption(option, table.model().index(0, names))
    assert option.textElideMode == Qt.TextElideMode.ElideRight
    assert table.itemDelegateForColumn(title) is None  # a title keeps its distinguishing end
