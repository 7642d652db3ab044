"""The overview: this period's figures as big numbers, two small charts, and what needs the
officer's attention. Everything comes from `app.services.overview` as plain data; this page only
lays it out and phrases it in the current language."""

from datetime import date

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from app.enums import RESULTS
from app.i18n import current_language, format_number
from app.services.overview import (
    LATE_START_DAYS,
    LONG_MEDIATION_DAYS,
    MIN_TEAM_MEMBERS,
    REASONS,
    overview,
)
from app.text import display_date
from ui.safekeeping import BackupLine
from ui.strings import N_, _
from ui.theme import ACCENT

PERIOD_LABELS = (("year", N_("This year")), ("half", N_("This half-year")))

# (figure key, caption msgid); the mediation results use the enumeration's own labels.
OUTREACH = (
    ("sessions", N_("Outreach sessions, all forms")),
    ("direct_sessions", N_("Direct sessions")),
    ("direct_attendees", N_("People attending direct sessions")),
    ("presenters", N_("Presenters who gave a direct session")),
)
MEDIATION = (
    ("cases_received", N_("Cases received")),
    ("successful", None),
    ("unsuccessful", None),
    ("success_rate", N_("Success rate")),
    ("in_progress", None),
    ("not_started", None),
)
RESULT_OF = {
    "successful": "success",
    "unsuccessful": "failure",
    "in_progress": "in_progress",
    "not_started": "not_started",
}
PEOPLE = (
    ("BCV", N_("Legal reporters")),
    ("TTV", N_("Legal propagandists")),
    ("HGV", N_("Mediators")),
    ("teams", N_("Mediation teams")),
)
MONTHS = (
    N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("May"), N_("Jun"),
    N_("Jul"), N_("Aug"), N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec"),
)  # fmt: skip

# How each attention item reads; {limit} is the rule's number of days or people.
SENTENCES = {
    "start_overdue": N_(
        "Case “{title}”: assigned on {assigned}, not started after {days} days "
        "(the law asks for {limit})."
    ),
    "started_late": N_(
        "Case “{title}”: mediation started on {started}, {days} days after it was assigned "
        "on {assigned} (the law asks for {limit})."
    ),
    "long_in_progress": N_("Case “{title}”: in progress since {started}, for {days} days now."),
    "team_too_small": N_("{name} needs at least {limit} mediators; it has {members}."),
    "team_no_woman": N_("{name} has no woman mediator; a team needs at least one."),
    "recognition_ended": N_(
        "{name} is still a member of {team}, but their recognition ended on {ended}."
    ),
}
# The heading of each group of items; {count} is the full number, {limit} as above.
GROUPS = {
    "start_overdue": N_("Not started within {limit} days of assignment ({count})"),
    "started_late": N_("Started more than {limit} days after assignment ({count})"),
    "long_in_progress": N_("In progress for more than {limit} days ({count})"),
    "team_too_small": N_("Teams with fewer than {limit} mediators ({count})"),
    "team_no_woman": N_("Teams without a woman mediator ({count})"),
    "recognition_ended": N_("Team members no longer recognised ({count})"),
}
LIMITS = {
    "start_overdue": LATE_START_DAYS,
    "started_late": LATE_START_DAYS,
    "long_in_progress": LONG_MEDIATION_DAYS,
    "team_too_small": MIN_TEAM_MEMBERS,
}

GAP = 18  # between sections; layouts scale it with the screen, text sizes come from the font


def number(value: int) -> str:
    """1.234.567 in Vietnamese, 1,234,567 in English."""
    return format_number(value)


def percent(value: float | None) -> str:
    if value is None:
        return "–"
    shown = f"{value * 100:.1f}".removesuffix(".0")
    if current_language() == "vi":
        shown = shown.replace(".", ",")
    return f"{shown}%"


def describe(item: dict) -> str:
    """One attention item as a sentence in the current language."""
    reason = item["reason"]
    values = {
        "title": item.get("title", ""),
        "name": item.get("name", ""),
        "team": item.get("team_name", ""),
        "days": number(item.get("days") or 0),
        "members": number(item.get("members") or 0),
        "assigned": display_date(item.get("assigned_on")),
        "started": display_date(item.get("started_on")),
        "ended": display_date(item.get("ended_on")),
        "limit": number(LIMITS.get(reason, 0)),
    }
    return _(SENTENCES[reason]).format(**values)


# -- the charts -------------------------------------------------------------------------------


