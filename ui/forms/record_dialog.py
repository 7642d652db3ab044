"""The create / edit dialog of every kind, built from the kind's fields and grouped as
ui.forms.layouts says. Validation messages come from the services and appear beside the field."""

from collections.abc import Iterator

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLayout,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app import enums
from app.errors import RecordError
from app.services import records as svc
from app.services.kinds import KINDS
from ui.forms.factory import Context, make_editor
from ui.forms.layouts import GROUPS
from ui.forms.widgets import FieldEditor, show_help
from ui.strings import N_, _, label_buttons

TITLES = {
    "sessions": (N_("New outreach session"), N_("Outreach session")),
    "cases": (N_("New mediation case"), N_("Mediation case")),
    "people": (N_("New person"), N_("Person")),
    "teams": (N_("New mediation team"), N_("Mediation team")),
    "trainings": (N_("New training"), N_("Training")),
}


class RecordDialog(QDialog):
    def __init__(
        self,
        store,
        kind: str,
        record: dict | None = None,
        parent=None,
        *,
        read_only: bool = False,
        ward_name: str = "",
    ):
        super().__init__(parent)
        self.store = store
        self.kind = KINDS[kind]
        self.record = record  # None: a new record
        # A district reads what the wards sent: it shows a record and changes nothing.
        self.read_only = read_only
        self.ward_name = ward_name  # whose record, in the title, when a district reads it
        self.saved: dict | None = None
        self.editors: dict[str, FieldEditor] = {}
        self.labels: dict[str, QLabel] = {}
        self.groups: list[tuple[QGroupBox, str]] = []
        self._dirty = False
        self._following_focus = False
        self._build(Context.load(store, record["ward_code"] if record else None))
        self._load(record["data"] if record else {})  # a new record starts from the defaults
        if record is None and "direct" in self.editors:
            self._form_changed()
        self.retranslate()
        self._dirty = False  # only what the officer changes from here on counts
        self.resize(760, 720)
        if read_only:
            # The arrows and PgUp/PgDn scroll what the disabled fields show; Esc closes.
            self.scroll.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            self.scroll.setFocus()
        else:
            next(iter(self.editors.values())).setFocus()  # type at once, no Tab first

    # -- building --------------------------------------------------------------------------

    def _build(self, context: Context) -> None:
        outer = QVBoxLayout(self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from field to field only
        body = QWidget(scroll)
        column = QVBoxLayout(body)
        column.setSpacing(14)
        specs = self.kind.by_name
        for title, names in GROUPS[self.kind.name]:
            group = QGroupBox(body)
            form = QFormLayout(group)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
            for name in names:
                spec = specs[name]
                editor = make_editor(spec, context, group)
                editor.changed.connect(self._mark_dirty)
                if spec.type in ("bool", "objects"):
                    form.addRow(editor)
                else:
                    label = QLabel(group)
                    label.setBuddy(editor)
                    form.addRow(label, editor)
                    self.labels[name] = label
                self.editors[name] = editor
            column.addWidget(group)
            self.groups.append((group, title))
        column.addStretch(1)
        scroll.setWidget(body)
        self.scroll = scroll
        if self.read_only:
            body.setEnabled(False)
            self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        else:
            self.buttons = QDialogButtonBox(
                QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
            )
            self.buttons.accepted.connect(self.save)
            QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(scroll)
        outer.addWidget(self.buttons)
        if "form" in self.editors and "direct" in self.editors:
            self.editors["form"].changed.connect(self._form_changed)
            if self.record is None:
                self._form_changed()

    def _form_changed(self) -> None:
        # Whether a session counts as direct follows its form, until the officer says otherwise.
        form = self.editors["form"].value()
        if form in enums.SESSION_FORMS:
            self.editors["direct"].set_value(enums.SESSION_FORMS[form].flag)

    def retranslate(self) -> None:
        new, existing = TITLES[self.kind.name]
        title = _(existing if self.record else new)
        self.setWindowTitle(f"{title} – {self.ward_name}" if self.ward_name else title)
        for group, title in self.groups:
            group.setTitle(_(title))
        specs = self.kind.by_name
        for name, label in self.labels.items():
            label.setText(_(specs[name].label) + (" *" if specs[name].required else ""))
        for name, editor in self.editors.items():
            editor.retranslate()
            show_help(editor, self.labels.get(name))
        label_buttons(self.buttons)

    # -- the keyboard ------------------------------------------------------------------------

    def focusNextPrevChild(self, forward: bool) -> bool:
        """Tab goes the way the eye reads: down the form field by field, through each block
        where it shows (one added while the dialog is open too), then the buttons, and round.
        Qt's own order is the one widgets were made in: an added block came after the buttons."""
        stops = [w for w in _tab_stops(self.layout()) if w.isVisibleTo(self) and w.isEnabled()]
        focused = self.focusWidget()
        if focused is None or not stops:
            return super().focusNextPrevChild(forward)
        here = next(
            (i for i, stop in enumerate(stops) if stop is focused or stop.isAncestorOf(focused)),
            None,
        )
        if here is None:
            return super().focusNextPrevChild(forward)
        target = stops[(here + (1 if forward else -1)) % len(stops)]
        reason = Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason
        target.setFocus(reason)
        return True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._following_focus:
            QApplication.instance().focusChanged.connect(self._follow_focus)
            self._following_focus = True

    def hideEvent(self, event) -> None:
        if self._following_focus:
            QApplication.instance().focusChanged.disconnect(self._follow_focus)
            self._following_focus = False
        super().hideEvent(event)

    def _follow_focus(self, _old, new) -> None:
        # The field the keyboard reaches is always in sight: scrolled to now, and again once a
        # block just added has been laid out (its place is known only then).
        if new is not None and self.scroll.widget().isAncestorOf(new):
            self.scroll.ensureWidgetVisible(new)
            QTimer.singleShot(0, self, self._scroll_to_focus)

    def _scroll_to_focus(self) -> None:
        focused = QApplication.focusWidget()
        if focused is not None and self.scroll.widget().isAncestorOf(focused):
            self.scroll.ensureWidgetVisible(focused)

    # -- data ------------------------------------------------------------------------------

    def _load(self, data: dict) -> None:
        for name, editor in self.editors.items():
            editor.set_value(data.get(name))

    def collect(self) -> dict:
        return {name: editor.value() for name, editor in self.editors.items()}

    def _mark_dirty(self) -> None:
        self._dirty = True

    def save(self) -> None:
        if self.saved is not None:  # already saved: a second Ctrl+S must not save it twice
            return
        unadded = self._unadded()
        if unadded is not None:
            text = " ".join(
                (
                    self._unadded_sentence(unadded),
                    _("To add it, keep editing and press Enter in that box."),
                )
            )
            if not self._leave_anyway(text, _("Save without it")):
                unadded.input.setFocus()
                return
        for editor in self.editors.values():
            editor.clear_errors()
        data = self.collect()
        try:
            if self.record is None:
                self.saved = svc.create(self.store, self.kind.name, data)
            else:
                self.saved = svc.update(self.store, self.kind.name, self.record["uuid"], data)
        except RecordError as error:
            self.show_error(error)
            return
        self.accept()

    def show_error(self, error: RecordError) -> None:
        name, _sep, rest = (error.field or "").partition(".")
        editor = self.editors.get(name)
        if editor is None:  # a rule about the whole record
            editor = next(iter(self.editors.values()))
        target = editor.show_error(rest, error.message())
        self.scroll.ensureWidgetVisible(editor)
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def reject(self) -> None:
        unadded = self._unadded()
        if self._dirty or unadded is not None:
            question = _("Close without saving your changes?")
            if unadded is not None:
                question = f"{self._unadded_sentence(unadded)}\n\n{question}"
            if not self._leave_anyway(question, _("Discard changes and close")):
                if unadded is not None:
                    unadded.input.setFocus()
                return
        super().reject()

    # -- what would be lost ----------------------------------------------------------------

    def _unadded(self) -> FieldEditor | None:
        """The first picker whose box holds typed text not added: saving or closing loses it."""
        for editor in self.editors.values():
            if (found := editor.unadded()) is not None:
                return found
        return None

    def _unadded_sentence(self, editor: FieldEditor) -> str:
        return _("“{text}” is typed in “{field}” but has not been added.").format(
            text=editor.input.text().strip(), field=_(editor.spec.label)
        )

    def _leave_anyway(self, text: str, leave: str) -> bool:
        """Asks before something is lost; True when the officer chooses to lose it. Keeping on
        editing is the default and what Escape does, so a reflex Enter loses nothing."""
        box = QMessageBox(QMessageBox.Icon.Question, self.windowTitle(), text, parent=self)
        leave_button = box.addButton(leave, QMessageBox.ButtonRole.DestructiveRole)
        stay = box.addButton(_("Keep editing"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(stay)
        box.setEscapeButton(stay)
        box.exec()
        return box.clickedButton() is leave_button


def _tab_stops(layout: QLayout) -> Iterator[QWidget]:
    """The widgets Tab stops at, in the order their layouts show them."""
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item.widget() is not None:
            yield from _widget_tab_stops(item.widget())
        elif item.layout() is not None:
            yield from _tab_stops(item.layout())


def _widget_tab_stops(widget: QWidget) -> Iterator[QWidget]:
    if widget.focusProxy() is None and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
        yield widget  # one stop, whatever its own inner parts (a list's viewport, say)
    elif isinstance(widget, QScrollArea):
        if widget.widget() is not None:
            yield from _widget_tab_stops(widget.widget())
    elif widget.layout() is not None:
        yield from _tab_stops(widget.layout())
