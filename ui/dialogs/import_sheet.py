"""The assistant that brings an office's own spreadsheets in (#15): the file and what it holds,
its columns matched to the record's fields, a dry run of every row, then the import.

Nothing is written before the last page, and there all of it or none (app.sheets.apply_import).
The slow work (reading the sheet, again after each changed match, and the import) runs in the
background (ui.worker) and can be stopped; a refusal is a plain message, never a traceback."""

import inspect
from dataclasses import replace
from html import escape
from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QRegularExpression,
    QSize,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app import sheets
from app.errors import TiepCanError
from app.i18n import current_language, format_number
from app.services import records as svc
from app.services.kinds import KINDS
from ui.file_dialogs import ask_save_path, file_name, start_folder
from ui.forms.widgets import DateEditor
from ui.strings import N_, _, ask, ngettext
from ui.theme import ACCENT, ERROR_COLOUR
from ui.worker import Cancelled, run_task

# The kinds a sheet brings in, named as the window's pages name them.
KIND_LABELS = {
    "people": N_("People"),
    "teams": N_("Mediation teams"),
    "cases": N_("Mediation cases"),
    "sessions": N_("Outreach sessions"),
}
# The field that names a record of each kind (a likely duplicate names the record it is like).
NAME_FIELD = {"people": "full_name", "teams": "name", "cases": "title", "sessions": "title"}
STATUS_TEXTS = {
    "new": N_("New record"),
    "duplicate": N_("Possible duplicate"),
    "refused": N_("Refused"),
    "skipped": N_("Skipped"),
}
STATUSES = tuple(STATUS_TEXTS)
SHEET_SUFFIXES = (".xlsx", ".xls", ".ods", ".csv")
FOLDER_KEY = "import/folder"  # the folder of the last sheet opened or file saved
TYPING_PAUSE_MS = 400  # a typed path is looked at once the typing rests this long
REPLAN_DELAY_MS = 300  # a match changed with the arrow keys is read again once they rest
SAMPLE_VALUES = 3  # first values shown beside each column of the sheet
SAMPLE_LENGTH = 60  # characters of them
CELL_WIDTH = 320  # pixels a cell of the dry run may take before it is cut (its tip is whole)
REASON_SHARE = 0.5  # of the dry run's width, at most, for the reason (it is cut in the middle)
SCREEN_SHARE = 0.9  # of the screen's free room the assistant opens at
MEASURED_ROWS = 200  # the dry run's columns are as wide as their first rows need
REFUSED_TINT = QColor("#f9dedc")  # the refused cell, as the report view marks a refused estimate
# Columns of the matching table and of the dry run.
HEADER, SAMPLE, FIELD, NOTE = range(4)
ROW, STATUS, ANYWAY, REASON = range(4)


def status_icon(status: str) -> QIcon:
    """The small colour cue beside a status's words: the accent for what will be imported (a
    full dot) or may be (a ring), the warning colour for what cannot be; nothing for skipped."""
    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    if status in ("new", "duplicate", "refused"):
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = QColor(ERROR_COLOUR if status == "refused" else ACCENT)
        if status == "duplicate":
            painter.setPen(colour)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(2, 2, 8, 8)
        else:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawEllipse(1, 1, 10, 10)
        painter.end()
    return QIcon(pixmap)


def status_mark(status: str) -> str:
    """The same cue in a line of text (the counts above the dry run)."""
    if status == "skipped":
        return ""
    colour = ERROR_COLOUR if status == "refused" else ACCENT
    return f"<span style='color:{colour}'>{'○' if status == 'duplicate' else '●'}</span> "


def counts_html(counts: dict[str, int]) -> str:
    return "&nbsp;&nbsp;·&nbsp;&nbsp;".join(
        f"{status_mark(status)}{escape(_(STATUS_TEXTS[status]))}: "
        f"<b>{format_number(counts.get(status, 0))}</b>"
        for status in STATUSES
    )


def teams_text(summary) -> str:
    """What the people's team column does to the teams, as the plan says it: a sentence, or
    counts of the teams created and extended."""
    if not summary:
        return ""
    if isinstance(summary, str):
        return summary
    created = int(summary.get("created", 0) or 0)
    extended = int(summary.get("extended", 0) or 0)
    if not created and not extended:
        return ""
    return _("Mediation teams: {created} created, {extended} given new members.").format(
        created=format_number(created), extended=format_number(extended)
    )


