"""Báo cáo & In: pick a report, a period and (for the logbook and the mediation figures) a team,
see it computed off the GUI thread exactly as it prints, type the estimates of a 6-month or
preliminary annual report into its estimate row, preview and print the PDF itself, and save it
as PDF, Excel or CSV. The report settings (place, signer, cut-off, thresholds, and with the
logbook chosen the team's books, first) sit below, in a pane of their own that leaves the report
room; the toggle's Alt letter opens it with the focus inside.

Computing, saving and preparing a preview run in the background with a progress bar (rows read,
rows laid out, pages drawn) and can be stopped with Cancel or Escape: a stopped report leaves
the one shown before, a stopped save no file."""

import re
from dataclasses import replace
from datetime import date
from itertools import pairwise
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import TiepCanError
from app.i18n import current_language, format_number
from app.reports import logbook
from app.reports.definitions import all_definitions
from app.reports.engine import Request, build_report, ward_choices
from app.reports.errors import EstimatesDoNotAddUp
from app.reports.export import FORMATS, save_report
from app.reports.measures import MEASURES
from app.reports.periods import PeriodError, parse_period
from app.reports.table import BODY
from app.services.listing import choices
from app.services.preferences import get_settings, put_settings
from app.text import natural_key
from ui.errors import explain_failure, show_problem
from ui.file_dialogs import file_name, start_folder
from ui.pages.filters import shrinkable
from ui.pages.report_settings import ReportSettingsBox
from ui.pages.report_view import ReportView
from ui.strings import N_, _, ngettext
from ui.worker import Cancelled, run_task

PERIOD_LABELS = (
    ("{year}-H1", N_("6 months of {year} (first half)")),
    ("{year}-Y", N_("Year {year}, preliminary")),
    ("{year}", N_("Year {year}, official")),
)
FILTERS = {
    "pdf": N_("PDF document (*.pdf)"),
    "xlsx": N_("Excel workbook (*.xlsx)"),
    "csv": N_("CSV table (*.csv)"),
}
# Lines of text the report keeps in view however far the settings pane is pulled up, and the
# share of the height the settings take when they open.
REPORT_LINES = 6
SETTINGS_SHARE = 0.45
BAR_DELAY_MS = 400  # a computation shows its bar and Cancel once it has taken this long


def default_period(today: date) -> str:
    """The report an officer is most likely writing now: last year's in January, the 6-month
    report until July, the preliminary annual report after."""
    if today.month == 1:
        return str(today.year - 1)
    if today.month <= 7:
        return f"{today.year}-H1"
    return f"{today.year}-Y"


def estimable_columns(definition, period) -> frozenset[str]:
    """Columns of the estimate row the officer types, if the report has one for the period."""
    if definition.kind != "statistics" or not definition.estimates or not period.has_estimate:
        return frozenset()
    return frozenset(
        spec.key for spec in definition.columns if spec.measure and MEASURES[spec.measure].estimable
    )


def estimates_key(name: str, period_code: str, ward: str | None = None) -> str:
    # At a district, the estimate for one ward is not the estimate for all of them.
    return f"estimates.{name}.{period_code}" + (f".{ward}" if ward else "")


def report_choices(definitions, language: str) -> list[tuple[str, str]]:
    """(name, title) of the reports as an officer looks for them: the statistical forms filed
    upwards first, then the books and lists, each in the alphabetical order of its title in
    the officer's language (not the order of the definitions' file names)."""
    return [
        (name, definition.title(language))
        for name, definition in sorted(
            definitions.items(),
            key=lambda item: (item[1].kind != "statistics", natural_key(item[1].title(language))),
        )
    ]


