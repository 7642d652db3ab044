"""The overview: each figure, each attention rule (with its boundary), and the page itself."""

from datetime import date, timedelta

import pytest

from app import i18n
from app.services import overview as ov
from app.services import records as svc
from app.services.overview import overview
from tests.factories import case_data, session_data, team

TODAY = date(2026, 11, 26)


def ago(days: int) -> str:
    return (TODAY - timedelta(days=days)).isoformat()


def role(code: str, *, start: str = "2024-01-05", end: str | None = None) -> dict:
    return {"role": code, "decision_date": start, "end_date": end, "issuer": "ward_chairman"}


def someone(store, name: str, gender: str = "male", roles=()) -> str:
    data = {"full_name": name, "gender": gender, "hamlet": "Tổ dân phố số 7", "roles": list(roles)}
    return svc.create(store, "people", data)["uuid"]


def attention(result: dict, reason: str) -> list[dict]:
    return [item for item in result["attention"] if item["reason"] == reason]


# -- an empty ward ---------------------------------------------------------------------------


def test_empty_ward(ward):
    result = overview(ward, TODAY)
    assert result["is_empty"]
    assert result["period"] == {"kind": "year", "start": "2026-01-01", "end": "2026-12-31"}
    figures = result["figures"]
    assert figures["sessions"] == figures["cases_received"] == figures["teams"] == 0
    assert figures["success_rate"] is None
    assert figures["people_by_role"] == {"BCV": 0, "TTV": 0, "HGV": 0, "OTHER": 0}
    assert [m["month"] for m in result["months"]] == list(range(1, 13))
    assert result["results"] == {"success": 0, "failure": 0, "in_progress": 0, "not_started": 0}
    assert result["attention"] == []
    assert set(result["attention_totals"].values()) == {0}


def test_periods():
    assert ov.period_bounds(date(2026, 3, 15), "half") == (date(2026, 1, 1), date(2026, 6, 30))
    assert ov.period_bounds(date(2026, 7, 1), "half") == (date(2026, 7, 1), date(2026, 12, 31))
    assert ov.period_bounds(date(2026, 6, 30), "year") == (date(2026, 1, 1), date(2026, 12, 31))
    with pytest.raises(ValueError):
        ov.period_bounds(TODAY, "quarter")


# -- outreach --------------------------------------------------------------------------------


def test_session_figures(ward):
    a = someone(ward, "Lê Thị An", "female", [role("TTV")])
    b = someone(ward, "Trần Văn Bình", roles=[role("BCV")])
    c = someone(ward, "Phạm Văn Cường", roles=[role("TTV")])
    svc.create(
        ward, "sessions", session_data(held_on="2026-03-10", attendees=80, presenters=[a, b])
    )
    svc.create(ward, "sessions", session_data(held_on="2026-05-01", attendees=20, presenters=[a]))
    # Not direct: counted as a session, but not its attendees or presenter.
    svc.create(
        ward,
        "sessions",
        session_data(held_on="2026-05-02", form="loudspeaker", attendees=300, presenters=[c]),
    )
    # A direct form the officer marked as not direct.
    svc.create(ward, "sessions", session_data(held_on="2026-05-03", direct=False, presenters=[c]))
    # Outside the period, and a deleted one: not counted at all.
    svc.create(ward, "sessions", session_data(held_on="2025-12-31", presenters=[c]))
    gone = svc.create(ward, "sessions", session_data(held_on="2026-06-01", presenters=[c]))
    svc.delete(ward, "sessions", gone["uuid"])

    result = overview(ward, TODAY)
    figures = result["figures"]
    assert figures["sessions"] == 4
    assert figures["direct_sessions"] == 2
    assert figures["direct_attendees"] == 100
    assert figures["presenters"] == 2
    months = {m["month"]: m["sessions"] for m in result["months"]}
    assert months[3] == 1 and months[5] == 3 and months[6] == 0
    assert sum(months.values()) == 4
    assert not result["is_empty"]

    half = overview(ward, date(2026, 3, 15), "half")
    assert half["period"] == {"kind": "half", "start": "2026-01-01", "end": "2026-06-30"}
    assert [m["month"] for m in half["months"]] == [1, 2, 3, 4, 5, 6]
    assert half["figures"]["sessions"] == 4
    assert overview(ward, date(2026, 8, 1), "half")["figures"]["sessions"] == 0


# -- mediation -------------------------------------------------------------------------------