def _short(text: str, length: int = SAMPLE_LENGTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def samples(plan, header: str) -> str:
    """The first values of a column, as the officer typed them, to recognise it by."""
    values = []
    for row in plan.rows:
        value = (row.cells.get(header) or "").strip()
        if value:
            values.append(_short(value, 24))
            if len(values) == SAMPLE_VALUES:
                break
    return _short("  ·  ".join(values))


def reasons(row) -> str:
    """Why a row is refused or skipped: each problem, with the column it is in (and the
    row's own reason, when the core gives a skipped row one)."""
    lines = [
        _("{column}: {reason}").format(column=problem.column, reason=problem.reason)
        if problem.column
        else problem.reason
        for problem in row.problems
    ]
    own = getattr(row, "reason", None)
    if own and own not in lines:
        lines.insert(0, own)
    return "\n".join(lines)


class ReasonDelegate(QStyledItemDelegate):
    """A long reason is cut in its middle: both its column and its end (often the value at
    fault) stay in view; the tip and the line under the table show it whole."""

    def initStyleOption(self, option, index) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideMiddle


def _message(error: BaseException) -> str:
    return error.message() if isinstance(error, TiepCanError) else str(error)


def plan_takes_defaults() -> bool:
    """Whether the core reads a value for every row (plan_import(..., defaults=)). Without it
    the assistant asks for a column for each required field, as it did before."""
    try:
        return "defaults" in inspect.signature(sheets.plan_import).parameters
    except (TypeError, ValueError):
        return False


def field_choices(kind: str, field) -> list[tuple]:
    """(value, label) of an enumerated field: the core's own list, or the record field's
    enumeration when the core gives none."""
    choices = list(getattr(field, "choices", None) or [])
    if choices:
        return choices
    spec = KINDS[kind].by_name.get(field.name) if kind in KINDS else None
    if spec is not None and spec.type == "enum" and spec.enum is not None:
        return [(choice.code, choice.label(current_language())) for choice in spec.enum]
    return []


class SameValueEditor(QWidget):
    """One value for every row of a required field no column fills: a choice among the
    field's values, a date (dd/MM/yyyy or the calendar), or a line of text."""

    changed = Signal()

    def __init__(self, kind: str, field, parent=None):
        super().__init__(parent)
        self.name = field.name
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        spec = KINDS[kind].by_name.get(field.name) if kind in KINDS else None
        choices = field_choices(kind, field)
        if choices:
            self.editor = QComboBox(self)
            self.editor.addItem(_("(choose)"), None)
            for value, label in choices:
                self.editor.addItem(label, value)
            self.editor.currentIndexChanged.connect(self.changed)
        elif spec is not None and spec.type == "date":
            self.editor = DateEditor(replace(spec, required=False), self)  # starts empty
            self.editor.changed.connect(self.changed)
        else:
            self.editor = QLineEdit(self)
            self.editor.textEdited.connect(self.changed)
        self.editor.setAccessibleName(field.label)
        layout.addWidget(self.editor)
        layout.addStretch(1)
        self.setFocusProxy(self.editor)

    def value(self):
        """The value given, or None while there is none (a date not whole yet is none)."""
        if isinstance(self.editor, QComboBox):
            return self.editor.currentData()
        if isinstance(self.editor, DateEditor):
            return self.editor.value() if self.editor._parsed() is not None else None
        return self.editor.text().strip() or None

    def set_value(self, value) -> None:
        if isinstance(self.editor, QComboBox):
            self.editor.setCurrentIndex(max(self.editor.findData(value), 0))
        elif isinstance(self.editor, DateEditor):
            self.editor.set_value(value)
        else:
            self.editor.setText(value or "")


class ChoosePage(QWizardPage):
    """The file, the kind of records it holds, and the sheet when it has several; and the
    templates for an office that keeps no sheet yet."""

    def __init__(self, wizard):
        super().__init__(wizard)
        self.loaded: Path | None = None  # the file whose sheets the sheet combo lists
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        form = QFormLayout()
        self.path = QLineEdit(self)
        self.path.setClearButtonEnabled(True)
        self.path.editingFinished.connect(self.load_sheets)
        self.path.textEdited.connect(self.completeChanged)
        # A path typed (or pasted) is read once the typing rests: Next opens without Enter.
        self._typed = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._typed.timeout.connect(self.load_sheets)
        self.path.textEdited.connect(self._typed.start)
        self.browse = QPushButton(self)
        self.browse.clicked.connect(self.choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.browse)
        self.kind = QComboBox(self)
        for kind in KIND_LABELS:
            self.kind.addItem("", kind)
        self.sheet = QComboBox(self)
        self.file_label, self.kind_label, self.sheet_label = (QLabel(self) for _ in range(3))
        self.file_label.setBuddy(self.path)
        self.kind_label.setBuddy(self.kind)
        self.sheet_label.setBuddy(self.sheet)
        form.addRow(self.file_label, file_row)
        form.addRow(self.kind_label, self.kind)
        form.addRow(self.sheet_label, self.sheet)
        self.error = QLabel(self)
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.template_hint = QLabel(self)
        self.template_hint.setProperty("role", "hint")
        self.template_hint.setWordWrap(True)
        self.template_button = QPushButton(self)
        self.template_button.clicked.connect(self.save_template)
        template_row = QHBoxLayout()
        template_row.addWidget(self.template_button)
        template_row.addStretch(1)
        # The order matters: cases and sessions name people and teams already in the list.
        self.order = QLabel(self)
        self.order.setWordWrap(True)
        layout.addWidget(self.intro)
        layout.addWidget(self.order)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.template_hint)
        layout.addLayout(template_row)
        self._show_sheets([])
        self.retranslate()
        # Connected once built: the wizard() they reach is set when the page is added.
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.sheet.currentIndexChanged.connect(lambda _index: self.wizard().forget_plan())

    def retranslate(self) -> None:
        self.setTitle(_("Import from a spreadsheet"))
        self.intro.setText(
            _(
                "Bring in the records your office keeps in a spreadsheet (.xlsx, .xls, .ods or "
                ".csv). You see every row before anything is saved."
            )
        )
        self.order.setText(
            _("Bring the people in first (with their teams), then cases and sessions.")
        )
        self.file_label.setText(_("&File:"))
        self.browse.setText(_("&Choose…"))
        self.path.setPlaceholderText(_("The spreadsheet to bring in"))
        self.kind_label.setText(_("&Kind of records:"))
        self.sheet_label.setText(_("S&heet:"))
        for index, label in enumerate(KIND_LABELS.values()):
            self.kind.setItemText(index, _(label))
        self.template_hint.setText(
            _(
                "No spreadsheet yet, or one made differently? Start from a template: its "
                "columns are the ones this assistant reads."
            )
        )
        self.template_button.setText(_("&Download a spreadsheet template…"))
        self.template_button.setToolTip(
            _("An empty spreadsheet of {kind}, with one example row").format(
                kind=self.kind.currentText()
            )
        )

    def chosen_kind(self) -> str:
        return self.kind.currentData()

    def chosen_sheet(self) -> str | None:
        return self.sheet.currentText() or None

    def chosen_path(self) -> Path | None:
        text = self.path.text().strip().strip('"')
        return Path(text).expanduser() if text else None

    def choose_file(self) -> None:
        wizard = self.wizard()
        path, _filter = QFileDialog.getOpenFileName(
            self,
            _("Choose a spreadsheet"),
            str(start_folder(wizard.settings, FOLDER_KEY)),
            _("Spreadsheets (*.xlsx *.xls *.ods *.csv)"),
        )
        if not path:
            return
        wizard.settings.set(FOLDER_KEY, str(Path(path).parent))
        self.path.setText(path)
        self.load_sheets()
        self.kind.setFocus()  # the file is chosen: the next thing to check is what it holds

    def load_sheets(self) -> None:
        """The chosen file's visible sheets, read at once (a name list, quick); a file that
        cannot be read says why here."""
        path = self.chosen_path()
        if path == self.loaded:
            return
        self.loaded = None
        self.wizard().forget_plan()
        self.error.clear()
        names: list[str] = []
        if path is not None:
            try:
                if not path.is_file():
                    self.error.setText(_("There is no file at this place."))
                else:
                    names = sheets.sheet_names(path)
                    self.loaded = path
            except TiepCanError as error:
                self.error.setText(error.message())
            except OSError as error:
                self.error.setText(str(error))
        self._show_sheets(names)
        self.completeChanged.emit()

    def _show_sheets(self, names: list[str]) -> None:
        self.sheet.blockSignals(True)
        self.sheet.clear()
        self.sheet.addItems(names)
        self.sheet.blockSignals(False)
        several = len(names) > 1  # one sheet (or a CSV): nothing to choose
        self.sheet.setVisible(several)
        self.sheet_label.setVisible(several)

    def _kind_changed(self) -> None:
        self.wizard().forget_plan()
        self.retranslate()  # the template's tip names the kind

    def isComplete(self) -> bool:
        return self.loaded is not None and self.chosen_path() == self.loaded

    def validatePage(self) -> bool:
        self.load_sheets()  # a path typed and Next clicked at once
        return self.isComplete()

    def save_template(self) -> None:
        wizard, kind = self.wizard(), self.chosen_kind()
        name = _("Import template – {kind}").format(kind=_(KIND_LABELS[kind]))
        path, _filter = ask_save_path(
            self,
            _("Save a spreadsheet template"),
            file_name(name, suffix="xlsx"),
            _("Excel workbook (*.xlsx)"),
            settings=wizard.settings,
            key=FOLDER_KEY,
        )
        if not path:
            return
        try:
            sheets.write_template(kind, Path(path))
        except (TiepCanError, OSError) as error:
            self.error.setText(_message(error))
            return
        self.error.clear()
        wizard.say(self.template_hint, _("Template saved: {path}").format(path=path))