class ReportsPage(QWidget):
    def __init__(self, store, settings, window):
        super().__init__(window)
        self.store = store
        self.settings = settings
        self.definitions = all_definitions()
        self.report = None  # the report shown
        self.shown: Request | None = None  # what it was computed from
        self.editable: frozenset[str] = frozenset()
        self.estimates: dict[str, int] = {}
        self._compute_task = None
        self._generation = 0
        self._job = None  # a save, a preview or a print being prepared
        self._stale = False
        self._build()
        self._actions()
        self.retranslate()

    # -- building --------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(8)
        self.heading = QLabel(self)
        self.heading.setProperty("role", "heading")
        layout.addWidget(self.heading)

        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(2)
        self.report_caption, self.period_caption, self.team_caption, self.ward_caption = (
            QLabel(self) for _ in range(4)
        )
        self.report_combo = shrinkable(QComboBox(self), 16)
        self.period_combo = shrinkable(QComboBox(self), 12)
        self.period_combo.setEditable(True)
        self.period_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.team_combo = shrinkable(QComboBox(self), 10)
        # At a district: every merged ward (one row each and a total), or one of them.
        self.ward_combo = shrinkable(QComboBox(self), 10)
        for caption, combo in (
            (self.report_caption, self.report_combo),
            (self.period_caption, self.period_combo),
            (self.team_caption, self.team_combo),
            (self.ward_caption, self.ward_combo),
        ):
            caption.setBuddy(combo)
        self.view_button = QPushButton(self)
        self.view_button.setDefault(True)
        self.view_button.clicked.connect(self.compute)
        # The report's long title has a row of its own; period, team and View share the next.
        district = self.store.role == "district"
        last = 3 if district else 2  # the View button's column
        grid.addWidget(self.report_caption, 0, 0, 1, last + 1)
        grid.addWidget(self.report_combo, 1, 0, 1, last + 1)
        grid.addWidget(self.period_caption, 2, 0)
        grid.addWidget(self.period_combo, 3, 0)
        if district:
            grid.addWidget(self.ward_caption, 2, 1)
            grid.addWidget(self.ward_combo, 3, 1)
        grid.addWidget(self.team_caption, 2, last - 1)
        grid.addWidget(self.team_combo, 3, last - 1)
        grid.addWidget(self.view_button, 3, last)
        for column in range(last):
            grid.setColumnStretch(column, 1)
        self.ward_caption.setVisible(district)
        self.ward_combo.setVisible(district)
        self.period_hint = QLabel(self)
        self.period_hint.setProperty("role", "hint")
        self.period_hint.setWordWrap(True)
        self.period_error = QLabel(self)
        self.period_error.setProperty("role", "error")
        self.period_error.setWordWrap(True)
        # A refused period takes the hint's place (it names the same forms), so nothing below
        # moves.
        grid.addWidget(self.period_hint, 4, 0, 1, last + 1)
        grid.addWidget(self.period_error, 4, 0, 1, last + 1)
        layout.addLayout(grid)
        self.period_error.hide()

        actions = QHBoxLayout()
        self.preview_button, self.print_button, self.save_button = (
            QPushButton(self) for _ in range(3)
        )
        self.preview_button.clicked.connect(self.preview)
        self.print_button.clicked.connect(self.print_report)
        self.save_button.clicked.connect(self.save)
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(260)
        self._bar_delay = QTimer(self, singleShot=True, interval=BAR_DELAY_MS)
        self._bar_delay.timeout.connect(self._computing_a_while)
        self.cancel_button = QPushButton(self)
        self.cancel_button.clicked.connect(self._cancel)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        for button in (self.preview_button, self.print_button, self.save_button):
            actions.addWidget(button)
        actions.addSpacing(12)
        actions.addWidget(self.progress)
        actions.addWidget(self.cancel_button)
        actions.addWidget(self.status, 1)
        # A typed estimate refused, and why: in the status's place, so the table stays put.
        self.message = QLabel(self)
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        actions.addWidget(self.message, 1)
        layout.addLayout(actions)
        self.message.hide()
        self.progress.hide()
        self.cancel_button.hide()

        self.stack = QStackedWidget(self)
        self.empty = QLabel(self)
        self.empty.setProperty("role", "empty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.view = ReportView(self)
        self.view.estimate_typed.connect(self._estimate_typed)
        self.view.refused.connect(self._show_refusal)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.view)
        self.stack.setMinimumHeight(self.fontMetrics().height() * REPORT_LINES)

        # The report and its settings share the height in a splitter: the settings open in a
        # scrolling pane of their own, never squeezing the report to a strip, and the officer
        # can move the line between them.
        self.settings_box = ReportSettingsBox(self.store, self)
        self.settings_box.saved.connect(self._settings_saved)
        self.settings_area = QScrollArea(self)
        self.settings_area.setWidgetResizable(True)
        self.settings_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.settings_area.setWidget(self.settings_box)
        self.settings_area.hide()
        self.settings_pane = QWidget(self)
        pane = QVBoxLayout(self.settings_pane)
        pane.setContentsMargins(0, 0, 0, 0)
        pane.setSpacing(4)
        pane.addWidget(self.settings_box.toggle)
        pane.addWidget(self.settings_area, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.stack)
        self.splitter.addWidget(self.settings_pane)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.settings_box.toggle.toggled.connect(self._settings_toggled)
        self._settings_toggled(False)
        # From the toggle, Tab goes into the box (the team's books first, when they show).
        for before, after in pairwise([self.settings_box.toggle, *self.settings_box.tab_chain]):
            QWidget.setTabOrder(before, after)
        layout.addWidget(self.splitter, 1)

        self.report_combo.currentIndexChanged.connect(self._report_changed)
        self.period_combo.currentTextChanged.connect(self._selection_changed)
        self.team_combo.currentIndexChanged.connect(self._selection_changed)
        self.team_combo.currentIndexChanged.connect(self._settings_follow)
        self.ward_combo.currentIndexChanged.connect(self._selection_changed)

    def _actions(self) -> None:
        def action(keys, slot):
            act = QAction(self)
            act.setShortcuts(keys)
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(slot)
            self.addAction(act)
            return act

        action([QKeySequence(Qt.Key.Key_F5)], self.compute)
        action([QKeySequence.StandardKey.Print], self.preview)
        action([QKeySequence.StandardKey.Save], self.save)
        # Enter in the period box (or anywhere but the table's editor) computes.
        self.period_combo.lineEdit().returnPressed.connect(self.compute)

    # -- texts -----------------------------------------------------------------------------

    def retranslate(self) -> None:
        language = current_language()
        self.heading.setText(_("Reports & printing"))
        self.report_caption.setText(_("&Report"))
        self.period_caption.setText(_("&Period"))
        self.team_caption.setText(_("&Mediation team"))
        self.ward_caption.setText(_("&Ward"))
        self.view_button.setText(_("View (F5)"))
        self.preview_button.setText(_("Print preview (Ctrl+P)"))
        self.print_button.setText(_("Print…"))
        self.save_button.setText(_("Save as… (Ctrl+S)"))
        self.cancel_button.setText(_("Cancel"))
        self.period_hint.setText(
            _("Or type a period: 2026-H1, 2026-Y, 2026, or a range 01/01/2026..30/06/2026")
        )
        self.empty.setText(_("Choose a report and a reporting period, then press View (F5)."))
        self.settings_box.retranslate()
        self._fill(
            self.report_combo,
            report_choices(self.definitions, language),
            self.settings.get("reports/name", "pbgdpl-stats"),
        )
        self._fill_periods()
        self._fill_teams()
        self._fill_wards()
        self._report_changed()
        if self.report is not None and self.shown is not None:
            self._run(self.shown)  # the report in the new language

    @staticmethod
    def _fill(combo: QComboBox, items, wanted) -> None:
        current = combo.currentData() if combo.count() else wanted
        combo.blockSignals(True)
        combo.clear()
        for data, label in items:
            combo.addItem(label, data)
        index = combo.findData(current)
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    def _fill_periods(self) -> None:
        typed = self.period_combo.currentText().strip() if self.period_combo.count() else ""
        code = self.period_code() if typed else self.settings.get("reports/period", "")
        code = code or default_period(date.today())
        combo = self.period_combo
        combo.blockSignals(True)
        combo.clear()
        year = date.today().year
        for which in (year, year - 1):
            for pattern, label in PERIOD_LABELS:
                combo.addItem(
                    _(label).format(year=which) + f"  ({pattern.format(year=which)})",
                    pattern.format(year=which),
                )
        index = combo.findData(code)
        if index >= 0:
            combo.setCurrentIndex(index)
        else:
            combo.setCurrentIndex(-1)
            combo.setEditText(code)
        combo.blockSignals(False)

    def _fill_teams(self) -> None:
        wanted = self.team_combo.currentData() if self.team_combo.count() else None
        self.team_combo.blockSignals(True)
        self.team_combo.clear()
        self.team_combo.addItem(_("All teams"), None)
        for uuid, label in choices(self.store, "teams"):
            self.team_combo.addItem(label, uuid)
        self.team_combo.setCurrentIndex(max(self.team_combo.findData(wanted), 0))
        self.team_combo.blockSignals(False)

    def _fill_wards(self) -> None:
        if self.store.role != "district":
            return
        items = [(None, _("All wards, with a total row"))]
        items += [(code, f"{name} ({code})") for code, name in ward_choices(self.store)]
        self._fill(self.ward_combo, items, None)

    def refresh_options(self) -> None:
        """A team was added or renamed elsewhere, or bundles brought new wards."""
        self._fill_teams()
        self._fill_wards()
        self.settings_box.load_teams()
        self._settings_follow()

    # -- choosing --------------------------------------------------------------------------

    def definition(self):
        return self.definitions[self.report_combo.currentData()]

    def period_code(self) -> str:
        """What the period box holds: an offered period's code, or the text typed."""
        text = self.period_combo.currentText().strip()
        index = self.period_combo.findText(text, Qt.MatchFlag.MatchExactly)
        if index >= 0:
            return self.period_combo.itemData(index)
        if match := re.search(r"\(([^()]+)\)\s*$", text):
            return match.group(1).strip()
        return text

    def request(self) -> Request:
        definition = self.definition()
        team = self.team_combo.currentData() if definition.uses_team else None
        ward = self.ward_combo.currentData() if self.store.role == "district" else None
        return Request(
            definition.name, self.period_code(), ward=ward, team=team, language=current_language()
        )

    def _report_changed(self) -> None:
        uses_team = self.definition().uses_team
        self.team_combo.setEnabled(uses_team)
        self.team_caption.setEnabled(uses_team)
        self._settings_follow()
        self._selection_changed()

    def _settings_follow(self) -> None:
        """The settings show the team's books while the logbook is the report, the team
        chosen here the one they show."""
        self.settings_box.follow_report(
            self.definition().name == logbook.REPORT, self.team_combo.currentData()
        )

    def _selection_changed(self) -> None:
        self._period_problem(None)
        self._hide_refusal()
        self._stale = self.report is not None
        self._update_buttons()
        if self._stale and self._compute_task is None:
            self.status.setText(_("The choices changed: press View (F5) to see the report."))

    def _update_buttons(self) -> None:
        for button in (self.preview_button, self.print_button, self.save_button):
            button.setEnabled(self._ready())
        self.view_button.setEnabled(self._job is None)

    # -- computing -------------------------------------------------------------------------

    def _cutoff(self) -> str:
        return str(get_settings(self.store, "reports.annual_cutoff")["reports.annual_cutoff"])

    def compute(self) -> None:
        """View (F5): check the period here, compute in the background."""
        if self._job is not None:
            return
        request = self.request()
        try:
            period = parse_period(request.period, self._cutoff())
        except PeriodError as error:
            self._period_problem(error.message())
            self.period_combo.setFocus()
            self.period_combo.lineEdit().selectAll()
            return
        self._period_problem(None)
        self.settings.set("reports/name", request.name)
        self.settings.set("reports/period", period.code)
        definition = self.definitions[request.name]
        self.editable = estimable_columns(definition, period)
        self.estimates = self._stored_estimates(request.name, period.code)
        self._run(request)

    def _stored_estimates(self, name: str, code: str) -> dict[str, int]:
        if not self.editable:
            return {}
        key = estimates_key(name, code, self.ward_combo.currentData())
        stored = get_settings(self.store, key).get(key)
        if not isinstance(stored, dict):
            return {}
        return {
            column: value
            for column, value in stored.items()
            if column in self.editable
            and isinstance(value, int)
            and not isinstance(value, bool)
            and value >= 0
        }

    def _run(self, request: Request) -> None:
        request = replace(
            request,
            estimates=dict(self.estimates) if self.editable else None,
            language=current_language(),
        )
        self._generation += 1
        generation = self._generation
        store = self.store
        if self._compute_task is not None:
            self._compute_task.cancel()  # its report would be thrown away: stop reading it
        self.view_button.setEnabled(False)

        def work(progress):
            return build_report(store, request, progress)

        def done(report):
            if generation == self._generation:
                self._computed(request, report)

        def failed(error):
            if generation != self._generation:
                return
            if isinstance(error, EstimatesDoNotAddUp) and error.report is not None:
                self._estimates_refused(request, error)
            else:
                self._compute_failed(error)

        def progress(value, maximum):
            if generation == self._generation and self._job is None:
                self._show_progress(value, maximum)

        self._compute_task = run_task(work, done, failed, progress)
        if self._job is None:  # a save or a preview keeps the bar and the status to itself
            self.status.setText(_("Computing the report…"))
            self._bar_delay.start()  # the bar and Cancel only if it takes a while
        self._update_buttons()

    def _computed(self, request: Request, report) -> None:
        self._compute_task = None
        if self._job is None:
            self._hide_busy()
        self._hide_refusal()
        self.report = report
        self.shown = request
        self._stale = False
        self.stack.setCurrentWidget(self.view)  # first, so the view knows its width
        self.view.show_report(report, self.editable)
        # Tab goes from the buttons into the report's tables (an estimate table starts on its
        # first yellow cell), then on to the report settings.
        chain = [self.save_button, *self.view.tables, self.settings_box.toggle]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)
        rows = sum(1 for row in report.all_rows() if row.style == BODY)  # not the total row
        if report.empty:
            self.status.setText(_("Nothing recorded in this period."))
        elif self.editable:
            self.status.setText(_("Type the estimates into the yellow cells of the estimate row."))
        elif self.definitions[request.name].kind == "statistics":
            self.status.clear()  # one unit's row: a count of rows would say nothing
        else:
            self.status.setText(
                ngettext("{count} row.", "{count} rows.", rows).format(count=format_number(rows))
            )
        self._update_buttons()

    def _compute_failed(self, error) -> None:
        self._compute_task = None
        if self._job is None:
            self._hide_busy()
        self.status.clear()
        self._update_buttons()
        if isinstance(error, Cancelled):  # the report shown before, if any, stays
            self.status.setText(
                _("Stopped before the report was ready. Press View (F5) to compute it again.")
            )
        elif isinstance(error, PeriodError):
            self._period_problem(error.message())
        elif isinstance(error, TiepCanError):
            show_problem(self, error)
        else:
            raise error

    # -- estimates -------------------------------------------------------------------------

    def _estimate_typed(self, column: str, value) -> None:
        if self.shown is None:
            return
        if value is None:
            self.estimates.pop(column, None)
        else:
            self.estimates[column] = value
        code = parse_period(self.shown.period, self._cutoff()).code
        put_settings(
            self.store,
            {estimates_key(self.shown.name, code, self.shown.ward): dict(self.estimates) or None},
        )
        self._run(self.shown)

    def _estimates_refused(self, request: Request, refusal: EstimatesDoNotAddUp) -> None:
        """Typed estimates break a sum of the form: the report is shown as they make it, so
        the officer sees the sum and types on, with the refusal beside the cell; it cannot be
        saved or printed until the sums agree."""
        self._computed(request, refusal.report)
        self._stale = True
        self._update_buttons()
        message = refusal.message()
        marks = [(other.field, other.fields, other.message()) for other in refusal.others]
        self.view.mark_refused(refusal.field, refusal.fields, message, marks)
        self._show_refusal(message)

    def _show_refusal(self, message: str) -> None:
        self.status.hide()
        self.message.setText(message)
        self.message.show()

    def _hide_refusal(self) -> None:
        self.message.hide()
        self.status.show()

    def _period_problem(self, text: str | None) -> None:
        """Show why the typed period is refused in the hint's place, or (None) the hint again."""
        if text:
            self.period_error.setText(text)
        self.period_error.setVisible(bool(text))
        self.period_hint.setVisible(not text)

    # -- working in the background --------------------------------------------------------

    def _show_busy(self, text: str | None = None) -> None:
        """The bar (moving to and fro until the work can be counted), Cancel, and what is done."""
        self.progress.setRange(0, 0)
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.setEnabled(True)
        self.cancel_button.show()
        if text:
            self.status.setText(text)

    def _computing_a_while(self) -> None:
        # A report of a few hundred rows is on screen before the bar would be read: only a
        # longer one shows it (no flash at every estimate typed).
        if self._compute_task is not None and self._job is None:
            self._show_busy()

    def _show_progress(self, value: int, maximum: int) -> None:
        if maximum and self.progress.maximum() != maximum:
            self.progress.setRange(0, maximum)
        self.progress.setValue(value)

    def _hide_busy(self) -> None:
        self._bar_delay.stop()
        self.progress.hide()
        self.cancel_button.hide()

    def _start_job(self, work, done, busy_text: str, cleanup=None) -> None:
        """Run `work(progress)` in the background, then `done(result)`; `cleanup()` if it
        fails or is stopped (a temporary file to remove)."""
        self._show_busy(busy_text)
        self._doing(f"printing {self.report_combo.currentData() or ''}")

        def finished(result):
            self._end_job()
            done(result)

        def failed(error):
            if cleanup:
                cleanup()
            self._job_failed(error)

        self._job = run_task(work, finished, failed, self._show_progress)
        self._update_buttons()

    def _doing(self, activity: str) -> None:
        """What the other operators of a PostgreSQL district see this window do."""
        keeper = getattr(self.window(), "presence", None)
        if keeper is not None:
            keeper.set_activity(activity)

    def _end_job(self) -> None:
        self._doing("")
        self._job = None
        self._hide_busy()
        self.status.clear()
        self._update_buttons()

    def _job_failed(self, error) -> None:
        self._end_job()
        explain_failure(self, error, self.status)

    def _cancel(self) -> None:
        """Cancel or Escape: the work stops at its next row or page (a moment), then says so."""
        task = self._job or self._compute_task
        if task is None or task.cancelled:
            return
        task.cancel()
        self.cancel_button.setEnabled(False)
        self.status.setText(_("Stopping…"))

    def keyPressEvent(self, event) -> None:
        # Escape reaches the page when nothing inside took it (a cell's editor closes itself
        # with it): while something runs, it stops it.
        busy = self._job is not None or self._compute_task is not None
        if event.key() == Qt.Key.Key_Escape and busy:
            self._cancel()
            event.accept()
            return
        super().keyPressEvent(event)

    def _ready(self) -> bool:
        return (
            self.report is not None
            and not self._stale
            and self._job is None
            and self._compute_task is None
        )

    # -- printing and saving ---------------------------------------------------------------

    def _pdf_then(self, then) -> None:
        """Write the shown report to a temporary PDF in the background, then `then(path)`."""
        from ui.dialogs.print_preview import temporary_pdf

        report = self.report
        path = temporary_pdf(report.name)

        def work(progress):
            from app.reports.pdf import write_pdf

            write_pdf(report, path, progress)
            return path

        self._start_job(work, then, _("Preparing the pages…"))

    def preview(self) -> None:
        """Print preview (Ctrl+P): the PDF's own pages."""
        if not self._ready():
            return

        def render(path):
            from ui.dialogs.print_preview import render_pages

            def work(progress):
                return path, render_pages(path, progress=progress)

            def remove():
                path.unlink(missing_ok=True)

            self._start_job(work, self._open_preview, _("Preparing the preview…"), remove)

        self._pdf_then(render)

    def _open_preview(self, result) -> None:
        from ui.dialogs.print_preview import PdfPreview

        path, images = result
        dialog = PdfPreview(path, images, self.report.orientation, self)
        self.preview_dialog = dialog
        try:
            dialog.exec()
        finally:
            self.preview_dialog = None
            dialog.deleteLater()
            path.unlink(missing_ok=True)

    def print_report(self) -> None:
        if not self._ready():
            return
        from ui.dialogs.print_preview import ask_printer, print_with_progress

        printer = ask_printer(self.report.orientation, self)
        if printer is None:
            return

        def send(path):
            try:
                sent, total = print_with_progress(printer, path, self)
            finally:
                path.unlink(missing_ok=True)
            # What went to the printer, said where the officer looks: the page's status.
            name = printer.printerName() or printer.outputFileName()
            if sent < total:
                text = _("Printing stopped: {sent} of {total} pages went to {printer}.")
            else:
                text = _("Sent {total} pages to {printer}.")
            self.status.setText(text.format(sent=sent, total=total, printer=name))

        self._pdf_then(send)

    def default_save_path(self, fmt: str = "pdf") -> Path:
        """The report's title in the user's language, its period (and ward) as the file's name,
        in the folder the last report went to, or Documents."""
        code = parse_period(self.shown.period, self._cutoff()).code.replace("..", "_")
        title = self.definitions[self.shown.name].title(current_language())
        name = file_name(title, code, self.shown.ward or "", suffix=fmt)
        return start_folder(self.settings, "reports/folder") / name

    def save(self) -> None:
        """Save as (Ctrl+S): PDF, Excel or CSV, written in the background."""
        if not self._ready():
            return
        fmt = self.settings.get("reports/format", "pdf")
        fmt = fmt if fmt in FORMATS else "pdf"
        filters = [_(FILTERS[code]) for code in FORMATS]
        path, chosen = QFileDialog.getSaveFileName(
            self,
            _("Save the report"),
            str(self.default_save_path(fmt)),
            ";;".join(filters),
            filters[FORMATS.index(fmt)],
        )
        if not path:
            return
        target = Path(path)
        suffix = target.suffix.lower().lstrip(".")
        if suffix in FORMATS:
            fmt = suffix
        else:
            fmt = FORMATS[filters.index(chosen)] if chosen in filters else fmt
            target = target.with_name(f"{target.name}.{fmt}")
        self.settings.set("reports/format", fmt)
        self.settings.set("reports/folder", str(target.parent))
        report = self.report

        def work(progress):
            return save_report(report, target, fmt, progress)

        self._start_job(work, self._saved, _("Saving {path}…").format(path=target.name))

    def _saved(self, path) -> None:
        self.status.setText(_("Saved: {path}").format(path=path))
        box = QMessageBox(
            QMessageBox.Icon.Information,
            _("Report saved"),
            _("The report was saved to {path}.").format(path=path),
            parent=self,
        )
        open_button = box.addButton(_("Open file"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(_("Close"), QMessageBox.ButtonRole.AcceptRole)
        box.exec()
        if box.clickedButton() is open_button:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    # -- report settings -------------------------------------------------------------------

    def _settings_toggled(self, shown: bool) -> None:
        """Open, the settings take up to SETTINGS_SHARE of the height and scroll if they need
        more; folded, only their toggle is left under the report."""
        self.settings_area.setVisible(shown)
        total = sum(self.splitter.sizes())
        if not shown:
            folded = self.settings_box.toggle.sizeHint().height()
            self.settings_pane.setMaximumHeight(folded)
            self.splitter.setSizes([total - folded, folded])  # the report takes it all back
            return
        self.settings_pane.setMaximumHeight(16_777_215)  # QWIDGETSIZE_MAX
        wanted = self.settings_box.sizeHint().height() + self.settings_box.toggle.height() + 8
        settings = min(wanted, int(total * SETTINGS_SHARE))
        self.splitter.setSizes([total - settings, settings])
        self.settings_box.focus_first()  # shown only now, inside its pane

    def _settings_saved(self) -> None:
        """The report on screen is computed again with the settings just saved."""
        if self.report is not None and self.shown is not None and not self._stale:
            self.compute()

    def focus_search(self) -> None:
        if self.report is None:
            self.report_combo.setFocus()
