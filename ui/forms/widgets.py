"""One editor per field type of app.services.fields, each with its error line under it.

Every editor turns between the record's plain data (ISO dates, codes, uuids) and what the
officer sees (dd/MM/yyyy, Vietnamese labels, names)."""

import html
import re

from PySide6.QtCore import QDate, QStringListModel, Qt, Signal
from PySide6.QtGui import QIntValidator, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import current_language, format_number
from app.services.fields import Spec
from app.text import fold
from ui.strings import N_, _


class FieldEditor(QWidget):
    """An editor and the line under it where a validation message appears."""

    changed = Signal()

    def __init__(self, spec: Spec, parent=None):
        super().__init__(parent)
        self.spec = spec
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self.error = QLabel(self)
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()

    def _finish(self, editor: QWidget) -> None:
        self.editor = editor
        self._layout.addWidget(editor)
        self._layout.addWidget(self.error)
        self.setFocusProxy(editor)

    def show_error(self, path: str, message: str) -> QWidget:
        """Show `message` beside the part named by `path` (after this field's name); returns
        the widget to focus."""
        self.error.setText(message)
        self.error.show()
        return self.editor

    def clear_errors(self) -> None:
        self.error.hide()

    def retranslate(self) -> None:
        pass

    def unadded(self) -> "FieldEditor | None":
        """The editor (this one or one inside it) whose box holds typed text not yet added,
        which saving or closing would lose."""
        return None


def show_help(editor: FieldEditor, label: QLabel | None = None) -> None:
    """Puts what the field means, in the language shown, on its label and its editor: a tooltip
    for the mouse, What's This for the keyboard. Shift+F1 is Qt's own What's This key: in any
    part of an editor (a date's line, a picker's box) it shows the text of the nearest widget
    that has one, beside the field, until the next key or click. That is the native and quiet
    way: no hint line that changes at every Tab, nothing shown unless asked for. A screen reader
    reads the same text as the focused part's description."""
    text = _(editor.spec.help) if editor.spec.help else ""  # _("") would be the catalog header
    # As rich text Qt wraps a tooltip at a reading width; plain text runs the width of the screen.
    shown = f"<p>{html.escape(text, quote=False)}</p>" if text else ""
    for widget in (label, editor):
        if widget is not None:
            widget.setToolTip(shown)
            widget.setWhatsThis(shown)
    if editor.focusProxy() is not None:
        editor.focusProxy().setAccessibleDescription(text)


class LineEditor(FieldEditor):
    def __init__(self, spec: Spec, suggestions: list[str] | None = None, parent=None):
        super().__init__(spec, parent)
        editor = QLineEdit(self)
        editor.setMaxLength(500)
        editor.textEdited.connect(self.changed)
        if suggestions:
            completer = QCompleter(suggestions, editor)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            editor.setCompleter(completer)
        self._finish(editor)

    def value(self):
        return self.editor.text()

    def set_value(self, value) -> None:
        self.editor.setText(value or "")
        self.editor.setCursorPosition(0)  # show a long title from its start


def parse_time(typed: str) -> str | None:
    """A time of day as officers type it: 14:30, 14h30, 14h, 1430, 930 (09:30) or 9 (09:00);
    None for anything that is not one."""
    text = typed.strip().lower()
    if text.isdigit() and len(text) <= 4:
        hours, minutes = (text, "0") if len(text) <= 2 else (text[:-2], text[-2:])
    else:
        found = _TIME_TYPED.fullmatch(text)
        if found is None:
            return None
        hours, minutes = found.group(1), found.group(2) or "0"
    if int(hours) > 23 or int(minutes) > 59:
        return None
    return f"{int(hours):02d}:{int(minutes):02d}"


# 14:30, 14.30, 14h30, 14g30, "14 giờ 30 phút", 14h: hours, a separator, then two digits or none.
_TIME_TYPED = re.compile(r"(\d{1,2})\s*(?:[:.hg]|giờ|gio)\s*(\d{2})?\s*(?:phút|phut|p)?")