class MappingPage(QWizardPage):
    """One row per column of the sheet: its header, its first values, and the field it fills
    (or “(ignore)”). What TiepCan guessed is marked, so it is checked; a required field no
    column fills is named under the table, with an editor for one value for every row, and
    keeps Next closed until a column or that value fills it."""

    def __init__(self, wizard):
        super().__init__(wizard)
        self.combos: list[QComboBox] = []
        self.headers: list[str] = []
        self.same_values: dict[str, SameValueEditor] = {}  # field -> its value for every row
        self.same_labels: dict[str, QLabel] = {}
        self.refused = False  # the last reading of the sheet was refused
        self.proposed: set[str] = set()  # guessed, and not changed since
        self.hidden: set[str] = set()
        self.shown_key = None  # the file, kind and sheet the table shows
        self._replan = QTimer(self, singleShot=True, interval=REPLAN_DELAY_MS)
        self._replan.timeout.connect(self._plan_again)
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.missing = QLabel(self)
        self.missing.setProperty("role", "error")
        self.missing.setWordWrap(True)
        # A required field no column fills may take one value for every row instead.
        self.same_area = QWidget(self)
        self.same_form = QFormLayout(self.same_area)
        self.same_form.setContentsMargins(0, 0, 0, 0)
        self.same_area.hide()
        self.table = QTableWidget(0, 4, self)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        # Tab goes from one field's choice to the next, not from cell to cell.
        self.table.setTabKeyNavigation(False)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(HEADER, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SAMPLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(FIELD, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NOTE, QHeaderView.ResizeMode.ResizeToContents)
        self.status = QLabel(self)
        self.status.setProperty("role", "hint")
        self.status.setWordWrap(True)
        # While the sheet is read: to and fro until its rows are counted, then how far.
        self.progress = QProgressBar(self)
        self.progress.hide()
        layout.addWidget(self.intro)
        # Under the table, as Tab reaches them after the last column's choice.
        layout.addWidget(self.table, 1)
        layout.addWidget(self.missing)
        layout.addWidget(self.same_area)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(_("Match the columns"))
        self.intro.setText(
            _(
                "Each column of the sheet, with its first values. Choose the field it fills, or "
                "“(ignore)”. TiepCan proposed some: check the ones marked “proposed”. Fields "
                "marked * must be filled."
            )
        )
        self.table.setHorizontalHeaderLabels(
            [_("Column in the sheet"), _("First values"), _("Fills the field"), _("Note")]
        )
        self._show_missing(rebuild=True)

    def initializePage(self) -> None:
        wizard = self.wizard()
        if self.shown_key != wizard.plan_key() or wizard.plan is None:
            self._clear()
            wizard.start_plan(None)
        self._show_missing()

    def _clear(self) -> None:
        self.shown_key = None
        self.combos, self.headers = [], []
        self.proposed, self.hidden = set(), set()
        self.table.setRowCount(0)
        self.missing.clear()
        self._drop_same_values()

    def planning(self, busy: bool) -> None:
        if busy:
            words = (
                _("Reading the sheet again with these columns…")
                if self.combos
                else _("Reading the sheet…")
            )
            self.status.clear()
            self.progress.setRange(0, 0)
            self.progress.setFormat(f"{words} %p%")
            self.progress.setAccessibleName(words)
            self.progress.show()
        else:
            self.progress.hide()
        self.completeChanged.emit()

    def show_progress(self, done: int, total: int) -> None:
        if total and self.progress.maximum() != total:
            self.progress.setRange(0, total)
        self.progress.setValue(done)

    def planned(self, plan) -> None:
        """A plan arrived: the first for this file fills the table; later ones (after a changed
        match) only say what is still missing."""
        self.progress.hide()
        self.refused = False
        if self.shown_key != self.wizard().plan_key():
            self._fill(plan)
        self.status.setText(
            ngettext(
                "{count} row read below the header.",
                "{count} rows read below the header.",
                len(plan.rows),
            ).format(count=format_number(len(plan.rows)))
        )
        self._show_missing()
        self.completeChanged.emit()

    def failed(self, message: str) -> None:
        self.refused = True  # (a value for every row that cannot be read): Next stays closed
        self.progress.hide()
        self.status.clear()
        self.missing.setText(message)
        self.missing.show()
        self.completeChanged.emit()

    def _fill(self, plan) -> None:
        self._clear()
        self.shown_key = self.wizard().plan_key()
        fields = sheets.target_fields(plan.kind)
        self.headers = [column.header for column in plan.columns]
        self.proposed = {c.header for c in plan.columns if c.proposed and c.field}
        self.hidden = {column.header for column in plan.columns if column.hidden}
        self.table.setRowCount(len(plan.columns))
        previous = None
        for row, column in enumerate(plan.columns):
            header = QTableWidgetItem(column.header)
            header.setToolTip(column.header)
            sample = QTableWidgetItem(samples(plan, column.header))
            sample.setForeground(self.palette().placeholderText())
            combo = self._field_combo(fields, column.field)
            combo.setAccessibleName(column.header)
            self.table.setItem(row, HEADER, header)
            self.table.setItem(row, SAMPLE, sample)
            self.table.setItem(row, NOTE, QTableWidgetItem())
            self.table.setCellWidget(row, FIELD, combo)
            self.table.setRowHeight(row, combo.sizeHint().height() + 6)
            self.combos.append(combo)
            if previous is not None:  # Tab goes down the choices, in the sheet's order
                QWidget.setTabOrder(previous, combo)
            previous = combo
            self._show_note(row)
        if self.combos:
            self.combos[0].setFocus()

    def _field_combo(self, fields, chosen: str | None) -> QComboBox:
        combo = QComboBox(self.table)
        combo.addItem(_("(ignore)"), None)
        for field in fields:
            combo.addItem(f"{field.label} *" if field.required else field.label, field.name)
        combo.setCurrentIndex(max(combo.findData(chosen), 0) if chosen else 0)
        combo.currentIndexChanged.connect(lambda _index, c=combo: self._changed(c))
        combo.installEventFilter(self)  # a choice reached with Tab scrolls into view
        return combo

    def eventFilter(self, watched, event) -> bool:
        if event.type() == event.Type.FocusIn and watched in self.combos:
            self.table.scrollTo(self.table.model().index(self.combos.index(watched), FIELD))
        return super().eventFilter(watched, event)

    def _show_note(self, row: int) -> None:
        header = self.headers[row]
        notes = []
        if header in self.proposed:
            notes.append(_("proposed"))
        if header in self.hidden:
            notes.append(_("hidden in the sheet"))
        item = self.table.item(row, NOTE)
        item.setText(", ".join(notes))
        if header in self.proposed:
            item.setToolTip(_("TiepCan guessed this field from the column's header: check it."))
        elif header in self.hidden:
            item.setToolTip(_("This column is hidden in the sheet; it is not matched by itself."))

    def _changed(self, combo: QComboBox) -> None:
        row = self.combos.index(combo)
        self.proposed.discard(self.headers[row])  # the officer chose: no longer a guess
        self._show_note(row)
        self._replan.start()
        self.completeChanged.emit()  # Next waits for the sheet read with this match

    def mapping(self) -> dict[str, str | None]:
        return {
            header: combo.currentData()
            for header, combo in zip(self.headers, self.combos, strict=True)
        }

    def defaults(self) -> dict[str, object]:
        """The values given for every row, of the fields no column fills (a column chosen for
        a field since takes over from its value)."""
        mapped = set(self.mapping().values())
        return {
            name: editor.value()
            for name, editor in self.same_values.items()
            if editor.value() is not None and name not in mapped
        }

    def unfilled_fields(self) -> list:
        """The required fields no column fills, as the last reading of the sheet found them
        (the core knows what stands in for what: a family and a given name for a full name)."""
        plan = self.wizard().plan if self.wizard() is not None else None
        return list(plan.unmapped_required) if plan is not None and self.combos else []

    def missing_fields(self) -> list:
        """The required fields neither a column nor a value for every row fills."""
        given = self.defaults()
        return [field for field in self.unfilled_fields() if field.name not in given]

    def _show_missing(self, rebuild: bool = False) -> None:
        takes_values = plan_takes_defaults()
        if takes_values:
            self._show_same_values(rebuild)
        missing = self.missing_fields()
        if missing:
            fields = ", ".join(field.label for field in missing)
            self.missing.setText(
                _(
                    "No column fills {fields}: choose its column in the table, or give one value "
                    "for every row below."
                ).format(fields=fields)
                if takes_values
                else _("Choose a column for each required field: {fields}.").format(fields=fields)
            )
        elif self.combos:
            self.missing.clear()
        self.missing.setVisible(bool(self.missing.text()))

    def _show_same_values(self, rebuild: bool) -> None:
        """An editor for each required field no column fills (and each given a value and
        still filled by no column), in the order of the record's form; the ones shown already
        keep their value and the focus."""
        wizard = self.wizard()
        plan = wizard.plan if wizard is not None else None
        if not self.combos:
            self._drop_same_values()
        if plan is None or not self.combos:
            return  # a sheet being read: the values given stay
        wanted = {field.name for field in self.unfilled_fields()}
        mapped = set(self.mapping().values())
        wanted |= {name for name in self.defaults() if name not in mapped}
        fields = [field for field in sheets.target_fields(plan.kind) if field.name in wanted]
        if not rebuild and [field.name for field in fields] == list(self.same_values):
            return
        values = {name: editor.value() for name, editor in self.same_values.items()}
        self._drop_same_values()
        for field in fields:
            editor = SameValueEditor(plan.kind, field, self.same_area)
            label = QLabel(
                _("{field} – one value for every row that needs it:").format(field=field.label),
                self.same_area,
            )
            label.setBuddy(editor)
            editor.set_value(values.get(field.name))
            editor.changed.connect(self._same_value_changed)
            self.same_form.addRow(label, editor)
            self.same_values[field.name], self.same_labels[field.name] = editor, label
        previous = self.combos[-1] if self.combos else None
        for editor in self.same_values.values():  # Tab goes on from the last column's choice
            if previous is not None:
                QWidget.setTabOrder(previous, editor)
            previous = editor
        self.same_area.setVisible(bool(self.same_values))

    def _drop_same_values(self) -> None:
        while self.same_form.rowCount():
            self.same_form.removeRow(0)
        self.same_values, self.same_labels = {}, {}
        self.same_area.hide()

    def _same_value_changed(self) -> None:
        self._replan.start()
        self._show_missing()
        self.completeChanged.emit()  # Next waits for the sheet read with this value

    def _plan_again(self) -> None:
        self.wizard().start_plan(self.mapping(), self.defaults())

    def isComplete(self) -> bool:
        wizard = self.wizard()
        return (
            wizard.plan is not None
            and not wizard.planning()
            and not self._replan.isActive()
            and bool(self.combos)
            and not self.refused
            and not self.missing_fields()
            and self._read_with_these_values(wizard.plan)
        )

    def _read_with_these_values(self, plan) -> bool:
        """The plan holds the values given for every row now on screen (a core without
        them has none to hold)."""
        return getattr(plan, "defaults", None) is None or dict(plan.defaults) == self.defaults()


def skipped_colour() -> QColor:
    return QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)


