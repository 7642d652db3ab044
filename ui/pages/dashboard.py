"""Tổng quan at a district: each ward's figures for the period (sessions, attendees, cases,
success rate, teams below the composition rules), how fresh its data is, a chart of the most
active wards, drill-down to a ward's records, and printing."""

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton

from app.i18n import format_number
from app.services.presence import others_text
from app.services.ward_figures import WardFigures, ward_figures
from app.sync.tracker import track
from app.text import display_date, fold
from ui.pages.district_tables import WardTablePage, fill, selected_key, ward_table
from ui.pages.filters import PERIODS, period_range, shrinkable
from ui.pages.overview import ChartWidget, percent
from ui.pages.parts import heading, page_column, page_keys
from ui.safekeeping import BackupLine
from ui.strings import N_, _, ngettext
from ui.theme import ACCENT

# Short headings keep nine columns on one screen; each has its full meaning as a tooltip.
COLUMNS = (
    (N_("Ward"), N_("Ward")),
    (N_("Data up to"), N_("The day the ward's last bundle was made, and how long ago")),
    (N_("Bundle"), N_("The number of the ward's last bundle imported here")),
    (N_("Sessions"), N_("Outreach sessions held in the period")),
    (N_("Attending"), N_("People attending the direct sessions of the period")),
    (N_("Cases"), N_("Mediation cases received in the period")),
    (N_("Success"), N_("Success rate: successful among concluded cases")),
    (N_("Teams short"), N_("Teams in force with fewer than 3 mediators or no woman")),
    (N_("Conflicts"), N_("Conflicts waiting for a decision")),
)
CHART_WARDS = 10


def freshness(data_date: date | None, today: date) -> str:
    """“30/11/2026, 5 days ago”, or that nothing arrived yet."""
    if data_date is None:
        return _("nothing received")
    days = (today - data_date).days
    ago = (
        _("today")
        if days <= 0
        else ngettext("{days} day ago", "{days} days ago", days).format(days=format_number(days))
    )
    return f"{display_date(data_date.isoformat())}, {ago}"


class DashboardPage(WardTablePage):
    def __init__(self, store, settings, window):
        super().__init__(window)
        self.store = store
        self.settings = settings
        self.today = date.today()
        layout = page_column(self, spacing=12)
        top = QHBoxLayout()
        self.heading = heading(self)
        self.period_label = QLabel(self)
        self.period = shrinkable(QComboBox(self))
        self.period_label.setBuddy(self.period)
        self.period.currentIndexChanged.connect(self.refresh)
        self.print_button = QPushButton(self)
        self.print_button.clicked.connect(self.print_table)
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.period_label)
        top.addWidget(self.period)
        top.addWidget(self.print_button)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.chart_title = QLabel(self)
        self.chart = ChartWidget(horizontal=True, parent=self)
        self.table = ward_table(self, len(COLUMNS))
        self.table.doubleClicked.connect(self.open_ward)
        self.hint = QLabel(self)
        self.hint.setProperty("role", "hint")
        self.backup_line = BackupLine(store, window, self)
        # “Also working now: …” at a PostgreSQL district when another operator is present.
        self.others_line = QLabel(self)
        self.others_line.setWordWrap(True)
        self.others_line.setVisible(False)
        keeper = getattr(window, "presence", None)  # pages are also built on their own
        if keeper is not None:
            keeper.changed.connect(self.show_others)
        layout.addLayout(top)
        layout.addWidget(self.backup_line)
        layout.addWidget(self.others_line)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.hint)
        layout.addWidget(self.chart_title)
        layout.addWidget(self.chart, 2)
        page_keys(
            self,
            (QKeySequence.StandardKey.Print, self.print_table),
            ([Qt.Key.Key_Return, Qt.Key.Key_Enter], self.open_ward),
        )
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(_("Overview of the wards"))
        self.period_label.setText(_("&Period"))
        self.print_button.setText(_("Print…") + "  (Ctrl+P)")
        self.chart_title.setText(_("Most outreach sessions in the period"))
        self.hint.setText(_("Enter or double-click a ward to see its sessions."))
        self.period.blockSignals(True)
        current = self.period.currentData() or "year"
        self.period.clear()
        for code, label in PERIODS:
            if code != "all":
                self.period.addItem(_(label), code)
        self.period.setCurrentIndex(max(self.period.findData(current), 0))
        self.period.blockSignals(False)
        self.table.setHorizontalHeaderLabels([_(short) for short, _full in COLUMNS])
        for column, (_short, full) in enumerate(COLUMNS):
            self.table.horizontalHeaderItem(column).setToolTip(_(full))
        self.refresh()

    def refresh(self) -> None:
        self.today = date.today()
        self.backup_line.refresh()
        keeper = getattr(self.window(), "presence", None)
        self.show_others(keeper.others if keeper is not None else [])
        start, end = (
            date.fromisoformat(d) for d in period_range(self.period.currentData() or "year")
        )
        _periods, tracks = track(self.store, start.year, self.today)
        figures = ward_figures(self.store, start, end, self.today)
        shown = [w for w in tracks if w.registered or w.code in figures]
        rows = []
        for ward in shown:
            f = figures.get(ward.code, WardFigures())
            rate = f.success_rate
            rows.append(
                [
                    (f"{ward.name} ({ward.code})", (fold(ward.name), ward.code)),
                    (
                        freshness(ward.data_date, self.today),
                        ward.data_date,
                        display_date(ward.data_date.isoformat()) if ward.data_date else "",
                    ),
                    (str(ward.last_seq or ""), ward.last_seq),
                    (format_number(f.sessions), f.sessions),
                    (format_number(f.attendees), f.attendees),
                    (format_number(f.cases), f.cases),
                    (percent(rate), rate),
                    (format_number(f.teams_below_rules), f.teams_below_rules),
                    (format_number(ward.open_conflicts), ward.open_conflicts),
                ]
            )
        fill(self.table, rows, [w.code for w in shown])
        received = sum(1 for w in shown if w.last_seq)
        self.summary.setText(
            _("{received} of {wards} wards of the province have sent data.").format(
                received=format_number(received),
                wards=format_number(len(tracks)),
            )
            + " "
            + _("Figures for {period}.").format(period=self.period_text())
        )
        busiest = sorted(shown, key=lambda w: -figures.get(w.code, WardFigures()).sessions)
        busiest = [w for w in busiest if figures.get(w.code)][:CHART_WARDS]
        self.chart.set_data(
            [w.name for w in busiest],
            [(_("Sessions"), [figures[w.code].sessions for w in busiest], QColor(ACCENT))],
            empty_text=_("No session in this period yet."),
        )

    def show_others(self, operators: list) -> None:
        text = others_text(operators)
        self.others_line.setText(text)
        self.others_line.setVisible(bool(text))

    def period_text(self) -> str:
        """“This year (01/01/2026 – 31/12/2026)”: the choice and the days it covers."""
        start, end = period_range(self.period.currentData() or "year")
        return f"{self.period.currentText()} ({display_date(start)} – {display_date(end)})"

    def selected_ward(self) -> str | None:
        return selected_key(self.table)

    def open_ward(self) -> None:
        """Drill down: the merged sessions list, filtered to the chosen ward."""
        code = self.selected_ward()
        window = self.window()
        if code and hasattr(window, "show_ward_records"):
            window.show_ward_records("sessions", code)

    def print_title(self) -> str:
        return _("Overview of the wards")

    def print_subtitle(self) -> str:
        return _("Period: {period}. Printed on {date}.").format(
            period=self.period_text(), date=display_date(self.today.isoformat())
        )