class TimeEditor(LineEditor):
    def __init__(self, spec: Spec, parent=None):
        super().__init__(spec, parent=parent)
        self.editor.setPlaceholderText("08:30")
        self.editor.setMaxLength(12)  # room for "14 giờ 30"
        self.editor.setMaximumWidth(self.editor.fontMetrics().horizontalAdvance("00:00") * 3)
        self.editor.textEdited.connect(self.clear_errors)
        self.editor.editingFinished.connect(self._tidy)

    def _tidy(self) -> None:
        # Shown as it will be stored; what is no time is said at once, not only when saving.
        text = self.editor.text().strip()
        parsed = parse_time(text)
        if parsed is not None:
            self.editor.setText(parsed)
        elif text:
            super().show_error("", _("Type a time of day such as 14:30, 1430 or 14h30."))

    def value(self):
        text = self.editor.text().strip()
        # Anything unreadable goes to the service as typed, which names the field in its refusal.
        return parse_time(text) or text or None


class TextEditor(FieldEditor):
    def __init__(self, spec: Spec, parent=None):
        super().__init__(spec, parent)
        editor = QPlainTextEdit(self)
        editor.setTabChangesFocus(True)  # Tab moves on, as in every other field
        editor.setMinimumHeight(70)
        editor.setMaximumHeight(140)
        editor.textChanged.connect(self.changed)
        self._finish(editor)

    def value(self):
        return self.editor.toPlainText()

    def set_value(self, value) -> None:
        self.editor.setPlainText(value or "")


class NumberEditor(FieldEditor):
    """Whole numbers, typed plainly; thousands may be typed with dots (1.500.000)."""

    def __init__(self, spec: Spec, parent=None):
        super().__init__(spec, parent)
        editor = QLineEdit(self)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight)
        editor.setMaximumWidth(editor.fontMetrics().horizontalAdvance("100.000.000.000") * 2)
        editor.textEdited.connect(self.changed)
        self._finish(editor)

    def value(self):
        # Thousands typed with dots (1.500.000), spaces, or in English commas (1,500,000).
        marks = [".", " ", "\u00a0"] + ([","] if current_language() == "en" else [])
        text = self.editor.text().strip()
        for mark in marks:
            text = text.replace(mark, "")
        if not text:
            return None
        try:
            return int(text)
        except ValueError:
            return text  # the service names the field: "must be a whole number"

    def set_value(self, value) -> None:
        self.editor.setText("" if value is None else format_number(value))


class YearEditor(NumberEditor):
    def __init__(self, spec: Spec, parent=None):
        super().__init__(spec, parent)
        self.editor.setValidator(QIntValidator(0, 2100, self.editor))
        self.editor.setMaximumWidth(self.editor.fontMetrics().horizontalAdvance("0000") * 3)

    def set_value(self, value) -> None:
        self.editor.setText("" if value is None else str(value))


class DateEditor(FieldEditor):
    """A date typed as officers write it (15/03/2024, 15/3/2024 or 15032024) or picked from a
    calendar. An optional date may stay empty and can be cleared; one line, one Tab stop."""

    def __init__(self, spec: Spec, parent=None):
        super().__init__(spec, parent)
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.line = QLineEdit(box)
        self.line.setPlaceholderText("dd/mm/yyyy")
        self.line.setMaximumWidth(self.line.fontMetrics().horizontalAdvance("00/00/00000") * 2)
        self.line.textEdited.connect(self.changed)
        self.line.editingFinished.connect(self._tidy)
        self.pick = QToolButton(box)
        self.pick.setText("▾")  # in every common font, unlike a calendar emoji
        self.pick.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard types; the mouse picks
        self.pick.setToolTip(_("Choose from a calendar"))
        self.pick.clicked.connect(self._open_calendar)
        row.addWidget(self.line)
        row.addWidget(self.pick)
        row.addStretch(1)
        self._finish(box)
        self.setFocusProxy(self.line)
        self.set_value(None)

    def _parsed(self) -> QDate | None:
        text = self.line.text().strip()
        digits = re.findall(r"\d+", text)
        if len(digits) == 1 and len(digits[0]) == 8:  # 15032024
            digits = [digits[0][:2], digits[0][2:4], digits[0][4:]]
        if len(digits) != 3 or len(digits[2]) != 4:
            return None
        date = QDate(int(digits[2]), int(digits[1]), int(digits[0]))
        return date if date.isValid() else None

    def _tidy(self) -> None:
        date = self._parsed()
        if date is not None:
            self.line.setText(date.toString("dd/MM/yyyy"))

    def _open_calendar(self) -> None:
        popup = QCalendarWidget(self)
        popup.setWindowFlags(Qt.WindowType.Popup)
        popup.setSelectedDate(self._parsed() or QDate.currentDate())
        popup.clicked.connect(
            lambda date: (
                self.line.setText(date.toString("dd/MM/yyyy")),
                self.changed.emit(),
                popup.close(),
            )
        )
        popup.move(self.pick.mapToGlobal(self.pick.rect().bottomLeft()))
        popup.show()

    def value(self):
        text = self.line.text().strip()
        if not text:
            return None
        date = self._parsed()
        # Anything unreadable goes to the service as typed, which names the field in its refusal.
        return date.toString("yyyy-MM-dd") if date is not None else text

    def set_value(self, value) -> None:
        if value:
            self.line.setText(QDate.fromString(value, "yyyy-MM-dd").toString("dd/MM/yyyy"))
        elif self.spec.required:
            self.line.setText(QDate.currentDate().toString("dd/MM/yyyy"))
        else:
            self.line.clear()