ROOT = QModelIndex()  # the invalid index: "the table itself"
STATUS_ROLE = Qt.ItemDataRole.UserRole + 1  # a row's status code, which the filter matches
ROW_ROLE = Qt.ItemDataRole.UserRole  # the sheet row number


class PlanRowsModel(QAbstractTableModel):
    """The dry run's rows for a view: every row of the plan at once (20,000 rows show as fast
    as 20), each cell made when the view asks for it. Likely duplicates are ticked here."""

    ticked = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list = []
        self.columns: list[str] = []  # the headers of the mapped columns, after REASON
        self.names: dict[str, str] = {}  # uuid -> name of the record a duplicate is like
        self.chosen: set[int] = set()  # indexes of the duplicates ticked to import anyway
        self._reasons: dict[int, str] = {}
        self._refused: dict[int, dict[str, str]] = {}
        self._icons: dict[str, QIcon] = {}

    def show_plan(self, plan, names: dict[str, str]) -> None:
        self.beginResetModel()
        self.rows = list(plan.rows)
        self.columns = [c.header for c in plan.columns if c.field]
        self.names = names
        self.chosen = set()
        self._reasons, self._refused = {}, {}
        self.endResetModel()

    def relabel(self) -> None:
        """The language changed: the same rows, other words."""
        self._reasons = {}
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        if self.rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.rows) - 1, self.columnCount() - 1)
            )

    def rowCount(self, parent=ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=ROOT) -> int:
        return 0 if parent.isValid() else REASON + 1 + len(self.columns)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section < REASON + 1:
            return (_("Row"), _("Status"), _("Import anyway"), _("Reason"))[section]
        return (
            self.columns[section - REASON - 1] if section - REASON - 1 < len(self.columns) else None
        )

    def flags(self, index: QModelIndex):
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == ANYWAY and self.rows[index.row()].status == "duplicate":
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        number, column = index.row(), index.column()
        row = self.rows[number]
        if column == ROW:
            return self._number(row, role)
        if column == STATUS:
            return self._status(row, role)
        if column == ANYWAY:
            return self._anyway(number, row, role)
        if column == REASON:
            return self._reason(number, row, role)
        return self._cell(number, row, self.columns[column - REASON - 1], role)

    def _number(self, row, role):
        if role == Qt.ItemDataRole.DisplayRole:
            return format_number(row.row)
        if role == ROW_ROLE:
            return row.row
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _status(self, row, role):
        if role == Qt.ItemDataRole.DisplayRole:
            return _(STATUS_TEXTS[row.status])
        if role == Qt.ItemDataRole.DecorationRole:
            if row.status not in self._icons:
                self._icons[row.status] = status_icon(row.status)
            return self._icons[row.status]
        if role == STATUS_ROLE:
            return row.status
        return None

    def _anyway(self, number: int, row, role):
        if row.status != "duplicate":
            return None
        if role == Qt.ItemDataRole.CheckStateRole:
            ticked = number in self.chosen
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return _("Tick to import this row although it looks like a record already saved")
        return None

    def _reason(self, number: int, row, role):
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            why = self._reasons.get(number)
            if why is None:
                why = self._reasons[number] = self._why(row)
            return why.replace("\n", "; ") if role == Qt.ItemDataRole.DisplayRole else why
        if role == Qt.ItemDataRole.ForegroundRole and row.status == "refused":
            return QColor(ERROR_COLOUR)
        if role == Qt.ItemDataRole.ForegroundRole and row.status == "skipped":
            return skipped_colour()  # grey: nothing is wrong, the row is not a record
        return None

    def _why(self, row) -> str:
        why = reasons(row)
        name = self.names.get(row.duplicate_of) if row.status == "duplicate" else None
        if name:  # the record it is like, to look it up
            like = _("Recorded as “{name}”.").format(name=name)
            why = f"{why} {like}" if why else like
        return why

    def _cell(self, number: int, row, header: str, role):
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            refused = self._refused_cells(number, row)
            if role == Qt.ItemDataRole.ToolTipRole and header in refused:
                return refused[header]
            return row.cells.get(header, "")
        if role == Qt.ItemDataRole.BackgroundRole and header in self._refused_cells(number, row):
            return REFUSED_TINT
        if role == Qt.ItemDataRole.ForegroundRole and header in self._refused_cells(number, row):
            return QColor(ERROR_COLOUR)
        return None

    def _refused_cells(self, number: int, row) -> dict[str, str]:
        """header -> reason, for the cells of a refused row that are why."""
        if row.status != "refused":
            return {}
        found = self._refused.get(number)
        if found is None:
            found = self._refused[number] = {p.column: p.reason for p in row.problems}
        return found

    def setData(self, index: QModelIndex, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not (
            self.flags(index) & Qt.ItemFlag.ItemIsUserCheckable
        ):
            return False
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self.chosen.add(index.row())
        else:
            self.chosen.discard(index.row())
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.ticked.emit()
        return True

    def toggle(self, number: int) -> bool:
        """Space on a likely duplicate's row: tick it, or untick it. False for other rows."""
        index = self.index(number, ANYWAY)
        if not self.flags(index) & Qt.ItemFlag.ItemIsUserCheckable:
            return False
        ticked = number in self.chosen
        self.setData(
            index,
            Qt.CheckState.Unchecked if ticked else Qt.CheckState.Checked,
            Qt.ItemDataRole.CheckStateRole,
        )
        return True

    def include_duplicates(self) -> list[int]:
        return sorted(self.rows[number].row for number in self.chosen)


class CheckPage(QWizardPage):
    """The dry run: every row with what the import would do with it and why, likely duplicates
    that may be ticked to import anyway, and the refused rows to save for correcting."""

    def __init__(self, wizard):
        super().__init__(wizard)
        self.plan = None
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        self.counts = QLabel(self)
        self.counts.setTextFormat(Qt.TextFormat.RichText)
        self.counts.setWordWrap(True)
        self.filter_label = QLabel(self)
        self.filter = QComboBox(self)
        self.filter_label.setBuddy(self.filter)
        self.filter.currentIndexChanged.connect(self._apply_filter)
        self.save_refused = QPushButton(self)
        self.save_refused.clicked.connect(self.write_refused)
        top = QHBoxLayout()
        top.addWidget(self.filter_label)
        top.addWidget(self.filter)
        top.addStretch(1)
        top.addWidget(self.save_refused)
        self.model = PlanRowsModel(self)
        self.model.ticked.connect(self._update_import_text)
        # The status filter: the rows whose status code is the one chosen (all when none).
        self.shown = QSortFilterProxyModel(self)
        self.shown.setSourceModel(self.model)
        self.shown.setFilterKeyColumn(STATUS)
        self.shown.setFilterRole(STATUS_ROLE)
        self.table = QTableView(self)
        self.table.setModel(self.shown)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.setIconSize(QSize(12, 12))
        # Widths from the first rows, not all 20,000 (as the record lists measure theirs).
        self.table.horizontalHeader().setResizeContentsPrecision(MEASURED_ROWS)
        self.table.installEventFilter(self)  # Space ticks a duplicate from any cell of its row
        self.table.setItemDelegateForColumn(REASON, ReasonDelegate(self.table))
        self.table.selectionModel().currentRowChanged.connect(self._show_detail)
        # The reason of the row under the cursor, whole and wrapped (the column cuts it).
        self.detail = QLabel(self)
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.hide()
        # How many teams the people's team column makes or adds to (when the core says).
        self.teams = QLabel(self)
        self.teams.setWordWrap(True)
        self.teams.hide()
        self.hint = QLabel(self)
        self.hint.setProperty("role", "hint")
        self.hint.setWordWrap(True)
        layout.addWidget(self.counts)
        layout.addWidget(self.teams)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.hint)
        QWidget.setTabOrder(self.filter, self.table)
        QWidget.setTabOrder(self.table, self.save_refused)
        self.retranslate()

    @property
    def rows(self) -> list:
        """The plan's rows, in the table's order (before the filter)."""
        return self.model.rows

    def retranslate(self) -> None:
        self.setTitle(_("Check before importing"))
        self.filter_label.setText(_("&Show:"))
        self.save_refused.setText(_("Save the &refused rows…"))
        self.save_refused.setToolTip(
            _(
                "A spreadsheet of the refused rows with the reason beside each: correct them "
                "there and import that file."
            )
        )
        self.hint.setText(
            _(
                "Nothing is saved yet. Possible duplicates are left out unless you tick them "
                "(Space); refused rows are left out."
            )
        )
        self.setButtonText(QWizard.WizardButton.NextButton, self._import_text())
        if self.plan is not None:
            self.model.relabel()
            self._fill_filter(keep=True)
            self.counts.setText(counts_html(self.plan.counts))
            self._show_teams()
            self._show_detail(self.table.currentIndex())

    def initializePage(self) -> None:
        plan = self.wizard().plan
        if plan is not self.plan:
            self._fill(plan)
        self.table.setFocus()

    def _fill(self, plan) -> None:
        self.plan = plan
        self.model.show_plan(plan, self._duplicate_names(plan))
        self._fit_columns()
        self._fill_filter()
        self.counts.setText(counts_html(plan.counts))
        self._show_teams()
        self.save_refused.setEnabled(plan.counts.get("refused", 0) > 0)
        self._update_import_text()
        if self.rows:  # the keys start on the first row, which is not shown as selected
            self.table.selectionModel().setCurrentIndex(
                self.shown.index(0, STATUS), QItemSelectionModel.SelectionFlag.NoUpdate
            )
        self._show_detail(self.table.currentIndex())

    def _show_detail(self, index: QModelIndex) -> None:
        """The reason of the row under the cursor, whole, below the table."""
        why = (
            self.shown.index(index.row(), REASON).data(Qt.ItemDataRole.ToolTipRole)
            if (index.isValid())
            else None
        )
        if not why:
            self.detail.clear()
            self.detail.hide()
            return
        number = self.shown.index(index.row(), ROW).data()
        self.detail.setText(
            _("Row {row}: {reason}").format(row=number, reason=why.replace("\n", "; "))
        )
        self.detail.show()

    def _show_teams(self) -> None:
        text = teams_text(getattr(self.plan, "teams_summary", None))
        self.teams.setText(text)
        self.teams.setVisible(bool(text))

    def _duplicate_names(self, plan) -> dict[str, str]:
        """The names of the records the likely duplicates are like: read with the plan; an
        older plan without them has each looked up once."""
        names = dict(getattr(plan, "recorded_names", None) or {})
        store = self.wizard().store
        for uuid in {row.duplicate_of for row in plan.rows if row.duplicate_of} - set(names):
            try:
                data = svc.get(store, plan.kind, uuid)["data"]
            except TiepCanError:
                continue  # a row of this same sheet, not a saved record
            names[uuid] = str(data.get(NAME_FIELD[plan.kind]) or "")
        return names

    def _fit_columns(self) -> None:
        """Each column as wide as its first rows need, up to CELL_WIDTH; the reason up to
        REASON_SHARE of the assistant's width, as it is what the dry run is read for."""
        self.table.resizeColumnsToContents()
        reason_room = max(CELL_WIDTH, int(self.wizard().width() * REASON_SHARE))
        for column in range(self.model.columnCount()):
            room = reason_room if column == REASON else CELL_WIDTH
            if self.table.columnWidth(column) > room:
                self.table.setColumnWidth(column, room)
        self.table.horizontalHeader().setStretchLastSection(True)

    def _fill_filter(self, keep: bool = False) -> None:
        """The statuses with their counts; all rows shown, or (`keep`) the status shown still."""
        counts = self.plan.counts
        chosen = self.filter.currentData() if keep else None
        self.filter.blockSignals(True)
        self.filter.clear()
        self.filter.addItem(
            _("All rows ({count})").format(count=format_number(len(self.rows))), None
        )
        for status in STATUSES:
            label = f"{_(STATUS_TEXTS[status])} ({format_number(counts.get(status, 0))})"
            self.filter.addItem(status_icon(status), label, status)
        self.filter.setCurrentIndex(max(self.filter.findData(chosen), 0) if chosen else 0)
        self.filter.blockSignals(False)
        self._apply_filter()

    def _apply_filter(self) -> None:
        wanted = self.filter.currentData()
        pattern = f"^{wanted}$" if wanted is not None else ""
        self.shown.setFilterRegularExpression(QRegularExpression(pattern))
        self._show_detail(self.table.currentIndex())  # the row under the cursor may be gone

    def shown_rows(self) -> list[int]:
        """The sheet row numbers the filter lets through (for tests and the reader)."""
        return [self.shown.index(i, ROW).data(ROW_ROLE) for i in range(self.shown.rowCount())]

    def include_duplicates(self) -> list[int]:
        return self.model.include_duplicates()

    def to_import(self) -> int:
        new = self.plan.counts.get("new", 0) if self.plan else 0
        return new + len(self.include_duplicates())

    def _import_text(self) -> str:
        count = self.to_import()
        return ngettext("&Import {count} record", "&Import {count} records", count).format(
            count=format_number(count)
        )

    def _update_import_text(self) -> None:
        self.setButtonText(QWizard.WizardButton.NextButton, self._import_text())
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.to_import() > 0

    def eventFilter(self, watched, event) -> bool:
        # Space on a likely duplicate's row ticks it, wherever in the row the cursor is (the
        # table alone would tick it only from its own cell, and search the rows otherwise).
        if (
            watched is self.table
            and event.type() == event.Type.KeyPress
            and event.key() == Qt.Key.Key_Space
            and self.table.currentIndex().isValid()
        ):
            number = self.shown.mapToSource(self.table.currentIndex()).row()
            if self.model.toggle(number):
                return True
        return super().eventFilter(watched, event)

    def write_refused(self) -> None:
        self.wizard().write_refused(self.hint)