def test_case_figures(ward):
    create = lambda **extra: svc.create(ward, "cases", case_data(**extra))  # noqa: E731
    create(
        received_on="2026-01-05",
        assigned_on="2026-01-05",
        started_on="2026-01-06",
        ended_on="2026-01-20",
    )
    create(
        received_on="2026-02-01",
        assigned_on="2026-02-01",
        started_on="2026-02-02",
        ended_on="2026-02-10",
    )
    create(
        received_on="2026-02-03",
        assigned_on="2026-02-03",
        started_on="2026-02-04",
        ended_on="2026-02-20",
        result="failure",
        end_reason="party_stopped",
    )
    create(
        received_on="2026-11-01",
        assigned_on="2026-11-01",
        started_on="2026-11-02",
        ended_on=None,
        end_reason=None,
        result="in_progress",
    )
    create(
        received_on="2026-11-20",
        assigned_on=None,
        started_on=None,
        ended_on=None,
        end_reason=None,
        result="not_started",
    )
    # Outside mediation's scope: set aside, not counted.
    create(received_on="2026-03-01", scope_group="out_of_scope")
    # Another year and a deleted case: not counted.
    create(received_on="2025-12-30", assigned_on="2025-12-30", started_on="2025-12-31")
    gone = create(received_on="2026-04-01")
    svc.delete(ward, "cases", gone["uuid"])

    result = overview(ward, TODAY)
    figures = result["figures"]
    assert figures["cases_received"] == 5
    assert figures["concluded"] == 3
    assert figures["successful"] == 2
    assert figures["unsuccessful"] == 1
    assert figures["in_progress"] == 1
    assert figures["not_started"] == 1
    assert figures["success_rate"] == pytest.approx(2 / 3)
    assert figures["out_of_scope"] == 1
    assert result["results"] == {"success": 2, "failure": 1, "in_progress": 1, "not_started": 1}
    cases = {m["month"]: m["cases"] for m in result["months"]}
    assert cases == {1: 1, 2: 2, 3: 0, 4: 0, 5: 0, 6: 0, 7: 0, 8: 0, 9: 0, 10: 0, 11: 2, 12: 0}


def test_success_rate_needs_a_concluded_case(ward):
    svc.create(
        ward,
        "cases",
        case_data(
            ended_on=None,
            end_reason=None,
            result="in_progress",
            received_on="2026-11-20",
            assigned_on="2026-11-20",
            started_on="2026-11-21",
        ),
    )
    figures = overview(ward, TODAY)["figures"]
    assert figures["cases_received"] == 1
    assert figures["concluded"] == 0
    assert figures["success_rate"] is None


# -- people and teams ------------------------------------------------------------------------


def test_people_by_role_and_teams(ward):
    today = TODAY.isoformat()
    both = someone(ward, "Nguyễn Thị Hoa", "female", [role("HGV"), role("TTV")])
    someone(ward, "Lê Văn Hết", roles=[role("HGV", end=ago(1))])  # ended yesterday
    someone(ward, "Lê Văn Nay", roles=[role("HGV", end=today)])  # still recognised today
    someone(ward, "Đỗ Văn Sau", roles=[role("BCV", start="2026-12-01")])  # not yet
    gone = someone(ward, "Vũ Văn Xóa", roles=[role("BCV")])
    svc.delete(ward, "people", gone)
    team(ward, [both], name="Tổ hòa giải số 1")
    team(ward, [both], name="Tổ hòa giải cũ", valid_to="2025-06-30")  # no longer in force
    old = team(ward, [both], name="Tổ hòa giải số 3")
    svc.delete(ward, "teams", old["uuid"])

    figures = overview(ward, TODAY)["figures"]
    assert figures["people_by_role"] == {"BCV": 0, "TTV": 1, "HGV": 2, "OTHER": 0}
    assert figures["people_recognised"] == 2
    assert figures["teams"] == 1


# -- attention rules -------------------------------------------------------------------------