class BoolEditor(FieldEditor):
    def __init__(self, spec: Spec, parent=None):
        super().__init__(spec, parent)
        editor = QCheckBox(self)
        editor.toggled.connect(self.changed)
        self._finish(editor)
        self.retranslate()

    def retranslate(self) -> None:
        self.editor.setText(_(self.spec.label))

    def value(self):
        return self.editor.isChecked()

    def set_value(self, value) -> None:
        self.editor.setChecked(bool(self.spec.default if value is None else value))


class ChoiceEditor(FieldEditor):
    """An enumeration, or a list of (value, label) pairs such as the ward's teams."""

    def __init__(self, spec: Spec, options: list[tuple[str, str]] | None = None, parent=None):
        super().__init__(spec, parent)
        self._options = options
        editor = QComboBox(self)
        # Long labels may not widen the form past a screen at 200%: the popup shows them whole.
        editor.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        editor.setMinimumContentsLength(20)
        editor.currentIndexChanged.connect(self.changed)
        self._finish(editor)
        self.retranslate()

    def _items(self) -> list[tuple[str | None, str]]:
        if self._options is not None:
            items = list(self._options)
        else:
            language = current_language()
            items = [(choice.code, choice.label(language)) for choice in self.spec.enum]
        return items if self.spec.required else [(None, "—"), *items]

    def retranslate(self) -> None:
        current = self.value() if self.editor.count() else None
        self.editor.blockSignals(True)
        self.editor.clear()
        for code, label in self._items():
            self.editor.addItem(label, code)
        self.editor.blockSignals(False)
        self.set_value(current)

    def value(self):
        return self.editor.currentData()

    def set_value(self, value) -> None:
        if value is None and self.spec.default is not None:
            value = self.spec.default
        index = self.editor.findData(value)
        if index < 0 and value:
            # A stored choice no longer offered (a deleted person or team): keep it visibly, never
            # swap in another; saving then refuses it by name instead of changing it silently.
            self.editor.addItem(_("(no longer in the list)"), value)
            index = self.editor.count() - 1
        self.editor.setCurrentIndex(max(index, 0))


class CodesEditor(FieldEditor):
    """Several codes of an enumeration, ticked in a list."""

    def __init__(self, spec: Spec, parent=None):
        super().__init__(spec, parent)
        editor = QListWidget(self)
        editor.setMinimumHeight(120)
        editor.setMaximumHeight(170)
        editor.itemChanged.connect(self.changed)
        self._finish(editor)
        self.retranslate()

    def retranslate(self) -> None:
        ticked = set(self.value()) if self.editor.count() else set()
        self.editor.blockSignals(True)
        self.editor.clear()
        for choice in self.spec.enum:
            item = QListWidgetItem(choice.label(current_language()), self.editor)
            item.setData(Qt.ItemDataRole.UserRole, choice.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if choice.code in ticked else Qt.CheckState.Unchecked
            )
        self.editor.blockSignals(False)

    def value(self):
        return [
            self.editor.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.editor.count())
            if self.editor.item(i).checkState() == Qt.CheckState.Checked
        ]

    def set_value(self, value) -> None:
        chosen = set(value or [])
        for i in range(self.editor.count()):
            item = self.editor.item(i)
            state = item.data(Qt.ItemDataRole.UserRole) in chosen
            item.setCheckState(Qt.CheckState.Checked if state else Qt.CheckState.Unchecked)