class ImportPage(QWizardPage):
    """The import itself, in the background, with a bar and Cancel; then what it did."""

    def __init__(self, wizard):
        super().__init__(wizard)
        self.task = None
        self.result: dict | None = None
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        # The refused rows may still be saved once imported (there is no way back then).
        self.save_refused = QPushButton(self)
        self.save_refused.clicked.connect(lambda: self.wizard().write_refused(self.saved))
        self.save_refused.hide()
        self.saved = QLabel(self)
        self.saved.setProperty("role", "hint")
        self.saved.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary)
        refused_row = QHBoxLayout()
        refused_row.addWidget(self.save_refused)
        refused_row.addStretch(1)
        layout.addLayout(refused_row)
        layout.addWidget(self.saved)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(_("Importing") if self.result is None else _("Imported"))
        self.save_refused.setText(_("Save the &refused rows…"))

    def initializePage(self) -> None:
        wizard = self.wizard()
        plan, include = wizard.plan, wizard.check_page.include_duplicates()
        count = wizard.check_page.to_import()
        store = wizard.store
        self.result = None
        for label in (self.summary, self.saved, self.error):
            label.clear()
        self.save_refused.hide()
        self.progress.setRange(0, 0)  # to and fro until the work can be counted
        self.progress.show()
        self.status.setText(
            ngettext("Importing {count} record…", "Importing {count} records…", count).format(
                count=format_number(count)
            )
        )
        wizard.set_going_back(False)

        def work(progress):
            return sheets.apply_import(store, plan, include_duplicates=include, progress=progress)

        self.task = run_task(work, self._done, self._failed, self._show_progress)
        self.retranslate()

    def _show_progress(self, done: int, total: int) -> None:
        if total and self.progress.maximum() != total:
            self.progress.setRange(0, total)
        self.progress.setValue(done)

    def cancel(self) -> None:
        """Cancel or Escape while importing: the work stops at its next row, writes nothing."""
        if self.task is not None and not self.task.cancelled:
            self.task.cancel()
            self.status.setText(_("Stopping…"))

    def _done(self, result: dict) -> None:
        self.task = None
        wizard = self.wizard()
        if wizard is None:
            return
        self.result = result
        self.progress.hide()  # done: the words say the rest
        self.retranslate()
        self.status.setText(self._summary_line(result))
        self.summary.setText(self._left_out(wizard))
        self.save_refused.setVisible(wizard.plan.counts.get("refused", 0) > 0)
        wizard.imported(result)
        self.completeChanged.emit()

    def _summary_line(self, result: dict) -> str:
        count = result.get("imported", 0)
        where = _(KIND_LABELS[self.wizard().plan.kind])
        return ngettext(
            "{count} record imported. It is in the list of {kind}.",
            "{count} records imported. They are in the list of {kind}.",
            count,
        ).format(count=format_number(count), kind=where)

    def _left_out(self, wizard) -> str:
        counts = wizard.plan.counts
        kept_out = counts.get("duplicate", 0) - len(wizard.check_page.include_duplicates())
        lines = []
        if kept_out:
            lines.append(
                ngettext(
                    "{count} possible duplicate left out.",
                    "{count} possible duplicates left out.",
                    kept_out,
                ).format(count=format_number(kept_out))
            )
        if counts.get("refused", 0):
            lines.append(
                ngettext(
                    "{count} refused row left out: save it, correct it there and import that file.",
                    "{count} refused rows left out: save them, correct them there and import "
                    "that file.",
                    counts["refused"],
                ).format(count=format_number(counts["refused"]))
            )
        return "\n".join(lines)

    def _failed(self, error: BaseException) -> None:
        self.task = None
        if self.wizard() is None:
            return
        self.progress.hide()
        self.wizard().set_going_back(True)
        if isinstance(error, Cancelled):
            self.status.setText(_("Cancelled. Nothing was written."))
        elif isinstance(error, TiepCanError):
            self.status.setText(_("Nothing was imported."))
            self.error.setText(error.message())
        else:
            self.status.setText(_("Nothing was imported."))
            raise error  # a bug: the crash dialog, with its log
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.result is not None