def test_start_overdue_boundary(ward):
    def waiting(title: str, assigned: str | None, **extra) -> str:
        data = case_data(
            title=title,
            received_on=assigned or ago(10),
            assigned_on=assigned,
            started_on=None,
            ended_on=None,
            end_reason=None,
            result="not_started",
        )
        return svc.create(ward, "cases", {**data, **extra})["uuid"]

    waiting("Ba ngày", ago(3))  # exactly 3 days: still in time
    late = waiting("Bốn ngày", ago(4))
    older = waiting("Mười ngày", ago(10))
    waiting("Chưa phân công", None)  # no assignment: the rule cannot apply
    waiting("Ngoài phạm vi", ago(10), scope_group="out_of_scope")
    gone = waiting("Đã xóa", ago(10))
    svc.delete(ward, "cases", gone)

    result = overview(ward, TODAY)
    items = attention(result, "start_overdue")
    assert [item["uuid"] for item in items] == [older, late]  # the longest waiting first
    assert items[1]["days"] == 4 and items[1]["assigned_on"] == ago(4)
    assert items[1]["kind"] == "cases" and items[1]["title"] == "Bốn ngày"
    assert result["attention_totals"]["start_overdue"] == 2


def test_started_late_boundary(ward):
    def started(title: str, after: int, received: str = "2026-05-01") -> str:
        assigned = date.fromisoformat(received) + timedelta(days=1)
        data = case_data(
            title=title,
            received_on=received,
            assigned_on=assigned.isoformat(),
            started_on=(assigned + timedelta(days=after)).isoformat(),
            ended_on="2026-07-01",
        )
        return svc.create(ward, "cases", data)["uuid"]

    started("Đúng hạn", 3)
    late = started("Muộn", 4)
    started("Năm ngoái", 9, received="2025-05-01")  # history, outside the period

    result = overview(ward, TODAY)
    items = attention(result, "started_late")
    assert [item["uuid"] for item in items] == [late]
    assert items[0]["days"] == 4
    assert items[0]["started_on"] == "2026-05-06" and items[0]["assigned_on"] == "2026-05-02"
    assert result["attention_totals"]["started_late"] == 1


def test_long_in_progress_boundary(ward):
    def ongoing(title: str, days: int) -> str:
        data = case_data(
            title=title,
            received_on=ago(days + 1),
            assigned_on=ago(days),
            started_on=ago(days),
            ended_on=None,
            end_reason=None,
            result="in_progress",
        )
        return svc.create(ward, "cases", data)["uuid"]

    ongoing("Ba mươi ngày", ov.LONG_MEDIATION_DAYS)  # exactly 30 days: not yet
    long = ongoing("Ba mươi mốt ngày", ov.LONG_MEDIATION_DAYS + 1)

    result = overview(ward, TODAY)
    items = attention(result, "long_in_progress")
    assert [item["uuid"] for item in items] == [long]
    assert items[0]["days"] == 31 and items[0]["started_on"] == ago(31)


def test_team_composition(ward):
    men = [someone(ward, f"Nguyễn Văn {n}") for n in ("An", "Bảo", "Chí")]
    woman = someone(ward, "Trần Thị Dung", "female")
    complete = team(ward, [*men[:2], woman], name="Tổ đủ")
    small = team(ward, [men[0], woman], name="Tổ thiếu người")
    no_woman = team(ward, men, name="Tổ chưa có nữ")
    empty = team(ward, [], name="Tổ trống")
    team(ward, [men[0]], name="Tổ đã giải thể", valid_to="2025-12-31")  # not in force

    result = overview(ward, TODAY)
    too_small = attention(result, "team_too_small")
    assert {item["uuid"]: item["members"] for item in too_small} == {
        small["uuid"]: 2,
        empty["uuid"]: 0,
    }
    assert {item["kind"] for item in too_small} == {"teams"}
    women = attention(result, "team_no_woman")
    assert [item["uuid"] for item in women] == [no_woman["uuid"]]  # the empty team: once
    assert women[0]["name"] == "Tổ chưa có nữ"
    assert complete["uuid"] not in {item["uuid"] for item in result["attention"]}
    assert result["attention_totals"]["team_too_small"] == 2
    assert result["attention_totals"]["team_no_woman"] == 1