def _tint(colour: str, share: float = 0.45) -> QColor:
    """`colour` mixed with white: a quiet second series beside the accent."""
    base = QColor(colour)
    mix = [round(c * share + 255 * (1 - share)) for c in (base.red(), base.green(), base.blue())]
    return QColor(*mix)


def _nice_top(value: int, steps: int = 5) -> tuple[int, int]:
    """A round top for the value axis and its step (at most `steps` steps)."""
    if value <= steps:
        return max(value, 1), 1
    magnitude = 10 ** (len(str(value)) - 1)
    for step in (magnitude // 5, magnitude // 4, magnitude // 2, magnitude, magnitude * 2):
        step = max(step, 1)
        if -(-value // step) <= steps:
            return -(-value // step) * step, step
    return magnitude * 10, magnitude * 2


def month_name(entry: dict) -> str:
    return MONTHS[entry["month"] - 1]


class ChartWidget(QWidget):
    """A small bar chart drawn with QPainter.

    Vertical: one group of bars per category (one bar per series), light grid lines with their
    values on the left, category names below and a legend above when there are several series.
    Horizontal: one bar per category, its name on the left and its value at the bar's end."""

    def __init__(self, horizontal: bool = False, parent=None):
        super().__init__(parent)
        self.horizontal = horizontal
        self.categories: list[str] = []
        self.details: list[str] = []  # a tooltip title per category
        self.series: list[tuple[str, list[int], QColor]] = []
        self.empty_text = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMouseTracking(True)

    def set_data(
        self,
        categories: list[str],
        series: list[tuple[str, list[int], QColor]],
        details: list[str] | None = None,
        empty_text: str = "",
    ) -> None:
        self.categories = categories
        self.series = series
        self.details = details or categories
        self.empty_text = empty_text
        summary = "; ".join(
            f"{category}: "
            + ", ".join(f"{name} {number(values[i])}" for name, values, _c in series)
            for i, category in enumerate(self.details)
        )
        self.setAccessibleDescription(summary)
        self.updateGeometry()
        self.update()

    # sizes follow the font, so the chart grows with the font size and the screen's scaling
    def _line(self) -> int:
        return self.fontMetrics().height()

    def sizeHint(self) -> QSize:
        line = self._line()
        if self.horizontal:
            return QSize(line * 18, int(max(len(self.categories), 1) * line * 2 + line))
        return QSize(line * 26, line * 12)

    def minimumSizeHint(self) -> QSize:
        line = self._line()
        if self.horizontal:
            return QSize(line * 12, int(max(len(self.categories), 1) * line * 2 + line))
        return QSize(line * 12, line * 9)

    def _total(self) -> int:
        return sum(sum(values) for _name, values, _colour in self.series)

    def _muted(self) -> QColor:
        return self.palette().color(QPalette.ColorRole.PlaceholderText)

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.horizontal:
            self._paint_horizontal(painter)
        else:
            self._paint_vertical(painter)
        painter.end()

    def _bar(self, painter: QPainter, rect: QRectF, colour: QColor) -> None:
        if rect.width() <= 0 or rect.height() <= 0:
            return
        radius = min(3.0, rect.width() / 3, rect.height() / 3)
        path = QPainterPath()
        path.addRoundedRect(rect, radius, radius)
        painter.fillPath(path, colour)

    def _plot_area(self) -> QRectF:
        metrics = self.fontMetrics()
        line = self._line()
        top = line * 1.8 if len(self.series) > 1 else line * 0.6
        values = [value for _name, data, _colour in self.series for value in data] or [0]
        left = metrics.horizontalAdvance(number(_nice_top(max(values))[0])) + line * 0.6
        return QRectF(left, top, self.width() - left - 2, self.height() - top - line * 1.7)

    def _paint_vertical(self, painter: QPainter) -> None:
        metrics = self.fontMetrics()
        line = self._line()
        muted = self._muted()
        plot = self._plot_area()
        values = [value for _name, data, _colour in self.series for value in data] or [0]
        top, step = _nice_top(max(values))
        grid = QColor(muted)
        grid.setAlpha(60)
        for tick in range(0, top + 1, step):
            y = plot.bottom() - plot.height() * tick / top
            painter.setPen(grid)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(muted)
            label = QRectF(0, y - line / 2, plot.left() - line * 0.4, line)
            painter.drawText(
                label, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, number(tick)
            )
        count = max(len(self.categories), 1)
        group = plot.width() / count
        bar = group * 0.72 / max(len(self.series), 1)
        for i, category in enumerate(self.categories):
            x = plot.left() + group * i + group * 0.14
            for _name, data, colour in self.series:
                height = plot.height() * data[i] / top
                self._bar(painter, QRectF(x, plot.bottom() - height, bar - 1, height), colour)
                x += bar
            painter.setPen(muted)
            text = metrics.elidedText(category, Qt.TextElideMode.ElideRight, int(group))
            where = QRectF(plot.left() + group * i, plot.bottom() + line * 0.3, group, line * 1.2)
            painter.drawText(where, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, text)
        if len(self.series) > 1:
            x = plot.left()
            for name, _data, colour in self.series:
                swatch = QRectF(x, line * 0.25, line * 0.8, line * 0.8)
                self._bar(painter, swatch, colour)
                painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
                text_rect = QRectF(
                    swatch.right() + line * 0.4, 0, metrics.horizontalAdvance(name) + 2, line * 1.3
                )
                painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter, name)
                x = text_rect.right() + line * 1.2
        if self._total() == 0 and self.empty_text:
            painter.setPen(muted)
            painter.drawText(
                plot, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.empty_text
            )

    def _paint_horizontal(self, painter: QPainter) -> None:
        metrics = self.fontMetrics()
        line = self._line()
        muted = self._muted()
        text_colour = self.palette().color(QPalette.ColorRole.WindowText)
        data = self.series[0][1] if self.series else []
        colour = self.series[0][2] if self.series else QColor(ACCENT)
        widest = max((metrics.horizontalAdvance(c) for c in self.categories), default=0)
        gap = line * 0.6
        label_width = min(widest + gap + 2, self.width() * 0.6)
        value_width = metrics.horizontalAdvance(number(max(data, default=0))) + line
        bar_space = max(self.width() - label_width - value_width, 1)
        top = max(data, default=0) or 1
        row = line * 2
        track = QColor(muted)
        track.setAlpha(30)
        for i, category in enumerate(self.categories):
            y = line * 0.5 + row * i
            painter.setPen(text_colour)
            text = metrics.elidedText(category, Qt.TextElideMode.ElideRight, int(label_width - gap))
            painter.drawText(
                QRectF(0, y, label_width - gap, row),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                text,
            )
            bar = QRectF(label_width, y + row * 0.22, bar_space * data[i] / top, row * 0.56)
            self._bar(painter, QRectF(label_width, bar.top(), bar_space, bar.height()), track)
            self._bar(painter, bar, colour)
            painter.setPen(muted if data[i] == 0 else text_colour)
            where = QRectF(bar.right() + line * 0.4, y, value_width, row)
            painter.drawText(
                where, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, number(data[i])
            )

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            index = self._category_at(
                event.position() if hasattr(event, "position") else event.pos()
            )
            if index is None:
                QToolTip.hideText()
            else:
                lines = [self.details[index]]
                lines += [f"{name}: {number(values[index])}" for name, values, _c in self.series]
                QToolTip.showText(event.globalPos(), "\n".join(lines), self)
            return True
        return super().event(event)

    def _category_at(self, point) -> int | None:
        if not self.categories:
            return None
        if self.horizontal:
            index = int((point.y() - self._line() * 0.5) // (self._line() * 2))
        else:
            plot = self._plot_area()
            if not plot.left() <= point.x() < plot.right():
                return None
            index = int((point.x() - plot.left()) // (plot.width() / len(self.categories)))
        return index if 0 <= index < len(self.categories) else None


# -- the page ---------------------------------------------------------------------------------


class Tile(QFrame):
    """A big number with its caption below."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("tile")
        self.setStyleSheet(
            "QFrame#tile { background: palette(base); border: 1px solid palette(midlight);"
            " border-radius: 8px; }"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 12)
        layout.setSpacing(2)
        self.figure = QLabel("–", self)
        self.figure.setProperty("role", "figure")
        self.caption = QLabel(self)
        self.caption.setProperty("role", "hint")
        self.caption.setWordWrap(True)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.figure)
        layout.addWidget(self.caption, 1)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)


class TileGrid(QWidget):
    """Tiles in as many columns as fit (a divisor of their number, so rows stay even): all in
    one row on a wide window, fewer per row with a large font, a high scaling or a narrow window.
    """

    SPACING = 12
    CHARACTERS = 15  # a tile wants about this many characters of caption per line

    def __init__(self, count: int, parent=None):
        super().__init__(parent)
        self.tiles = [Tile(self) for _ in range(count)]
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(self.SPACING)
        # The grid must not impose its current width as a minimum, or it could never reflow.
        self.grid.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.columns = 0
        self._arrange(count)

    def _tile_width(self) -> int:
        return self.fontMetrics().averageCharWidth() * self.CHARACTERS + 2 * self.SPACING

    def _fitting(self, width: int) -> int:
        room = max(1, (width + self.SPACING) // (self._tile_width() + self.SPACING))
        count = len(self.tiles)
        return max(n for n in range(1, count + 1) if count % n == 0 and n <= room)

    def _arrange(self, columns: int) -> None:
        if columns == self.columns:
            return
        for tile in self.tiles:
            self.grid.removeWidget(tile)
        for column in range(max(self.columns, columns)):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)
        for index, tile in enumerate(self.tiles):
            self.grid.addWidget(tile, index // columns, index % columns)
        self.columns = columns
        self.updateGeometry()

    def minimumSizeHint(self) -> QSize:
        return QSize(self._tile_width(), super().minimumSizeHint().height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._arrange(self._fitting(event.size().width()))


class SideBySide(QWidget):
    """Widgets side by side while they fit at their preferred widths, else one below the other."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.setSpacing(GAP * 2)
        self.box.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.parts: list[QWidget] = []

    def add(self, widget: QWidget, stretch: int) -> None:
        self.parts.append(widget)
        self.box.addWidget(widget, stretch)

    def _wide_enough(self, width: int) -> bool:
        wanted = sum(part.sizeHint().width() for part in self.parts)
        return width >= wanted + self.box.spacing() * (len(self.parts) - 1)

    def minimumSizeHint(self) -> QSize:
        widest = max((part.minimumSizeHint().width() for part in self.parts), default=0)
        return QSize(widest, super().minimumSizeHint().height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        direction = (
            QBoxLayout.Direction.LeftToRight
            if self._wide_enough(event.size().width())
            else QBoxLayout.Direction.TopToBottom
        )
        if direction != self.box.direction():
            self.box.setDirection(direction)
            self.updateGeometry()


class AttentionList(QListWidget):
    """The attention items, one wrapped sentence each. As tall as its first rows (up to
    VISIBLE_ROWS), so the page scrolls as a whole and the list only scrolls when it is long.

    A click or Enter on an item emits `opened`: the page opens the record it is about. Not
    `itemActivated`, which some styles also send on a single click (two dialogs for one click)."""

    VISIBLE_ROWS = 12
    opened = Signal(QListWidgetItem)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.itemClicked.connect(self.opened)
        self.setObjectName("attention")
        self.setWordWrap(True)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setAlternatingRowColors(True)
        self.setStyleSheet("QListWidget#attention::item { padding: 6px 4px; }")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self.currentItemChanged.connect(self._follow)

    def _follow(self, item: QListWidgetItem | None, _previous=None) -> None:
        """Keep the item the arrow keys are on in sight: the list is as tall as its rows, so
        it is the page around it that must scroll."""
        area = self.parentWidget()
        while area is not None and not isinstance(area, QScrollArea):
            area = area.parentWidget()
        if item is None or area is None or area.widget() is None:
            return
        rect = self.visualItemRect(item)
        centre = self.viewport().mapTo(area.widget(), rect.center())
        area.ensureVisible(centre.x(), centre.y(), 0, rect.height() // 2 + 8)

    def sizeHint(self) -> QSize:
        self.doItemsLayout()
        rows = min(self.count(), self.VISIBLE_ROWS)
        height = sum(self.visualItemRect(self.item(i)).height() for i in range(rows))
        height = max(height, self.fontMetrics().height() * 2)
        return QSize(super().sizeHint().width(), height + 2 * self.frameWidth() + 2)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.updateGeometry()  # wrapping changed the rows' heights

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem():
            self.opened.emit(self.currentItem())
            return
        super().keyPressEvent(event)


class OverviewPage(QWidget):
    def __init__(self, store, window, *, today: date | None = None):
        super().__init__(window)
        self.store = store
        self.main_window = window
        self.today = today  # fixed in tests; None: the real date at each refresh
        self.data: dict | None = None
        self.figures: dict[str, QLabel] = {}  # figure key → its number label
        self.captions: dict[str, QLabel] = {}  # figure key → its caption
        self._sections: list[tuple[QLabel, str]] = []  # section titles and their msgids
        self._build()
        self.retranslate()

    # -- building --------------------------------------------------------------------------

    def _settings(self):
        return getattr(self.main_window, "settings", None)

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget(scroll)
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(6)

        top = QHBoxLayout()
        self.heading = QLabel(body)
        self.heading.setProperty("role", "heading")
        self.period = QComboBox(body)
        for code, _label in PERIOD_LABELS:
            self.period.addItem("", code)
        settings = self._settings()
        saved = settings.get("overview/period") if settings else None
        self.period.setCurrentIndex(max(self.period.findData(saved), 0))
        self.period.currentIndexChanged.connect(self._period_changed)
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.period)
        self.subtitle = QLabel(body)
        self.subtitle.setProperty("role", "hint")
        self.subtitle.setWordWrap(True)
        layout.addLayout(top)
        layout.addWidget(self.subtitle)
        self.backup_line = BackupLine(self.store, self.main_window, body)
        layout.addWidget(self.backup_line)
        layout.addSpacing(GAP // 2)

        self.stack = QStackedWidget(body)
        self.empty = QLabel(body)
        self.empty.setProperty("role", "empty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setContentsMargins(GAP * 2, GAP * 2, GAP * 2, GAP * 2)
        self.content = QWidget(body)
        self.stack.addWidget(self.content)
        self.stack.addWidget(self.empty)
        layout.addWidget(self.stack, 1)
        self._build_content(self.content)

    def _section(self, layout: QVBoxLayout, msgid: str, parent: QWidget) -> QLabel:
        label = QLabel(parent)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        label.setWordWrap(True)
        self._sections.append((label, msgid))
        layout.addWidget(label)
        return label

    def _tiles(self, layout: QVBoxLayout, keys, parent: QWidget) -> None:
        grid = TileGrid(len(keys), parent)
        for tile, (key, _caption) in zip(grid.tiles, keys, strict=True):
            self.figures[key] = tile.figure
            self.captions[key] = tile.caption
        layout.addWidget(grid)

    def _build_content(self, content: QWidget) -> None:
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)

        self._section(layout, N_("Legal outreach"), content)
        self._tiles(layout, OUTREACH, content)
        layout.addSpacing(GAP)
        self._section(layout, N_("Grassroots mediation"), content)
        self._tiles(layout, MEDIATION, content)
        self.scope_note = QLabel(content)
        self.scope_note.setProperty("role", "hint")
        self.scope_note.setWordWrap(True)
        layout.addWidget(self.scope_note)
        layout.addSpacing(GAP)
        self._section(layout, N_("People and teams today"), content)
        self._tiles(layout, PEOPLE, content)
        layout.addSpacing(GAP)

        self.attention_title = QLabel(content)
        font = self.attention_title.font()
        font.setBold(True)
        self.attention_title.setFont(font)
        layout.addWidget(self.attention_title)
        self.attention = AttentionList(content)
        self.attention.opened.connect(self._open_item)
        self.all_clear = QLabel(content)
        self.all_clear.setProperty("role", "hint")
        self.all_clear.setWordWrap(True)
        layout.addWidget(self.attention)
        layout.addWidget(self.all_clear)
        layout.addSpacing(GAP)

        charts = SideBySide(content)
        self.month_chart = ChartWidget()
        self.result_chart = ChartWidget(horizontal=True)
        for chart, msgid, stretch in (
            (self.month_chart, N_("Sessions and cases received, by month"), 3),
            (self.result_chart, N_("Cases received, by result"), 2),
        ):
            column = QWidget(charts)
            column_layout = QVBoxLayout(column)
            column_layout.setContentsMargins(0, 0, 0, 0)
            column_layout.setSpacing(8)
            self._section(column_layout, msgid, column)
            column_layout.addWidget(chart, 1)
            charts.add(column, stretch)
        layout.addWidget(charts)
        layout.addStretch(1)

    # -- data ------------------------------------------------------------------------------

    def _period_changed(self) -> None:
        settings = self._settings()
        if settings:
            settings.set("overview/period", self.period.currentData())
        self.refresh()

    def refresh(self) -> None:
        """Reload the figures (a few aggregate queries: cheap enough for every show)."""
        self.data = overview(self.store, self.today, self.period.currentData() or "year")
        self._show()
        self.backup_line.refresh()

    def retranslate(self) -> None:
        self.heading.setText(_("Overview"))
        for index, (_code, label) in enumerate(PERIOD_LABELS):
            self.period.setItemText(index, _(label))
        for label, msgid in self._sections:
            label.setText(_(msgid))
        language = current_language()
        for key, caption in (*OUTREACH, *MEDIATION, *PEOPLE):
            text = _(caption) if caption else RESULTS.label(RESULT_OF[key], language)
            self.captions[key].setText(text)
        self.empty.setText(
            _(
                "Nothing is recorded for this ward yet. Start with the people: the legal "
                "reporters, propagandists and mediators (page “People”), then the mediation "
                "teams. After that, record outreach sessions and mediation cases as they "
                "happen, and this page will sum them up."
            )
        )
        self._show()

    def _show(self) -> None:
        data = self.data
        if data is None:
            self.subtitle.clear()
            return
        period = data["period"]
        self.subtitle.setText(
            _("From {start} to {end}. People and teams as they are today, {today}.").format(
                start=display_date(period["start"]),
                end=display_date(period["end"]),
                today=display_date(data["today"]),
            )
        )
        self.stack.setCurrentWidget(self.empty if data["is_empty"] else self.content)
        figures = data["figures"]
        for key, label in self.figures.items():
            if key == "success_rate":
                label.setText(percent(figures["success_rate"]))
            elif key in figures:
                label.setText(number(figures[key]))
            else:
                label.setText(number(figures["people_by_role"].get(key, 0)))
        self.captions["success_rate"].parentWidget().setToolTip(
            _("Successful cases out of the concluded ones (successful and unsuccessful).")
            if figures["success_rate"] is not None
            else _("Shown once a case of this period is concluded.")
        )
        out = figures["out_of_scope"]
        self.scope_note.setVisible(out > 0)
        self.scope_note.setText(
            _("Not counted: {count} outside the scope of grassroots mediation.").format(
                count=number(out)
            )
        )
        self._show_charts(data)
        self._show_attention(data)

    def _show_charts(self, data: dict) -> None:
        year = data["period"]["start"][:4]
        months = data["months"]
        self.month_chart.set_data(
            [_(month_name(m)) for m in months],
            [
                (_("Sessions"), [m["sessions"] for m in months], QColor(ACCENT)),
                (_("Cases received"), [m["cases"] for m in months], _tint(ACCENT)),
            ],
            details=[f"{m['month']:02d}/{year}" for m in months],
            empty_text=_("Nothing recorded in this period yet."),
        )
        language = current_language()
        results = data["results"]
        self.result_chart.set_data(
            [RESULTS.label(code, language) for code in results],
            [(_("Cases received"), list(results.values()), QColor(ACCENT))],
        )

    def _open_item(self, entry: QListWidgetItem) -> None:
        """An attention item clicked or Entered: its record open, on its own page (headings
        and “… and N more” lines are about no single record)."""
        target = entry.data(Qt.ItemDataRole.UserRole)
        open_record = getattr(self.main_window, "open_record", None)
        if target and open_record:
            kind, uuid = target
            open_record(kind, uuid)

    def _show_attention(self, data: dict) -> None:
        self.attention.clear()
        totals = data["attention_totals"]
        by_reason: dict[str, list[dict]] = {reason: [] for reason in REASONS}
        for item in data["attention"]:
            by_reason[item["reason"]].append(item)
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText)
        bold = self.attention.font()
        bold.setBold(True)
        for reason in REASONS:
            if not totals[reason]:
                continue
            limit = number(LIMITS.get(reason, 0))
            header = QListWidgetItem(
                _(GROUPS[reason]).format(limit=limit, count=number(totals[reason])),
                self.attention,
            )
            header.setFont(bold)
            header.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for item in by_reason[reason]:
                entry = QListWidgetItem(describe(item), self.attention)
                entry.setData(Qt.ItemDataRole.UserRole, (item["kind"], item["uuid"]))
                entry.setToolTip(entry.text() + "\n" + _("Click or press Enter to open it."))
            more = totals[reason] - len(by_reason[reason])
            if more > 0:
                note = QListWidgetItem(
                    _("… and {count} more like this.").format(count=number(more)), self.attention
                )
                note.setForeground(muted)
                note.setFlags(Qt.ItemFlag.ItemIsEnabled)
        total = sum(totals.values())
        self.attention_title.setText(
            _("Needs attention ({count})").format(count=number(total))
            if total
            else _("Needs attention")
        )
        self.attention.setVisible(total > 0)
        self.attention.updateGeometry()
        self.all_clear.setVisible(total == 0)
        self.all_clear.setText(_("Nothing needs attention right now."))