class ImportSheetWizard(QWizard):
    """`result` is apply_import's answer once records were imported, else None."""

    def __init__(self, store, settings, kind: str = "people", parent=None):
        super().__init__(parent)
        self.store = store
        self.settings = settings
        self.plan = None
        self.result: dict | None = None
        self.imported_kind: str | None = None  # the kind of the records imported, if any
        self._planned_key = None  # the file, kind and sheet `plan` was read from
        self._plan_task = None
        self._generation = 0
        self.choose_page = ChoosePage(self)
        self.mapping_page = MappingPage(self)
        self.check_page = CheckPage(self)
        self.import_page = ImportPage(self)
        for page in (self.choose_page, self.mapping_page, self.check_page, self.import_page):
            self.addPage(page)
        if kind in KIND_LABELS:
            self.choose_page.kind.setCurrentIndex(list(KIND_LABELS).index(kind))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.retranslate()
        self._fit_to_screen()
        self.choose_page.path.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Import from a spreadsheet"))
        for which, text in (
            (QWizard.WizardButton.BackButton, _("Back")),
            (QWizard.WizardButton.NextButton, _("Next")),
            (QWizard.WizardButton.FinishButton, _("Close")),
            (QWizard.WizardButton.CancelButton, _("Cancel")),
        ):
            self.setButtonText(which, text)
        for page in (self.choose_page, self.mapping_page, self.check_page, self.import_page):
            page.retranslate()

    def _fit_to_screen(self) -> None:
        """Most of the screen (SCREEN_SHARE of its free room): a sheet's columns and the dry
        run's reasons need it, and a fixed size was cramped on a large screen."""
        screen = self.screen()
        if screen is None:
            height = self.fontMetrics().height()
            self.resize(max(900, 70 * height), max(640, 40 * height))
            return
        free = screen.availableGeometry()
        self.resize(int(free.width() * SCREEN_SHARE), int(free.height() * SCREEN_SHARE))
        self.move(free.center() - self.rect().center())

    # -- the plan, read in the background --------------------------------------------------

    def plan_key(self):
        page = self.choose_page
        return (page.loaded, page.chosen_kind(), page.chosen_sheet())

    def forget_plan(self) -> None:
        """The file, kind or sheet changed: the plan read before says nothing of the new one."""
        self.plan = None
        self._planned_key = None
        self._generation += 1
        if self._plan_task is not None:
            self._plan_task.cancel()
            self._plan_task = None

    def planning(self) -> bool:
        return self._plan_task is not None

    def start_plan(self, mapping: dict | None, defaults: dict | None = None) -> None:
        """Read the sheet (again) with `mapping`, or TiepCan's proposal when None, and
        `defaults`: a value for every row of fields no column fills."""
        if self._plan_task is not None:
            self._plan_task.cancel()  # its plan is for a match no longer on screen
        self._generation += 1
        generation, key = self._generation, self.plan_key()
        store, (path, kind, sheet) = self.store, key
        given = {"defaults": defaults} if defaults and plan_takes_defaults() else {}

        def work(progress):
            return sheets.plan_import(
                store, path, kind, sheet=sheet, mapping=mapping, progress=progress, **given
            )

        def done(plan):
            if generation == self._generation:
                self._plan_task = None
                self.plan, self._planned_key = plan, key
                self.mapping_page.planned(plan)

        def failed(error):
            if generation != self._generation:
                return
            self._plan_task = None
            if isinstance(error, Cancelled):
                return
            if not isinstance(error, TiepCanError):
                self.mapping_page.failed(_("The sheet could not be read."))
                raise error
            self.mapping_page.failed(error.message())

        def progress(done: int, total: int) -> None:
            if generation == self._generation:
                self.mapping_page.show_progress(done, total)

        self._plan_task = run_task(work, done, failed, progress)
        self.mapping_page.planning(True)

    # -- after the import -----------------------------------------------------------------

    def imported(self, result: dict) -> None:
        self.result = result
        self.imported_kind = self.plan.kind
        self.setOption(QWizard.WizardOption.NoCancelButton, True)  # nothing left to cancel

    def set_going_back(self, allowed: bool) -> None:
        """While importing and once imported there is no way back; after a cancel or a refusal
        the dry run is one step back, to try again."""
        self.check_page.setCommitPage(not allowed)
        self.button(QWizard.WizardButton.BackButton).setEnabled(allowed)

    def write_refused(self, said: QLabel) -> None:
        """The refused rows, with the reason beside each, to a spreadsheet the officer
        corrects and imports; where it went (or why not) said in `said`."""
        stem = Path(self.plan.path).stem
        path, _filter = ask_save_path(
            self,
            _("Save the refused rows"),
            file_name(stem, _("refused rows"), suffix="xlsx"),
            _("Excel workbook (*.xlsx)"),
            settings=self.settings,
            key=FOLDER_KEY,
        )
        if not path:
            return
        try:
            sheets.write_refused(self.plan, Path(path))
        except (TiepCanError, OSError) as error:
            self.say(said, _message(error), error=True)
            return
        self.say(said, _("The refused rows were saved in {path}.").format(path=path))

    def say(self, label: QLabel, text: str, *, error: bool = False) -> None:
        label.setProperty("role", "error" if error else "hint")
        label.style().unpolish(label)
        label.style().polish(label)
        label.setText(text)

    # -- closing ---------------------------------------------------------------------------

    def reject(self) -> None:
        """Cancel or Escape: while importing, stop the import (the page says when nothing was
        written); with a dry run on screen, ask first, as the matching would be lost."""
        if self.import_page.task is not None:
            self.import_page.cancel()
            return
        if (
            self.result is None
            and self.plan is not None
            and not ask(
                self,
                _("Import from a spreadsheet"),
                _("Close the assistant? Nothing has been imported from this sheet."),
                _("Close"),
                _("Keep working"),
            )
        ):
            return
        self.forget_plan()
        super().reject()