def test_recognition_ended_but_still_a_member(ward):
    ended = someone(ward, "Lê Văn Hết", roles=[role("HGV", end=ago(1)), role("TTV", end=ago(40))])
    today_last = someone(ward, "Lê Thị Nay", "female", [role("HGV", end=TODAY.isoformat())])
    one_left = someone(ward, "Phạm Văn Còn", roles=[role("HGV", end=ago(5)), role("TTV")])
    no_roles = someone(ward, "Đỗ Thị Không", "female")
    crew = team(ward, [ended, today_last, one_left, no_roles], name="Tổ hòa giải số 7")
    team(ward, [ended], name="Tổ cũ", valid_to="2025-01-01")  # not in force: not reported

    result = overview(ward, TODAY)
    items = attention(result, "recognition_ended")
    assert len(items) == 1
    assert items[0] == {
        "kind": "people",
        "uuid": ended,
        "reason": "recognition_ended",
        "name": "Lê Văn Hết",
        "team_uuid": crew["uuid"],
        "team_name": "Tổ hòa giải số 7",
        "ended_on": ago(1),
    }
    assert result["attention_totals"]["recognition_ended"] == 1


def test_attention_lists_are_limited_but_counted(ward, monkeypatch):
    monkeypatch.setattr(ov, "ATTENTION_LIMIT", 2)
    data = case_data(
        received_on=ago(20),
        assigned_on=ago(20),
        started_on=None,
        ended_on=None,
        end_reason=None,
        result="not_started",
    )
    svc.create_many(ward, "cases", [dict(data) for _ in range(5)])
    team(ward, [], name="Tổ A")
    team(ward, [], name="Tổ B")
    team(ward, [], name="Tổ C")

    result = overview(ward, TODAY)
    assert len(attention(result, "start_overdue")) == 2
    assert result["attention_totals"]["start_overdue"] == 5
    assert [item["name"] for item in attention(result, "team_too_small")] == ["Tổ A", "Tổ B"]
    assert result["attention_totals"]["team_too_small"] == 3
    reasons = [item["reason"] for item in result["attention"]]
    assert reasons == sorted(reasons, key=ov.REASONS.index)  # grouped, in REASONS order


# -- the page --------------------------------------------------------------------------------


@pytest.fixture
def vietnamese_heading(monkeypatch):
    """The page's heading translated, whatever state the catalogs are in."""
    monkeypatch.setitem(i18n._catalog("vi"), "Overview", "Tổng quan")
    i18n.set_language("vi")
    yield
    i18n.set_language("vi")


def test_overview_page(ward, qtbot, vietnamese_heading):
    from app.demo import fill_demo_data
    from ui.pages.overview import OverviewPage, number

    fill_demo_data(ward, sessions=60, cases=40, people=30, seed=1)
    today = date(2026, 11, 26)  # inside the demo data's window
    expected = overview(ward, today)
    page = OverviewPage(ward, None, today=today)
    qtbot.addWidget(page)
    page.refresh()
    page.show()
    assert page.stack.currentWidget() is page.content
    for key in ("sessions", "direct_attendees", "cases_received", "teams"):
        assert page.figures[key].text() == number(expected["figures"][key])
    assert page.figures["sessions"].text() != "0"
    shown = [page.attention.item(i).text() for i in range(page.attention.count())]
    assert len(shown) >= len(expected["attention"])
    assert page.heading.text() == "Tổng quan"
    caption = page.captions["successful"].text()
    assert caption == "Hòa giải thành"
    try:
        i18n.set_language("en")
        page.retranslate()
        assert page.heading.text() == "Overview"
        assert page.captions["successful"].text() == "Successful"
        assert page.figures["sessions"].text() == number(expected["figures"]["sessions"])
    finally:
        i18n.set_language("vi")
        page.retranslate()
    assert page.heading.text() == "Tổng quan"


def test_overview_page_on_an_empty_ward(ward, qtbot):
    from ui.pages.overview import OverviewPage

    page = OverviewPage(ward, None, today=TODAY)
    qtbot.addWidget(page)
    page.refresh()
    assert page.stack.currentWidget() is page.empty
    assert page.empty.text()


def test_numbers_and_percentages():
    from ui.pages.overview import number, percent

    assert number(1234567) == "1.234.567"
    assert number(0) == "0"
    assert percent(None) == "–"
    try:
        i18n.set_language("vi")
        assert percent(2 / 3) == "66,7%"
        assert percent(1.0) == "100%"
        i18n.set_language("en")
        assert percent(2 / 3) == "66.7%"
    finally:
        i18n.set_language("vi")


def test_a_deleted_person_presents_no_more(ward):
    """The presenters figure counts live people, as the reports and the lists do."""
    a = someone(ward, "Lê Thị An", "female", [role("TTV")])
    b = someone(ward, "Trần Văn Bình", roles=[role("BCV")])
    svc.create(ward, "sessions", session_data(held_on="2026-03-10", presenters=[a, b]))
    assert overview(ward, TODAY)["figures"]["presenters"] == 2
    svc.delete(ward, "people", b)
    assert overview(ward, TODAY)["figures"]["presenters"] == 1