class FoldedCompleter(QCompleter):
    """Completion that ignores case and diacritics and matches word starts in any order, as
    the search box does: "duc ng" offers "Nguyễn Văn Đức"."""

    def __init__(self, entries: list[tuple[str, str]], parent=None):
        super().__init__(parent)
        self._entries = entries
        # The words of each label, folded once: a ward may have thousands of people.
        self._words = [fold(label).split() for _, label in entries]
        self._model = QStringListModel(self)
        self.setModel(self._model)
        self.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.setMaxVisibleItems(12)

    def update_for(self, typed: str) -> None:
        words = fold(typed).split()
        matches = [
            label
            for (_, label), label_words in zip(self._entries, self._words, strict=True)
            if words and all(any(w.startswith(word) for w in label_words) for word in words)
        ]
        self._model.setStringList(matches[:50])

    def key_for(self, label: str) -> str | None:
        return next((key for key, text in self._entries if text == label), None)

    def label_for(self, key: str) -> str:
        return next((text for k, text in self._entries if k == key), _("(no longer in the list)"))


class EntryLine(QLineEdit):
    """A line whose Enter adds an entry: it must not also press the dialog's Save button."""

    entered = Signal()

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            popup = self.completer().popup() if self.completer() else None
            if popup is not None and popup.isVisible():
                if popup.currentIndex().isValid():
                    super().keyPressEvent(event)  # the completer takes the highlighted choice
                    return
                popup.hide()
            self.entered.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class ListPicker(FieldEditor):
    """A list built by typing: people (by folded name) or free texts such as laws. Enter (or the
    Add button) adds the typed entry; Delete removes the selected one."""

    def __init__(
        self,
        spec: Spec,
        entries: list[tuple[str, str]] | None = None,
        suggestions=None,
        parent=None,
    ):
        super().__init__(spec, parent)
        self._keys_only = entries is not None  # people: only known entries can be added
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.input = EntryLine(box)
        self.add_button = QPushButton(box)
        # Focused, the button is the dialog's default: Enter adds, as Space does, never saves.
        self.add_button.setAutoDefault(True)
        self.remove_button = QPushButton(box)
        self.remove_button.setAutoDefault(True)  # Enter on it removes, never saves
        self.remove_button.setEnabled(False)
        row.addWidget(self.input, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        self.list = QListWidget(box)
        self.list.setMaximumHeight(110)
        layout.addLayout(row)
        layout.addWidget(self.list)
        self.completer = FoldedCompleter(entries or [(s, s) for s in suggestions or []], self.input)
        self.input.setCompleter(self.completer)
        self.input.textEdited.connect(self.completer.update_for)
        self.input.textEdited.connect(self.clear_errors)
        self.input.entered.connect(self._add_typed)
        # Queued: the line puts the picked text in itself after this signal's direct slots, so
        # the text is cleared only once it is there.
        self.completer.activated.connect(self._add_label, Qt.ConnectionType.QueuedConnection)
        self.add_button.clicked.connect(self._add_typed)
        self.remove_button.clicked.connect(self._remove_selected)
        self.list.currentItemChanged.connect(self._update_remove)
        remove = QShortcut(QKeySequence.StandardKey.Delete, self.list, self._remove_selected)
        # Only while this list has the focus: a form holds several lists, and a window-wide
        # shortcut that several of them claim is ambiguous, so Qt would fire it for none.
        remove.setContext(Qt.ShortcutContext.WidgetShortcut)
        self._finish(box)
        self.setFocusProxy(self.input)
        self.retranslate()

    def retranslate(self) -> None:
        self.add_button.setText(_("Add"))
        self.remove_button.setText(_("Remove"))
        self.remove_button.setToolTip(_("Remove the chosen entry from the list (Delete)"))
        self.input.setPlaceholderText(
            _("Type a name without diacritics, then Enter")
            if self._keys_only
            else _("Type, then Enter")
        )

    def _add_label(self, label: str) -> None:
        key = self.completer.key_for(label) if self._keys_only else label.strip()
        if key and key not in self.value():
            item = QListWidgetItem(
                self.completer.label_for(key) if self._keys_only else key, self.list
            )
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.changed.emit()
        if key:
            self.input.clear()
            self.clear_errors()

    def _add_typed(self) -> None:
        typed = self.input.text().strip()
        if not typed:
            return
        if self._keys_only:
            self.completer.update_for(typed)
            matches = self.completer.model().stringList()
            if len(matches) == 1 or typed in matches:
                self._add_label(typed if typed in matches else matches[0])
            else:
                nobody = N_("No one in the list matches “{typed}”.")
                _say_what_matches(self, self.completer, typed, matches, nobody)
            return
        self._add_label(typed)

    def _remove_selected(self) -> None:
        """The selected entries, or the one the keyboard is on; the focus stays in the list
        while it has entries, else goes back to the box to type in."""
        chosen = self.list.selectedItems() or [self.list.currentItem()]
        for item in filter(None, chosen):
            self.list.takeItem(self.list.row(item))
            self.changed.emit()
        (self.list if self.list.count() else self.input).setFocus()
        self._update_remove()

    def _update_remove(self, *_args) -> None:
        self.remove_button.setEnabled(self.list.currentItem() is not None)

    def value(self):
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def set_value(self, value) -> None:
        self.list.clear()
        for key in value or []:
            label = self.completer.label_for(key) if self._keys_only else key
            item = QListWidgetItem(label, self.list)
            item.setData(Qt.ItemDataRole.UserRole, key)

    def unadded(self) -> FieldEditor | None:
        return self if self.input.text().strip() else None

    def show_error(self, path: str, message: str) -> QWidget:
        super().show_error(path, message)
        if path.isdigit() and int(path) < self.list.count():
            self.list.setCurrentRow(int(path))
            return self.list
        return self.input


class PersonPicker(FieldEditor):
    """One person, found by typing any part of the name without diacritics ("duc ng") among
    those offered, as in the lists; Enter or Tab takes the only match, the arrows pick among
    several. A stored choice no longer offered still shows its name, and is kept."""

    def __init__(
        self,
        spec: Spec,
        offered: list[tuple[str, str]],
        known: list[tuple[str, str]],
        nobody: str = N_("No one in the list matches “{typed}”."),
        parent=None,
    ):
        super().__init__(spec, parent)
        self._known = dict(known)  # every live person: names a stored choice, offered or not
        self._nobody = nobody  # msgid: what typed text matching none of those offered says
        self._key: str | None = None
        self.input = EntryLine(self)
        self.completer = FoldedCompleter(offered, self.input)
        self.input.setCompleter(self.completer)
        self.input.textEdited.connect(self._typed)
        self.input.entered.connect(lambda: self._resolve(on_enter=True))
        self.input.editingFinished.connect(lambda: self._resolve(on_enter=False))
        # Queued for the same reason as ListPicker's: the line sets its own text first.
        self.completer.activated.connect(self._pick, Qt.ConnectionType.QueuedConnection)
        self._finish(self.input)
        self.retranslate()

    def retranslate(self) -> None:
        self.input.setPlaceholderText(_("Type a name without diacritics, then Enter"))
        if self._key is not None:
            self.set_value(self._key)  # "(no longer in the list)" in the new language

    def _typed(self, text: str) -> None:
        self._key = None
        self.completer.update_for(text)
        self.clear_errors()
        self.changed.emit()

    def _pick(self, label: str) -> None:
        key = self.completer.key_for(label)
        if key is None:
            return
        self._key = key
        self.input.setText(label)
        self.input.setCursorPosition(0)
        self.clear_errors()
        self.changed.emit()

    def _resolve(self, on_enter: bool) -> None:
        typed = self.input.text().strip()
        if not typed or self._key is not None:
            return
        self.completer.update_for(typed)
        matches = self.completer.model().stringList()
        if len(matches) == 1 or typed in matches:
            self._pick(typed if typed in matches else matches[0])
        elif on_enter or not matches:
            _say_what_matches(self, self.completer, typed, matches, self._nobody)
        else:  # left with several matches: say so beside it, the popup would follow nobody
            super().show_error(
                "", _("Several people match “{typed}”: pick one from the list.").format(typed=typed)
            )

    def value(self):
        return self._key

    def set_value(self, value) -> None:
        self._key = value or None
        label = (self._known.get(value) or self.completer.label_for(value)) if value else ""
        self.input.setText(label)
        self.input.setCursorPosition(0)

    def unadded(self) -> FieldEditor | None:
        return self if self._key is None and self.input.text().strip() else None


def _say_what_matches(
    editor: FieldEditor, completer: FoldedCompleter, typed: str, matches, nobody: str
) -> None:
    """Enter on text that names nobody, or several: the popup offers the several to pick with
    the arrows; nobody is said beside the field. Nothing is added silently, nothing lost."""
    if matches:
        completer.complete()
    else:
        FieldEditor.show_error(editor, "", _(nobody).format(typed=typed))
