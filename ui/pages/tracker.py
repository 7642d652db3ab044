"""Theo dõi gửi số liệu: every ward of the province against the year's reporting periods —
received, late, missing or not yet due — with its last bundle, how fresh its data is, and what
went wrong on the way (gaps, rollbacks, equivocations, open conflicts). Printable."""

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
)

from app.i18n import format_number
from app.sync.tracker import STATES, track
from app.text import display_date, fold
from ui.pages.dashboard import freshness
from ui.pages.district_tables import WardTablePage, fill, ward_table
from ui.pages.parts import heading, page_column, page_keys
from ui.strings import N_, _
from ui.theme import ERROR_COLOUR

STATE_TEXT = {
    "received": N_("received"),
    "late": N_("late"),
    "missing": N_("missing"),
    "pending": N_("not yet due"),
}
PERIOD_TEXT = {
    "half": N_("6 months"),
    "preliminary_year": N_("Preliminary year"),
    "year": N_("Whole year"),
}
OTHER_COLUMNS = (
    N_("Registered"),
    N_("Last bundle"),
    N_("Data up to"),
    N_("Gaps"),
    N_("Rollbacks"),
    N_("Equivocations"),
    N_("Open conflicts"),
)
# Sorting a state column puts what needs chasing first.
STATE_ORDER = {"missing": 0, "late": 1, "pending": 2, "received": 3}


class TrackerPage(WardTablePage):
    def __init__(self, store, settings, window):
        super().__init__(window)
        self.store = store
        self.settings = settings
        self.periods = []
        layout = page_column(self, spacing=12)
        top = QHBoxLayout()
        self.heading = heading(self)
        self.year_label = QLabel(self)
        self.year = QSpinBox(self)
        self.year.setRange(2000, 2100)
        self.year.setValue(date.today().year)
        self.year_label.setBuddy(self.year)
        self.year.valueChanged.connect(self.refresh)
        self.only_chasing = QCheckBox(self)
        self.only_chasing.toggled.connect(self.refresh)
        self.print_button = QPushButton(self)
        self.print_button.clicked.connect(self.print_table)
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.only_chasing)
        top.addWidget(self.year_label)
        top.addWidget(self.year)
        top.addWidget(self.print_button)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.rule = QLabel(self)
        self.rule.setProperty("role", "hint")
        self.rule.setWordWrap(True)
        self.table = ward_table(self, 1 + 3 + len(OTHER_COLUMNS))
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.rule)
        page_keys(self, (QKeySequence.StandardKey.Print, self.print_table))
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(_("Submissions"))
        self.year_label.setText(_("&Year"))
        self.only_chasing.setText(_("Only wards &missing or late"))
        self.print_button.setText(_("Print…") + "  (Ctrl+P)")
        self.rule.setText(
            _(
                "A period counts as received when a bundle made after its last day of actual data "
                "(31/5, the annual cut-off, 31/12) arrived by the 10th of June, November or "
                "January; a later one is late."
            )
        )
        self.refresh()

    def refresh(self) -> None:
        today = date.today()
        self.periods, wards = track(self.store, self.year.value(), today)
        codes = [item.period.code for item in self.periods]
        if self.only_chasing.isChecked():
            wards = [w for w in wards if any(w.states[c] in ("missing", "late") for c in codes)]
        headers = [_("Ward")]
        headers += [
            f"{_(PERIOD_TEXT[item.period.kind])} ({display_date(item.due.isoformat())})"
            for item in self.periods
        ]
        headers += [_(c) for c in OTHER_COLUMNS]
        self.table.setHorizontalHeaderLabels(headers)
        rows = []
        for ward in wards:
            cells = [(f"{ward.name} ({ward.code})", (fold(ward.name), ward.code))]
            cells += [(_(STATE_TEXT[ward.states[c]]), STATE_ORDER[ward.states[c]]) for c in codes]
            cells += [
                (_("yes") if ward.registered else _("no"), ward.registered),
                (str(ward.last_seq or ""), ward.last_seq),
                (
                    freshness(ward.data_date, today),
                    ward.data_date,
                    display_date(ward.data_date.isoformat()) if ward.data_date else "",
                ),
                (format_number(ward.gaps), ward.gaps),
                (format_number(ward.rollbacks), ward.rollbacks),
                (format_number(ward.equivocations), ward.equivocations),
                (format_number(ward.open_conflicts), ward.open_conflicts),
            ]
            rows.append(cells)
        fill(self.table, rows, [w.code for w in wards])
        for row in range(self.table.rowCount()):
            for column in range(1, 1 + len(codes)):
                item = self.table.item(row, column)
                if item.data(Qt.ItemDataRole.UserRole + 1) == STATE_ORDER["missing"]:
                    item.setForeground(QColor(ERROR_COLOUR))
        parts = []
        for item in self.periods:
            code = item.period.code
            counts = {state: sum(1 for w in wards if w.states[code] == state) for state in STATES}
            parts.append(
                _("{period}: {received} received, {late} late, {missing} missing").format(
                    period=_(PERIOD_TEXT[item.period.kind]),
                    received=format_number(counts["received"]),
                    late=format_number(counts["late"]),
                    missing=format_number(counts["missing"]),
                )
            )
        self.summary.setText(" · ".join(parts))

    def print_title(self) -> str:
        return _("Submissions")

    def print_subtitle(self) -> str:
        return _("Year {year}. Printed on {date}.").format(
            year=self.year.value(), date=display_date(date.today().isoformat())
        )