# -- an attention item opens its record ------------------------------------------------------


def _window_on_the_overview(qtbot, ward):
    from ui.main_window import MainWindow
    from ui.settings_store import UiSettings

    window = MainWindow(ward, UiSettings(ward.folder.root))
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    return window, window.pages["overview"]


def _entry(page, uuid: str):
    from PySide6.QtCore import Qt

    attention_list = page.attention
    return next(
        attention_list.item(i)
        for i in range(attention_list.count())
        if (attention_list.item(i).data(Qt.ItemDataRole.UserRole) or (None, None))[1] == uuid
    )


def _opened(qtbot, open_it) -> list:
    """Run `open_it`; returns (kind, uuid) of the record dialog it opened, closing it."""
    from tests.gui_helpers import when_modal
    from ui.forms.record_dialog import RecordDialog

    seen = []

    def look(dialog):
        assert isinstance(dialog, RecordDialog) and not dialog.read_only
        seen.append((dialog.kind.name, dialog.record["uuid"]))
        dialog.reject()

    errors = when_modal(qtbot, look)
    open_it()
    if errors:
        raise errors[0]
    return seen


def test_enter_on_an_attention_item_opens_the_case(ward, qtbot):
    from PySide6.QtCore import Qt

    today = date.today()
    late = (today - timedelta(days=10)).isoformat()
    waiting = case_data(
        title="Tranh chấp ranh giới đất",
        received_on=late,
        assigned_on=late,
        started_on=None,
        ended_on=None,
        end_reason=None,
        result="not_started",
    )
    uuid = svc.create(ward, "cases", waiting)["uuid"]
    window, page = _window_on_the_overview(qtbot, ward)
    entry = _entry(page, uuid)
    page.attention.setFocus()
    page.attention.setCurrentItem(entry)

    seen = _opened(qtbot, lambda: qtbot.keyClick(page.attention, Qt.Key.Key_Return))
    assert seen == [("cases", uuid)]
    cases = window.pages["cases"]
    assert window.stack.currentWidget() is cases  # on the right page…
    assert cases.selected_uuid() == uuid  # …with the record selected there


def test_clicking_an_attention_item_opens_the_team(ward, qtbot):
    from PySide6.QtCore import Qt

    lonely = team(ward, [someone(ward, "Nguyễn Văn Một")], name="Tổ hòa giải số 9")
    window, page = _window_on_the_overview(qtbot, ward)
    entry = _entry(page, lonely["uuid"])
    page.attention.scrollToItem(entry)
    where = page.attention.visualItemRect(entry).center()

    def click():
        qtbot.mouseClick(page.attention.viewport(), Qt.MouseButton.LeftButton, pos=where)

    assert _opened(qtbot, click) == [("teams", lonely["uuid"])]
    assert window.stack.currentWidget() is window.pages["teams"]
    # A group's heading is about no single record: it opens nothing.
    window.navigation.setCurrentRow(0)  # back on the overview, read again
    heading = page.attention.item(0)
    assert heading.data(Qt.ItemDataRole.UserRole) is None
    page.attention.setCurrentItem(heading)
    qtbot.keyClick(page.attention, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is page


def test_the_arrow_keys_keep_the_attention_item_in_sight(qtbot, ward):
    """The list is as tall as its rows and the page scrolls around it: End (or Down, Down…)
    brings the page along, so Enter never opens an item the officer cannot see."""
    from PySide6.QtCore import QRect, Qt
    from PySide6.QtWidgets import QScrollArea

    from app.demo import fill_demo_data

    fill_demo_data(ward, sessions=60, cases=60, people=30, seed=2)
    window, page = _window_on_the_overview(qtbot, ward)
    window.resize(1000, 520)  # a short window: the list ends below the fold
    page.refresh()
    listing = page.attention
    assert listing.count() >= 6
    listing.setFocus()
    listing.setCurrentRow(0)
    qtbot.keyClick(listing, Qt.Key.Key_End)
    area = page.findChild(QScrollArea)
    rect = listing.visualItemRect(listing.currentItem())
    top_left = listing.viewport().mapTo(area.viewport(), rect.topLeft())
    assert QRect(top_left, rect.size()).intersects(area.viewport().rect())
